"""The office's own figure rolled up from its units' (`source = "units"`), as every face shows it."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from qdesk.core.numbers import NOT_APPLICABLE, Measure
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Indicator, Kind, OverUnits
from qdesk.core.rollup import over_units
from qdesk.core.units import on_roll
from qdesk.store.database import Store
from qdesk.store.entries import damaged_figure, entry_measures_of
from qdesk.store.units import Unit, subordinates

# The units' entries of the office, with the day each unit was retired (most never are), so that a
# period counts only the units on its roll. CROSS JOIN keeps SQLite on the units first and each
# one's (unit, period) index, not on scanning every unit's figures of the indicators.
_UNITS_ENTRIES = (" FROM units u CROSS JOIN entries e ON e.unit_id = u.id"
                  " JOIN indicators i ON i.id = e.indicator_id WHERE u.parent_id = ?"
                  " AND i.code IN (SELECT value FROM json_each(?))")


@dataclass(frozen=True)
class RolledUp:
    """The units' figures combined, period by period, for the indicators rolled up."""

    measures: dict[str, dict[Period, Measure]]   # indicator code -> period -> combined figure
    reported: dict[str, int]     # indicator code -> units due with a figure for the period ...
    not_applicable: dict[str, int]  # ... of which say 无此项 and no more
    units: int                   # units due for the period


def roll_up(store: Store, office: Unit, indicators: Sequence[Indicator], period: Period,
            year_from: int) -> RolledUp:
    """The office's figures of `indicators` from `year_from` to the period's year, each period
    of each indicator's own frequency the roll-up by `over_units` of the units due then (a unit
    retired before a period began counts for none after).

    A ratio of summed counts and a sum of counts are summed in SQL, exactly (whole numbers): a
    province rolls up 150 counties on every indicator as its overview is drawn. Every other
    rule reads the figures, in the units' order.
    `reported` counts the units due for `period` with a figure of a period the period reports,
    无此项 among them; a unit's 无此项 adds nothing to the roll-up, and a period where every unit
    due said 无此项 is 无此项 for the office too.
    """
    below = subordinates(store, office)
    if not below or not indicators:
        return RolledUp({}, {}, {}, 0)
    summed = [i.code for i in indicators if _summed_in_sql(i)]
    others = [i for i in indicators if not _summed_in_sql(i)]
    span = [str(year_from), str(period.year + 1)]
    measures: dict[str, dict[Period, Measure]] = defaultdict(dict)
    sums: dict[tuple[str, Period], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for code, text, retired, *added in store.execute(
            "SELECT i.code, e.period, u.retired_on, sum(e.numerator), sum(e.denominator),"
            " sum(CAST(e.value AS INTEGER)), count(e.denominator) + count(e.value)"
            + _UNITS_ENTRIES + " AND e.period >= ?"
            " AND e.period < ? GROUP BY i.code, e.period, u.retired_on",
            [office.id, json.dumps(summed), *span]):
        entry_period = Period.parse(text)
        if on_roll(_day(retired), entry_period):
            total = sums[code, entry_period]
            for n, number in enumerate(added):
                total[n] += number or 0
    for (code, entry_period), (numerator, denominator, value, figures) in sums.items():
        if not figures:
            measures[code][entry_period] = NOT_APPLICABLE
        elif denominator:
            measures[code][entry_period] = Measure.of_rate(numerator, denominator)
        elif not numerator:
            measures[code][entry_period] = Measure(Fraction(value))
    by_period: dict[tuple[str, Period], list[Measure]] = defaultdict(list)
    for unit, code, text, retired, numerator, denominator, value in store.execute(
            "SELECT u.id, i.code, e.period, u.retired_on, e.numerator, e.denominator, e.value"
            + _UNITS_ENTRIES + " AND e.period >= ? AND e.period < ? ORDER BY u.position, u.id",
            [office.id, json.dumps([i.code for i in others]), *span]):
        entry_period = Period.parse(text)
        if on_roll(_day(retired), entry_period):
            try:
                measure = (Measure.of_rate(numerator, denominator) if numerator is not None
                           else NOT_APPLICABLE if value is None
                           else Measure(Fraction(Decimal(value))))
            except (ArithmeticError, TypeError, ValueError):
                raise damaged_figure(store, unit, code, text, (numerator, denominator, value)
                                     ) from None
            by_period[code, entry_period].append(measure)
    rules = {i.code: i for i in others}
    for (code, entry_period), found in by_period.items():
        figure = over_units(rules[code], found)
        if figure is not None:
            measures[code][entry_period] = figure
    return RolledUp(dict(measures), *_reported(store, office, indicators, period),
                    sum(u.on_roll(period) for u in below))


def _summed_in_sql(indicator: Indicator) -> bool:
    """A ratio of summed whole numbers, or a sum of counts (whole numbers too): exact in SQL."""
    return indicator.over_units is OverUnits.RATIO or (
        indicator.over_units is OverUnits.SUM and indicator.kind is Kind.COUNT)


def _reported(store: Store, office: Unit, indicators: Sequence[Indicator],
              period: Period) -> tuple[dict[str, int], dict[str, int]]:
    """Indicator code -> how many units due for the period have a figure the period reports,
    and how many of them have only 无此项 there.

    Units are counted from the entries' key alone (the unique index holds it); the few 无此项
    rows are found through their own index, and only their units are read further.
    """
    reported: dict[str, int] = dict.fromkeys((i.code for i in indicators), 0)
    codes, periods = json.dumps(list(reported)), json.dumps([str(p) for p in _reported_in(period)])
    for code, retired, count in store.execute(
            "SELECT i.code, u.retired_on, count(DISTINCT e.unit_id)" + _UNITS_ENTRIES
            + " AND e.period IN (SELECT value FROM json_each(?)) GROUP BY i.code, u.retired_on",
            [office.id, codes, periods]):
        if on_roll(_day(retired), period):
            reported[code] += count
    none = dict.fromkeys(reported, 0)
    only_none = {(code, unit): retired for code, unit, retired in store.execute(
        "SELECT DISTINCT i.code, e.unit_id, u.retired_on" + _UNITS_ENTRIES
        + " AND e.numerator IS NULL AND e.value IS NULL"
        " AND e.period IN (SELECT value FROM json_each(?))", [office.id, codes, periods])}
    if only_none:
        for code, unit in store.execute(
                "SELECT DISTINCT i.code, e.unit_id FROM entries e JOIN indicators i"
                " ON i.id = e.indicator_id WHERE e.unit_id IN (SELECT value FROM json_each(?))"
                " AND e.period IN (SELECT value FROM json_each(?))"
                " AND (e.denominator IS NOT NULL OR e.value IS NOT NULL)",
                [json.dumps(sorted({unit for _, unit in only_none})), periods]):
            only_none.pop((code, unit), None)
    for (code, _), retired in only_none.items():
        if on_roll(_day(retired), period):
            none[code] += 1
    return reported, none


def _reported_in(period: Period) -> list[Period]:
    """The periods whose entries a report on `period` shows (Period.reports), at every frequency."""
    found = []
    for frequency in Frequency:
        if frequency.months <= period.months:
            found += period.subperiods(frequency)
        elif period.enclosing(frequency).end == period.end:
            found.append(period.enclosing(frequency))
    return found


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def office_measures(store: Store, office: Unit, indicators: Sequence[Indicator], period: Period,
                    year_from: int) -> dict[str, dict[Period, Measure]]:
    """The office's figures of `indicators` from `year_from` to the period's year, as entry
    measures are (code -> period -> measure): its own entries, and for an indicator rolled up
    from its units the roll-up, whatever it once entered itself."""
    rolled = [i for i in indicators if i.rolled_up] if office.is_office else []
    entered = [i.code for i in indicators if i not in rolled]
    own = entry_measures_of(store, [office.id], year_from, period.year, entered).get(
        office.id, {}) if entered else {}
    if not rolled:
        return own
    combined = roll_up(store, office, rolled, period, year_from).measures
    return {**own, **{i.code: combined.get(i.code, {}) for i in rolled}}
