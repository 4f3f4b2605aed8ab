"""The frozen one-folder app (dist/qdesk/) runs the CLI and opens its window: skipped unless asked for.

    QDESK_BUNDLE_TEST=1 pytest tests/test_bundle.py -s

Builds the bundle with build/build.py first when dist/qdesk/ has none (a few minutes). Every run of
the frozen program gets a home, data, config and cache folder of its own under tmp_path, and Qt's
offscreen platform. One test always runs: the bundle's entry (qdesk/frozen.py) and its smoke mode,
from the checkout, so the hook the bundle tests rely on keeps working between bundle builds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from qdesk import __version__

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "qdesk"
WINDOWS = sys.platform == "win32"
# On Windows qdesk.exe has no console; qdesk-cli.exe is the same program with one.
CLI = BUNDLE / ("qdesk-cli.exe" if WINDOWS else "qdesk")
GUI = BUNDLE / ("qdesk.exe" if WINDOWS else "qdesk")
INTERNAL = BUNDLE / "_internal"
# The bundle's entry run from the checkout, in UTF-8 mode as the bundle runs (else, on a Chinese
# Windows, its pipes are GBK).
FROM_CHECKOUT = [sys.executable, "-m", "qdesk.frozen"]
AS_FROZEN = {"PYTHONUTF8": "1"}


@pytest.fixture(scope="module")
def bundle() -> Path:
    if os.environ.get("QDESK_BUNDLE_TEST") != "1":
        pytest.skip("builds and runs the frozen app: set QDESK_BUNDLE_TEST=1")
    if not CLI.exists():
        subprocess.run([sys.executable, str(ROOT / "build" / "build.py")], cwd=ROOT, check=True)
    assert CLI.exists() and GUI.exists()
    return BUNDLE


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QDESK_", "PYTHON", "MPL", "XDG_")) and k != "LD_LIBRARY_PATH"}
    env.update(HOME=str(home), USERPROFILE=str(home), LOCALAPPDATA=str(home / "AppData" / "Local"),
               APPDATA=str(home / "AppData" / "Roaming"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / ".cache"),
               QT_QPA_PLATFORM="offscreen")
    return env


@pytest.fixture(scope="module")
def run(bundle: Path, environment: dict[str, str], home: Path):
    def run(*args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(CLI), *args], cwd=home, env={**environment, **(extra or {})},
                              capture_output=True, text=True, encoding="utf-8", timeout=600)
    return run


@pytest.fixture(scope="module")
def demo(run, home: Path) -> Path:
    db = home / "demo.qdesk"
    done = run("demo", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


def test_bundle_reports_the_package_version(run):
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"qdesk {__version__}"


def test_bundle_carries_forms_fonts_translations_icons_and_the_guide(bundle):
    assert any((INTERNAL / "forms").glob("*.toml"))
    assert {p.name for p in (INTERNAL / "resources" / "fonts").glob("*.tt?")} >= {
        "uming.ttc", "ukai.ttc", "wqy-microhei.ttc", "qdesk-fangsong.ttf", "qdesk-biaosong.ttf"}
    for name in ("qdesk_zh_CN.qm", "qt_gaps_zh_CN.qm"):
        assert (INTERNAL / "resources" / "translations" / name).is_file()
    assert (INTERNAL / "resources" / "icons" / "qdesk.ico").is_file()
    guide = ROOT / "resources" / "guide"
    shipped = {p.relative_to(guide) for p in guide.rglob("*") if p.is_file()}
    carried = {p.relative_to(INTERNAL / "resources" / "guide")
               for p in (INTERNAL / "resources" / "guide").rglob("*") if p.is_file()}
    assert carried == shipped, "the user guide, its pages and pictures, as resources/guide holds it"
    assert Path("index.html") in carried and any(p.parts[0] == "images" for p in carried)


def test_bundle_leaves_out_unused_qt_modules_and_translations(bundle):
    names = {p.name for p in INTERNAL.rglob("*")}
    unwanted = re.compile(r"Qt6?(WebEngine|Quick|Qml|3D|Multimedia|VirtualKeyboard|Charts|Designer)"
                          r"|^Qt(Network|Sql|Test|Bluetooth)\.")
    assert not sorted(n for n in names if unwanted.search(n))
    translations = {p.name for p in (INTERNAL / "PySide6").rglob("*.qm")}
    assert translations == {"qtbase_zh_CN.qm"}
    assert not [p for p in INTERNAL.rglob("*") if p.is_symlink() and not p.exists()]


# What a Linux desktop supplies and a headless build machine may lack (Qt's xcb and wayland needs).
DESKTOP_LIBRARIES = re.compile(r"^lib(xcb-|wayland-|X|GL|EGL)")


@pytest.mark.skipif(not shutil.which("ldd"), reason="ldd lists a library's dependencies")
def test_bundle_has_every_library_its_libraries_load(bundle):
    missing = set()
    for library in [*INTERNAL.rglob("*.so"), *INTERNAL.rglob("*.so.*")]:
        listing = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
        missing |= {line.split()[0] for line in listing.splitlines() if "not found" in line}
    assert not {name for name in missing if not DESKTOP_LIBRARIES.match(name)}


def test_bundle_checks_the_plan_templates_it_carries(run):
    templates = sorted(str(p) for p in (INTERNAL / "forms").glob("*.toml"))
    done = run("template", "check", *templates)
    assert done.returncode == 0, done.stdout + done.stderr


def test_bundle_makes_the_demo_database(demo):
    assert demo.stat().st_size > 0


def test_bundle_prints_status_as_utf8_json(run, demo):
    done = run("status", "--db", str(demo), "--period", "2020Q4", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(re.search(r"[\u4e00-\u9fff]", row["name"]) for row in rows)


def test_bundle_builds_a_quarterly_report_with_chinese_text(run, demo, home):
    pdfplumber = pytest.importorskip("pdfplumber")
    out = home / "2020Q4.pdf"
    done = run("report", "quarterly", "--db", str(demo), "--period", "2020Q4", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "(bundled)" in done.stdout     # the fonts came from inside the bundle
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "季度" in text and len(re.findall(r"[\u4e00-\u9fff]", text)) > 200


def test_bundle_keeps_matplotlibs_font_cache_in_a_per_user_folder(run, demo, home):
    run("report", "quarterly", "--db", str(demo), "--period", "2020Q4",
        "--out", str(home / "again.pdf"))
    caches = list(home.rglob("fontlist-*.json"))
    assert len(caches) == 1 and caches[0].parent.name == "matplotlib"


def test_bundle_exports_the_submission_package(run, demo, home):
    out = home / "packages"
    out.mkdir()
    done = run("export", "package", "--db", str(demo), "--period", "2020Q4", "--out", str(out))
    assert done.returncode == 0, done.stderr
    (package,) = out.glob("*.qdpkg")
    with zipfile.ZipFile(package) as archive:
        assert {"manifest.json", "manifest.sig", "data.json", "report.pdf"} <= set(
            archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["period"] == "2020Q4" and manifest["app_version"] == __version__
    # The superior's import checks the signature (cryptography) and the report's digest (pypdf).
    city = home / "city.qdesk"
    done = run("init", "--db", str(city), "--template", str(INTERNAL / "forms" / "panjin-2014.toml"),
               "--unit-code", "211100", "--unit-name", "盘锦市")
    assert done.returncode == 0, done.stderr
    done = run("import", "--db", str(city), "--add-units", str(package))
    assert done.returncode == 0 and "指纹" in done.stdout, done.stderr


def test_bundle_exports_an_xlsx_sheet(run, demo, home):
    out = home / "2020Q4.xlsx"
    done = run("export", "xlsx", "--db", str(demo), "--period", "2020Q4", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(out)


def test_bundle_checks_the_database(run, demo):
    done = run("check", "--db", str(demo))
    assert done.returncode == 0, done.stdout + done.stderr


def test_bundle_backs_up_and_restores_a_damaged_database(run, demo, home):
    db = home / "恢复" / "盘山县.qdesk"
    db.parent.mkdir()
    shutil.copy(demo, db)
    done = run("backup", "--db", str(db))
    assert done.returncode == 0 and "已备份到" in done.stdout, done.stderr
    damaged = b"not a database header" + db.read_bytes()[22:]
    db.write_bytes(damaged)
    assert run("status", "--db", str(db), "--period", "2020Q4").returncode != 0
    # The damaged file is kept by copying it as it is, the step that met Wine's missing CopyFile2.
    done = run("restore", "--db", str(db), "--newest")
    assert done.returncode == 0 and "已恢复备份" in done.stdout, done.stderr
    (kept,) = db.parent.rglob("*-damaged.qdesk")
    assert kept.read_bytes() == damaged
    assert run("check", "--db", str(db)).returncode == 0
    done = run("status", "--db", str(db), "--period", "2020Q4", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout), done.stderr


def open_window(command: list[str], environment: dict[str, str], db: Path,
                png: Path) -> dict[str, object]:
    """Run the workbench in its smoke mode (qdesk/frozen.py); the facts it prints."""
    started = time.perf_counter()
    process = subprocess.Popen([*command, "gui", "--db", str(db)], cwd=db.parent,
                               env={**environment, "QDESK_SMOKE": str(png)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8")
    shown = process.stdout.readline()
    to_window = time.perf_counter() - started
    out, err = process.communicate(timeout=120)
    assert shown.strip() == "qdesk smoke: window shown", err
    assert process.returncode == 0, err
    facts = json.loads(out.strip().removeprefix("qdesk smoke: "))
    print(f"\n{command[-1]}: window shown {to_window:.2f} s after start; {facts}")
    from PIL import Image

    with Image.open(png) as image:
        assert image.width >= 600 and image.height >= 400
        assert len(image.convert("RGB").getcolors(1 << 24)) > 50    # drawn, not blank
    return facts


def test_smoke_mode_opens_the_main_window_from_the_checkout(environment, demo_db, tmp_path):
    facts = open_window(FROM_CHECKOUT, {**environment, **AS_FROZEN}, demo_db,
                        tmp_path / "window.png")
    assert facts["platform"] == "offscreen" and not facts["frozen"]


def test_smoke_mode_on_a_database_that_does_not_exist_says_so_and_exits(environment, tmp_path):
    missing, png = tmp_path / "无.qdesk", tmp_path / "window.png"
    done = subprocess.run([*FROM_CHECKOUT, "gui", "--db", str(missing)], cwd=tmp_path,
                          env={**environment, **AS_FROZEN, "QDESK_SMOKE": str(png)},
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 3
    assert f"{missing}：此处没有qdesk数据库" in done.stderr
    assert sorted(tmp_path.iterdir()) == []      # neither a database nor a picture made


def test_smoke_mode_on_a_file_that_is_not_a_database_says_so_and_exits(environment, tmp_path):
    stray, png = tmp_path / "stray.qdesk", tmp_path / "window.png"
    stray.write_bytes(b"not a database at all " * 10)
    done = subprocess.run([*FROM_CHECKOUT, "gui", "--db", str(stray)], cwd=tmp_path,
                          env={**environment, **AS_FROZEN, "QDESK_SMOKE": str(png)},
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 3
    assert done.stderr.count("qdesk smoke: ") == 1 and "Traceback" not in done.stderr
    assert stray.read_bytes() == b"not a database at all " * 10 and not png.exists()


def test_bundle_opens_its_main_window_offscreen(environment, demo, home):
    facts = open_window([str(CLI)], environment, demo, home / "window.png")
    assert facts["platform"] == "offscreen"
    assert facts["frozen"] and facts["utf8_mode"] == 1
    assert facts["qtbase_zh"] == "取消"     # Qt's own Chinese translations are found
    assert Path(facts["mplconfigdir"]).is_relative_to(home)


@pytest.mark.skipif(not WINDOWS, reason="only Windows has a windowed program of its own (qdesk.exe, "
                    "without a console); elsewhere it is the program tested above")
def test_windowed_bundle_opens_its_main_window_offscreen(environment, demo, home):
    facts = open_window([str(GUI)], environment, demo, home / "window-windowed.png")
    assert facts["platform"] == "offscreen" and facts["frozen"]


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="xvfb-run gives an X server to show it on")
def test_bundle_opens_its_main_window_on_an_x_server(environment, demo, home):
    env = {k: v for k, v in environment.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    facts = open_window(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", str(CLI)], env, demo,
                        home / "window-x11.png")
    assert facts["platform"] == "xcb"
