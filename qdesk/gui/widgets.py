"""Small widgets the pages share: choosing a period, choosing a unit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from qdesk.core.errors import QdeskError
from qdesk.core.i18n import language
from qdesk.core.periods import Frequency, Period
from qdesk.gui.app import APPLICATION, ORGANIZATION
from qdesk.gui.session import Session
from qdesk.store.units import Unit

ERROR_STYLE = "color: #b00020;"


def problem_label() -> QLabel:
    """Where a dialog or page says, in place, why something was refused: hidden until then."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


LAST_PERIOD = "last_period"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def remembered_period(session: Session) -> Period:
    """The period the clerk last chose (QSettings), if the plan has it; else the latest quarter."""
    text = QSettings(ORGANIZATION, APPLICATION).value(LAST_PERIOD)
    try:
        period = Period.parse(str(text)) if text else None
    except QdeskError:
        period = None
    if period is not None and session.plan.covers(period.year):
        return period
    return session.latest_quarter()


class PeriodCombo(QComboBox):
    """The plan's periods, newest first, shown as 2026年第三季度 and carrying the Period.

    The period a clerk picks is remembered for the next start (remembered_period).
    """

    def __init__(self, session: Session, frequency: Frequency | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chinese = language() == "zh"
        for period in session.periods(frequency):
            self.addItem(period.label_zh() if chinese else str(period), period)
        self.setMaxVisibleItems(16)
        self.activated.connect(self._remember)

    def _remember(self, index: int) -> None:
        QSettings(ORGANIZATION, APPLICATION).setValue(LAST_PERIOD, str(self.itemData(index)))

    def period(self) -> Period:
        return self.currentData()

    def set_period(self, period: Period) -> bool:
        # findData compares Python objects by identity; periods are equal by value.
        index = next((i for i in range(self.count()) if self.itemData(i) == period), -1)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0


class UnitCombo(QComboBox):
    """The office's own unit first, then its townships, zones and member units."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for unit in session.units():
            self.addItem(unit.name, unit)

    def unit(self) -> Unit:
        return self.currentData()

    def set_unit(self, unit: Unit) -> bool:
        index = next((i for i in range(self.count()) if self.itemData(i).id == unit.id), -1)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
