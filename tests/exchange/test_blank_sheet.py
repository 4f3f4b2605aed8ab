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


def fill_cells(path, cells):
    """Cells of a sheet filled in as a town does, by indicator code and column header."""
    book = openpyxl.load_workbook(path)
    ws = book["填报"]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    columns = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    for code, values in cells.items():
        for header, value in values.items():
            ws.cell(rows[code], columns[header]).value = value
    book.save(path)
    return book


@pytest.fixture
def town_sheet(office_db, tmp_path):
    """The blank 2026Q1 sheet of 仙女镇, and the office database it goes back to."""
    out = tmp_path / "sheets"
    out.mkdir()
    result = run_qdesk("export", "sheets", "--db", office_db, "--period", "2026Q1", "--out", out)
    assert result.code == 0, result.err
    return out / "321012100-2026Q1-填报表.xlsx", office_db


def stored(db, unit="321012100"):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT i.code, e.numerator, e.denominator, e.value, e.note FROM entries e"
                        " JOIN units u ON u.id = e.unit_id JOIN indicators i"
                        " ON i.id = e.indicator_id WHERE u.code = ? ORDER BY i.code",
                        [unit]).fetchall()
    conn.close()
    return {code: tuple(rest) for code, *rest in rows}


def test_the_无此项_column_is_offered_on_every_row_but_a_yes_nos(town_sheet):
    ws = openpyxl.load_workbook(town_sheet[0])["填报"]
    assert [c.value for c in ws[1]][3:8] == ["分子", "分母", "数值", "无此项", "备注"]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    offered = next(v for v in ws.data_validations.dataValidation if v.formula1 == '"无此项"')
    assert str(offered.sqref) == f"G{rows['Z01']} G{rows['Z02']} G{rows['Z03']}"
    assert offered.showInputMessage and "本期没有可统计的对象时选择“无此项”" in offered.prompt
    assert all(not ws.cell(rows[c], 7).protection.locked for c in ("Z01", "Z02", "Z03"))
    assert ws.cell(rows["Z04"], 7).protection.locked, "a yes/no is never 无此项"
    assert not ws.cell(rows["Z04"], 8).protection.locked, "its note is open"


def test_rows_left_blank_are_未填报_and_the_rest_is_imported(town_sheet):
    path, db = town_sheet
    fill_cells(path, {"Z01": {"分子": 90, "分母": 100}, "Z04": {"数值": 1}})
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 0, result.err
    assert stored(db) == {"Z01": (90, 100, None, None), "Z04": (None, None, "1", None)}


def test_an_entirely_blank_sheet_is_refused_as_empty(town_sheet):
    path, db = town_sheet
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 3 and "表中没有任何数据：各行均未填写" in result.err, result.err
    assert stored(db) == {}


def test_无此项_chosen_in_the_column_or_written_in_the_note_is_stored_as_such(town_sheet):
    path, db = town_sheet
    fill_cells(path, {"Z01": {"无此项": "无此项"}, "Z02": {"备注": "无此项，本季度无在建工程"},
                      "Z03": {"数值": "无"}, "Z04": {"数值": "是"}})
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 0, result.err
    assert stored(db) == {"Z01": (None, None, None, None), "Z02": (None, None, None, "本季度无在建工程"),
                          "Z03": (None, None, None, None), "Z04": (None, None, "1", None)}
    rows = run_qdesk("status", "--db", db, "--period", "2026Q1", "--unit", "321012100",
                     "--format", "json").json()
    assert [r["status"] for r in rows] == ["not-applicable"] * 3 + ["met"]


@pytest.mark.parametrize("cells,message", [
    ({"Z01": {"分子": 90}}, "第2行，分母：缺少抽查批次"),
    ({"Z01": {"分母": 100}}, "第2行，分子：缺少合格批次"),
    ({"Z01": {"分子": 90, "分母": 100, "无此项": "无此项"}}, "第2行，分子：“无此项”与数据不能同时填写"),
    ({"Z02": {"数值": 3, "备注": "无此项"}}, "第3行，数值：“无此项”与数据不能同时填写"),
    ({"Z04": {"备注": "无此项"}}, "第5行，数值：Z04是“是/否”类指标，不存在“无此项”"),
    ({"Z03": {"备注": "本季度未开展测评"}}, "第4行，备注：只有备注而没有数据"),
])
def test_a_bad_row_in_a_filled_sheet_is_refused_at_its_cell(town_sheet, cells, message):
    path, db = town_sheet
    fill_cells(path, {"Z04": {"数值": 1}, **cells})
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 3 and message in result.err, result.err
    assert stored(db) == {}


def test_a_sheet_made_before_the_无此项_column_still_imports(town_sheet):
    import json

    path, db = town_sheet
    book = openpyxl.load_workbook(path)
    ws, layout = book["填报"], book["_qdesk"]
    ws.protection.sheet = False
    ws.delete_cols(7)
    old = json.loads(layout["A1"].value)
    old["header"].remove("无此项")
    layout["A1"] = json.dumps(old, ensure_ascii=False)
    book.save(path)
    fill_cells(path, {"Z01": {"分子": 45, "分母": 50}, "Z02": {"备注": "无此项"}})
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 0, result.err
    assert stored(db) == {"Z01": (45, 50, None, None), "Z02": (None, None, None, None)}
