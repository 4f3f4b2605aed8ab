"""无此项 in the entry grid: typed as 无 or chosen from the cell's menu, shown, explained, saved."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR, STATUS, VALUE, ProblemRole
from qdesk.gui.pages.entry import EntryPage
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.locks import lock_period
from qdesk.store.status import period_status
from tests.gui.test_entry import cell, choose_period, type_into

YEAR = Period.parse("2019")
MENU_TEXT = "Not applicable this period (无此项)"


@pytest.fixture
def page(county, qtbot):
    """数据填报 of 昌吉市 for 2019, with a stored denominator on S02 and a value on S01."""
    set_entries(county.store, county.plan, county.home, YEAR,
                [EntryInput("S02", "10", "12"), EntryInput("S01", None, None, "85")])
    page = EntryPage(county)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitActive(page)
    choose_period(page, YEAR)
    return page


def stored(session, code):
    return session.store.db.execute(
        "SELECT e.numerator, e.denominator, e.value FROM entries e"
        " JOIN indicators i ON i.id = e.indicator_id JOIN units u ON u.id = e.unit_id"
        " WHERE i.code = ? AND e.period = '2019' AND u.parent_id IS NULL", [code]).fetchone()


def status_of(session, code):
    return next(a.status for a in period_status(session.store, session.plan, session.home, YEAR)
                if a.indicator.code == code)


def right_click_and_choose(qtbot, page, code, column, text):
    """Right-click a cell as a clerk does and choose `text` from the menu that opens."""
    view = page.view
    where = view.visualRect(cell(page, code, column)).center()
    chosen = []

    def choose():
        menu = QApplication.activePopupWidget()
        action = next(a for a in menu.actions() if a.text() == text)
        chosen.append(action.isEnabled())
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)))
    assert chosen == [True]


def test_typing_无_in_a_rate_s_numerator_records_无此项_and_empties_its_denominator(page, county,
                                                                               qtbot):
    model = page.model
    spans = []
    model.dataChanged.connect(lambda top, bottom: spans.append((top.column(), bottom.column())))
    type_into(qtbot, page, "S02", NUMERATOR, "无")
    assert (cell(page, "S02", NUMERATOR).data(), cell(page, "S02", DENOMINATOR).data(),
            cell(page, "S02", VALUE).data()) == ("无此项", "", "无此项")
    assert cell(page, "S02", STATUS).data() == "Not applicable"
    assert (0, model.columnCount() - 1) in spans     # the emptied denominator is shown again
    assert stored(county, "S02") == (10, 12, None)   # unsaved until 保存
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert stored(county, "S02") == (None, None, None)
    assert status_of(county, "S02") is Status.NOT_APPLICABLE
    assert cell(page, "S02", NUMERATOR).data() == "无此项"


def test_the_message_line_explains_无此项_on_its_row_and_not_elsewhere(page, qtbot):
    type_into(qtbot, page, "S02", NUMERATOR, "无此项")
    page.view.setCurrentIndex(cell(page, "S02", DENOMINATOR))
    assert page.message.text() == page.not_applicable_text()
    assert "roll-up" in page.not_applicable_text()
    page.view.setCurrentIndex(cell(page, "S01", VALUE))
    assert page.message.text() == ""


@pytest.mark.parametrize("code, column", [("S02", DENOMINATOR), ("S01", VALUE)])
def test_the_cell_menu_marks_a_rate_or_a_value_无此项_unsaved_until_saved(page, county, qtbot, code,
                                                                       column):
    before = stored(county, code)
    right_click_and_choose(qtbot, page, code, column, MENU_TEXT)
    assert cell(page, code, VALUE).data() == "无此项"
    assert cell(page, code, STATUS).data() == "Not applicable"
    assert page.has_unsaved() and stored(county, code) == before
    assert page.message.text() == page.not_applicable_text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert stored(county, code) == (None, None, None)
    assert status_of(county, code) is Status.NOT_APPLICABLE


def test_the_status_of_无此项_has_a_colour_of_its_own(page, qtbot):
    type_into(qtbot, page, "S02", NUMERATOR, "无")
    type_into(qtbot, page, "S01", VALUE, "70")
    type_into(qtbot, page, "P05", NUMERATOR, "5")
    type_into(qtbot, page, "P05", DENOMINATOR, "5")
    colours = {code: cell(page, code, STATUS).data(Qt.ItemDataRole.ForegroundRole).name()
               for code in ("S02", "S01", "P05", "E02")}
    assert colours["S02"] not in {colours["S01"], colours["P05"], colours["E02"]}


def test_a_yes_no_row_s_menu_offers_无此项_disabled_and_says_why(page):
    menu = page.view.menu_for(cell(page, "V01", VALUE))
    (action,) = menu.actions()
    assert action.text() == MENU_TEXT and not action.isEnabled()
    assert "never 无此项" in action.toolTip()
    action.trigger()
    assert not page.has_unsaved()


def test_a_submitted_period_s_rows_have_no_无此项_menu(page, county, qtbot):
    assert page.view.menu_for(cell(page, "S02", STATUS)) is not None
    lock_period(county.store, YEAR)
    page.refresh()
    assert page.model.sheet.read_only
    assert page.view.menu_for(cell(page, "S02", NUMERATOR)) is None
    assert page.view.menu_for(cell(page, "V01", VALUE)) is None


def test_typing_无此项_in_a_yes_no_row_is_refused_in_place_and_not_saved(page, county, qtbot):
    type_into(qtbot, page, "V01", VALUE, "无此项")
    problem = cell(page, "V01", VALUE).data(ProblemRole)
    assert "不存在“无此项”" in problem and "是" in problem
    assert problem in page.message.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert stored(county, "V01") is None
    assert page.has_unsaved()
