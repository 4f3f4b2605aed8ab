"""The bundled program's entry: per-user matplotlib folder, usable streams, then the `qdesk` command.

PyInstaller runs `main()` (through build/launcher.py) where a checkout runs `python -m qdesk`: with no
arguments it opens the workbench, with a subcommand it runs that subcommand headless.

One hidden hook, for tests/test_bundle.py and for measuring start-up: with QDESK_SMOKE=FILE.png,
`qdesk gui --db PATH` opens the main window on PATH as the workbench does, prints
"qdesk smoke: window shown" the moment it is on screen, lets the start-up work (the day's check and
backup, the dashboard's charts) finish, saves a picture of the window to FILE.png, prints one line of
facts about the running program, and exits 0 (1 if an exception was raised on the way).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from qdesk.locations import data_dir


def cache_dir() -> Path:
    """The per-user cache folder, where Qt's QStandardPaths.CacheLocation puts it for qdesk."""
    if sys.platform == "win32":
        return data_dir() / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "qdesk" / "qdesk"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qdesk" / "qdesk"


def prepare() -> None:
    """Settle what the bundle must before any qdesk module (or matplotlib) is imported."""
    # matplotlib keeps its font cache in its config folder. PyInstaller's own run-time hook would
    # point it at a fresh temporary folder on every start (build/qdesk.spec drops that hook), so the
    # cache is rebuilt each time; a per-user folder keeps it. A folder the user chose wins.
    if getattr(sys, "frozen", False):
        os.environ.setdefault("MPLCONFIGDIR", str(cache_dir() / "matplotlib"))
    # The windowed Windows program has no console, so sys.stdout and sys.stderr are None: whatever
    # writes to them (a library's warning, a usage message) gets somewhere to write.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def smoke(png: Path, argv: Sequence[str]) -> int:
    """Open the main window on `gui --db PATH`, wait for start-up to settle, save it to `png`."""
    from qdesk.cli import build_parser

    args = build_parser().parse_args(list(argv))
    if args.command != "gui" or args.db is None:
        print("QDESK_SMOKE needs: gui --db PATH", file=sys.stderr)
        return 2

    from PySide6.QtCore import QCoreApplication, QThreadPool

    from qdesk.gui.app import application, open_session
    from qdesk.gui.main_window import MainWindow

    errors: list[object] = []

    def record(*exc_info: object) -> None:   # an exception in a slot is printed, not raised
        errors.append(exc_info[1])
        sys.__excepthook__(*exc_info)  # type: ignore[arg-type]

    sys.excepthook = record
    app = application()
    session = open_session(args.db)
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
             "qtbase_zh": QCoreApplication.translate("QPlatformTheme", "Cancel"),
             "font": app.font().families()}
    print(f"qdesk smoke: {json.dumps(facts, ensure_ascii=False)}", flush=True)
    window.close()
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    prepare()
    argv = sys.argv[1:] if argv is None else list(argv)
    png = os.environ.get("QDESK_SMOKE")
    if png:
        return smoke(Path(png), argv)
    from qdesk.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
