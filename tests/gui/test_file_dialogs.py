"""The file dialogs start where the clerk last answered one, and offer a name."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from qdesk.gui.file_dialogs import existing_folder, open_file_names, save_file_name, start_folder


def documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def test_each_dialog_starts_in_the_folder_the_last_one_was_answered_in(qtbot, tmp_path,
                                                                       monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    opened, answers = [], [(str(tmp_path / "a" / "2020Q4.xlsx"), ""),
                           ([str(tmp_path / "b" / "x.qdpkg")], ""), ("", ""), ""]

    def dialog(parent, title, start, filters=""):
        opened.append(start)
        return answers[len(opened) - 1]

    for name in ("getSaveFileName", "getOpenFileNames", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, dialog)
    first = start_folder()
    assert first in (documents(), Path.home())
    assert save_file_name(parent, "导出", "211122-2020Q4.xlsx", "") == answers[0][0]
    assert opened[0] == str(first / "211122-2020Q4.xlsx")
    assert open_file_names(parent, "导入", "") == answers[1][0]
    assert opened[1] == str(tmp_path / "a")
    assert save_file_name(parent, "导出", "y.pdf", "") == ""     # cancelled: nothing remembered
    assert opened[2] == str(tmp_path / "b" / "y.pdf")
    (tmp_path / "b").rmdir()                                     # a folder since removed
    assert existing_folder(parent, "选择文件夹") == ""
    assert opened[3] == str(first)
