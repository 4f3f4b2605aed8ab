"""Entries in the database: the one service that writes a figure, and the reads behind every view."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from qdesk.core.entries import EntryValue, check_entry_period, read_entry
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Plan
from qdesk.core.rollup import Measure
from qdesk.store import audit
from qdesk.store.database import Store, now
from qdesk.store.locks import check_unlocked
from qdesk.store.plans import indicator_ids
from qdesk.store.units import Unit


@dataclass(frozen=True)
class EntryInput:
    """One figure as typed: the texts of the grid cells or the `set` options."""

    indicator: str
    numerator: str | None = None
    denominator: str | None = None
    value: str | None = None
    note: str | None = None


def _as_row(value: EntryValue) -> dict:
    return {"numerator": value.numerator, "denominator": value.denominator,
            "value": None if value.value is None else str(value.value)}


def check_input(plan: Plan, period: Period, item: EntryInput) -> tuple[Indicator, EntryValue]:
    """Every rule an entry must pass before it is stored: known indicator, period, kind."""
    indicator = plan.indicator(item.indicator)
    if indicator is None:
        raise InputError(msg("unknown indicator code {code!r}", "指标代码“{code}”不存在",
                             code=item.indicator))
    check_entry_period(plan, indicator, period)
    return indicator, read_entry(indicator, item.numerator, item.denominator, item.value)


def set_entries(store: Store, plan: Plan, unit: Unit, period: Period,
                items: list[EntryInput]) -> int:
    """Check and write figures for one unit and period in one transaction; returns rows changed.

    Nothing is written unless every item passes; each change goes to the audit trail.
    """
    check_unlocked(store, period)
    checked = [(item, *check_input(plan, period, item)) for item in items]
    ids = indicator_ids(store)
    changed = 0
    with store.transaction() as db:
        for item, indicator, value in checked:
            key = {"indicator_id": ids[indicator.code], "unit_id": unit.id, "period": str(period)}
            old = next(db.query(
                "SELECT id, numerator, denominator, value, note FROM entries WHERE indicator_id ="
                " :indicator_id AND unit_id = :unit_id AND period = :period", key), None)
            new = {**_as_row(value), "note": (item.note or "").strip() or None}
            if old is not None and {k: old[k] for k in new} == new:
                continue
            db["entries"].upsert({**key, **new, "updated_by": store.operator,
                                  "updated_at": now()},
                                 pk=("unit_id", "period", "indicator_id"))
            audit.record(store, "entries", f"{unit.code}/{period}/{indicator.code}",
                         "insert" if old is None else "update",
                         None if old is None else {k: old[k] for k in new}, new,
                         unit_code=unit.code, period=str(period))
            changed += 1
    return changed


def entry_measures(store: Store, unit: Unit, year_from: int,
                   year_to: int) -> dict[str, dict[Period, Measure]]:
    """A unit's entries as exact measures: indicator code -> period -> measure."""
    return entry_measures_of(store, [unit.id], year_from, year_to).get(unit.id, {})


def entry_measures_of(store: Store, unit_ids: list[int], year_from: int,
                      year_to: int) -> dict[int, dict[str, dict[Period, Measure]]]:
    """Several units' entries in one query: unit id -> indicator code -> period -> measure."""
    result: dict[int, dict[str, dict[Period, Measure]]] = defaultdict(lambda: defaultdict(dict))
    for row in store.db.query(
            "SELECT e.unit_id, i.code, e.period, e.numerator, e.denominator, e.value"
            " FROM entries e JOIN indicators i ON i.id = e.indicator_id"
            " WHERE e.unit_id IN (SELECT value FROM json_each(?))"
            " AND substr(e.period, 1, 4) BETWEEN ? AND ?",
            [json.dumps(unit_ids), str(year_from), str(year_to)]):
        if row["numerator"] is not None:
            measure = Measure.of_rate(row["numerator"], row["denominator"])
        else:
            measure = Measure(Fraction(Decimal(row["value"])))
        result[row["unit_id"]][row["code"]][Period.parse(row["period"])] = measure
    return {unit: dict(codes) for unit, codes in result.items()}


def entry_notes(store: Store, unit: Unit, period: Period) -> dict[str, str]:
    return {r["code"]: r["note"] for r in store.db.query(
        "SELECT i.code, e.note FROM entries e JOIN indicators i ON i.id = e.indicator_id"
        " WHERE e.unit_id = ? AND e.period = ? AND e.note IS NOT NULL", [unit.id, str(period)])}


def latest_quarter_entered(store: Store) -> Period | None:
    """The newest quarter any figure was entered for."""
    row = store.db.execute(
        "SELECT max(period) FROM entries WHERE period LIKE '____Q_'").fetchone()
    return Period.parse(row[0]) if row and row[0] else None
