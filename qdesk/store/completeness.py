"""Which subordinate units have sent their package for a period, on time or late, and which have not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from qdesk.core.calendar import due_date
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.store.database import Store
from qdesk.store.packages import made_on
from qdesk.store.units import Unit, subordinates


class Arrival(str, Enum):
    ON_TIME = "on-time"
    LATE = "late"
    MISSING = "missing"

    @property
    def label_zh(self) -> str:
        return {"on-time": "按时报送", "late": "逾期报送", "missing": "未报送"}[self.value]


@dataclass(frozen=True)
class UnitArrival:
    unit: Unit
    arrival: Arrival
    made_on: dt.date | None      # when the unit made its package (its manifest's created_at)
    due: dt.date | None


def arrivals(store: Store, plan: Plan, home: Unit, period: Period) -> list[UnitArrival]:
    """Each subordinate unit's package for the period against the plan's calendar; a unit
    retired before the period began is not due.

    A package counts from the day the unit made it; the latest one imported stands.
    """
    deadline = next((d for d in plan.deadlines if d.report.frequency is period.frequency), None)
    due = due_date(deadline, period) if deadline else None
    made = made_on(store, period)
    result = []
    for unit in subordinates(store, home, period):
        if unit.id not in made:
            result.append(UnitArrival(unit, Arrival.MISSING, None, due))
        else:
            day = made[unit.id]
            late = due is not None and day is not None and day > due
            result.append(UnitArrival(unit, Arrival.LATE if late else Arrival.ON_TIME, day, due))
    return result
