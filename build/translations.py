"""Refresh the translation sources from the GUI code and build the .qm files the app loads.

    python build/translations.py          # lupdate (keeps existing translations), then lrelease;
                                          # and lrelease of qt_gaps_*.ts, Qt's own untranslated strings

Edit resources/translations/*.ts with Qt Linguist (pyside6-linguist) between the two steps.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The PySide6 tool installed beside this interpreter."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / f"pyside6-{name}", scripts / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"pyside6-{name} not found beside {sys.executable}")


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "qdesk" / "gui").rglob("*.py"))
    for lang in LANGUAGES:
        ts = FOLDER / f"qdesk_{lang}.ts"
        subprocess.run([tool("lupdate"), *sources, "-no-obsolete", "-locations", "none",
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       cwd=ROOT, check=True)
        gaps = FOLDER / f"qt_gaps_{lang}.ts"     # Qt's own strings: written by hand, no lupdate
        subprocess.run([tool("lrelease"), str(gaps), "-qm", str(gaps.with_suffix(".qm"))],
                       cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
