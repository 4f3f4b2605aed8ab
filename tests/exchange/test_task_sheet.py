"""Task sheets: exported per lead unit, filled and returned, checked whole, every bad cell named."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.periods import Period
from qdesk.core.tasks import TaskStatus
from qdesk.exchange.imports import import_files
from qdesk.exchange.task_sheet import (import_task_sheets, is_task_sheet, sheet_name,
                                       write_task_sheets)
from qdesk.store.locks import lock_period
from qdesk.store.tasks import task_progress

Q3 = Period.parse("2020Q3")
TODAY = dt.date(2020, 11, 23)


def snapshot(store):
    return {t: store.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("task_progress", "audit", "entries")}


def fill(path, rows):
    """Type into a returned sheet as a member unit would: task code -> (status, progress, day)."""
    book = load_workbook(path)
    ws = book["重点任务"]
    for row in ws.iter_rows(min_row=4):
        if row[0].value in rows:
            status, progress, day = rows[row[0].value]
            row[5].value, row[6].value, row[7].value = status, progress, day
    book.save(path)
    return path


@pytest.fixture
def sheets(panjin_county, tmp_path):
    store, plan, home, units = panjin_county
    folder = tmp_path / "sheets"
    folder.mkdir()
    return store, plan, {p.name: p for p in write_task_sheets(store, Q3, folder)}


def test_one_protected_sheet_per_lead_named_for_it_with_only_the_three_cells_open(sheets):
    store, plan, files = sheets
    leads = list(dict.fromkeys(t.lead for t in plan.tasks))
    assert sorted(files) == sorted(sheet_name(lead, Q3) for lead in leads)
    book = load_workbook(files["市财政局-2020Q3-任务表.xlsx"])
    ws = book["重点任务"]
    assert ws.protection.sheet and book["_qdesk"].sheet_state == "hidden"
    assert [c.value for c in ws[3]] == ["任务代码", "类别", "任务内容", "牵头单位", "完成时限",
                                        "状态", "进展情况", "完成日期"]
    assert ws["A4"].value == "T02" and ws["A5"].value is None
    assert [c.protection.locked for c in ws[4]] == [True] * 5 + [False] * 3
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"未启动,推进中,已完成,滞后"' and "F4" in validation.sqref
    assert is_task_sheet(files["市财政局-2020Q3-任务表.xlsx"])


def test_a_filled_sheet_imports_into_the_office_ledger(sheets):
    store, plan, files = sheets
    path = fill(files["市质监局-2020Q3-任务表.xlsx"], {
        "T04": ("已完成", "制度已印发", dt.datetime(2020, 8, 1)),
        "T09": ("推进中", "抽查120批次", None)})
    imported = import_task_sheets(store, [path], today=TODAY)
    assert imported.changes.tables == {"task_progress", "audit"}
    assert [(r.task, r.unit_code, r.status, r.done_on) for r in task_progress(store, Q3)] == [
        ("T04", "211122", TaskStatus.DONE, dt.date(2020, 8, 1)),
        ("T09", "211122", TaskStatus.IN_PROGRESS, None)]
    again = write_task_sheets(store, Q3, path.parent)
    ws = load_workbook(next(p for p in again if p.name == path.name))["重点任务"]
    assert (ws["F4"].value, ws["G4"].value, ws["H4"].value) == ("已完成", "制度已印发",
                                                                "2020-08-01")


def test_the_workbench_import_takes_task_sheets_too(sheets):
    store, plan, files = sheets
    path = fill(files["市财政局-2020Q3-任务表.xlsx"], {"T02": ("推进中", "经费已列支", None)})
    imported = import_files(store, [path])
    assert imported.task_sheets == (path,) and imported.task_rows == 1
    assert "task_progress" in imported.changes.tables
    assert task_progress(store, Q3)[0].progress == "经费已列支"


def test_every_bad_cell_is_named_and_nothing_changes(sheets):
    store, plan, files = sheets
    path = fill(files["市质监局-2020Q3-任务表.xlsx"], {
        "T04": ("完成了", "", None),
        "T05": ("已完成", "", None),
        "T06": ("已完成", "", "2099-01-01"),
        "T09": ("推进中", "", "2020-08-01"),
        "T12": ("", "有进展", None)})
    book = load_workbook(path)      # a sheet unprotected and its code typed over
    book["重点任务"]["A10"].value = "T99"
    book["重点任务"]["F10"].value = "推进中"
    book.save(path)
    before = snapshot(store)
    with pytest.raises(InputError) as caught:
        import_task_sheets(store, [path], today=TODAY)
    text = caught.value.render()
    for cell, words in (("F4", "状态“完成了”无效"), ("H5", "须填写完成日期"),
                        ("H6", "晚于今天"), ("H7", "只有已完成的任务"), ("F8", "未填写状态"),
                        ("A10", "任务代码“T99”不存在")):
        assert any(p.field == cell and words in p.render() for p in caught.value.problems), \
            (cell, text)
    assert path.name in text
    assert snapshot(store) == before
    with pytest.raises(InputError):
        import_files(store, [path])
    assert snapshot(store) == before


def test_a_locked_period_refuses_the_sheet_and_a_check_changes_nothing(sheets):
    store, plan, files = sheets
    path = fill(files["市财政局-2020Q3-任务表.xlsx"], {"T02": ("推进中", "x", None)})
    before = snapshot(store)
    assert len(import_task_sheets(store, [path], dry_run=True, today=TODAY).rows) == 1
    assert snapshot(store) == before
    lock_period(store, Q3)
    before = snapshot(store)
    with pytest.raises(LockedPeriodError, match="已锁定"):
        import_task_sheets(store, [path], today=TODAY)
    assert snapshot(store) == before


def test_a_workbook_that_is_no_task_sheet_is_refused(panjin_county, tmp_path):
    from openpyxl import Workbook

    store, _, _, _ = panjin_county
    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    assert not is_task_sheet(path)
    with pytest.raises(InputError, match="不是由 qdesk task export 导出的任务表"):
        import_task_sheets(store, [path], today=TODAY)
