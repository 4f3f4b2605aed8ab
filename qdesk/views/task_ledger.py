"""The task ledger of a period as the 重点任务 page, `qdesk task list` and the work draft show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qdesk.core.numbers import chinese_numeral
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.core.tasks import Task, TaskProgress, TaskStatus, is_overdue
from qdesk.store.database import Store
from qdesk.store.tasks import task_progress
from qdesk.store.units import Unit

NOT_RECORDED = "未填报"


@dataclass(frozen=True)
class LedgerRow:
    """One task for the unit and period: what is recorded (status None: nothing yet)."""

    task: Task
    status: TaskStatus | None
    progress: str
    done_on: dt.date | None
    overdue: bool               # past its deadline and not done, as the period stood

    @property
    def status_text(self) -> str:
        return NOT_RECORDED if self.status is None else self.status.label_zh


@dataclass(frozen=True)
class TaskLedger:
    """A unit's tasks for a period, in the plan's order."""

    plan: Plan
    unit: Unit
    period: Period
    today: dt.date
    rows: tuple[LedgerRow, ...]

    def filtered(self, status: TaskStatus | None = None,
                 lead: str | None = None) -> list[LedgerRow]:
        """The rows of one status and of one lead unit (None: any)."""
        return [row for row in self.rows
                if (status is None or row.status is status)
                and (lead is None or row.task.lead == lead)]

    def leads(self) -> list[str]:
        """The lead units the tasks name, in the order they first appear."""
        return list(dict.fromkeys(row.task.lead for row in self.rows if row.task.lead))

    def with_row(self, code: str, status: TaskStatus | None, progress: str,
                 done_on: dt.date | None) -> TaskLedger:
        """The ledger with one task's row as typed (the page edits a copy, then saves it)."""
        rows = tuple(row if row.task.code != code else LedgerRow(
            row.task, status, progress, done_on,
            is_overdue(row.task, status, self.period, self.today)) for row in self.rows)
        return TaskLedger(self.plan, self.unit, self.period, self.today, rows)

    def progress(self, codes: set[str] | None = None) -> list[TaskProgress]:
        """The recorded rows (of the tasks `codes`, or all) as the store writes them."""
        return [TaskProgress(row.task.code, self.unit.code, self.period, row.status,
                             row.progress, row.done_on)
                for row in self.rows if row.status is not None
                and (codes is None or row.task.code in codes)]


def by_category(rows: list[LedgerRow]) -> list[tuple[str, list[LedgerRow]]]:
    """Rows under their categories, the categories in the order they first appear."""
    groups: dict[str, list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault(row.task.category, []).append(row)
    return list(groups.items())


def task_ledger(store: Store, plan: Plan, unit: Unit, period: Period,
                today: dt.date) -> TaskLedger:
    """The unit's ledger for the period: every task of the plan, with what is recorded."""
    recorded = {p.task: p for p in task_progress(store, period, [unit.id])}
    rows = []
    for task in plan.tasks:
        found = recorded.get(task.code)
        status = found.status if found else None
        rows.append(LedgerRow(task, status, found.progress if found else "",
                              found.done_on if found else None,
                              is_overdue(task, status, period, today)))
    return TaskLedger(plan, unit, period, today, tuple(rows))


def ledger_json(ledger: TaskLedger, rows: list[LedgerRow]) -> dict[str, Any]:
    """`task list --format json`: the period, the unit and one object per task."""
    return {"period": str(ledger.period), "unit": ledger.unit.code, "tasks": [
        {"code": r.task.code, "text": r.task.text, "category": r.task.category,
         "lead": r.task.lead,
         "deadline": None if r.task.deadline is None else r.task.deadline.isoformat(),
         "status": None if r.status is None else r.status.value, "progress": r.progress,
         "done_on": None if r.done_on is None else r.done_on.isoformat(),
         "overdue": r.overdue} for r in rows]}


def ledger_table(rows: list[LedgerRow]) -> list[list[str]]:
    """`task list` as a table: a header, then one line per task."""
    return [["代码", "类别", "任务", "牵头单位", "时限", "状态", "完成日期", "进展情况"], *(
        [r.task.code, r.task.category, r.task.text, r.task.lead or "",
         r.task.deadline.isoformat() if r.task.deadline else "",
         r.status_text + ("（逾期）" if r.overdue else ""),
         r.done_on.isoformat() if r.done_on else "", r.progress] for r in rows)]


def work_draft(ledger: TaskLedger) -> str:
    """A draft of the period's 工作开展情况 from the ledger, for the clerk to edit.

    Categories are the section's second level, （一）, under the report's 一、工作开展情况;
    each recorded task a paragraph: the task, its progress, its status word.
    """
    lines: list[str] = []
    groups = [(category, [r for r in rows if r.status is not None])
              for category, rows in by_category(list(ledger.rows))]
    for number, (category, rows) in enumerate(g for g in groups if g[1]):
        lines.append(f"（{chinese_numeral(number + 1)}）{category}")
        for row in rows:
            assert row.status is not None
            progress = row.progress.strip().rstrip("。")
            status = row.status.label_zh
            if row.done_on is not None:
                status += f"，{row.done_on.year}年{row.done_on.month}月{row.done_on.day}日"
            lines.append(f"{row.task.text.rstrip('。')}。" + (f"{progress}。" if progress else "")
                         + f"（{status}）")
    return "\n".join(lines)
