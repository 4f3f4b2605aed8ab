"""Small builders of core objects for tests."""

from qdesk.core.documents import ReportKind
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency
from qdesk.core.plan import Deadline, Indicator, Kind, OverTime, OverUnits, Plan
from qdesk.core.targets import Target

SEED_DEADLINES = (Deadline(ReportKind.QUARTERLY, 5, months_after=1),
                  Deadline(ReportKind.HALF_YEAR, 10, month=7),
                  Deadline(ReportKind.ANNUAL, 10, month=12))


def indicator(code="P01", kind=Kind.RATE, target=">= 90", frequency=Frequency.QUARTERLY,
              over_units=None, over_time=None, decimals=2, unit=None, targets=None):
    rate = kind is Kind.RATE
    return Indicator(
        code=code, name=f"指标{code}", category="产品质量", kind=kind,
        unit=unit if unit is not None else ("%" if rate else "项"), decimals=decimals,
        frequency=frequency, target=Target.parse(target) if target else None,
        over_units=OverUnits(over_units or ("ratio" if rate else "sum")),
        over_time=OverTime(over_time or ("ratio" if rate else "sum")),
        targets={y: Target.parse(t) for y, t in (targets or {}).items()},
        numerator="合格批次" if rate else None, denominator="抽查批次" if rate else None)


def plan(*indicators, start=2024, end=2027, rounding=Rounding.HALF_UP, judge=Judge.EXACT,
         deadlines=SEED_DEADLINES):
    return Plan("test-plan", "测试方案", start, end, tuple(indicators or (indicator(),)),
                tuple(deadlines), rounding, judge)
