"""`qdesk targets export|import` through the real entry point, on a county made by `qdesk init`."""

import sqlite3

import pytest
from openpyxl import load_workbook

from qdesk.store.database import open_store
from qdesk.store.units import add_subordinate

TOWNS = [("211122100", "太平街道"), ("211122101", "沙岭镇"), ("211122102", "高升镇")]


@pytest.fixture
def district(qdesk, tmp_path):
    db = tmp_path / "d.qdesk"
    assert qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", "211122",
                 "--unit-name", "盘山县").code == 0
    with open_store(db) as store:
        for code, name in TOWNS:
            add_subordinate(store, code, name, "township")
    return db


def fill(path, cells):
    book = load_workbook(path)
    ws = book.active
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for (indicator, unit), value in cells.items():
        row = rows.get(indicator)
        if row is None:
            row = ws.max_row + 1
            ws.cell(row, 1).value = indicator
        ws.cell(row, columns[unit]).value = value
    book.save(path)
    return path


def state(db):
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT * FROM targets ORDER BY id").fetchall(),
                conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    finally:
        conn.close()


def test_export_fill_check_and_import_the_towns_targets(qdesk, district, tmp_path):
    sheet = tmp_path / "目标.xlsx"
    exported = qdesk("targets", "export", "--db", district, "--year", "2020", "--out", sheet)
    assert exported.code == 0 and "已导出" in exported.out
    fill(sheet, {("P02", "211122100"): "≥97%", ("P02", "211122101"): 98,
                 ("E04", "211122102"): "3～5项"})
    before = state(district)
    checked = qdesk("targets", "import", "--db", district, sheet, "--check")
    assert checked.code == 0 and "检查通过" in checked.out and "修改3项" in checked.out
    assert state(district) == before
    done = qdesk("targets", "import", "--db", district, sheet)
    assert done.code == 0 and "目标已导入（2020年）：修改3项，未变0项" in done.out
    status = qdesk("status", "--db", district, "--period", "2020", "--unit", "211122102")
    assert "≥3项（争取5项）" in status.out
    records = {r["code"]: r for r in qdesk("status", "--db", district, "--period", "2020Q4",
                                           "--unit", "211122101", "--format", "json").json()}
    assert records["P02"]["target"] == ">= 98"
    again = qdesk("targets", "import", "--db", district, sheet)
    assert "修改0项，未变3项" in again.out


def test_summed_targets_short_of_the_districts_are_a_warning_not_a_refusal(qdesk, district,
                                                                           tmp_path):
    sheet = tmp_path / "t.xlsx"
    qdesk("targets", "export", "--db", district, "--year", "2020", "--out", sheet)
    fill(sheet, {("B02", code): 5 for code, _ in TOWNS})
    result = qdesk("targets", "import", "--db", district, sheet)
    assert result.code == 0 and "修改3项" in result.out
    assert "B02 “辽宁名牌产品”数量：各单位2020年目标合计15项，少于本级目标20项" in result.err


@pytest.mark.parametrize("cells,named", [
    ({("P99", "211122100"): "≥97%"}, "指标代码“P99”不存在"),
    ({("P02", "211122100"): "九成"}, "E5（太平街道 P02）：目标“九成”无法识别"),
])
def test_a_bad_cell_refuses_the_sheet_with_exit_3_and_changes_nothing(qdesk, district, tmp_path,
                                                                      cells, named):
    sheet = tmp_path / "t.xlsx"
    qdesk("targets", "export", "--db", district, "--year", "2020", "--out", sheet)
    fill(sheet, {("P03", "211122101"): "≥91%", **cells})
    before = state(district)
    result = qdesk("targets", "import", "--db", district, sheet)
    assert result.code == 3 and named in result.err
    assert state(district) == before


def test_an_unknown_unit_refuses_the_sheet_with_exit_3_and_changes_nothing(qdesk, district,
                                                                           tmp_path):
    sheet = tmp_path / "t.xlsx"
    qdesk("targets", "export", "--db", district, "--year", "2020", "--out", sheet)
    book = load_workbook(sheet)
    book.active["H2"], book.active["H5"] = "211122999", "≥97%"
    book.save(sheet)
    before = state(district)
    result = qdesk("targets", "import", "--db", district, sheet, lang="en")
    assert result.code == 3 and "H2: unknown subordinate unit code '211122999'" in result.err
    assert state(district) == before


def test_a_town_held_above_last_year_is_judged_on_last_years_figure(qdesk, district, tmp_path):
    sheet = tmp_path / "t.xlsx"
    qdesk("targets", "export", "--db", district, "--year", "2020", "--out", sheet)
    fill(sheet, {("P01", "211122100"): "高于上年"})
    assert qdesk("targets", "import", "--db", district, sheet).code == 0
    for period, value in (("2019", "31.5"), ("2020", "32.0")):
        assert qdesk("set", "--db", district, "--unit", "211122100", "--period", period,
                     "--indicator", "P01", "--value", value).code == 0
    records = {r["code"]: r for r in qdesk("status", "--db", district, "--period", "2020",
                                           "--unit", "211122100", "--format", "json").json()}
    assert records["P01"]["target"] == "> last-year" and records["P01"]["status"] == "met"
    table = qdesk("status", "--db", district, "--period", "2020", "--unit", "211122100")
    assert "＞上年同期" in table.out and "达标" in table.out
    assert qdesk("set", "--db", district, "--unit", "211122100", "--period", "2020",
                 "--indicator", "P01", "--value", "31.5").code == 0
    records = {r["code"]: r for r in qdesk("status", "--db", district, "--period", "2020",
                                           "--unit", "211122100", "--format", "json").json()}
    assert records["P01"]["status"] == "not-met"


def test_a_year_outside_the_plan_is_refused_with_exit_3(qdesk, district, tmp_path):
    result = qdesk("targets", "export", "--db", district, "--year", "2031", "--out",
                   tmp_path / "t.xlsx")
    assert result.code == 3 and "2031" in result.err and not (tmp_path / "t.xlsx").exists()
