"""Realistic data at scale for the benchmarks: a county with many units and years of entries."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from qdesk.core.periods import Frequency, Period
from qdesk.databases import create_database
from qdesk.plans.library import find_template


def county_database(path: Path, entries: int = 100_000, seed: int = 7,
                    years: range = range(2014, 2021)) -> Path:
    """The panjin plan for 盘山县 with as many townships as it takes to hold `entries` figures.

    Figures go in by plain SQL in one transaction: the point is the size of the file the
    benchmarks open, not the entry service (which the tests cover).
    """
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    indicators = conn.execute("SELECT id, kind, frequency FROM indicators").fetchall()
    periods = {f: [p for y in years for p in Period.year_of(y).subperiods(f)]
               for f in Frequency}
    per_unit = sum(len(periods[Frequency(f)]) for _, _, f in indicators)
    units = max(1, entries // per_unit)
    with conn:
        conn.executemany(
            "INSERT INTO units (code, name, level, parent_id, position) VALUES (?, ?, ?, 1, ?)",
            [(f"211122{n:03d}", f"第{n}镇", "township", n) for n in range(1, units)])
        unit_ids = [r[0] for r in conn.execute("SELECT id FROM units")]
        rows = []
        for unit in unit_ids:
            for indicator, kind, frequency in indicators:
                for period in periods[Frequency(frequency)]:
                    if kind == "rate":
                        den = rng.randint(20, 400)
                        rows.append((indicator, unit, str(period), rng.randint(int(den * .85),
                                                                                  den), den, None))
                    else:
                        rows.append((indicator, unit, str(period), None, None,
                                     str(rng.randint(0, 100))))
        conn.executemany(
            "INSERT INTO entries (indicator_id, unit_id, period, numerator, denominator, value,"
            " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'bench', '2026-01-01T00:00:00')",
            rows)
    conn.close()
    return path
