"""What the workbench remembers per user across runs (QSettings): whose, its keys, their version."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = APPLICATION = "qdesk"

# The meaning of the keys below. Raise it when a key changes meaning, and migrate the older
# values in settings(), so a workbench never misreads what an older one wrote.
VERSION = 1
VERSION_KEY = "version"

LANGUAGE = "language"          # "zh_CN" or "en"
GEOMETRY = "geometry"          # the main window's, as saveGeometry() wrote it
PAGE = "page"                  # the index of the page shown last
LAST_PERIOD = "last_period"    # the period the clerk works on (2026Q3); the Session's own
RECENT = "recent_files"        # the database files opened last, newest first, as absolute paths
LAST_FOLDER = "last_folder"    # the folder a file dialog was last answered in, absolute
CELL_HISTORY = "cell_history"  # whether the entry grid shows its side panel (以往数据), a bool

RECENT_KEPT = 8


# An ini file to keep the settings in instead of the user's own: the test suite sets it, since
# QSettings.setPath does not move the Windows registry, where Qt keeps the user's own.
FILE_VARIABLE = "QDESK_SETTINGS_FILE"


def settings() -> QSettings:
    """The user's settings of the workbench, marked with the version of their keys; every
    QSettings qdesk reads or writes is made here."""
    file = os.environ.get(FILE_VARIABLE)
    if file:
        stored = QSettings(file, QSettings.Format.IniFormat)
    else:
        stored = QSettings(ORGANIZATION, APPLICATION)
    if stored.value(VERSION_KEY) is None:
        stored.setValue(VERSION_KEY, VERSION)
    return stored


def language() -> str:
    """The language the workbench speaks: "zh_CN" (the default) or "en"."""
    return str(settings().value(LANGUAGE, "zh_CN"))


def recent_files() -> list[Path]:
    """The database files opened last, newest first; those since moved or deleted included."""
    stored = settings().value(RECENT)
    # QSettings hands back a lone string for a list of one, and nothing for an empty one.
    paths = [stored] if isinstance(stored, str) else stored if isinstance(stored, list) else []
    return [Path(str(p)) for p in paths if p]


def remember_file(path: Path) -> None:
    """Put `path` at the head of the recent files (once, however it was spelt)."""
    path = Path(path).resolve()
    kept = [p for p in recent_files() if not _same(p, path)]
    settings().setValue(RECENT, [str(p) for p in [path, *kept][:RECENT_KEPT]])


def forget_file(path: Path) -> None:
    settings().setValue(RECENT, [str(p) for p in recent_files() if not _same(p, Path(path))])


def _same(a: Path, b: Path) -> bool:
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))
