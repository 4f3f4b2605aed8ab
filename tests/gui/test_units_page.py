"""单位: add, rename, reorder, retire and import units on a database made as `qdesk init` makes one."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from qdesk.databases import create_database
from qdesk.gui.pages.units import CODE, NAME, RETIRED, UnitsPage
from qdesk.gui.session import Session
from qdesk.gui.unit_dialogs import ImportUnitsDialog, RetireDialog, UnitDialog
from qdesk.gui.unit_list_editor import PROBLEM
from qdesk.plans.library import find_template
from qdesk.store.audit import changes
from qdesk.store.units import add_unit, find_unit, list_units
from tests.gui.keyboard import type_into, type_text
from tests.gui.picking import pick_period

OPERATOR = "县质量办 王芳"
PASTED = ("单位代码\t单位名称\t层级\n"
          "211122100\t胡家镇\t镇\n"
          "211122101\t坝墙子镇\t镇\n"
          "21112210X!\t石新镇\t镇\n"
          "211122400\t盘山经济开发区\t开发区\n")


@pytest.fixture
def county(tmp_path):
    """盘山县 as `qdesk init` leaves it: the plan and the office's own unit, nothing else."""
    path = tmp_path / "盘山县.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县", operator=OPERATOR)
    session = Session(path)
    yield session
    session.close()


@pytest.fixture
def page(county, qtbot):
    shown = UnitsPage(county)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    qtbot.waitActive(shown)
    return shown


def codes(session, retired=False):
    return [u.code for u in list_units(session.store, retired=retired)]


def units_trail(session):
    """The units' audit trail, oldest first."""
    return [(row.action, row.key, row.new)
            for row in reversed(changes(session.store, table="units"))]


def dialog_of(page, kind):
    dialog = page.findChildren(kind)[-1]
    assert dialog.isVisible()
    return dialog


def add_through_dialog(qtbot, page, code, name):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, UnitDialog)
    type_into(qtbot, dialog.code, code)
    type_into(qtbot, dialog.name, name)
    return dialog


def choose(page, code):
    page.choose(code)
    assert page.unit().code == code


def test_the_page_lists_the_office_s_own_unit_first(page, county):
    assert page.table.rowCount() == 1
    assert page.table.item(0, CODE).text() == "211122"
    assert not page.retire_button.isEnabled() and not page.up_button.isEnabled()
    assert "Retire it from a day on instead" in page.retire_button.toolTip()


def test_a_township_is_added_through_the_dialog_and_audited(page, county, qtbot):
    dialog = add_through_dialog(qtbot, page, "211122100", "胡家镇")
    assert dialog.chosen_level().value == "township", "a county adds townships first"
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.changed) as emitted:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "units" in emitted.args[0].tables
    assert codes(county) == ["211122", "211122100"]
    assert page.table.item(1, NAME).text() == "胡家镇" and page.unit().code == "211122100"
    assert units_trail(county)[-1][:2] == ("insert", "211122100")
    assert changes(county.store, table="units")[0].operator == OPERATOR


def test_a_bad_field_is_refused_as_it_is_typed(page, county, qtbot):
    dialog = add_through_dialog(qtbot, page, "胡家", "胡家镇")
    assert dialog.problems["code"].isVisible()
    assert "1至20位字母或数字" in dialog.problems["code"].text()
    assert not dialog.ok_button.isEnabled()
    dialog.level.setCurrentIndex(dialog.level.findText("县（市、区）"))
    dialog.level.activated.emit(dialog.level.currentIndex())
    dialog.code.clear()
    type_into(qtbot, dialog.code, "211122")
    assert dialog.problems["code"].text() == "单位代码“211122”已被“盘山县”使用"
    type_into(qtbot, dialog.credit_code, "12345")
    assert dialog.problems["credit_code"].isVisible()
    assert not dialog.ok_button.isEnabled()


def test_a_duplicate_code_is_refused_in_place_and_nothing_is_written(page, county, qtbot):
    add_unit(county.store, "211122100", "胡家镇", "township")
    page.refresh()
    before = units_trail(county)
    dialog = add_through_dialog(qtbot, page, "211122100", "石新镇")
    assert dialog.problems["code"].isVisible()
    assert dialog.problems["code"].text() == "单位代码“211122100”已被“胡家镇”使用"
    assert not dialog.ok_button.isEnabled()
    assert dialog.submit() is False and dialog.isVisible()
    assert codes(county) == ["211122", "211122100"] and units_trail(county) == before


def test_a_unit_is_renamed_and_audited(page, county, qtbot):
    add_unit(county.store, "211122100", "胡家镇", "township")
    page.refresh()
    choose(page, "211122100")
    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, UnitDialog)
    assert dialog.code.isReadOnly() and dialog.name.text() == "胡家镇"
    type_into(qtbot, dialog.name, "")
    dialog.name.selectAll()
    type_text(qtbot, dialog.name, "胡家街道")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert find_unit(county.store, "211122100").name == "胡家街道"
    assert page.table.item(1, NAME).text() == "胡家街道"
    assert units_trail(county)[-1] == ("update", "211122100", {"name": "胡家街道"})


def test_renaming_to_an_empty_name_is_refused_in_place(page, county, qtbot):
    add_unit(county.store, "211122100", "胡家镇", "township")
    page.refresh()
    choose(page, "211122100")
    before = units_trail(county)
    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, UnitDialog)
    type_into(qtbot, dialog.name, "")
    dialog.name.selectAll()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Delete)
    assert dialog.problems["name"].isVisible() and dialog.problems["name"].text() == "单位名称为空"
    assert not dialog.ok_button.isEnabled()
    assert dialog.submit() is False and dialog.isVisible()
    assert find_unit(county.store, "211122100").name == "胡家镇"
    assert units_trail(county) == before


def test_moving_a_unit_up_saves_the_order_at_once(page, county, qtbot):
    for code, name in (("211122100", "胡家镇"), ("211122101", "坝墙子镇"),
                       ("211122102", "石新镇")):
        add_unit(county.store, code, name, "township")
    page.refresh()
    choose(page, "211122102")
    assert not page.down_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert codes(county) == ["211122", "211122100", "211122102", "211122101"]
    assert page.unit().code == "211122102", "the page stays on the unit moved"
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert codes(county) == ["211122", "211122102", "211122100", "211122101"]
    assert not page.up_button.isEnabled(), "the first unit under the office goes no higher"
    assert ("update", "211122102", {"position": 1}) in units_trail(county)


def test_a_unit_is_retired_from_a_date_and_shown_only_when_asked(page, county, qtbot):
    add_unit(county.store, "211122100", "胡家镇", "township")
    page.refresh()
    choose(page, "211122100")
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, RetireDialog)
    assert dialog.date.date() == QDate.currentDate(), "today is offered"
    assert "its figures before that day stay" in dialog.meaning.text().lower()
    dialog.date.setDate(QDate(2026, 7, 1))
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert find_unit(county.store, "211122100").retired_on == dt.date(2026, 7, 1)
    assert codes(county) == ["211122"], "a retired unit is not listed"
    assert units_trail(county)[-1] == ("update", "211122100", {"retired_on": "2026-07-01"})

    page.show_retired.click()
    assert page.table.rowCount() == 2 and page.table.item(1, RETIRED).text() == "2026-07-01"
    assert page.table.item(1, NAME).foreground().color().name() == "#808080"
    choose(page, "211122100")
    assert page.reinstate_button.isEnabled()


def test_a_retirement_before_the_unit_s_figures_is_refused_in_place(page, county, qtbot):
    from qdesk.core.periods import Period
    from qdesk.store.entries import EntryInput, set_entries

    add_unit(county.store, "211122100", "胡家镇", "township")
    unit = find_unit(county.store, "211122100")
    rate = next(i for i in county.plan.indicators
                if i.kind.value == "rate" and i.frequency.value == "quarterly")
    set_entries(county.store, county.plan, unit, Period.parse("2016Q3"),
                [EntryInput(rate.code, numerator="9", denominator="10")])
    page.refresh()
    choose(page, "211122100")
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, RetireDialog)
    dialog.date.setDate(QDate(2016, 1, 1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "撤销日期最早为2016-07-02" in dialog.problem.text()
    assert find_unit(county.store, "211122100").retired_on is None


def paste(qtbot, editor, text):
    QApplication.clipboard().setText(text)
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text_edit.toPlainText() == text


def edit_cell(qtbot, table, row, column, text):
    """Double-click a cell, type over it and press Enter, as a clerk corrects it."""
    table.setFocus()
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
    editor = table.indexWidget(table.currentIndex())
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def red(table, row):
    return table.item(row, NAME).background().color().name() == "#ffcdcd"


def test_a_pasted_list_with_a_bad_row_is_corrected_in_the_preview_and_saved_whole(
        page, county, qtbot):
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, ImportUnitsDialog)
    editor = dialog.editor
    assert not dialog.save_button.isEnabled()
    paste(qtbot, editor, PASTED)
    qtbot.mouseClick(editor.read_button, Qt.MouseButton.LeftButton)

    table = editor.table
    assert table.rowCount() == 4
    assert [table.verticalHeaderItem(r).text() for r in range(4)] == ["2", "3", "4", "5"]
    assert [red(table, r) for r in range(4)] == [False, False, True, False]
    assert "单位代码“21112210X!”应为1至20位字母或数字" in table.item(2, PROBLEM).text()
    assert table.item(3, 2).text() == "开发区（园区）"
    assert not dialog.save_button.isEnabled(), "a list with a bad row cannot be saved"
    assert "1 marked red" in editor.summary.text()
    assert codes(county) == ["211122"]

    edit_cell(qtbot, table, 2, CODE, "211122101")       # now the same code as row 3
    assert red(table, 2) and "与第3行重复" in table.item(2, PROBLEM).text()
    assert not dialog.save_button.isEnabled()
    edit_cell(qtbot, table, 2, CODE, "211122102")
    assert not any(red(table, r) for r in range(4)) and table.item(2, PROBLEM).text() == ""
    assert dialog.save_button.isEnabled()

    with qtbot.waitSignal(page.changed) as emitted:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert emitted.args[0].units == {"211122100", "211122101", "211122102", "211122400"}
    assert codes(county) == ["211122", "211122100", "211122101", "211122102", "211122400"]
    assert find_unit(county.store, "211122400").level == "zone"
    assert [key for action, key, _ in units_trail(county) if action == "insert"][1:] == [
        "211122100", "211122101", "211122102", "211122400"]
    assert page.table.rowCount() == 5 and "4 units registered" in page.message.text()


def test_a_row_already_registered_under_another_name_is_marked(page, county, qtbot):
    add_unit(county.store, "211122100", "胡家街道", "township")
    page.refresh()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, ImportUnitsDialog)
    paste(qtbot, dialog.editor, "211122100\t胡家镇\n211122101\t坝墙子镇\n")
    qtbot.mouseClick(dialog.editor.read_button, Qt.MouseButton.LeftButton)
    assert red(dialog.editor.table, 0) and not red(dialog.editor.table, 1)
    assert "已被“胡家街道”使用" in dialog.editor.table.item(0, PROBLEM).text()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.editor.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.editor.table.visualItemRect(
                         dialog.editor.table.item(0, NAME)).center())
    qtbot.mouseClick(dialog.editor.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.editor.table.rowCount() == 1 and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert codes(county) == ["211122", "211122100", "211122101"]


def test_a_csv_file_is_read_into_the_preview(page, county, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    listed = tmp_path / "成员单位.csv"
    listed.write_text("单位代码,单位名称,层级,统一社会信用代码\n"
                      "JY01,县教育局,成员单位,\n", encoding="utf-8-sig")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(listed), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, ImportUnitsDialog)
    qtbot.mouseClick(dialog.editor.open_button, Qt.MouseButton.LeftButton)
    assert dialog.editor.table.rowCount() == 1 and dialog.save_button.isEnabled()
    assert dialog.editor.table.item(0, 2).text() == "成员单位"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert find_unit(county.store, "JY01").level == "department"


def test_the_entry_page_leaves_out_units_retired_before_its_period(county, qtbot):
    from qdesk.core.periods import Period
    from qdesk.gui.pages.entry import EntryPage
    from qdesk.store.units import retire_unit

    add_unit(county.store, "211122100", "胡家镇", "township")
    add_unit(county.store, "211122101", "坝墙子镇", "township")
    retire_unit(county.store, "211122100", dt.date(2016, 7, 1))
    county.period = Period.parse("2016Q3")
    page = EntryPage(county)
    qtbot.addWidget(page)
    combo = page.unit_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["盘山县", "坝墙子镇"]
    pick_period(page.period_picker, Period.parse("2016Q2"))
    assert [combo.itemText(i) for i in range(combo.count())] == ["盘山县", "胡家镇", "坝墙子镇"]


@pytest.fixture
def prefecture(tmp_path):
    """盘锦市 as `qdesk init` makes it: a prefecture that has still to register its counties."""
    path = tmp_path / "盘锦市.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市质量强市工作领导小组办公室",
                    operator=OPERATOR)
    session = Session(path)
    yield session
    session.close()


@pytest.fixture
def prefecture_page(prefecture, qtbot):
    shown = UnitsPage(prefecture)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    qtbot.waitActive(shown)
    return shown


def test_a_county_s_name_is_filled_as_its_code_is_typed_until_a_name_is(prefecture_page, qtbot):
    qtbot.mouseClick(prefecture_page.add_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(prefecture_page, UnitDialog)
    dialog.level.setCurrentIndex(dialog.level.findData("county"))
    type_into(qtbot, dialog.code, "211122")
    assert dialog.name.text() == "盘山县" and dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.name, "人民政府")
    for _ in "211122":
        qtbot.keyClick(dialog.code, Qt.Key.Key_Backspace)
    type_into(qtbot, dialog.code, "211104")
    assert dialog.name.text() == "盘山县人民政府", "a typed name is never overwritten"


def test_the_gb2260_button_shows_only_where_the_list_has_divisions_below(page,
                                                                         prefecture_page):
    assert not page.divisions_button.isVisibleTo(page)
    assert prefecture_page.divisions_button.isVisibleTo(prefecture_page)


def test_a_prefecture_adds_its_counties_from_gb2260_through_the_preview(prefecture_page,
                                                                       prefecture, qtbot):
    add_unit(prefecture.store, "211102", "双台子区", "county")
    prefecture_page.refresh()
    qtbot.mouseClick(prefecture_page.divisions_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(prefecture_page, ImportUnitsDialog)
    table = dialog.editor.table
    assert [table.item(r, NAME).text() for r in range(table.rowCount())] == [
        "兴隆台区", "大洼区", "盘山县"], "a county registered before is left out"
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(prefecture_page.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert codes(prefecture) == ["211100", "211102", "211103", "211104", "211122"]
    assert [key for action, key, _ in units_trail(prefecture) if action == "insert"][-3:] == [
        "211103", "211104", "211122"]
    qtbot.mouseClick(prefecture_page.divisions_button, Qt.MouseButton.LeftButton)
    assert "registered already" in prefecture_page.message.text()
