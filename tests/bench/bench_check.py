"""Benchmark: the full `qdesk check` of a 100 000-entry county whose every figure the trail records.

DESIGN §11 sets no budget for it yet; this one proposes 2 s of processor time (measured as
processor time, so that a machine shared with other work does not tip it), and prints SQLite's
own integrity check of the same file (which the full check runs first) beside it."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 2.0     # seconds of processor time


def _record_every_figure(db: Path) -> int:
    """Audit rows for the figures the benchmark database put in by plain SQL, as the entry
    service would have written them."""
    from qdesk.store import audit
    from qdesk.store.database import open_store

    encode = audit.values_json("numerator", "denominator", "value", "note")
    with open_store(db) as store:
        rows = store.execute(
            "SELECT u.code, e.period, i.code, e.numerator, e.denominator, e.value, e.note"
            " FROM entries e JOIN units u ON u.id = e.unit_id"
            " JOIN indicators i ON i.id = e.indicator_id").fetchall()
        with store.transaction():
            audit.record_many(store, [
                audit.Change("entries", f"{unit}/{period}/{code}", "insert", None,
                             encode(figure), None, unit, period)
                for unit, period, code, *figure in rows])
    return len(rows)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from qdesk.store.check import check_database
    from tests.bench.data import county_database

    with tempfile.TemporaryDirectory() as folder:
        db = county_database(Path(folder) / "big.qdesk", 100_000)
        count = _record_every_figure(db)
        conn = sqlite3.connect(db)
        start = time.process_time()
        conn.execute("PRAGMA integrity_check").fetchall()
        integrity = time.process_time() - start
        conn.close()
        start, wall = time.process_time(), time.perf_counter()
        report = check_database(db)
        full, wall = time.process_time() - start, time.perf_counter() - wall
        assert report.ok, report.render("en")
    met = full <= BUDGET
    print(f"full check, {count} entries and as many audit rows: {full:.2f} s of processor time "
          f"({wall:.2f} s on the clock); SQLite's integrity check alone {integrity:.2f} s "
          f"(budget {BUDGET} s) [{'ok' if met else 'MISSED'}]")
    return 0 if met else 1

if __name__ == "__main__":
    raise SystemExit(main())
