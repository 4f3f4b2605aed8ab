"""One adjustment of the leading group: who joins, who leaves, who changes, under one document."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QDialog,
                               QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget,
                               QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.roster import ROLE_ORDER, Member, Role, RosterLine
from qdesk.gui.session import Session
from qdesk.gui.widgets import (Retranslating, as_typed, cell_combo, date_edit, plain_label,
                               problem_label, resize_within_screen, to_date)
from qdesk.store.group import (Adjustment, Change, Group, NewMember, adjust, correct, planned,
                               planned_withdrawal, roster, withdraw)

CONCURRENT_MARK = "（兼）"
ERROR_FIELD_STYLE = "background: #ffcdcd;"


def role_label(role: Role) -> str:
    """A role as a clerk reads it (组长, 副组长, 成员, 办公室主任 once translated)."""
    # Literal QCoreApplication.translate calls: the form lupdate extracts outside a class.
    return {
        Role.LEADER: QCoreApplication.translate("Role", "Leader"),
        Role.DEPUTY: QCoreApplication.translate("Role", "Deputy leader"),
        Role.MEMBER: QCoreApplication.translate("Role", "Member"),
        Role.OFFICE_DIRECTOR: QCoreApplication.translate("Role", "Office director"),
    }[role]


def marked_name(line: RosterLine) -> str:
    """The name as the roster writes it: 曹刚（兼） for a concurrent office director."""
    return line.name + (CONCURRENT_MARK if line.concurrent else "")


def change_lines(adjustment: Adjustment) -> list[tuple[str, str]]:
    """(line, tooltip) for each person an adjustment brings in, takes out or changes: the one
    wording of the timeline and of the preview asked about before writing."""
    # Literal QCoreApplication.translate calls, the form lupdate extracts outside a class.
    result = []
    for member in adjustment.joined:
        result.append((QCoreApplication.translate("GroupPage", "+ {name} ({role})").format(
            name=member.name, role=role_label(member.role)), _details(member)))
    for member in adjustment.left:
        result.append((QCoreApplication.translate("GroupPage", "− {name}").format(
            name=member.name), _details(member)))
    for old, new in adjustment.changed:
        parts = []
        if old.role is not new.role:
            parts.append(f"{role_label(old.role)} → {role_label(new.role)}")
        if old.post != new.post:
            parts.append(f"{old.post or '—'} → {new.post or '—'}")
        if old.unit != new.unit and old.post == new.post:
            parts.append(f"{old.unit or '—'} → {new.unit or '—'}")
        result.append((QCoreApplication.translate("GroupPage", "{name}: {changes}").format(
            name=new.name, changes=QCoreApplication.translate("GroupPage", "; ").join(parts)),
            _details(new)))
    return result


def _details(member: Member) -> str:
    return "  ".join(part for part in (role_label(member.role), member.name, member.post,
                                       member.unit, member.phone) if part)


class PreviewBox(Retranslating, QGroupBox):
    """What an adjustment about to be written will change, and the question before writing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.question = plain_label()
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.question)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("What it will change"))
        self.question.setText(self.tr("Write it?"))

    def show_lines(self, lines: list[tuple[str, str]]) -> None:
        self.list.clear()
        for text, tip in lines:
            item = QListWidgetItem(text)
            item.setToolTip(as_typed(tip))
            self.list.addItem(item)

    def lines(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def show_step(self, previewing: bool, editing: QWidget, document: QWidget,
                  buttons: QDialogButtonBox) -> None:
        """Shown in place of a dialog's editing part while previewing, else hidden: the dialog's
        OK then reads 写入 or 预览…, its Cancel 返回修改 or 取消."""
        self.setVisible(previewing)
        editing.setVisible(not previewing)
        document.setEnabled(not previewing)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Write") if previewing else self.tr("Preview…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Back") if previewing else self.tr("Cancel"))


class DocumentFields(Retranslating, QWidget):
    """The document an adjustment rests on: its date, number (文号) and reason, in a form.

    `edited` fires when any of them changes; `mark` and `clear_marks` show which one a refusal
    named (Problem.field "date" or "doc_number").
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = date_edit(dt.date.today())
        self.doc_edit = QLineEdit()
        self.reason_edit = QLineEdit()
        self.date_label, self.doc_label = plain_label(), plain_label()
        self.reason_label = plain_label()
        for label, field in ((self.date_label, self.date_edit), (self.doc_label, self.doc_edit),
                             (self.reason_label, self.reason_edit)):
            label.setBuddy(field)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.date_label, date_row)
        form.addRow(self.doc_label, self.doc_edit)
        form.addRow(self.reason_label, self.reason_edit)
        self.date_edit.dateChanged.connect(self.edited)
        for field in (self.doc_edit, self.reason_edit):
            field.textEdited.connect(self.edited)
        self.retranslate()

    def retranslate(self) -> None:
        self.date_label.setText(self.tr("&Date:"))
        self.doc_label.setText(self.tr("Document n&umber:"))
        self.doc_edit.setPlaceholderText(self.tr("The notice's number, e.g. {example}").format(
            example="县政办发〔2021〕5号"))
        self.reason_label.setText(self.tr("R&eason:"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. changes of personnel"))

    def date(self) -> dt.date:
        return to_date(self.date_edit.date())

    def mark(self, field: str | None) -> bool:
        """Mark the field a problem names; False if it names none of these."""
        widget = {"doc_number": self.doc_edit, "date": self.date_edit}.get(field or "")
        if widget is not None:
            widget.setStyleSheet(ERROR_FIELD_STYLE)
        return widget is not None

    def clear_marks(self) -> None:
        for field in (self.doc_edit, self.date_edit):
            field.setStyleSheet("")


class AdjustmentDialog(Retranslating, QDialog):
    """Builds one adjustment and writes it with store.group.adjust, all or nothing; given the
    adjustment it `corrects`, writes the correction with store.group.correct.

    OK calls `submit()`: first what the adjustment will change is shown and 确定写入？ asked (a
    refusal is shown in place instead); OK again writes, Cancel goes back to editing.
    """

    ADD_ROLE, ADD_NAME, ADD_POST, ADD_UNIT, ADD_PHONE = range(5)
    CHANGE_MEMBER, CHANGE_ROLE, CHANGE_POST, CHANGE_UNIT = range(4)

    def __init__(self, session: Session, group: Group, parent: QWidget | None = None,
                 corrects: Adjustment | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.group = group
        self.corrects = corrects
        self.adjustment_id: int | None = None
        self._lines: dict[int, RosterLine] = {}     # member id -> line, on the chosen date

        self.document = DocumentFields()
        self.date_edit = self.document.date_edit
        self.doc_edit = self.document.doc_edit
        self.reason_edit = self.document.reason_edit

        self.add_box = QGroupBox()
        self.add_table = QTableWidget(0, 5)
        self._table_look(self.add_table)
        self.add_row_button = QPushButton()
        self.add_row_button.clicked.connect(lambda: self.add_row())
        self.add_delete_button = QPushButton()
        self.add_delete_button.clicked.connect(lambda: self._delete_row(self.add_table))
        add_layout = QVBoxLayout(self.add_box)
        add_layout.addWidget(self.add_table, 1)
        add_layout.addLayout(self._buttons(self.add_row_button, self.add_delete_button))

        self.remove_box = QGroupBox()
        self.remove_list = QTreeWidget()
        self.remove_list.setColumnCount(3)
        self.remove_list.setRootIsDecorated(False)
        self.remove_list.setAlternatingRowColors(True)
        remove_layout = QVBoxLayout(self.remove_box)
        remove_layout.addWidget(self.remove_list, 1)

        self.change_box = QGroupBox()
        self.change_table = QTableWidget(0, 4)
        self._table_look(self.change_table)
        self.change_row_button = QPushButton()
        self.change_row_button.clicked.connect(lambda: self.add_change_row())
        self.change_delete_button = QPushButton()
        self.change_delete_button.clicked.connect(lambda: self._delete_row(self.change_table))
        change_layout = QVBoxLayout(self.change_box)
        change_layout.addWidget(self.change_table, 1)
        change_layout.addLayout(self._buttons(self.change_row_button, self.change_delete_button))

        self.correcting = plain_label()
        self.correcting.setWordWrap(True)
        self.correcting.setVisible(corrects is not None)
        self.preview = PreviewBox()
        self.preview.hide()
        self.problem = problem_label()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        # OK previews, then writes, and closes only if the service took the adjustment.
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).clicked.connect(self.submit)
        self.button_box.rejected.connect(self.cancel)

        self.editing = QWidget()
        lower = QHBoxLayout()
        lower.addWidget(self.remove_box, 2)
        lower.addWidget(self.change_box, 3)
        editing = QVBoxLayout(self.editing)
        editing.setContentsMargins(0, 0, 0, 0)
        editing.addWidget(self.add_box, 2)
        editing.addLayout(lower, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.correcting)
        layout.addWidget(self.document)
        layout.addWidget(self.editing, 1)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.button_box)

        self.retranslate()
        self.date_edit.dateChanged.connect(self._load_members)
        self.document.edited.connect(self._clear_marks)
        self._load_members()
        self.add_row()
        self.add_change_row()
        resize_within_screen(self, 1100, 760)

    @staticmethod
    def _table_look(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setWordWrap(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed
                              | QAbstractItemView.EditTrigger.SelectedClicked)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    @staticmethod
    def _buttons(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        if self.corrects is None:
            self.setWindowTitle(self.tr("New adjustment of {group}").format(
                group=self.group.name))
        else:
            self.setWindowTitle(self.tr("Correction of {number}").format(
                number=self.corrects.doc_number))
            self.correcting.setText(self.tr(
                "Correcting {number} of {date}: record, under the correcting document, who "
                "joins, leaves or changes so that the group stands as the correction says. "
                "{number} stays in the history, marked corrected.").format(
                number=self.corrects.doc_number, date=self.corrects.date.isoformat()))
        self._set_previewing(self.previewing())
        self.add_box.setTitle(self.tr("Members to add"))
        self.add_table.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Name"), self.tr("Post"), self.tr("Unit"),
             self.tr("Phone")])
        self.add_row_button.setText(self.tr("Add row"))
        self.add_delete_button.setText(self.tr("Delete row"))
        self.remove_box.setTitle(self.tr("Members to remove (tick those who leave)"))
        self.remove_list.setHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Post")])
        self.change_box.setTitle(self.tr("Changes of post or role"))
        self.change_table.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("New role"), self.tr("New post"), self.tr("New unit")])
        self.change_row_button.setText(self.tr("Add row"))
        self.change_delete_button.setText(self.tr("Delete row"))
        self._fill_role_combos()

    # Members to add

    def add_row(self) -> int:
        """An empty row to type a new member into (role: member); returns its index."""
        row = self.add_table.rowCount()
        self.add_table.insertRow(row)
        combo = QComboBox()
        self._fill_roles(combo, unchanged=False)
        combo.setCurrentIndex(combo.findData(Role.MEMBER.value))
        self.add_table.setCellWidget(row, self.ADD_ROLE, combo)
        for column in (self.ADD_NAME, self.ADD_POST, self.ADD_UNIT, self.ADD_PHONE):
            self.add_table.setItem(row, column, QTableWidgetItem(""))
        self._fit(self.add_table, stretch=self.ADD_POST,
                  chars={self.ADD_NAME: 5, self.ADD_UNIT: 11, self.ADD_PHONE: 7})
        self.add_table.setCurrentCell(row, self.ADD_NAME)
        return row

    def _fill_roles(self, combo: QComboBox, unchanged: bool) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if unchanged:
            combo.addItem(self.tr("(unchanged)"), None)
        for role in ROLE_ORDER:
            combo.addItem(role_label(role), role.value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _fill_role_combos(self) -> None:
        for row in range(self.add_table.rowCount()):
            self._fill_roles(cell_combo(self.add_table, row, self.ADD_ROLE), unchanged=False)
        for row in range(self.change_table.rowCount()):
            self._fill_roles(cell_combo(self.change_table, row, self.CHANGE_ROLE), unchanged=True)

    def new_members(self) -> list[NewMember]:
        """The typed rows; a row left wholly empty is not a member."""
        result = []
        for row in range(self.add_table.rowCount()):
            texts = [self._text(self.add_table, row, column)
                     for column in (self.ADD_NAME, self.ADD_POST, self.ADD_UNIT, self.ADD_PHONE)]
            if any(texts):
                role = cell_combo(self.add_table, row, self.ADD_ROLE).currentData()
                result.append(NewMember(role, *texts))
        return result

    # Members to remove

    def _load_members(self) -> None:
        """Those on the group on the chosen date: the list to tick and the people to change."""
        lines = roster(self.session.store, self.group.id, self.date())
        self._lines = {line.member_id: line for line in lines if line.member_id is not None}
        ticked = set(self.removed())
        self.remove_list.clear()
        metrics = self.remove_list.fontMetrics()
        height = metrics.height() + 8      # the Chinese fallback font stands taller than Latin
        for line in lines:
            item = QTreeWidgetItem([marked_name(line), role_label(line.role), line.post])
            item.setData(0, Qt.ItemDataRole.UserRole, line.member_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if line.member_id in ticked
                               else Qt.CheckState.Unchecked)
            item.setToolTip(2, as_typed(line.post))
            item.setSizeHint(0, QSize(metrics.horizontalAdvance(item.text(0)) + 8, height))
            self.remove_list.addTopLevelItem(item)
        for column in (0, 1):
            self.remove_list.resizeColumnToContents(column)
            self.remove_list.setColumnWidth(column, self.remove_list.columnWidth(column) + 12)
        for row in range(self.change_table.rowCount()):
            self._fill_member_combo(cell_combo(self.change_table, row, self.CHANGE_MEMBER))

    def _listed(self) -> list[QTreeWidgetItem]:
        """The members in the list to tick, in its order."""
        return [item for n in range(self.remove_list.topLevelItemCount())
                if (item := self.remove_list.topLevelItem(n)) is not None]

    def removed(self) -> list[int]:
        """The member ids ticked to leave."""
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self._listed()
                if item.checkState(0) == Qt.CheckState.Checked]

    def tick(self, member_id: int, leaving: bool = True) -> bool:
        """Tick (or untick) a member in the list of those who leave; False if not listed."""
        for item in self._listed():
            if item.data(0, Qt.ItemDataRole.UserRole) == member_id:
                item.setCheckState(0, Qt.CheckState.Checked if leaving
                                   else Qt.CheckState.Unchecked)
                return True
        return False

    # Changes of post or role

    def add_change_row(self) -> int:
        """A row to pick a member and give them a new role, post or unit; returns its index."""
        row = self.change_table.rowCount()
        self.change_table.insertRow(row)
        member = QComboBox()
        member.setMinimumContentsLength(16)
        member.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._fill_member_combo(member)
        role = QComboBox()
        self._fill_roles(role, unchanged=True)
        self.change_table.setCellWidget(row, self.CHANGE_MEMBER, member)
        self.change_table.setCellWidget(row, self.CHANGE_ROLE, role)
        for column in (self.CHANGE_POST, self.CHANGE_UNIT):
            self.change_table.setItem(row, column, QTableWidgetItem(""))
        member.currentIndexChanged.connect(lambda _, combo=member: self._member_chosen(combo))
        self._fit(self.change_table, stretch=self.CHANGE_POST, chars={self.CHANGE_UNIT: 11})
        return row

    def choose_member(self, row: int, member_id: int) -> bool:
        """Pick who changes in a row of the changes table; False if not on the group that day."""
        combo = cell_combo(self.change_table, row, self.CHANGE_MEMBER)
        index = combo.findData(member_id)
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def _fill_member_combo(self, combo: QComboBox) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for member_id, line in self._lines.items():
            combo.addItem(self.tr("{name} ({role})").format(name=marked_name(line),
                                                            role=role_label(line.role)),
                          member_id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        if chosen is not None and combo.currentData() is None:
            self._member_chosen(combo)

    def _member_chosen(self, combo: QComboBox) -> None:
        """The chosen member's post and unit fill the row, to be edited into the new ones."""
        row = next(r for r in range(self.change_table.rowCount())
                   if self.change_table.cellWidget(r, self.CHANGE_MEMBER) is combo)
        line = self._lines.get(combo.currentData())
        post, unit = (self.change_table.item(row, c) for c in (self.CHANGE_POST, self.CHANGE_UNIT))
        assert post is not None and unit is not None, "add_change_row gives a row its cells"
        post.setText(line.post if line else "")
        unit.setText(line.unit if line else "")

    def changes(self) -> list[Change]:
        """A change for each row whose member gets a role, post or unit other than their own."""
        result = []
        for row in range(self.change_table.rowCount()):
            member_id = cell_combo(self.change_table, row, self.CHANGE_MEMBER).currentData()
            line = self._lines.get(member_id)
            if line is None:
                continue
            role = cell_combo(self.change_table, row, self.CHANGE_ROLE).currentData()
            post = self._text(self.change_table, row, self.CHANGE_POST)
            unit = self._text(self.change_table, row, self.CHANGE_UNIT)
            change = Change(member_id,
                            role=role if role not in (None, line.role.value) else None,
                            post=post if post != line.post else None,
                            unit_name=unit if unit != line.unit else None)
            if (change.role, change.post, change.unit_name) != (None, None, None):
                result.append(change)
        return result

    # The adjustment

    def date(self) -> dt.date:
        return self.document.date()

    def previewing(self) -> bool:
        return not self.preview.isHidden()

    def submit(self) -> bool:
        """OK: show what the adjustment will change and ask (True if shown); when asked, write
        it in one transaction and close (True if written). A refusal is shown in place."""
        if self.previewing():
            return self.write()
        self._commit_open_editors()
        self._clear_marks()
        try:
            shown = planned(self.session.store, self.group.id, self.date(), self.doc_edit.text(),
                            self.reason_edit.text().strip(), add=self.new_members(),
                            remove=self.removed(), change=self.changes(),
                            corrects=self.corrects.id if self.corrects else None)
        except QdeskError as exc:
            self._show_refusal(exc)
            return False
        self.preview.show_lines(change_lines(shown))
        self._set_previewing(True)
        return True

    def write(self) -> bool:
        """Write what the preview shows; on a refusal go back to editing and show why."""
        store, group = self.session.store, self.group
        args = (self.date(), self.doc_edit.text(), self.reason_edit.text().strip())
        try:
            if self.corrects is None:
                self.adjustment_id = adjust(store, group.id, *args, add=self.new_members(),
                                            remove=self.removed(), change=self.changes())
            else:
                self.adjustment_id = correct(store, group.id, self.corrects.id, *args,
                                             add=self.new_members(), remove=self.removed(),
                                             change=self.changes())
        except QdeskError as exc:
            self._set_previewing(False)
            self._show_refusal(exc)
            return False
        self.accept()
        return True

    def cancel(self) -> None:
        """Cancel: from the preview, back to editing, nothing written; else close."""
        if self.previewing():
            self._set_previewing(False)
        else:
            self.reject()

    def _set_previewing(self, on: bool) -> None:
        self.preview.show_step(on, self.editing, self.document, self.button_box)

    def _show_refusal(self, exc: QdeskError) -> None:
        lines = []
        for problem in exc.problems:
            if self.document.mark(problem.field) or problem.field == "member":
                lines.append(problem.message.render())
            else:
                lines.append(problem.render())
        self.problem.setText(self.tr("Not recorded: {problems}").format(
            problems="\n".join(lines)))
        self.problem.show()

    def _clear_marks(self, *args: object) -> None:
        self.problem.hide()
        self.problem.clear()
        self.document.clear_marks()

    def _commit_open_editors(self) -> None:
        """Take what is still being typed in a cell as entered (OK pressed mid-edit)."""
        for table in (self.add_table, self.change_table):
            if table.state() == QAbstractItemView.State.EditingState:
                editor = table.indexWidget(table.currentIndex())
                if editor is not None:
                    table.commitData(editor)
                    table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item else ""

    @staticmethod
    def _delete_row(table: QTableWidget) -> None:
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())

    @staticmethod
    def _fit(table: QTableWidget, stretch: int, chars: dict[int, int]) -> None:
        """Columns wide enough for their widgets or `chars` Chinese characters; one stretches."""
        header = table.horizontalHeader()
        wide = table.fontMetrics().horizontalAdvance("中")
        for column in range(table.columnCount()):
            if column != stretch:
                table.setColumnWidth(column, max(table.sizeHintForColumn(column),
                                                 header.sectionSizeHint(column),
                                                 wide * chars.get(column, 0)) + 14)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class WithdrawDialog(Retranslating, QDialog):
    """撤销: the document that withdraws an earlier adjustment, what that adjustment did, and
    then what the withdrawal will change, asked before store.group.withdraw writes it."""

    def __init__(self, session: Session, group: Group, withdrawn: Adjustment,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.group = group
        self.withdrawn = withdrawn
        self.adjustment_id: int | None = None
        self.document = DocumentFields()
        self.date_edit = self.document.date_edit
        self.doc_edit = self.document.doc_edit
        self.reason_edit = self.document.reason_edit
        self.did_box = QGroupBox()
        self.did_list = QListWidget()
        for text, tip in change_lines(withdrawn):
            item = QListWidgetItem(text)
            item.setToolTip(as_typed(tip))
            self.did_list.addItem(item)
        did = QVBoxLayout(self.did_box)
        did.addWidget(self.did_list)
        self.preview = PreviewBox()
        self.preview.hide()
        self.problem = problem_label()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).clicked.connect(self.submit)
        self.button_box.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.document)
        layout.addWidget(self.did_box, 1)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.button_box)
        self.document.edited.connect(self._clear_marks)
        self.retranslate()
        resize_within_screen(self, 720, 520)

    def retranslate(self) -> None:
        number = self.withdrawn.doc_number
        self.setWindowTitle(self.tr("Withdraw {number}").format(number=number))
        self.did_box.setTitle(self.tr("What {number} of {date} did, to be undone from the "
                                      "withdrawal's date on").format(
            number=number, date=self.withdrawn.date.isoformat()))
        self._set_previewing(self.previewing())

    def date(self) -> dt.date:
        return self.document.date()

    def previewing(self) -> bool:
        return not self.preview.isHidden()

    def submit(self) -> bool:
        """OK: show what the withdrawal will change and ask (True if shown); when asked, write
        it and close (True if written). A refusal is shown in place."""
        args = (self.date(), self.doc_edit.text(), self.reason_edit.text().strip())
        store, group = self.session.store, self.group
        try:
            if self.previewing():
                self.adjustment_id = withdraw(store, group.id, self.withdrawn.id, *args)
                self.accept()
                return True
            shown = planned_withdrawal(store, group.id, self.withdrawn.id, *args)
        except QdeskError as exc:
            self._set_previewing(False)
            self._show_refusal(exc)
            return False
        self.preview.show_lines(change_lines(shown))
        self._set_previewing(True)
        return True

    def cancel(self) -> None:
        """Cancel: from the preview, back to the document, nothing written; else close."""
        if self.previewing():
            self._set_previewing(False)
        else:
            self.reject()

    def _set_previewing(self, on: bool) -> None:
        self.preview.show_step(on, self.did_box, self.document, self.button_box)

    def _show_refusal(self, exc: QdeskError) -> None:
        self.problem.setText(self.tr("Not recorded: {problems}").format(problems="\n".join(
            p.message.render() if self.document.mark(p.field) else p.render()
            for p in exc.problems)))
        self.problem.show()

    def _clear_marks(self) -> None:
        self.problem.hide()
        self.problem.clear()
        self.document.clear_marks()
