"""Which subordinate units have reported for a period, on time or late, and which have not.

A unit reports by sending its package or by returning its entry sheet (or the clerk typing its
figures from paper): either way the office has the unit's figures, and the documents, the
overview and the reminder say so alike.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum

from qdesk.core.calendar import due_date
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Plan
from qdesk.store.database import Store
from qdesk.store.packages import made_on
from qdesk.store.reviews import PackageReview, Review, reviews_of
from qdesk.store.units import Unit, subordinates


class Arrival(str, Enum):
    ON_TIME = "on-time"
    LATE = "late"
    MISSING = "missing"

    @property
    def label_zh(self) -> str:
        return {"on-time": "按时报送", "late": "逾期报送", "missing": "未报送"}[self.value]


class Channel(str, Enum):
    """How a unit's figures came in."""

    PACKAGE = "package"
    FIGURES = "figures"

    @property
    def label_zh(self) -> str:
        return {"package": "报送包", "figures": "填报数据"}[self.value]


@dataclass(frozen=True)
class UnitArrival:
    unit: Unit
    arrival: Arrival
    made_on: dt.date | None      # the package's manifest created_at, or the figures' entry day
    due: dt.date | None
    channel: Channel | None = None
    review: PackageReview | None = None     # the superior's review of the unit's package

    @property
    def reported(self) -> bool:
        return self.arrival is not Arrival.MISSING

    @property
    def returned(self) -> bool:
        """Its package was returned: the office waits for the correction (待重报)."""
        return self.review is not None and self.review.state is Review.RETURNED


def arrivals(store: Store, plan: Plan, home: Unit, period: Period) -> list[UnitArrival]:
    """Each subordinate unit's report for the period against the plan's calendar; a unit
    retired before the period began is not listed.

    A package counts from the day the unit made it (the latest one imported stands); figures
    without a package, from the earliest day any of them was last entered (their updated_at),
    since a later correction of one figure does not make the return late. A package carries
    the superior's review of it (store.reviews).
    """
    deadline = next((d for d in plan.deadlines if d.report.frequency is period.frequency), None)
    due = due_date(deadline, period) if deadline else None
    made = made_on(store, period)
    reviews = reviews_of(store, period)
    below = subordinates(store, home, period)
    entered = _entered_on(store, [u.id for u in below if u.id not in made], period)
    result = []
    for unit in below:
        if unit.id in made:
            day, channel = made[unit.id], Channel.PACKAGE
        elif unit.id in entered:
            day, channel = entered[unit.id], Channel.FIGURES
        else:
            result.append(UnitArrival(unit, Arrival.MISSING, None, due))
            continue
        late = due is not None and day is not None and day > due
        result.append(UnitArrival(unit, Arrival.LATE if late else Arrival.ON_TIME, day, due,
                                  channel, reviews.get(unit.id)))
    return result


def _entered_on(store: Store, units: list[int], period: Period) -> dict[int, dt.date]:
    """Unit id -> the day its figures for the period (or a quarter or half of it, which the
    period's report rolls up) were entered, for each of `units` that has any.

    Only the units that sent no package are read, each through its (unit, period) index: a
    province's counties send packages, and it keeps a million figures.
    """
    if not units:
        return {}
    periods = [str(p) for f in Frequency if f.months <= period.months
               for p in period.subperiods(f)]
    return {row["unit_id"]: dt.datetime.fromisoformat(row["day"]).date() for row in store.query(
        "SELECT u.id AS unit_id, min(e.updated_at) AS day FROM units u CROSS JOIN entries e"
        " ON e.unit_id = u.id WHERE u.id IN (SELECT value FROM json_each(?))"
        " AND e.period IN (SELECT value FROM json_each(?)) GROUP BY u.id",
        [json.dumps(units), json.dumps(periods)])}
