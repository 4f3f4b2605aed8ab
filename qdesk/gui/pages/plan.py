"""方案: the plan editor — its own fields, its calendar, its indicators — saved as a new version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QTabWidget, QVBoxLayout, QWidget)

from qdesk.core.documents import ReportKind
from qdesk.core.errors import QdeskError
from qdesk.core.i18n import Msg
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency
from qdesk.core.plan import Kind, OverTime, OverUnits, Source
from qdesk.core.units import Level
from qdesk.exchange.plan_file import export_plan
from qdesk.gui.file_dialogs import save_file_name
from qdesk.gui.page import Page
from qdesk.gui.plan_tasks import TaskTable
from qdesk.gui.session import Session
from qdesk.gui.undo import EditHistory
from qdesk.gui.widgets import (ERROR_BACKGROUND, Retranslating, TargetDelegate, as_typed,
                               commit_open_editor, frequency_label, kind_label, plain_label,
                               problem_label)
from qdesk.plans.template_writer import template_text
from qdesk.store.plans import figure_years, tasks_with_progress, update_plan
from qdesk.store.units import list_units
from qdesk.views.plan_draft import INDICATOR_KEYS, SCHEDULED, DraftEdits, Place, PlanDraft
from qdesk.views.plan_update import describe

HELD_FOREGROUND = QColor(110, 110, 110)
_Index = QModelIndex | QPersistentModelIndex
_CHOICE_KEYS = ("kind", "frequency", "over_units", "over_time", "source")
# The table's columns: every field of an indicator but whether it is retired, which the
# Retire / Restore button sets and the row's header shows.
_COLUMNS = tuple(key for key in INDICATOR_KEYS if key != "retired")
_SHOWN_PROBLEMS = 8     # the summary under the table names this many, then counts the rest


class IndicatorTableModel(QAbstractTableModel):
    """The draft's indicators, one column per field and one per year's own target."""

    edited = Signal()       # a cell was changed: the draft is judged again

    def __init__(self, draft: PlanDraft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.years = draft.years()

    def set_draft(self, draft: PlanDraft) -> None:
        self.beginResetModel()
        self.draft = draft
        self.years = draft.years()
        self.endResetModel()

    def judged(self) -> None:
        """Show the draft's new problems; new year columns when the span changed."""
        if self.draft.years() != self.years:
            self.set_draft(self.draft)
        elif self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def key(self, column: int) -> str:
        """The draft's key of a column: a field, or targets.2026 for a year's own target."""
        if column < len(_COLUMNS):
            return _COLUMNS[column]
        return f"targets.{self.years[column - len(_COLUMNS)]}"

    def column_of(self, key: str) -> int:
        if key in _COLUMNS:
            return _COLUMNS.index(key)
        return len(_COLUMNS) + self.years.index(int(key.split(".", 1)[1]))

    def header(self, key: str) -> str:
        if key.startswith("targets."):
            return self.tr("{year} target").format(year=key.split(".", 1)[1])
        return {"code": self.tr("Code"), "name": self.tr("Indicator"),
                "category": self.tr("Category"), "kind": self.tr("Kind"),
                "numerator": self.tr("Numerator label"),
                "denominator": self.tr("Denominator label"), "unit": self.tr("Unit"),
                "decimals": self.tr("Decimals"), "frequency": self.tr("Entered"),
                "target": self.tr("Target"), "over_units": self.tr("Across units"),
                "over_time": self.tr("Across periods"),
                "responsible": self.tr("Responsible unit"), "note": self.tr("Note"),
                "source": self.tr("Office figure")}.get(key, key)

    def choices(self, key: str) -> list[tuple[str, str]]:
        """(value, label) of a column chosen from a list."""
        if key == "kind":
            return [(k.value, kind_label(k)) for k in Kind]
        if key == "frequency":
            return [(f.value, frequency_label(f)) for f in Frequency]
        if key == "over_units":
            return [(r.value, self._rule_label(r.value)) for r in OverUnits]
        if key == "source":
            # An entered figure is the default, which the template leaves unwritten.
            return [("", self.tr("Typed")), (Source.UNITS.value, self.tr("From units"))]
        return [(r.value, self._rule_label(r.value)) for r in OverTime]

    def _rule_label(self, value: str) -> str:
        return {"ratio": self.tr("Ratio of sums"), "sum": self.tr("Sum"),
                "mean": self.tr("Mean"), "min": self.tr("Lowest"), "max": self.tr("Highest"),
                "last": self.tr("Latest"), "none": self.tr("Not combined")}[value]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.draft.indicators)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS) + len(self.years)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            if section < len(self.draft.indicators) and self.draft.retired(section):
                return self.tr("%1 retired").replace("%1", str(section + 1))
            return str(section + 1)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header(self.key(section))
        if role == Qt.ItemDataRole.ToolTipRole and self.key(section).startswith("targets."):
            return self.tr("The year's own target; empty: the year follows the standing target")
        if role == Qt.ItemDataRole.ToolTipRole and self.key(section) == "target":
            return self.tr("Write it as documents do: ≥90%, 不低于90%, 90%以上, 100%, 3～5家 "
                           "(at least 3, aiming at 5), 3..5 (a band), 低于上年同期")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._held(index) is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _held(self, index: _Index) -> Msg | None:
        key = self.key(index.column())
        return None if key.startswith("targets.") else self.draft.held(index.row(), key)

    def text(self, row: int, key: str) -> str:
        """What a cell holds as typed."""
        draft = self.draft.indicators[row]
        if key.startswith("targets."):
            return draft.targets.get(int(key.split(".", 1)[1]), "")
        return draft.fields[key]

    def problems(self, index: _Index) -> list[Msg]:
        return self.draft.problems_at(("indicator", index.row(), self.key(index.column())))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = index.row(), self.key(index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "target" or key.startswith("targets."):
                year = None if key == "target" else int(key.split(".", 1)[1])
                return self.draft.target_label(row, year)
            if key in _CHOICE_KEYS:
                return dict(self.choices(key)).get(self.text(row, key), self.text(row, key))
            return self.text(row, key)
        if role == Qt.ItemDataRole.BackgroundRole and self.problems(index):
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and (self._held(index) is not None
                                                       or self.draft.retired(row)):
            return QBrush(HELD_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            said = [m.render() for m in self.problems(index)]
            held = self._held(index)
            if held is not None:
                said.append(held.render() + self.tr(" (its figures stay; the indicator stays "
                                                    "in the plan)"))
            return as_typed("\n".join(said)) or None
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._held(index):
            return False
        row, key = index.row(), self.key(index.column())
        text = str(value if value is not None else "")
        if text == self.text(row, key):
            return False
        if key.startswith("targets."):
            self.draft.set_year_target(row, int(key.split(".", 1)[1]), text)
        else:
            self.draft.set_field(row, key, text)
        self.judged()
        self.edited.emit()
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a list (kind, frequency, roll-up), as the model names the choices."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        model = index.model()
        assert isinstance(model, IndicatorTableModel)
        combo = QComboBox(parent)
        for value, label in model.choices(model.key(index.column())):
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DeadlineRow(QWidget):
    """One report's deadline: none, day N of the Mth month after the period, or a fixed date."""

    NONE, AFTER, FIXED = 0, 1, 2
    edited = Signal()

    def __init__(self, report: ReportKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.label = plain_label()
        self.rule = QComboBox()
        self.rule.addItems(["", "", ""])
        # Wide ranges: the template loader, not the spin box, says what a deadline may be.
        self.number = QSpinBox()
        self.number.setRange(0, 99)
        self.day = QSpinBox()
        self.day.setRange(0, 99)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.rule, self.number, self.day):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.rule.currentIndexChanged.connect(self._rule_chosen)
        self.number.valueChanged.connect(self.edited)
        self.day.valueChanged.connect(self.edited)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.report.label.render())
        for index, text in ((self.NONE, self.tr("No deadline")),
                            (self.AFTER, self.tr("After the period ends:")),
                            (self.FIXED, self.tr("Every year on:"))):
            self.rule.setItemText(index, text)
        self.day.setSuffix(self.tr(" (day)"))
        self.fit()

    def show_fields(self, fields: dict[str, str] | None) -> None:
        for widget in (self.rule, self.number, self.day):
            widget.blockSignals(True)
        if fields is None:
            self.rule.setCurrentIndex(self.NONE)
        else:
            after = fields["months_after"]
            self.rule.setCurrentIndex(self.AFTER if after else self.FIXED)
            self.number.setValue(int(after or fields["month"] or 0))
            self.day.setValue(int(fields["day"] or 0))
        for widget in (self.rule, self.number, self.day):
            widget.blockSignals(False)
        self.fit()

    def fields(self) -> dict[str, str] | None:
        rule = self.rule.currentIndex()
        if rule == self.NONE:
            return None
        key = "months_after" if rule == self.AFTER else "month"
        return {key: str(self.number.value()), "day": str(self.day.value())}

    def fit(self) -> None:
        """The spin boxes are used only under a rule, and say what they hold under it."""
        rule = self.rule.currentIndex()
        self.number.setEnabled(rule != self.NONE)
        self.day.setEnabled(rule != self.NONE)
        after = rule == self.AFTER
        self.number.setPrefix(self.tr("month ") if after else "")
        self.number.setSuffix(self.tr(" after it") if after else self.tr(" (month)"))

    def mark(self, problems: dict[str | None, list[str]]) -> None:
        """Each widget red with the loader's reasons for the key it holds."""
        key = "months_after" if self.rule.currentIndex() == self.AFTER else "month"
        for widget, keys in ((self.rule, (None, "report")), (self.number, (key,)),
                             (self.day, ("day",))):
            said = [text for k in keys for text in problems.get(k, [])]
            _mark(widget, said)

    def _rule_chosen(self) -> None:
        self.fit()
        self.edited.emit()


def _mark(widget: QWidget, problems: list[str]) -> None:
    widget.setStyleSheet(f"background: {ERROR_BACKGROUND.name()};" if problems else "")
    widget.setToolTip(as_typed("\n".join(problems)))


class PlanEditorPage(Retranslating, Page):
    """方案: the plan's fields, calendar, indicators and tasks as a draft, checked by the
    template loader's rules as they are typed and saved whole as a new version through plan
    update."""

    shows = frozenset({"plans", "indicators", "targets", "deadlines", "entries", "tasks",
                       "task_progress", "units"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.draft = self._new_draft()
        self.edit_history: EditHistory = EditHistory(self, self.tr("edit the plan"), self)
        self.heading = plain_label()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)

        self.head_box = QGroupBox()
        self.title_label, self.title = plain_label(), QLineEdit()
        self.issuer_label, self.issuer = plain_label(), QLineEdit()
        self.doc_label, self.doc_number = plain_label(), QLineEdit()
        self.span_label, self.start_year, self.end_year = plain_label(), QSpinBox(), QSpinBox()
        self.span_dash = plain_label("—")
        for spin in (self.start_year, self.end_year):
            spin.setRange(1900, 2199)
        self.rounding_label, self.rounding = plain_label(), QComboBox()
        self.judge_label, self.judge = plain_label(), QComboBox()
        for rounding in Rounding:
            self.rounding.addItem("", rounding.value)
        for judge in Judge:
            self.judge.addItem("", judge.value)
        self._head_widgets: dict[str, QWidget] = {
            "title": self.title, "issuer": self.issuer, "doc_number": self.doc_number,
            "start_year": self.start_year, "end_year": self.end_year,
            "rounding": self.rounding, "judge": self.judge}
        for key, edit in (("title", self.title), ("issuer", self.issuer),
                          ("doc_number", self.doc_number)):
            edit.textEdited.connect(lambda text, key=key: self._head_edited(key, text))
        for key, spin in (("start_year", self.start_year), ("end_year", self.end_year)):
            spin.valueChanged.connect(lambda value, key=key: self._head_edited(key, str(value)))
        for key, combo in (("rounding", self.rounding), ("judge", self.judge)):
            combo.activated.connect(
                lambda _, key=key, combo=combo: self._head_edited(key, combo.currentData()))
        head = QGridLayout(self.head_box)
        head.addWidget(self.title_label, 0, 0)
        head.addWidget(self.title, 0, 1, 1, 5)
        head.addWidget(self.issuer_label, 1, 0)
        head.addWidget(self.issuer, 1, 1, 1, 2)
        head.addWidget(self.doc_label, 1, 3)
        head.addWidget(self.doc_number, 1, 4, 1, 2)
        span = QHBoxLayout()
        for widget in (self.start_year, self.span_dash, self.end_year):
            span.addWidget(widget)
        span.addStretch(1)
        head.addWidget(self.span_label, 2, 0)
        head.addLayout(span, 2, 1)
        head.addWidget(self.rounding_label, 2, 2)
        head.addWidget(self.rounding, 2, 3)
        head.addWidget(self.judge_label, 2, 4)
        head.addWidget(self.judge, 2, 5)
        head.setColumnStretch(1, 2)
        head.setColumnStretch(4, 1)

        # A tab of its own beside the indicators, not a box beside the plan's head: side by side
        # the two were wider than a laptop's screen.
        self.calendar_box = QWidget()
        calendar = QGridLayout(self.calendar_box)
        self.deadline_rows = [DeadlineRow(report) for report in SCHEDULED]
        for n, row in enumerate(self.deadline_rows):
            calendar.addWidget(row.label, n, 0)
            calendar.addWidget(row, n, 1)
            row.edited.connect(lambda row=row: self._deadline_edited(row))
        calendar.setRowStretch(len(self.deadline_rows), 1)
        calendar.setColumnStretch(2, 1)

        self.model = IndicatorTableModel(self.draft, self)
        self.model.edited.connect(self._judged)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self._choice_delegate = ChoiceDelegate(self)
        self._target_delegate = TargetDelegate(self)
        self._text_delegate = QStyledItemDelegate(self)
        self._set_delegates()
        self.model.modelReset.connect(self._set_delegates)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)

        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.retire_button = QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_indicator)
        self.remove_button.clicked.connect(self.remove_indicator)
        self.retire_button.clicked.connect(self.retire_indicator)
        self.up_button.clicked.connect(lambda: self.move_indicator(-1))
        self.down_button.clicked.connect(lambda: self.move_indicator(1))
        self.tasks = TaskTable(self.draft, self._leads())
        self.tasks.edited.connect(self._judged)
        self.tasks.refused.connect(self._say)
        self.problem = problem_label()
        self.pending = plain_label()
        self.pending.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_template)
        self.discard_button, self.save_button = QPushButton(), QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)

        rows = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.retire_button, self.up_button,
                       self.down_button):
            rows.addWidget(button)
        rows.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pending, 1)
        for button in (self.export_button, self.discard_button, self.save_button):
            bottom.addWidget(button)
        indicators = QWidget()
        indicators_layout = QVBoxLayout(indicators)
        indicators_layout.setContentsMargins(0, 0, 0, 0)
        indicators_layout.addLayout(rows)
        indicators_layout.addWidget(self.table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(indicators, "")
        self.tabs.addTab(self.tasks, "")
        self.tabs.addTab(self.calendar_box, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.head_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addLayout(bottom)
        self.retranslate()
        self._show_draft()
        self.edit_history.reset()

    def name(self) -> str:
        return self.tr("Plan")

    def retranslate(self) -> None:
        self.head_box.setTitle(self.tr("Plan"))
        self.title_label.setText(self.tr("Title"))
        self.issuer_label.setText(self.tr("Issued by"))
        self.doc_label.setText(self.tr("Document number"))
        self.span_label.setText(self.tr("Years"))
        self.rounding_label.setText(self.tr("Rounding"))
        self.judge_label.setText(self.tr("Judged on"))
        for index, text in enumerate((self.tr("Half up (四舍五入)"),
                                      self.tr("Half even (GB/T 8170)"))):
            self.rounding.setItemText(index, text)
        for index, text in enumerate((self.tr("The exact value"), self.tr("The rounded value"))):
            self.judge.setItemText(index, text)
        for row in self.deadline_rows:
            row.retranslate()
        self.tabs.setTabText(0, self.tr("Indicators"))
        self.tabs.setTabText(1, self.tr("Tasks"))
        self.tabs.setTabText(2, self.tr("Reporting calendar"))
        self.tabs.setTabToolTip(1, self.tr("The plan's qualitative work (重点工作任务), tracked "
                                           "period by period on 重点任务"))
        self.add_button.setText(self.tr("Add indicator"))
        self.remove_button.setText(self.tr("Remove"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.export_button.setText(self.tr("Export as template file…"))
        self.export_button.setToolTip(self.tr(
            "The saved plan as a template file (.toml) to hand to subordinate offices"))
        self.discard_button.setText(self.tr("Discard changes"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr(
            "Save the whole plan as its new version; every figure entered is kept"))
        self._show_heading()

    # --- Page ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the saved plan again, unless it is being edited."""
        if self.draft.has_changes():
            return
        self.session.reload()
        self._start_draft()

    def has_unsaved(self) -> bool:
        commit_open_editor(self.table)
        self.tasks.commit()
        return self.draft.has_changes()

    def discard(self) -> None:
        self._start_draft()
        self.status_message.emit(self.tr("Changes to the plan discarded"))

    def save(self) -> bool:
        """The whole draft as the plan's new version, in one transaction; refused in place."""
        commit_open_editor(self.table)
        self.tasks.commit()
        if not self.draft.has_changes():
            return True
        checked = self.draft.checked
        if checked.plan is None or checked.refusals:
            self._say(self.tr("Not saved: {problems}").format(problems=self._problems_text()))
            return False
        try:
            written = update_plan(self.session.store, checked.plan, template_text(checked.plan))
        except QdeskError as exc:
            self._say(self.tr("Not saved: {problems}").format(problems=exc.render()))
            return False
        self.session.reload()
        self._start_draft()
        self.status_message.emit(self.tr("The plan is saved as its new version; every figure "
                                         "is kept"))
        if written:
            self.changed.emit(written)
        return True

    # --- the indicators ------------------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def add_indicator(self) -> None:
        """A new indicator after the current one; its code cell opened for typing."""
        commit_open_editor(self.table)
        row = self.draft.add(self.current_row())
        self.model.set_draft(self.draft)
        self._judged()
        cell = self.model.index(row, self.model.column_of("code"))
        self.table.setCurrentIndex(cell)
        self.table.edit(cell)

    def remove_indicator(self) -> None:
        row = self.current_row()
        if row is None or self.draft.held(row, None) is not None:
            return
        self.draft.remove(row)
        self.model.set_draft(self.draft)
        self._judged()
        if self.draft.indicators:
            self.table.setCurrentIndex(self.model.index(min(row, len(self.draft.indicators) - 1),
                                                        0))

    def retire_indicator(self) -> None:
        """Retire the current indicator (its figures kept, no longer entered), or restore it."""
        row = self.current_row()
        if row is None:
            return
        commit_open_editor(self.table)
        self.draft.retire(row, not self.draft.retired(row))
        self.model.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
        self.model.judged()
        self._judged()

    def move_indicator(self, by: int) -> None:
        row = self.current_row()
        if row is None:
            return
        column = self.table.currentIndex().column()
        to = self.draft.move(row, by)
        self.model.set_draft(self.draft)
        self._judged()
        self.table.setCurrentIndex(self.model.index(to, column))

    # --- the template file ---------------------------------------------------------------------

    def choose_export_file(self) -> str:
        """Where to write the template; empty if the clerk cancelled. A method so tests answer."""
        return save_file_name(self, self.tr("Export the plan as a template file"),
                              f"{self.session.plan.id}.toml", self.tr("Plan templates (*.toml)"))

    def export_template(self) -> None:
        if self.has_unsaved():
            self._say(self.tr("Save or discard the changes first: the template file is the "
                              "saved plan."))
            return
        chosen = self.choose_export_file()
        if not chosen:
            return
        try:
            written = export_plan(self.session.store, Path(chosen), force=True)
        except QdeskError as exc:
            self._say(exc.render())
            return
        self._say("")
        self.status_message.emit(self.tr("Written: {path}").format(path=written))
        self.pending.setText(self.tr("Written: {path}").format(path=written))

    # --- showing the draft ---------------------------------------------------------------------

    def snapshot(self) -> DraftEdits:
        return self.draft.edits()

    def restore(self, snapshot: object) -> None:
        assert isinstance(snapshot, DraftEdits)
        self.draft.put_edits(snapshot)
        self._show_draft()

    def _start_draft(self) -> None:
        """A draft of the plan as saved, shown, with nothing to undo."""
        self.draft = self._new_draft()
        self._show_draft()
        self.edit_history.reset()

    def _new_draft(self) -> PlanDraft:
        store, plan = self.session.store, self.session.plan
        return PlanDraft(plan, figure_years(store, plan.id), tasks_with_progress(store, plan.id))

    def _leads(self) -> list[str]:
        """The member units (成员单位) a task may be led by, in the office's order."""
        return [u.name for u in list_units(self.session.store)
                if u.level == Level.DEPARTMENT.value]

    def _show_heading(self) -> None:
        plan = self.session.plan
        self.heading.setText(self.tr("{title} (plan id {id}, {count} indicators)").format(
            title=plan.title, id=plan.id, count=len(plan.indicators)))

    def _show_draft(self) -> None:
        """Every widget from the draft, as it was saved."""
        head = self.draft.head
        for key, edit in (("title", self.title), ("issuer", self.issuer),
                          ("doc_number", self.doc_number)):
            edit.setText(head[key])
        for key, spin in (("start_year", self.start_year), ("end_year", self.end_year)):
            spin.blockSignals(True)
            spin.setValue(int(head[key]))
            spin.blockSignals(False)
        for key, combo in (("rounding", self.rounding), ("judge", self.judge)):
            combo.setCurrentIndex(max(combo.findData(head[key]), 0))
        for row in self.deadline_rows:
            row.show_fields(self.draft.deadlines.get(row.report))
        self.model.set_draft(self.draft)
        self.tasks.show_draft(self.draft, self._leads())
        self._fit_columns()
        self._show_heading()
        self._judged()

    def _fit_columns(self) -> None:
        """Columns fit their cells; the table scrolls sideways rather than squeezing them."""
        self.table.resizeColumnsToContents()
        for key, least in (("name", 260), ("target", 90), ("note", 160)):
            column = self.model.column_of(key)
            self.table.setColumnWidth(column, max(least, min(self.table.columnWidth(column),
                                                             420)))

    def _set_delegates(self) -> None:
        for column in range(self.model.columnCount()):
            key = self.model.key(column)
            delegate = (self._choice_delegate if key in _CHOICE_KEYS else
                        self._target_delegate if key == "target" or key.startswith("targets.")
                        else self._text_delegate)
            self.table.setItemDelegateForColumn(column, delegate)

    def _head_edited(self, key: str, text: str) -> None:
        self.draft.set_head(key, text)
        self.model.judged()
        self._judged()

    def _deadline_edited(self, row: DeadlineRow) -> None:
        self.draft.set_deadline(row.report, row.fields())
        self._judged()

    def _judged(self) -> None:
        """Mark every field with the loader's problems, say them below, and enable what may be."""
        for key, widget in self._head_widgets.items():
            _mark(widget, [m.render() for m in self.draft.problems_at(("plan", 0, key))])
        for n, row in enumerate(self.deadline_rows):
            row.mark({key: [m.render() for m in self.draft.problems_at(("deadline", n, key))]
                      for key in (None, "report", "months_after", "month", "day")})
        self.tasks.model.judged()
        self.tasks.update_buttons()
        self._say(self._problems_text())
        changes = self.draft.checked.changes
        if self.draft.has_changes() and changes is not None and self.draft.checked.ok:
            lines = describe(changes)
            self.pending.setText(self.tr("Not saved yet: {changes}").format(
                changes="；".join(lines[:3]) + ("……" if len(lines) > 3 else "")))
            self.pending.setToolTip(as_typed("\n".join(lines)))
        else:
            self.pending.setText("")
            self.pending.setToolTip("")
        self._update_buttons()
        self.edit_history.note()

    def _problems_text(self) -> str:
        checked = self.draft.checked
        lines = [self._where(place) + m.render()
                 for place, said in checked.problems.items() for m in said]
        lines += [m.render() for m in checked.refusals]
        shown = lines[:_SHOWN_PROBLEMS]
        if len(lines) > len(shown):
            shown.append(self.tr("… and {count} more").format(count=len(lines) - len(shown)))
        return "\n".join(shown)

    def _where(self, place: Place | None) -> str:
        """A problem's place as the clerk sees it: the field's label, the indicator's row."""
        if place is None:
            return ""
        section, index, key = place
        if section == "plan":
            labels = {"title": self.title_label, "issuer": self.issuer_label,
                      "doc_number": self.doc_label, "start_year": self.span_label,
                      "end_year": self.span_label, "rounding": self.rounding_label,
                      "judge": self.judge_label}
            return (labels[key].text() if key in labels else self.tr("Plan")) + self.tr(": ")
        if section == "deadline":
            return self.tr("{report} deadline: ").format(report=SCHEDULED[index].label.render())
        if section == "task":
            task = self.draft.tasks[index].fields["code"] or self.tr("row {row}").format(
                row=index + 1)
            field = "" if key is None else self.tasks.model.header(key)
            return self.tr("Task {code} {field}: ").format(code=task, field=field).replace(
                " : ", ": ")
        code = self.draft.indicators[index].fields["code"] or self.tr("row {row}").format(
            row=index + 1)
        field = "" if key is None else self.model.header(key)
        return self.tr("Indicator {code} {field}: ").format(code=code, field=field).replace(
            " : ", ": ")

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _update_buttons(self, *args: object) -> None:
        dirty = self.draft.has_changes()
        self.save_button.setEnabled(dirty and self.draft.checked.ok)
        self.discard_button.setEnabled(dirty)
        row = self.current_row()
        held = None if row is None else self.draft.held(row, None)
        self.remove_button.setEnabled(row is not None and held is None)
        self.remove_button.setToolTip(as_typed(held.render() + self.tr(
            " (its figures stay; the indicator stays in the plan)")) if held else "")
        retired = row is not None and self.draft.retired(row)
        self.retire_button.setText(self.tr("Restore") if retired else self.tr("Retire"))
        self.retire_button.setEnabled(row is not None)
        self.retire_button.setToolTip(self.tr(
            "Entered again from the next period on") if retired else self.tr(
            "Kept with its figures, and no longer entered: off the entry grid and the blank "
            "sheets; reports still show it for a period it has a figure for"))
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < len(self.draft.indicators) - 1)
