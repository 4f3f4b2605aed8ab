"""下级单位密钥: the subordinate units' signing keys, each kept from its first package, and
forgetting one (with a reason) so that a unit that reinstalled qdesk can send its new key."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QInputDialog,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from qdesk.gui.widgets import plain_label, resize_within_screen
from qdesk.views.keys import COLUMNS, KeyRow


class UnitKeysDialog(QDialog):
    """The keys as a table of plain-text cells; 忘记密钥… asks the reason, then calls `forget`
    (unit code, reason) and closes."""

    def __init__(self, rows: list[KeyRow], own: str, forget: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self._forget = forget
        self.setWindowTitle(self.tr("Units' signing keys"))
        self.own_label = plain_label(own)
        self.table = QTableWidget(len(rows), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([c.render() for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        for row, key in enumerate(rows):
            cells = [key.unit_code, key.unit_name, key.fingerprint, key.first_seen, key.package,
                     key.forgotten]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty_label = plain_label(self.tr("No unit's key is kept yet: each is kept from the "
                                          "unit's first package."))
        self.empty_label.setVisible(not rows)
        self.forget_button = QPushButton(self.tr("Forget key…"))
        self.forget_button.setToolTip(self.tr(
            "For a unit that reinstalled qdesk: its next package brings the key to keep. "
            "Confirm the new fingerprint with the unit by telephone."))
        self.forget_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.forget_button.clicked.connect(self.ask_to_forget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.own_label, self.empty_label, self.table, buttons):
            layout.addWidget(widget)
        resize_within_screen(self, 900, 380)

    def selected(self) -> KeyRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def _selected(self) -> None:
        key = self.selected()
        self.forget_button.setEnabled(key is not None and key.standing)

    def ask_reason(self, key: KeyRow) -> str | None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Forget key"),
            self.tr("Why is the key of {code} forgotten (say how the new one was confirmed)?")
            .format(code=key.unit_code))
        return reason if ok else None

    def ask_to_forget(self) -> None:
        key = self.selected()
        if key is None or not key.standing:
            return
        reason = self.ask_reason(key)
        if reason is not None:
            self._forget(key.unit_code, reason)
            self.accept()
