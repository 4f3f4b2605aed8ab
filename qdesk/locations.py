"""Where the default database lives: the per-user local application-data folder, without Qt.

The same folder as Qt's QStandardPaths.AppLocalDataLocation for organisation and application
"qdesk", so the CLI and the GUI open the same file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "qdesk"


def data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP / APP


def make_data_dir_for(path: Path) -> None:
    """Make the per-user data folder when `path` lies in it: on first run it does not exist yet.

    Any other missing folder is left missing, so a mistyped path is still refused.
    """
    folder = data_dir()
    parent = Path(os.path.abspath(path)).parent
    if parent == folder or folder in parent.parents:
        parent.mkdir(parents=True, exist_ok=True)


def default_database() -> Path:
    return data_dir() / "qdesk.qdesk"


def new_database_path() -> Path:
    """Where a new database is offered: the default one while there is none, else the first
    free qdesk-2.qdesk, qdesk-3.qdesk … beside it."""
    default = default_database()
    number = 1
    candidate = default
    while candidate.exists():
        number += 1
        candidate = default.with_name(f"{default.stem}-{number}{default.suffix}")
    return candidate
