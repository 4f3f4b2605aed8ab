"""The open database as the workbench sees it: store, plan, the office's own unit, the period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qdesk.core.errors import QdeskError
from qdesk.core.calendar import due_now
from qdesk.core.periods import Frequency, Period, periods_between
from qdesk.core.plan import Plan
from qdesk.gui.qsettings import LAST_PERIOD, settings
from qdesk.store.database import Store, open_store
from qdesk.store.entries import latest_quarter_entered
from qdesk.store.plans import load_plan
from qdesk.store.settings import get_setting, set_setting
from qdesk.store.submissions import submitted_reports
from qdesk.store.units import Unit, home_unit, subordinates
from qdesk.views.overview import calendar_from


class Session:
    """Pages ask it, and the services under it, for everything they show or change.

    It also carries the period the clerk works on, remembered for the next start.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.store: Store = open_store(self.path)
        self._chosen: Period | None = None
        self.reload()

    def reload(self) -> None:
        self.plan: Plan = load_plan(self.store)
        self.home: Unit = home_unit(self.store)

    def units(self, period: Period | None = None) -> list[Unit]:
        """The office's own unit first, then its townships, zones and member units: those on
        the roll for `period` if one is given (not retired before it began), else every one."""
        return [self.home, *subordinates(self.store, self.home, period)]

    def periods(self, frequency: Frequency | None = None) -> list[Period]:
        """Every period of the plan, newest first; of one frequency, or all of them mixed."""
        first, last = self.plan.start_year, self.plan.end_year
        kinds = [frequency] if frequency else [Frequency.ANNUAL, Frequency.HALF_YEAR,
                                               Frequency.QUARTERLY]
        result: list[Period] = []
        for kind in kinds:
            result += periods_between(Period.of(first, kind, 1),
                                      Period.of(last, kind, kind.per_year))
        return sorted(result, reverse=True)

    def latest_quarter(self, today: dt.date | None = None) -> Period:
        """The newest quarter with figures, else the last finished quarter within the plan."""
        entered = latest_quarter_entered(self.store)
        if entered is not None:
            return entered
        today = today or dt.date.today()
        quarter = Period.containing(today, Frequency.QUARTERLY).previous()
        quarters = self.periods(Frequency.QUARTERLY)
        inside = [q for q in quarters if q <= quarter]
        return inside[0] if inside else quarters[-1]

    @property
    def period(self) -> Period:
        """The period the clerk chose last (in this run or one before), if the plan has it; else
        the period due now, else the latest quarter. Pages start on it."""
        chosen = self._chosen if self._chosen is not None else _remembered_period()
        if chosen is not None and self.plan.covers(chosen.year):
            return chosen
        return self.due_now() or self.latest_quarter()

    @period.setter
    def period(self, period: Period) -> None:
        self._chosen = period
        settings().setValue(LAST_PERIOD, str(period))

    def due_now(self, today: dt.date | None = None) -> Period | None:
        """The period whose report the office works on `today` (core.calendar.due_now), its
        calendar starting where the overview's does."""
        today = today or dt.date.today()
        return due_now(self.plan, today, submitted_reports(self.store, self.home),
                       since=calendar_from(self.store, today))

    @property
    def operator(self) -> str:
        return self.store.operator

    def setting(self, key: str, default: str = "") -> str:
        return get_setting(self.store, key, default)

    def set_setting(self, key: str, value: str) -> None:
        set_setting(self.store, key, value)

    @property
    def closed(self) -> bool:
        return self.store.closed

    def close(self) -> None:
        self.store.close()


def _remembered_period() -> Period | None:
    text = settings().value(LAST_PERIOD)
    try:
        return Period.parse(str(text)) if text else None
    except QdeskError:
        return None
