"""设置 → 备份与恢复: the backups of the open database, backing up now, restoring, checking."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.widgets import DONE_STYLE, ERROR_STYLE, Retranslating, as_typed, plain_label
from qdesk.gui.workers import Bug, Done, Job, Outcome, Refused, Worker, run_with_progress
from qdesk.store.backups import UNREADABLE, Backup, reason_label, size_text, take_backup
from qdesk.store.check import CheckReport, check_database
from qdesk.store.recovery import backup_folder, backups_of

T = TypeVar("T")


class BackupPanel(Retranslating, QWidget):
    """A view over the backup services; restoring is the main window's, which reopens the file."""

    restore_requested = Signal(Path)
    history_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.backups: list[Backup] = []
        self._task: Worker | None = None
        self.folder_label = plain_label()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _: self.restore_selected())
        self.back_up_button = QPushButton()
        self.back_up_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_selected)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.history_requested)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"),
                                              self.tr("Size"), self.tr("File"),
                                              self.tr("Last change no.")])
        self.back_up_button.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore…"))
        self.check_button.setText(self.tr("Check the database"))
        self.history_button.setText(self.tr("Change history…"))
        self.reload()

    def reload(self) -> None:
        """List the backups now in the folder, newest first."""
        folder = backup_folder(self.session.path)
        self.backups = backups_of(self.session.path)
        self.folder_label.setText(self.tr(
            "Taken automatically at start when the data changed since the last backup, before "
            "every import, submission and upgrade; listed by the last change they hold, not by "
            "the clock. The newest 20 are kept, and one a month for a year. Folder: %1"
        ).replace("%1", str(folder)))
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            try:
                size = size_text(backup.size)
            except OSError:
                size = "—"
            cells = [backup.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                     reason_label(backup.reason).render(), size, backup.path.name,
                     "—" if backup.sequence == UNREADABLE else f"#{backup.sequence}"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(as_typed(str(backup.path)))
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        idle = self._task is None
        self.restore_button.setEnabled(idle and self.selected() is not None)
        self.back_up_button.setEnabled(idle)
        self.check_button.setEnabled(idle)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)
        self.message.show()

    def _run(self, title: str, fn: Callable[[Path], T], done: Callable[[T], None]) -> None:
        """fn(the database's path) behind a progress dialog; a refusal or a bug said in place."""
        def work(job: Job) -> T:
            job.report(5, title)
            return fn(job.path)

        def finished(outcome: Outcome[T]) -> None:
            self._task = None
            self._update_buttons()
            match outcome:
                case Done(value):
                    done(value)
                case Refused(error):
                    self._say(error.render(), error=True)
                case Bug(trace):
                    self._say(program_error(self, trace), error=True)

        self._task = run_with_progress(self, title, self.session, work, finished)
        self._update_buttons()

    def back_up(self) -> None:
        setting = self.session.setting("backup_folder")

        def done(backup: Backup) -> None:
            self.reload()
            self._say(self.tr("Backed up: %1").replace("%1", backup.path.name))

        self._run(self.tr("Backing up…"), lambda path: take_backup(path, "manual", setting), done)

    def check(self) -> None:
        self._run(self.tr("Checking the database…"), check_database, self.show_report)

    def show_report(self, report: CheckReport) -> None:
        """The check's result in place, with the whole report a click away."""
        box = QMessageBox(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                          self.tr("Database check"),
                          self.tr("The database is sound.") if report.ok else
                          self.tr("The check found problems; see the details.") + " "
                          + report.verdict().render(), parent=self)
        box.setDetailedText(report.render())
        self._say(box.text(), error=not report.ok)
        self.report_box = box
        box.open()

    def confirm_restore(self, backup: Backup) -> bool:
        """Ask before restoring; a method of its own so tests can answer it."""
        answer = QMessageBox.question(
            self, self.tr("Restore backup"),
            self.tr("Put the backup taken %1 in place of the database?\n\nThe database as it is "
                    "now is kept as a backup first, so this can be undone. qdesk reopens the "
                    "database afterwards.").replace("%1", backup.taken_at.strftime(
                        "%Y-%m-%d %H:%M:%S")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is not None and self._task is None and self.confirm_restore(backup):
            self.restore_requested.emit(backup.path)
