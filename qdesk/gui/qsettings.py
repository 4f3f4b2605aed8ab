"""What the workbench remembers per user across runs (QSettings): whose, its keys, their version."""

from __future__ import annotations

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


def settings() -> QSettings:
    """The user's settings of the workbench, marked with the version of their keys."""
    stored = QSettings(ORGANIZATION, APPLICATION)
    if stored.value(VERSION_KEY) is None:
        stored.setValue(VERSION_KEY, VERSION)
    return stored


def language() -> str:
    """The language the workbench speaks: "zh_CN" (the default) or "en"."""
    return str(settings().value(LANGUAGE, "zh_CN"))
