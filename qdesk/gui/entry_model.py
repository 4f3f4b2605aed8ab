"""The entry grid's Qt model: an EntrySheet shown cell by cell, the edits forwarded to it."""

from __future__ import annotations

from functools import cache
from typing import Any, Iterable, cast

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.core.plan import Kind, Plan
from qdesk.gui.widgets import as_typed
from qdesk.store.database import Store
from qdesk.store.units import Unit
from qdesk.views.chart_style import NOT_APPLICABLE
from qdesk.views.entry_sheet import (CATEGORY, CODE, DENOMINATOR, FIGURE_COLUMNS, NAME, NOTE,
                                     NUMERATOR, REFERENCE, STATUS, TARGET, VALUE, Cell, CellState,
                                     EntryRow, EntrySheet, SheetEdits)

# The sheet's columns are the model's: the page and its tests index the model by them.
__all__ = ["CATEGORY", "CODE", "NAME", "NUMERATOR", "DENOMINATOR", "VALUE", "TARGET", "STATUS",
           "NOTE", "REFERENCE", "FIGURE_COLUMNS", "EntryModel", "ProblemRole", "StatusRole",
           "WarningRole"]

StatusRole = Qt.ItemDataRole.UserRole + 1    # the row's Status value ("met"...), None while refused
ProblemRole = Qt.ItemDataRole.UserRole + 2   # the cell's problem text, or ""
WarningRole = Qt.ItemDataRole.UserRole + 3   # why the row's figure looks unlikely, or ""
WARNING_COLOUR = QColor("#e09b00")           # amber: a warning to explain, not a refusal


@cache
def warning_icon() -> QIcon:
    """The amber mark of an unlikely figure: a dot with "!", drawn once."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(WARNING_COLOUR)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, 14, 14)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)

_STATUS_COLOUR = {Status.MET: QColor("#1b7f3b"), Status.NOT_MET: QColor("#c62828"),
                  Status.NO_DATA: QColor("#7a7a7a"), Status.NOT_DUE: QColor("#7a7a7a"),
                  Status.NOT_APPLICABLE: QColor(NOT_APPLICABLE)}
_BACKGROUND = {CellState.REFUSED: QColor("#f4b4b4"), CellState.EDITED: QColor("#fff4c2"),
               CellState.COMPUTED: QColor("#f2f2f2")}
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class EntryModel(QAbstractTableModel):
    """Maps an EntrySheet onto roles, colours, alignment and header texts; the rules are the
    sheet's. Empty until the page loads a sheet."""

    checked = Signal(str)   # after an edit: the first problem of the rows it touched, or ""
    edited = Signal()       # the clerk changed cells (typed, pasted, 无此项): one undo step

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sheet: EntrySheet | None = None

    @property
    def sheet(self) -> EntrySheet:
        assert self._sheet is not None, "the page loads a sheet before it reads one"
        return self._sheet

    @property
    def unit(self) -> Unit:
        return self.sheet.unit

    @property
    def period(self) -> Period:
        return self.sheet.period

    def load(self, store: Store, plan: Plan, unit: Unit, period: Period, *,
             read_only: bool = False, keep_edits: bool = False) -> None:
        """Show the unit's figures for the period under the same filter; with keep_edits, the
        edits in progress stay when the unit and period are the same."""
        previous = self._sheet
        sheet = EntrySheet.load(store, plan, unit, period, read_only=read_only,
                                edits_of=previous if keep_edits else None,
                                filter_text=previous.filter_text if previous else "")
        self.beginResetModel()
        self._sheet = sheet
        self.endResetModel()

    def load_nothing(self, plan: Plan, unit: Unit, period: Period) -> None:
        """Show no row of the unit and period, read-only: their figures could not be read."""
        self.beginResetModel()
        self._sheet = EntrySheet(plan, unit, period, [], read_only=True)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self.sheet.set_filter(text)
        self.endResetModel()

    def row(self, row: int) -> EntryRow:
        return self.sheet.row(row)

    def row_of(self, code: str) -> int:
        """The shown row of an indicator, or -1."""
        return self.sheet.row_of(code)

    def edited_count(self) -> int:
        return self.sheet.edited_count()

    def problems(self) -> list[str]:
        """One line per refused row, e.g. "P03: 合格批次（30）大于监测批次（20）"."""
        return [self._line(row) for row in self.sheet.refused()]

    def discard(self) -> None:
        self.beginResetModel()
        self.sheet.discard()
        self.endResetModel()

    def set_texts(self, cells: Iterable[Cell]) -> None:
        """Apply typed or pasted texts (shown row, column, text) to the sheet; emits `checked`
        with the first problem of the rows touched."""
        if not self.sheet.read_only:
            self._show_checked(self.sheet.set_texts(cells))
            self.edited.emit()

    def paste(self, row: int, column: int, block: list[list[str]]) -> int:
        """Fill cells from a copied block (see EntrySheet.paste); returns how many lines found
        a row."""
        if self.sheet.read_only:
            return 0
        rows = self.sheet.paste(row, column, block)
        self._show_checked(rows)
        self.edited.emit()
        return len(rows)

    def snapshot(self) -> SheetEdits:
        """The sheet's edits, as the page's undo keeps them (EditHistory); none before a load."""
        return self._sheet.edits() if self._sheet is not None else ()

    def restore(self, snapshot: object) -> None:
        self._show_checked(self.sheet.put_edits(cast(SheetEdits, snapshot)))

    def takes_not_applicable(self, row: int) -> bool:
        return self.sheet.takes_not_applicable(row)

    def mark_not_applicable(self, row: int) -> None:
        """The cell menu's 无此项: recorded as typed, unsaved until 保存; the row's every cell
        shown again, as its other figures are emptied."""
        if self.sheet.mark_not_applicable(row):
            self._show_checked([row])
            self.edited.emit()

    def not_applicable(self, row: int) -> bool:
        """Whether a shown row stands as 无此项, stored or typed."""
        assessment = self.sheet.row(row).assessment
        return assessment is not None and assessment.status is Status.NOT_APPLICABLE

    def _show_checked(self, rows: list[int]) -> None:
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.checked.emit(next((self._line(self.sheet.row(r)) for r in rows
                                if self.sheet.row(r).problems), ""))

    def _line(self, row: EntryRow) -> str:
        return self.tr("%1: %2").replace("%1", row.indicator.code).replace(
            "%2", row.first_problem())

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._sheet is None else self._sheet.row_count()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._sheet is None else self._sheet.column_count()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Category"), self.tr("Code"), self.tr("Indicator"),
                    self.tr("Numerator"), self.tr("Denominator"), self.tr("Value"),
                    self.tr("Target"), self.tr("Status"), self.tr("Note"),
                    self.tr("Reference")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {VALUE: self.tr("A rate is computed from its numerator and denominator"),
                    TARGET: self.tr("The unit's own target where it has one, else the plan's"),
                    REFERENCE: self.tr("The figure a target such as 高于全省平均 is judged"
                                       " against, the same for every unit: entered on the"
                                       " office's own unit")}.get(section)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.sheet.editable_columns(index.row()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index)
                                                    & Qt.ItemFlag.ItemIsEditable):
            return False
        self.set_texts([(index.row(), index.column(), "" if value is None else str(value))])
        return True

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        shown, column = index.row(), index.column()
        row = self.sheet.row(shown)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._status_text(row) if column == STATUS else self.sheet.text(shown, column)
        if role == StatusRole:
            return row.assessment.status.value if row.assessment else None
        if role == ProblemRole:
            return "\n".join(row.problems.get(column, []))
        if role == WarningRole:
            return self._warning_text(row) if column == VALUE else ""
        if role == Qt.ItemDataRole.DecorationRole and column == VALUE and row.warnings:
            return warning_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_typed(self._tooltip(row, column) or "") or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUND.get(self.sheet.cell_state(shown, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and row.assessment:
            return _STATUS_COLOUR[row.assessment.status]
        if role == Qt.ItemDataRole.FontRole and column in (CATEGORY, STATUS):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole \
                and column in FIGURE_COLUMNS | {TARGET, REFERENCE}:
            return _NUMBER_ALIGN
        return None

    def _status_text(self, row: EntryRow) -> str:
        if row.assessment is None:
            return ""
        return {Status.MET: self.tr("Met"), Status.NOT_MET: self.tr("Not met"),
                Status.NO_DATA: self.tr("No data"),
                Status.NOT_DUE: self.tr("Not due"),
                Status.NOT_APPLICABLE: self.tr("Not applicable")}[row.assessment.status]

    def _warning_text(self, row: EntryRow) -> str:
        return "\n".join(warning.message.render() for warning in row.warnings)

    def _tooltip(self, row: EntryRow, column: int) -> str | None:
        if row.problems.get(column):
            return "\n".join(row.problems[column])
        if column == VALUE and row.warnings:
            return self.tr("Unlikely figure: %1. It can be saved with an explanation, kept"
                           " as its note.").replace("%1", self._warning_text(row))
        indicator = row.indicator
        if column == NUMERATOR and row.is_rate:
            return indicator.numerator
        if column == DENOMINATOR and row.is_rate:
            return indicator.denominator
        if column == NAME:
            extra = [text for text in (indicator.responsible, indicator.note) if text]
            return "\n".join([indicator.name, *extra])
        if column == CATEGORY:
            return indicator.category
        if column == VALUE:
            if row.is_rate:
                return self.tr("Computed: numerator / denominator × 100")
            return {Kind.COUNT: self.tr("A whole number, %1"),
                    Kind.FLAG: self.tr("1 (yes) or 0 (no)"),
                    Kind.VALUE: self.tr("A number, %1")}[indicator.kind].replace("%1",
                                                                            indicator.unit)
        if column == REFERENCE and row.takes_reference:
            if not self.sheet.edits_references:
                return self.tr("The office's reference figure for the period; it is entered on"
                               " the office's own unit")
            unit = "%" if row.is_rate else indicator.unit
            return self.tr("The reference figure for the period, %1 (e.g. the province's"
                           " average)").replace("%1", unit)
        if column == TARGET and row.own_targets:
            plan_target = indicator.target_for(self.sheet.period.year)
            return self.tr("The unit's own target; the plan's is %1").replace(
                "%1", plan_target.label(indicator.unit) if plan_target else "—")
        return None
