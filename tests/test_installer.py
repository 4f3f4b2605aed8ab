"""The Windows installer, built and used as a clerk's PC would use it: skipped unless asked for.

    QDESK_INSTALLER_TEST=1 pytest tests/test_installer.py      (Windows, after build\\build.py)

Compiles build/installer.iss with Inno Setup's ISCC (QDESK_ISCC, else where build/build.py finds
it), installs the result silently for the signed-in user, has the installed qdesk-cli do what a
clerk does first (the demo on the README's data path, whose folder does not exist yet; a quarterly
report; a backup), checks that .qdesk and .qdpkg now open with the installed qdesk.exe, and
uninstalls silently: the program and its file types go, the database and its backups stay.

It installs for real, so it refuses to run where qdesk is installed, has data or has its file
types registered already: a test machine, or the Wine prefix of build/wine/, which the Windows leg
(build/wine/leg.sh) empties of all three first.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qdesk import __version__

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "qdesk"

pytestmark = [
    pytest.mark.skipif(os.environ.get("QDESK_INSTALLER_TEST") != "1",
                       reason="installs qdesk for this user: set QDESK_INSTALLER_TEST=1"),
    pytest.mark.skipif(sys.platform != "win32", reason="the installer is a Windows program"),
]


def local_app_data() -> Path:
    return Path(os.environ["LOCALAPPDATA"])


def program_folder() -> Path:
    return local_app_data() / "Programs" / "qdesk"


def data_folder() -> Path:
    return local_app_data() / "qdesk" / "qdesk"


# The file types build/installer.iss registers for the user: extension → (ProgID, its names in
# the installer's two languages, the arguments before the file).
FILE_TYPES = {".qdesk": ("qdesk.Database", {"qdesk 数据库", "qdesk database"}, ""),
              ".qdpkg": ("qdesk.Package", {"qdesk 报送包", "qdesk submission package"},
                         "--import ")}
CLASSES = r"Software\Classes"


def registered(subkey: str, name: str = "") -> str | None:
    """A value under HKCU\\Software\\Classes (the key's default one unless `name`); None if the
    key or the value is not there."""
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, rf"{CLASSES}\{subkey}") as key:
            return winreg.QueryValueEx(key, name)[0]
    except FileNotFoundError:
        return None


def qdesk_keys() -> list[str]:
    """The file types' keys that are there: both extensions and both ProgIDs."""
    import winreg

    present = []
    for subkey in [k for extension, (progid, _, _) in FILE_TYPES.items()
                   for k in (extension, progid)]:
        try:
            winreg.OpenKey(winreg.HKEY_CURRENT_USER, rf"{CLASSES}\{subkey}").Close()
            present.append(subkey)
        except FileNotFoundError:
            pass
    return present


def build_script():
    """build/build.py as a module (it finds ISCC where Inno Setup installs itself)."""
    spec = importlib.util.spec_from_file_location("qdesk_build", ROOT / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def data_files() -> list[Path]:
    """The files in the data folder, but for the caches qdesk rebuilds when they are missing."""
    return sorted(p.relative_to(data_folder()) for p in data_folder().rglob("*")
                  if p.is_file() and "cache" not in p.relative_to(data_folder()).parts)


@pytest.fixture(scope="module")
def setup_exe(tmp_path_factory) -> Path:
    if program_folder().exists() or data_folder().exists():
        pytest.fail(f"qdesk is installed here or has data ({program_folder()}, {data_folder()}): "
                    "this test installs and uninstalls for real, so it runs only where neither is")
    if qdesk_keys():
        pytest.fail(f"qdesk's file types are registered here already ({qdesk_keys()} under "
                    rf"HKCU\{CLASSES}): the test could not tell that the installer made them")
    if not (BUNDLE / "qdesk-cli.exe").exists():
        pytest.fail(f"{BUNDLE} has no qdesk-cli.exe: run build\\build.py first")
    iscc = os.environ.get("QDESK_ISCC") or build_script().iscc()
    out = tmp_path_factory.mktemp("setup")
    done = subprocess.run([iscc, f"/DAppVersion={__version__}",
                           r"/DProgramsFolder={localappdata}\Programs", f"/O{out}",
                           str(ROOT / "build" / "installer.iss")],
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "ChineseSimplified.isl not found" not in done.stdout
    (exe,) = out.glob("qdesk-*-setup.exe")
    return exe


@pytest.fixture(scope="module")
def installed(setup_exe: Path, tmp_path_factory) -> Path:
    log = tmp_path_factory.mktemp("logs") / "setup.log"
    done = subprocess.run([str(setup_exe), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                           f"/LOG={log}"], timeout=600)
    assert done.returncode == 0, log.read_text("utf-8", "replace")[-3000:]
    return program_folder()


def cli(installed: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QDESK_", "PYTHON"))}
    return subprocess.run([str(installed / "qdesk-cli.exe"), *args], cwd=installed.parent,
                          env={**env, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


def test_the_installer_puts_both_programs_and_its_uninstaller_in_the_users_programs(installed):
    for name in ("qdesk.exe", "qdesk-cli.exe", "unins000.exe"):
        assert (installed / name).is_file(), name
    done = cli(installed, "--version")
    assert done.returncode == 0 and __version__ in done.stdout, done.stderr


def test_the_installed_program_makes_the_demo_where_the_readme_says_creating_the_folder(installed):
    db = data_folder() / "qdesk.qdesk"
    assert not data_folder().exists()
    done = cli(installed, "demo", "--db", str(db))
    assert done.returncode == 0 and "示例数据库已生成" in done.stdout, done.stderr
    assert db.is_file()


def test_the_installed_program_makes_a_quarterly_report_and_a_backup(installed):
    pdfplumber = pytest.importorskip("pdfplumber")
    db, out = data_folder() / "qdesk.qdesk", data_folder() / "盘山县2020年第四季度报告.pdf"
    done = cli(installed, "report", "quarterly", "--db", str(db), "--period", "2020Q4",
               "--out", str(out))
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "季度" in text and len(re.findall(r"[\u4e00-\u9fff]", text)) > 200
    done = cli(installed, "backup", "--db", str(db))
    assert done.returncode == 0 and "已备份到" in done.stdout, done.stderr


def test_databases_open_and_packages_import_with_the_installed_qdesk(installed):
    for extension, (progid, names, arguments) in FILE_TYPES.items():
        assert registered(extension) == progid, extension
        assert registered(rf"{extension}\OpenWithProgids", progid) == "", extension
        assert registered(progid) in names, progid
        command = registered(rf"{progid}\shell\open\command")
        program = re.fullmatch(rf'"([^"]+)" {re.escape(arguments)}"%1"', command or "")
        assert program and os.path.samefile(program[1], installed / "qdesk.exe"), command
        icon = registered(rf"{progid}\DefaultIcon") or ""
        assert icon.endswith(",0") and os.path.samefile(icon[:-2], installed / "qdesk.exe"), icon


def test_the_silent_uninstall_removes_the_program_and_keeps_the_database_and_backups(installed):
    kept = data_files()
    assert any(p.suffix == ".qdesk" and p.parent.name.endswith("backups") for p in kept), kept
    done = subprocess.run([str(installed / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES",
                           "/NORESTART"], timeout=600)
    assert done.returncode == 0
    # The uninstaller's clone in %TEMP% removes its own original last (Inno Setup's help,
    # "Uninstaller Exit Codes"): wait for that.
    deadline = time.monotonic() + 60
    while (installed / "unins000.exe").exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not (installed / "qdesk.exe").exists() and not (installed / "unins000.exe").exists()
    assert not (data_folder() / "cache" / "matplotlib").exists()
    assert data_files() == kept


def test_after_the_uninstall_neither_file_type_is_registered(installed):
    assert not (installed / "unins000.exe").exists(), "runs after the uninstall above"
    assert qdesk_keys() == []
