"""Benchmark: the overview (dashboard) recomputed on the province database (budget 0.3 s).

The province: 150 counties of 8 townships, five years of quarterly figures, about a million
entries (tests/bench/data.py). Recompute = choosing another period: the figures of the office and
of every county, the calendar, the packages that arrived, and the charts redrawn. Median of 5.
Also the entry grid switching period on the same file (budget 100 ms), and the overview again
with the province's figure of every indicator that combines rolled up from its 150 counties
(`source = "units"`), within the same budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUDGET = 0.300
SWITCH_BUDGET = 0.100

_CHILD = """
import statistics, sys, time
from qdesk.core.periods import Period
from qdesk.gui.app import application
from qdesk.gui.session import Session
from qdesk.gui.pages.dashboard import DashboardPage
from qdesk.gui.pages.entry import EntryPage
app = application()
session = Session(sys.argv[1])
page = DashboardPage(session); page.resize(1280, 800); page.show()
deadline = time.perf_counter() + 30
while page.canvas is None and time.perf_counter() < deadline:   # matplotlib loads in the pool
    app.processEvents(); time.sleep(0.01)
times = []
for text in ["2020Q3", "2020Q2", "2019Q4", "2020", "2019Q3", "2020Q4"]:
    t0 = time.perf_counter()
    page.period_picker.set_period(Period.parse(text)); app.processEvents()
    times.append(time.perf_counter() - t0)
entry = EntryPage(session); entry.resize(1200, 800); entry.show(); app.processEvents()
switches = []
for text in ["2020Q3", "2020Q2", "2019Q4", "2019Q3", "2018Q1", "2020Q4"]:
    t0 = time.perf_counter()
    entry.period_picker.set_period(Period.parse(text)); app.processEvents()
    switches.append(time.perf_counter() - t0)
count = session.store.db.execute("SELECT count(*) FROM entries").fetchone()[0]
print(count, statistics.median(times[1:]), max(switches[1:]))
"""


def _measure(db: Path) -> tuple[int, float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(db.parent / "config")}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db)], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[-3]), float(out[-2]), float(out[-1])


def _rolled_up(db: Path) -> Path:
    """The same province with its own figures rolled up from the counties' (once upgraded)."""
    import sqlite3

    from qdesk.store.database import open_store

    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE indicators SET source = 'units' WHERE over_units != 'none'")
    return db


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.bench.data import cached_province, working_copy

    count, recompute, switch = _measure(working_copy(cached_province()))
    _, rolled, _ = _measure(_rolled_up(working_copy(cached_province())))
    ok = recompute <= BUDGET and switch <= SWITCH_BUDGET and rolled <= BUDGET
    print(f"overview recompute, {count} entries: {recompute * 1000:.0f} ms (budget "
          f"{BUDGET * 1000:.0f} ms) [{'ok' if recompute <= BUDGET else 'MISSED'}]")
    print(f"overview recompute, rolled up from the counties: {rolled * 1000:.0f} ms (budget "
          f"{BUDGET * 1000:.0f} ms) [{'ok' if rolled <= BUDGET else 'MISSED'}]")
    print(f"entry grid period switch, {count} entries: {switch * 1000:.0f} ms (budget "
          f"{SWITCH_BUDGET * 1000:.0f} ms) [{'ok' if switch <= SWITCH_BUDGET else 'MISSED'}]")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
