"""Importing the leading group's roster from a document's text or a workbook, via a preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QDialog,
                               QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLineEdit, QPlainTextEdit, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QTextEdit, QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.roster import ROLE_ORDER, Member, Role, normalize_name, split_post
from qdesk.core.roster_text import ListedMember, ParsedRoster, assemble_members, parse_roster_text
from qdesk.exchange.roster_file import read_roster_file, read_text
from qdesk.gui.adjustment_dialog import DocumentFields, role_label
from qdesk.gui.file_dialogs import open_file_name
from qdesk.gui.session import Session
from qdesk.gui.widgets import (ERROR_STYLE, Retranslating, cell_combo, plain_label, problem_label,
                               resize_within_screen)
from qdesk.store.group import Group, ImportResult, import_roster

ERROR_BACKGROUND = QColor(255, 205, 205)
SHOWN_PROBLEMS = 12     # more unreadable lines than this are counted, not listed
EXAMPLE = ("附件:盘锦市质量强市工作领导小组人员名单\n组 长:王永威 副市长\n"
           "副组长:邵炳南 市政府副秘书长\n成 员:沈艳丰 市发展和改革委员会副主任\n"
           "领导小组下设办公室,办公室设在市质监局,办公室主任冯世宽(兼)。")


class RosterImportDialog(Retranslating, QDialog):
    """Reads a roster into an editable table and makes the group stand as it on one date.

    Save calls `submit()`: one adjustment through store.group.import_roster, all or nothing; a
    refusal is shown in place and the dialog stays open.
    """

    ROLE, NAME, POST, UNIT, PHONE = range(5)

    def __init__(self, session: Session, group: Group | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.group = group
        self.imported: ImportResult | None = None
        self._source: str | None = None        # the file the text came from, for messages

        self.hint = plain_label()
        self.hint.setWordWrap(True)

        self.text_box = QGroupBox()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_edit.textChanged.connect(self._text_changed)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_file)
        self.read_button = QPushButton()
        self.read_button.clicked.connect(self.read)
        self.read_problem = plain_label()
        self.read_problem.setWordWrap(True)
        self.read_problem.setStyleSheet(ERROR_STYLE)
        self.read_problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_problem.hide()
        text_layout = QVBoxLayout(self.text_box)
        text_layout.addWidget(self.text_edit, 1)
        text_layout.addLayout(self._buttons(self.open_button, self.read_button))
        text_layout.addWidget(self.read_problem)

        self.table_box = QGroupBox()
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.itemChanged.connect(self._item_changed)
        self.add_row_button = QPushButton()
        self.add_row_button.clicked.connect(lambda: self.add_row())
        self.delete_row_button = QPushButton()
        self.delete_row_button.clicked.connect(self.delete_row)
        self.count_label = plain_label()
        table_buttons = self._buttons(self.add_row_button, self.delete_row_button)
        table_buttons.addWidget(self.count_label)
        table_layout = QVBoxLayout(self.table_box)
        table_layout.addWidget(self.table, 1)
        table_layout.addLayout(table_buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.text_box)
        splitter.addWidget(self.table_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 660])
        splitter.setChildrenCollapsible(False)

        self.group_box = QGroupBox()
        self.name_edit = QLineEdit(group.name if group else "")
        self.seat_edit = QLineEdit(group.office_seat if group else "")
        self.name_label, self.seat_label = plain_label(), plain_label()
        self.name_label.setBuddy(self.name_edit)
        self.seat_label.setBuddy(self.seat_edit)
        group_form = QFormLayout(self.group_box)
        group_form.addRow(self.name_label, self.name_edit)
        group_form.addRow(self.seat_label, self.seat_edit)

        self.document_box = QGroupBox()
        self.document = DocumentFields()
        QVBoxLayout(self.document_box).addWidget(self.document)
        self.date_edit = self.document.date_edit
        self.doc_edit = self.document.doc_edit
        self.reason_edit = self.document.reason_edit

        fields = QHBoxLayout()
        fields.addWidget(self.group_box, 1)
        fields.addWidget(self.document_box, 1)

        self.problem = problem_label()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                           | QDialogButtonBox.StandardButton.Cancel)
        # Save writes first and closes only if the service took the roster.
        self.button_box.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.submit)
        self.button_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addLayout(fields)
        layout.addWidget(self.problem)
        layout.addWidget(self.button_box)

        self.retranslate()
        self.document.edited.connect(self._clear_marks)
        for field in (self.name_edit, self.seat_edit):
            field.textEdited.connect(self._clear_marks)
        self._fit_columns()
        self._count()
        resize_within_screen(self, 1100, 800)

    @staticmethod
    def _buttons(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import roster"))
        self.hint.setText(self.tr(
            "Paste the roster as it stands in the document, or open a .txt or .xlsx file, and "
            "press Read. Correct the table before saving: on the date below the group becomes "
            "exactly the people in the table, and those not in it leave."))
        self.text_box.setTitle(self.tr("Roster text"))
        self.text_edit.setPlaceholderText(self.tr("Paste the roster here, e.g.\n{example}").format(
            example=EXAMPLE))
        self.open_button.setText(self.tr("&Open file…"))
        self.open_button.setToolTip(self.tr("Read a roster saved as text (.txt) or as a workbook "
                                            "(.xlsx)"))
        self.read_button.setText(self.tr("&Read"))
        self.read_button.setToolTip(self.tr("Read the text into the table below, replacing what "
                                            "it holds"))
        self.table_box.setTitle(self.tr("Roster to save (double-click a cell to correct it)"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Name"), self.tr("Post"), self.tr("Unit"),
             self.tr("Phone")])
        self.add_row_button.setText(self.tr("Add row"))
        self.add_row_button.setToolTip(self.tr("A new row below the chosen one, in its role"))
        self.delete_row_button.setText(self.tr("Delete row"))
        self.group_box.setTitle(self.tr("The group"))
        self.name_label.setText(self.tr("Group &name:"))
        self.name_edit.setPlaceholderText(f"{self.session.home.name}质量工作领导小组")
        self.seat_label.setText(self.tr("Office &seat:"))
        self.seat_edit.setPlaceholderText(self.tr("The unit the group's office sits in"))
        self.document_box.setTitle(self.tr("The document"))
        for row in range(self.table.rowCount()):
            self._fill_roles(cell_combo(self.table, row, self.ROLE))
        self._count()

    # Reading

    def open_file(self) -> bool:
        """Ask for a .txt or .xlsx file and read it."""
        path = open_file_name(self, self.tr("Open a roster"),
                              self.tr("Rosters (*.txt *.xlsx);;Text (*.txt);;Workbooks (*.xlsx)"))
        return self.load_file(Path(path)) if path else False

    def load_file(self, path: Path) -> bool:
        """A text file is shown and read; a workbook's rows go straight into the table."""
        path = Path(path)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            try:
                parsed = read_roster_file(path)
            except QdeskError as exc:
                self._refuse_reading(exc, in_text=False)
                return False
            self.text_edit.blockSignals(True)
            self.text_edit.clear()
            self.text_edit.blockSignals(False)
            self._source = None
            self._take(parsed)
            return True
        try:
            text = read_text(path)
        except QdeskError as exc:
            self._refuse_reading(exc, in_text=False)
            return False
        self.text_edit.setPlainText(text)
        self._source = path.name            # set after the text: a change of text forgets it
        return self.read()

    def read(self) -> bool:
        """Read the pasted text into the table; unreadable lines are marked, the table emptied."""
        try:
            parsed = parse_roster_text(self.text_edit.toPlainText(), self._source)
        except QdeskError as exc:
            self._refuse_reading(exc)
            return False
        self._take(parsed)
        return True

    def _take(self, parsed: ParsedRoster) -> None:
        self._show_read_problems([], [])
        if parsed.group_name:
            self.name_edit.setText(parsed.group_name)
        if parsed.office_seat:
            self.seat_edit.setText(parsed.office_seat)
        self.set_members(parsed.members)
        self._clear_marks()

    def _refuse_reading(self, exc: QdeskError, in_text: bool = True) -> None:
        self.set_members(())
        texts = [problem.render() for problem in exc.problems]
        if len(texts) > SHOWN_PROBLEMS:
            texts = texts[:SHOWN_PROBLEMS] + [self.tr("… and %n more", "",
                                                      len(texts) - SHOWN_PROBLEMS)]
        lines = [p.line for p in exc.problems if p.line is not None] if in_text else []
        self._show_read_problems(texts, lines)

    def _show_read_problems(self, texts: list[str], lines: list[int]) -> None:
        self.read_problem.setText("\n".join(texts))
        self.read_problem.setVisible(bool(texts))
        marks = []
        document = self.text_edit.document()
        for line in lines:
            block = document.findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            mark = QTextEdit.ExtraSelection()
            mark.cursor = QTextCursor(block)
            mark.format.setBackground(ERROR_BACKGROUND)
            mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            marks.append(mark)
        self.text_edit.setExtraSelections(marks)

    def _text_changed(self) -> None:
        self._source = None
        self.text_edit.setExtraSelections([])

    # The table

    def set_members(self, members: tuple[Member, ...] | list[Member]) -> None:
        """The table holds these people, in the order given."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for member in members:
            self._insert_row(self.table.rowCount(), member.role, member.name, member.post,
                             member.unit, member.phone)
        self.table.blockSignals(False)
        self._fit_columns()
        self._count()

    def add_row(self) -> int:
        """An empty row below the chosen one, in its role (a member if none); returns its index."""
        current = self.table.currentRow()
        role = cell_combo(self.table, current, self.ROLE).currentData() if current >= 0 else None
        row = current + 1 if current >= 0 else self.table.rowCount()
        self.table.blockSignals(True)
        self._insert_row(row, Role(role) if role else Role.MEMBER, "", "", "", "")
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, self.NAME)
        self._count()
        return row

    def delete_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self._clear_marks()
            self._count()

    def _insert_row(self, row: int, role: Role, name: str, post: str, unit: str,
                    phone: str) -> None:
        self.table.insertRow(row)
        combo = QComboBox()
        self._fill_roles(combo)
        combo.setCurrentIndex(combo.findData(role.value))
        combo.currentIndexChanged.connect(self._clear_marks)
        self.table.setCellWidget(row, self.ROLE, combo)
        for column, text in ((self.NAME, name), (self.POST, post), (self.UNIT, unit),
                             (self.PHONE, phone)):
            item = QTableWidgetItem(text)
            if column == self.POST:
                item.setData(Qt.ItemDataRole.UserRole, text)    # to tell a unit read off it
            self.table.setItem(row, column, item)

    def _fill_roles(self, combo: QComboBox) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for role in ROLE_ORDER:
            combo.addItem(role_label(role), role.value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self._clear_marks()
        if item.column() != self.POST:
            return
        # A unit read off the old post follows a corrected post; one typed in stays.
        old_post = item.data(Qt.ItemDataRole.UserRole) or ""
        unit = self.table.item(item.row(), self.UNIT)
        self.table.blockSignals(True)
        if unit is not None and unit.text().strip() == split_post(old_post)[0]:
            unit.setText(split_post(item.text())[0])
        item.setData(Qt.ItemDataRole.UserRole, item.text())
        self.table.blockSignals(False)

    def members(self) -> tuple[Member, ...]:
        """The table as members in its order; a row left wholly empty is no one.

        Refused (InputError, rows numbered as the table shows them) if a person is listed twice.
        """
        listed = []
        for row in range(self.table.rowCount()):
            name, post, unit, phone = (self._text(row, column) for column in
                                       (self.NAME, self.POST, self.UNIT, self.PHONE))
            if not any((name, post, unit, phone)):
                continue
            role = Role(cell_combo(self.table, row, self.ROLE).currentData())
            listed.append(ListedMember(role, normalize_name(name), post, row + 1, unit=unit,
                                       phone=phone))
        return assemble_members(listed, what=("row", "行"))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _count(self) -> None:
        self.count_label.setText(self.tr("%n row(s)", "", self.table.rowCount()))

    def _fit_columns(self) -> None:
        """Columns wide enough for their contents, within bounds (in Chinese characters); the post
        stretches."""
        header = self.table.horizontalHeader()
        wide = self.table.fontMetrics().horizontalAdvance("中")
        bounds = {self.ROLE: (5, 8), self.NAME: (4, 6), self.UNIT: (8, 13), self.PHONE: (7, 9)}
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, (least, most) in bounds.items():
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column),
                        wide * least)
            self.table.setColumnWidth(column, min(width, wide * most) + 14)
        header.setSectionResizeMode(self.POST, QHeaderView.ResizeMode.Stretch)

    # Saving

    def date(self) -> dt.date:
        return self.document.date()

    def submit(self) -> bool:
        """Make the group stand as the table on the date, as one adjustment, and close.

        On a refusal show why, write nothing and stay open.
        """
        self._commit_open_editor()
        self._clear_marks()
        try:
            members = self.members()
            if not members:
                self._show_problem(self.tr("Nothing to save: read a roster into the table "
                                           "first."))
                return False
            self.imported = import_roster(
                self.session.store, self.session.home, list(members), self.date(),
                self.doc_edit.text(), self.reason_edit.text().strip(),
                self.name_edit.text().strip(), self.seat_edit.text().strip())
        except QdeskError as exc:
            self._show_refusal(exc)
            return False
        self.accept()
        return True

    def summary(self) -> str:
        """What the saved import did, for the status bar."""
        if self.imported is None:
            return ""
        return self.tr("Roster {number} imported: {joined} joined, {left} left, "
                       "{changed} changed").format(number=self.doc_edit.text().strip(),
                                                   joined=self.imported.joined,
                                                   left=self.imported.left,
                                                   changed=self.imported.changed)

    def _show_refusal(self, exc: QdeskError) -> None:
        names = {normalize_name(self._text(row, self.NAME)): row
                 for row in range(self.table.rowCount())}
        lines = []
        for problem in exc.problems:
            if self.document.mark(problem.field):
                lines.append(problem.message.render())
                continue
            lines.append(problem.render())
            rows = [problem.line - 1] if problem.line is not None else []
            if problem.field in names:
                rows.append(names[problem.field])
            for row in rows:
                self._mark_row(row, ERROR_BACKGROUND)
        self._show_problem(self.tr("Not saved: {problems}").format(problems="\n".join(lines)))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _mark_row(self, row: int, color: QColor | None) -> None:
        self.table.blockSignals(True)
        for column in (self.NAME, self.POST, self.UNIT, self.PHONE):
            item = self.table.item(row, column)
            if item is not None:
                item.setBackground(QBrush(color) if color else QBrush())
        self.table.blockSignals(False)

    def _clear_marks(self, *args: object) -> None:
        self._show_problem("")
        self.document.clear_marks()
        for row in range(self.table.rowCount()):
            self._mark_row(row, None)

    def _commit_open_editor(self) -> None:
        """Take what is still being typed in a cell as entered (Save pressed mid-edit)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            editor = self.table.indexWidget(self.table.currentIndex())
            if editor is not None:
                self.table.commitData(editor)
                self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
