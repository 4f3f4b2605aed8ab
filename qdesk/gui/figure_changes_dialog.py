"""The figures an import would change (导入将修改已有数据), every one listed before the clerk says yes."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from qdesk.gui.widgets import plain_label


class FigureChangesDialog(QDialog):
    """One line per figure, old → new, in a list the clerk can scroll, select and copy;
    继续导入 accepts, 取消 (the default: the safe answer) rejects."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        count = str(len(lines))
        self.setWindowTitle(self.tr("Figures the import would change: %1").replace("%1", count))
        self.heading = plain_label(self.tr("The import would change %1 figure(s) already stored."
                                           " Import anyway?").replace("%1", count))
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QPlainTextEdit()
        self.list.setReadOnly(True)
        self.list.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.list.setPlainText("\n".join(lines))
        note = plain_label(self.tr("The change history keeps every old figure."))
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("Import anyway"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = buttons.addButton(self.tr("Copy the list"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton(self.tr("Cancel"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.import_button, self.copy_button):
            button.setAutoDefault(False)    # Enter must never import by the focus's accident
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        width = self.list.fontMetrics().horizontalAdvance("中") * 64
        self.resize(width, width // 2)

    def copy(self) -> None:
        """Every line to the clipboard, to paste into a note to the unit that sent them."""
        QGuiApplication.clipboard().setText(self.list.toPlainText() + "\n")
