"""A plan (方案) as the program holds it: its indicators, their targets, its reporting calendar."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from functools import cached_property
from typing import Mapping

from qdesk.core.assessment import Scheme
from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency, Period
from qdesk.core.tasks import Task
from qdesk.core.targets import Target, resolve


class Kind(str, Enum):
    """rate = numerator/denominator × 100; value = a decimal; count = a whole number ≥ 0; flag = 1/0."""

    RATE = "rate"
    VALUE = "value"
    COUNT = "count"
    FLAG = "flag"


class OverUnits(str, Enum):
    """How an indicator combines across units."""

    RATIO = "ratio"
    SUM = "sum"
    MEAN = "mean"
    MIN = "min"
    MAX = "max"
    NONE = "none"


class OverTime(str, Enum):
    """How an indicator combines across periods."""

    RATIO = "ratio"
    SUM = "sum"
    MEAN = "mean"
    LAST = "last"
    NONE = "none"


class Source(str, Enum):
    """Where the office's own figure comes from: typed, or rolled up from its units' figures."""

    ENTERED = "entered"
    UNITS = "units"


@dataclass(frozen=True)
class Deadline:
    """When a report is due: months_after the period ends on `day`, or on a fixed month/day."""

    report: ReportKind
    day: int
    months_after: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    category: str
    kind: Kind
    unit: str
    decimals: int
    frequency: Frequency
    target: Target | None
    over_units: OverUnits
    over_time: OverTime
    targets: Mapping[int, Target] = field(default_factory=dict)
    numerator: str | None = None
    denominator: str | None = None
    responsible: str | None = None
    note: str | None = None
    source: Source = Source.ENTERED
    retired: bool = False       # kept with its figures, no longer entered

    @property
    def rolled_up(self) -> bool:
        """Whether the office's own figure is its units' figures rolled up, never typed."""
        return self.source is Source.UNITS

    def target_for(self, year: int,
                   unit_targets: Mapping[int | None, Target] | None = None) -> Target | None:
        return resolve(self.target, self.targets, year, unit_targets)


class CheckOp(str, Enum):
    """How a [[check]] rule relates its two figures."""

    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"
    EQ = "=="

    def holds(self, left: Fraction, right: Fraction) -> bool:
        return bool(_COMPARE[self](left, right))


_COMPARE = {CheckOp.LE: operator.le, CheckOp.LT: operator.lt, CheckOp.GE: operator.ge,
            CheckOp.GT: operator.gt, CheckOp.EQ: operator.eq}


@dataclass(frozen=True)
class Check:
    """A [[check]] rule: the unit's figures of two indicators for one period that should stand
    in `op` (a sub-count not above its total); broken, it warns as an unlikely figure does."""

    left: str
    op: CheckOp
    right: str
    message: str | None = None


# The plan's default margins for an unlikely figure: 20 % beyond the range of a count's or a
# value's last figures, 10 百分点 from a percentage's figure of a year before.
DEFAULT_WARN = Decimal(20)
DEFAULT_WARN_POINTS = Decimal(10)


@dataclass(frozen=True)
class WarnRules:
    """When a figure is unlikely enough to want an explanation (DESIGN §3 `warn`, [[check]])."""

    warn: Decimal = DEFAULT_WARN                 # in %, of a count's or value's range
    warn_points: Decimal = DEFAULT_WARN_POINTS   # in 百分点, of a percentage on last year
    margins: Mapping[str, Decimal] = field(default_factory=dict)   # indicator code -> its warn
    points: Mapping[str, Decimal] = field(default_factory=dict)    # ... -> its warn_points
    checks: tuple[Check, ...] = ()

    def margin(self, code: str) -> Decimal:
        return self.margins.get(code, self.warn)

    def points_for(self, code: str) -> Decimal:
        return self.points.get(code, self.warn_points)


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    start_year: int
    end_year: int
    indicators: tuple[Indicator, ...]
    deadlines: tuple[Deadline, ...] = ()
    rounding: Rounding = Rounding.HALF_UP
    judge: Judge = Judge.EXACT
    doc_number: str | None = None
    issuer: str | None = None
    tasks: tuple[Task, ...] = ()
    assessment: Scheme | None = None     # 考核 (DESIGN §3 [assessment])
    warn_rules: WarnRules = field(default_factory=WarnRules)

    def task(self, code: str) -> Task | None:
        return next((t for t in self.tasks if t.code == code), None)

    def indicator(self, code: str) -> Indicator | None:
        return self._by_code.get(code)

    @cached_property
    def _by_code(self) -> dict[str, Indicator]:
        # A sheet of 100 000 rows asks once a row; a frozen dataclass may still cache this.
        return {i.code: i for i in self.indicators}

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year

    def check_period(self, period: Period) -> None:
        """Refuse a period outside the plan's years."""
        if not self.covers(period.year):
            raise InputError(msg("period {period} is outside the plan ({start}–{end})",
                                 "报告期{period}不在方案年限（{start}—{end}年）内",
                                 period=str(period), start=self.start_year, end=self.end_year))
