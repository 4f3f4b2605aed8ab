"""The overview (概览) of a period: counts, what lags, the charted indicator's trend and its units."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from qdesk.core.attainment import Assessment, Status, judge
from qdesk.core.calendar import Due, dues_on
from qdesk.core.numbers import Measure
from qdesk.core.periods import Frequency, Period, periods_between
from qdesk.core.plan import Indicator, Kind, Plan
from qdesk.core.rollup import over_time, over_units
from qdesk.core.targets import Target
from qdesk.store.completeness import UnitArrival, arrivals
from qdesk.store.database import Store
from qdesk.store.entries import entry_measures, first_period_entered
from qdesk.store.plans import unit_targets
from qdesk.store.reviews import PackageReview, returned_packages
from qdesk.store.rollups import office_measures
from qdesk.store.settings import get_setting
from qdesk.store.status import statuses_of
from qdesk.store.submissions import submitted_reports
from qdesk.store.units import Unit, subordinates
from qdesk.views.both_figures import both_figures


def not_met(a: Assessment) -> bool:
    """Not met in a period the indicator is reported for."""
    return a.figure.due and a.status is Status.NOT_MET


def behind(a: Assessment) -> bool:
    """Behind its target for a year still running (on the year to date, or on its pace)."""
    return a.on_track is False


def lags(a: Assessment) -> bool:
    """Not met or behind: what the overview lists and first charts."""
    return not_met(a) or behind(a)


def quarters_through(first_year: int, period: Period) -> list[Period]:
    """Every quarter from the first of `first_year` to the one `period` ends in."""
    return list(periods_between(Period.of(first_year, Frequency.QUARTERLY, 1),
                                Period.containing(period.end, Frequency.QUARTERLY)))


def quarterly_figures(indicator: Indicator, quarters: Sequence[Period],
                      entries: Mapping[Period, Measure]) -> list[Measure | None]:
    """The indicator's figure in each quarter, from its entries by its own roll-up rule; None
    where there is none, or 无此项."""
    figures = (over_time(indicator, quarter, entries).measure for quarter in quarters)
    return [m if m is not None and m.applicable else None for m in figures]


def units_total(indicator: Indicator, assessments: Iterable[Assessment]) -> Measure | None:
    """The units' figures rolled up by the indicator's own rule (a rate as the ratio of summed
    counts, never the mean of rates)."""
    return over_units(indicator, [a.measure for a in assessments if a.measure is not None])


@dataclass(frozen=True)
class Counts:
    """How many indicators reported for the period are met, not met, 无此项 or lack a figure."""

    met: int
    not_met: int
    no_data: int
    not_due: int        # indicators not reported for this period at all
    not_applicable: int         # reported as 无此项: neither met nor not met
    # Of those reported, how many are entered for a longer period that ends with this one (an
    # annual indicator in the fourth quarter's report) or rolled up from shorter ones (the
    # quarters of a quarterly indicator in the year's): all the others are entered for this one.
    from_longer: int = 0
    from_shorter: int = 0


@dataclass(frozen=True)
class TrendPoint:
    """One quarter of the trend: its figure, the target of its year, and whether it meets it."""

    quarter: Period
    measure: Measure | None
    target: Target | None
    met: bool | None        # None without a figure or a target


@dataclass(frozen=True)
class Trend:
    """An indicator quarter by quarter, from its first figure to the period shown."""

    indicator: Indicator
    points: tuple[TrendPoint, ...]
    chosen: tuple[int, ...]     # the points inside the period shown, to shade
    entered: bool               # whether any quarter has a figure


@dataclass(frozen=True)
class UnitsFigures:
    """The subordinate units on one indicator for the period, and their total."""

    indicator: Indicator
    rows: tuple[tuple[Unit, Assessment], ...]
    total: Measure | None

    def lowest(self, count: int) -> tuple[tuple[Unit, Assessment], ...]:
        """The `count` units with the lowest figures, a unit without one counting lowest and one
        of 无此项 highest, in the units' own order; every unit when there are no more than
        `count`."""
        if len(self.rows) <= count:
            return self.rows
        ranked = sorted(range(len(self.rows)), key=lambda i: self._rank(self.rows[i][1]))
        return tuple(self.rows[i] for i in sorted(ranked[:count]))

    @staticmethod
    def _rank(a: Assessment) -> tuple[int, Fraction]:
        if a.status is Status.NOT_APPLICABLE:
            return (2, Fraction(0))
        return (0, Fraction(0)) if a.measure is None else (1, a.measure.value)


def calendar_from(store: Store, day: dt.date) -> Period:
    """The first period the office keeps in qdesk, where its reporting calendar starts: the
    `calendar_from` setting, else the earliest period with a figure, else (no figure yet: an
    office starting today) the quarter `day` falls in."""
    chosen = get_setting(store, "calendar_from")
    return Period.parse(chosen) if chosen else unset_calendar_from(store, day)


def unset_calendar_from(store: Store, day: dt.date) -> Period:
    """Where the calendar starts while `calendar_from` is not set."""
    return first_period_entered(store) or Period.containing(day, Frequency.QUARTERLY)


class Overview:
    """How the office's own unit stands for a period, as of a day, and what its page charts.

    Everything is read when it is made but what only the charts show, which is read when they are
    drawn: the entries behind the trend, when `trend` is first asked, and the units' figures for
    one indicator at a time (`units_on`): a province has 150 counties.
    """

    def __init__(self, store: Store, plan: Plan, home: Unit, period: Period,
                 day: dt.date) -> None:
        self.store, self.plan, self.home, self.period, self.day = store, plan, home, period, day
        self.statuses: list[Assessment] = statuses_of(store, plan, [home], period, day)[home.id]
        self.dues: list[Due] = dues_on(plan, day, submitted_reports(store, home),
                                       calendar_from(store, day))
        self.arrivals: list[UnitArrival] = arrivals(store, plan, home, period)
        self.units: list[Unit] = subordinates(store, home, period)
        # Of every period, not only this one: a correction the office waits for (已退回，待重报).
        self.returned: list[PackageReview] = returned_packages(store)

    @cached_property
    def _entries(self) -> dict[str, dict[Period, Measure]]:
        return entry_measures(self.store, self.home, self.plan.start_year, self.period.year)

    @cached_property
    def _own_targets(self) -> dict[str, dict[int | None, Target]]:
        return unit_targets(self.store, self.home.id)

    @property
    def counts(self) -> Counts:
        due = [a for a in self.statuses if a.figure.due]
        tally = Counter(a.status for a in due)
        months = Counter((a.indicator.frequency.months > self.period.months)
                         - (a.indicator.frequency.months < self.period.months) for a in due)
        return Counts(tally[Status.MET], tally[Status.NOT_MET], tally[Status.NO_DATA],
                      len(self.statuses) - len(due), tally[Status.NOT_APPLICABLE],
                      from_longer=months[1], from_shorter=months[-1])

    @property
    def lagging(self) -> list[Assessment]:
        """The indicators not met or behind, in plan order."""
        return [a for a in self.statuses if lags(a)]

    @property
    def rates(self) -> list[Indicator]:
        """The indicators the charts can show: the rates, in plan order."""
        return [i for i in self.plan.indicators if i.kind is Kind.RATE]

    def charted(self, chosen: str | None = None) -> Indicator | None:
        """The clerk's choice while it is a rate, else the first rate that lags, else the first."""
        rates = self.rates
        by_code = {i.code: i for i in rates}
        if chosen in by_code:
            return by_code[chosen]
        lagging = [a.indicator for a in self.lagging if a.indicator.kind is Kind.RATE]
        if lagging:
            return lagging[0]
        return rates[0] if rates else None

    def trend(self, indicator: Indicator) -> Trend:
        """The indicator from the plan's first quarter to the period, against each year's target.

        Quarters before its first figure are left out (they would only squash the line against
        the right edge); with no figure at all, the last four quarters remain.
        """
        quarters = quarters_through(self.plan.start_year, self.period)
        if indicator.rolled_up:     # the units' figures, read for this one indicator only
            entries = office_measures(self.store, self.home, [indicator], self.period,
                                      self.plan.start_year).get(indicator.code, {})
        else:
            entries = self._entries.get(indicator.code, {})
        figures = quarterly_figures(indicator, quarters, entries)
        entered = [i for i, m in enumerate(figures) if m is not None]
        first = entered[0] if entered else max(0, len(quarters) - 4)
        own = self._own_targets.get(indicator.code)
        by_quarter = dict(zip(quarters, figures))
        points = []
        for quarter, measure in zip(quarters[first:], figures[first:]):
            target = indicator.target_for(quarter.year, own)
            basis = by_quarter.get(quarter.year_ago()) if target and target.needs_basis else None
            met: bool | None = None
            if measure is not None and target is not None \
                    and (basis is not None or not target.needs_basis):
                met = judge(measure.value, target, indicator.decimals, self.plan.rounding,
                            self.plan.judge, basis.value if basis else None)
            points.append(TrendPoint(quarter, measure, target, met))
        chosen = tuple(i for i, p in enumerate(points) if self.period.contains(p.quarter))
        return Trend(indicator, tuple(points), chosen, bool(entered))

    def both_figures(self, units: UnitsFigures) -> str | None:
        """The office's own figure on the indicator beside its units' total, in a sentence
        (views.both_figures), where they differ."""
        own = next((a for a in self.statuses if a.indicator.code == units.indicator.code), None)
        if own is None:
            return None
        return both_figures(self.plan, self.home, own, units.total, [u for u, _ in units.rows])

    def units_on(self, indicator: Indicator) -> UnitsFigures:
        """Each subordinate unit's figure on the indicator for the period, and their total."""
        if not self.units:
            return UnitsFigures(indicator, (), None)
        every = statuses_of(self.store, self.plan, self.units, self.period, self.day,
                            [indicator])
        rows = tuple((u, every[u.id][0]) for u in self.units)
        return UnitsFigures(indicator, rows, units_total(indicator, (a for _, a in rows)))
