"""Small builders of core objects for tests."""

import json

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


def add_audit_row(store, at, table="entries", key="211122/2020Q4/P03", action="update",
                  old=None, new=None, operator="王强", reason=None, unit_code="211122",
                  period="2020Q4"):
    """A row as the trail keeps it, written at a given time (the services stamp the clock's)."""
    store.db.execute(
        "INSERT INTO audit (at, operator, table_name, row_key, action, old, new, reason,"
        " unit_code, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, operator, table, key, action, old and json.dumps(old), new and json.dumps(new),
         reason, unit_code, period])

