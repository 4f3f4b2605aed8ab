"""Reference figures (参照值) in a database made as `qdesk init` makes it: set, judged, refused."""

from dataclasses import replace
from decimal import Decimal

import pytest

from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.template_writer import template_text
from qdesk.store.audit import changes as recorded_changes, trail
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.locks import lock_period
from qdesk.store.plans import load_plan, update_plan
from qdesk.store.references import (ReferenceFigure, ReferenceInput, reference_codes,
                                    reference_figures, reference_values, set_references)
from qdesk.store.status import period_status, statuses_of
from qdesk.store.units import add_subordinate, home_unit
from qdesk.views.change_history import new_text, record_label, table_label
from tests.factories import reference_template

Q3 = Period.parse("2026Q3")


@pytest.fixture
def district(tmp_path):
    """(store, plan, home, town): 江都区 on its own plan, with one town and no figures."""
    db = tmp_path / "district.qdesk"
    create_database(db, reference_template(tmp_path), "321012", "扬州市江都区")
    store = open_store(db)
    town = add_subordinate(store, "321012100", "仙女镇", "township")
    yield store, load_plan(store), home_unit(store), town
    store.close()


def status_of(store, plan, unit, period, code):
    return next(a for a in period_status(store, plan, unit, period) if a.indicator.code == code)


def stored(store):
    return list(store.query("SELECT indicator_id, period, value, note FROM reference_figures"))


def test_the_indicators_judged_against_a_reference_are_those_whose_target_says_so(district):
    store, plan, *_ = district
    assert reference_codes(store, plan, 2026) == {"R01", "R02"}


def test_without_its_reference_figure_a_target_against_it_reads_no_data(district):
    store, plan, home, _ = district
    set_entries(store, plan, home, Q3, [EntryInput("R01", "95", "100")])
    assert status_of(store, plan, home, Q3, "R01").status.value == "no-data"


def test_a_figure_above_the_reference_is_met_and_one_below_it_is_not(district):
    store, plan, home, _ = district
    set_entries(store, plan, home, Q3, [EntryInput("R01", "95", "100")])
    changed = set_references(store, plan, Q3, [ReferenceInput("R01", "93.5", "省局通报")])
    assert changed.touches(["reference_figures"]) and changed.periods == {Q3}
    met = status_of(store, plan, home, Q3, "R01")
    assert met.status.value == "met" and met.basis.value == Decimal("93.5")
    set_references(store, plan, Q3, [ReferenceInput("R01", "96")])
    assert status_of(store, plan, home, Q3, "R01").status.value == "not-met"


def test_the_offices_reference_figure_judges_every_unit_under_it(district):
    store, plan, home, town = district
    set_entries(store, plan, town, Q3, [EntryInput("R01", "90", "100")])
    set_entries(store, plan, home, Q3, [EntryInput("R01", "97", "100")])
    set_references(store, plan, Q3, [ReferenceInput("R01", "93.5")])
    every = statuses_of(store, plan, [home, town], Q3)
    assert [a.status.value for a in every[home.id] if a.indicator.code == "R01"] == ["met"]
    assert [a.status.value for a in every[town.id] if a.indicator.code == "R01"] == ["not-met"]


def test_a_reference_is_for_the_period_judged_a_year_of_quarters_by_its_own(district):
    store, plan, home, _ = district
    year = Period.parse("2026")
    set_entries(store, plan, home, Q3, [EntryInput("R01", "95", "100")])
    set_references(store, plan, Q3, [ReferenceInput("R01", "93.5")])
    assert status_of(store, plan, home, year, "R01").status.value == "no-data"
    set_references(store, plan, year, [ReferenceInput("R01", "94")])
    assert status_of(store, plan, home, year, "R01").status.value == "met"
    assert reference_values(store, year) == {"R01": 94}


def test_each_change_is_audited_and_worded_for_a_clerk(district):
    store, plan, *_ = district
    year = Period.parse("2026")
    set_references(store, plan, year, [ReferenceInput("R02", "85.2", "省统计局通报")])
    set_references(store, plan, year, [ReferenceInput("R02", "85.4", "省统计局通报")])
    set_references(store, plan, year, [ReferenceInput("R02", "")])
    rows = [(r["row_key"], r["action"], r["old"], r["new"], r["period"])
            for r in trail(store, "reference_figures")]
    assert rows == [
        ("2026/R02", "insert", None, {"value": "85.2", "note": "省统计局通报"}, "2026"),
        ("2026/R02", "update", {"value": "85.2", "note": "省统计局通报"},
         {"value": "85.4", "note": "省统计局通报"}, "2026"),
        ("2026/R02", "delete", {"value": "85.4", "note": "省统计局通报"}, None, "2026")]
    newest = recorded_changes(store, table="reference_figures")[1]
    assert table_label("reference_figures") == "参照值" and record_label(newest) == "R02"
    assert "数值：85.4" in new_text(newest)
    assert stored(store) == []


def test_the_same_figure_again_changes_nothing(district):
    store, plan, *_ = district
    set_references(store, plan, Q3, [ReferenceInput("R01", "93.5", "省局通报")])
    assert not set_references(store, plan, Q3, [ReferenceInput("R01", "93.5", " 省局通报 ")])
    assert len(trail(store, "reference_figures")) == 1


def test_the_figures_are_listed_by_period_in_plan_order(district):
    store, plan, *_ = district
    set_references(store, plan, Period.parse("2026"), [ReferenceInput("R02", "85"),
                                                       ReferenceInput("R01", "94")])
    set_references(store, plan, Q3, [ReferenceInput("R01", "93.50", "省局通报")])
    assert reference_figures(store) == [
        ReferenceFigure("R01", Period.parse("2026"), Decimal("94"), None),
        ReferenceFigure("R02", Period.parse("2026"), Decimal("85"), None),
        ReferenceFigure("R01", Q3, Decimal("93.50"), "省局通报")]
    assert [f.indicator for f in reference_figures(store, Q3)] == ["R01"]


@pytest.mark.parametrize("item, words", [
    (ReferenceInput("R03", "2"), "不与参照值比较"),
    (ReferenceInput("R01", "九十"), "不是数字"),
    (ReferenceInput("R01", "120"), "超出0至100"),
    (ReferenceInput("X99", "90"), "不存在"),
])
def test_a_bad_reference_figure_is_refused_and_nothing_changes(district, item, words):
    store, plan, *_ = district
    period = Period.parse("2026") if item.indicator == "R03" else Q3
    with pytest.raises(InputError) as caught:
        set_references(store, plan, period, [ReferenceInput("R01", "93"), item])
    assert words in caught.value.render("zh")
    assert stored(store) == [] and trail(store, "reference_figures") == []


def test_an_annual_indicators_reference_is_refused_for_a_quarter(district):
    store, plan, *_ = district
    with pytest.raises(InputError, match="按年度填报"):
        set_references(store, plan, Q3, [ReferenceInput("R02", "85")])


def test_a_locked_period_refuses_a_reference_figure_as_it_refuses_an_entry(district):
    store, plan, *_ = district
    lock_period(store, Q3)
    with pytest.raises(LockedPeriodError, match="已锁定"):
        set_references(store, plan, Q3, [ReferenceInput("R01", "93.5")])
    assert stored(store) == []


def test_inside_the_grids_transaction_a_refused_reference_writes_no_figure_either(district):
    store, plan, home, _ = district
    with pytest.raises(InputError), store.transaction():
        set_entries(store, plan, home, Q3, [EntryInput("R01", "95", "100")])
        set_references(store, plan, Q3, [ReferenceInput("R01", "abc")])
    assert status_of(store, plan, home, Q3, "R01").measure is None
    assert trail(store, "entries") == []


def test_removing_an_indicator_with_reference_figures_only_removes_them_too(district):
    store, plan, *_ = district
    set_references(store, plan, Period.parse("2026"), [ReferenceInput("R02", "85")])
    new = replace(plan, indicators=tuple(i for i in plan.indicators if i.code != "R02"))
    update_plan(store, new, template_text(new))
    assert stored(store) == []
    assert [r["action"] for r in trail(store, "reference_figures")] == ["insert", "delete"]
