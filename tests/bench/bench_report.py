"""Benchmark: the quarterly report of the demo county, against the 1.5 s budget (DESIGN.md §11).

Cold = a fresh process (imports of ReportLab and matplotlib, font registration included);
warm = a second report in the same process. Prints the figures; exits 1 when cold misses.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BUDGET = 1.5
RUNS = 5

_CHILD = """
import sys, time
t0 = time.perf_counter()
from qdesk.core.periods import Period
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store
with open_store(sys.argv[1]) as store:
    build_report(store, "quarterly", Period.parse("2020Q4"), sys.argv[2])
    t1 = time.perf_counter()
    build_report(store, "quarterly", Period.parse("2020Q4"), sys.argv[2])
    t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def main() -> int:
    from qdesk.demo import build_demo

    with tempfile.TemporaryDirectory() as folder:
        db, out = Path(folder) / "demo.qdesk", Path(folder) / "q.pdf"
        build_demo(db)
        cold, warm = [], []
        for _ in range(RUNS):
            result = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(out)],
                                    capture_output=True, text=True, check=True)
            first, second = map(float, result.stdout.split())
            cold.append(first)
            warm.append(second)
        import pypdf
        pages = len(pypdf.PdfReader(out).pages)
    figure = statistics.median(cold)
    print(f"quarterly report, demo county ({pages} pages, 2 charts): "
          f"cold {figure:.2f} s (median of {RUNS}), warm {statistics.median(warm):.2f} s; "
          f"budget {BUDGET:.1f} s -> {figure / BUDGET:.2f} of budget "
          f"[{'ok' if figure <= BUDGET else 'MISSED'}]")
    return 0 if figure <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
