"""The xlsx and CSV exports: laid out for people, equal to `qdesk status`, never a formula."""

import csv
import sqlite3

import openpyxl
import pytest

from tests.cli.conftest import run_qdesk


@pytest.fixture
def exported(demo_db, tmp_path):
    assert run_qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020Q4",
                     "--indicator", "E03", "--numerator", "19", "--denominator", "20",
                     "--note", '=HYPERLINK("http://x","点这里")').code == 0
    xlsx, text = tmp_path / "2020Q4.xlsx", tmp_path / "2020Q4.csv"
    for fmt, out in (("xlsx", xlsx), ("csv", text)):
        result = run_qdesk("export", fmt, "--db", demo_db, "--period", "2020Q4", "--out", out)
        assert result.code == 0, result.err
    status = run_qdesk("status", "--db", demo_db, "--period", "2020Q4", "--format",
                       "json").json()
    return xlsx, text, status


def test_the_workbook_is_laid_out_for_people(exported):
    xlsx, _, status = exported
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["盘山县2020Q4", "下级单位"]
    sheet = book["盘山县2020Q4"]
    assert [c.value for c in sheet[1]][:4] == ["序号", "类别", "指标代码", "指标"]
    assert sheet.freeze_panes == "A2"
    rows = {r[2].value: r for r in sheet.iter_rows(min_row=2)}
    for record in status:
        row = rows[record["code"]]
        shown = row[8]
        if record["display"]:
            places = len(record["display"].partition(".")[2])
            assert shown.number_format == ("0" if places == 0 else "0." + "0" * places)
            assert f"{shown.value:.{places}f}" == record["display"]
        else:
            assert shown.value is None
        assert row[9].value == {"met": "达标", "not-met": "未达标", "no-data": "未填报"}[
            record["status"]]


def test_subordinate_units_have_a_sheet_of_their_own(exported, demo_db):
    xlsx, _, _ = exported
    sheet = openpyxl.load_workbook(xlsx)["下级单位"]
    conn = sqlite3.connect(demo_db)
    units = conn.execute("SELECT count(*) FROM units WHERE parent_id IS NOT NULL").fetchone()[0]
    indicators = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    conn.close()
    assert sheet.max_row - 1 == units * indicators


def test_a_cell_that_looks_like_a_formula_stays_text(exported):
    xlsx, text, _ = exported
    note = next(r[10] for r in openpyxl.load_workbook(xlsx).worksheets[0].iter_rows(min_row=2)
                if r[2].value == "E03")
    assert note.data_type == "s" and note.value.startswith("=HYPERLINK")
    with open(text, encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[2] == "E03")
    assert row[10].startswith("'=HYPERLINK")


def test_the_csv_opens_in_excel_on_chinese_windows(exported):
    _, text, status = exported
    raw = text.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][3] == "指标" and len(rows) == len(status) + 1


def test_an_export_to_a_missing_folder_is_refused(demo_db, tmp_path):
    result = run_qdesk("export", "xlsx", "--db", demo_db, "--period", "2020Q4", "--out",
                       tmp_path / "missing" / "x.xlsx")
    assert result.code == 3 and "不存在" in result.err


def test_an_export_for_a_period_outside_the_plan_is_refused(demo_db, tmp_path):
    result = run_qdesk("export", "csv", "--db", demo_db, "--period", "2031Q1", "--out",
                       tmp_path / "x.csv")
    assert result.code == 3 and "不在方案年限" in result.err
    assert not (tmp_path / "x.csv").exists()


def test_a_figure_of_无此项_shows_无此项_and_the_status_不适用(demo_db, tmp_path):
    for unit in ("211122", "211122101"):
        assert run_qdesk("set", "--db", demo_db, "--unit", unit, "--period", "2020Q4",
                         "--indicator", "E03", "--none").code == 0
    xlsx, text = tmp_path / "2020Q4.xlsx", tmp_path / "2020Q4.csv"
    for fmt, out in (("xlsx", xlsx), ("csv", text)):
        assert run_qdesk("export", fmt, "--db", demo_db, "--period", "2020Q4", "--out",
                         out).code == 0
    book = openpyxl.load_workbook(xlsx)
    own = next(r for r in book["盘山县2020Q4"].iter_rows(min_row=2, values_only=True)
               if r[2] == "E03")
    town = next(r for r in book["下级单位"].iter_rows(min_row=2, values_only=True)
                if r[0] == "211122101" and r[2] == "E03")
    assert own[6:10] == (None, None, "无此项", "不适用")
    assert town[6:10] == (None, None, "无此项", "不适用")
    with open(text, encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[2] == "E03")
    assert row[6:10] == ["", "", "无此项", "不适用"]
