"""What the pages share: pickers, combo cells, kind names, a checked target cell, the problem shown."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QLabel, QLineEdit,
                               QStyledItemDelegate, QStyleOptionViewItem, QTableWidget, QWidget)

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


class PeriodCombo(QComboBox):
    """The plan's periods, newest first, shown as 2026年第三季度 and carrying the Period.

    The period a clerk picks becomes the one the session works on (Session.period).
    """

    def __init__(self, session: Session, frequency: Frequency | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        chinese = language() == "zh"
        for period in session.periods(frequency):
            self.addItem(period.label_zh() if chinese else str(period), period)
        self.setMaxVisibleItems(16)
        self.activated.connect(self._remember)

    def _remember(self, index: int) -> None:
        self.session.period = self.itemData(index)

    def period(self) -> Period:
        return self.currentData()

    def set_period(self, period: Period) -> bool:
        # findData compares Python objects by identity; periods are equal by value.
        index = next((i for i in range(self.count()) if self.itemData(i) == period), -1)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0


class UnitCombo(QComboBox):
    """The office's own unit first, then its townships, zones and member units (of a period:
    those on its roll)."""

    def __init__(self, session: Session, period: Period | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
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
