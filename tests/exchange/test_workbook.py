"""The sheet every xlsx reader reads is the one Excel shows: a hidden one is refused by name.

Only the sheet that would be read is refused; a hidden sheet beside it (the layout a blank sheet
or a task sheet carries, a clerk's hidden scratch sheet) is left alone.
"""

import datetime as dt
import sqlite3

import pytest
from openpyxl import Workbook, load_workbook

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.exchange.indicator_table import read_indicator_table
from qdesk.exchange.roster_xlsx import read_roster_xlsx
from qdesk.exchange.task_sheet import import_task_sheets, write_task_sheets
from qdesk.exchange.unit_list import read_unit_list
from qdesk.exchange.unit_targets import import_targets_sheet, write_targets_sheet
from tests.cli.conftest import run_qdesk
from tests.factories import indicator_workbook

HIDDEN = "工作表“旧表”已隐藏：请在Excel中取消隐藏，或将其删除"


def hide_first(path, state="hidden"):
    """The workbook's first sheet renamed 旧表 and hidden, a visible copy of its rows after it
    with other figures: what Excel shows is not what the first sheet holds."""
    book = load_workbook(path)
    first = book.worksheets[0]
    shown = book.copy_worksheet(first)
    shown.title = "新表"
    first.title = "旧表"
    first.sheet_state = state
    book.active = book.worksheets.index(shown)
    book.save(path)
    return path


def entries(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
    conn.close()
    return rows


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_an_entry_sheet_whose_first_sheet_is_hidden_is_refused_naming_it(demo_db, tmp_path,
                                                                         state):
    book = Workbook()
    sheet = book.active
    sheet.append(["单位代码", "指标代码", "报告期", "分子", "分母", "数值", "备注"])
    sheet.append(["211122101", "P02", "2020Q4", 1, 1047, None, None])
    book.save(tmp_path / "sheet.xlsx")
    path = hide_first(tmp_path / "sheet.xlsx", state)
    before = entries(demo_db)
    result = run_qdesk("import", path, "--db", demo_db)
    assert result.code == 3, result.err
    assert HIDDEN in result.err and "sheet.xlsx" in result.err
    assert entries(demo_db) == before


def test_a_blank_sheet_with_its_hidden_layout_still_imports(demo_db, tmp_path):
    result = run_qdesk("export", "sheets", "--db", demo_db, "--period", "2020Q4", "--out",
                       tmp_path)
    assert result.code == 0, result.err
    path = next(tmp_path.glob("211122101-*.xlsx"))
    book = load_workbook(path)
    assert [s.sheet_state for s in book.worksheets] == ["visible", "hidden"]
    ws = book["填报"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "P02")
    ws.cell(row, 4).value, ws.cell(row, 5).value = 77, 80
    book.save(path)
    assert run_qdesk("import", path, "--db", demo_db).code == 0


def test_a_hidden_sheet_after_the_one_read_is_left_alone(tmp_path):
    book = Workbook()
    book.active.append(["单位代码", "单位名称", "层级"])
    book.active.append(["211122100", "石新镇", "镇"])
    scratch = book.create_sheet("草稿")
    scratch.append(["211122199", "不该读的镇", "镇"])
    scratch.sheet_state = "hidden"
    book.save(tmp_path / "towns.xlsx")
    assert [u.name for u in read_unit_list(tmp_path / "towns.xlsx")] == ["石新镇"]


def test_a_unit_list_whose_first_sheet_is_hidden_is_refused_naming_it(tmp_path):
    book = Workbook()
    book.active.append(["单位代码", "单位名称", "层级"])
    book.active.append(["211122100", "石新镇", "镇"])
    book.save(tmp_path / "towns.xlsx")
    with pytest.raises(InputError, match=HIDDEN):
        read_unit_list(hide_first(tmp_path / "towns.xlsx"))


def test_a_roster_whose_first_sheet_is_hidden_is_refused_naming_it(tmp_path):
    book = Workbook()
    book.active.append(["职务类别", "姓名"])
    book.active.append(["组长", "王永威"])
    book.save(tmp_path / "名单.xlsx")
    with pytest.raises(InputError, match=HIDDEN):
        read_roster_xlsx(hide_first(tmp_path / "名单.xlsx"))


def test_an_indicator_table_whose_table_sheet_is_hidden_is_refused_naming_it(tmp_path):
    path = indicator_workbook(tmp_path / "指标.xlsx")
    book = load_workbook(path)
    book["指标"].sheet_state = "hidden"
    book["指标"].title = "旧表"
    book.active = book.worksheets.index(book["方案"])
    book.save(path)
    with pytest.raises(InputError, match=HIDDEN):
        read_indicator_table(path)


def test_an_indicator_table_whose_plan_sheet_is_hidden_is_refused_naming_it(tmp_path):
    path = indicator_workbook(tmp_path / "指标.xlsx")
    book = load_workbook(path)
    book["方案"].sheet_state = "hidden"
    book.save(path)
    with pytest.raises(InputError, match="工作表“方案”已隐藏"):
        read_indicator_table(path)


def test_a_targets_sheet_whose_first_sheet_is_hidden_is_refused_and_nothing_changes(
        panjin_county, tmp_path):
    store = panjin_county[0]
    path = hide_first(write_targets_sheet(store, 2020, tmp_path / "targets.xlsx"))
    before = store.execute("SELECT * FROM targets ORDER BY id").fetchall()
    with pytest.raises(InputError, match=HIDDEN):
        import_targets_sheet(store, path)
    assert store.execute("SELECT * FROM targets ORDER BY id").fetchall() == before


def test_a_task_sheet_whose_first_sheet_is_hidden_is_refused_and_nothing_changes(
        panjin_county, tmp_path):
    store = panjin_county[0]
    folder = tmp_path / "sheets"
    folder.mkdir()
    path = hide_first(write_task_sheets(store, Period.parse("2020Q3"), folder)[0])
    before = store.execute("SELECT * FROM task_progress ORDER BY id").fetchall()
    with pytest.raises(InputError, match=HIDDEN):
        import_task_sheets(store, [path], today=dt.date(2020, 11, 23))
    assert store.execute("SELECT * FROM task_progress ORDER BY id").fetchall() == before
