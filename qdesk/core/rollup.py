"""Roll-up: combining units or sub-periods into one value, by each indicator's rule."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

from qdesk.core.numbers import NOT_APPLICABLE, Measure
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Kind, OverTime, OverUnits

# How each kind rolls up when a plan does not say: a rate by its counts, a count by adding,
# a value and a flag by their latest figure over time and their mean or lowest over units.
DEFAULT_ROLLUP = {Kind.RATE: (OverUnits.RATIO, OverTime.RATIO),
                  Kind.COUNT: (OverUnits.SUM, OverTime.SUM),
                  Kind.VALUE: (OverUnits.MEAN, OverTime.LAST),
                  Kind.FLAG: (OverUnits.MIN, OverTime.LAST)}


def combine(measures: Sequence[Measure], rule: OverUnits | OverTime) -> Measure | None:
    """Combine measures (in order, for `last`) by a roll-up rule; None when there is nothing to show.

    A ratio sums numerators and denominators and divides once: the mean of rates is never taken.
    `none` combines nothing: a single measure passes through, several give None.
    无此项 (NOT_APPLICABLE) adds nothing: the rest combine without it, and when every measure is
    无此项, so is their combination.
    """
    if not measures:
        return None
    if not all(m.applicable for m in measures):
        measures = [m for m in measures if m.applicable]
        if not measures:
            return NOT_APPLICABLE
    match rule.value:
        case "ratio":
            numerator = sum(m.numerator or 0 for m in measures)
            denominator = sum(m.denominator or 0 for m in measures)
            return Measure.of_rate(numerator, denominator) if denominator else None
        case "sum":
            return Measure(sum((m.value for m in measures), Fraction(0)))
        case "mean":
            return Measure(sum((m.value for m in measures), Fraction(0)) / len(measures))
        case "min":
            return min(measures, key=lambda m: m.value)
        case "max":
            return max(measures, key=lambda m: m.value)
        case "last":
            return measures[-1]
        case _:
            return measures[0] if len(measures) == 1 else None


@dataclass(frozen=True)
class PeriodFigure:
    """What an indicator shows for a period: whether it is reported then, its value (or 无此项),
    and gaps (a period with 无此项 is none)."""

    due: bool
    measure: Measure | None
    missing: tuple[Period, ...] = ()

    @property
    def complete(self) -> bool:
        return self.due and not self.missing


def over_time(indicator: Indicator, period: Period,
              entries: Mapping[Period, Measure]) -> PeriodFigure:
    """An indicator's value for a period from its entries, which are kept at its own frequency.

    A period longer than the indicator's frequency rolls its entries up by `over_time`; a period
    shorter than it shows the enclosing entry only when both end together (an annual figure in Q4).
    """
    frequency = indicator.frequency
    if frequency.months > period.months:
        enclosing = period.enclosing(frequency)
        if enclosing.end != period.end:
            return PeriodFigure(False, None)
        measure = entries.get(enclosing)
        return PeriodFigure(True, measure, () if measure else (enclosing,))
    parts = period.subperiods(frequency)
    present = [entries[p] for p in parts if p in entries]
    missing = tuple(p for p in parts if p not in entries)
    return PeriodFigure(True, combine(present, indicator.over_time), missing)


def over_units(indicator: Indicator, measures: Sequence[Measure]) -> Measure | None:
    """An indicator's value across units by `over_units`; None for `none` with several units."""
    return combine(measures, indicator.over_units)


def kind_allows(kind: Kind, rule: OverUnits | OverTime) -> bool:
    """Which roll-up rules make sense for a kind: a rate only as a ratio (or last, or none)."""
    if kind is Kind.RATE:
        return rule.value in ("ratio", "last", "min", "max", "none")
    return rule.value != "ratio"
