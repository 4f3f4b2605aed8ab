"""Blank entry sheets: sent out protected, filled in, and recognised if their structure was changed."""

import sqlite3

import openpyxl
import pytest

from tests.cli.conftest import run_qdesk


@pytest.fixture
def sheets(demo_db, tmp_path):
    result = run_qdesk("export", "sheets", "--db", demo_db, "--period", "2020Q4", "--out",
                       tmp_path)
    assert result.code == 0, result.err
    return {p.name.split("-")[0]: p for p in tmp_path.glob("*.xlsx")}


def count(db):
    conn = sqlite3.connect(db)
    result = conn.execute("SELECT count(*), sum(numerator) FROM entries").fetchone()
    conn.close()
    return result


def test_one_protected_sheet_per_subordinate_unit(sheets):
    assert len(sheets) == 7
    book = openpyxl.load_workbook(sheets["211122101"])
    ws = book["填报"]
    assert ws.protection.sheet and book["_qdesk"].sheet_state == "hidden"
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    rate = rows["P02"]
    assert not ws.cell(rate, 4).protection.locked and not ws.cell(rate, 5).protection.locked
    assert ws.cell(rate, 6).protection.locked and ws.cell(rate, 2).protection.locked
    assert ws.cell(rate, 11).value == "≥97%"            # the township's own target
    assert ws.data_validations.dataValidation


def fill(path, values):
    book = openpyxl.load_workbook(path)
    ws = book["填报"]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    for code, (numerator, denominator) in values.items():
        ws.cell(rows[code], 4).value = numerator
        ws.cell(rows[code], 5).value = denominator
    book.save(path)
    return book


def test_a_filled_sheet_comes_back_through_qdesk_import(sheets, demo_db):
    path = sheets["211122101"]
    fill(path, {"P02": (77, 80), "P03": (40, 41), "P04": (9, 10), "E01": (3, 3),
                "E02": (5, 5), "E03": (6, 7)})
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 0, result.err
    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT numerator, denominator FROM entries e JOIN units u ON"
                        " u.id = e.unit_id JOIN indicators i ON i.id = e.indicator_id WHERE"
                        " u.code = '211122101' AND i.code = 'P02' AND e.period = '2020Q4'"
                        ).fetchone() == (77, 80)


@pytest.mark.parametrize("change,cell", [
    (lambda ws: ws.cell(2, 2, "P03") and ws.cell(3, 2, "P02"), "B2"),
    (lambda ws: ws.delete_cols(5), "E1"),
    (lambda ws: ws.cell(4, 1, "211122102"), "A4"),
])
def test_a_sheet_whose_structure_was_changed_is_refused_at_the_cell(sheets, demo_db, change,
                                                                     cell):
    path = sheets["211122101"]
    book = fill(path, {"P02": (77, 80)})
    ws = book["填报"]
    ws.protection.sheet = False
    change(ws)
    book.save(path)
    before = count(demo_db)
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3 and f"单元格{cell}" in result.err, result.err
    assert count(demo_db) == before
