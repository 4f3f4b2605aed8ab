"""Benchmark: start to a usable main window, against a bare window opening the same file.

On the county database of 100 000 entries (DESIGN.md §11) and on the province database of about a
million (issue 8). Each figure is a fresh process, offscreen, from interpreter start to the window
shown and the event loop idle; median of 5. Budget: qdesk ≤ 1.5 × a bare PySide6 window.

Both programs run from bytecode, as an installed qdesk does (pip and PyInstaller compile every
module): a first run of each, not counted, writes it to a folder of the benchmark's own, even where
PYTHONDONTWRITEBYTECODE is set. Compiling qdesk's sources anew in every run would add tens of
milliseconds that no clerk waits for, and that the bare window, whose modules all come compiled,
never pays.
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

def _median(code: str, db: Path, bytecode: Path) -> float:
    # A settings folder of its own: every run starts as a first start, on the overview page.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(db.parent / "config"), "PYTHONPYCACHEPREFIX": str(bytecode)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run() -> float:
        out = subprocess.run([sys.executable, "-c", code, str(db)], env=env, check=True,
                             capture_output=True, text=True).stdout
        return float(out.split()[-1])

    run()       # writes the bytecode
    return statistics.median(run() for _ in range(RUNS))


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.bench.data import cached_province, county_database, working_copy

    ok = True
    with tempfile.TemporaryDirectory() as folder:
        county = county_database(Path(folder) / "county.qdesk", 100_000)
        for db in (county, working_copy(cached_province())):
            import sqlite3
            count = sqlite3.connect(db).execute("SELECT count(*) FROM entries").fetchone()[0]
            bytecode = Path(folder) / "bytecode"
            bare, ours = _median(_BARE, db, bytecode), _median(_QDESK, db, bytecode)
            ratio = ours / bare
            ok = ok and ratio <= RATIO_BUDGET
            print(f"start-up, {count} entries: qdesk {ours:.2f} s, bare window {bare:.2f} s -> "
                  f"{ratio:.2f} × (budget {RATIO_BUDGET} ×) "
                  f"[{'ok' if ratio <= RATIO_BUDGET else 'MISSED'}]")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
