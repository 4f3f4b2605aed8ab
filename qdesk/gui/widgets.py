"""What the pages share: pickers, combo cells, kind names, a checked target cell, the problem shown."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import (QCoreApplication, QDate, QEvent, QModelIndex, QPersistentModelIndex,
                            Qt, Signal)
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QLabel,
                               QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget,
                               QWidget)

from qdesk.core.errors import InputError
from qdesk.core.i18n import language
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Kind
from qdesk.core.targets import Target
from qdesk.gui.session import Session
from qdesk.store.units import Unit

# One red for every refusal shown in place, one green for work done, on every page and dialog.
ERROR_FOREGROUND = QColor("#b00020")        # text refused or overdue, in a table cell
ERROR_STYLE = f"color: {ERROR_FOREGROUND.name()};"
ERROR_BACKGROUND = QColor(255, 205, 205)    # a cell or field refused as typed
DONE_STYLE = "color: #1b5e20;"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """The only way the workbench makes a label: its text shown as the characters it holds.

    A QLabel guesses rich text from a leading tag, so a unit named `<img src=…>` would load a
    file and one named `<b>X</b>` would show bold; names come from clerks, plans and packages.
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def as_typed(text: str) -> str:
    """`text` made to show exactly as typed where Qt reads rich text when it looks like it
    (tooltips, message boxes): markup escaped, spaces and line breaks kept. Text with neither
    '<' nor '&' (Qt also takes a leading "&lt;" for rich) is never read as rich text, and is
    given back as it is (empty still clears a tooltip)."""
    if "<" not in text and "&" not in text:
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def problem_label() -> QLabel:
    """Where a dialog or page says, in place, why something was refused: hidden until then."""
    label = plain_label()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give a dialog the size it wants, but no more than nine tenths of the available area of
    the screen it opens on (a 1366 × 768 laptop at 125 % has 1093 × 582 of it), so its buttons
    are never below the taskbar; its layout keeps it at least at its least size."""
    screen = (window.parentWidget() or window).screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    window.resize(min(width, available.width() * 9 // 10),
                  min(height, available.height() * 9 // 10))


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date) -> QDateEdit:
    """A date field as the workbench writes dates (2020-06-18), with a calendar to pick from."""
    edit = QDateEdit(to_qdate(day))
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(1990, 1, 1))
    return edit


def kind_label(kind: Kind) -> str:
    # Literal QCoreApplication.translate calls: the form lupdate extracts outside a class; the
    # context is the page they were first written for, where their translations stand.
    return {
        Kind.RATE: QCoreApplication.translate("TargetsPage", "Rate"),
        Kind.VALUE: QCoreApplication.translate("TargetsPage", "Value"),
        Kind.COUNT: QCoreApplication.translate("TargetsPage", "Count"),
        Kind.FLAG: QCoreApplication.translate("TargetsPage", "Yes/no"),
    }[kind]


def frequency_label(frequency: Frequency) -> str:
    return {
        Frequency.QUARTERLY: QCoreApplication.translate("TargetsPage", "Quarterly"),
        Frequency.HALF_YEAR: QCoreApplication.translate("TargetsPage", "Half-yearly"),
        Frequency.ANNUAL: QCoreApplication.translate("TargetsPage", "Annual"),
    }[frequency]


def commit_open_editor(view: QAbstractItemView) -> None:
    """Take what is typed in a cell still being edited (Ctrl+S, leaving the page) as entered."""
    if view.state() != QAbstractItemView.State.EditingState:
        return
    editor = view.indexWidget(view.currentIndex())
    if editor is not None:
        view.commitData(editor)
        view.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)


def cell_combo(table: QTableWidget, row: int, column: int) -> QComboBox:
    """The combo box set into a cell of a table (a role, a member to pick)."""
    widget = table.cellWidget(row, column)
    assert isinstance(widget, QComboBox), f"cell ({row}, {column}) holds no combo box"
    return widget


# A plain class at run time: with a second QWidget base beside QDialog, Shiboken builds the
# wrong C++ object (setWindowFlag then crashes). Type checkers see the widget it is mixed into.
if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object


class Retranslating(_Widget):
    """Mixed in before a widget class that words itself in `retranslate()`, so it words itself
    again whenever the language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def part_label(period: Period) -> str:
    """A period within its year, as the period picker's second list names it: 全年, 上半年,
    第三季度."""
    # Literal calls, so lupdate finds them (see kind_label).
    if period.frequency is Frequency.ANNUAL:
        return QCoreApplication.translate("PeriodPicker", "Whole year")
    if period.frequency is Frequency.HALF_YEAR:
        return (QCoreApplication.translate("PeriodPicker", "First half") if period.index == 1
                else QCoreApplication.translate("PeriodPicker", "Second half"))
    return [QCoreApplication.translate("PeriodPicker", "Q1"),
            QCoreApplication.translate("PeriodPicker", "Q2"),
            QCoreApplication.translate("PeriodPicker", "Q3"),
            QCoreApplication.translate("PeriodPicker", "Q4")][period.index - 1]


def within_year(period: Period) -> tuple[int, int]:
    """Where a period stands in the picker's list of a year: the year, its halves, its quarters."""
    order = {Frequency.ANNUAL: 0, Frequency.HALF_YEAR: 1, Frequency.QUARTERLY: 2}
    return order[period.frequency], period.index


class PeriodPicker(QWidget):
    """The plan's periods picked by year, then within it 全年 / 上半年 / 下半年 / 第一季度 … ;
    years in time order. Of one frequency only, the second list is hidden when it would hold one
    item (a year).

    The period a clerk picks becomes the one the session works on (Session.period).
    `period_changed` is emitted whenever the period shown changes, by the clerk or by
    `set_period`, unless the picker's signals are blocked.
    """

    period_changed = Signal(object)

    def __init__(self, session: Session, frequency: Frequency | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._by_year: dict[int, list[Period]] = {}
        for period in session.periods(frequency):
            self._by_year.setdefault(period.year, []).append(period)
        for periods in self._by_year.values():
            periods.sort(key=within_year)
        self.year_combo = QComboBox()
        self.part_combo = QComboBox()
        chinese = language() == "zh"
        for year in sorted(self._by_year):
            self.year_combo.addItem(f"{year}年" if chinese else str(year), year)
        self.year_combo.setMaxVisibleItems(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.year_combo)
        layout.addWidget(self.part_combo)
        self.setFocusProxy(self.year_combo)
        self._shown: Period | None = None
        self._fill_parts(None)
        self._show_chosen()
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.part_combo.currentIndexChanged.connect(lambda _index: self._show_chosen())
        for combo in (self.year_combo, self.part_combo):
            combo.activated.connect(lambda _index: self._remember())

    def _fill_parts(self, keep: Period | None) -> None:
        """The periods of the chosen year in the second list, on the one like `keep` (the same
        half or quarter of another year) if there is one."""
        periods = self._by_year.get(self.year_combo.currentData(), [])
        self.part_combo.blockSignals(True)
        self.part_combo.clear()
        for period in periods:
            self.part_combo.addItem(part_label(period), period)
        like = next((i for i, p in enumerate(periods)
                     if keep is not None and within_year(p) == within_year(keep)), 0)
        self.part_combo.setCurrentIndex(like)
        self.part_combo.blockSignals(False)
        self.part_combo.setVisible(len(periods) > 1)

    def _year_chosen(self) -> None:
        self._fill_parts(self._shown)
        self._show_chosen()

    def _show_chosen(self) -> None:
        period = self.part_combo.currentData()
        if period is None or period == self._shown:
            return
        self._shown = period
        if not self.signalsBlocked():
            self.period_changed.emit(period)

    def _remember(self) -> None:
        if self._shown is not None:
            self.session.period = self._shown

    def periods(self) -> list[Period]:
        """Every period offered, in the order of the lists: by year, then within the year."""
        return [p for year in sorted(self._by_year) for p in self._by_year[year]]

    def period(self) -> Period:
        assert self._shown is not None, "the plan has no periods to pick"
        return self._shown

    def set_period(self, period: Period) -> bool:
        """Show `period`; False, and nothing changed, if it is not offered."""
        if period not in self._by_year.get(period.year, []):
            return False
        self.year_combo.blockSignals(True)
        self.year_combo.setCurrentIndex(self.year_combo.findData(period.year))
        self.year_combo.blockSignals(False)
        self._fill_parts(period)
        self._show_chosen()
        return True


def narrow_combo(combo: QComboBox, characters: int) -> None:
    """A combo as wide as `characters` characters, not its longest item (a member unit's long
    name), so the bar it sits in fits a laptop's screen; its list opens wide (`open_wide`)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)


def open_wide(combo: QComboBox) -> None:
    """Let the list of a narrow combo open wide enough for every item; after filling it."""
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)


class UnitCombo(QComboBox):
    """The office's own unit first, then its townships, zones and member units (of a period:
    those on its roll)."""

    def __init__(self, session: Session, period: Period | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        narrow_combo(self, 9)
        self.show_units(period)

    def show_units(self, period: Period | None = None) -> None:
        """List the units again (of `period`: those on its roll), staying on the chosen one if
        it is still listed, else on the office's own; without emitting a change."""
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        for unit in self.session.units(period):
            self.addItem(unit.name, unit)
        if chosen is None or not self.set_unit(chosen):
            self.setCurrentIndex(0)
        self.blockSignals(False)
        open_wide(self)

    def unit(self) -> Unit:
        return self.currentData()

    def set_unit(self, unit: Unit) -> bool:
        index = next((i for i in range(self.count()) if self.itemData(i).id == unit.id), -1)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0


class TargetDelegate(QStyledItemDelegate):
    """An editor that checks the target grammar as it is typed: red with the reason when wrong."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self.tr("e.g. ≥95%"))
        editor.textChanged.connect(lambda text: self._check(editor, text))
        return editor

    def _check(self, editor: QLineEdit, text: str) -> None:
        problem = ""
        if text.strip():
            try:
                Target.parse(text)
            except InputError as exc:
                problem = exc.render()
        editor.setStyleSheet(f"QLineEdit {{ background: {ERROR_BACKGROUND.name()}; }}"
                             if problem else "")
        editor.setToolTip(as_typed(problem))
