"""重点任务: the period's task ledger by category; filter, edit status, progress and done day in place.

The rows come from views.task_ledger (as `qdesk task list` and the work draft take them); Ctrl+S
writes through store.tasks.write_progress, the sheets go out and come back through
exchange.task_sheet in a worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from qdesk.core.errors import InputError, QdeskError
from qdesk.core.tasks import STATUS_WORDS, TaskStatus, done_day_problems, parse_day
from qdesk.gui.file_dialogs import existing_folder, open_file_names
from qdesk.gui.page import Page
from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.widgets import (DONE_STYLE, ERROR_BACKGROUND, ERROR_FOREGROUND, PeriodPicker,
                               Retranslating, UnitCombo, as_typed, commit_open_editor, narrow_combo,
                               open_wide, plain_label, problem_label)
from qdesk.gui.workers import (Bug, Cancelled, Done, Job, Outcome, Refused, Worker,
                               run_with_progress)
from qdesk.store.changes import Changes
from qdesk.views.task_ledger import NOT_RECORDED, LedgerRow, TaskLedger, by_category, task_ledger

if TYPE_CHECKING:
    from qdesk.exchange.task_sheet import TasksImported

T = TypeVar("T")
CODE, TASK, LEAD, DEADLINE, STATUS, PROGRESS, DONE_ON = range(7)
ALL = ""


class TasksPage(Retranslating, Page):
    """Edits are kept on a copy of the ledger until Ctrl+S writes the rows changed."""

    shows = frozenset({"task_progress", "tasks", "plans", "units"})

    def __init__(self, session: Session, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(session, parent)
        self.today = today or dt.date.today()
        self.heading = plain_label()
        self.heading.setWordWrap(True)
        self.period_picker = PeriodPicker(session)
        self.period_picker.set_period(session.period)
        self.unit_combo = UnitCombo(session)
        self.status_filter, self.lead_filter = QComboBox(), QComboBox()
        narrow_combo(self.lead_filter, 9)
        self.period_label, self.unit_label = plain_label(), plain_label()
        self.status_label, self.lead_label = plain_label(), plain_label()
        self.export_button, self.import_button = QPushButton(), QPushButton()
        self.export_button.clicked.connect(self.export_sheets)
        self.import_button.clicked.connect(self.import_sheets)
        self.table = QTableWidget(0, DONE_ON + 1)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(TASK, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(PROGRESS,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        line = self.table.fontMetrics().height()
        self._heights = (line + 10, 2 * line + 12)     # a category, a task of two lines
        for column, width in ((CODE, 52), (LEAD, 150), (DEADLINE, 92), (STATUS, 92),
                              (DONE_ON, 96)):
            self.table.setColumnWidth(column, width)
        self.table.itemChanged.connect(self._typed)
        self.problem = problem_label()
        self.info = plain_label()
        self.info.setWordWrap(True)

        top = QHBoxLayout()
        for label, widget in ((self.period_label, self.period_picker),
                              (self.unit_label, self.unit_combo),
                              (self.status_label, self.status_filter),
                              (self.lead_label, self.lead_filter)):
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.info)
        self._rows: list[str | None] = []       # table row -> task code (None: a category)
        self._edited: set[str] = set()
        self._refused: dict[tuple[str, int], str] = {}
        self._task: Worker | None = None
        self._filling = False
        self.ledger = self._read()
        self.retranslate()
        self.period_picker.period_changed.connect(lambda _i: self._switch())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._switch())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.lead_filter.currentIndexChanged.connect(lambda _i: self._fill())

    def name(self) -> str:
        return self.tr("Key tasks")

    def retranslate(self) -> None:
        self.heading.setText(self.tr(
            "The plan's key tasks for the period, by category: status, progress and the day "
            "each was done. Tasks past their deadline and not done are shown in red. Edit a "
            "row in place and press Ctrl+S to save."))
        self.period_label.setText(self.tr("&Period"))
        self.unit_label.setText(self.tr("Le&dger of"))
        self.status_label.setText(self.tr("&Status"))
        self.lead_label.setText(self.tr("&Lead unit"))
        self.export_button.setText(self.tr("Export task sheets…"))
        self.export_button.setToolTip(self.tr(
            "One workbook per lead unit, to fill in and return; only status, progress and done "
            "day are open"))
        self.import_button.setText(self.tr("Import task sheets…"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Task"), self.tr("Lead unit"), self.tr("Deadline"),
             self.tr("Status"), self.tr("Progress"), self.tr("Done on")])
        self._fill_filters()
        self._fill()

    # --- reading ------------------------------------------------------------------------------

    def _read(self) -> TaskLedger:
        return task_ledger(self.session.store, self.session.plan, self.unit_combo.unit(),
                           self.period_picker.period(), self.today)

    def refresh(self) -> None:
        self.session.reload()
        self.unit_combo.show_units()
        self._edited.clear()
        self._refused.clear()
        self.ledger = self._read()
        self._fill_filters()
        self._fill()

    def _switch(self) -> None:
        """Another period or unit: unsaved edits are saved first, as on leaving the page."""
        if self._edited and not self.save():
            return
        self.refresh()

    def _fill_filters(self) -> None:
        for combo, items in (
                (self.status_filter, [(self.tr("All"), ALL), (NOT_RECORDED, None),
                                      *((s.label_zh, s.value) for s in TaskStatus)]),
                (self.lead_filter, [(self.tr("All"), ALL),
                                    *((lead, lead) for lead in self.ledger.leads())])):
            chosen = combo.currentData() if combo.count() else ALL
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            index = next((i for i in range(combo.count()) if combo.itemData(i) == chosen), 0)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        open_wide(self.lead_filter)

    def shown_rows(self) -> list[LedgerRow]:
        """The rows the filters let through, in the plan's order."""
        status, lead = self.status_filter.currentData(), self.lead_filter.currentData()
        return [row for row in self.ledger.rows
                if (status == ALL or (row.status.value if row.status else None) == status)
                and (lead == ALL or row.task.lead == lead)]

    def _fill(self) -> None:
        self._filling = True
        self.table.clearSpans()
        groups = by_category(self.shown_rows())
        self.table.setRowCount(sum(1 + len(rows) for _, rows in groups))
        self._rows = []
        line = 0
        bold = QFont(self.table.font())
        bold.setBold(True)
        for category, rows in groups:
            item = self._item(category, editable=False)
            item.setFont(bold)
            self.table.setItem(line, 0, item)
            self.table.setSpan(line, 0, 1, DONE_ON + 1)
            self.table.removeCellWidget(line, STATUS)
            self.table.setRowHeight(line, self._heights[0])
            self._rows.append(None)
            line += 1
            for row in rows:
                self._put(line, row)
                self.table.setRowHeight(line, self._heights[1])
                self._rows.append(row.task.code)
                line += 1
        self._filling = False

    def _item(self, text: str, editable: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
        return item

    def _put(self, line: int, row: LedgerRow) -> None:
        task = row.task
        texts = {CODE: task.code, TASK: task.text, LEAD: task.lead or "",
                 DEADLINE: task.deadline.isoformat() if task.deadline else "",
                 STATUS: row.status_text, PROGRESS: row.progress,
                 DONE_ON: self._refused.get((task.code, DONE_ON))
                 or (row.done_on.isoformat() if row.done_on else "")}
        for column, text in texts.items():
            item = self._item(text, column in (PROGRESS, DONE_ON))
            if row.overdue and column in (CODE, DEADLINE, STATUS):
                item.setForeground(QBrush(ERROR_FOREGROUND))
                item.setToolTip(self.tr("Past its deadline and not done"))
            if (task.code, column) in self._refused:
                item.setBackground(QBrush(ERROR_BACKGROUND))
            self.table.setItem(line, column, item)
        combo = QComboBox()
        combo.addItem(NOT_RECORDED, None)
        for word in STATUS_WORDS:
            combo.addItem(word, TaskStatus.parse(word).value)
        combo.setCurrentIndex(0 if row.status is None else STATUS_WORDS.index(row.status_text) + 1)
        combo.currentIndexChanged.connect(lambda _i, code=task.code: self._status_chosen(code))
        self.table.setCellWidget(line, STATUS, combo)

    # --- editing ------------------------------------------------------------------------------

    def row_of(self, code: str) -> int:
        return self._rows.index(code)

    def _status_chosen(self, code: str) -> None:
        if not self._filling:
            self._edit(code)

    def _typed(self, item: QTableWidgetItem) -> None:
        code = self._rows[item.row()] if item.row() < len(self._rows) else None
        if not self._filling and code is not None:
            self._edit(code)

    def _edit(self, code: str) -> None:
        """Take the row as typed; a done day that does not stand is shown red, with why."""
        line = self.row_of(code)
        combo = self.table.cellWidget(line, STATUS)
        assert isinstance(combo, QComboBox)
        chosen = combo.currentData()
        status = None if chosen is None else TaskStatus(chosen)
        progress_item, day_item = self.table.item(line, PROGRESS), self.table.item(line, DONE_ON)
        progress = progress_item.text() if progress_item else ""
        day_text = day_item.text() if day_item else ""
        self._refused.pop((code, DONE_ON), None)
        why = ""
        done_on = None
        try:
            done_on = parse_day(day_text)
        except InputError as exc:
            why = exc.render()
        if not why and status is not None:
            problems = done_day_problems(status, done_on, self.ledger.period, self.today)
            why = "\n".join(p.message.render() for p in problems)
        if why:
            self._refused[(code, DONE_ON)] = day_text
        self.ledger = self.ledger.with_row(code, status, progress, done_on)
        self._edited.add(code)
        self._filling = True
        if day_item is not None:
            day_item.setBackground(QBrush(ERROR_BACKGROUND) if why else QBrush())
            day_item.setToolTip(as_typed(why))
        self._filling = False
        self._say_problems()

    def _say_problems(self) -> None:
        if self._refused:
            self.problem.setText(self.tr("%n row(s) cannot be saved as typed: see the red cells.",
                                         "", len(self._refused)))
            self.problem.show()
        else:
            self.problem.hide()

    def has_unsaved(self) -> bool:
        return bool(self._edited)

    def discard(self) -> None:
        self.refresh()

    def save(self) -> bool:
        """Ctrl+S: the rows edited, written through store.tasks.write_progress, all or none."""
        from qdesk.store.tasks import write_progress

        commit_open_editor(self.table)
        if not self._edited:
            return True
        if self._refused:
            self._say_problems()
            return False
        try:
            written = write_progress(self.session.store, self.session.plan,
                                     self.ledger.progress(self._edited), self.today)
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return False
        self.problem.hide()
        self.info.setStyleSheet(DONE_STYLE)
        self.info.setText(self.tr("Saved."))
        self._edited.clear()
        if written:
            self.changed.emit(written)
        self.refresh()
        return True

    # --- the sheets ---------------------------------------------------------------------------

    def choose_folder(self) -> str:
        return existing_folder(self, self.tr("Choose the folder to write to"))

    def choose_files(self) -> list[str]:
        return open_file_names(self, self.tr("Import task sheets"), self.tr("Task sheets (*.xlsx)"))

    def busy(self) -> bool:
        return self._task is not None

    def export_sheets(self) -> None:
        """One sheet per lead unit for the period, written in a worker."""
        folder = self.choose_folder() if self._task is None else ""
        if not folder:
            return
        period, unit = self.period_picker.period(), self.unit_combo.unit()

        def work(job: Job) -> list[Path]:
            from qdesk.exchange.task_sheet import write_task_sheets

            job.report(5, self.tr("Exporting task sheets"))
            return write_task_sheets(job.store, period, Path(folder), unit)

        def said(paths: list[Path]) -> str:
            return self.tr("Written %n task sheet(s) to %1.", "", len(paths)).replace(
                "%1", folder)

        self._start(self.tr("Exporting task sheets"), work, said, lambda _: Changes())

    def import_sheets(self) -> None:
        """Returned sheets, checked whole and written together in a worker."""
        files = self.choose_files() if self._task is None else []
        if not files:
            return
        if self._edited and not self.save():
            return
        today = self.today

        def work(job: Job) -> TasksImported:
            from qdesk.exchange.task_sheet import import_task_sheets

            job.report(5, self.tr("Importing task sheets"))
            return import_task_sheets(job.store, [Path(f) for f in files], today=today)

        def said(imported: TasksImported) -> str:
            return self.tr("Imported %n task row(s).", "", len(imported.rows))

        self._start(self.tr("Importing task sheets"), work, said,
                    lambda imported: imported.changes)

    def _start(self, title: str, work: Callable[[Job], T], said: Callable[[T], str],
               wrote: Callable[[T], Changes]) -> None:
        def finished(outcome: Outcome[T]) -> None:
            self._task = None
            match outcome:
                case Done(value):
                    self.problem.hide()
                    self.info.setStyleSheet(DONE_STYLE)
                    self.info.setText(said(value))
                    changes = wrote(value)
                    if changes:
                        self.changed.emit(changes)
                        self.refresh()
                case Refused(error):
                    self.info.clear()
                    self.problem.setText(error.render())
                    self.problem.show()
                case Cancelled():
                    self.info.clear()
                    self.problem.setText(self.tr("Cancelled: nothing was written."))
                    self.problem.show()
                case Bug(trace):
                    self.info.clear()
                    self.problem.setText(program_error(self, trace))
                    self.problem.show()

        self._task = run_with_progress(self, title, self.session, work, finished)
