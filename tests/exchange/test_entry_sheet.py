"""Entry sheets through `qdesk import`: all or nothing, every bad row named, encodings found."""

import sqlite3

import openpyxl
import pytest

from tests.cli.conftest import run_qdesk

HEADER = "单位代码,指标代码,报告期,分子,分母,数值,备注\n"
GOOD = ["211122101,P02,2020Q4,95,100,,复核", "211122102,P02,2020Q4,88,90,,",
        "211122101,S01,2020,,,88.5,"]


def snapshot(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
    audit = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    conn.close()
    return rows, audit


def csv_file(tmp_path, lines, name="sheet.csv", encoding="utf-8-sig", header=HEADER):
    path = tmp_path / name
    path.write_bytes((header + "\n".join(lines) + "\n").encode(encoding))
    return path


def figure(db, unit, period, code):
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT e.numerator, e.denominator, e.value, e.note FROM entries e"
                       " JOIN units u ON u.id = e.unit_id JOIN indicators i"
                       " ON i.id = e.indicator_id WHERE u.code = ? AND e.period = ?"
                       " AND i.code = ?", [unit, period, code]).fetchone()
    conn.close()
    return row


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_a_csv_is_read_in_any_encoding_excel_writes(demo_db, tmp_path, encoding):
    result = run_qdesk("import", csv_file(tmp_path, GOOD, encoding=encoding), "--db", demo_db)
    assert result.code == 0, result.err
    assert figure(demo_db, "211122101", "2020Q4", "P02") == (95, 100, None, "复核")
    assert figure(demo_db, "211122101", "2020", "S01")[2] == "88.5"


def test_excel_unicode_text_in_utf16_with_tabs_is_imported(demo_db, tmp_path):
    # As Excel's "Save as → Unicode text" writes it: UTF-16 LE with a BOM, tabs, CRLF.
    lines = [HEADER.rstrip("\n")] + GOOD
    path = tmp_path / "sheet.txt"
    path.write_bytes("\ufeff".encode("utf-16-le")
                     + "\r\n".join(line.replace(",", "\t") for line in lines).encode("utf-16-le"))
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 0, result.err
    assert figure(demo_db, "211122101", "2020Q4", "P02") == (95, 100, None, "复核")
    assert figure(demo_db, "211122101", "2020", "S01")[2] == "88.5"


def test_a_broken_utf16_sheet_is_refused_naming_the_encodings_and_nothing_changes(demo_db,
                                                                                 tmp_path):
    path = tmp_path / "sheet.txt"
    path.write_bytes("\ufeff单位代码\t".encode("utf-16-le") + b"\x00\xd8")   # a lone surrogate
    before = snapshot(demo_db)
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3
    assert "UTF-16" in result.err and "sheet.txt" in result.err
    assert snapshot(demo_db) == before


def test_english_headers_are_accepted(demo_db, tmp_path):
    header = "unit,indicator,period,numerator,denominator,value,note\n"
    assert run_qdesk("import", csv_file(tmp_path, GOOD, header=header), "--db",
                     demo_db).code == 0


def test_thousands_separators_and_full_width_digits_are_read(demo_db, tmp_path):
    lines = ['211122101,P02,2020Q4,"1,200","1,250",,', "211122102,P02,2020Q4,１２,１５,,"]
    assert run_qdesk("import", csv_file(tmp_path, lines), "--db", demo_db).code == 0
    assert figure(demo_db, "211122101", "2020Q4", "P02")[:2] == (1200, 1250)
    assert figure(demo_db, "211122102", "2020Q4", "P02")[:2] == (12, 15)


def test_one_bad_row_refuses_the_file_and_every_bad_row_is_named(demo_db, tmp_path):
    lines = GOOD + ["211122101,P03,2020Q4,101,100,,", "999999,P02,2020Q4,1,2,,",
                    "211122103,P02,2020Q5,1,2,,", "211122104,P04,2020Q4,12a,20,,",
                    "211122105,B01,2020,,,12.5,"]
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, lines), "--db", demo_db)
    assert result.code == 3
    for line, column in ((5, "分子"), (6, "单位代码"), (7, "报告期"), (8, "分子"), (9, "数值")):
        assert f"第{line}行，{column}" in result.err, (line, result.err)
    assert snapshot(demo_db) == before


def test_a_missing_column_is_refused(demo_db, tmp_path):
    header = "单位代码,指标代码,报告期,分子,数值\n"
    result = run_qdesk("import", csv_file(tmp_path, ["211122101,P02,2020Q4,1,"], header=header),
                       "--db", demo_db)
    assert result.code == 3 and "缺少列：分母" in result.err


def test_the_same_unit_period_and_indicator_twice_is_refused(demo_db, tmp_path):
    first = csv_file(tmp_path, GOOD[:1], "a.csv")
    second = csv_file(tmp_path, GOOD[:1], "b.csv")
    before = snapshot(demo_db)
    result = run_qdesk("import", first, second, "--db", demo_db)
    assert result.code == 3 and "重复" in result.err and "b.csv" in result.err
    assert snapshot(demo_db) == before


def test_a_submitted_period_is_refused(demo_db, tmp_path):
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, ["211122101,P02,2020Q3,1,2,,"]), "--db",
                       demo_db)
    assert result.code == 3 and "已锁定" in result.err
    assert snapshot(demo_db) == before


def test_a_dry_run_changes_nothing(demo_db, tmp_path):
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, GOOD), "--db", demo_db, "--check")
    assert result.code == 0 and "未做任何修改" in result.out
    assert snapshot(demo_db) == before


def workbook(tmp_path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    return path


def test_an_xlsx_sheet_is_imported(demo_db, tmp_path):
    path = workbook(tmp_path, [["211122101", "P02", "2020Q4", 95, 100, None, None]])
    assert run_qdesk("import", path, "--db", demo_db).code == 0
    assert figure(demo_db, "211122101", "2020Q4", "P02")[:2] == (95, 100)


def test_formulas_in_input_cells_are_refused(demo_db, tmp_path):
    path = workbook(tmp_path, [["211122101", "P02", "2020Q4", "=90+5", 100, None, None]])
    before = snapshot(demo_db)
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3 and "第2行，分子" in result.err and "公式" in result.err
    assert snapshot(demo_db) == before


def test_a_file_that_is_not_a_workbook_is_refused(demo_db, tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3 and "不是xlsx工作簿" in result.err


def test_a_row_of_another_year_is_refused(demo_db, tmp_path):
    lines = GOOD + ["211122101,P02,2019Q4,1,2,,"]
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, lines), "--db", demo_db)
    assert result.code == 3 and "第5行，报告期" in result.err and "不在同一年度" in result.err
    assert snapshot(demo_db) == before


def test_error_values_in_input_cells_are_refused(demo_db, tmp_path):
    path = workbook(tmp_path, [["211122101", "P02", "2020Q4", "#DIV/0!", 100, None, None]])
    before = snapshot(demo_db)
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3 and "第2行，分子" in result.err and "#DIV/0!" in result.err
    assert snapshot(demo_db) == before


def test_a_blank_row_is_skipped_and_the_rest_is_imported(demo_db, tmp_path):
    stored = figure(demo_db, "211122102", "2020Q4", "P03")
    result = run_qdesk("import", csv_file(tmp_path, [*GOOD, "211122102,P03,2020Q4,,,,"]),
                       "--db", demo_db)
    assert result.code == 0, result.err
    assert figure(demo_db, "211122101", "2020Q4", "P02") == (95, 100, None, "复核")
    assert stored is not None and figure(demo_db, "211122102", "2020Q4", "P03") == stored


@pytest.mark.parametrize("row,cell", [("211122101,P02,2020Q4,95,,,", "第3行，分母"),
                                      ("211122101,P02,2020Q4,,100,,", "第3行，分子")])
def test_a_half_filled_rate_row_is_refused_at_its_empty_cell(demo_db, tmp_path, row, cell):
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, [GOOD[1], row]), "--db", demo_db)
    assert result.code == 3 and cell in result.err and "缺少" in result.err, result.err
    assert snapshot(demo_db) == before


def test_a_note_without_a_figure_is_refused_and_says_to_write_无此项(demo_db, tmp_path):
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, [GOOD[1], "211122101,P03,2020Q4,,,,未抽检"]),
                       "--db", demo_db)
    assert result.code == 3, result.err
    assert "第3行，备注：只有备注而没有数据：本期无此项的，请填写“无此项”" in result.err
    assert snapshot(demo_db) == before


def test_a_csv_of_blank_rows_only_is_refused_as_empty(demo_db, tmp_path):
    before = snapshot(demo_db)
    path = csv_file(tmp_path, ["211122101,P02,2020Q4,,,,", "211122102,P02,2020Q4,,,,"])
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3 and "表中没有任何数据：各行均未填写" in result.err, result.err
    assert snapshot(demo_db) == before


@pytest.mark.parametrize("header,row,note", [
    (HEADER, "211122101,P02,2020Q4,无,,,", None),
    (HEADER, "211122101,P02,2020Q4,,,无此项,", None),
    (HEADER, "211122101,P02,2020Q4,,,,无此项", None),
    (HEADER, "211122101,P02,2020Q4,,,,无", None),
    (HEADER, "211122101,P02,2020Q4,,,,无此项：本季度未抽检", "本季度未抽检"),
    (HEADER, "211122101,P02,2020Q4,,,,本期无此项 未抽检", "未抽检"),
    ("单位代码,指标代码,报告期,分子,分母,数值,无此项,备注\n", "211122101,P02,2020Q4,,,,√,", None),
    ("unit,indicator,period,numerator,denominator,value,not_applicable,note\n",
     "211122101,P02,2020Q4,,,,yes,停产", "停产"),
])
def test_无此项_is_read_from_a_figure_cell_the_note_or_its_own_column(demo_db, tmp_path, header,
                                                                   row, note):
    result = run_qdesk("import", csv_file(tmp_path, [row], header=header), "--db", demo_db)
    assert result.code == 0, result.err
    assert figure(demo_db, "211122101", "2020Q4", "P02") == (None, None, None, note)


def test_a_note_of_无_beside_figures_stays_a_note(demo_db, tmp_path):
    result = run_qdesk("import", csv_file(tmp_path, ["211122101,P02,2020Q4,95,100,,无"]),
                       "--db", demo_db)
    assert result.code == 0, result.err
    assert figure(demo_db, "211122101", "2020Q4", "P02") == (95, 100, None, "无")


WITH_COLUMN = "单位代码,指标代码,报告期,分子,分母,数值,无此项,备注\n"


@pytest.mark.parametrize("row,cell", [
    ("211122101,P02,2020Q4,95,100,,无此项,", "第2行，分子"),         # in the column
    ("211122101,P02,2020Q4,95,100,,,无此项", "第2行，分子"),         # in the 备注
    ("211122101,P02,2020Q4,无,100,,,", "第2行，分母"),               # in a figure's cell
    ("211122101,P02,2020Q4,95,100,,,无此项：停产", "第2行，分子"),
])
def test_无此项_together_with_a_figure_is_refused(demo_db, tmp_path, row, cell):
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, [row], header=WITH_COLUMN), "--db", demo_db)
    assert result.code == 3, result.err
    assert f"{cell}：“无此项”与数据不能同时填写" in result.err
    assert snapshot(demo_db) == before


def test_a_word_the_无此项_column_does_not_know_is_refused(demo_db, tmp_path):
    before = snapshot(demo_db)
    result = run_qdesk("import", csv_file(tmp_path, ["211122101,P02,2020Q4,95,100,,也许,"],
                                          header=WITH_COLUMN), "--db", demo_db)
    assert result.code == 3 and "第2行，无此项：无此项列中的“也许”无法识别" in result.err, result.err
    assert snapshot(demo_db) == before
