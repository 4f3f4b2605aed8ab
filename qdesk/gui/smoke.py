"""The smoke mode of the bundled program: the main window opened, settled, and saved as a picture.

It prints "qdesk smoke: window shown" the moment the window is on screen, lets the start-up work
(the day's check and backup, the overview's charts) finish, saves a picture of the window,
prints one line of facts about the running program (UTF-8 mode, frozen or not, the platform,
matplotlib's folder, Qt's own Chinese, the fonts) and returns 0, or 1 if an exception was raised
on the way.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThreadPool

from qdesk.gui.app import application, open_session
from qdesk.gui.main_window import MainWindow

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
    session = open_session(db)
    if session is None:
        return 3
    window = MainWindow(session)
    window.show()
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


