"""Killing qdesk in the middle of a large import: the file stays sound, with all of it or none."""

import random
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from qdesk.store.backups import default_folder, list_backups
from qdesk.store.check import check_database
from qdesk.store.database import open_store

RUNS = 24
UNITS = 1500
QUARTERS = ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county with 1500 townships and one year's sheet: 1500 × 4 quarters × 8 rates = 48 000 rows."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.plans import load_plan
    from qdesk.store.units import add_subordinate

    folder = tmp_path_factory.mktemp("crash")
    master = folder / "master.qdesk"
    create_database(master, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(master) as store:
        codes = [i.code for i in load_plan(store).indicators
                 if i.kind.value == "rate" and i.frequency.value == "quarterly"]
        with store.transaction():
            for n in range(UNITS):
                add_subordinate(store, f"T{n:04d}", f"第{n}镇", "township")
    rng = random.Random(7)
    sheet = folder / "big.csv"
    with sheet.open("w", encoding="utf-8") as out:
        out.write("单位代码,指标代码,报告期,分子,分母,数值,备注\n")
        for n in range(UNITS):
            for quarter in QUARTERS:
                for code in codes:
                    denominator = rng.randint(1, 500)
                    out.write(f"T{n:04d},{code},{quarter},{rng.randint(0, denominator)},"
                              f"{denominator},,\n")
    rows = UNITS * len(QUARTERS) * len(codes)
    return master, sheet, rows


def _import(db, sheet):
    return subprocess.Popen([sys.executable, "-m", "qdesk", "import", str(sheet), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _entries(db):
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*) FROM entries").fetchone()[0],
                conn.execute("SELECT count(*) FROM audit WHERE table_name = 'entries'").fetchone()[0])
    finally:
        conn.close()


def test_an_import_killed_at_random_moments_leaves_all_of_it_or_none(county, tmp_path):
    master, sheet, rows = county
    whole = tmp_path / "whole.qdesk"
    shutil.copy(master, whole)
    started = time.monotonic()
    child = _import(whole, sheet)
    assert child.wait(timeout=300) == 0, child.stderr.read().decode()
    duration = time.monotonic() - started
    assert _entries(whole) == (rows, rows)
    conn = sqlite3.connect(whole)
    expected = conn.execute("SELECT unit_id, period, indicator_id, numerator, denominator"
                            " FROM entries ORDER BY 1, 2, 3").fetchall()
    conn.close()

    rng = random.Random(20261201)
    outcomes = {"none": 0, "all": 0}
    for run in range(RUNS):
        db = tmp_path / f"run{run}.qdesk"
        shutil.copy(master, db)
        child = _import(db, sheet)
        time.sleep(rng.uniform(0.05, 1.0) * duration)
        child.kill()                # SIGKILL; TerminateProcess on Windows
        child.wait()
        report = check_database(db)
        assert report.ok, f"run {run}: {report.render('en')}"
        with open_store(db):     # the killed holder's lock is taken over; the log is replayed
            pass
        count = _entries(db)
        assert count in ((0, 0), (rows, rows)), f"run {run}: {count} of {rows}"
        if count == (rows, rows):
            outcomes["all"] += 1
            conn = sqlite3.connect(db)
            assert conn.execute("SELECT unit_id, period, indicator_id, numerator, denominator"
                                " FROM entries ORDER BY 1, 2, 3").fetchall() == expected
            conn.close()
        else:
            outcomes["none"] += 1
        # A kill while backing up leaves a half-made copy (a later backup removes it once
        # stale); it is never listed as a backup, and every backup listed is sound.
        for backup in list_backups(db, default_folder(db)):
            assert check_database(backup.path, quick=True).ok, f"run {run}: {backup.path}"
    # Kills landed both before and after the commit: the test exercised both outcomes.
    assert outcomes["none"] > 0 and outcomes["all"] > 0, outcomes
