"""The reporting calendar: for any date, which report for which period is due when."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from enum import Enum
from typing import Collection, Iterator

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Period
from qdesk.core.plan import Deadline, Plan

DUE_SOON_DAYS = 10


class DueState(str, Enum):
    SUBMITTED = "submitted"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    UPCOMING = "upcoming"

    @property
    def label_zh(self) -> str:
        return {"submitted": "已报送", "overdue": "已逾期", "due-soon": "即将到期",
                "upcoming": "未到期"}[self.value]


@dataclass(frozen=True, order=True)
class Due:
    """One report owed: its due date, kind and period, and how it stands on a given day."""

    date: dt.date
    report: ReportKind
    period: Period
    state: DueState


def due_date(deadline: Deadline, period: Period) -> dt.date:
    """The day a report on a period is due under a deadline rule.

    months_after counts months after the period's last month (Q3 with 1 -> October); a fixed
    month is in the period's own year (the half-year summary by 7月10日, the annual by 12月10日).
    A day the month does not have (31 in April) is its last day.
    """
    if deadline.month is not None:
        year, month = period.year, deadline.month
    else:
        months = period.year * 12 + period.last_month - 1 + (deadline.months_after or 0)
        year, month = months // 12, months % 12 + 1
    return dt.date(year, month, min(deadline.day, monthrange(year, month)[1]))


def reporting_periods(plan: Plan, deadline: Deadline) -> Iterator[Period]:
    """The periods a deadline rule asks reports for over the plan's span.

    A fixed date asks for the last period of its kind that has ended by then in that year (H1 by
    7月10日), or the one it falls in when none has (the year by 12月10日).
    """
    frequency = deadline.report.frequency
    for year in range(plan.start_year, plan.end_year + 1):
        periods = Period.year_of(year).subperiods(frequency)
        if deadline.month is None:
            yield from periods
            continue
        day = due_date(deadline, periods[0])
        ended = [p for p in periods if p.end <= day]
        yield ended[-1] if ended else Period.containing(day, frequency)


def obligations(plan: Plan) -> list[Due]:
    """Every report the plan asks for, in due-date order, with no state yet (see `dues_on`)."""
    dues = [Due(due_date(d, p), d.report, p, DueState.UPCOMING)
            for d in plan.deadlines for p in reporting_periods(plan, d)]
    return sorted(dues)


def dues_on(plan: Plan, day: dt.date,
            submitted: Collection[tuple[ReportKind, Period]] = (),
            since: Period | None = None) -> list[Due]:
    """What stands on a day: every overdue report not yet submitted, then the next of each kind.

    Overdue = due before `day` and not submitted; due soon = due within 10 days from `day`.
    Reports on periods that ended before `since` (the first period the office keeps in qdesk)
    are left out: they were made before qdesk, or never will be.
    """
    result: list[Due] = []
    next_of_kind: dict[ReportKind, Due] = {}
    for due in obligations(plan):
        if since is not None and due.period.end < since.start:
            continue
        done = (due.report, due.period) in submitted
        if due.date < day:
            if not done:
                result.append(Due(due.date, due.report, due.period, DueState.OVERDUE))
        elif due.report not in next_of_kind:
            if done:
                state = DueState.SUBMITTED
            elif (due.date - day).days <= DUE_SOON_DAYS:
                state = DueState.DUE_SOON
            else:
                state = DueState.UPCOMING
            next_of_kind[due.report] = Due(due.date, due.report, due.period, state)
    return result + sorted(next_of_kind.values())


def due_now(plan: Plan, day: dt.date, submitted: Collection[tuple[ReportKind, Period]] = (),
            since: Period | None = None) -> Period | None:
    """The period whose report the office works on, on a day: that of its latest overdue report
    (the older ones stand listed on the overview), else of the next one due; None when the plan
    asks for nothing more (it has ended, and everything was submitted)."""
    dues = dues_on(plan, day, submitted, since)
    overdue = [due for due in dues if due.state is DueState.OVERDUE]
    if overdue:
        return max(overdue).period
    owed = [due for due in dues if due.state is not DueState.SUBMITTED]
    return min(owed).period if owed else None
