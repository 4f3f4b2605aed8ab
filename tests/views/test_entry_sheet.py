"""The entry sheet's rules without Qt: rows due, editable cells, paste, stored texts, checks, filter."""

import pytest

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit
from qdesk.views.entry_sheet import (CATEGORY, DENOMINATOR, NOTE, NUMERATOR, STATUS, TARGET, VALUE,
                                     CellState, EntrySheet, parse_block)

Q1, YEAR = Period.parse("2017Q1"), Period.parse("2017")
QUARTERLY = ["P01", "P02", "P03", "P04", "P05", "P06", "E01", "E02", "E03"]


@pytest.fixture
def county(tmp_path):
    """A new database as `qdesk init` makes it: the 兵团 plan and the office's own unit, no figure."""
    path = tmp_path / "county.qdesk"
    create_database(path, find_template("bingtuan-2016"), "659001", "石河子市")
    store = open_store(path)
    yield store
    store.close()


def sheet_of(store, period, **options):
    return EntrySheet.load(store, load_plan(store), home_unit(store), period, **options)


def store_figures(store, period, *items):
    set_entries(store, load_plan(store), home_unit(store), period, list(items))


def codes(sheet):
    return [sheet.row(n).indicator.code for n in range(sheet.row_count())]


def texts(sheet, code, *columns):
    return tuple(sheet.text(sheet.row_of(code), column) for column in columns)


def test_a_period_lists_the_indicators_due_in_it_in_plan_order(county):
    assert codes(sheet_of(county, Q1)) == QUARTERLY
    assert codes(sheet_of(county, YEAR)) == ["S01", "S02", "S03", "V01", "V02", "V03"]
    assert sheet_of(county, Period.parse("2017H1")).total() == 0


def test_a_rate_takes_numerator_denominator_and_note_every_other_kind_a_value_and_note(county):
    year = sheet_of(county, YEAR)
    editable = {code: year.editable_columns(year.row_of(code)) for code in ("V02", "S01", "V03")}
    assert editable == {"V02": (NUMERATOR, DENOMINATOR, NOTE), "S01": (VALUE, NOTE),
                        "V03": (VALUE, NOTE)}
    quarter = sheet_of(county, Q1)
    assert quarter.editable_columns(quarter.row_of("P06")) == (VALUE, NOTE)   # a count
    assert quarter.cell_state(quarter.row_of("P01"), VALUE) is CellState.COMPUTED
    assert quarter.cell_state(quarter.row_of("P06"), NUMERATOR) is CellState.COMPUTED


def test_a_read_only_sheet_has_no_editable_cell_and_takes_no_text(county):
    sheet = sheet_of(county, Q1, read_only=True)
    assert all(sheet.editable_columns(n) == () for n in range(sheet.row_count()))
    assert sheet.set_texts([(0, NUMERATOR, "5")]) == []
    assert sheet.paste(0, NUMERATOR, [["1", "2"]]) == []
    assert not sheet.has_edits()


def test_a_paste_that_runs_past_the_last_row_fills_the_rows_there_are(county):
    sheet = sheet_of(county, Q1)
    second_last = sheet.row_of("E02")
    filled = sheet.paste(second_last, NUMERATOR, parse_block("9\t10\r\n19\t20\r\n1\t1\r\n"))
    assert filled == [second_last, second_last + 1]
    assert texts(sheet, "E02", NUMERATOR, DENOMINATOR) == ("9", "10")
    assert texts(sheet, "E03", NUMERATOR, DENOMINATOR) == ("19", "20")
    assert sheet.edited_count() == 2


def test_a_paste_skips_the_cells_that_take_no_typing(county):
    sheet = sheet_of(county, Q1)
    # On P05 (a rate) its numerator and denominator; on P06 (a count) its value, then its note.
    sheet.paste(sheet.row_of("P05"), NUMERATOR, [["95", "100"], ["0", "无事故"]])
    assert texts(sheet, "P05", NUMERATOR, DENOMINATOR, NOTE) == ("95", "100", "")
    assert texts(sheet, "P06", VALUE, NOTE) == ("0", "无事故")
    # Pasted on a rate's computed value, the block starts at the numerator; on the target, at
    # the note; fields left over are dropped.
    sheet.paste(sheet.row_of("P01"), VALUE, [["88", "100", "复核", "多余"]])
    assert texts(sheet, "P01", NUMERATOR, DENOMINATOR, NOTE) == ("88", "100", "复核")
    sheet.paste(sheet.row_of("P02"), TARGET, [["抽检", "多余"]])
    assert texts(sheet, "P02", NUMERATOR, NOTE) == ("", "抽检")


def test_a_stored_decimal_is_shown_as_stored_at_least_to_the_indicators_places(county):
    store_figures(county, YEAR, EntryInput("S01", value="34.25"), EntryInput("S02", value="75"),
                  EntryInput("V01", value="280"))
    sheet = sheet_of(county, YEAR)
    assert [texts(sheet, code, VALUE) for code in ("S01", "S02", "V01")] == [
        ("34.25",), ("75.0",), ("280",)]
    assert sheet.entered_count() == 3 and not sheet.has_edits()


def test_an_edit_is_checked_and_assessed_as_typed_without_being_stored(county):
    sheet = sheet_of(county, Q1)
    row = sheet.row_of("P01")
    assert sheet.row(row).assessment.status is Status.NO_DATA
    assert sheet.set_texts([(row, NUMERATOR, "18469"), (row, DENOMINATOR, " 20000 ")]) == [row]
    assert texts(sheet, "P01", NUMERATOR, DENOMINATOR, VALUE, TARGET) == (
        "18469", "20000", "92.3", "≥90%")
    assert sheet.row(row).assessment.status is Status.MET
    assert sheet.cell_state(row, NUMERATOR) is CellState.EDITED
    assert sheet.text(row, STATUS) == ""          # the grid names the status itself
    assert sheet_of(county, Q1).row(row).assessment.status is Status.NO_DATA


def test_a_rate_whose_numerator_exceeds_its_denominator_is_refused_with_its_message(county):
    sheet = sheet_of(county, Q1)
    row = sheet.row_of("P01")
    sheet.set_texts([(row, NUMERATOR, "30"), (row, DENOMINATOR, "20")])
    item = sheet.row(row)
    assert item.problems == {NUMERATOR: ["合格批次（30）大于抽查批次（20）"]}
    assert item.first_problem() == "合格批次（30）大于抽查批次（20）"
    assert item.assessment is None and sheet.text(row, VALUE) == ""
    assert sheet.cell_state(row, NUMERATOR) is CellState.REFUSED
    assert sheet.cell_state(row, DENOMINATOR) is CellState.EDITED
    assert sheet.refused() == [item]
    sheet.set_texts([(row, NUMERATOR, "19")])
    assert sheet.refused() == [] and item.assessment.status is Status.MET


def test_the_filter_shows_the_rows_whose_code_or_name_holds_it_and_keeps_hidden_edits(county):
    sheet = sheet_of(county, Q1)
    sheet.set_texts([(sheet.row_of("P01"), NUMERATOR, "1")])
    sheet.set_filter(" e0 ")
    assert codes(sheet) == ["E01", "E02", "E03"]
    assert sheet.text(0, CATEGORY) == "工程质量" and sheet.text(1, CATEGORY) == ""
    sheet.set_filter("药品")
    assert codes(sheet) == ["P04"] and sheet.total() == len(QUARTERLY)
    assert sheet.row_of("P01") == -1 and sheet.edited_count() == 1
    sheet.set_filter("")
    assert codes(sheet) == QUARTERLY and texts(sheet, "P01", NUMERATOR) == ("1",)


def test_discard_drops_every_edit_and_restores_the_stored_status(county):
    store_figures(county, Q1, EntryInput("P01", "80", "100"))
    sheet = sheet_of(county, Q1)
    row = sheet.row_of("P01")
    sheet.set_texts([(row, NUMERATOR, "95"), (sheet.row_of("P02"), NUMERATOR, "abc")])
    sheet.discard()
    assert not sheet.has_edits() and sheet.refused() == [] and sheet.changes() == []
    assert texts(sheet, "P01", NUMERATOR) == ("80",)
    assert sheet.row(row).assessment.status is Status.NOT_MET


def test_an_edit_back_to_the_saved_text_is_no_change(county):
    store_figures(county, Q1, EntryInput("P01", "90", "100", note="复核"))
    sheet = sheet_of(county, Q1)
    row = sheet.row_of("P01")
    sheet.set_texts([(row, NUMERATOR, "91")])
    assert sheet.changes() == [EntryInput("P01", "91", "100", None, "复核")]
    sheet.set_texts([(row, NUMERATOR, " 90")])
    assert sheet.changes() == [] and not sheet.has_edits()
    assert sheet.cell_state(row, NUMERATOR) is CellState.PLAIN


def test_the_changes_are_what_set_entries_stores(county):
    sheet = sheet_of(county, Q1)
    sheet.set_texts([(sheet.row_of("P06"), VALUE, "2"), (sheet.row_of("P06"), NOTE, "含轻伤")])
    store_figures(county, Q1, *sheet.changes())
    assert texts(sheet_of(county, Q1), "P06", VALUE, NOTE) == ("2", "含轻伤")


def test_reloading_keeps_the_edits_of_the_same_unit_and_period_only(county):
    sheet = sheet_of(county, Q1, filter_text="P0")
    sheet.set_texts([(sheet.row_of("P01"), NUMERATOR, "7")])
    again = sheet_of(county, Q1, edits_of=sheet)
    assert texts(again, "P01", NUMERATOR) == ("7",) and again.edited_count() == 1
    assert not sheet_of(county, Period.parse("2017Q2"), edits_of=sheet).has_edits()
    assert not sheet_of(county, Q1, edits_of=sheet, read_only=True).has_edits()
    assert codes(sheet_of(county, Q1, filter_text=sheet.filter_text)) == QUARTERLY[:6]


def test_a_block_copied_on_any_system_splits_into_lines_of_fields():
    assert parse_block("1\t2\r3\t4\r") == [["1", "2"], ["3", "4"]]
    assert parse_block("") == []
