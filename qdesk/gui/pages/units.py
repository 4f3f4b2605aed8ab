"""单位: the office's units in their order; add, rename, reorder, retire and import them, never delete."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.units import Level, NewUnit
from qdesk.exchange.divisions import units_under
from qdesk.gui.page import Page
from qdesk.gui.session import Session
from qdesk.gui.unit_dialogs import ImportUnitsDialog, RetireDialog, UnitDialog
from qdesk.gui.unit_list_editor import level_text
from qdesk.gui.widgets import plain_label, problem_label, Retranslating
from qdesk.store.changes import Changes
from qdesk.store.units import Unit, list_units, reinstate_unit, reorder_units, subordinates

CODE, NAME, LEVEL, CREDIT, RETIRED = range(5)
RETIRED_COLOUR = QColor(128, 128, 128)


class UnitsPage(Retranslating, Page):
    """Every write goes through store.units, which audits it; the page emits its Changes."""

    shows = frozenset({"units"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading = plain_label()
        self.heading.setWordWrap(True)
        self.show_retired = QCheckBox()
        self.show_retired.toggled.connect(lambda _on: self.refresh())
        self.table = QTableWidget(0, RETIRED + 1)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.rename())
        self.add_button, self.rename_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.retire_button, self.reinstate_button = QPushButton(), QPushButton()
        self.import_button, self.divisions_button = QPushButton(), QPushButton()
        for button, slot in ((self.add_button, self.add), (self.rename_button, self.rename),
                             (self.up_button, self.move_up), (self.down_button, self.move_down),
                             (self.retire_button, self.retire),
                             (self.reinstate_button, self.reinstate),
                             (self.import_button, self.import_list),
                             (self.divisions_button, self.add_divisions)):
            button.clicked.connect(slot)
        self.problem = problem_label()
        self.message = plain_label()
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.show_retired)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button,
                       self.retire_button, self.reinstate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.divisions_button)
        buttons.addWidget(self.import_button)
        # GB/T 2260 lists nothing under a county: only a prefecture or province has divisions
        # to add from it.
        self.divisions_button.setVisible(
            self.session.home.level in (Level.PREFECTURE.value, Level.PROVINCE.value))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.message)
        self._units: list[Unit] = []
        self.retranslate()
        self.refresh()

    def name(self) -> str:
        return self.tr("Units")

    def retranslate(self) -> None:
        self.heading.setText(self.tr(
            "The units under %1 (%2), in the order reports and entry sheets list them. A unit "
            "that is merged or dissolved is retired from a day on; its figures stay.").replace(
            "%1", self.session.home.name).replace("%2", self.session.home.code))
        self.show_retired.setText(self.tr("Show &retired units"))
        self.add_button.setText(self.tr("&New…"))
        self.add_button.setToolTip(self.tr("Register a township, zone, member unit or county "
                                           "under the office"))
        self.rename_button.setText(self.tr("Re&name…"))
        self.up_button.setText(self.tr("Move &up"))
        self.down_button.setText(self.tr("Move &down"))
        self.retire_button.setText(self.tr("Re&tire…"))
        self.retire_button.setToolTip(self.tr(
            "A unit is never deleted: its figures and history stay for good. Retire it from a "
            "day on instead, and it is no longer due after that day."))
        self.reinstate_button.setText(self.tr("Rein&state"))
        self.reinstate_button.setToolTip(self.tr("Undo a retirement: the unit is due again"))
        self.import_button.setText(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("A list pasted from Word or Excel, or an .xlsx or "
                                              ".csv file, previewed before it is saved"))
        self.divisions_button.setText(self.tr("Add from &GB/T 2260…"))
        self.divisions_button.setToolTip(self.tr(
            "Every county (for a province, every prefecture) that GB/T 2260 lists under the "
            "office, previewed before it is saved"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Level"), self.tr("Credit code"),
             self.tr("Retired from")])
        self._fill()

    # --- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.session.reload()
        self._units = list_units(self.session.store, retired=self.show_retired.isChecked())
        self._fill()

    def _fill(self) -> None:
        """The table, staying on the unit chosen if it is still listed."""
        chosen = self._chosen_code()
        self.table.setRowCount(len(self._units))
        for row, unit in enumerate(self._units):
            texts = (unit.code, unit.name, level_text(Level(unit.level)), unit.credit_code or "",
                     unit.retired_on.isoformat() if unit.retired_on else "")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if unit.retired_on is not None:
                    item.setForeground(QBrush(RETIRED_COLOUR))
                    item.setToolTip(self.tr("Retired from %1: no longer due").replace(
                        "%1", unit.retired_on.isoformat()))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        codes = [u.code for u in self._units]
        self.table.selectRow(codes.index(chosen) if chosen in codes else 0)
        self._update_buttons()

    def unit(self) -> Unit | None:
        """The unit chosen in the table."""
        row = self.table.currentRow()
        return self._units[row] if 0 <= row < len(self._units) else None

    def choose(self, code: str) -> None:
        """Put the table on the unit with this code."""
        codes = [u.code for u in self._units]
        if code in codes:
            self.table.selectRow(codes.index(code))

    def _chosen_code(self) -> str | None:
        unit = self.unit()
        return unit.code if unit else None

    def _update_buttons(self) -> None:
        unit = self.unit()
        shown = [u.code for u in self._units if u.parent_id is not None]
        at = shown.index(unit.code) if unit is not None and unit.code in shown else None
        self.rename_button.setEnabled(unit is not None)
        self.up_button.setEnabled(at is not None and at > 0)
        self.down_button.setEnabled(at is not None and at < len(shown) - 1)
        self.retire_button.setEnabled(at is not None)
        self.reinstate_button.setEnabled(at is not None and unit is not None
                                         and unit.retired_on is not None)

    # --- writes -------------------------------------------------------------------------------

    def _written(self, changes: Changes, code: str | None, text: str) -> None:
        """After a write: read the list again, stay on the unit, say what was done."""
        self.problem.hide()
        if not changes:
            return
        self.refresh()
        if code is not None:
            self.choose(code)
        self.message.setText(text)
        self.status_message.emit(text)
        self.changed.emit(changes)

    def add(self) -> UnitDialog:
        dialog = UnitDialog(self.session, parent=self)
        dialog.accepted.connect(lambda: self._written(
            dialog.changes, dialog.code.text().strip(),
            self.tr("%1 is registered.").replace("%1", dialog.name.text().strip())))
        dialog.open()
        return dialog

    def rename(self) -> UnitDialog | None:
        unit = self.unit()
        if unit is None:
            return None
        dialog = UnitDialog(self.session, unit, parent=self)
        dialog.accepted.connect(lambda: self._written(
            dialog.changes, unit.code, self.tr("%1 is renamed %2.").replace(
                "%1", unit.name).replace("%2", dialog.name.text().strip())))
        dialog.open()
        return dialog

    def retire(self) -> RetireDialog | None:
        unit = self.unit()
        if unit is None or unit.parent_id is None:
            return None
        dialog = RetireDialog(self.session, unit, parent=self)
        dialog.accepted.connect(lambda: self._written(
            dialog.changes, unit.code, self.tr("%1 is retired from %2.").replace(
                "%1", unit.name).replace("%2", dialog.date.date().toString("yyyy-MM-dd"))))
        dialog.open()
        return dialog

    def reinstate(self) -> None:
        unit = self.unit()
        if unit is not None:
            self._write(lambda: reinstate_unit(self.session.store, unit.code), unit.code,
                        self.tr("%1 is due again.").replace("%1", unit.name))

    def add_divisions(self) -> ImportUnitsDialog | None:
        """The divisions GB/T 2260 lists under the office and not yet registered, in the import
        preview, where the clerk leaves out those the office does not oversee."""
        registered = {u.code for u in list_units(self.session.store, retired=True)}
        try:
            listed = [u for u in units_under(self.session.home.code) if u.code not in registered]
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return None
        if not listed:
            self.message.setText(self.tr("Every division GB/T 2260 lists under %1 is registered "
                                         "already.").replace("%1", self.session.home.name))
            return None
        return self._import(listed)

    def import_list(self) -> ImportUnitsDialog:
        return self._import([])

    def _import(self, listed: list[NewUnit]) -> ImportUnitsDialog:
        dialog = ImportUnitsDialog(self.session, parent=self)
        if listed:
            dialog.editor.load_units(listed, "GB/T 2260")

        def done() -> None:
            imported = dialog.imported
            if imported is not None:
                self._written(imported.changes, imported.added[0].code if imported.added else None,
                              self.tr("%1 units registered, %2 registered before.").replace(
                                  "%1", str(len(imported.added))).replace(
                                  "%2", str(imported.unchanged)))

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        """Swap the chosen unit with its neighbour in the list shown, saved at once."""
        unit = self.unit()
        if unit is None or unit.parent_id is None:
            return
        shown = [u.code for u in self._units if u.parent_id is not None]
        at = shown.index(unit.code)
        if not 0 <= at + step < len(shown):
            return
        neighbour = shown[at + step]
        order = [u.code for u in subordinates(self.session.store, self.session.home)]
        i, j = order.index(unit.code), order.index(neighbour)
        order[i], order[j] = order[j], order[i]
        self._write(lambda: reorder_units(self.session.store, order), unit.code,
                    self.tr("The order is saved."))

    def _write(self, write: Callable[[], Changes], code: str | None, text: str) -> None:
        """A write done at once (no dialog): its refusal is shown under the table."""
        try:
            changes = write()
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return
        self._written(changes, code, text)
