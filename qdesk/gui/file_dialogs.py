"""The file dialogs a clerk saves documents and exports with, and picks files to import: the
platform's own (native on Windows), starting in the folder last answered in (at first the
Documents folder), offering a name that says what the file holds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from qdesk.gui import qsettings


def start_folder() -> Path:
    """Where the next dialog opens: the folder last answered in while it is still there, else
    the user's Documents, else their home."""
    last = qsettings.settings().value(qsettings.LAST_FOLDER)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _remember(folder: Path) -> None:
    qsettings.settings().setValue(qsettings.LAST_FOLDER, str(folder.absolute()))


def save_file_name(parent: QWidget, title: str, name: str, filters: str) -> str:
    """The file to write, `name` offered in the start folder; empty if the clerk cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder() / name), filters)
    if chosen:
        _remember(Path(chosen).parent)
    return chosen


def open_file_name(parent: QWidget, title: str, filters: str) -> str:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if chosen:
        _remember(Path(chosen).parent)
    return chosen


def open_file_names(parent: QWidget, title: str, filters: str) -> list[str]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), filters)
    if chosen:
        _remember(Path(chosen[0]).parent)
    return chosen


def existing_folder(parent: QWidget, title: str) -> str:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder()))
    if chosen:
        _remember(Path(chosen))
    return chosen
