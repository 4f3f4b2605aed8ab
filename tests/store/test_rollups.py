"""The office's figure rolled up from its units, in a district made as `qdesk init` makes it."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qdesk.core.attainment import Status
from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan, update_plan
from qdesk.store.status import period_status, status_record
from qdesk.store.units import add_subordinate, home_unit, retire_unit
from qdesk.views.overview import Overview
from tests.factories import UNITS_TEMPLATE, retire_in_template, units_template

Q1, Q2, H1 = Period.parse("2026Q1"), Period.parse("2026Q2"), Period.parse("2026H1")
LATER = dt.date(2030, 1, 1)


@pytest.fixture
def district(tmp_path):
    """(store, plan, home, towns): 江都区 on the units plan, with four towns and no figures."""
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    store = open_store(db)
    towns = [add_subordinate(store, code, name, "township") for code, name in (
        ("100", "仙女镇"), ("101", "小纪镇"), ("102", "武坚镇"), ("103", "樊川镇"))]
    yield store, load_plan(store), home_unit(store), towns
    store.close()


def status_of(store, plan, unit, period, code):
    return next(a for a in period_status(store, plan, unit, period, LATER)
                if a.indicator.code == code)


def entries(store):
    return store.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_the_office_s_rate_is_the_ratio_of_its_towns_summed_counts(district):
    store, plan, home, towns = district
    for town, (n, d) in zip(towns, [(90, 100), (45, 50), (199, 200)]):
        set_entries(store, plan, town, Q1, [EntryInput("D01", str(n), str(d))])
    a = status_of(store, plan, home, Q1, "D01")
    assert (a.measure.numerator, a.measure.denominator) == (334, 350)
    assert (a.display, a.status, a.reported, a.units) == ("95.4", Status.MET, 3, 4)
    record = status_record(a)
    assert (record["reported"], record["units"], record["numerator"]) == (3, 4, 334)


def test_the_office_s_year_rolls_its_towns_up_quarter_by_quarter(district):
    store, plan, home, towns = district
    set_entries(store, plan, towns[0], Q1, [EntryInput("D01", "80", "100")])
    set_entries(store, plan, towns[1], Q2, [EntryInput("D01", "100", "100")])
    a = status_of(store, plan, home, H1, "D01")
    assert (a.measure.numerator, a.measure.denominator, a.reported, a.units) == (180, 200, 2, 4)


def test_an_entered_figure_carries_no_count_of_units(district):
    store, plan, home, towns = district
    set_entries(store, plan, home, Q1, [EntryInput("D03", "88", "100")])
    a = status_of(store, plan, home, Q1, "D03")
    assert (a.reported, a.units) == (None, None)
    assert (status_record(a)["reported"], status_record(a)["units"]) == (None, None)


def test_a_town_retired_is_not_counted_after_its_date_and_still_counted_before(district):
    store, plan, home, towns = district
    for town in towns:
        set_entries(store, plan, town, Q1, [EntryInput("D01", "90", "100")])
    retire_unit(store, towns[3].code, dt.date(2026, 4, 1))
    for town in towns[:3]:
        set_entries(store, plan, town, Q2, [EntryInput("D01", "95", "100")])
    assert (status_of(store, plan, home, Q1, "D01").units,
            status_of(store, plan, home, Q1, "D01").measure.denominator) == (4, 400)
    q2 = status_of(store, plan, home, Q2, "D01")
    assert (q2.reported, q2.units, q2.measure.denominator) == (3, 3, 300)
    assert status_of(store, plan, home, H1, "D01").measure.denominator == 700


def test_a_figure_typed_for_the_office_on_a_rolled_up_indicator_is_refused_and_nothing_changes(
        district):
    store, plan, home, towns = district
    with pytest.raises(InputError) as info:
        set_entries(store, plan, home, Q1, [EntryInput("D03", "88", "100"),
                                             EntryInput("D01", "90", "100")])
    assert "指标D01由下级单位汇总，不能直接填报" in info.value.render("zh")
    assert entries(store) == 0
    set_entries(store, plan, towns[0], Q1, [EntryInput("D01", "90", "100")])
    assert entries(store) == 1


def test_a_retired_indicator_keeps_its_figures_and_is_refused_for_new_ones(district, tmp_path):
    store, plan, home, towns = district
    set_entries(store, plan, home, Q1, [EntryInput("D05", "96", "100")])
    update_plan(store, load_plan_text(tmp_path, retire_in_template(UNITS_TEMPLATE, "D05")),
                retire_in_template(UNITS_TEMPLATE, "D05"))
    plan = load_plan(store)
    assert plan.indicator("D05").retired
    with pytest.raises(InputError) as info:
        set_entries(store, plan, home, Q2, [EntryInput("D05", "97", "100")])
    assert "指标D05已停用，不再填报" in info.value.render("zh")
    assert entries(store) == 1
    assert status_of(store, plan, home, Q1, "D05").status is Status.MET
    assert status_of(store, plan, home, Q2, "D05").status is Status.NOT_DUE


def test_an_indicator_can_change_its_source_while_it_has_figures(district, tmp_path):
    store, plan, home, towns = district
    set_entries(store, plan, home, Q1, [EntryInput("D03", "88", "100")])
    text = UNITS_TEMPLATE.replace('responsible = "市场监管局"\n',
                                  'responsible = "市场监管局"\nsource = "units"\n')
    update_plan(store, load_plan_text(tmp_path, text), text)
    assert load_plan(store).indicator("D03").rolled_up


def load_plan_text(folder, text):
    from qdesk.plans.template import load_template
    return load_template(units_template(folder, text))


@given(figures=st.lists(st.integers(1, 500).flatmap(lambda d: st.tuples(st.integers(0, d),
                                                                         st.just(d))),
                        min_size=1, max_size=3))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_town_s_nothing_to_count_changes_neither_the_roll_up_nor_the_counts(district, figures):
    store, plan, home, towns = district
    with store.transaction() as db:
        db.execute("DELETE FROM entries")
    for town, (n, d) in zip(towns, figures):
        set_entries(store, plan, town, Q1, [EntryInput("D01", str(n), str(d))])
    before = status_of(store, plan, home, Q1, "D01")
    counts = Overview(store, plan, home, Q1, LATER).counts
    set_entries(store, plan, towns[3], Q1, [EntryInput("D01", none=True)])
    after = status_of(store, plan, home, Q1, "D01")
    assert (after.measure, after.status, after.display) == (before.measure, before.status,
                                                            before.display)
    assert (after.reported, after.not_applicable) == (before.reported + 1, 1)
    assert Overview(store, plan, home, Q1, LATER).counts == counts


def test_an_office_whose_towns_all_have_nothing_to_count_has_nothing_to_count(district):
    store, plan, home, towns = district
    for town in towns[:2]:
        set_entries(store, plan, town, Q1, [EntryInput("D01", "无")])
    a = status_of(store, plan, home, Q1, "D01")
    assert (a.status, a.shown, a.reported, a.not_applicable) == (Status.NOT_APPLICABLE, "无此项",
                                                                 2, 2)
    record = status_record(a)
    assert (record["status"], record["display"], record["value"]) == ("not-applicable", "无此项",
                                                                      None)
    h1 = status_of(store, plan, home, H1, "D01")
    assert h1.status is Status.NOT_APPLICABLE


def test_nothing_to_count_is_stored_as_a_figure_and_audited(district):
    store, plan, home, towns = district
    set_entries(store, plan, towns[0], Q1, [EntryInput("D01", "9", "10")])
    assert set_entries(store, plan, towns[0], Q1, [EntryInput("D01", none=True,
                                                              note="本季度未抽检")]) == 1
    row = store.execute("SELECT numerator, denominator, value, note FROM entries").fetchone()
    assert tuple(row) == (None, None, None, "本季度未抽检")
    trail = store.execute("SELECT old, new FROM audit WHERE table_name = 'entries'"
                          " ORDER BY id DESC").fetchone()
    assert '"numerator": 9' in trail[0] and '"numerator": null' in trail[1]


@pytest.mark.parametrize("item, words", [
    (EntryInput("D03", "5", "10", none=True), "“无此项”与数据不能同时填写"),
    (EntryInput("D03", "无", "10"), "“无此项”与数据不能同时填写"),
    (EntryInput("D03", "0", "0"), "请记为“无此项”"),
])
def test_nothing_to_count_with_a_figure_or_a_zero_denominator_is_refused_and_nothing_changes(
        district, item, words):
    store, plan, home, towns = district
    with pytest.raises(InputError) as info:
        set_entries(store, plan, home, Q1, [item])
    assert words in info.value.render("zh")
    assert entries(store) == 0


def test_a_town_with_a_quarter_of_nothing_to_count_and_a_figure_is_no_town_of_nothing_to_count(
        district):
    store, plan, home, towns = district
    set_entries(store, plan, towns[0], Q1, [EntryInput("D01", none=True)])
    set_entries(store, plan, towns[0], Q2, [EntryInput("D01", "9", "10")])
    set_entries(store, plan, towns[1], Q1, [EntryInput("D01", none=True)])
    a = status_of(store, plan, home, H1, "D01")
    assert (a.reported, a.not_applicable, a.units) == (2, 1, 4)
    assert (a.measure.numerator, a.measure.denominator) == (9, 10)
