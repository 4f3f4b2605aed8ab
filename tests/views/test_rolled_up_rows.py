"""The entry grid's rolled-up and retired rows, and the sentence that sets an office's figure
beside its units' total, on a district made as `qdesk init` makes it."""

import datetime as dt

import pytest

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.template import load_template
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan, update_plan
from qdesk.store.units import add_subordinate, home_unit
from qdesk.views.both_figures import both_figures
from qdesk.views.entry_sheet import (DENOMINATOR, NOTE, NUMERATOR, VALUE, CellState,
                                     EntrySheet)
from qdesk.views.overview import Overview
from tests.factories import UNITS_TEMPLATE, retire_in_template, units_template

Q1, Q2 = Period.parse("2026Q1"), Period.parse("2026Q2")


@pytest.fixture
def district(tmp_path):
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    store = open_store(db)
    towns = [add_subordinate(store, code, name, "township") for code, name in (
        ("100", "仙女镇"), ("101", "小纪镇"), ("102", "武坚镇"))]
    plan = load_plan(store)
    for town, (n, d) in zip(towns[:2], [(90, 100), (45, 50)]):
        set_entries(store, plan, town, Q1, [EntryInput("D01", str(n), str(d)),
                                            EntryInput("D03", str(n + 5), str(d + 5))])
    yield store, plan, home_unit(store), towns
    store.close()


def test_the_office_s_rolled_up_row_shows_the_towns_total_read_only_with_how_many_reported(
        district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q1)
    row = sheet.row_of("D01")
    assert (sheet.text(row, NUMERATOR), sheet.text(row, DENOMINATOR), sheet.text(row, VALUE)) \
        == ("135", "150", "90.0")
    assert sheet.text(row, NOTE) == "3个单位中2个已填报"
    assert sheet.editable_columns(row) == ()
    assert {sheet.cell_state(row, c) for c in (NUMERATOR, DENOMINATOR, NOTE)} == {
        CellState.COMPUTED}
    assert sheet.row(row).assessment.status is Status.MET


def test_the_rolled_up_row_says_how_many_of_the_towns_reported_only_无此项(district):
    store, plan, home, towns = district
    set_entries(store, plan, towns[2], Q1, [EntryInput("D01", "无此项")])
    sheet = EntrySheet.load(store, plan, home, Q1)
    row = sheet.row_of("D01")
    assert sheet.text(row, NOTE) == "3个单位中3个已填报（其中1个无此项）"
    assert (sheet.text(row, NUMERATOR), sheet.text(row, DENOMINATOR)) == ("135", "150")


def test_typing_or_pasting_into_a_rolled_up_row_changes_nothing(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q1)
    row = sheet.row_of("D01")
    assert sheet.set_texts([(row, NUMERATOR, "1"), (row, DENOMINATOR, "2")]) == []
    sheet.paste(row, NUMERATOR, [["1", "2", "note"]])
    assert not sheet.has_edits() and sheet.changes() == []
    assert sheet.text(row, NUMERATOR) == "135"


def test_a_town_s_own_row_of_a_rolled_up_indicator_is_typed_as_any_other(district):
    store, plan, _, towns = district
    sheet = EntrySheet.load(store, plan, towns[2], Q1)
    row = sheet.row_of("D01")
    assert sheet.editable_columns(row) == (NUMERATOR, DENOMINATOR, NOTE)
    assert sheet.set_texts([(row, NUMERATOR, "9"), (row, DENOMINATOR, "10")]) == [row]


def test_a_retired_indicator_is_off_the_grid_but_where_it_has_a_figure(district, tmp_path):
    store, plan, home, _ = district
    set_entries(store, plan, home, Q1, [EntryInput("D05", "96", "100")])
    text = retire_in_template(UNITS_TEMPLATE, "D05")
    update_plan(store, load_template(units_template(tmp_path, text)), text)
    plan = load_plan(store)
    assert EntrySheet.load(store, plan, home, Q2).row_of("D05") == -1
    sheet = EntrySheet.load(store, plan, home, Q1)
    row = sheet.row_of("D05")
    assert sheet.text(row, NOTE) == "已停用，不再填报" and sheet.editable_columns(row) == ()
    assert sheet.row(row).assessment.status is Status.MET


def test_the_office_s_own_figure_and_its_towns_total_are_told_apart_in_one_sentence(district):
    store, plan, home, _ = district
    set_entries(store, plan, home, Q1, [EntryInput("D03", "888", "1000")])
    view = Overview(store, plan, home, Q1, dt.date(2026, 4, 2))
    sentence = view.both_figures(view.units_on(plan.indicator("D03")))
    # the towns: (95 + 50) / (105 + 55) = 90.625 %, the ratio of their sums
    assert sentence == "全区由区市场监管局统计为88.8%，各乡镇合计为90.6%"


def test_no_sentence_where_the_figure_is_the_towns_total_or_the_two_agree(district):
    store, plan, home, towns = district
    view = Overview(store, plan, home, Q1, dt.date(2026, 4, 2))
    assert view.both_figures(view.units_on(plan.indicator("D01"))) is None
    set_entries(store, plan, home, Q1, [EntryInput("D03", "145", "160")])
    view = Overview(store, plan, home, Q1, dt.date(2026, 4, 2))
    assert view.both_figures(view.units_on(plan.indicator("D03"))) is None


def test_without_a_responsible_unit_the_sentence_names_the_area_alone(district):
    from dataclasses import replace

    store, plan, home, towns = district
    set_entries(store, plan, home, Q1, [EntryInput("D03", "888", "1000")])
    view = Overview(store, plan, home, Q1, dt.date(2026, 4, 2))
    units = view.units_on(plan.indicator("D03"))
    own = replace(next(a for a in view.statuses if a.indicator.code == "D03"))
    own = replace(own, indicator=replace(own.indicator, responsible=None))
    assert both_figures(plan, home, own, units.total, towns) == "全区为88.8%，各乡镇合计为90.6%"


def test_the_overview_charts_a_rolled_up_indicator_from_its_towns_quarter_by_quarter(district):
    store, plan, home, _ = district
    view = Overview(store, plan, home, Q1, dt.date(2026, 4, 2))
    point = next(p for p in view.trend(plan.indicator("D01")).points if p.quarter == Q1)
    assert (point.measure.numerator, point.measure.denominator, point.met) == (135, 150, True)
