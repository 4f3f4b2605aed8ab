"""The workbench worked hard for many cycles while a SQLite browser in another process reads the file.

Issue 17, item 13: once, the workbench read garbage after exporting a package with the file open
in the sqlite3 shell. Each cycle here enters and saves a figure, exports the package (which
locks the period and backs up), imports a county's package, backs up and unlocks, all through
the pages; another process opens the file, reads every table and closes, over and over. It ends
with SQLite's integrity check, qdesk's own check, and every lock matching its submission.

QDESK_SOAK_CYCLES sets the number of cycles (10 by default, so CI stays fast; the issue asks 200).
"""

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.gui import qsettings
from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR
from qdesk.gui.main_window import MainWindow
from qdesk.gui.session import Session
from qdesk.plans.library import find_template
from qdesk.store.check import check_database
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.locks import locking_period, unlock_period
from qdesk.store.plans import load_plan
from qdesk.store.units import add_subordinate, home_unit
from qdesk.submission import build_package
from tests.gui.keyboard import type_text
from tests.gui.test_entry import choose_period, type_into

CYCLES = int(os.environ.get("QDESK_SOAK_CYCLES", "10"))
Q3, Q4 = Period.parse("2020Q3"), Period.parse("2020Q4")
COUNTY = ("652301", "昌吉市")
ENTRY, REPORTS, SETTINGS = 1, 8, 10

# As a SQLite browser does: open the file (read-write as the sqlite3 shell does, or read-only),
# read every table, close; again and again until told to stop. What it could not read, or read
# as garbage (a lock's period that is not a period), it writes down.
BROWSER = r"""
import re, sqlite3, sys, time
path, stop, log = sys.argv[1:4]
period = re.compile(r"\d{4}(Q[1-4]|H[12])?")
reads = 0
with open(log, "w", encoding="utf-8") as out:
    while True:
        try:
            open(stop).close()
            break
        except OSError:
            pass
        uri = f"file:{path}" + ("?mode=ro" if reads % 2 else "")
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=10)
            try:
                tables = [r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")]
                for table in tables:
                    conn.execute(f'SELECT * FROM "{table}"').fetchall()
                for (p,) in conn.execute("SELECT period FROM locks"):
                    if not period.fullmatch(str(p)):
                        out.write(f"garbage: a lock's period reads {p!r}\n")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            if "locked" not in str(exc):
                out.write(f"error: {exc}\n")
        out.flush()
        reads += 1
        time.sleep(0.02)
    out.write(f"reads: {reads}\n")
"""


def sizes(path):
    return {suffix or "db": os.path.getsize(f"{path}{suffix}") if os.path.exists(
        f"{path}{suffix}") else 0 for suffix in ("", "-wal")}


@pytest.fixture
def files(tmp_path):
    """昌吉州 as `qdesk init` makes it, with 昌吉市 of its own, made the same way, sending packages."""
    db = tmp_path / "changji-zhou.qdesk"
    create_database(db, find_template("xinjiang-2018"), "652300", "昌吉回族自治州")
    with open_store(db) as store:
        add_subordinate(store, *COUNTY, "county")
    county = tmp_path / "changji.qdesk"
    create_database(county, find_template("xinjiang-2018"), *COUNTY)
    return db, county


@pytest.fixture
def browser(files, tmp_path):
    db, _ = files
    stop, log = tmp_path / "stop", tmp_path / "browser.log"
    process = subprocess.Popen([sys.executable, "-c", BROWSER, str(db), str(stop), str(log)])
    yield lambda: (stop.touch(), process.wait(60), log.read_text(encoding="utf-8"))[-1]
    if process.poll() is None:
        stop.touch()
        process.wait(60)


def county_package(county, cycle, folder):
    """The county's package of the third quarter (the fourth is locked while the workbench's own
    package is out), a new one each cycle: a correction after the first."""
    with open_store(county) as store:
        if locking_period(store, Q3) is not None:
            unlock_period(store, Q3, "更正")
        set_entries(store, load_plan(store), home_unit(store), Q3,
                    [EntryInput("P01", str(40 + cycle % 50), "100")])
        return build_package(store, Q3, folder)


def failure(page):
    """What the page shows of a failure: its message, and a program error's trace if one is open."""
    traces = [box.detailedText() for box in page.findChildren(QMessageBox) if box.isVisible()]
    return "\n".join([page.error_label.text(), *traces])


def wait_for(qtbot, condition):
    qtbot.waitUntil(condition, timeout=60_000)


def enter_and_save(qtbot, window, numerator):
    window.nav.setCurrentRow(ENTRY)
    page = window.page(ENTRY)
    choose_period(page, Q4)
    type_into(qtbot, page, "P01", NUMERATOR, str(numerator))
    type_into(qtbot, page, "P01", DENOMINATOR, "100")
    assert page.save(), page.message.text()
    assert "Saved" in page.message.text()


def export_package(qtbot, window, monkeypatch, folder):
    window.nav.setCurrentRow(REPORTS)
    page = window.page(REPORTS)
    page.period_picker.set_period(Q4)
    monkeypatch.setattr(page, "confirm", lambda text: True)
    monkeypatch.setattr(page, "choose_package_file", lambda: str(folder))
    qtbot.mouseClick(page.package_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not page.building())
    assert page.error_label.isHidden(), failure(page)
    assert "locked" in page.info_label.text()


def import_package(qtbot, window, monkeypatch, package, cycle):
    page = window.page(REPORTS)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(package)])
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not page.building())
    if cycle:   # the county's correction replaces its package, once its changes are confirmed
        wait_for(qtbot, lambda: page.changes_dialog is not None and page.changes_dialog.isVisible())
        qtbot.mouseClick(page.changes_dialog.import_button, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: not page.building())
    assert page.error_label.isHidden(), failure(page)
    assert "Imported 1 file" in page.info_label.text(), page.info_label.text()


def back_up(qtbot, window):
    window.nav.setCurrentRow(SETTINGS)
    panel = window.page(SETTINGS).backups
    panel.message.clear()
    qtbot.mouseClick(panel.back_up_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Backed up" in panel.message.text())


def unlock(qtbot, window):
    window.nav.setCurrentRow(ENTRY)
    page = window.page(ENTRY)
    choose_period(page, Q4)
    page.refresh()
    qtbot.mouseClick(page.banner.unlock_button, Qt.MouseButton.LeftButton)
    dialog = page.banner.dialog
    wait_for(qtbot, lambda: QApplication.activeWindow() is dialog)
    type_text(qtbot, dialog.reason_edit, "上级退回，更正")
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: page.banner.dialog is None)
    assert locking_period(window.session.store, Q4) is None


def test_the_workbench_stays_sound_through_many_cycles_while_a_browser_reads_the_file(
        qtbot, files, browser, monkeypatch, tmp_path):
    db, county = files
    qsettings.settings().clear()
    started, at_start = time.monotonic(), sizes(db)
    window = MainWindow(Session(db))
    qtbot.addWidget(window)
    window.show()
    numerator = 0
    for cycle in range(CYCLES):
        numerator = 50 + cycle % 50
        enter_and_save(qtbot, window, numerator)
        out, sent = tmp_path / f"out{cycle}", tmp_path / f"sent{cycle}"
        out.mkdir()
        sent.mkdir()
        export_package(qtbot, window, monkeypatch, out)
        import_package(qtbot, window, monkeypatch,
                       county_package(county, cycle, sent), cycle)
        back_up(qtbot, window)
        unlock(qtbot, window)
    at_end = sizes(db)
    window.close()
    log = browser()
    print(f"\nsoak: {CYCLES} cycles in {time.monotonic() - started:.0f} s; database and log "
          f"{at_start} at start, {at_end} at the end; browser: {log.splitlines()[-1]}")
    assert [line for line in log.splitlines() if not line.startswith("reads")] == []
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute(
            "SELECT e.numerator FROM entries e JOIN units u ON u.id = e.unit_id JOIN indicators i"
            " ON i.id = e.indicator_id WHERE u.code = '652300' AND i.code = 'P01'"
            " AND e.period = '2020Q4'").fetchone()[0] == numerator
        unmatched = conn.execute(
            "SELECT count(*) FROM locks l LEFT JOIN submissions s ON s.id = l.submission_id"
            " WHERE s.id IS NULL OR s.period != l.period").fetchone()[0]
        locks = conn.execute("SELECT count(*) FROM locks").fetchone()[0]
    finally:
        conn.close()
    assert unmatched == 0 and locks == CYCLES
    report = check_database(db)
    assert report.ok, report.render()
