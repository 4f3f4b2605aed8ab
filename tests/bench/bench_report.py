"""Benchmark: the quarterly report of the demo county, against the 1.5 s budget (DESIGN.md §11).

Also the province's report (tests/bench/data.py), which is longer than the budget's ≈10 pages.

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
with open_store(sys.argv[1], exclusive=False) as store:
    build_report(store, "quarterly", Period.parse("2020Q4"), sys.argv[2])
    t1 = time.perf_counter()
    build_report(store, "quarterly", Period.parse("2020Q4"), sys.argv[2])
    t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _measure(db: Path, out: Path) -> tuple[float, float, int]:
    cold, warm = [], []
    for _ in range(RUNS):
        result = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(out)],
                                capture_output=True, text=True, check=True)
        first, second = map(float, result.stdout.split())
        cold.append(first)
        warm.append(second)
    import pypdf
    return statistics.median(cold), statistics.median(warm), len(pypdf.PdfReader(out).pages)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from qdesk.demo import build_demo
    from tests.bench.data import cached_province, working_copy

    with tempfile.TemporaryDirectory() as folder:
        db, out = Path(folder) / "demo.qdesk", Path(folder) / "q.pdf"
        build_demo(db)
        figure, warm, pages = _measure(db, out)
        print(f"quarterly report, demo county ({pages} pages, 2 charts): "
              f"cold {figure:.2f} s (median of {RUNS}), warm {warm:.2f} s; "
              f"budget {BUDGET:.1f} s -> {figure / BUDGET:.2f} of budget "
              f"[{'ok' if figure <= BUDGET else 'MISSED'}]")
        # The province's report lists 65 indicators and 150 counties: longer than the ≈10 pages
        # the budget is set for, so it is shown beside it, per 10 pages, not held to it.
        big, big_warm, big_pages = _measure(working_copy(cached_province()), out)
        print(f"quarterly report, province of 150 counties ({big_pages} pages, 2 charts): "
              f"cold {big:.2f} s, warm {big_warm:.2f} s; {big / big_pages * 10:.2f} s per 10 "
              f"pages (budget {BUDGET:.1f} s for ≈10 pages) [shown, not held]")
    return 0 if figure <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
