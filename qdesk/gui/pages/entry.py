"""数据填报: a unit's figures for a period, typed or pasted, checked as typed, saved at once."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHBoxLayout, QHeaderView,
                               QLineEdit, QMenu, QMessageBox, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from qdesk.core.errors import DamagedDatabaseError, QdeskError
from qdesk.core.periods import Period
from qdesk.core.plan import Kind
from qdesk.gui import qsettings
from qdesk.gui.cell_context import CellContextPanel
from qdesk.gui.entry_model import (CATEGORY, CODE, DENOMINATOR, FIGURE_COLUMNS, NAME, NOTE,
                                   NUMERATOR, REFERENCE, STATUS, TARGET, VALUE, EntryModel)
from qdesk.gui.explain_dialog import ExplainDialog
from qdesk.gui.page import Page
from qdesk.gui.session import Session
from qdesk.gui.undo import EditHistory
from qdesk.gui.unlock_dialog import LockBanner
from qdesk.gui.widgets import ERROR_STYLE, PeriodPicker, UnitCombo, as_typed, plain_label
from qdesk.store.changes import Changes
from qdesk.store.entries import set_entries
from qdesk.store.references import set_references
from qdesk.store.locks import locking_period
from qdesk.store.units import Unit
from qdesk.views.cell_context import cell_context
from qdesk.views.entry_sheet import EntryRow, parse_block

_EDITING = (QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked)


class EntryView(QTableView):
    """The grid, keyboard first: typing replaces a cell; Tab walks every editable cell, Enter the
    figures (or, from a note, the notes) of the rows below; Ctrl+V pastes a block, Delete clears."""

    def __init__(self, model: EntryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(_EDITING)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.setCornerButtonEnabled(False)

    def entry_model(self) -> EntryModel:
        model = self.model()
        assert isinstance(model, EntryModel)
        return model

    def set_read_only(self, read_only: bool) -> None:
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                             else _EDITING)

    # --- moving -------------------------------------------------------------------------------

    def step(self, index: QModelIndex, forward: bool = True,
             columns: frozenset[int] | None = None) -> QModelIndex:
        """The next (or previous) editable cell in reading order, within `columns` if given."""
        model = self.entry_model()
        cells = [(r, c) for r in range(model.rowCount()) for c in model.sheet.editable_columns(r)
                 if columns is None or c in columns]
        here = (index.row(), index.column()) if index.isValid() else (-1, -1)
        after = [cell for cell in cells if (cell > here if forward else cell < here)]
        if not after:
            return QModelIndex()
        row, column = after[0] if forward else after[-1]
        return model.index(row, column)

    def first_cell(self) -> QModelIndex:
        return self.step(QModelIndex())

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (QAbstractItemView.CursorAction.MoveNext,
                      QAbstractItemView.CursorAction.MovePrevious) \
                and not self.entry_model().sheet.read_only:
            target = self.step(self.currentIndex(),
                               action == QAbstractItemView.CursorAction.MoveNext)
            return target if target.isValid() else self.currentIndex()
        return super().moveCursor(action, modifiers)

    def finish_editing(self) -> None:
        """Commit the cell being typed in, as leaving it would: before a save or a switch."""
        if self.state() == QAbstractItemView.State.EditingState:
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _enter(self) -> None:
        here = self.currentIndex()
        lane = frozenset({NOTE}) if here.column() == NOTE else FIGURE_COLUMNS
        target = self.step(here, True, lane)
        if target.isValid():
            self.setCurrentIndex(target)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Like a spreadsheet: after Enter or Tab the next cell is current, not open; typing
        # into it replaces its content.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._enter()
        elif hint in (QAbstractItemDelegate.EndEditHint.EditNextItem,
                      QAbstractItemDelegate.EndEditHint.EditPreviousItem):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            target = self.step(self.currentIndex(),
                               hint == QAbstractItemDelegate.EndEditHint.EditNextItem)
            if target.isValid():
                self.setCurrentIndex(target)
        else:
            super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            self._enter()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not editing:
            self.clear_selected()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- the cell menu ------------------------------------------------------------------------

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The cell's menu: 本期无此项 on a row that takes figures (disabled, and saying why, on
        a yes/no); None where the row takes no figure typed."""
        model = self.entry_model()
        if not index.isValid():
            return None
        flag = model.row(index.row()).indicator.kind is Kind.FLAG
        if not model.takes_not_applicable(index.row()) and not (
                flag and model.sheet.editable_columns(index.row())):
            return None
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        action = menu.addAction(self.tr("Not applicable this period (无此项)"))
        if flag:
            action.setEnabled(False)
            action.setToolTip(self.tr("A yes/no indicator is never 无此项: enter yes (是) or"
                                      " no (否)"))
        else:
            row = index.row()
            action.triggered.connect(lambda: model.mark_not_applicable(row))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        menu = self.menu_for(index)
        if menu is None:
            return
        self.setCurrentIndex(index)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- clipboard ----------------------------------------------------------------------------

    def paste(self) -> None:
        here = self.currentIndex()
        block = parse_block(QGuiApplication.clipboard().text())
        if not here.isValid() or not block:
            return
        lines = self.entry_model().paste(here.row(), here.column(), block)
        if lines:
            model = self.entry_model()
            last = model.index(here.row() + lines - 1, here.column())
            self.selectionModel().select(QItemSelection(here, last),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def copy(self) -> None:
        """The selected cells as tab-separated lines, as a spreadsheet takes them."""
        indexes = self.selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.entry_model()
        QGuiApplication.clipboard().setText("\n".join(
            "\t".join(str(model.index(r, c).data() or "") for c in columns) for r in rows) + "\n")

    def clear_selected(self) -> None:
        model = self.entry_model()
        model.set_texts([(i.row(), i.column(), "") for i in self.selectedIndexes()
                         if i.column() in model.sheet.editable_columns(i.row())])


class EntryPage(Page):
    """数据填报: pick a period and a unit, type or paste the figures due, save them in one go."""

    shows = frozenset({"entries", "reference_figures", "targets", "indicators", "plans", "units",
                       "locks"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = EntryModel(self)
        self.edit_history: EditHistory = EditHistory(self.model, self.tr("edit figures"), self)
        self.model.edited.connect(self.edit_history.note)
        self.period_picker = PeriodPicker(session)
        self.unit_combo = UnitCombo(session)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by code or name (Ctrl+F)"))
        self.save_button = QPushButton(self.tr("Save"))
        self.discard_button = QPushButton(self.tr("Discard changes"))
        self.banner = LockBanner(session)
        self.view = EntryView(self.model)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.summary = plain_label()
        self.context_panel = CellContextPanel()
        self.context_button = QPushButton(self.tr("History"))
        self.context_button.setCheckable(True)
        self.context_button.setChecked(
            bool(qsettings.settings().value(qsettings.CELL_HISTORY, True, type=bool)))
        self.context_button.setToolTip(self.tr("Show or hide the current figure's last figures"
                                               " and history beside the grid"))

        period_label = plain_label(self.tr("&Period"))
        period_label.setBuddy(self.period_picker)
        unit_label = plain_label(self.tr("&Unit"))
        unit_label.setBuddy(self.unit_combo)
        top = QHBoxLayout()
        for widget in (period_label, self.period_picker, unit_label, self.unit_combo):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.context_button)
        top.addWidget(self.discard_button)
        top.addWidget(self.save_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        grid = QHBoxLayout()
        grid.addWidget(self.view, 1)
        grid.addWidget(self.context_panel)
        layout.addLayout(grid, 1)
        if not self.context_button.isChecked():
            # Only ever hidden here: shown (setVisible) before the page is, it would open as a
            # window of its own and take the focus from the main window.
            self.context_panel.hide()
        layout.addLayout(bottom)
        self._sized_columns = 0     # how many columns the widths were last set for

        self.period_picker.set_period(session.period)
        self.period_picker.period_changed.connect(self._on_choice)
        self.unit_combo.currentIndexChanged.connect(self._on_choice)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.filter_edit.returnPressed.connect(self.view.setFocus)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.banner.unlocked.connect(self._on_unlocked)
        self.view.selectionModel().currentChanged.connect(self._explain)
        self.view.selectionModel().currentChanged.connect(self._show_context)
        self.model.dataChanged.connect(self._show_context)
        self.context_button.toggled.connect(self._toggle_context)
        self.model.checked.connect(self._on_checked)
        self.model.modelReset.connect(self._update_state)
        self.model.dataChanged.connect(self._update_state)
        self._load()

    def name(self) -> str:
        return self.tr("Data entry")

    def _size_columns(self) -> None:
        """Widths by what each column holds, set when the columns change (a sheet with or
        without 参照值), so a width the clerk dragged stays while they work."""
        count = self.model.columnCount()
        if count == self._sized_columns:
            return
        self._sized_columns = count
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        unit = self.fontMetrics().horizontalAdvance("中")
        widths = {CATEGORY: 6, CODE: 4, NAME: 17, NUMERATOR: 6, DENOMINATOR: 6, VALUE: 6,
                  TARGET: 6, STATUS: 5, REFERENCE: 6}
        for column, chars in widths.items():
            if column < count:
                self.view.setColumnWidth(column, int((chars + 1.5) * unit))

    # --- loading and choosing -----------------------------------------------------------------

    def _load(self, keep_edits: bool = False) -> None:
        """Read the chosen unit's figures for the chosen period: a few queries, not one per row.

        The unit picker lists the units on the period's roll: one retired before it began is
        not due, and the office's own unit is shown in its place."""
        period = self.period_picker.period()
        self.unit_combo.show_units(period)
        unit = self.unit_combo.unit()
        lock = locking_period(self.session.store, period)
        try:
            self.model.load(self.session.store, self.session.plan, unit, period,
                            read_only=lock is not None, keep_edits=keep_edits)
        except DamagedDatabaseError as exc:
            self._show_damaged(exc, unit, period)
            return
        if not keep_edits:
            self.edit_history.reset()
        self.view.set_read_only(lock is not None)
        self._size_columns()
        self._place_reference_column()
        self.save_button.setVisible(lock is None)
        self.discard_button.setVisible(lock is None)
        text = ""
        if lock is not None:
            text = (self.tr("Locked: %1 has been submitted. Its figures can be read here but"
                            " not changed; to correct them, unlock it (with a reason) first.")
                    if lock == period else
                    self.tr("Locked: %1 has been submitted, so the figures of %2 can be read"
                            " here but not changed; to correct them, unlock %1 (with a reason)"
                            " first.").replace("%2", period.label_zh())).replace(
                "%1", lock.label_zh())
        self.banner.show_lock(lock, period, text)
        self.message.clear()
        first = self.view.first_cell()
        self.view.setCurrentIndex(first if first.isValid() else self.model.index(0, CODE))
        self._explain()
        self._show_context()
        self._update_state()

    def _show_damaged(self, error: DamagedDatabaseError, unit: Unit, period: Period) -> None:
        """A figure of the unit and period cannot be read (written outside qdesk): no row is
        shown rather than one read wrong, and the message says what to do."""
        self.model.load_nothing(self.session.plan, unit, period)
        self.edit_history.reset()
        self.view.set_read_only(True)
        self.save_button.setVisible(False)
        self.discard_button.setVisible(False)
        self.banner.show_lock(None, period, "")
        self._update_state()
        self.summary.clear()
        self._say(error.render(), error=True)

    def _place_reference_column(self) -> None:
        """The 参照值 column, when the plan has one, is shown beside the target it serves."""
        if self.model.columnCount() <= REFERENCE:
            return
        header = self.view.horizontalHeader()
        if header.visualIndex(REFERENCE) != header.visualIndex(TARGET) + 1:
            header.moveSection(header.visualIndex(REFERENCE), header.visualIndex(TARGET) + 1)

    def _on_unlocked(self, lock: Period) -> None:
        """The period was unlocked (with a reason): the figures can be corrected now."""
        self._load()
        self.changed.emit(Changes.of("locks", "audit", periods=[lock]))
        self._say(self.tr("%1 is unlocked: correct the figures, then submit it again (it is"
                          " marked as a correction).").replace("%1", lock.label_zh()))

    def _on_filter(self, text: str) -> None:
        self.model.set_filter(text)
        self.view.setCurrentIndex(self.view.first_cell())

    def _on_choice(self) -> None:
        """The period or unit changed: ask about unsaved edits first, then load the new choice."""
        chosen = (self.period_picker.period(), self.unit_combo.unit().id)
        if chosen == (self.model.period, self.model.unit.id):
            return
        if self.has_unsaved():
            answer = self.ask_unsaved()
            if answer == QMessageBox.StandardButton.Save:
                if not self.save():
                    self._show_loaded()
                return    # a save loads what the pickers now show
            if answer != QMessageBox.StandardButton.Discard:
                self._show_loaded()
                return
        self._load()

    def _show_loaded(self) -> None:
        """Put the pickers back on what the grid shows (after Cancel, or a save that failed)."""
        for combo in (self.period_picker, self.unit_combo):
            combo.blockSignals(True)
        self.period_picker.set_period(self.model.period)
        self.unit_combo.set_unit(self.model.unit)
        for combo in (self.period_picker, self.unit_combo):
            combo.blockSignals(False)

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel before leaving unsaved figures; a method so tests can answer."""
        return QMessageBox.question(
            self, self.tr("Unsaved figures"),
            as_typed(self.tr("The figures of %1, %2 are not saved. Save them?").replace(
                "%1", self.model.unit.name).replace("%2", self.model.period.label_zh())),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    # --- state shown --------------------------------------------------------------------------

    def _on_checked(self, problem: str) -> None:
        if problem:
            self._say(problem, error=True)
        else:
            self.message.clear()
            self._explain()

    def not_applicable_text(self) -> str:
        return self.tr("Not applicable this period: counted neither as met nor as not met, and"
                       " left out of every roll-up")

    def _explain(self) -> None:
        """On a 无此项 row the message line says what 无此项 means; off it, that goes."""
        row = self.view.currentIndex().row()
        text = self.not_applicable_text()
        if row >= 0 and self.model.not_applicable(row):
            self.message.setText(text)
            self.message.setStyleSheet("")
        elif self.message.text() == text:
            self.message.clear()

    def _toggle_context(self, shown: bool) -> None:
        self.context_panel.setVisible(shown)
        qsettings.settings().setValue(qsettings.CELL_HISTORY, shown)
        self._show_context()

    def _show_context(self) -> None:
        """The side panel follows the current row: its last figures, last year's, its changes."""
        if not self.context_panel.isVisibleTo(self):
            return
        row = self.view.currentIndex().row()
        if row < 0 or row >= self.model.rowCount():
            self.context_panel.show_context(None)
            return
        self.context_panel.show_context(cell_context(self.session.store, self.model.sheet, row))

    def ask_explanations(self, rows: list[EntryRow]) -> dict[str, str] | None:
        """The explanation of each unlikely figure, or None when the clerk cancels; a method so
        tests can answer."""
        dialog = ExplainDialog(rows, self)
        try:
            return dialog.explanations() if dialog.exec() == ExplainDialog.DialogCode.Accepted \
                else None
        finally:
            dialog.deleteLater()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.status_message.emit(text)

    def _update_state(self) -> None:
        edited = self.model.edited_count()
        self.save_button.setEnabled(edited > 0)
        self.discard_button.setEnabled(edited > 0)
        if self.model.rowCount() == 0 and not self.filter_edit.text():
            text = self.tr("No indicator of the plan is entered for %1: quarterly indicators"
                           " are entered per quarter, annual ones per year.").replace(
                "%1", self.model.period.label_zh())
        else:
            text = self.tr("%1 of %2 indicators entered").replace(
                "%1", str(self.model.sheet.entered_count())).replace(
                "%2", str(self.model.sheet.total()))
            if edited:
                text += self.tr(" · %1 rows changed, not saved").replace("%1", str(edited))
        self.summary.setText(text)

    # --- the Page contract --------------------------------------------------------------------

    def refresh(self) -> None:
        self.session.reload()
        self._load(keep_edits=True)

    def has_unsaved(self) -> bool:
        self.view.finish_editing()
        return self.model.sheet.has_edits()

    def save(self) -> bool:
        """Write every changed row of the unit and period, and the reference figures typed, in
        one transaction."""
        if not self.has_unsaved():
            return True
        problems = self.model.problems()
        if problems:
            self._say(self.tr("Not saved: correct the cells in red first (%1)").replace(
                "%1", problems[0]), error=True)
            return False
        sheet = self.model.sheet
        store = self.session.store
        explanations: dict[str, str] = {}
        warned = sheet.warned()
        if warned:
            answer = self.ask_explanations(warned)
            if answer is None:
                self._say(self.tr("Not saved: the unlikely figures (%1) are kept only with an"
                                  " explanation").replace(
                    "%1", "、".join(row.indicator.code for row in warned)), error=True)
                return False
            explanations = answer
        try:
            with store.transaction():   # the figures and the reference figures, all or nothing
                count = set_entries(store, sheet.plan, sheet.unit, sheet.period,
                                    sheet.changes(explanations))
                references = set_references(store, sheet.plan, sheet.period,
                                            sheet.reference_changes())
        except QdeskError as exc:
            self._say(exc.render(), error=True)
            return False
        self._load()
        self.changed.emit(Changes.of("entries", "audit", units=[sheet.unit.code],
                                     periods=[sheet.period]) | references)
        text = self.tr("Saved. Figures written: %1").replace("%1", str(count))
        if references:
            text += self.tr(" · reference figures saved")
        self._say(text)
        return True

    def discard(self) -> None:
        self.model.discard()
        self.edit_history.reset()
        self.message.clear()

    def focus_search(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()
