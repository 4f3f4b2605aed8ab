"""The status of every indicator for a unit and period: what `qdesk status`, the dashboard and reports show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from qdesk.core.attainment import Assessment, assess, first_year_needed
from qdesk.core.numbers import fixed6
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Plan
from qdesk.store.database import Store
from qdesk.store.entries import entry_measures_of
from qdesk.store.plans import unit_targets_of
from qdesk.store.references import reference_values
from qdesk.store.rollups import roll_up
from qdesk.store.units import Unit


def period_status(store: Store, plan: Plan, unit: Unit, period: Period,
                  today: dt.date | None = None) -> list[Assessment]:
    """Every indicator of the plan, in plan order, assessed for the unit and period."""
    return statuses_of(store, plan, [unit], period, today)[unit.id]


def statuses_of(store: Store, plan: Plan, units: list[Unit], period: Period,
                today: dt.date | None = None,
                indicators: Sequence[Indicator] | None = None) -> dict[int, list[Assessment]]:
    """period_status for several units at once, in three queries: unit id -> assessments.

    A target against a reference is judged with the figure entered for the period. The office's
    own figure of an indicator rolled up from its units (`source = "units"`) is their figures
    combined (store.rollups), and its assessment says how many of them reported.

    Of every indicator of the plan, in plan order, or of the `indicators` given.
    """
    plan.check_period(period)
    today = today or dt.date.today()
    chosen = plan.indicators if indicators is None else tuple(indicators)
    ids = [u.id for u in units]
    targets = unit_targets_of(store, ids)
    first = min([first_year_needed(chosen, period.year, own) for own in targets.values()]
                + [first_year_needed(chosen, period.year, {})])
    measures = entry_measures_of(store, ids, first, period.year,
                                 None if indicators is None else [i.code for i in chosen])
    references = reference_values(store, period)
    rolled = [i for i in chosen if i.rolled_up]
    result = {}
    for unit in units:
        mine, own = measures.get(unit.id, {}), targets.get(unit.id, {})
        combined = roll_up(store, unit, rolled, period, first) if unit.is_office and rolled \
            else None
        assessed = []
        for ind in chosen:
            if combined is None or not ind.rolled_up:
                assessed.append(assess(plan, ind, period, mine.get(ind.code, {}), today,
                                       own.get(ind.code), references.get(ind.code)))
                continue
            a = assess(plan, ind, period, combined.measures.get(ind.code, {}), today,
                       own.get(ind.code), references.get(ind.code))
            assessed.append(replace(a, reported=combined.reported.get(ind.code, 0),
                                    units=combined.units,
                                    not_applicable=combined.not_applicable.get(ind.code, 0)))
        result[unit.id] = assessed
    return result


def status_record(a: Assessment) -> dict[str, Any]:
    """One indicator's status as `qdesk status --format json` prints it (DESIGN.md §8)."""
    m = a.measure
    return {
        "code": a.indicator.code,
        "name": a.indicator.name,
        "kind": a.indicator.kind.value,
        "numerator": m.numerator if m else None,
        "denominator": m.denominator if m else None,
        "value": fixed6(m.value) if m else None,
        "display": a.display,
        "unit": a.indicator.unit,
        "target": str(a.target) if a.target else None,
        "basis": fixed6(a.basis.value) if a.basis else None,
        "status": a.status.value,
        "on_track": a.on_track,
        "due": a.figure.due,
        "complete": a.figure.complete,
        "reported": a.reported,
        "not_applicable": a.not_applicable,
        "units": a.units,
    }
