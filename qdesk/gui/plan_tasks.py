"""方案 → 重点任务: the plan's tasks as the plan editor's second table, on the same draft."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QPushButton,
                               QStyledItemDelegate, QStyleOptionViewItem, QTableView,
                               QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.i18n import Msg
from qdesk.gui.widgets import ERROR_BACKGROUND, Retranslating, as_typed, commit_open_editor
from qdesk.views.plan_draft import TASK_KEYS, PlanDraft

HELD_FOREGROUND = QColor(110, 110, 110)
_Index = QModelIndex | QPersistentModelIndex


class TaskTableModel(QAbstractTableModel):
    """The draft's tasks, one column per field of a [[task]]."""

    edited = Signal()       # a cell was changed: the draft is judged again

    def __init__(self, draft: PlanDraft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft

    def set_draft(self, draft: PlanDraft) -> None:
        self.beginResetModel()
        self.draft = draft
        self.endResetModel()

    def judged(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def header(self, key: str) -> str:
        return {"code": self.tr("Code"), "text": self.tr("Task"),
                "category": self.tr("Category"), "lead": self.tr("Lead unit"),
                "deadline": self.tr("Deadline")}[key]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.draft.tasks)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TASK_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.header(TASK_KEYS[section]) if orientation == Qt.Orientation.Horizontal
                    else str(section + 1))
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return {"lead": self.tr("The member unit (成员单位) that leads it, by name or code; "
                                    "its task sheet is made for it"),
                    "deadline": self.tr("Optional: the day it is due, e.g. 2026-12-31"),
                    "category": self.tr("The plan's heading it stands under, e.g. "
                                        "（一）加强宏观质量管理")}.get(TASK_KEYS[section])
        return None

    def _held(self, index: _Index) -> Msg | None:
        return self.draft.task_held(index.row()) if TASK_KEYS[index.column()] == "code" else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._held(index) is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def problems(self, index: _Index) -> list[Msg]:
        return self.draft.problems_at(("task", index.row(), TASK_KEYS[index.column()]))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.draft.tasks[index.row()].fields[TASK_KEYS[index.column()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.BackgroundRole and self.problems(index):
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and self._held(index) is not None:
            return QBrush(HELD_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            said = [m.render() for m in self.problems(index)]
            held = self._held(index)
            if held is not None:
                said.append(held.render())
            return "\n".join(said) or (text if TASK_KEYS[index.column()] == "text" else None)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._held(index):
            return False
        key = TASK_KEYS[index.column()]
        text = str(value if value is not None else "").strip()
        if text == self.draft.tasks[index.row()].fields[key]:
            return False
        self.draft.set_task(index.row(), key, text)
        self.judged()
        self.edited.emit()
        return True


class LeadDelegate(QStyledItemDelegate):
    """The lead unit typed, or chosen from the office's member units (成员单位)."""

    def __init__(self, leads: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.leads = leads

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(self.leads)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class TaskTable(Retranslating, QWidget):
    """The tasks of the draft with their buttons; `edited` when the draft changed here, and
    `refused` with what the draft refused (removing a task with progress)."""

    edited = Signal()
    refused = Signal(str)

    def __init__(self, draft: PlanDraft, leads: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TaskTableModel(draft, self)
        self.model.edited.connect(self.edited)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self._lead_delegate = LeadDelegate(leads, self)
        self.table.setItemDelegateForColumn(TASK_KEYS.index("lead"), self._lead_delegate)
        self.table.selectionModel().currentChanged.connect(self.update_buttons)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_task)
        self.remove_button.clicked.connect(self.remove_task)
        self.up_button.clicked.connect(lambda: self.move_task(-1))
        self.down_button.clicked.connect(lambda: self.move_task(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add task"))
        self.remove_button.setText(self.tr("Remove task"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))

    @property
    def draft(self) -> PlanDraft:
        return self.model.draft

    def show_draft(self, draft: PlanDraft, leads: list[str]) -> None:
        self._lead_delegate.leads = leads
        self.model.set_draft(draft)
        self.fit_columns()
        self.update_buttons()

    def fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        column = TASK_KEYS.index("text")
        self.table.setColumnWidth(column, max(360, min(self.table.columnWidth(column), 560)))

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def commit(self) -> None:
        commit_open_editor(self.table)

    def add_task(self) -> None:
        """A new task after the current one, of its category and lead; its code cell opened."""
        self.commit()
        row = self.draft.add_task(self.current_row())
        self.model.set_draft(self.draft)
        self.edited.emit()
        cell = self.model.index(row, TASK_KEYS.index("code"))
        self.table.setCurrentIndex(cell)
        self.table.edit(cell)

    def remove_task(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            self.draft.remove_task(row)
        except QdeskError as exc:
            self.refused.emit(exc.render())
            return
        self.model.set_draft(self.draft)
        self.edited.emit()
        if self.draft.tasks:
            self.table.setCurrentIndex(self.model.index(min(row, len(self.draft.tasks) - 1), 0))

    def move_task(self, by: int) -> None:
        row = self.current_row()
        if row is None:
            return
        column = self.table.currentIndex().column()
        to = self.draft.move_task(row, by)
        self.model.set_draft(self.draft)
        self.edited.emit()
        self.table.setCurrentIndex(self.model.index(to, column))

    def update_buttons(self, *args: object) -> None:
        row = self.current_row()
        held = None if row is None else self.draft.task_held(row)
        self.remove_button.setEnabled(row is not None and held is None)
        self.remove_button.setToolTip(as_typed(held.render()) if held else "")
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < len(self.draft.tasks) - 1)
