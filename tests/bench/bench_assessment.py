"""Benchmark: assessing the province's 150 counties on 65 indicators (budget 0.5 s).

The province of tests/bench/data.py (150 counties, 65 indicators: the seed plan's 13 in five
variants). Its plan is given a scheme of one item per indicator (met, linear and deduct in turn)
with a bonus, a penalty and a veto; a score, a bonus and a penalty are entered for some counties.
Timed: `assessment_table` for 2020, from the figures to the ranked table. Median of 5.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

BUDGET = 0.500


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from decimal import Decimal

    from qdesk.core.assessment import Extra, Item, Rule, Scheme, Veto, scheme_record
    from qdesk.store.assessment import add_entry, assessed_units
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan
    from qdesk.views.assessment_table import assessment_table
    from tests.bench.data import cached_province, working_copy

    db = working_copy(cached_province())
    with open_store(db) as store:
        plan = load_plan(store)
        items = []
        for n, indicator in enumerate(plan.indicators):
            target = indicator.target
            bound = target is not None and target.op in (">=", ">") and target.low is not None
            if bound and n % 3 == 1:
                assert target is not None and target.low is not None
                items.append(Item(f"K{n}", indicator.name, Decimal(1), Rule.LINEAR,
                                  indicator.code, floor=target.low - 10))
            elif bound and n % 3 == 2:
                items.append(Item(f"K{n}", indicator.name, Decimal(1), Rule.DEDUCT,
                                  indicator.code, per=Decimal("0.2"), step=Decimal(1)))
            else:
                items.append(Item(f"K{n}", indicator.name, Decimal(1), Rule.MET, indicator.code))
        scheme = Scheme(tuple(items), full_marks=Decimal(len(items)), bonus_max=Decimal(3),
                        bonuses=(Extra("J01", "省长质量奖", Decimal(1), Decimal(2)),),
                        penalties=(Extra("F01", "通报批评", Decimal(1)),),
                        vetoes=(Veto(plan.indicators[7].code),))
        store.execute("UPDATE plans SET assessment = ?",
                      [json.dumps(scheme_record(scheme), ensure_ascii=False)])
        store.conn.commit()
        plan = load_plan(store)
        counties = assessed_units(store, 2020)
        for county in counties[::10]:
            add_entry(store, plan, 2020, county.code, "bonus", "J01", 1, "获奖")
            add_entry(store, plan, 2020, county.code, "penalty", "F01", 1, "通报")
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            table = assessment_table(store, 2020)
            times.append(time.perf_counter() - t0)
    took = statistics.median(times)
    ok = took <= BUDGET
    print(f"assessment of {len(table.scores)} counties on {len(items)} indicators: "
          f"{took * 1000:.0f} ms (budget {BUDGET * 1000:.0f} ms) [{'ok' if ok else 'MISSED'}]")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
