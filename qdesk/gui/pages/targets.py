"""指标与目标: the plan's indicators and targets, and each subordinate unit's own (目标责任书)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QItemSelectionModel,
                            QModelIndex, QObject, QPersistentModelIndex, Qt,
                            Signal)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView,
                               QMessageBox, QPushButton, QTableView, QTabWidget, QVBoxLayout,
                               QWidget)

from qdesk.core.errors import InputError, QdeskError
from qdesk.core.plan import Indicator, Kind, Plan
from qdesk.core.targets import Target
from qdesk.gui.file_dialogs import open_file_name, save_file_name
from qdesk.gui.page import Page
from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.undo import EditHistory
from qdesk.exchange.unit_targets import TargetsImport, import_targets_sheet, write_targets_sheet
from qdesk.gui.widgets import (ERROR_BACKGROUND, ERROR_STYLE, Retranslating, TargetDelegate,
                               UnitCombo, as_typed, commit_open_editor, frequency_label,
                               kind_label, plain_label)
from qdesk.gui.workers import Bug, Cancelled, Done, Job, Outcome, Refused, Worker, run_with_progress
from qdesk.store.plans import UnitTarget, unit_targets, write_unit_targets
from qdesk.store.units import Unit

PENDING_BACKGROUND = QColor(255, 243, 196)
INHERITED_FOREGROUND = QColor(128, 128, 128)

_Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


def _target_label(target: Target | None, indicator: Indicator) -> str:
    return target.label(indicator.unit) if target else ""


def _indicator_tooltip(indicator: Indicator) -> str:
    lines = [f"{indicator.code} {indicator.name}",
             QCoreApplication.translate("TargetsPage", "Category: {category}")
             .format(category=indicator.category)]
    if indicator.kind is Kind.RATE:
        lines.append(QCoreApplication.translate("TargetsPage",
                                                "Entered as {numerator} / {denominator}")
                     .format(numerator=indicator.numerator, denominator=indicator.denominator))
    if indicator.responsible:
        lines.append(QCoreApplication.translate("TargetsPage", "Supplied by: {unit}")
                     .format(unit=indicator.responsible))
    if indicator.note:
        lines.append(QCoreApplication.translate("TargetsPage", "Note: {note}")
                     .format(note=indicator.note))
    return "\n".join(lines)


class PlanIndicatorsModel(QAbstractTableModel):
    """The plan's indicators, read-only: the standing target and the one that applies each year."""

    FIXED = 6   # code, name, kind, unit, frequency, standing target; then one column per year

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.years = list(range(plan.start_year, plan.end_year + 1))

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.years = list(range(plan.start_year, plan.end_year + 1))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.plan.indicators)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.FIXED + len(self.years)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < self.FIXED:
                return (self.tr("Code"), self.tr("Indicator"), self.tr("Kind"), self.tr("Unit"),
                        self.tr("Entered"), self.tr("Target"))[section]
            return str(self.years[section - self.FIXED])
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.FIXED - 1:
                return self.tr("The standing target: it applies in every year that has no "
                               "target of its own, and in the plan's final year")
            if section >= self.FIXED:
                return self.tr("The target that applies in {year}; grey where the year "
                               "follows the standing target").format(
                    year=self.years[section - self.FIXED])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        indicator = self.plan.indicators[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column >= self.FIXED:
                return _target_label(indicator.target_for(self.years[column - self.FIXED]),
                                     indicator)
            return (indicator.code, indicator.name, kind_label(indicator.kind),
                    indicator.unit, frequency_label(indicator.frequency),
                    _target_label(indicator.target, indicator))[column]
        year_of_own = column >= self.FIXED and self.years[column - self.FIXED] in indicator.targets
        if role == Qt.ItemDataRole.ForegroundRole and column >= self.FIXED and not year_of_own:
            return QBrush(INHERITED_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return as_typed(_indicator_tooltip(indicator))
            if column >= self.FIXED - 1:
                target = (indicator.target if column == self.FIXED - 1 else
                          indicator.target_for(self.years[column - self.FIXED]))
                return as_typed(self.tr("As the template writes it: {target}").format(
                    target=str(target))) if target else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


@dataclass(frozen=True)
class TargetEdits:
    """A unit's unsaved targets at one moment: indicator code -> text, and the refusals."""

    pending: tuple[tuple[str, str], ...]
    errors: tuple[tuple[str, str], ...]


class UnitTargetsModel(QAbstractTableModel):
    """One unit's own targets, editable: typed text is checked with Target.parse and kept pending.

    Only the target for every year (year None) is edited here; a unit's targets for single years
    are shown in the cell's tooltip.
    """

    COLUMNS = 5     # code, name, unit, plan target, the unit's own target
    OWN = 4
    invalid = Signal(str)       # a typed target was refused: the message to show
    edited = Signal()           # the clerk changed a cell (not a reload, not an undo)

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.unit: Unit | None = None
        self._stored: dict[str, dict[int | None, Target]] = {}
        self.pending: dict[str, str] = {}     # indicator code -> target text to write
        self.errors: dict[str, str] = {}      # indicator code -> why the typed text is refused

    def set_unit(self, unit: Unit | None, stored: dict[str, dict[int | None, Target]]) -> None:
        """Show another unit; pending edits are dropped."""
        self.beginResetModel()
        self.unit = unit
        self._stored = stored
        self.pending.clear()
        self.errors.clear()
        self.endResetModel()

    def set_stored(self, stored: dict[str, dict[int | None, Target]]) -> None:
        """What the database holds now; pending edits that match it are no longer pending."""
        self._stored = stored
        for code in [c for c, text in self.pending.items() if text == self.stored_text(c)]:
            del self.pending[code]
            self.errors.pop(code, None)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.OWN),
                                  self.index(self.rowCount() - 1, self.OWN))

    def stored_text(self, code: str) -> str:
        target = self._stored.get(code, {}).get(None)
        return str(target) if target else ""

    def shown(self, code: str) -> str:
        """The cell as the page shows it: a valid target in the one notation, else as typed."""
        text = self.text(code)
        if not text or code in self.errors:
            return text
        return Target.parse(text).label(self.plan.indicators[self.row_of(code)].unit)

    def text(self, code: str) -> str:
        """What the cell holds: the pending text, else the stored target."""
        return self.pending.get(code, self.stored_text(code))

    def row_of(self, code: str) -> int:
        return next(n for n, i in enumerate(self.plan.indicators) if i.code == code)

    def changes(self) -> list[tuple[str, str]]:
        """(indicator code, target) for every valid pending edit, in plan order."""
        return [(i.code, self.pending[i.code]) for i in self.plan.indicators
                if i.code in self.pending and i.code not in self.errors]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.unit is None else len(self.plan.indicators)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Code"), self.tr("Indicator"), self.tr("Unit"),
                    self.tr("Plan target"), self.tr("Unit's own target"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.OWN:
            return self.tr("Write the target as documents do: ≥95%, 不低于95%, 95%以上, 3～5家 "
                           "(at least 3, aiming at 5), 3..5 (a band), 低于上年同期; a bare 95 "
                           "takes the plan's comparison. Leave empty to follow the plan's target")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.OWN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.unit is None:
            return None
        indicator = self.plan.indicators[index.row()]
        code, column = indicator.code, index.column()
        if column != self.OWN:
            if role == Qt.ItemDataRole.DisplayRole:
                return (code, indicator.name, indicator.unit,
                        _target_label(indicator.target, indicator), None)[column]
            if role == Qt.ItemDataRole.ToolTipRole and column == 1:
                return as_typed(_indicator_tooltip(indicator))
            if role == Qt.ItemDataRole.ToolTipRole and column == 3:
                return as_typed(self._plan_target_tooltip(indicator) or "") or None
            if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        text = self.text(code)
        if role == Qt.ItemDataRole.EditRole:
            return text if not text or code in self.errors else \
                Target.parse(text).written(indicator.unit)
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self.shown(code) or self.tr("follows the plan")
            single = self._single_years(indicator)
            return f"{shown}（{single}）" if single else shown
        if role == Qt.ItemDataRole.ForegroundRole and not text:
            return QBrush(INHERITED_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and not text:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if code in self.errors:
                return QBrush(ERROR_BACKGROUND)
            if code in self.pending:
                return QBrush(PENDING_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_typed(self._own_target_tooltip(indicator))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.OWN or self.unit is None:
            return False
        code = self.plan.indicators[index.row()].code
        typed = str(value or "").strip()
        stored = self.stored_text(code)
        self.errors.pop(code, None)
        self.pending.pop(code, None)
        if typed and typed != stored:
            try:
                normalised = str(Target.parse(typed, like=self.plan.indicators[index.row()].target))
            except InputError as exc:
                self.pending[code] = typed
                self.errors[code] = exc.render()
            else:
                if normalised != stored:
                    self.pending[code] = normalised
        elif not typed and stored:
            # The store can add and change a unit's target but not remove one (set_unit_target
            # has no delete), so an emptied cell is refused rather than silently kept.
            plan_target = self.plan.indicators[index.row()].target
            self.pending[code] = ""
            self.errors[code] = self.tr(
                "A unit's own target cannot be cleared yet; type the plan's target ({target}) "
                "to follow it again").format(
                    target=plan_target.written(self.plan.indicators[index.row()].unit)
                    if plan_target else "—")
        self.dataChanged.emit(index, index)
        if code in self.errors:
            self.invalid.emit(f"{code}: {self.errors[code]}")
        self.edited.emit()
        return True

    def snapshot(self) -> TargetEdits:
        """The pending edits and their refusals, as a value (the page's undo keeps these)."""
        return TargetEdits(tuple(sorted(self.pending.items())), tuple(sorted(self.errors.items())))

    def restore(self, snapshot: object) -> None:
        assert isinstance(snapshot, TargetEdits)
        self.pending, self.errors = dict(snapshot.pending), dict(snapshot.errors)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.OWN),
                                  self.index(self.rowCount() - 1, self.OWN))

    def _plan_target_tooltip(self, indicator: Indicator) -> str | None:
        if not indicator.targets:
            return None
        years = "\n".join(f"{year}: {target.label(indicator.unit)}"
                          for year, target in sorted(indicator.targets.items()))
        return self.tr("Every year: {target}\nSingle years:\n{years}").format(
            target=_target_label(indicator.target, indicator), years=years)

    def _own_target_tooltip(self, indicator: Indicator) -> str:
        code = indicator.code
        if code in self.errors:
            return self.errors[code]
        lines = [self.tr("Follows the plan's target") if not self.text(code) else
                 self.tr("Applies in every year instead of the plan's target")]
        if code in self.pending:
            stored = self._stored.get(code, {}).get(None)
            lines.append(self.tr("Not saved yet (was: {old})").format(
                old=stored.label(indicator.unit) if stored else self.tr("follows the plan")))
        single = self._single_years(indicator)
        if single:
            lines.append(self.tr("Own targets for single years (they take precedence): {years}")
                         .format(years=single))
        return "\n".join(lines)

    def _single_years(self, indicator: Indicator) -> str:
        """The unit's own targets for single years, as 2020：≥97%, from a targets sheet."""
        single = {y: t for y, t in self._stored.get(indicator.code, {}).items() if y is not None}
        return "；".join(f"{y}：{t.label(indicator.unit)}" for y, t in sorted(single.items()))


class TargetsPage(Retranslating, Page):
    """指标与目标: what the plan asks of each indicator, and what each unit has signed up to."""

    shows = frozenset({"targets", "indicators", "plans", "units"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading = plain_label()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.figure = plain_label()

        self.plan_model = PlanIndicatorsModel(session.plan, self)
        self.plan_table = self._table(self.plan_model)
        self.plan_model.modelReset.connect(lambda: self._fit_columns(self.plan_table))

        self.unit_label = plain_label()
        self.unit_combo = UnitCombo(session)
        if self.unit_combo.count() and self.unit_combo.itemData(0).id == session.home.id:
            self.unit_combo.removeItem(0)     # the home unit works to the plan itself
        self.unit_combo.setMinimumContentsLength(12)
        self.unit_hint = plain_label()
        self.unit_hint.setWordWrap(True)
        self.unit_model = UnitTargetsModel(session.plan, self)
        self.unit_model.invalid.connect(self.status_message)
        self.unit_model.dataChanged.connect(self._update_buttons)
        self.edit_history: EditHistory = EditHistory(self.unit_model, self.tr("edit targets"), self)
        self.unit_model.edited.connect(self.edit_history.note)
        self.unit_model.modelReset.connect(self._update_buttons)
        self.unit_table = self._table(self.unit_model)
        self.unit_table.setItemDelegateForColumn(UnitTargetsModel.OWN, TargetDelegate(self))
        self.unit_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed
                                        | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.unit_model.modelReset.connect(lambda: self._fit_columns(self.unit_table))
        self.problem = plain_label()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.letter_button = QPushButton()
        self.letter_button.clicked.connect(self.write_letter)

        self.sheet_label = plain_label()
        self.year_combo = QComboBox()
        plan = session.plan
        for year in range(plan.start_year, plan.end_year + 1):
            self.year_combo.addItem(str(year), year)
        this_year = min(max(dt.date.today().year, plan.start_year), plan.end_year)
        self.year_combo.setCurrentIndex(this_year - plan.start_year)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_sheet)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_sheet)
        self.sheet_info = plain_label()
        self.sheet_info.setWordWrap(True)
        self.sheet_info.hide()
        self._task: Worker | None = None

        chooser = QHBoxLayout()
        chooser.addWidget(self.unit_label)
        chooser.addWidget(self.unit_combo)
        chooser.addWidget(self.letter_button)
        chooser.addStretch(1)
        chooser.addWidget(self.discard_button)
        chooser.addWidget(self.save_button)
        sheet = QHBoxLayout()
        sheet.addWidget(self.sheet_label)
        sheet.addWidget(self.year_combo)
        sheet.addWidget(self.export_button)
        sheet.addWidget(self.import_button)
        sheet.addStretch(1)
        unit_tab = QWidget()
        unit_layout = QVBoxLayout(unit_tab)
        unit_layout.addLayout(sheet)
        unit_layout.addWidget(self.sheet_info)
        unit_layout.addLayout(chooser)
        unit_layout.addWidget(self.unit_hint)
        unit_layout.addWidget(self.unit_table, 1)
        unit_layout.addWidget(self.problem)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_table, "")
        self.tabs.addTab(unit_tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.figure)
        layout.addWidget(self.tabs, 1)

        self._unit: Unit | None = None
        self.unit_combo.currentIndexChanged.connect(self._unit_chosen)
        self.retranslate()
        self._load_unit(self.unit_combo.unit() if self.unit_combo.count() else None)
        self._fit_columns(self.plan_table)

    @staticmethod
    def _fit_columns(table: QTableView) -> None:
        """Columns fit their widest cell plus air; the indicator name takes the rest."""
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(table.model().columnCount()):
            if column != 1:
                width = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
                table.setColumnWidth(column, width + 14)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if isinstance(table.model(), UnitTargetsModel):
            table.setColumnWidth(UnitTargetsModel.OWN, max(table.columnWidth(UnitTargetsModel.OWN),
                                                           180))

    @staticmethod
    def _table(model: QAbstractTableModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        return table

    def name(self) -> str:
        return self.tr("Indicators and targets")

    def retranslate(self) -> None:
        plan = self.session.plan
        doc = f"（{plan.doc_number}）" if plan.doc_number else ""
        self.heading.setText(f"{plan.title}{doc}")
        self.figure.setText(self.tr("{start}–{end}, {count} indicators. Grey years follow the "
                                  "standing target.").format(
            start=plan.start_year, end=plan.end_year, count=len(plan.indicators)))
        self.tabs.setTabText(0, self.tr("Plan indicators"))
        self.tabs.setTabText(1, self.tr("Unit targets"))
        self.unit_label.setText(self.tr("Unit:"))
        self.unit_hint.setText(self.tr(
            "A unit's own target (from its target responsibility letter) replaces the plan's in "
            "every year. Double-click a cell or start typing to change it; an empty cell follows "
            "the plan."))
        self.save_button.setText(self.tr("Save"))
        self.letter_button.setText(self.tr("Responsibility letter…"))
        self.letter_button.setToolTip(self.tr(
            "The unit's target responsibility letter (目标责任书) for the year chosen above, as a "
            "PDF with both parties' signature blocks"))
        self.discard_button.setText(self.tr("Discard changes"))
        self.sheet_label.setText(self.tr("Every unit's targets as one sheet, for"))
        self.export_button.setText(self.tr("Export targets sheet…"))
        self.export_button.setToolTip(self.tr(
            "A workbook of the indicators down and the units across, the plan's target beside "
            "each indicator: fill it in and import it"))
        self.import_button.setText(self.tr("Import targets sheet…"))
        self.import_button.setToolTip(self.tr(
            "Every unit's targets from a filled sheet, all or nothing: a bad cell is named and "
            "nothing is saved"))

    def refresh(self) -> None:
        """Read again; pending edits survive unless the plan itself was replaced."""
        if self.session.plan is not self.plan_model.plan:
            self.plan_model.set_plan(self.session.plan)
            self.unit_model.plan = self.session.plan
            self._load_unit(self._unit)
        elif self._unit is not None:
            self.unit_model.set_stored(unit_targets(self.session.store, self._unit.id))
        self.retranslate()

    def has_unsaved(self) -> bool:
        commit_open_editor(self.unit_table)
        return bool(self.unit_model.pending)

    def discard(self) -> None:
        self._load_unit(self._unit)
        self._show_problem("")

    def save(self) -> bool:
        """Write the unit's changed targets (audited), all or none; refused while one is wrong."""
        commit_open_editor(self.unit_table)
        unit = self._unit
        if unit is None or not self.unit_model.pending:
            return True
        if self.unit_model.errors:
            code, problem = next(iter(self.unit_model.errors.items()))
            message = self.tr("Not saved: {code}: {problem}").format(code=code, problem=problem)
            self._show_problem(message)
            self.status_message.emit(message)
            # Point at the cell without selecting it, so its red stays visible.
            cell = self.unit_model.index(self.unit_model.row_of(code), UnitTargetsModel.OWN)
            self.unit_table.selectionModel().setCurrentIndex(
                cell, QItemSelectionModel.SelectionFlag.Clear)
            self.unit_table.scrollTo(cell)
            return False
        changes = self.unit_model.changes()
        try:
            written = write_unit_targets(self.session.store, [
                UnitTarget(unit, code, Target.parse(expr)) for code, expr in changes])
        except QdeskError as exc:
            message = self.tr("Not saved: {problem}").format(problem=exc.render())
            self._show_problem(message)
            self.status_message.emit(message)
            return False
        self.unit_model.set_stored(unit_targets(self.session.store, unit.id))
        self.edit_history.reset()
        self._show_problem("")
        self.status_message.emit(self.tr("Saved %n target(s) of {unit}", "", len(changes))
                                 .format(unit=unit.name))
        if written:
            self.changed.emit(written)
        return True

    # --- the targets sheet ---------------------------------------------------------------------

    def choose_export_file(self, year: int) -> str:
        """Where to write the sheet; empty if the clerk cancelled. A method so tests can answer."""
        name = f"{self.session.home.code}-{year}-目标责任书.xlsx"
        return save_file_name(self, self.tr("Export the units' targets as"), name,
                              self.tr("Excel workbooks (*.xlsx)"))

    def choose_import_file(self) -> str:
        return open_file_name(self, self.tr("Import the units' targets"),
                              self.tr("Excel workbooks (*.xlsx)"))

    def export_sheet(self) -> None:
        year = int(self.year_combo.currentData())
        chosen = self.choose_export_file(year)
        if not chosen:
            return
        writing = self.tr("Writing the targets sheet")

        def work(job: Job) -> Path:
            job.report(5, writing)
            return write_targets_sheet(job.store, year, Path(chosen))

        def finished(outcome: Outcome[Path]) -> None:
            if isinstance(outcome, Done):
                self._say_sheet(self.tr("Written: {path}").format(path=outcome.value))
            else:
                self._sheet_failed(outcome)

        self._start_sheet_work(writing, work, finished)

    def choose_letter_file(self, unit: Unit, year: int) -> str:
        """Where to write the letter; empty if the clerk cancelled. A method so tests can answer."""
        name = f"{unit.name}{year}年度目标责任书.pdf"
        return save_file_name(self, self.tr("Save the responsibility letter as"), name,
                              self.tr("PDF documents (*.pdf)"))

    def write_letter(self) -> None:
        """The chosen unit's 目标责任书 for the year of the sheet row, from its saved targets."""
        unit, year = self._unit, int(self.year_combo.currentData())
        if unit is None:
            return
        if self.has_unsaved():
            self._say_sheet(self.tr("Save or discard the changes to {unit} first.").format(
                unit=unit.name), error=True)
            return
        chosen = self.choose_letter_file(unit, year)
        if not chosen:
            return
        writing = self.tr("Writing the responsibility letter")

        def work(job: Job) -> Path:
            from qdesk.reports.responsibility import build_responsibility

            job.report(5, writing)
            return build_responsibility(job.store, unit.code, year, Path(chosen)).path

        def finished(outcome: Outcome[Path]) -> None:
            if isinstance(outcome, Done):
                self._say_sheet(self.tr("Written: {path}").format(path=outcome.value))
            else:
                self._sheet_failed(outcome)

        self._start_sheet_work(writing, work, finished)

    def import_sheet(self) -> None:
        """A filled sheet for every unit at once; refused whole, naming each bad cell."""
        if self.has_unsaved():
            self._say_sheet(self.tr("Save or discard the changes to {unit} first.").format(
                unit=self._unit.name if self._unit else ""), error=True)
            return
        chosen = self.choose_import_file()
        if not chosen:
            return
        reading = self.tr("Importing the targets sheet")

        def work(job: Job) -> TargetsImport:
            job.report(5, reading)
            return import_targets_sheet(job.store, Path(chosen))

        def finished(outcome: Outcome[TargetsImport]) -> None:
            if not isinstance(outcome, Done):
                self._sheet_failed(outcome)
                return
            result = outcome.value
            said = self.tr("Targets for {year} imported: %n changed", "", len(result.written)) \
                .format(year=result.year)
            said += self.tr(", {unchanged} already so").format(unchanged=result.unchanged)
            self._say_sheet("\n".join([said, *(w.render() for w in result.warnings)]))
            self.status_message.emit(said)
            if self._unit is not None:
                self.unit_model.set_stored(unit_targets(self.session.store, self._unit.id))
            if result.changes:
                self.changed.emit(result.changes)

        self._start_sheet_work(reading, work, finished)

    def _start_sheet_work(self, title: str, work: Callable[[Job], T],
                          finished: Callable[[Outcome[T]], None]) -> None:
        def done(outcome: Outcome[T]) -> None:
            self._task = None
            for button in (self.export_button, self.import_button, self.letter_button):
                button.setEnabled(True)
            finished(outcome)

        self.sheet_info.hide()
        for button in (self.export_button, self.import_button, self.letter_button):
            button.setEnabled(False)
        self._task = run_with_progress(self, title, self.session, work, done)

    def _sheet_failed(self, outcome: Cancelled | Refused | Bug) -> None:
        match outcome:
            case Cancelled():
                self._say_sheet(self.tr("Cancelled: nothing was changed."), error=True)
            case Refused(error):
                self._say_sheet(self.tr("Nothing was saved:\n{problems}").format(
                    problems=error.render()), error=True)
            case Bug(trace):
                self._say_sheet(program_error(self, trace), error=True)

    def _say_sheet(self, text: str, error: bool = False) -> None:
        self.sheet_info.setText(text)
        self.sheet_info.setStyleSheet(ERROR_STYLE if error else "")
        self.sheet_info.show()

    def _unit_chosen(self, index: int) -> None:
        unit = self.unit_combo.itemData(index)
        if self._unit is not None and unit is not None and unit.id == self._unit.id:
            return
        if self.has_unsaved():
            answer = QMessageBox.question(
                self, self.tr("Unsaved targets"),
                as_typed(self.tr("The targets of {unit} have unsaved changes. Save them?").format(
                    unit=self._unit.name if self._unit else "")),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if (answer == QMessageBox.StandardButton.Cancel
                    or (answer == QMessageBox.StandardButton.Save and not self.save())):
                self._select_unit(self._unit)
                return
        self._load_unit(unit)

    def _select_unit(self, unit: Unit | None) -> None:
        self.unit_combo.blockSignals(True)
        for n in range(self.unit_combo.count()):
            if unit is not None and self.unit_combo.itemData(n).id == unit.id:
                self.unit_combo.setCurrentIndex(n)
        self.unit_combo.blockSignals(False)

    def _load_unit(self, unit: Unit | None) -> None:
        self._unit = unit
        stored = unit_targets(self.session.store, unit.id) if unit else {}
        self.unit_model.set_unit(unit, stored)
        self.edit_history.reset()
        self._show_problem("")

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _update_buttons(self, *args: object) -> None:
        dirty = bool(self.unit_model.pending)
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)


