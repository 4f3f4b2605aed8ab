"""The user guide's screenshots (resources/guide/images/*.png), taken offscreen from the workbench.

    python build/guide_screenshots.py                 # every screenshot
    python build/guide_screenshots.py entry exchange  # only these groups (first_start, overview,
                                                      # entry, …: the functions marked @shot)

Every picture is of the real widgets, in Chinese, the main window at 1366 × 768 (a clerk's laptop)
and dialogs at their own size. The first start is the welcome dialog making a new database for
盘山县 on the 盘锦 plan, as `qdesk init` makes one, with the demo's townships pasted as its units;
the rest is the demo county (`qdesk demo`), and 盘锦市 importing 盘山县's package. The databases
are made afresh in one fixed temporary folder each run, so the pictures come out the same but
for the dates and times the workbench shows (today, backups, the figures' change history) and the
signing key's fingerprint (a new key each run). Pictures are reduced to 256 colours, without dithering (text stays crisp), to keep the guide
small; the guide window scales them to its width.

Run it after a change to a page the guide shows, look at the pictures, and commit them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "guide" / "images"
WORK = Path(tempfile.gettempdir()) / "qdesk-guide"
WINDOW = (1366, 768)
# The file the welcome dialog offers on a Windows PC (%LOCALAPPDATA%\qdesk\qdesk): shown as a
# clerk sees it, though the database is then made in WORK.
WINDOWS_OFFER = r"C:\Users\zhangsan\AppData\Local\qdesk\qdesk\qdesk.qdesk"

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Nothing of the user's own: the workbench's settings and the data folders in WORK.
os.environ["QDESK_SETTINGS_FILE"] = str(WORK / "qdesk.ini")
for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "LOCALAPPDATA", "APPDATA"):
    os.environ[variable] = str(WORK / "home" / variable.lower())
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402  (matplotlib's dependency, installed with qdesk)
from PySide6.QtCore import QPoint, QRect, QThreadPool, QTimer  # noqa: E402
from PySide6.QtPdfWidgets import QPdfView  # noqa: E402
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QMainWindow,  # noqa: E402
                               QMessageBox, QScrollArea, QWidget, QWizard)

from qdesk.gui.app import application  # noqa: E402
from qdesk.gui.main_window import MainWindow  # noqa: E402
from qdesk.gui.session import Session  # noqa: E402

SHOTS: dict[str, Callable[[], None]] = {}


def shot(function: Callable[[], None]) -> Callable[[], None]:
    SHOTS[function.__name__] = function
    return function


# --- taking pictures --------------------------------------------------------------------------


def settle(until: Callable[[], bool] = lambda: True, timeout: float = 60) -> None:
    """Process events until `until` holds and the workers have been idle for a moment."""
    pool = QThreadPool.globalInstance()
    deadline, idle_since = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if pool.activeThreadCount() or not until():
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > 0.4:
            return
        time.sleep(0.01)
    raise SystemExit("guide screenshots: the workbench did not settle in time")


def save(widget: QWidget, name: str, area: QRect | None = None) -> None:
    """The widget (or an area of it) as resources/guide/images/<name>.png, in 256 colours."""
    if isinstance(widget, QMainWindow):
        widget.statusBar().clearMessage()      # what the last step said, often with the time
    settle()
    picture = widget.grab(area) if area is not None else widget.grab()
    path = OUT / f"{name}.png"
    OUT.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(path)):
        raise SystemExit(f"guide screenshots: {path} could not be written")
    with Image.open(path) as grabbed:
        image = grabbed.convert("RGB")
    reduced = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)
    print(f"  {name}.png  {image.width}×{image.height}  {path.stat().st_size // 1024} KB")


def area_of(window: QWidget, *widgets: QWidget, margin: int = 6) -> QRect:
    """The rectangle of `window` that holds the widgets, with a margin."""
    rect = QRect()
    for widget in widgets:
        rect = rect.united(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))
    return rect.adjusted(-margin, -margin, margin, margin).intersected(window.rect())


def answer(name: str, button: QMessageBox.StandardButton | None = None,
           fill: Callable[[QDialog], None] = lambda dialog: None) -> None:
    """When the next modal dialog opens (a question the workbench asks and waits for), `fill`
    it, save it, then press `button` in a message box, or cancel any other dialog."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        fill(dialog)
        save(dialog, name)
        if isinstance(dialog, QMessageBox) and button is not None:
            dialog.button(button).click()
        else:
            dialog.reject()
    QTimer.singleShot(50, look)


def top(window: MainWindow, widget: QWidget) -> QRect:
    """The page area of a main window, from its top down to below `widget`."""
    left = window.stack.mapTo(window, QPoint(0, 0)).x()
    return QRect(left, 0, window.width() - left, area_of(window, widget).bottom() + 1)


def main_window(db: Path) -> MainWindow:
    window = MainWindow(Session(db))
    window.resize(*WINDOW)
    window.show()
    window.start_checks()
    settle(lambda: window.start_result is not None)
    window.statusBar().clearMessage()      # the day's backup, named with the time
    return window


def show_page(window: MainWindow, key: str) -> Any:
    """The page `key` of the window, shown (Any: each shot drives its own page's widgets)."""
    window.nav.setCurrentRow(window.page_keys().index(key))
    settle()
    return window.current_page()


def click(button: QAbstractButton) -> None:
    button.click()
    settle()


# --- the databases ----------------------------------------------------------------------------


def demo() -> Path:
    """The demo county, made once per run."""
    path = WORK / "demo" / "盘山县.qdesk"
    if not path.exists():
        from qdesk.cli import main

        path.parent.mkdir(parents=True, exist_ok=True)
        assert main(["demo", "--db", str(path)]) == 0
    return path


_WINDOWS: dict[str, MainWindow] = {}


def demo_window() -> MainWindow:
    if "demo" not in _WINDOWS:
        _WINDOWS["demo"] = main_window(demo())
    return _WINDOWS["demo"]


# --- 第一次使用 ---------------------------------------------------------------------------------


@shot
def first_start() -> None:
    """The welcome dialog, step by step, then the new database's 单位 and 设置."""
    from qdesk.demo import HOME, SETTINGS, SUBORDINATES
    from qdesk.gui.welcome import WelcomeDialog

    dialog = WelcomeDialog(Path(WINDOWS_OFFER))
    dialog.show()
    save(dialog, "welcome")
    click(dialog.start.new_button)
    save(dialog, "welcome-location")
    path = WORK / "first" / "盘山县.qdesk"
    dialog.location.path.setText(str(path))
    click(dialog.button(QWizard.WizardButton.NextButton))
    dialog.operator.name.setText(SETTINGS["operator"])
    click(dialog.button(QWizard.WizardButton.NextButton))
    plan = dialog.plan.shipped
    plan.setCurrentIndex(plan.findText("盘锦市人民政府关于实施质量强市战略的意见"))
    save(dialog, "welcome-plan")
    click(dialog.button(QWizard.WizardButton.NextButton))
    dialog.unit.code.setText(HOME[0])
    dialog.unit.name.setText(HOME[1])
    save(dialog, "welcome-unit")
    click(dialog.button(QWizard.WizardButton.CommitButton))
    levels = {"township": "镇", "zone": "开发区"}
    pasted = "单位代码\t单位名称\t层级\n" + "\n".join(
        f"{code}\t{name}\t{'街道' if name.endswith('街道') else levels[level]}"
        for code, name, level in SUBORDINATES)
    dialog.subordinates.editor.text_edit.setPlainText(pasted)
    click(dialog.subordinates.editor.read_button)
    save(dialog, "welcome-units")
    click(dialog.button(QWizard.WizardButton.FinishButton))
    assert dialog.chosen == path, "the welcome dialog made the database"

    window = main_window(path)
    _WINDOWS["first"] = window
    show_page(window, "units")
    save(window, "units")
    show_page(window, "settings")
    save(window, "settings")
    dialog.deleteLater()


# --- 每季度的工作 --------------------------------------------------------------------------------


def pick_period(page: Any, period: str) -> None:
    """Choose a period on a page, as the clerk does in its period list."""
    from qdesk.core.periods import Period

    assert page.period_picker.set_period(Period.parse(period)), f"{period} is offered"
    settle()


@shot
def overview() -> None:
    window = demo_window()
    show_page(window, "dashboard")
    save(window, "overview")


@shot
def entry() -> None:
    """The grid of 2020Q4, a figure refused as typed, a locked quarter and its unlocking."""
    from qdesk.gui.entry_model import NUMERATOR

    window = demo_window()
    page = show_page(window, "entry")
    save(window, "entry")
    model = page.model
    model.set_texts([(model.row_of("P02"), NUMERATOR, "1030"),
                     (model.row_of("P03"), NUMERATOR, "400")])
    page.view.setCurrentIndex(model.index(model.row_of("P04"), NUMERATOR))  # P03 shown red
    save(window, "entry-check")
    page.discard()
    pick_period(page, "2020Q3")
    save(window, "entry-locked")
    dialog = page.banner.ask_unlock()
    dialog.reason_edit.setPlainText("市质量办退回：P03 分母填错，应为 412")
    save(dialog, "unlock")
    dialog.reject()
    pick_period(page, "2020Q4")


@shot
def narratives() -> None:
    window = demo_window()
    show_page(window, "narratives")
    save(window, "narratives")


@shot
def tasks() -> None:
    window = demo_window()
    show_page(window, "tasks")
    save(window, "tasks")


@shot
def targets() -> None:
    window = demo_window()
    page = show_page(window, "targets")
    page.tabs.setCurrentIndex(1)
    save(window, "targets")
    page.tabs.setCurrentIndex(0)


# --- 报表 -----------------------------------------------------------------------------------------


@shot
def reports() -> None:
    window = demo_window()
    page = show_page(window, "reports")
    page.build_chosen()
    settle(lambda: page.built is not None)
    page.zoom_combo.setCurrentIndex(page.zoom_combo.findData(QPdfView.ZoomMode.FitInView))
    save(window, "reports")


# --- 报送与汇总 -----------------------------------------------------------------------------------


@shot
def exchange() -> None:
    """盘山县 makes its 2020Q4 package; 盘锦市 imports it and keeps its key."""
    from qdesk.cli import main

    window = demo_window()
    page = show_page(window, "reports")
    package = WORK / "U盘" / "211122-2020Q4.qdpkg"
    package.parent.mkdir(parents=True, exist_ok=True)
    page.choose_package_file = lambda: str(package)
    answer("package-confirm", QMessageBox.StandardButton.Yes)
    page.make_package()
    settle(package.exists)
    save(window, "package", top(window, page.info_label))

    city = WORK / "city" / "盘锦市.qdesk"
    city.parent.mkdir(parents=True, exist_ok=True)
    assert main(["init", "--db", str(city), "--template", "panjin-2014",
                 "--unit-code", "211100", "--unit-name", "盘锦市"]) == 0
    assert main(["settings", "set", "--db", str(city), "operator", "市质量办 赵敏"]) == 0
    superior = main_window(city)
    _WINDOWS["city"] = superior
    page = show_page(superior, "reports")
    answer("import-register", QMessageBox.StandardButton.Yes)
    page.import_paths([package])
    settle(lambda: "指纹" in page.info_label.text())
    save(superior, "import", top(superior, page.info_label))
    dialog = page.show_unit_keys()
    save(dialog, "keys")
    dialog.reject()


# --- 备份与恢复 -----------------------------------------------------------------------------------


@shot
def backups() -> None:
    window = demo_window()
    page = show_page(window, "settings")
    page.findChild(QScrollArea).ensureWidgetVisible(page.backups, 0, 0)
    click(page.backups.back_up_button)
    settle(lambda: len(page.backups.backups) >= 2)
    page.backups.table.selectRow(1)
    save(window, "backups")
    answer("restore-confirm", QMessageBox.StandardButton.Cancel)
    page.backups.restore_selected()
    settle()


# --- 年度考核、领导小组 ---------------------------------------------------------------------------


@shot
def assessment() -> None:
    window = demo_window()
    page = show_page(window, "assessment")
    page.year.setCurrentIndex(page.year.findData(2019))
    settle()
    save(window, "assessment")
    page.year.setCurrentIndex(page.year.findData(2020))
    settle()
    page.ranking.selectRow(0)

    def fill(dialog: Any) -> None:
        dialog.value.setText("14")
        dialog.reason.setText("经实地检查和查阅资料评定")

    answer("assessment-score", fill=fill)
    page.decide("score")
    settle()


@shot
def group() -> None:
    window = demo_window()
    show_page(window, "group")
    save(window, "group")


def run(names: list[str]) -> None:
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        raise SystemExit(f"guide screenshots: no such picture group: {', '.join(unknown)}; "
                         f"there are {', '.join(SHOTS)}")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    app = application()
    app.setCursorFlashTime(0)       # the text cursor always shown, never caught mid-blink
    for name, take in SHOTS.items():
        if not names or name in names:
            print(name)
            take()
    for window in _WINDOWS.values():
        window.close()
    settle()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="picture groups to take (default: all)")
    run(parser.parse_args().names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
