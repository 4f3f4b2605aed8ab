"""The period picker: a year, then its part (全年, 上半年 … 第四季度), in time order; starting on
the period due now."""

import datetime as dt

from PySide6.QtCore import Qt

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Frequency, Period
from qdesk.gui.widgets import PeriodPicker
from qdesk.store.submissions import record_submission
from tests.gui.picking import pick_period


def texts(combo):
    return [combo.itemText(i) for i in range(combo.count())]


def test_years_come_in_time_order_and_each_year_whole_then_halves_then_quarters(county, qtbot,
                                                                              qapp):
    from qdesk.gui.language import install_language

    install_language(qapp, "zh_CN")
    picker = PeriodPicker(county)
    qtbot.addWidget(picker)
    plan = county.plan
    assert texts(picker.year_combo) == [f"{y}年" for y in range(plan.start_year, plan.end_year + 1)]
    pick_period(picker, Period.parse(f"{plan.start_year}Q2"))
    assert texts(picker.part_combo) == ["全年", "上半年", "下半年", "第一季度", "第二季度",
                                        "第三季度", "第四季度"]
    assert picker.periods()[:7] == [Period.parse(f"{plan.start_year}{p}")
                                    for p in ("", "H1", "H2", "Q1", "Q2", "Q3", "Q4")]


def test_another_year_keeps_the_part_of_the_year_chosen(county, qtbot):
    picker = PeriodPicker(county)
    qtbot.addWidget(picker)
    first = county.plan.start_year
    pick_period(picker, Period.parse(f"{first}Q3"))
    with qtbot.waitSignal(picker.period_changed) as changed:
        picker.year_combo.setCurrentIndex(picker.year_combo.findData(first + 1))
    assert changed.args == [Period.parse(f"{first + 1}Q3")] and picker.period() == changed.args[0]


def test_a_period_the_plan_has_not_is_not_shown_and_nothing_changes(county, qtbot):
    picker = PeriodPicker(county)
    qtbot.addWidget(picker)
    shown = picker.period()
    with qtbot.assertNotEmitted(picker.period_changed):
        assert not picker.set_period(Period.parse("1990Q1"))
    assert picker.period() == shown


def test_of_one_frequency_only_its_periods_and_no_second_list_for_years(county, qtbot):
    halves = PeriodPicker(county, Frequency.HALF_YEAR)
    years = PeriodPicker(county, Frequency.ANNUAL)
    for picker in (halves, years):
        qtbot.addWidget(picker)
        picker.show()
    assert texts(halves.part_combo) == ["First half", "Second half"]
    assert halves.part_combo.isVisible()
    assert not years.part_combo.isVisible()
    assert {p.frequency for p in years.periods()} == {Frequency.ANNUAL}


def test_a_picked_period_is_the_one_the_next_page_starts_on(county, qtbot):
    picker = PeriodPicker(county)
    qtbot.addWidget(picker)
    chosen = Period.parse(f"{county.plan.start_year}H2")
    pick_period(picker, chosen)
    assert county.period == chosen
    picker.set_period(Period.parse(f"{county.plan.start_year}Q1"))    # not the clerk's choice
    assert county.period == chosen


def test_an_office_owes_first_the_report_due_soonest_since_its_calendar_began(county):
    first = county.plan.start_year
    day = dt.date(first, 12, 4)
    # No figure yet: the calendar starts at the quarter of the day, and the year's summary is
    # due by 12月10日, before the fourth quarter's report.
    assert county.due_now(day) == Period.parse(f"{first}")
    record_submission(county.store, county.home, Period.parse(f"{first}"), ReportKind.ANNUAL)
    assert county.due_now(day) == Period.parse(f"{first}Q4")


def test_pages_start_on_the_period_due_now_until_the_clerk_picks_one(county, qtbot, monkeypatch):
    from qdesk.gui.pages.entry import EntryPage

    due = Period.parse(f"{county.plan.start_year + 1}H1")
    monkeypatch.setattr(type(county), "due_now", lambda self, today=None: due)
    page = EntryPage(county)
    qtbot.addWidget(page)
    assert page.period_picker.period() == due
    monkeypatch.setattr(type(county), "due_now", lambda self, today=None: None)
    assert county.period == county.latest_quarter()     # the plan asks for nothing more


def test_the_year_list_is_reached_by_keyboard_and_arrow_keys_walk_the_years(county, qtbot):
    picker = PeriodPicker(county)
    qtbot.addWidget(picker)
    picker.show()
    pick_period(picker, Period.parse(f"{county.plan.start_year}Q4"))
    picker.setFocus()
    assert picker.year_combo.hasFocus() or picker.focusProxy() is picker.year_combo
    qtbot.keyClick(picker.year_combo, Qt.Key.Key_Down)
    assert picker.period() == Period.parse(f"{county.plan.start_year + 1}Q4")
