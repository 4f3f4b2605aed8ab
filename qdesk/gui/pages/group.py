"""领导小组: the leading group's roster as of any date, its adjustments, and the order of its members."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex, QObject,
                            QPersistentModelIndex, QSize, Qt)
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLineEdit, QPushButton, QSplitter, QTableView,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.roster import ROLE_ORDER, RosterLine, roster_warnings
from qdesk.gui.adjustment_dialog import (AdjustmentDialog, WithdrawDialog, change_lines,
                                         marked_name, role_label)
from qdesk.gui.file_dialogs import save_file_name
from qdesk.gui.page import Page
from qdesk.gui.pdf_preview import PdfPreviewDialog
from qdesk.gui.program_error import program_error
from qdesk.gui.roster_import_dialog import RosterImportDialog
from qdesk.gui.session import Session
from qdesk.gui.widgets import (ERROR_STYLE, Retranslating, as_typed, date_edit, plain_label,
                               to_date, to_qdate)
from qdesk.gui.workers import Bug, Cancelled, Done, Job, Outcome, Refused, Worker, run_with_progress
from qdesk.store.changes import Changes
from qdesk.store.database import Store
from qdesk.store.group import (Adjustment, CorrectionMark, Group, adjustments, correction_mark,
                               ensure_group, group_of, reorder, roster)

SHADED_ROLE_BACKGROUND = QColor(242, 246, 252)
CORRECTED_FOREGROUND = QColor(128, 128, 128)    # a corrected or withdrawn adjustment, greyed
ADJUSTMENT_ID = Qt.ItemDataRole.UserRole + 1    # a timeline row's adjustment
MANY_CHANGES = 8        # an adjustment with more lines than this starts folded in the timeline

_Index = QModelIndex | QPersistentModelIndex


class RosterModel(QAbstractTableModel):
    """The roster as of one day, read-only, in protocol order: role, name, post, unit, phone."""

    ROLE, NAME, POST, UNIT, PHONE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[RosterLine] = []

    def set_lines(self, lines: list[RosterLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def row_of(self, member_id: int) -> int:
        return next((n for n, line in enumerate(self.lines) if line.member_id == member_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Role"), self.tr("Name"), self.tr("Post"), self.tr("Unit"),
                self.tr("Phone"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ROLE:
                # The role is written once, at the head of its people, as the document lists them.
                return role_label(line.role) if self._starts_role(index.row()) else ""
            if column == self.NAME:
                return marked_name(line)
            return (None, None, line.post, line.unit, line.phone)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME and line.concurrent:
                return self.tr("Directs the office while also holding another role on the "
                               "group (concurrent)")
            if column == self.ROLE:
                return role_label(line.role)
        if role == Qt.ItemDataRole.BackgroundRole and ROLE_ORDER.index(line.role) % 2:
            return QBrush(SHADED_ROLE_BACKGROUND)      # every other role shaded, as a band
        return None

    def _starts_role(self, row: int) -> bool:
        return row == 0 or self.lines[row - 1].role is not self.lines[row].role


class GroupPage(Retranslating, Page):
    """领导小组: who is on the group on a chosen day, how it came to be, and a new adjustment."""

    shows = frozenset({"groups", "adjustments", "members", "units"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.group: Group | None = None
        self.history: list[Adjustment] = []
        self.dialog: AdjustmentDialog | None = None
        self.import_dialog: RosterImportDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self.preview_dialog: PdfPreviewDialog | None = None
        self._task: Worker | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="qdesk-group-",
                                                   ignore_cleanup_errors=True)
        self._builds = 0

        self.heading = plain_label()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.seat_label = plain_label()

        self.setup_box = QGroupBox()
        self.setup_hint = plain_label()
        self.setup_hint.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.seat_edit = QLineEdit()
        self.name_label, self.seat_field_label = plain_label(), plain_label()
        self.name_label.setBuddy(self.name_edit)
        self.seat_field_label.setBuddy(self.seat_edit)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_group)
        setup = QFormLayout(self.setup_box)
        setup.addRow(self.setup_hint)
        setup.addRow(self.name_label, self.name_edit)
        setup.addRow(self.seat_field_label, self.seat_edit)
        setup.addRow(self.create_button)

        self.date_label = plain_label()
        self.date_edit: QDateEdit = date_edit(dt.date.today())
        self.date_label.setBuddy(self.date_edit)
        self.today_button = QPushButton()
        self.today_button.clicked.connect(self.show_today)
        self.count_label = plain_label()
        self.up_button = QPushButton()
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.clicked.connect(lambda: self.move_member(-1))
        self.down_button = QPushButton()
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.clicked.connect(lambda: self.move_member(1))
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_adjustment)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_roster)
        self.print_roster_button = QPushButton()
        self.print_roster_button.clicked.connect(self.print_roster)
        self.print_notice_button = QPushButton()
        self.print_notice_button.clicked.connect(lambda: self.print_notice())
        self.correct_button = QPushButton()
        self.correct_button.clicked.connect(lambda: self.correct_adjustment())
        self.withdraw_button = QPushButton()
        self.withdraw_button.clicked.connect(lambda: self.withdraw_adjustment())
        bar = QHBoxLayout()
        bar.addWidget(self.date_label)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.today_button)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.up_button)
        bar.addWidget(self.down_button)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.print_roster_button)

        self.banner = plain_label()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3c4; border: 1px solid #e0c060;"
                                  " border-radius: 3px; padding: 6px; color: #5c4400; }")
        self.banner.hide()
        self.problem = plain_label()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()

        self.model = RosterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._fit_columns)

        self.timeline_label = plain_label()
        font = self.timeline_label.font()
        font.setBold(True)
        self.timeline_label.setFont(font)
        self.timeline = QTreeWidget()
        self.timeline.setColumnCount(4)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.itemActivated.connect(self._adjustment_activated)
        self.timeline.currentItemChanged.connect(self._update_adjustment_buttons)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 6, 0, 0)
        history_bar = QHBoxLayout()
        history_bar.addWidget(self.timeline_label)
        history_bar.addStretch(1)
        for button in (self.print_notice_button, self.correct_button, self.withdraw_button):
            history_bar.addWidget(button)
        history_layout.addLayout(history_bar)
        history_layout.addWidget(self.timeline, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.seat_label)
        layout.addWidget(self.setup_box)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)

        self.date_edit.dateChanged.connect(lambda _: self._load_roster())
        self._word()
        self.refresh()

    def name(self) -> str:
        return self.tr("Leading group")

    def day(self) -> dt.date:
        """The day the roster is shown as of."""
        return to_date(self.date_edit.date())

    def set_day(self, day: dt.date) -> None:
        self.date_edit.setDate(to_qdate(day))

    def show_today(self) -> None:
        self.set_day(dt.date.today())

    def retranslate(self) -> None:
        self._word()
        if self.session.closed:     # a page left over from a window closed: nothing to read
            return
        self._load_roster()
        self._load_timeline()

    def _word(self) -> None:
        """Labels, buttons and headers in the current language."""
        self.setup_box.setTitle(self.tr("No leading group yet"))
        self.setup_hint.setText(self.tr(
            "Name the group and the unit its office sits in; then record the document that "
            "founds it as its first adjustment."))
        self.name_label.setText(self.tr("Group &name:"))
        self.name_edit.setPlaceholderText(self._default_name())
        self.seat_field_label.setText(self.tr("&Office seat:"))
        self.seat_edit.setPlaceholderText(self.tr("The unit the group's office sits in"))
        self.create_button.setText(self.tr("Create group"))
        self.date_label.setText(self.tr("Roster &as of:"))
        self.today_button.setText(self.tr("Today"))
        self.up_button.setText(self.tr("Move up"))
        self.up_button.setToolTip(self.tr("Move the chosen person up within their role "
                                          "(Alt+Up)"))
        self.down_button.setText(self.tr("Move down"))
        self.down_button.setToolTip(self.tr("Move the chosen person down within their role "
                                            "(Alt+Down)"))
        self.new_button.setText(self.tr("New adjustment…"))
        self.new_button.setToolTip(self.tr("Record a document that adds, removes or changes "
                                           "members"))
        self.import_button.setText(self.tr("Import roster…"))
        self.import_button.setToolTip(self.tr("Make the group stand as a roster pasted from a "
                                              "document or read from a file"))
        self.print_roster_button.setText(self.tr("Print roster…"))
        self.print_roster_button.setToolTip(self.tr("The roster as of the chosen day, previewed "
                                                    "before it is printed or saved (Ctrl+P)"))
        self.print_notice_button.setText(self.tr("Print notice…"))
        self.print_notice_button.setToolTip(self.tr("The notice of the chosen adjustment, "
                                                    "previewed before it is printed or saved"))
        self.correct_button.setText(self.tr("Correct…"))
        self.correct_button.setToolTip(self.tr("A correcting adjustment, under its own document, "
                                               "that puts the group as the correction says"))
        self.withdraw_button.setText(self.tr("Withdraw…"))
        self.withdraw_button.setToolTip(self.tr("A correcting adjustment, under its own "
                                                "document, that undoes exactly what the chosen "
                                                "one did"))
        self.timeline_label.setText(self.tr("Adjustments, newest first"))
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("Document number"),
                                       self.tr("Reason"), self.tr("What changed")])
        self.timeline.setToolTip(self.tr("Double-click an adjustment to see the roster as of "
                                         "its date"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)

    def _default_name(self) -> str:
        return f"{self.session.home.name}质量工作领导小组"

    def refresh(self) -> None:
        """Read the group, the roster as of the chosen day and the history again."""
        store = self.session.store
        self.group = group = group_of(store, self.session.home)
        self.setup_box.setVisible(group is None)
        self.heading.setText(group.name if group is not None else self.tr("Leading group"))
        self.seat_label.setVisible(group is not None and bool(group.office_seat))
        if group is not None:
            self.seat_label.setText(self.tr("The group's office is at {seat}").format(
                seat=group.office_seat))
        self.new_button.setEnabled(group is not None)
        self.print_roster_button.setEnabled(group is not None)
        self.history = adjustments(store, group.id) if group is not None else []
        self._load_roster()
        self._load_timeline()

    def create_group(self) -> None:
        """Make the home unit's group with the typed name (or the suggested one) and seat."""
        name = self.name_edit.text().strip() or self._default_name()
        try:
            ensure_group(self.session.store, self.session.home, name,
                         self.seat_edit.text().strip())
        except QdeskError as exc:
            self._show_problem(exc.render())
            return
        self._show_problem("")
        self.refresh()
        self.status_message.emit(self.tr("Created {group}").format(group=name))
        self.changed.emit(Changes.of("groups", "audit"))

    def _load_roster(self, keep: int | None = None) -> None:
        """The roster as of the chosen day; `keep` (a member id) stays chosen, else the chosen one."""
        if keep is None:
            current = self._current_line()
            keep = current.member_id if current else None
        lines = roster(self.session.store, self.group.id, self.day()) if self.group else []
        self.model.set_lines(lines)
        self.count_label.setText(self.tr("%n seat(s)", "", len(lines)) if self.group else "")
        self._show_warnings(lines)
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, RosterModel.NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, RosterModel.NAME))
        self._update_buttons()

    def _show_warnings(self, lines: list[RosterLine]) -> None:
        if self.group is None:
            text = ""
        elif not lines:
            text = self.tr("Nobody is on the group on {date}.").format(
                date=self.day().isoformat())
        else:
            text = "\n".join(self.tr("Note: {warning}").format(warning=warning.render())
                             for warning in roster_warnings(lines))
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _load_timeline(self) -> None:
        self.timeline.clear()
        metrics = self.timeline.fontMetrics()
        # Room above and below the text: the Chinese fallback font stands taller than the
        # Latin one the rows are measured by.
        height = metrics.height() + 8
        for adjustment in reversed(self.history):
            lines = change_lines(adjustment)
            item = QTreeWidgetItem([adjustment.date.isoformat(), adjustment.doc_number,
                                    adjustment.reason, self._summary(adjustment)])
            item.setData(0, Qt.ItemDataRole.UserRole, adjustment.date.isoformat())
            item.setData(0, ADJUSTMENT_ID, adjustment.id)
            if adjustment.corrected_by is not None:
                for column in range(4):
                    item.setForeground(column, QBrush(CORRECTED_FOREGROUND))
            item.setToolTip(2, as_typed(adjustment.reason))
            item.setSizeHint(0, QSize(metrics.horizontalAdvance(item.text(0)) + 8, height))
            for text, tip in lines:
                child = QTreeWidgetItem(["", "", "", text])
                child.setToolTip(3, as_typed(tip))
                child.setSizeHint(0, QSize(0, height))
                child.setData(0, Qt.ItemDataRole.UserRole, adjustment.date.isoformat())
                child.setData(0, ADJUSTMENT_ID, adjustment.id)
                item.addChild(child)
            self.timeline.addTopLevelItem(item)
            item.setExpanded(len(lines) <= MANY_CHANGES)
        header = self.timeline.header()
        for column in (0, 1):
            self.timeline.resizeColumnToContents(column)
            self.timeline.setColumnWidth(column, self.timeline.columnWidth(column) + 16)
        self.timeline.setColumnWidth(2, max(self.timeline.width() // 3, 260))
        header.setStretchLastSection(True)
        self._update_adjustment_buttons()

    def _summary(self, adjustment: Adjustment) -> str:
        parts = [mark for mark in (self.correction_mark(adjustment),) if mark]
        if adjustment.joined:
            parts.append(self.tr("%n joined", "", len(adjustment.joined)))
        if adjustment.left:
            parts.append(self.tr("%n left", "", len(adjustment.left)))
        if adjustment.changed:
            parts.append(self.tr("%n changed", "", len(adjustment.changed)))
        return self.tr(", ").join(parts)

    def _adjustment(self, adjustment_id: int | None) -> Adjustment | None:
        return next((a for a in self.history if a.id == adjustment_id), None)

    def correction_mark(self, adjustment: Adjustment) -> str:
        """已更正/已撤销 by which document, or what a correction corrects; else empty."""
        marked = correction_mark(adjustment, self.history)
        if marked is None:
            return ""
        mark, number = marked
        return {CorrectionMark.WITHDRAWN_BY: self.tr("[Withdrawn by {number}]"),
                CorrectionMark.CORRECTED_BY: self.tr("[Corrected by {number}]"),
                CorrectionMark.WITHDRAWS: self.tr("[Withdraws {number}]"),
                CorrectionMark.CORRECTS: self.tr("[Corrects {number}]")}[mark].format(
            number=number)

    def _adjustment_activated(self, item: QTreeWidgetItem, column: int) -> None:
        self.set_day(dt.date.fromisoformat(item.data(0, Qt.ItemDataRole.UserRole)))

    def new_adjustment(self) -> AdjustmentDialog | None:
        """Open the dialog that records one adjustment; the page refreshes when it is recorded."""
        if self.group is None:
            return None
        dialog = AdjustmentDialog(self.session, self.group, self)
        dialog.accepted.connect(lambda: self._adjusted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _adjusted(self, dialog: AdjustmentDialog) -> None:
        self.refresh()
        self.status_message.emit(self.tr("Adjustment {number} recorded").format(
            number=dialog.doc_edit.text().strip()))
        self.changed.emit(Changes.of("adjustments", "members", "audit"))

    def import_roster(self) -> RosterImportDialog:
        """Open the dialog that reads a roster and saves it; the page refreshes when it is saved."""
        dialog = RosterImportDialog(self.session, self.group, self)
        dialog.accepted.connect(lambda: self._imported(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, dialog: RosterImportDialog) -> None:
        self.refresh()
        self.status_message.emit(dialog.summary())
        self.changed.emit(Changes.of("groups", "adjustments", "members", "audit"))

    # Corrections

    def selected_adjustment(self) -> Adjustment | None:
        """The adjustment chosen in the timeline (its row or one of its lines)."""
        item = self.timeline.currentItem()
        return self._adjustment(item.data(0, ADJUSTMENT_ID)) if item is not None else None

    def select_adjustment(self, adjustment_id: int) -> bool:
        for n in range(self.timeline.topLevelItemCount()):
            item = self.timeline.topLevelItem(n)
            if item is not None and item.data(0, ADJUSTMENT_ID) == adjustment_id:
                self.timeline.setCurrentItem(item)
                return True
        return False

    def _update_adjustment_buttons(self, *args: object) -> None:
        chosen = self.selected_adjustment()
        self.print_notice_button.setEnabled(chosen is not None)
        open_to_correction = chosen is not None and chosen.corrected_by is None
        self.correct_button.setEnabled(open_to_correction)
        self.withdraw_button.setEnabled(open_to_correction)

    def correct_adjustment(self) -> AdjustmentDialog | None:
        """更正…: the adjustment dialog, writing a correction of the chosen adjustment."""
        chosen = self.selected_adjustment()
        if self.group is None or chosen is None:
            return None
        dialog = AdjustmentDialog(self.session, self.group, self, corrects=chosen)
        dialog.accepted.connect(lambda: self._adjusted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def withdraw_adjustment(self) -> WithdrawDialog | None:
        """撤销…: the document that withdraws the chosen adjustment, asked before it is written."""
        chosen = self.selected_adjustment()
        if self.group is None or chosen is None:
            return None
        dialog = WithdrawDialog(self.session, self.group, chosen, self)
        dialog.accepted.connect(lambda: self._withdrawn(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.withdraw_dialog = dialog
        dialog.open()
        return dialog

    def _withdrawn(self, dialog: WithdrawDialog) -> None:
        self.refresh()
        self.status_message.emit(self.tr("{withdrawn} withdrawn by {number}").format(
            withdrawn=dialog.withdrawn.doc_number, number=dialog.doc_edit.text().strip()))
        self.changed.emit(Changes.of("adjustments", "members", "audit"))

    # Documents

    def print_document(self) -> None:
        """Ctrl+P: the roster as of the chosen day, previewed to print."""
        self.print_roster()

    def choose_roster_file(self) -> str:
        """Where to save the roster; empty if the clerk cancelled. A method so tests can answer."""
        name = self.group.name if self.group else self._default_name()
        return save_file_name(self, self.tr("Save the roster as"),
                              f"{name}名单（{self.day().isoformat()}）.pdf",
                              self.tr("PDF documents (*.pdf)"))

    def choose_notice_file(self) -> str:
        """Where to save the notice; empty if the clerk cancelled. A method so tests can answer."""
        name = self.group.name if self.group else self._default_name()
        return save_file_name(self, self.tr("Save the notice as"), f"关于调整{name}成员的通知.pdf",
                              self.tr("PDF documents (*.pdf)"))

    def print_roster(self) -> None:
        """The roster as of the chosen day, built in a worker, then previewed to print or save."""
        if self.group is None:
            return
        day = self.day()

        def build(store: Store, out: Path) -> Path:
            from qdesk.reports.group_report import build_roster

            return build_roster(store, out, day).path

        self._build(self.tr("Roster as of {date}").format(date=day.isoformat()),
                    f"roster-{day.isoformat()}.pdf", build, self.choose_roster_file)

    def print_notice(self) -> None:
        """The notice of the adjustment chosen in the timeline, built, then previewed."""
        chosen = self.selected_adjustment()
        if self.group is None or chosen is None:
            self.status_message.emit(self.tr("Choose an adjustment in the timeline first."))
            return

        def build(store: Store, out: Path) -> Path:
            from qdesk.reports.group_report import build_adjustment_notice

            return build_adjustment_notice(store, out, adjustment_id=chosen.id).path

        self._build(self.tr("Notice of {number}").format(number=chosen.doc_number),
                    f"notice-{chosen.id}.pdf", build, self.choose_notice_file)

    def building(self) -> bool:
        return self._task is not None

    def _build(self, title: str, file_name: str, build: Callable[[Store, Path], Path],
               choose_file: Callable[[], str]) -> None:
        if self._task is not None:
            return
        self._builds += 1
        folder = Path(self._folder.name) / str(self._builds)
        folder.mkdir()
        building = self.tr("Building the document…")

        def work(job: Job) -> Path:
            job.report(5, building)
            path = build(job.store, folder / file_name)
            job.report(100, building)   # a Cancel pressed meanwhile drops the file
            return path

        def finished(outcome: Outcome[Path]) -> None:
            self._task = None
            match outcome:
                case Done(path):
                    self._show_problem("")
                    dialog = PdfPreviewDialog(self.session, path, title, choose_file, self)
                    dialog.finished.connect(dialog.deleteLater)
                    self.preview_dialog = dialog
                    dialog.open()
                case Refused(error):
                    self._show_problem(error.render())
                case Cancelled():
                    self.status_message.emit(self.tr("Building was cancelled."))
                case Bug(trace):
                    self._show_problem(program_error(self, trace, self.tr(
                        "The document could not be built because of a program error.")))

        self._task = run_with_progress(self, building, self.session, work, finished)

    def _current_line(self) -> RosterLine | None:
        row = self.table.selectionModel().currentIndex().row()
        return self.model.lines[row] if 0 <= row < len(self.model.lines) else None

    def move_member(self, step: int) -> bool:
        """Move the chosen person up (-1) or down (+1) among those of their role on the shown day."""
        line = self._current_line()
        if line is None or line.member_id is None or self.group is None:
            return False
        same_role = [ln.member_id for ln in self.model.lines
                     if ln.role is line.role and ln.member_id is not None]
        at = same_role.index(line.member_id)
        if not 0 <= at + step < len(same_role):
            return False
        same_role[at], same_role[at + step] = same_role[at + step], same_role[at]
        try:
            reorder(self.session.store, self.group.id, line.role.value, same_role)
        except QdeskError as exc:
            self._show_problem(exc.render())
            self.status_message.emit(exc.render())
            return False
        self._show_problem("")
        self._load_roster(keep=line.member_id)
        self.status_message.emit((self.tr("{name} moved up") if step < 0 else
                                  self.tr("{name} moved down")).format(name=line.name))
        self.changed.emit(Changes.of("members", "audit"))
        return True

    def _update_buttons(self, *args: object) -> None:
        row = self.table.selectionModel().currentIndex().row()
        lines = self.model.lines
        valid = 0 <= row < len(lines)
        self.up_button.setEnabled(valid and row > 0 and lines[row - 1].role is lines[row].role)
        self.down_button.setEnabled(valid and row + 1 < len(lines)
                                    and lines[row + 1].role is lines[row].role)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(self.model.columnCount()):
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, width + 24)
        header.setSectionResizeMode(RosterModel.POST, QHeaderView.ResizeMode.Stretch)
