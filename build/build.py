"""Build the one-folder qdesk app for the platform this runs on: dist/qdesk/.

    python build/build.py               # dist/qdesk/ (work files in build/work/)
    python build/build.py --clean       # the same, from an empty PyInstaller cache
    python build/build.py --installer   # Windows: then dist/qdesk-<version>-setup.exe through
                                        # Inno Setup's iscc and build/installer.iss

Needs the `build` extra (`pip install -e .[build]`). The spec is build/qdesk.spec; what the
bundle holds and why is written there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "work"
SPEC = ROOT / "build" / "qdesk.spec"
ISS = ROOT / "build" / "installer.iss"


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "qdesk" / "__init__.py").read_text("utf-8"), namespace)
    return namespace["__version__"]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Path, count: int = 12) -> list[tuple[int, str]]:
    """The biggest files and package folders inside the bundle's _internal folder."""
    internal = bundle / "_internal"
    parts = [(folder_size(p) if p.is_dir() else p.stat().st_size, p.name)
             for p in internal.iterdir() if not p.is_symlink()]
    qt = internal / "PySide6" / "Qt"
    if qt.is_dir():   # PySide6 alone is most of the bundle: show what inside it
        parts += [(folder_size(p) if p.is_dir() else p.stat().st_size, f"PySide6/Qt/{p.name}")
                  for p in qt.iterdir()]
        parts += [(p.stat().st_size, f"PySide6/Qt/lib/{p.name}")
                  for p in (qt / "lib").glob("*") if p.is_file()]
    return sorted(parts, reverse=True)[:count]


def strip_python(bundle: Path) -> None:
    """Drop the debugging sections from Python's own library and extension modules (Linux).

    A Python built from source (pyenv, as here) keeps them: some 35 MB. PyInstaller's strip option
    is not used because it runs over every library, and stripping the ones wheels carry patched
    (numpy's OpenBLAS) breaks them.
    """
    tool = shutil.which("strip")
    if not sys.platform.startswith("linux") or tool is None:
        return
    internal = bundle / "_internal"
    targets = [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    subprocess.run([tool, "--strip-debug", *map(str, targets)], check=True)


def check_sources() -> None:
    """Refuse to build without what the bundle must carry."""
    missing = [p for p in (ROOT / "resources" / "icons" / "qdesk.ico",
                           ROOT / "resources" / "translations" / "qdesk_zh_CN.qm",
                           ROOT / "resources" / "translations" / "qt_gaps_zh_CN.qm")
               if not p.exists()]
    if not any((ROOT / "forms").glob("*.toml")):
        missing.append(ROOT / "forms" / "*.toml")
    if missing:
        raise SystemExit("missing: " + ", ".join(str(p) for p in missing)
                         + " (icons: python build/icon.py; translations: python build/translations.py)")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is not installed here: pip install -e .[build]") from None


def bundle(clean: bool) -> Path:
    check_sources()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    subprocess.run(command, cwd=ROOT, check=True)
    out = DIST / "qdesk"
    strip_python(out)
    print(f"\nbuilt {out}  ({folder_size(out) / 2**20:.0f} MiB)")
    for size, name in largest_parts(out):
        print(f"  {size / 2**20:7.1f} MiB  {name}")
    return out


def iscc() -> str:
    """Inno Setup's command-line compiler: on PATH, or where Inno Setup 6 installs itself."""
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.environ.get("LOCALAPPDATA") and str(Path(os.environ["LOCALAPPDATA"]) / "Programs")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    raise SystemExit("Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php")


def installer() -> None:
    if sys.platform != "win32":
        raise SystemExit("the installer is built on Windows (Inno Setup)")
    subprocess.run([iscc(), f"/DAppVersion={version()}", str(ISS)], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder qdesk app (dist/qdesk/).")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--installer", action="store_true",
                        help="then build the Windows installer with Inno Setup (Windows only)")
    args = parser.parse_args(argv)
    bundle(args.clean)
    if args.installer:
        installer()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
