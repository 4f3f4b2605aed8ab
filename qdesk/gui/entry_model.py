"""The entry grid's model: a unit's figures for a period as stored, and the edits not yet saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterable, Mapping

from PySide6.QtCore import (QAbstractTableModel, QModelIndex,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QColor, QFont

from qdesk.core.attainment import Assessment, Status, assess
from qdesk.core.entries import check_entry_period
from qdesk.core.errors import QdeskError
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Kind, Plan
from qdesk.core.rollup import Measure
from qdesk.core.targets import Target
from qdesk.store.database import Store
from qdesk.store.entries import EntryInput, check_input, entry_measures, entry_notes
from qdesk.store.plans import unit_targets
from qdesk.store.units import Unit

CATEGORY, CODE, NAME, NUMERATOR, DENOMINATOR, VALUE, TARGET, STATUS, NOTE = range(9)
FIGURE_COLUMNS = frozenset({NUMERATOR, DENOMINATOR, VALUE})
FIELD_COLUMN = {"numerator": NUMERATOR, "denominator": DENOMINATOR, "value": VALUE, "note": NOTE}
COLUMN_FIELD = {column: name for name, column in FIELD_COLUMN.items()}

StatusRole = Qt.ItemDataRole.UserRole + 1    # the row's Status value ("met"...), None while refused
ProblemRole = Qt.ItemDataRole.UserRole + 2   # the cell's problem text, or ""

_STATUS_COLOUR = {Status.MET: QColor("#1b7f3b"), Status.NOT_MET: QColor("#c62828"),
                  Status.NO_DATA: QColor("#7a7a7a")}
_BAD = QColor("#f4b4b4")
_EDITED = QColor("#fff4c2")
_COMPUTED = QColor("#f2f2f2")
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _decimal_text(value: Fraction, decimals: int) -> str:
    """A stored decimal back as text, exactly: to the indicator's places (90.90), or more if it
    has more (34.25 on a 1-place indicator stays 34.25)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    places = max(decimals, -exact.normalize().as_tuple().exponent)
    return f"{exact:.{places}f}"


def _saved_texts(indicator: Indicator, measure: Measure | None, note: str | None) -> dict[str, str]:
    texts = {"numerator": "", "denominator": "", "value": "", "note": note or ""}
    if measure is None:
        return texts
    if indicator.kind is Kind.RATE:
        texts.update(numerator=str(measure.numerator), denominator=str(measure.denominator))
    else:
        texts["value"] = _decimal_text(measure.value, indicator.decimals)
    return texts


@dataclass
class EntryRow:
    """One indicator due in the period: its figure as stored, the edits to it, how it stands."""

    indicator: Indicator
    saved: dict[str, str]                        # field -> text as stored ("" when not entered)
    measures: dict[Period, Measure]              # the unit's stored entries of the year
    own_targets: Mapping[int | None, Target] | None
    assessment: Assessment | None = None         # None while the edited input is refused
    edits: dict[str, str] = field(default_factory=dict)
    problems: dict[int, list[str]] = field(default_factory=dict)   # column -> messages

    @property
    def is_rate(self) -> bool:
        return self.indicator.kind is Kind.RATE

    def text(self, name: str) -> str:
        return self.edits.get(name, self.saved[name])

    def input(self) -> EntryInput:
        def given(name: str) -> str | None:
            return self.text(name) or None
        if self.is_rate:
            return EntryInput(self.indicator.code, given("numerator"), given("denominator"),
                              None, given("note"))
        return EntryInput(self.indicator.code, None, None, given("value"), given("note"))

    def editable_columns(self) -> tuple[int, ...]:
        return (NUMERATOR, DENOMINATOR, NOTE) if self.is_rate else (VALUE, NOTE)

    def first_problem(self) -> str:
        for column in sorted(self.problems):
            return self.problems[column][0]
        return ""


class EntryModel(QAbstractTableModel):
    """Adapter over the entry services: rows come from store.entries, every check from check_input,
    every status from core.attainment.assess. Edits stay here until the page saves them."""

    checked = Signal(str)   # after an edit: the first problem of the rows it touched, or ""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EntryRow] = []
        self._shown: list[int] = []
        self._filter = ""
        self._plan: Plan | None = None
        self.unit: Unit | None = None
        self.period: Period | None = None
        self.read_only = False
        self._today = dt.date.today()

    # --- loading ------------------------------------------------------------------------------

    def load(self, store: Store, plan: Plan, unit: Unit, period: Period, *,
             read_only: bool = False, keep_edits: bool = False) -> None:
        """Fetch the unit's figures for the period: three queries, whatever the number of rows."""
        kept = {}
        if keep_edits and self.unit is not None and (unit.id, period) == (self.unit.id,
                                                                         self.period):
            kept = {row.indicator.code: row.edits for row in self._rows if row.edits}
        measures = entry_measures(store, unit, period.year, period.year)
        notes = entry_notes(store, unit, period)
        own = unit_targets(store, unit.id)
        self._today = dt.date.today()
        self.beginResetModel()
        self._plan, self.unit, self.period, self.read_only = plan, unit, period, read_only
        self._rows = []
        for indicator in plan.indicators:
            try:
                check_entry_period(plan, indicator, period)
            except QdeskError:
                continue
            mine = measures.get(indicator.code, {})
            row = EntryRow(indicator, _saved_texts(indicator, mine.get(period),
                                                   notes.get(indicator.code)),
                           mine, own.get(indicator.code))
            row.edits = dict(kept.get(indicator.code, {})) if not read_only else {}
            self._check(row)
            self._rows.append(row)
        self._shown = self._matching()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only the rows whose code or name holds the text; edits to hidden rows are kept."""
        self.beginResetModel()
        self._filter = text.strip().casefold()
        self._shown = self._matching()
        self.endResetModel()

    def _matching(self) -> list[int]:
        return [n for n, row in enumerate(self._rows)
                if not self._filter or self._filter in row.indicator.code.casefold()
                or self._filter in row.indicator.name.casefold()]

    # --- what the page asks -------------------------------------------------------------------

    def row(self, row: int) -> EntryRow:
        return self._rows[self._shown[row]]

    def row_of(self, code: str) -> int:
        """The shown row of an indicator, or -1."""
        return next((n for n, i in enumerate(self._shown) if self._rows[i].indicator.code == code),
                    -1)

    def editable_columns(self, row: int) -> tuple[int, ...]:
        return () if self.read_only else self.row(row).editable_columns()

    def has_edits(self) -> bool:
        return any(row.edits for row in self._rows)

    def problems(self) -> list[str]:
        """One line per refused row, e.g. "P03: 合格批次（30）大于监测批次（20）"."""
        return [self._line(row) for row in self._rows if row.problems]

    def edited_count(self) -> int:
        return sum(1 for row in self._rows if row.edits)

    def total(self) -> int:
        """Rows due in the period, shown or filtered out."""
        return len(self._rows)

    def entered_count(self) -> int:
        """Rows with a figure stored (before the edits)."""
        return sum(1 for row in self._rows if row.saved["numerator"] or row.saved["value"])

    def changes(self) -> list[EntryInput]:
        """The edited rows as the service takes them, every field of each row."""
        return [row.input() for row in self._rows if row.edits]

    def discard(self) -> None:
        self.beginResetModel()
        for row in self._rows:
            row.edits.clear()
            self._check(row)
        self.endResetModel()

    # --- editing ------------------------------------------------------------------------------

    def set_texts(self, cells: Iterable[tuple[int, int, str]]) -> None:
        """Apply typed or pasted texts (shown row, column, text) to editable cells, then check
        each row touched; emits `checked` with the first problem found."""
        if self.read_only:
            return
        touched: list[int] = []
        for row, column, text in cells:
            item = self.row(row)
            if column not in item.editable_columns():
                continue
            name = COLUMN_FIELD[column]
            text = text.strip()
            if text == item.saved[name]:
                item.edits.pop(name, None)
            else:
                item.edits[name] = text
            if row not in touched:
                touched.append(row)
        for row in touched:
            self._check(self.row(row))
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        first = next((self._line(self.row(r)) for r in touched if self.row(r).problems), "")
        self.checked.emit(first)

    def paste(self, row: int, column: int, block: list[list[str]]) -> int:
        """Fill cells from a block copied in Excel or WPS; returns how many lines found a row.

        Line k of the block goes to the k-th shown row from `row` down. Its fields go, in order,
        to that row's editable cells — 分子, 分母, 备注 for a rate; 数值, 备注 otherwise —
        starting at the note if the block was pasted in the 备注 column (or 目标, 状态), at the
        denominator if pasted in a rate's 分母, and at the row's first figure anywhere else.
        Read-only cells take no field; fields left over are dropped. So 分子 分母 columns pasted
        on a rate row fill numerator and denominator, whatever the rows below are.
        """
        if self.read_only:
            return 0
        cells = []
        lines = block[:max(0, self.rowCount() - row)]
        for offset, fields in enumerate(lines):
            editable = self.editable_columns(row + offset)
            if column > VALUE:
                start = NOTE
            elif column == DENOMINATOR and DENOMINATOR in editable:
                start = DENOMINATOR
            else:
                start = editable[0]
            targets = editable[editable.index(start):]
            cells += [(row + offset, c, text) for c, text in zip(targets, fields)]
        self.set_texts(cells)
        return len(lines)

    def _check(self, row: EntryRow) -> None:
        """The row's input through check_input, and its status through assess."""
        assert self._plan is not None and self.period is not None
        row.problems = {}
        measures = row.measures
        if row.edits:
            try:
                _, value = check_input(self._plan, self.period, row.input())
            except QdeskError as exc:
                for problem in exc.problems:
                    columns = ([FIELD_COLUMN[problem.field]] if problem.field in FIELD_COLUMN
                               else row.editable_columns())
                    for column in columns:
                        row.problems.setdefault(column, []).append(problem.message.render())
                row.assessment = None
                return
            measures = {**measures, self.period: value.measure()}
        row.assessment = assess(self._plan, row.indicator, self.period, measures, self._today,
                                row.own_targets)

    def _line(self, row: EntryRow) -> str:
        return self.tr("%1: %2").replace("%1", row.indicator.code).replace(
            "%2", row.first_problem())

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Category"), self.tr("Code"), self.tr("Indicator"),
                    self.tr("Numerator"), self.tr("Denominator"), self.tr("Value"),
                    self.tr("Target"), self.tr("Status"), self.tr("Note")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {VALUE: self.tr("A rate is computed from its numerator and denominator"),
                    TARGET: self.tr("The unit's own target where it has one, else the plan's")
                    }.get(section)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.editable_columns(index.row()):
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
        row, column = self.row(index.row()), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), row, column)
        if role == StatusRole:
            return row.assessment.status.value if row.assessment else None
        if role == ProblemRole:
            return "\n".join(row.problems.get(column, []))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and row.assessment:
            return _STATUS_COLOUR[row.assessment.status]
        if role == Qt.ItemDataRole.FontRole and column in (CATEGORY, STATUS):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in FIGURE_COLUMNS | {TARGET}:
            return _NUMBER_ALIGN
        return None

    def _text(self, shown: int, row: EntryRow, column: int) -> str:
        indicator = row.indicator
        if column == CATEGORY:
            # The category heads its group: written on the group's first shown row only.
            above = self.row(shown - 1).indicator.category if shown else None
            return indicator.category if indicator.category != above else ""
        if column == CODE:
            return indicator.code
        if column == NAME:
            return indicator.name
        if column in (NUMERATOR, DENOMINATOR, NOTE):
            return row.text(COLUMN_FIELD[column])
        if column == VALUE:
            if row.is_rate:
                return row.assessment.display if row.assessment else ""
            return row.text("value")
        if column == TARGET:
            target = row.assessment.target if row.assessment else indicator.target_for(
                self.period.year, row.own_targets)
            return target.label(indicator.unit) if target else ""
        if column == STATUS and row.assessment:
            return {Status.MET: self.tr("Met"), Status.NOT_MET: self.tr("Not met"),
                    Status.NO_DATA: self.tr("No data")}[row.assessment.status]
        return ""

    def _tooltip(self, row: EntryRow, column: int) -> str | None:
        if row.problems.get(column):
            return "\n".join(row.problems[column])
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
        if column == TARGET and row.own_targets:
            plan_target = indicator.target_for(self.period.year)
            return self.tr("The unit's own target; the plan's is %1").replace(
                "%1", plan_target.label(indicator.unit) if plan_target else "—")
        return None

    def _background(self, row: EntryRow, column: int) -> QColor | None:
        if column in row.problems:
            return _BAD
        if COLUMN_FIELD.get(column) in row.edits:
            return _EDITED
        if column in FIGURE_COLUMNS and column not in row.editable_columns():
            return _COMPUTED
        return None
