"""The smoke mode of the bundled program: the main window opened, settled, and saved as a picture.

It prints "qdesk smoke: window shown" the moment the window is on screen, lets the start-up work
(the day's check and backup, the overview's charts) finish, saves a picture of the window,
prints one line of facts about the running program (UTF-8 mode, frozen or not, the platform,
matplotlib's folder, Qt's own Chinese, the fonts) and returns 0, or 1 if an exception was raised
on the way; a database it cannot open (missing, damaged) is said on stderr and returns 3.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThreadPool

from qdesk.core.errors import QdeskError
from qdesk.gui.app import application
from qdesk.gui.main_window import MainWindow
from qdesk.gui.session import Session

# A string of Qt's own translations (qtbase), to see they were found; named here, not written
# in the call, so that lupdate does not take it for one of qdesk's strings.
_QT_OWN = ("QPlatformTheme", "Cancel")


def open_and_grab(db: Path, png: Path) -> int:
    """Open the main window on `db` as the workbench does, wait for start-up to settle, save it."""
    errors: list[BaseException] = []

    # An exception in a slot is printed, not raised: the hook keeps it too.
    def record(kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        errors.append(error)
        sys.__excepthook__(kind, error, trace)

    sys.excepthook = record
    app = application()
    try:
        session = Session(db)
    except (QdeskError, sqlite3.DatabaseError) as exc:
        # The workbench would ask in a dialog (restore a backup? make one?), and a smoke run has
        # nobody to answer it: it says why and ends.
        said = exc.render() if isinstance(exc, QdeskError) else str(exc)
        print(f"qdesk smoke: {said}", file=sys.stderr, flush=True)
        return 3
    window = MainWindow(session)
    window.show_placed()
    app.processEvents()
    print("qdesk smoke: window shown", flush=True)
    window.start_checks()
    pool, deadline, idle_since = QThreadPool.globalInstance(), time.monotonic() + 60, None
    while time.monotonic() < deadline:   # settled: the pool idle, and its signals delivered
        app.processEvents()
        if pool.activeThreadCount():
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > 0.5:
            break
        time.sleep(0.01)
    window.grab().save(str(png))
    facts = {"utf8_mode": sys.flags.utf8_mode,
             "frozen": bool(getattr(sys, "frozen", False)),
             "platform": app.platformName(),
             "mplconfigdir": os.environ.get("MPLCONFIGDIR", ""),
             "qtbase_zh": QCoreApplication.translate(*_QT_OWN),
             "font": app.font().families()}
    print(f"qdesk smoke: {json.dumps(facts, ensure_ascii=False)}", flush=True)
    window.close()
    return 1 if errors else 0


