"""Task sheets: one workbook per lead unit for a period, filled by the member unit and returned.

The sheet is protected; only the status (a list of the four words), progress and done-day cells
open. What it was made for (the ledger's unit, the period, the lead, its rows) is kept in a
hidden, protected sheet, so a returned workbook is known as a task sheet and checked whole: every
bad cell is named, and nothing is written unless every one passes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.core.tasks import STATUS_WORDS, Task, TaskProgress, TaskStatus, parse_day
from qdesk.exchange.blank_sheet import LAYOUT_SHEET
from qdesk.exchange.entry_sheet import MAX_PROBLEMS
from qdesk.exchange.workbook import first_sheet, unreadable_workbook
from qdesk.files import check_folder, write_whole
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store
from qdesk.store.locks import check_unlocked
from qdesk.store.plans import load_plan
from qdesk.store.tasks import progress_problems, task_progress, write_progress
from qdesk.store.units import Unit, home_unit, not_on_roll, units_by_code

KIND = "qdesk-task-sheet"
HEADER = ["任务代码", "类别", "任务内容", "牵头单位", "完成时限", "状态", "进展情况", "完成日期"]
STATUS, PROGRESS, DONE_ON = "F", "G", "H"
FIRST_ROW = 4                   # a title, the period and lead, the header, then the tasks
HINT = ("状态从下拉列表选择（未启动、推进中、已完成、滞后）；已完成的须填写完成日期（如2020-08-01），"
        "其他状态不填；完成日期不能晚于今天和报告期末。只填写黄色单元格。")
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def sheet_name(lead: str, period: Period) -> str:
    """The file a lead unit's sheet is written to: named for the lead and the period."""
    return f"{_UNSAFE.sub('_', lead).strip('_') or 'lead'}-{period}-任务表.xlsx"


def write_task_sheets(store: Store, period: Period, folder: Path,
                      unit: Unit | None = None) -> list[Path]:
    """One workbook per lead unit of the plan's tasks (tasks without a lead: one for the office
    itself), for the ledger of `unit` (the office's own by default), what is recorded filled in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    plan = load_plan(store)
    plan.check_period(period)
    folder = check_folder(folder)
    if not plan.tasks:
        raise InputError(msg("the plan has no tasks", "方案中没有重点任务"))
    owner = unit or home_unit(store)
    recorded = {p.task: p for p in task_progress(store, period, [owner.id])}
    by_lead: dict[str, list[Task]] = {}
    for task in plan.tasks:
        by_lead.setdefault(task.lead or owner.name, []).append(task)
    written = []
    for lead, tasks in by_lead.items():
        book = Workbook()
        ws = book.active
        ws.title = "重点任务"
        ws.append([f"{plan.title}重点任务进展填报表"])
        ws.append(["报告期", period.label_zh(), "牵头单位", lead, "台账单位", owner.name])
        ws.append(HEADER)
        ws["A1"].font = Font(bold=True, size=14)
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center")
        statuses = DataValidation(type="list", formula1='"' + ",".join(STATUS_WORDS) + '"',
                                  showErrorMessage=True, error="请从列表中选择：" +
                                  "、".join(STATUS_WORDS))
        ws.add_data_validation(statuses)
        for row, task in enumerate(tasks, start=FIRST_ROW):
            found = recorded.get(task.code)
            ws.append([task.code, task.category, task.text, task.lead or "",
                       task.deadline.isoformat() if task.deadline else "",
                       found.status.label_zh if found else None,
                       found.progress if found else None,
                       found.done_on.isoformat() if found and found.done_on else None])
            for column in (STATUS, PROGRESS, DONE_ON):
                cell = ws[f"{column}{row}"]
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor="FFF2CC")
                cell.number_format = "@"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws[f"C{row}"].alignment = Alignment(wrap_text=True, vertical="top")
            statuses.add(f"{STATUS}{row}")
        ws.append([])
        ws.append([HINT])
        for column, width in zip("ABCDEFGH", (9, 16, 44, 16, 12, 10, 50, 13)):
            ws.column_dimensions[column].width = width
        ws.freeze_panes = f"A{FIRST_ROW}"
        ws.protection.sheet = True
        layout = book.create_sheet(LAYOUT_SHEET)
        layout["A1"] = json.dumps({"kind": KIND, "unit": owner.code, "period": str(period),
                                   "lead": lead, "tasks": [t.code for t in tasks]},
                                  ensure_ascii=False)
        layout.sheet_state = "hidden"
        layout.protection.sheet = True
        written.append(write_whole(folder / sheet_name(lead, period), book.save))
    return written


def _layout(book: Any) -> dict[str, Any] | None:
    if LAYOUT_SHEET not in book.sheetnames:
        return None
    first = next(book[LAYOUT_SHEET].iter_rows(max_row=1, values_only=True), (None,))
    try:
        layout = json.loads(first[0]) if first and isinstance(first[0], str) else None
    except (ValueError, RecursionError):
        return None
    return layout if isinstance(layout, dict) and layout.get("kind") == KIND else None


def is_task_sheet(path: Path) -> bool:
    """Whether a file is a task sheet written by write_task_sheets (its layout says so)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:   # not a workbook at all: the entry sheet reader says so
        return False
    try:
        return _layout(book) is not None
    except Exception:   # a damaged layout sheet: read as an entry sheet, which refuses it
        return False
    finally:
        book.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_task_sheet(plan: Plan, units: dict[str, Unit], path: Path,
                    today: dt.date) -> list[TaskProgress]:
    """The ledger rows a returned task sheet holds, checked whole: InputError naming every bad
    cell (an unknown task, a status not one of the four, a done day in the future or missing)."""
    from openpyxl import load_workbook

    source = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:    # openpyxl raises many kinds for a file that is not a workbook
        raise unreadable_workbook(exc, source) from None
    try:
        layout = _layout(book)
        if layout is None:
            raise InputError(Problem(msg("this is not a task sheet made by qdesk task export",
                                         "该文件不是由 qdesk task export 导出的任务表"), source))
        cells = [list(r) for r in first_sheet(book, source).iter_rows(min_row=FIRST_ROW,
                                                                max_col=len(HEADER),
                                                                values_only=True)]
    except InputError:
        raise
    except Exception as exc:
        raise unreadable_workbook(exc, source) from None
    finally:
        book.close()
    period = Period.parse(str(layout.get("period")))
    owner = units.get(str(layout.get("unit")))
    problems: list[Problem] = []
    if owner is None:
        problems.append(Problem(msg("the sheet is for unit {code!r}, which is not registered",
                                    "任务表所属单位“{code}”未登记", code=str(layout.get("unit"))),
                                source))
    elif (retired := not_on_roll(owner, period)) is not None:
        problems.append(Problem(retired, source))
    rows: list[TaskProgress] = []
    for line, row in enumerate(cells, start=FIRST_ROW):
        row += [None] * (len(HEADER) - len(row))
        code, status_cell, progress_cell, day_cell = _text(row[0]), row[5], row[6], row[7]
        if not code:
            if any(_text(c) for c in (status_cell, progress_cell, day_cell)):
                problems.append(Problem(msg("a row without a task code", "该行没有任务代码"),
                                        source, line, f"A{line}"))
            continue
        if code == HINT:
            continue
        found: list[Problem] = []
        status = None
        if plan.task(code) is None:
            found.append(Problem(msg("unknown task code {code!r}", "任务代码“{code}”不存在",
                                     code=code), source, line, f"A{line}"))
        status_text, progress, day_text = (_text(status_cell), _text(progress_cell),
                                           _text(day_cell))
        if not status_text:
            if progress or day_text:
                found.append(Problem(msg("the status is missing", "未填写状态"), source, line,
                                     f"{STATUS}{line}"))
            problems += found
            continue
        try:
            status = TaskStatus.parse(status_text)
        except InputError as exc:
            found.append(Problem(exc.problems[0].message, source, line, f"{STATUS}{line}"))
        done_on = None
        try:
            done_on = parse_day(day_text)
        except InputError as exc:
            found.append(Problem(exc.problems[0].message, source, line, f"{DONE_ON}{line}"))
        if status is not None and not found:
            entry = TaskProgress(code, owner.code if owner else "", period, status, progress,
                                 done_on)
            found += [Problem(p.message, source, line,
                              {"done_on": f"{DONE_ON}{line}", "task": f"A{line}"}.get(
                                  p.field or "", p.field))
                      for p in progress_problems(plan, entry, today)]
            rows.append(entry)
        problems += found
    if problems:
        raise InputError(*problems[:MAX_PROBLEMS])
    return rows


@dataclass(frozen=True)
class TasksImported:
    """What an import of task sheets wrote, or in a check would write (then changing nothing)."""

    files: tuple[Path, ...]
    rows: tuple[TaskProgress, ...]
    changes: Changes


def read_task_sheets(store: Store, plan: Plan, paths: Sequence[Path],
                     today: dt.date) -> list[TaskProgress]:
    """Every row of every sheet, checked whole: one refusal naming every bad cell of them all."""
    units = units_by_code(store)
    rows: list[TaskProgress] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            rows += read_task_sheet(plan, units, Path(path), today)
        except InputError as exc:
            problems += exc.problems
    seen: dict[tuple[str, str, Period], int] = {}
    for row in rows:
        key = (row.task, row.unit_code, row.period)
        seen[key] = seen.get(key, 0) + 1
    for (task, unit, period), count in seen.items():
        if count > 1:
            problems.append(Problem(msg("task {task} of {period} is in {count} sheets",
                                        "任务{task}（{period}）在{count}个任务表中重复出现",
                                        task=task, period=str(period), count=count)))
    if problems:
        raise InputError(*problems[:MAX_PROBLEMS])
    return rows


def import_task_sheets(store: Store, paths: Sequence[Path], *, dry_run: bool = False,
                       today: dt.date | None = None) -> TasksImported:
    """Check returned task sheets whole, then write their rows in one transaction (audited), or
    with `dry_run` only check them."""
    today = today or dt.date.today()
    plan = load_plan(store)
    rows = read_task_sheets(store, plan, paths, today)
    if dry_run:
        for period in {row.period for row in rows}:
            check_unlocked(store, period)
    changes = NOTHING if dry_run else write_progress(store, plan, rows, today)
    return TasksImported(tuple(Path(p) for p in paths), tuple(rows), changes)
