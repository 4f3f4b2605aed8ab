"""Attainment: met / not met / no data / not due / not applicable, and on track / behind for a
year still running."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Iterable, Mapping

from qdesk.core.numbers import NOT_APPLICABLE_TEXT, Judge, Measure, Rounding, display, round_to
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, OverTime, Plan
from qdesk.core.rollup import PeriodFigure, over_time
from qdesk.core.targets import Basis, Target


class Status(str, Enum):
    MET = "met"
    NOT_MET = "not-met"
    NO_DATA = "no-data"
    NOT_DUE = "not-due"     # not reported for the period at all: an annual one in a quarter
    NOT_APPLICABLE = "not-applicable"   # reported as 无此项: nothing to count in the period

    @property
    def label_zh(self) -> str:
        return {"met": "达标", "not-met": "未达标", "no-data": "未填报",
                "not-due": "本期不填报", "not-applicable": "不适用"}[self.value]


def judge(value: Fraction, target: Target, decimals: int, rounding: Rounding, mode: Judge,
          basis: Fraction | None = None) -> bool:
    """Whether a value meets its target: on the exact value, or on the rounded one if the plan says so.

    A relative target compares with `basis` (last year's figure, or the period's reference),
    rounded alike.
    """
    if mode is Judge.ROUNDED:
        return target.is_met_by(round_to(value, decimals, rounding),
                                None if basis is None else round_to(basis, decimals, rounding))
    return target.is_met_by(value, basis)


@dataclass(frozen=True)
class Assessment:
    """An indicator for one unit and period: what it shows and how it stands."""

    indicator: Indicator
    period: Period
    figure: PeriodFigure
    target: Target | None
    status: Status
    on_track: bool | None
    display: str
    basis: Measure | None = None    # what a relative target compared with: last year's, a reference
    reported: int | None = None     # of a figure rolled up from units: how many have a figure ...
    units: int | None = None        # ... of how many are due
    not_applicable: int | None = None   # ... and how many of those say 无此项

    @property
    def measure(self) -> Measure | None:
        """The figure's value; None without one, and for 无此项, which is no value."""
        measure = self.figure.measure
        return measure if measure is not None and measure.applicable else None

    @property
    def rolled_up(self) -> bool:
        return self.units is not None

    @property
    def shown(self) -> str:
        """The figure as every face shows it: 92.3%, 无此项; "" without one."""
        if not self.display or self.status is Status.NOT_APPLICABLE:
            return self.display
        return f"{self.display}{self.indicator.unit}"


def assess(plan: Plan, indicator: Indicator, period: Period, entries: Mapping[Period, Measure],
           today: dt.date, unit_targets: Mapping[int | None, Target] | None = None,
           reference: Fraction | None = None) -> Assessment:
    """Assess an indicator for a period from its entries (kept at the indicator's frequency).

    A target against last year needs the entries of the year before too (`first_year_needed`);
    one against a reference takes the figure entered for the period (`reference`). Without last
    year's figure, or without a reference figure, it cannot be judged: no data. A period the
    indicator is not entered for is not due, and so is one a retired indicator has no figure for.
    A figure of 无此项 is neither met nor not met: not applicable, whatever the target.
    """
    figure = over_time(indicator, period, entries)
    target = indicator.target_for(period.year, unit_targets)
    if indicator.retired and figure.measure is None:
        figure = PeriodFigure(False, None)      # no longer entered: due only where it has a figure
    if not figure.due:
        return Assessment(indicator, period, figure, target, Status.NOT_DUE, None, "")
    measure = figure.measure
    if measure is not None and not measure.applicable:
        return Assessment(indicator, period, figure, target, Status.NOT_APPLICABLE, None,
                          NOT_APPLICABLE_TEXT)
    basis = _basis(indicator, period, entries, target, reference)
    if measure is None or target is None or (target.needs_basis and basis is None):
        status = Status.NO_DATA
    elif judge(_judged_value(indicator, target, measure.value, period, today),
               target, indicator.decimals, plan.rounding, plan.judge,
               basis.value if basis else None):
        status = Status.MET
    else:
        status = Status.NOT_MET
    return Assessment(indicator, period, figure, target, status,
                      _on_track(plan, indicator, period, entries, today, target),
                      display(measure.value if measure else None, indicator.decimals,
                              plan.rounding), basis)


def _begun(indicator: Indicator, period: Period, today: dt.date) -> list[Period]:
    """The periods of the indicator's frequency inside `period` begun by its end, or by today if
    that comes first."""
    if indicator.frequency.months > period.months:    # the annual figure in Q4: the year's
        period = period.enclosing(indicator.frequency)
    reach = min(period.end, today)
    return [p for p in period.subperiods(indicator.frequency) if p.start <= reach]


def share_of_year(indicator: Indicator, period: Period, today: dt.date) -> Fraction:
    """The share of its year a period's figure covers (时序进度), in the indicator's own periods:
    a quarter a quarter, H1 a half, the year as far as today has come, all of it once over."""
    return Fraction(max(len(_begun(indicator, period, today)), 1), indicator.frequency.per_year)


def paced(indicator: Indicator, target: Target, value: Fraction, share: Fraction) -> Fraction:
    """The value judged against a target while its year is not over.

    A summed figure with a lower bound (awards this year >= 20) is judged on its pace: met when
    it reaches the target times the share of the year gone, that is when the value scaled to a
    full year reaches the target. Every other figure is judged as it stands: a rate, a bound
    from above (complaints <= 5) that a part of the year can already break.
    """
    if indicator.over_time is OverTime.SUM and target.is_lower_bound and share < 1:
        return value / share
    return value


def _judged_value(indicator: Indicator, target: Target, value: Fraction, period: Period,
                  today: dt.date) -> Fraction:
    """`paced`, its share of the year worked out only for a figure judged on its pace."""
    if indicator.over_time is not OverTime.SUM or not target.is_lower_bound:
        return value
    return paced(indicator, target, value, share_of_year(indicator, period, today))


def first_year_needed(indicators: Iterable[Indicator], year: int,
                      unit_targets: Mapping[str, Mapping[int | None, Target]]) -> int:
    """The first year whose entries judging `year` takes: the year before, if a target says so."""
    for indicator in indicators:
        target = indicator.target_for(year, unit_targets.get(indicator.code))
        if target is not None and target.basis is Basis.LAST_YEAR:
            return year - 1
    return year


def _basis(indicator: Indicator, period: Period, entries: Mapping[Period, Measure],
           target: Target | None, reference: Fraction | None) -> Measure | None:
    """What a relative target compares with: last year's figure for the same period, or the
    reference figure entered for the period."""
    if target is None or target.basis is None:
        return None
    if target.basis is Basis.REFERENCE:
        return None if reference is None else Measure(reference)
    earlier = over_time(indicator, period.year_ago(), entries).measure
    return earlier if earlier is not None and earlier.applicable else None


def _on_track(plan: Plan, indicator: Indicator, period: Period, entries: Mapping[Period, Measure],
              today: dt.date, target: Target | None) -> bool | None:
    """Year-to-date value against the year's target, while the period's year is still running.

    A summed indicator with a lower bound (awards this year >= 4) is judged on its pace over the
    elapsed part of the year, scaled to a full year; a target against last year compares with the
    same quarters of the year before; every other rule compares the value itself.
    """
    if target is None or today.year != period.year:
        return None
    year = Period.year_of(period.year)
    reach = min(period.end, today)
    elapsed = _begun(indicator, year, reach)
    ytd = over_time(indicator, year, {p: m for p, m in entries.items() if p in elapsed}).measure
    if ytd is None or not ytd.applicable:
        return None
    if target.basis is Basis.LAST_YEAR:
        earlier = {p.year_ago() for p in elapsed if p in entries}
        before = over_time(indicator, year.year_ago(),
                           {p: m for p, m in entries.items() if p in earlier}).measure
        return None if before is None or not before.applicable else judge(ytd.value, target, indicator.decimals,
                                                 plan.rounding, plan.judge, before.value)
    if target.needs_basis:
        return None
    return judge(paced(indicator, target, ytd.value, share_of_year(indicator, year, reach)),
                 target, indicator.decimals, plan.rounding, plan.judge)


def change(current: Measure | None, earlier: Measure | None) -> Fraction | None:
    """Change on an earlier value; for percentages this is in 百分点 (percentage points). None
    without both, or where either is 无此项."""
    if current is None or earlier is None or not (current.applicable and earlier.applicable):
        return None
    return current.value - earlier.value


def change_words(delta: Fraction, indicator: Indicator, rounding: Rounding, *,
                 signed: bool = False) -> str:
    """A change as documents word it: 持平 when it shows as zero, a rate's in 百分点.

    In words (提高1.2个百分点, 下降3项) for a sentence; `signed` (+1.2, -3项) for a table column
    whose head says 百分点 already.
    """
    shown = round_to(abs(delta), indicator.decimals, rounding)
    if shown == 0:
        return "持平"
    amount = display(shown, indicator.decimals, rounding)
    percent = indicator.unit == "%"
    if signed:
        return f"{'+' if delta > 0 else '-'}{amount}{'' if percent else indicator.unit}"
    return f"{'提高' if delta > 0 else '下降'}{amount}{'个百分点' if percent else indicator.unit}"
