"""The entry sheet's 参照值 column without Qt: shown where a target takes it, typed on the office's unit."""

import pytest

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.references import ReferenceInput, set_references
from qdesk.store.units import add_subordinate, home_unit
from qdesk.views.entry_sheet import (COLUMN_COUNT, NOTE, NUMERATOR, REFERENCE, TARGET, CellState,
                                     EntrySheet)
from tests.factories import reference_template

Q3 = Period.parse("2026Q3")


@pytest.fixture
def district(tmp_path):
    """(store, plan, home, town): 江都区 on its own plan as `qdesk init` makes it, one town, and
    95 of 100 passed in 2026Q3 for both."""
    db = tmp_path / "district.qdesk"
    create_database(db, reference_template(tmp_path), "321012", "扬州市江都区")
    store = open_store(db)
    plan, home = load_plan(store), home_unit(store)
    town = add_subordinate(store, "321012100", "仙女镇", "township")
    for unit in (home, town):
        set_entries(store, plan, unit, Q3, [EntryInput("R01", "95", "100")])
    yield store, plan, home, town
    store.close()


def r01(sheet):
    return sheet.row_of("R01")


def status(sheet):
    row = sheet.row(r01(sheet))
    return row.assessment.status if row.assessment else None


def test_a_plan_without_such_a_target_has_no_reference_column(tmp_path):
    path = tmp_path / "county.qdesk"
    create_database(path, find_template("bingtuan-2016"), "659001", "石河子市")
    with open_store(path) as store:
        sheet = EntrySheet.load(store, load_plan(store), home_unit(store), Period.parse("2017Q1"))
        assert not sheet.has_references() and sheet.column_count() == COLUMN_COUNT


def test_the_offices_own_unit_types_the_reference_and_the_status_follows(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q3)
    row = r01(sheet)
    assert sheet.column_count() == REFERENCE + 1
    assert sheet.text(row, TARGET) == "＞参照值" and sheet.text(row, REFERENCE) == ""
    assert REFERENCE in sheet.editable_columns(row) and status(sheet) is Status.NO_DATA
    sheet.set_texts([(row, REFERENCE, " 93.5 ")])
    assert status(sheet) is Status.MET and sheet.cell_state(row, REFERENCE) is CellState.EDITED
    sheet.set_texts([(row, REFERENCE, "96")])
    assert status(sheet) is Status.NOT_MET
    assert sheet.has_edits() and sheet.edited_count() == 1 and sheet.changes() == []
    assert sheet.reference_changes() == [ReferenceInput("R01", "96", None)]


def test_a_reference_that_does_not_read_turns_its_cell_red_and_leaves_the_row_unjudged(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q3)
    sheet.set_texts([(r01(sheet), REFERENCE, "全省平均")])
    assert sheet.cell_state(r01(sheet), REFERENCE) is CellState.REFUSED
    assert status(sheet) is None and "不是数字" in sheet.row(r01(sheet)).first_problem()
    assert sheet.refused() == [sheet.row(r01(sheet))]


def test_a_refused_figure_and_a_refused_reference_are_both_named(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q3)
    sheet.set_texts([(r01(sheet), REFERENCE, "120"), (r01(sheet), NUMERATOR, "120")])
    problems = sheet.row(r01(sheet)).problems
    assert REFERENCE in problems and NUMERATOR in problems


def test_a_unit_under_the_office_reads_the_offices_reference_and_is_judged_by_it(district):
    store, plan, home, town = district
    set_references(store, plan, Q3, [ReferenceInput("R01", "96", "省局通报")])
    sheet = EntrySheet.load(store, plan, town, Q3)
    row = r01(sheet)
    assert sheet.text(row, REFERENCE) == "96" and REFERENCE not in sheet.editable_columns(row)
    assert sheet.cell_state(row, REFERENCE) is CellState.COMPUTED
    assert status(sheet) is Status.NOT_MET
    assert sheet.set_texts([(row, REFERENCE, "90")]) == [] and not sheet.has_edits()


def test_a_saved_reference_is_shown_as_stored_and_its_note_kept(district):
    store, plan, home, _ = district
    set_references(store, plan, Q3, [ReferenceInput("R01", "93.50", "省局通报")])
    sheet = EntrySheet.load(store, plan, home, Q3)
    assert sheet.text(r01(sheet), REFERENCE) == "93.50" and status(sheet) is Status.MET
    sheet.set_texts([(r01(sheet), REFERENCE, "94")])
    assert sheet.changes() == []
    set_references(store, plan, Q3, sheet.reference_changes())
    again = EntrySheet.load(store, plan, home, Q3)
    assert again.row(r01(again)).reference_note == "省局通报" and not again.has_edits()


def test_clearing_the_reference_leaves_the_target_unjudged(district):
    store, plan, home, _ = district
    set_references(store, plan, Q3, [ReferenceInput("R01", "93.5")])
    sheet = EntrySheet.load(store, plan, home, Q3)
    sheet.set_texts([(r01(sheet), REFERENCE, "")])
    assert status(sheet) is Status.NO_DATA
    assert sheet.reference_changes() == [ReferenceInput("R01", None, None)]


def test_typed_references_are_kept_when_the_sheet_is_read_again_and_dropped_by_discard(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q3)
    sheet.set_texts([(r01(sheet), REFERENCE, "93.5")])
    kept = EntrySheet.load(store, plan, home, Q3, edits_of=sheet)
    assert kept.text(r01(kept), REFERENCE) == "93.5" and status(kept) is Status.MET
    kept.discard()
    assert not kept.has_edits() and status(kept) is Status.NO_DATA


def test_a_block_pasted_in_the_reference_column_fills_only_references(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q3)
    sheet.paste(r01(sheet), REFERENCE, [["93.5", "ignored"]])
    row = sheet.row(r01(sheet))
    assert row.reference_edit == "93.5" and row.edits == {}
    sheet.paste(r01(sheet), NUMERATOR, [["96", "100", "备注", "extra"]])
    assert row.edits == {"numerator": "96", "note": "备注"} and row.reference_edit == "93.5"
    assert sheet.text(r01(sheet), NOTE) == "备注"


def test_a_locked_period_takes_no_reference(district):
    store, plan, home, _ = district
    sheet = EntrySheet.load(store, plan, home, Q3, read_only=True)
    assert sheet.editable_columns(r01(sheet)) == ()
    assert sheet.set_texts([(r01(sheet), REFERENCE, "93.5")]) == []
