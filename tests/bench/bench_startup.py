"""Benchmark: start to a usable main window on a 100 000-entry database, against a bare window.

Each figure is a fresh process, offscreen, from interpreter start to the window shown and the
event loop idle. Budget (DESIGN.md §11): qdesk ≤ 1.5 × a bare PySide6 window opening the same
file. Also: switching the entry grid to another period, budget 100 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

RUNS = 5
RATIO_BUDGET = 1.5
SWITCH_BUDGET = 0.100

_BARE = """
import time, sys
t0 = time.perf_counter()
import sqlite3
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
conn = sqlite3.connect(sys.argv[1])
count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
window = QMainWindow(); window.setCentralWidget(QLabel(str(count))); window.show()
app.processEvents()
print(time.perf_counter() - t0)
"""

_QDESK = """
import time, sys
t0 = time.perf_counter()
from qdesk.gui.app import application
from qdesk.gui.session import Session
from qdesk.gui.main_window import MainWindow
app = application()
window = MainWindow(Session(sys.argv[1])); window.show()
app.processEvents()
print(time.perf_counter() - t0)
"""

_SWITCH = """
import time, sys
from qdesk.gui.app import application
from qdesk.gui.session import Session
from qdesk.gui.pages.entry import EntryPage
from qdesk.core.periods import Period
app = application()
page = EntryPage(Session(sys.argv[1])); page.resize(1200, 800); page.show(); app.processEvents()
times = []
for text in ["2020Q3", "2020Q2", "2019Q4", "2019Q3", "2018Q1", "2020Q4"]:
    t0 = time.perf_counter()
    page.period_combo.set_period(Period.parse(text)); app.processEvents()
    times.append(time.perf_counter() - t0)
print(max(times[1:]))
"""


def _median(code: str, db: Path) -> float:
    # A settings folder of its own: every run starts as a first start, on the overview page.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(db.parent / "config")}
    values = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code, str(db)], env=env, check=True,
                             capture_output=True, text=True).stdout
        values.append(float(out.split()[-1]))
    return statistics.median(values)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.bench.data import county_database

    with tempfile.TemporaryDirectory() as folder:
        db = county_database(Path(folder) / "big.qdesk", 100_000)
        import sqlite3
        count = sqlite3.connect(db).execute("SELECT count(*) FROM entries").fetchone()[0]
        bare, ours = _median(_BARE, db), _median(_QDESK, db)
        switch = _median(_SWITCH, db)
    ratio = ours / bare
    print(f"start-up, {count} entries: qdesk {ours:.2f} s, bare window {bare:.2f} s -> "
          f"{ratio:.2f} × (budget {RATIO_BUDGET} ×) [{'ok' if ratio <= RATIO_BUDGET else 'MISSED'}]")
    print(f"entry grid period switch: {switch * 1000:.0f} ms (budget {SWITCH_BUDGET * 1000:.0f} ms)"
          f" [{'ok' if switch <= SWITCH_BUDGET else 'MISSED'}]")
    return 0 if ratio <= RATIO_BUDGET and switch <= SWITCH_BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
