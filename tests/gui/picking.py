"""Picking a period as a clerk does: its year in the first list, then its part of the year."""

from __future__ import annotations

from qdesk.core.periods import Period
from qdesk.gui.widgets import PeriodPicker


def pick_period(picker: PeriodPicker, period: Period) -> None:
    """Choose `period`'s year, then its 全年 / 上半年 / 第三季度 … , each as a click would (the page
    may put the picker back: unsaved work the clerk chose to stay with)."""
    years = picker.year_combo
    year = years.findData(period.year)
    assert year >= 0, f"{period.year} is not offered"
    years.setCurrentIndex(year)
    years.activated.emit(year)
    parts = picker.part_combo
    part = next((i for i in range(parts.count()) if parts.itemData(i) == period), -1)
    assert part >= 0, f"{period} is not offered in {period.year}"
    parts.setCurrentIndex(part)
    parts.activated.emit(part)
