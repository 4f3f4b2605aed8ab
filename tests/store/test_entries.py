import datetime as dt

import pytest

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.periods import Period
from qdesk.plans.library import load_shipped
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.locks import unlock_period
from qdesk.store.plans import load_plan, save_plan, set_unit_target
from qdesk.store.status import period_status
from qdesk.store.submissions import record_submission
from qdesk.store.units import add_home_unit, add_subordinate


@pytest.fixture
def county(tmp_path):
    store = open_store(tmp_path / "c.qdesk", create=True)
    save_plan(store, load_shipped("bingtuan-2016"), "")
    home = add_home_unit(store, "659001", "石河子市")
    yield store, load_plan(store), home
    store.close()


def entries_count(store):
    return store.db["entries"].count


def test_the_plan_round_trips_through_the_database(county):
    store, plan, _ = county
    assert plan == load_shipped("bingtuan-2016")


def test_a_batch_is_written_whole_or_not_at_all(county):
    store, plan, home = county
    good = EntryInput("P01", "90", "100")
    bad = EntryInput("P02", "101", "100")
    with pytest.raises(InputError):
        set_entries(store, plan, home, Period.parse("2017Q1"), [good, bad])
    assert entries_count(store) == 0 and trail(store, "entries") == []
    assert set_entries(store, plan, home, Period.parse("2017Q1"), [good]) == 1


def test_an_unchanged_figure_is_not_rewritten_or_audited(county):
    store, plan, home = county
    q1 = Period.parse("2017Q1")
    set_entries(store, plan, home, q1, [EntryInput("P01", "90", "100")])
    assert set_entries(store, plan, home, q1, [EntryInput("P01", "90", "100")]) == 0
    set_entries(store, plan, home, q1, [EntryInput("P01", "91", "100", note="复核")])
    changes = trail(store, "entries")
    assert [c["action"] for c in changes] == ["insert", "update"]
    assert changes[1]["old"]["numerator"] == 90 and changes[1]["new"]["numerator"] == 91
    assert changes[1]["new"]["note"] == "复核" and changes[1]["operator"]


def test_a_submitted_period_is_locked_until_unlocked_with_a_reason(county):
    store, plan, home = county
    q1 = Period.parse("2017Q1")
    record_submission(store, home, q1, ReportKind.QUARTERLY)
    with pytest.raises(LockedPeriodError, match="已锁定"):
        set_entries(store, plan, home, q1, [EntryInput("P01", "90", "100")])
    with pytest.raises(InputError, match="理由"):
        unlock_period(store, q1, "  ")
    unlock_period(store, q1, "市局反馈P01批次有误")
    assert set_entries(store, plan, home, q1, [EntryInput("P01", "90", "100")]) == 1
    record_submission(store, home, q1, ReportKind.QUARTERLY)
    assert [r["correction"] for r in store.db.query("SELECT correction FROM submissions")] == [0, 1]


def test_an_annual_submission_locks_its_quarters_and_a_q4_one_the_annual_figures(county):
    store, plan, home = county
    record_submission(store, home, Period.parse("2017Q4"), ReportKind.QUARTERLY)
    with pytest.raises(LockedPeriodError):
        set_entries(store, plan, home, Period.parse("2017"), [EntryInput("S01", value="75")])
    set_entries(store, plan, home, Period.parse("2017Q3"), [EntryInput("P01", "9", "10")])
    record_submission(store, home, Period.parse("2016"), ReportKind.ANNUAL)
    with pytest.raises(LockedPeriodError):
        set_entries(store, plan, home, Period.parse("2016Q2"), [EntryInput("P01", "9", "10")])


def test_a_unit_target_overrides_the_plan_for_that_unit_only(county):
    store, plan, home = county
    town = add_subordinate(store, "659001100", "北泉镇", "township")
    set_unit_target(store, town.id, town.code, "P01", ">= 85")
    q1 = Period.parse("2018Q1")
    for unit in (home, town):
        set_entries(store, plan, unit, q1, [EntryInput("P01", "87", "100")])
    mine = {a.indicator.code: a for a in period_status(store, plan, town, q1)}
    theirs = {a.indicator.code: a for a in period_status(store, plan, home, q1)}
    assert mine["P01"].status.value == "met" and theirs["P01"].status.value == "not-met"
    assert trail(store, "targets")[0]["new"] == {"expr": ">= 85"}
    with pytest.raises(InputError):
        set_unit_target(store, town.id, town.code, "P01", "八十五以上")


def test_subordinate_credit_codes_are_checked(county):
    store, _, _ = county
    with pytest.raises(InputError, match="校验码"):
        add_subordinate(store, "D01", "市场监管局", "department", "91350100M000100Y44")
    unit = add_subordinate(store, "D01", "市场监管局", "department", "91350100M000100Y43")
    assert unit.credit_code == "91350100M000100Y43"


def test_status_is_on_track_during_the_year(county):
    store, plan, home = county
    set_entries(store, plan, home, Period.parse("2018Q1"), [EntryInput("P01", "95", "100")])
    status = {a.indicator.code: a for a in period_status(
        store, plan, home, Period.parse("2018Q1"), dt.date(2018, 5, 1))}
    assert status["P01"].on_track is True
    assert status["P02"].on_track is None


def test_the_latest_quarter_entered_is_the_newest_quarter_of_any_unit(tmp_path):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.entries import latest_quarter_entered

    path = tmp_path / "county.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(path) as store:
        assert latest_quarter_entered(store) is None
        plan = load_plan(store)
        township = add_subordinate(store, "211122101", "石新镇", "township")
        set_entries(store, plan, township, Period.parse("2019Q2"), [EntryInput("P02", "9", "10")])
        set_entries(store, plan, township, Period.parse("2020"), [EntryInput("P01", value="5")])
        assert latest_quarter_entered(store) == Period.parse("2019Q2")


def test_removing_figures_keeps_those_asked_for_and_audits_each_removal(county):
    from qdesk.store.entries import remove_entries

    store, plan, home = county
    q1 = Period.parse("2017Q1")
    set_entries(store, plan, home, q1, [EntryInput("P01", "90", "100"),
                                        EntryInput("P02", "5", "10", note="复核")])
    set_entries(store, plan, home, Period.parse("2017Q2"), [EntryInput("P01", "1", "2")])
    assert [r.indicator for r in remove_entries(store, home, q1, {(q1, "P01")},
                                                dry_run=True)] == ["P02"]
    assert entries_count(store) == 3
    removed = remove_entries(store, home, q1, {(q1, "P01")})
    assert [(r.period, r.indicator, r.old) for r in removed] == [(q1, "P02", (5, 10, None, "复核"))]
    assert entries_count(store) == 2            # P01 of Q1 kept, Q2 not reported by Q1
    change = trail(store, "entries")[-1]
    assert (change["action"], change["row_key"], change["new"]) == ("delete", "659001/2017Q1/P02",
                                                                    None)
    assert change["old"] == {"numerator": 5, "denominator": 10, "value": None, "note": "复核"}


def test_removing_figures_of_a_locked_period_is_refused_and_removes_none(county):
    from qdesk.store.entries import remove_entries

    store, plan, home = county
    q1 = Period.parse("2017Q1")
    set_entries(store, plan, home, q1, [EntryInput("P01", "90", "100")])
    record_submission(store, home, q1, ReportKind.QUARTERLY)
    audited = len(trail(store))
    with pytest.raises(LockedPeriodError):
        remove_entries(store, home, q1, set())
    assert entries_count(store) == 1 and len(trail(store)) == audited
