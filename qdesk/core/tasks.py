"""The plan's qualitative work (重点任务, DESIGN.md §13): tasks, their status per period, the rules.

A ledger row belongs to the unit whose work it is: the office's own unit for its own ledger (the
task's lead, a member unit, fills it on its sheet, but the row is the office's), a subordinate
unit (a township) for its own rows when it keeps a ledger.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.periods import Period


@dataclass(frozen=True)
class Task:
    """One [[task]] of the plan: a piece of work, its category, the member unit that leads it."""

    code: str
    text: str
    category: str
    lead: str | None            # a member unit by name or code, kept as the template writes it
    deadline: dt.date | None


class TaskStatus(str, Enum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    LATE = "late"

    @property
    def label_zh(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> TaskStatus:
        """A status from its Chinese word (as sheets carry it) or its English code."""
        word = text.strip()
        for status in cls:
            if word in (status.value, status.label_zh):
                return status
        raise InputError(Problem(msg(
            "status {text!r} is not one of 未启动, 推进中, 已完成, 滞后",
            "状态“{text}”无效，应为 未启动、推进中、已完成、滞后 之一", text=word), field="status"))


_LABELS = {TaskStatus.NOT_STARTED: "未启动", TaskStatus.IN_PROGRESS: "推进中",
           TaskStatus.DONE: "已完成", TaskStatus.LATE: "滞后"}
STATUS_WORDS = tuple(_LABELS.values())


@dataclass(frozen=True)
class TaskProgress:
    """A task's state for one unit and period: status, what has been done, and the day it was."""

    task: str
    unit_code: str
    period: Period
    status: TaskStatus
    progress: str
    done_on: dt.date | None


def done_day_problems(status: TaskStatus, done_on: dt.date | None, period: Period,
                      today: dt.date) -> list[Problem]:
    """Why a status and done day cannot stand for the period, as of `today`; empty when they can.

    A task is done on a day: never without one, never a day without done, never a day still to
    come, never after the period the ledger row reports.
    """
    if status is TaskStatus.DONE and done_on is None:
        return [Problem(msg("a done task needs the day it was done", "已完成的任务须填写完成日期"),
                        field="done_on")]
    if done_on is None:
        return []
    if status is not TaskStatus.DONE:
        return [Problem(msg("a done day is only for a done task (status {status})",
                            "只有已完成的任务才填写完成日期（当前状态为{status}）",
                            status=status.label_zh), field="done_on")]
    if done_on > today:
        return [Problem(msg("the done day {day} is in the future", "完成日期{day}晚于今天",
                            day=done_on.isoformat()), field="done_on")]
    if done_on > period.end:
        return [Problem(msg("the done day {day} is after the period {period} ends ({end})",
                            "完成日期{day}晚于报告期{period}的截止日（{end}）",
                            day=done_on.isoformat(), period=str(period),
                            end=period.end.isoformat()), field="done_on")]
    return []


def check_progress(row: TaskProgress, today: dt.date) -> None:
    """Refuse a ledger row whose status and done day do not stand together (done_day_problems)."""
    problems = done_day_problems(row.status, row.done_on, row.period, today)
    if problems:
        raise InputError(*problems)


# A day as clerks write it: 2020-08-01, 2020-8-1, 2020/8/1, 2020.8.1, 2020年8月1日.
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_day(text: str, field: str = "done_on") -> dt.date | None:
    """A day written YYYY-MM-DD (or 2020/8/1, 2020年8月1日), or None for an empty text."""
    word = text.strip()
    if not word:
        return None
    found = _DAY.fullmatch(word)
    try:
        if found is None:
            raise ValueError(word)
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise InputError(Problem(msg("{text!r} is not a day (YYYY-MM-DD)",
                                     "“{text}”不是日期（应写作YYYY-MM-DD）", text=word),
                                 field=field)) from None


def is_overdue(task: Task, status: TaskStatus | None, period: Period, today: dt.date) -> bool:
    """Past its deadline and not done, as the period stood: at its end, or today if sooner."""
    if task.deadline is None or status is TaskStatus.DONE:
        return False
    return task.deadline < min(today, period.end)
