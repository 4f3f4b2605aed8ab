"""A program error in work a page ran: a plain sentence where the page speaks, and the trace in
a box, for whoever the clerk reports it to; never the trace alone where the clerk reads."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def program_error(parent: QWidget, trace: str, sentence: str | None = None) -> str:
    """Open the box (`sentence`, the trace in its details) beside `parent`, window-modal, and
    return the sentence for the page to show in place."""
    said = sentence or QCoreApplication.translate(
        "ProgramError", "The work could not be finished because of a program error.")
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("ProgramError", "Program error"), said,
                      QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(trace)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return said
