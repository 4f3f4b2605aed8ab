"""A list of units pasted from Word or Excel, or read from a file, in a preview to correct before saving."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPlainTextEdit, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from qdesk.core.errors import InputError, Problem, QdeskError
from qdesk.core.i18n import language, msg
from qdesk.core.units import Level, NewUnit
from qdesk.exchange.unit_list import (COLUMNS, ListedUnit, Row, check_listed, file_rows,
                                      import_unit_list, listed_units, text_rows)
from qdesk.gui.file_dialogs import open_file_name
from qdesk.gui.widgets import (DONE_STYLE, ERROR_STYLE, Retranslating, as_typed, plain_label,
                               problem_label)
from qdesk.store.database import Store
from qdesk.store.units import UnitsImported

ERROR_BACKGROUND = QColor(255, 205, 205)
FIELDS = tuple(COLUMNS)         # code, name, level, credit_code: the preview's first columns
PROBLEM = len(FIELDS)           # the column that says what is wrong with a row
EXAMPLE = "单位代码\t单位名称\t层级\n211122100\t胡家镇\t镇\n211122400\t盘山经济开发区\t开发区"


def level_text(level: Level) -> str:
    """A level as the clerk reads it: its Chinese label, or its English name in English."""
    return level.label_zh if language() == "zh" else level.value


def _reason(problems: tuple[Problem, ...]) -> str:
    """A row's problems without their row and column: the table shows the row, and the cell
    at fault is in bold."""
    return "；".join(p.message.render() for p in problems)


class UnitListEditor(Retranslating, QWidget):
    """Paste or open a list, read it into the preview; each row checked, bad ones red with
    their reason, every cell editable and checked again once corrected.

    `store` is the database the list is checked against (codes and names registered) and
    saved to; `ready_changed` says whether every row passes, which is when it may be saved.
    """

    ready_changed = Signal(bool)

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._source: str | None = None        # the file the rows came from, for messages
        self._rows: list[ListedUnit] = []
        self.hint = plain_label()
        self.hint.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_edit.setTabChangesFocus(True)     # the list's tabs come pasted, never typed
        self.text_edit.textChanged.connect(self._forget_source)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_file)
        self.level_label = plain_label()
        self.level_combo = QComboBox()
        self.level_label.setBuddy(self.level_combo)
        self.level_combo.currentIndexChanged.connect(self.check)
        self.read_button = QPushButton()
        self.read_button.clicked.connect(self.read)
        self.read_problem = problem_label()
        self.table = QTableWidget(0, PROBLEM + 1)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.itemChanged.connect(self._item_changed)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_row)
        self.summary = plain_label()
        self.summary.setWordWrap(True)

        text_part = QWidget()
        text_layout = QVBoxLayout(text_part)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.hint)
        text_layout.addWidget(self.text_edit, 1)
        buttons = QHBoxLayout()
        for widget in (self.open_button, self.level_label, self.level_combo, self.read_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        text_layout.addLayout(buttons)
        text_layout.addWidget(self.read_problem)
        table_part = QWidget()
        table_layout = QVBoxLayout(table_part)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        below = QHBoxLayout()
        below.addWidget(self.summary, 1)
        below.addWidget(self.delete_button)
        table_layout.addLayout(below)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(text_part)
        splitter.addWidget(table_part)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self._show_rows()

    def retranslate(self) -> None:
        self.hint.setText(self.tr(
            "Paste the list copied from a Word or Excel table (columns 单位代码, 单位名称, and "
            "if you have them 层级 and 统一社会信用代码), or open an .xlsx or .csv file, then "
            "press Read. Correct any row marked red in the table below before saving."))
        self.text_edit.setPlaceholderText(self.tr("Paste the list here, e.g.\n%1").replace(
            "%1", EXAMPLE))
        self.open_button.setText(self.tr("Open &file…"))
        self.open_button.setToolTip(self.tr("Read a list saved as a workbook (.xlsx), a .csv "
                                            "file or text (.txt)"))
        self.level_label.setText(self.tr("&Level of rows that give none:"))
        chosen = self.level_combo.currentData()
        self.level_combo.blockSignals(True)
        self.level_combo.clear()
        self.level_combo.addItem(self.tr("as each name shows (…镇, …街道, …开发区)"), None)
        for level in Level:
            self.level_combo.addItem(level_text(level), level.value)
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(chosen), 0))
        self.level_combo.blockSignals(False)
        self.read_button.setText(self.tr("&Read"))
        self.read_button.setToolTip(self.tr("Read the text into the table below, replacing what "
                                            "it holds"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Level"), self.tr("Credit code"),
             self.tr("Problem")])
        self.delete_button.setText(self.tr("&Delete row"))
        self.delete_button.setToolTip(self.tr("Leave the chosen row out of the list (a title "
                                              "line, a unit not to register)"))
        self._count()

    # --- reading ------------------------------------------------------------------------------

    def open_file(self) -> bool:
        path = open_file_name(self, self.tr("Open a list of units"),
                              self.tr("Unit lists (*.xlsx *.csv *.txt);;All files (*)"))
        return self.load_file(Path(path)) if path else False

    def load_file(self, path: Path) -> bool:
        """A workbook's or CSV file's rows go straight into the preview; a text file is shown
        in the text box and read."""
        path = Path(path)
        try:
            rows = file_rows(path)
        except QdeskError as exc:
            self._refuse_reading(exc)
            return False
        if path.suffix.lower() in (".xlsx", ".xlsm", ".csv"):
            self.text_edit.blockSignals(True)
            self.text_edit.clear()
            self.text_edit.blockSignals(False)
        else:
            self.text_edit.setPlainText("\n".join("\t".join(cells) for _, cells in rows))
        self._source = path.name            # set after the text: a change of text forgets it
        return self._take(rows, header=True)

    def load_units(self, units: list[NewUnit], source: str) -> bool:
        """Units made elsewhere (the divisions GB/T 2260 lists under the office) into the
        preview, to be corrected and saved like a list read."""
        self.text_edit.blockSignals(True)
        self.text_edit.clear()
        self.text_edit.blockSignals(False)
        self._source = source
        return self._take([(number, [u.code, u.name, u.level.value])
                           for number, u in enumerate(units, start=1)], header=False)

    def read(self) -> bool:
        """Read the pasted text into the preview, replacing what it holds."""
        return self._take(text_rows(self.text_edit.toPlainText()), header=True)

    def _take(self, rows: list[Row], header: bool) -> bool:
        try:
            listed = listed_units(rows, self.level_combo.currentData(), self._source,
                                  header=header)
        except QdeskError as exc:
            self._refuse_reading(exc)
            return False
        self.read_problem.hide()
        self._rows = self._checked(listed)
        self._show_rows(levels_shown=True)
        return True

    def _refuse_reading(self, exc: QdeskError) -> None:
        self._rows = []
        self._show_rows()
        self.read_problem.setText(exc.render())
        self.read_problem.show()

    def _forget_source(self) -> None:
        self._source = None

    # --- the preview --------------------------------------------------------------------------

    def _checked(self, listed: list[ListedUnit]) -> list[ListedUnit]:
        return listed if self.store is None else check_listed(self.store, listed, self._source)

    def check(self) -> None:
        """Check the rows again as the table now holds them (a cell corrected, another default
        level)."""
        if not self._rows:
            return
        rows = [(listed.line, [self._text(row, column) for column in range(len(FIELDS))])
                for row, listed in enumerate(self._rows)]
        try:
            self._rows = self._checked(listed_units(rows, self.level_combo.currentData(),
                                                    self._source, header=False))
        except QdeskError as exc:
            self._refuse_reading(exc)
            return
        self._show_rows()

    def _show_rows(self, levels_shown: bool = False) -> None:
        """The rows in the table; with `levels_shown`, a level the list left out is shown as
        the one each row takes (from its name or the default)."""
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for row, listed in enumerate(self._rows):
            cells = dict(listed.cells)
            if levels_shown and listed.unit is not None:
                cells["level"] = level_text(listed.unit.level)
            bad = {p.field for p in listed.problems}
            for column, field in enumerate(FIELDS):
                item = self._item(row, column)
                item.setText(cells[field])
                item.setToolTip(as_typed(_reason(tuple(p for p in listed.problems
                                                       if p.field == COLUMNS[field]))))
                self._paint(item, bool(listed.problems), COLUMNS[field] in bad)
            reason = self._item(row, PROBLEM)
            reason.setText(_reason(listed.problems))
            reason.setToolTip(as_typed(reason.text()))
            reason.setFlags(reason.flags() & ~Qt.ItemFlag.ItemIsEditable)
            reason.setForeground(QBrush(QColor("#b00020")))
            self._paint(reason, bool(listed.problems), False)
        self.table.setVerticalHeaderLabels([str(listed.line) for listed in self._rows])
        self.table.blockSignals(False)
        self._fit_columns()
        self._count()
        self.ready_changed.emit(self.is_ready())

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        return item

    @staticmethod
    def _paint(item: QTableWidgetItem, row_bad: bool, cell_bad: bool) -> None:
        item.setBackground(QBrush(ERROR_BACKGROUND) if row_bad else QBrush())
        font = item.font()
        font.setBold(cell_bad)
        item.setFont(font)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() < PROBLEM:
            self.check()

    def delete_row(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._rows):
            self._commit_open_editor()
            del self._rows[row]
            self.table.removeRow(row)
            if self._rows:
                self.check()
            else:
                self._show_rows()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _count(self) -> None:
        bad = sum(1 for listed in self._rows if listed.problems)
        if not self._rows:
            self.summary.setText(self.tr("No list read yet."))
            self.summary.setStyleSheet("")
        elif bad:
            self.summary.setText(self.tr("%1 rows, %2 marked red: correct them (double-click a "
                                         "cell) or delete them before saving.").replace(
                "%1", str(len(self._rows))).replace("%2", str(bad)))
            self.summary.setStyleSheet(ERROR_STYLE)
        else:
            self.summary.setText(self.tr("%1 new units, every row passes.").replace(
                "%1", str(len(self._rows))))
            self.summary.setStyleSheet(DONE_STYLE)

    def _fit_columns(self) -> None:
        """Columns wide enough for their contents, within bounds (in Chinese characters); the
        problem stretches."""
        header = self.table.horizontalHeader()
        wide = self.table.fontMetrics().horizontalAdvance("中")
        bounds = {0: (6, 12), 1: (8, 16), 2: (6, 8), 3: (10, 13)}
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, (least, most) in bounds.items():
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column),
                        wide * least)
            self.table.setColumnWidth(column, min(width, wide * most) + 14)
        header.setSectionResizeMode(PROBLEM, QHeaderView.ResizeMode.Stretch)

    def _commit_open_editor(self) -> None:
        """Take what is still being typed in a cell as entered (Save pressed mid-edit)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            editor = self.table.indexWidget(self.table.currentIndex())
            if editor is not None:
                self.table.commitData(editor)
                self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # --- saving -------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self._rows

    def is_ready(self) -> bool:
        """Whether there is a list and every row of it passes."""
        return bool(self._rows) and all(listed.unit is not None for listed in self._rows)

    def units(self) -> list[NewUnit]:
        self._commit_open_editor()
        return [listed.unit for listed in self._rows if listed.unit is not None]

    def save(self) -> UnitsImported:
        """Register the list, all or nothing (exchange.unit_list.import_unit_list); a refusal is
        QdeskError, and the rows are checked again to show it."""
        assert self.store is not None, "a list is saved to a database"
        self._commit_open_editor()
        if not self.is_ready():
            raise InputError(msg("correct or delete the rows marked red first",
                                 "请先改正或删除标红的行"))
        try:
            return import_unit_list(self.store, self.units(), source=self._source)
        except QdeskError:
            self.check()
            raise
