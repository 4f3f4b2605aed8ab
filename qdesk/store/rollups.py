"""The office's own figure rolled up from its units' (`source = "units"`), as every face shows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qdesk.core.numbers import Measure
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator
from qdesk.core.rollup import over_time, over_units
from qdesk.store.database import Store
from qdesk.store.entries import entry_measures_of
from qdesk.store.units import Unit, subordinates


@dataclass(frozen=True)
class RolledUp:
    """The units' figures combined, period by period, for the indicators rolled up."""

    measures: dict[str, dict[Period, Measure]]   # indicator code -> period -> combined figure
    reported: dict[str, int]     # indicator code -> units due with a figure for the period
    units: int                   # units due for the period


def roll_up(store: Store, office: Unit, indicators: Sequence[Indicator], period: Period,
            year_from: int) -> RolledUp:
    """The office's figures of `indicators` from `year_from` to the period's year, each period
    of each indicator's own frequency the roll-up by `over_units` of the units due then (a unit
    retired before a period began counts for none after), in one query of their entries.

    `reported` counts the units due for `period` whose own figure for it has a value.
    """
    below = subordinates(store, office)
    if not below or not indicators:
        return RolledUp({}, {}, 0)
    codes = [i.code for i in indicators]
    entries = entry_measures_of(store, [u.id for u in below], year_from, period.year, codes)
    due = [u for u in below if u.on_roll(period)]
    measures: dict[str, dict[Period, Measure]] = {}
    reported: dict[str, int] = {}
    for indicator in indicators:
        by_unit = [(u, entries.get(u.id, {}).get(indicator.code, {})) for u in below]
        periods = sorted({p for _, mine in by_unit for p in mine}, key=lambda p: p.start)
        combined = {}
        for p in periods:
            figure = over_units(indicator, [mine[p] for u, mine in by_unit
                                            if p in mine and u.on_roll(p)])
            if figure is not None:
                combined[p] = figure
        measures[indicator.code] = combined
        reported[indicator.code] = sum(
            over_time(indicator, period, entries.get(u.id, {}).get(indicator.code, {})).measure
            is not None for u in due)
    return RolledUp(measures, reported, len(due))
