"""The bundled program's entry: per-user matplotlib folder, usable streams, then the `qdesk` command.

PyInstaller runs `main()` (through build/launcher.py) where a checkout runs `python -m qdesk`: with no
arguments it opens the workbench, with a subcommand it runs that subcommand headless.

One hidden hook, for tests/test_bundle.py and for measuring start-up: with QDESK_SMOKE=FILE.png,
`qdesk gui --db PATH` runs qdesk/gui/smoke.py, which opens the main window on PATH, lets the
start-up work settle, saves a picture of it to FILE.png and says what it found.
"""

from __future__ import annotations

import os
import sys
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
    """The smoke mode: `gui --db PATH` opens the main window, settles, and is saved to `png`."""
    from qdesk.cli import build_parser

    args = build_parser().parse_args(list(argv))
    if args.command != "gui" or args.db is None:
        print("QDESK_SMOKE needs: gui --db PATH", file=sys.stderr)
        return 2
    from qdesk.gui.smoke import open_and_grab

    return open_and_grab(args.db, png)


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
