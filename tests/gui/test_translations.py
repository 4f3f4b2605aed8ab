"""The workbench speaks Chinese by default and English on request; every string has its translation."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication

from qdesk.gui.app import install_language
from qdesk.gui.main_window import MainWindow
from qdesk.resources import resources_dir

TS = resources_dir() / "translations" / "qdesk_zh_CN.ts"


def sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.find("name").text, m.find("source").text)
            for c in root.iter("context") for m in c.iter("message")}


def test_every_string_has_a_chinese_translation():
    root = ET.parse(TS).getroot()
    untranslated = [m.find("source").text for m in root.iter("message")
                    if m.find("translation").get("type") == "unfinished"
                    or not "".join(m.find("translation").itertext()).strip()]
    assert untranslated == []
    assert TS.with_suffix(".qm").stat().st_size > 1000


def test_the_translation_sources_are_up_to_date(tmp_path):
    """lupdate on today's code finds no string the .ts file lacks (run build/translations.py)."""
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    root = Path(__file__).resolve().parents[2]
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    files = [str(p) for p in (root / "qdesk" / "gui").rglob("*.py")]
    subprocess.run([str(tool), *files, "-no-obsolete", "-locations", "none", "-ts", str(copy)],
                   check=True, capture_output=True)
    assert sources(copy) == sources(TS)


def test_the_window_is_chinese_by_default_and_english_on_request(session, qtbot):
    install_language(QApplication.instance(), "zh_CN")
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.page_names()[:2] == ["概览", "数据填报"]
    assert window.file_menu.title() == "文件(&F)"
    install_language(QApplication.instance(), "en")
    window.retranslate()
    assert window.page_names()[:2] == ["Overview", "Data entry"]
    assert window.file_menu.title() == "&File"


def test_qts_own_file_dialog_speaks_chinese(qtbot):
    """Qt's own dialog (Linux desktops without a native one; a native one is used on Windows):
    its labels all Chinese, the two qtbase_zh_CN leaves in English among them."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QToolButton

    install_language(QApplication.instance(), "zh_CN")
    dialog = QFileDialog(None, "导出")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    texts += [button.text() for box in dialog.findChildren(QDialogButtonBox)
              for button in box.buttons()]
    texts += [button.toolTip() for button in dialog.findChildren(QToolButton)]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert not [text for text in texts if re.search("[A-Za-z]{2}", text)], texts


def test_the_built_qt_gaps_translation_is_up_to_date(tmp_path):
    gaps = TS.with_name("qt_gaps_zh_CN.ts")
    tool = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(tool), str(gaps), "-qm", str(tmp_path / "gaps.qm")], check=True,
                   capture_output=True)
    assert (tmp_path / "gaps.qm").read_bytes() == gaps.with_suffix(".qm").read_bytes()
