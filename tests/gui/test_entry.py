"""The entry page (数据填报): typing, pasting, checking as typed, saving in one go, locked periods."""

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.gui.entry_model import (CATEGORY, DENOMINATOR, NOTE, NUMERATOR, STATUS, TARGET, VALUE,
                                   ProblemRole, StatusRole)
from qdesk.gui.pages import entry as entry_module
from qdesk.gui.pages.entry import parse_block
from qdesk.store.audit import trail
from tests.gui.keyboard import type_text
from tests.gui.picking import pick_period

Q4, Q3, YEAR = Period.parse("2020Q4"), Period.parse("2020Q3"), Period.parse("2020")
Button = QMessageBox.StandardButton


@pytest.fixture
def page(entry_page):
    return entry_page


def entries(session):
    return list(session.store.db["entries"].rows)


def cell(page, code, column):
    return page.model.index(page.model.row_of(code), column)


def choose_period(page, period):
    pick_period(page.period_picker, period)


def type_into(qtbot, page, code, column, text, key=Qt.Key.Key_Return):
    """Select a cell, type over it as a clerk does (the first key opens the editor), press key."""
    view = page.view
    view.setFocus()
    view.setCurrentIndex(cell(page, code, column))
    first, rest = (text[0], text[1:]) if text.isascii() else (text, "")
    type_text(qtbot, view, first)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "typing into the cell did not open an editor"
    if rest:
        type_text(qtbot, editor, rest)
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_the_page_opens_on_the_latest_quarter_of_the_home_unit(page, session):
    assert page.period_picker.period() == Q4
    assert page.unit_combo.unit().code == "211122"
    assert page.name() and not page.has_unsaved()


def test_a_quarter_lists_the_quarterly_indicators_grouped_by_category(page):
    model = page.model
    codes = [model.row(r).indicator.code for r in range(model.rowCount())]
    assert codes == ["P02", "P03", "P04", "E01", "E02", "E03"]
    categories = [model.index(r, CATEGORY).data() for r in range(model.rowCount())]
    assert categories == ["产品质量", "", "", "工程质量", "", ""]


def test_a_year_lists_the_annual_indicators(page):
    choose_period(page, YEAR)
    model = page.model
    assert [model.row(r).indicator.code for r in range(model.rowCount())] == [
        "P01", "P05", "B01", "B02", "E04", "S01", "S02"]
    assert not model.flags(cell(page, "B01", NUMERATOR)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(cell(page, "B01", VALUE)) & Qt.ItemFlag.ItemIsEditable


def test_a_half_year_without_indicators_says_so(page):
    choose_period(page, Period.parse("2020H1"))
    assert page.model.rowCount() == 0
    assert "2020年上半年" in page.summary.text()


def test_the_stored_figures_and_status_of_the_demo_quarter_are_shown(page):
    assert cell(page, "P03", STATUS).data(StatusRole) == Status.NOT_MET
    assert cell(page, "P03", STATUS).data() == "Not met"
    assert cell(page, "E03", STATUS).data(StatusRole) == Status.NO_DATA
    assert cell(page, "E03", NUMERATOR).data() == ""
    assert cell(page, "P02", NUMERATOR).data(Qt.ItemDataRole.ToolTipRole) == "合格样品数"
    assert cell(page, "P03", TARGET).data() == "≥90%"


def test_typing_a_rate_computes_the_value_and_the_status_as_you_type(page, session, qtbot):
    before = entries(session)
    type_into(qtbot, page, "P03", NUMERATOR, "18469")
    assert page.view.currentIndex() == cell(page, "P03", DENOMINATOR)   # Enter moved right
    qtbot.keyClicks(page.view, "2")                                     # typing replaces
    editor = page.view.indexWidget(page.view.currentIndex())
    assert editor.text() == "2"
    qtbot.keyClicks(editor, "0000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)

    assert cell(page, "P03", NUMERATOR).data() == "18469"
    assert cell(page, "P03", DENOMINATOR).data() == "20000"
    assert cell(page, "P03", VALUE).data() == "92.3"                  # 92.345 % to 1 place
    assert cell(page, "P03", STATUS).data(StatusRole) == Status.MET
    assert cell(page, "P03", STATUS).data() == "Met"
    assert cell(page, "P03", STATUS).data(Qt.ItemDataRole.ForegroundRole).green() > 100
    assert page.view.currentIndex() == cell(page, "P04", NUMERATOR)   # on to the next figure
    assert page.has_unsaved() and entries(session) == before


def test_tab_walks_every_editable_cell_and_enter_the_notes_down(page, qtbot):
    view = page.view
    view.setFocus()
    view.setCurrentIndex(cell(page, "P02", NUMERATOR))
    steps = []
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        steps.append(view.currentIndex())
    assert steps == [cell(page, "P02", DENOMINATOR), cell(page, "P02", NOTE),
                     cell(page, "P03", NUMERATOR), cell(page, "P03", DENOMINATOR)]
    type_into(qtbot, page, "P02", NOTE, "复核", key=Qt.Key.Key_Return)
    assert view.currentIndex() == cell(page, "P03", NOTE)
    type_into(qtbot, page, "P03", NOTE, "x", key=Qt.Key.Key_Tab)
    assert view.currentIndex() == cell(page, "P04", NUMERATOR)


def test_pasting_two_columns_fills_numerator_and_denominator_of_three_rate_rows(page, qtbot):
    QGuiApplication.clipboard().setText("90\t100\r\n45\t50\r\n19\t20\r\n")
    page.view.setFocus()
    page.view.setCurrentIndex(cell(page, "P02", NUMERATOR))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    read = {code: (cell(page, code, NUMERATOR).data(), cell(page, code, DENOMINATOR).data(),
                   cell(page, code, VALUE).data()) for code in ("P02", "P03", "P04", "E01")}
    assert read == {"P02": ("90", "100", "90.0"), "P03": ("45", "50", "90.0"),
                    "P04": ("19", "20", "95.0"), "E01": ("1215", "1215", "100.00")}
    assert page.model.edited_count() == 3 and not page.model.problems()


def test_a_block_pasted_on_a_value_column_fills_values_then_notes(page, qtbot):
    choose_period(page, YEAR)
    QGuiApplication.clipboard().setText("5\t省长质量奖\n21\n")
    page.view.setCurrentIndex(cell(page, "B01", VALUE))
    page.view.paste()
    assert (cell(page, "B01", VALUE).data(), cell(page, "B01", NOTE).data()) == ("5", "省长质量奖")
    assert cell(page, "B02", VALUE).data() == "21"


def test_a_block_is_split_as_excel_and_wps_copy_it():
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_block("7") == [["7"]]
    assert parse_block("a\t\tb\n") == [["a", "", "b"]]


BAD = [
    pytest.param(Q4, "P03", [(NUMERATOR, "30"), (DENOMINATOR, "20")], NUMERATOR, "大于",
                 id="numerator-over-denominator"),
    pytest.param(Q4, "E03", [(NUMERATOR, "0"), (DENOMINATOR, "0")], DENOMINATOR, "大于0",
                 id="denominator-zero"),
    pytest.param(Q4, "P03", [(NUMERATOR, "abc")], NUMERATOR, "不是数字", id="text"),
    pytest.param(Q4, "P03", [(NUMERATOR, "-5")], NUMERATOR, "负数", id="negative"),
    pytest.param(YEAR, "B01", [(VALUE, "12.5")], VALUE, "不是整数", id="count-with-decimals"),
]


@pytest.mark.parametrize("period, code, typed, bad_column, words", BAD)
def test_a_bad_value_turns_its_cell_red_and_is_not_saved(page, session, qtbot, period, code,
                                                         typed, bad_column, words):
    choose_period(page, period)
    before, audited = entries(session), len(trail(session.store, "entries"))
    messages = []
    page.status_message.connect(messages.append)
    for column, text in typed:
        type_into(qtbot, page, code, column, text)

    bad = cell(page, code, bad_column)
    assert bad.data(Qt.ItemDataRole.BackgroundRole).name() == "#f4b4b4"
    assert words in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert words in bad.data(ProblemRole)
    assert any(words in m and code in m for m in messages)
    assert cell(page, code, STATUS).data(StatusRole) is None

    assert page.save() is False
    assert "red" in page.message.text() and page.has_unsaved()
    assert entries(session) == before
    assert len(trail(session.store, "entries")) == audited


def test_a_bad_cell_made_good_again_is_no_longer_red(page, qtbot):
    type_into(qtbot, page, "P03", NUMERATOR, "9999")
    assert cell(page, "P03", NUMERATOR).data(ProblemRole)
    type_into(qtbot, page, "P03", NUMERATOR, "300")
    assert not cell(page, "P03", NUMERATOR).data(ProblemRole)
    assert cell(page, "P03", STATUS).data(StatusRole) is not None


def test_saving_writes_every_changed_row_in_one_call_and_audits_it(page, session, qtbot,
                                                                   monkeypatch):
    calls = []
    real = entry_module.set_entries

    def counting(*args):
        calls.append(args[-1])
        return real(*args)

    monkeypatch.setattr(entry_module, "set_entries", counting)
    audited = len(trail(session.store, "entries"))
    type_into(qtbot, page, "P03", NUMERATOR, "18469")
    type_into(qtbot, page, "P03", DENOMINATOR, "20000")
    type_into(qtbot, page, "E03", NUMERATOR, "57")
    type_into(qtbot, page, "E03", DENOMINATOR, "60")
    type_into(qtbot, page, "E03", NOTE, "含转办件")

    with qtbot.waitSignal(page.changed):
        assert page.save() is True
    assert len(calls) == 1 and [i.indicator for i in calls[0]] == ["P03", "E03"]

    stored = {r["numerator"]: r for r in session.store.db.query(
        "SELECT e.*, i.code FROM entries e JOIN indicators i ON i.id = e.indicator_id"
        " WHERE e.unit_id = ? AND e.period = '2020Q4'", [session.home.id])}
    assert stored[18469]["denominator"] == 20000 and stored[18469]["code"] == "P03"
    assert stored[57]["note"] == "含转办件"
    changes = trail(session.store, "entries")[audited:]
    assert [(c["row_key"], c["action"]) for c in changes] == [
        ("211122/2020Q4/P03", "update"), ("211122/2020Q4/E03", "insert")]
    assert changes[0]["new"]["numerator"] == 18469

    assert not page.has_unsaved()
    assert cell(page, "P03", NUMERATOR).data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell(page, "E03", STATUS).data(StatusRole) == Status.MET   # 95.0 >= 95


def test_a_figure_typed_back_to_its_stored_value_is_no_change(page, qtbot):
    stored = cell(page, "P02", NUMERATOR).data()
    type_into(qtbot, page, "P02", NUMERATOR, "1")
    assert page.has_unsaved()
    type_into(qtbot, page, "P02", NUMERATOR, stored)
    assert not page.has_unsaved()


def test_discard_drops_the_edits(page, session, qtbot):
    type_into(qtbot, page, "P03", NUMERATOR, "1")
    page.discard()
    assert not page.has_unsaved()
    assert cell(page, "P03", STATUS).data(StatusRole) == Status.NOT_MET


def test_switching_period_with_unsaved_edits_asks_and_cancel_stays(page, session, qtbot):
    asked = []
    page.ask_unsaved = lambda: asked.append(1) or Button.Cancel
    type_into(qtbot, page, "P03", NUMERATOR, "800")
    choose_period(page, Q3)
    assert asked == [1]
    assert page.period_picker.period() == Q4 and page.model.period == Q4
    assert cell(page, "P03", NUMERATOR).data() == "800" and page.has_unsaved()


def test_switching_unit_with_unsaved_edits_and_discard_switches_and_writes_nothing(page, session,
                                                                                  qtbot):
    before, audited = entries(session), len(trail(session.store, "entries"))
    page.ask_unsaved = lambda: Button.Discard
    type_into(qtbot, page, "P03", NUMERATOR, "800")
    page.unit_combo.setCurrentIndex(1)
    assert page.model.unit.name == "高升街道" and not page.has_unsaved()
    assert entries(session) == before and len(trail(session.store, "entries")) == audited


def test_switching_period_after_discard_shows_the_new_period(page, session, qtbot):
    before = entries(session)
    page.ask_unsaved = lambda: Button.Discard
    type_into(qtbot, page, "P03", NUMERATOR, "800")
    choose_period(page, Q3)
    assert page.model.period == Q3 and not page.has_unsaved()
    assert entries(session) == before


def test_switching_with_save_writes_then_switches(page, session, qtbot):
    page.ask_unsaved = lambda: Button.Save
    type_into(qtbot, page, "E03", NUMERATOR, "19")
    type_into(qtbot, page, "E03", DENOMINATOR, "20")
    choose_period(page, YEAR)
    assert page.model.period == YEAR
    assert trail(session.store, "entries")[-1]["row_key"] == "211122/2020Q4/E03"


def test_a_submitted_period_is_read_only_and_says_so(page, session, qtbot):
    choose_period(page, Q3)
    assert page.banner.isVisible() and "2020年第三季度" in page.banner.text()
    assert page.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not page.save_button.isVisible()
    model = page.model
    assert not any(model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable
                   for r in range(model.rowCount()) for c in range(model.columnCount()))
    shown = cell(page, "P03", NUMERATOR).data()
    page.view.setFocus()
    page.view.setCurrentIndex(cell(page, "P03", NUMERATOR))
    qtbot.keyClicks(page.view, "5")
    QGuiApplication.clipboard().setText("1\t2\n")
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert cell(page, "P03", NUMERATOR).data() == shown and not page.has_unsaved()

    choose_period(page, Q4)
    assert not page.banner.isVisible()
    assert page.view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers


def test_a_unit_shows_its_own_target(page):
    county = cell(page, "P02", TARGET).data()
    page.unit_combo.setCurrentIndex(1)   # 高升街道 signed a target one point below the plan's
    assert (county, cell(page, "P02", TARGET).data()) == ("≥96%", "≥95%")
    assert "≥96%" in cell(page, "P02", TARGET).data(Qt.ItemDataRole.ToolTipRole)


def test_find_focuses_the_filter_which_narrows_the_rows_and_keeps_edits(page, qtbot):
    type_into(qtbot, page, "P03", NUMERATOR, "800")
    page.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.filter_edit)
    qtbot.keyClicks(page.filter_edit, "e0")
    model = page.model
    assert [model.row(r).indicator.code for r in range(model.rowCount())] == ["E01", "E02", "E03"]
    assert cell(page, "E01", CATEGORY).data() == "工程质量"
    page.filter_edit.clear()
    type_text(qtbot, page.filter_edit, "监督抽查")
    assert [model.row(r).indicator.code for r in range(model.rowCount())] == ["P04"]
    page.filter_edit.clear()
    assert cell(page, "P03", NUMERATOR).data() == "800" and page.has_unsaved()


def test_delete_clears_the_selected_cells(page, qtbot):
    page.view.setFocus()
    page.view.setCurrentIndex(cell(page, "P02", NUMERATOR))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert cell(page, "P02", NUMERATOR).data() == ""
    assert "缺少" in cell(page, "P02", NUMERATOR).data(ProblemRole)


def test_refresh_keeps_the_edits_in_progress(page, qtbot):
    type_into(qtbot, page, "P03", NUMERATOR, "800")
    page.refresh()
    assert cell(page, "P03", NUMERATOR).data() == "800" and page.has_unsaved()


def test_copy_puts_the_selected_cells_on_the_clipboard_as_a_spreadsheet_block(page, qtbot):
    view = page.view
    view.setFocus()
    view.setCurrentIndex(cell(page, "P02", NUMERATOR))
    view.selectionModel().select(
        QItemSelection(cell(page, "P02", NUMERATOR), cell(page, "P03", DENOMINATOR)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    block = parse_block(QGuiApplication.clipboard().text())
    assert block == [[cell(page, code, c).data() for c in (NUMERATOR, DENOMINATOR)]
                     for code in ("P02", "P03")]


def test_a_value_is_shown_to_the_indicators_places(page):
    choose_period(page, YEAR)
    assert cell(page, "P05", VALUE).data() == "90.90"   # P05 has 2 places
    assert cell(page, "B01", VALUE).data() == "4"


def test_saving_while_a_cell_is_still_being_typed_in_keeps_what_was_typed(page, session, qtbot):
    type_into(qtbot, page, "E03", NUMERATOR, "19")
    view = page.view
    view.setCurrentIndex(cell(page, "E03", DENOMINATOR))
    qtbot.keyClicks(view, "2")
    qtbot.keyClicks(view.indexWidget(view.currentIndex()), "0")   # no Enter: Ctrl+S comes first
    assert view.state() == QAbstractItemView.State.EditingState
    assert page.save() is True
    assert trail(session.store, "entries")[-1]["new"]["denominator"] == 20


def test_switching_period_reads_a_few_queries_not_one_per_row(page, session):
    counts = []
    for period in (YEAR, Q3, Q4):
        queries = []
        with session.store.db.tracer(lambda sql, params: queries.append(sql)):
            choose_period(page, period)
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2] <= 5


def test_the_columns_are_as_wide_as_what_they_hold_once_the_sheet_is_loaded(page):
    from PySide6.QtWidgets import QHeaderView

    from qdesk.gui.entry_model import CODE, NAME

    header = page.view.horizontalHeader()
    assert page.view.columnWidth(NAME) > 3 * page.view.columnWidth(CODE)
    assert header.sectionResizeMode(NOTE) == QHeaderView.ResizeMode.Stretch
