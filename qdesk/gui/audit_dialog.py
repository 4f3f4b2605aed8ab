"""Change history (变更记录): the audit trail, filtered, newest first, and exported to Excel."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QLocale, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, QTimer)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QGridLayout, QHBoxLayout, QHeaderView, QPushButton,
                               QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget)

from qdesk.gui.file_dialogs import save_file_name
from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.widgets import (ERROR_STYLE, Retranslating, as_typed, date_edit, plain_label,
                               resize_within_screen, to_date)
from qdesk.gui.workers import (Bug, Cancelled, Done, Job, Outcome, Refused, Worker,
                               run_with_progress)
from qdesk.store import audit
from qdesk.store.audit import Recorded
from qdesk.views import change_history

# The newest changes read per query: enough to scroll through, few enough to list at once.
LIMIT = 5000
DATE_PAUSE_MS = 300

_Index = QModelIndex | QPersistentModelIndex


def time_label(at: str) -> str:
    """'2026-11-23T10:00:00+08:00' as a clerk reads it: 2026-11-23 10:00:00 (offset left out)."""
    return at[:19].replace("T", " ")


class ChangesModel(QAbstractTableModel):
    """The changes the dialog fetched, one per row, in the columns of the Excel export."""

    TIME, OPERATOR, TABLE, RECORD, ACTION, OLD, NEW, REASON, UNIT, PERIOD = range(10)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changes: list[Recorded] = []
        self._texts: dict[int, tuple[str, ...]] = {}    # row -> its cells, worded once

    def set_changes(self, changes: list[Recorded]) -> None:
        self.beginResetModel()
        self.changes = changes
        self._texts = {}
        self.endResetModel()

    def reword(self) -> None:
        """The language changed: word every cell again."""
        self.set_changes(self.changes)

    def change(self, row: int) -> Recorded:
        return self.changes[row]

    def texts(self, row: int) -> tuple[str, ...]:
        """The cells of a row as shown (line breaks of long texts as spaces)."""
        if row not in self._texts:
            c = self.changes[row]
            self._texts[row] = (
                time_label(c.at), c.operator, change_history.table_label(c.table), change_history.record_label(c),
                change_history.action_label(c.action), change_history.old_text(c), change_history.new_text(c),
                c.reason or "", c.unit_name or c.unit_code or "", change_history.period_text(c.period))
        return self._texts[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 10

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Operator"), self.tr("Data"), self.tr("Record"),
                self.tr("Action"), self.tr("Old value"), self.tr("New value"),
                self.tr("Reason"), self.tr("Unit"), self.tr("Period"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(self.texts(index.row())[column].split())
        if role == Qt.ItemDataRole.ToolTipRole:
            change = self.changes[index.row()]
            if column == self.TIME:
                return change.at
            if column == self.UNIT:
                return as_typed(change.unit_code or "") or None
            if column in (self.OLD, self.NEW, self.REASON):
                return as_typed(self.texts(index.row())[column]) or None
        return None


class AuditDialog(Retranslating, QDialog):
    """The audit trail as a clerk or an inspector reads it: filter, look, export.

    Non-modal, so the workbench stays usable beside it. Each filter reads the newest LIMIT
    matching changes at once; the export writes every matching change, in a worker.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.total = 0
        self._task: Worker | None = None
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.table_label, self.table_combo = plain_label(), self._combo()
        self.unit_label, self.unit_combo = plain_label(), self._combo()
        self.period_label, self.period_combo = plain_label(), self._combo()
        self.operator_label, self.operator_combo = plain_label(), self._combo()
        today = dt.date.today()
        self.from_check, self.from_edit = QCheckBox(), date_edit(
            today - dt.timedelta(days=30))
        self.to_check, self.to_edit = QCheckBox(), date_edit(today)
        self.clear_button = QPushButton()
        for label, combo in ((self.table_label, self.table_combo),
                             (self.unit_label, self.unit_combo),
                             (self.period_label, self.period_combo),
                             (self.operator_label, self.operator_combo)):
            label.setBuddy(combo)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.addWidget(self.table_label, 0, 0)
        filters.addWidget(self.table_combo, 0, 1)
        filters.addWidget(self.unit_label, 0, 2)
        filters.addWidget(self.unit_combo, 0, 3)
        filters.addWidget(self.period_label, 0, 4)
        filters.addWidget(self.period_combo, 0, 5)
        filters.addWidget(self.operator_label, 1, 0)
        filters.addWidget(self.operator_combo, 1, 1)
        filters.addWidget(self.from_check, 1, 2)
        filters.addWidget(self.from_edit, 1, 3)
        filters.addWidget(self.to_check, 1, 4)
        filters.addWidget(self.to_edit, 1, 5)
        filters.addWidget(self.clear_button, 1, 7)
        filters.setColumnStretch(6, 1)
        for column in (1, 3, 5):
            filters.setColumnMinimumWidth(column, self.fontMetrics().horizontalAdvance("中") * 12)

        self.model = ChangesModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        # Fixed row heights: the view never measures thousands of rows.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self._size_columns()
        self.view.selectionModel().currentRowChanged.connect(self._show_details)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.count_label = plain_label()
        self.count_label.setWordWrap(True)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.refresh_button = QPushButton()
        self.export_button = QPushButton()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button_box.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.button_box)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.retranslate()
        for combo in (self.table_combo, self.unit_combo, self.period_combo, self.operator_combo):
            combo.currentIndexChanged.connect(self.reload)
        # A typed day changes with each digit: read the list once typing pauses.
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_PAUSE_MS)
        self._date_timer.timeout.connect(self.reload)
        for check, edit in ((self.from_check, self.from_edit), (self.to_check, self.to_edit)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.reload)
            edit.dateChanged.connect(self._date_timer.start)
        self.clear_button.clicked.connect(self.clear_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(lambda: self.export_to())
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.reload()
        resize_within_screen(self, 1240, 720)

    @staticmethod
    def _combo() -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaxVisibleItems(20)
        return combo

    def _size_columns(self) -> None:
        wide = self.view.fontMetrics().horizontalAdvance("中")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Widths in Chinese characters; the old and new values share what is left.
        chars = {ChangesModel.TIME: 10, ChangesModel.OPERATOR: 7, ChangesModel.TABLE: 6,
                 ChangesModel.RECORD: 10, ChangesModel.ACTION: 3, ChangesModel.REASON: 10,
                 ChangesModel.UNIT: 7, ChangesModel.PERIOD: 7}
        for column, count in chars.items():
            self.view.setColumnWidth(column, int((count + 1.5) * wide))
        for column in (ChangesModel.OLD, ChangesModel.NEW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change history"))
        self.table_label.setText(self.tr("&Data:"))
        self.unit_label.setText(self.tr("&Unit:"))
        self.period_label.setText(self.tr("&Period:"))
        self.operator_label.setText(self.tr("&Operator:"))
        self.from_check.setText(self.tr("&From:"))
        self.from_check.setToolTip(self.tr("Only changes made on or after this day"))
        self.to_check.setText(self.tr("&To:"))
        self.to_check.setToolTip(self.tr("Only changes made on or before this day"))
        self.clear_button.setText(self.tr("C&lear filters"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the history again (F5)"))
        self.export_button.setText(self.tr("&Export to Excel…"))
        self.export_button.setToolTip(self.tr("Write every change that matches the filters, not "
                                              "only those listed, to an Excel workbook"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)
        if self.session.closed:     # a history outliving its workbench reads nothing more
            return
        self._fill_choices()
        self.model.reword()
        self._show_count()

    # --- filters ----------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """Each filter offers what the trail holds, after "All"; a choice made stays if it can."""
        found = audit.choices(self.session.store)
        items = {
            self.table_combo: [(change_history.table_label(t), t) for t in found.tables],
            self.unit_combo: [(name or code, code) for code, name in found.units],
            self.period_combo: [(change_history.period_text(p), p) for p in found.periods],
            self.operator_combo: [(name, name) for name in found.operators],
        }
        for combo, choices in items.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for text, data in choices:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def choose(self, combo: QComboBox, data: str | None) -> bool:
        """Pick the item of a filter that carries `data` (None: All); False if it is not there."""
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def filters(self) -> dict[str, Any]:
        """The filters as the store's audit.changes takes them."""
        return {"table": self.table_combo.currentData(),
                "unit_code": self.unit_combo.currentData(),
                "period": self.period_combo.currentData(),
                "operator": self.operator_combo.currentData(),
                "since": to_date(self.from_edit.date()) if self.from_check.isChecked() else None,
                "until": to_date(self.to_edit.date()) if self.to_check.isChecked() else None}

    def clear_filters(self) -> None:
        widgets = (self.table_combo, self.unit_combo, self.period_combo, self.operator_combo,
                   self.from_check, self.to_check)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in widgets[:4]:
            combo.setCurrentIndex(0)
        for check in widgets[4:]:
            check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.reload()

    # --- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the trail again, new filter choices included (F5; and when shown again)."""
        self._fill_choices()
        self.reload()

    def reload(self) -> None:
        """The newest LIMIT changes that pass the filters, and how many pass in all."""
        self._date_timer.stop()
        filters = self.filters()
        store = self.session.store
        self.total = audit.count_changes(store, **filters)
        self.model.set_changes(audit.changes(store, **filters, limit=LIMIT))
        self._show_count()
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self._show_details(QModelIndex())

    def _show_count(self) -> None:
        shown, locale = self.model.rowCount(), QLocale()
        unfiltered = not any(value is not None for value in self.filters().values())
        if self.total == 0:
            text = (self.tr("No change has been recorded yet.") if unfiltered
                    else self.tr("No change matches the filters."))
        elif shown < self.total:
            text = self.tr("The newest {shown} of {total} changes are listed: narrow the filters "
                           "to see older ones. Export writes all {total}.").format(
                shown=locale.toString(shown), total=locale.toString(self.total))
        else:
            text = self.tr("%n change(s), newest first", "", self.total)
        self.count_label.setText(text)

    def _show_details(self, current: QModelIndex) -> None:
        """The chosen change in full: every field old and new, the reason, the exact time."""
        if not current.isValid():
            self.details.clear()
            return
        c = self.model.change(current.row())
        cells = self.model.texts(current.row())
        # dict.fromkeys: a lock's record is its period, said once.
        head = " · ".join(html.escape(t) for t in dict.fromkeys((
            time_label(c.at), c.operator, cells[ChangesModel.TABLE], cells[ChangesModel.ACTION],
            cells[ChangesModel.RECORD], cells[ChangesModel.UNIT], cells[ChangesModel.PERIOD])) if t)
        parts = [f"<p style='margin-bottom:6px'><b>{head}</b></p>"]
        if c.reason:
            parts.append("<p style='margin-bottom:6px'>{}{}</p>".format(
                html.escape(self.tr("Reason: ")), html.escape(c.reason)))
        lines = change_history.fields(c)
        if lines:
            cell = "<td style='padding:3px 8px; border-bottom:1px solid #ddd'>{}</td>"
            body = "".join("<tr>" + "".join(cell.format(html.escape(t).replace("\n", "<br>"))
                                            for t in line) + "</tr>" for line in lines)
            heads = "".join(f"<th align='left' width='{width}' style='padding:3px 8px;"
                            f" background:#eef2f7'>{html.escape(text)}</th>"
                            for text, width in ((self.tr("Field"), "16%"),
                                                (self.tr("Old value"), "42%"),
                                                (self.tr("New value"), "42%")))
            parts.append(f"<table width='100%' cellspacing='0'><tr>{heads}</tr>{body}</table>")
        self.details.setHtml("".join(parts))

    # --- export -----------------------------------------------------------------------------

    def choose_file(self) -> str:
        """The workbook to write; empty if the clerk cancelled. A method so tests can answer."""
        name = self.tr("change-history") + f"-{dt.date.today():%Y%m%d}.xlsx"
        return save_file_name(self, self.tr("Export the change history as"), name,
                              self.tr("Excel workbooks (*.xlsx)"))

    def export_to(self, path: Path | str | None = None) -> Worker | None:
        """Write every change that passes the filters to an xlsx workbook, in a worker.

        Without a path the clerk is asked for one (the button); the outcome is shown in place.
        """
        if self._task is not None:
            return None
        chosen = path or self.choose_file()
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        filters = self.filters()
        reading = self.tr("Reading the change history…")
        writing = self.tr("Writing {done} of {total} changes…")

        def work(job: Job) -> Path:
            from qdesk.exchange.audit_export import export_audit_xlsx

            job.report(2, reading)
            total = audit.count_changes(job.store, **filters)
            job.report(5, writing.format(done=0, total=total))
            return export_audit_xlsx(
                audit.iter_changes(job.store, **filters), out, lambda done: job.report(
                    5 + 93 * done // max(total, 1), writing.format(done=done, total=total)))

        def finished(outcome: Outcome[Path]) -> None:
            self._task = None
            self.export_button.setEnabled(True)
            match outcome:
                case Done(written):
                    self._say(self.tr("Written: {path}").format(path=written))
                case Cancelled():
                    self._say(self.tr("Cancelled: nothing was written."), error=True)
                case Refused(error):
                    self._say(error.render(), error=True)
                case Bug(trace):
                    self._say(program_error(self, trace), error=True)

        self.message.hide()
        self.export_button.setEnabled(False)
        self._task = run_with_progress(self, self.tr("Exporting the change history"),
                                       self.session, work, finished)
        return self._task

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.show()


def show_audit(session: Session, parent: QWidget | None = None) -> AuditDialog:
    """Open the change history beside the workbench, or bring the open one forward, read again."""
    dialogs = parent.findChildren(AuditDialog) if parent is not None else []
    for stale in [d for d in dialogs if d.session is not session]:
        # The workbench has opened another database since: that history no longer applies.
        stale.close()
        stale.deleteLater()
    dialog = next((d for d in dialogs if d.session is session), None)
    if dialog is None:
        dialog = AuditDialog(session, parent)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
