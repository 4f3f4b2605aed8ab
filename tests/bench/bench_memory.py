"""Benchmark: memory resident with the province database open in the workbench (budget 300 MB).

A fresh process opens the main window on the million-entry province database, waits until the
overview has drawn its charts, visits every page, and reads its resident set size.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUDGET_MB = 300

_CHILD = """
import sys, time
from qdesk.gui.app import application
from qdesk.gui.session import Session
from qdesk.gui.main_window import MainWindow
app = application()
window = MainWindow(Session(sys.argv[1])); window.resize(1280, 800); window.show()
overview = window.page(0)
deadline = time.perf_counter() + 30
while overview.canvas is None and time.perf_counter() < deadline:
    app.processEvents(); time.sleep(0.01)
for index in range(len(window.page_names())):
    window.nav.setCurrentRow(index); app.processEvents()
window.nav.setCurrentRow(0); app.processEvents()
with open("/proc/self/status") as status:
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
print(rss / 1024)
"""


def main() -> int:
    if not Path("/proc/self/status").exists():
        print("memory benchmark: needs Linux's /proc; skipped")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.bench.data import cached_province, working_copy

    db = working_copy(cached_province())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(db.parent / "config")}
    rss = float(subprocess.run([sys.executable, "-c", _CHILD, str(db)], env=env, check=True,
                               capture_output=True, text=True).stdout.split()[-1])
    ok = rss <= BUDGET_MB
    print(f"memory with the province database open, every page visited: {rss:.0f} MB resident "
          f"(budget {BUDGET_MB} MB) [{'ok' if ok else 'MISSED'}]")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
