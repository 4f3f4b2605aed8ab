"""Where the shipped files are: plan templates, fonts, icons, translations, the user guide.

Found relative to the package (installed wheel), the repository (a checkout) or the frozen bundle,
never through the current directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root(name: str) -> Path:
    candidates = [_PACKAGE / name, _PACKAGE.parent / name]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / name)
    return next((c for c in candidates if c.is_dir()), candidates[-1])


def forms_dir() -> Path:
    """The folder of plan templates shipped with the app."""
    return _root("forms")


def resources_dir() -> Path:
    """The folder of fonts, icons and translations shipped with the app."""
    return _root("resources")


def fonts_dir() -> Path:
    """The folder of the bundled fonts and their licences."""
    return resources_dir() / "fonts"


def divisions_path() -> Path:
    """The GB/T 2260 list of provinces, prefectures and counties (resources/divisions)."""
    return resources_dir() / "divisions" / "gb2260.csv"


def guide_dir() -> Path:
    """The user guide: its chapters (index.html first) and their screenshots (images/)."""
    return resources_dir() / "guide"


def ui_font_path() -> Path:
    """The bundled sans face the GUI registers at start-up, so no machine shows empty boxes."""
    return fonts_dir() / "wqy-microhei.ttc"
