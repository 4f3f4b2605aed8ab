"""编辑 → 撤销/重做 (Ctrl+Z, Ctrl+Y) over a page's unsaved edits, back to the last save; and 剪切,
复制, 粘贴, 全选 sent to the widget with the focus. On databases made as `qdesk init` makes them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from qdesk.gui.main_window import MainWindow
from qdesk.gui.pages.plan import PlanEditorPage
from qdesk.gui.pages.targets import TargetsPage
from qdesk.gui.session import Session
from tests.gui.test_plan_page import cell, type_cell
from tests.gui.test_targets_page import own_target_cell, type_into

TOWNSHIP = "652301100"     # 榆树沟镇, of the `county` fixture


def window_on(session: Session, qtbot, page_type) -> tuple[MainWindow, object]:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.ask_unsaved = lambda page: QMessageBox.StandardButton.Discard
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    index = next(i for i, (_, make) in enumerate(window._factories)
                 if make.__name__ and window.page(i).__class__ is page_type)
    window.nav.setCurrentRow(index)
    return window, window.current_page()


def press(qtbot, window, keys: str) -> None:
    window.activateWindow()
    qtbot.keyClick(window.focusWidget() or window, *_key(keys))


def _key(keys: str):
    modifiers = Qt.KeyboardModifier.ControlModifier
    if keys.startswith("Ctrl+Shift+"):
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    return getattr(Qt.Key, f"Key_{keys[-1]}"), modifiers


def targets_page(county, qtbot):
    window, page = window_on(county, qtbot, TargetsPage)
    page.tabs.setCurrentIndex(1)
    page.unit_combo.setCurrentIndex(next(n for n in range(page.unit_combo.count())
                                         if page.unit_combo.itemData(n).code == TOWNSHIP))
    return window, page


def codes(page, n):
    return [i.code for i in page.unit_model.plan.indicators[:n]]


def test_each_typed_target_is_one_step_undone_and_redone_by_the_keys(county, qtbot):
    window, page = targets_page(county, qtbot)
    first, second = codes(page, 2)
    assert not window.act_undo.isEnabled()
    type_into(qtbot, page, first, ">= 95")
    type_into(qtbot, page, second, ">= 90")
    assert page.unit_model.pending == {first: ">= 95", second: ">= 90"}
    assert window.act_undo.isEnabled() and window.act_undo.text() == "&Undo edit targets"
    page.unit_table.setFocus()
    press(qtbot, window, "Ctrl+Z")
    assert page.unit_model.pending == {first: ">= 95"}
    assert page.unit_model.text(second) == ""
    press(qtbot, window, "Ctrl+Z")
    assert page.unit_model.pending == {} and not page.has_unsaved()
    assert not window.act_undo.isEnabled() and window.act_redo.isEnabled()
    press(qtbot, window, "Ctrl+Y")
    press(qtbot, window, "Ctrl+Shift+Z")
    assert page.unit_model.pending == {first: ">= 95", second: ">= 90"}
    assert page.save_button.isEnabled()


def test_a_refused_target_undone_is_no_longer_refused_nor_red(county, qtbot):
    window, page = targets_page(county, qtbot)
    (first,) = codes(page, 1)
    type_into(qtbot, page, first, "about ninety")
    assert first in page.unit_model.errors
    window.act_undo.trigger()
    assert page.unit_model.errors == {} and page.unit_model.pending == {}
    assert not page.save_button.isEnabled()


def test_undo_goes_back_to_the_last_save_and_no_further(county, qtbot):
    window, page = targets_page(county, qtbot)
    first, second = codes(page, 2)
    type_into(qtbot, page, first, ">= 95")
    assert page.save()
    assert not window.act_undo.isEnabled()
    type_into(qtbot, page, second, ">= 90")
    window.act_undo.trigger()
    assert page.unit_model.pending == {} and page.unit_model.text(first) == ">= 95"
    assert not window.act_undo.isEnabled()


def test_another_unit_starts_with_nothing_to_undo(county, qtbot):
    window, page = targets_page(county, qtbot)
    (first,) = codes(page, 1)
    type_into(qtbot, page, first, ">= 95")
    page.discard()
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()


def test_the_plan_editors_steps_are_undone_in_turn_a_row_added_and_a_cell_typed(district, qtbot):
    window, page = window_on(district, qtbot, PlanEditorPage)
    rows = len(page.draft.indicators)
    page.table.setCurrentIndex(cell(page, "P02", "code"))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, page, cell(page, "P02", "target"), "≥97%")
    assert len(page.draft.indicators) == rows + 1 and page.has_unsaved()
    assert window.act_undo.text() == "&Undo edit the plan"
    window.act_undo.trigger()
    assert cell(page, "P02", "target").data() != "≥97%"
    assert len(page.draft.indicators) == rows + 1
    window.act_undo.trigger()
    assert len(page.draft.indicators) == rows and not page.has_unsaved()
    assert not page.save_button.isEnabled()
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert len(page.draft.indicators) == rows + 1 and cell(page, "P02", "target").data() == "≥97%"


def test_a_page_without_edits_has_nothing_to_undo_nor_the_page_left_with_its_edits_dropped(
        county, qtbot):
    window, page = targets_page(county, qtbot)
    (first,) = codes(page, 1)
    type_into(qtbot, page, first, ">= 95")
    window.nav.setCurrentRow(0)          # asked, and told to discard (window_on's answer)
    assert window.current_page() is not page and not window.act_undo.isEnabled()
    window.nav.setCurrentRow(window.stack.indexOf(window.frame(2)))
    assert window.current_page() is page and not page.has_unsaved()
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()


def test_the_edit_menu_reads_in_chinese(county, qtbot, qapp):
    from qdesk.gui.language import install_language

    install_language(qapp, "zh_CN")
    window, _page = targets_page(county, qtbot)
    window.retranslate()
    texts = [a.text() for a in window.edit_menu.actions() if not a.isSeparator()]
    assert texts[:6] == ["撤销(&U)", "重做(&R)", "剪切(&T)", "复制(&C)", "粘贴(&P)", "全选(&A)"]


def test_copy_and_paste_from_the_menu_act_on_the_field_with_the_focus(county, qtbot):
    window, page = targets_page(county, qtbot)
    index = own_target_cell(page, codes(page, 1)[0])
    page.unit_table.setCurrentIndex(index)
    page.unit_table.edit(index)
    editor = page.unit_table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.setText(">= 93")
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    window.act_select_all.trigger()
    window.act_copy.trigger()
    assert QApplication.clipboard().text() == ">= 93"
    window.act_cut.trigger()
    assert editor.text() == ""
    window.act_paste.trigger()
    assert editor.text() == ">= 93"


@pytest.mark.parametrize("keys", ["Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+A"])
def test_the_menus_copy_and_paste_never_take_the_keys_from_the_widget(county, qtbot, keys):
    window, _page = targets_page(county, qtbot)
    action = {"Ctrl+C": window.act_copy, "Ctrl+V": window.act_paste,
              "Ctrl+X": window.act_cut, "Ctrl+A": window.act_select_all}[keys]
    assert action.shortcut().toString() == keys
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut


def entry_page(county, qtbot):
    from qdesk.gui.pages.entry import EntryPage

    window, page = window_on(county, qtbot, EntryPage)
    return window, page


def rate_codes(page, n):
    from qdesk.core.plan import Kind

    model = page.model
    return [model.row(r).indicator.code for r in range(model.rowCount())
            if model.row(r).indicator.kind is Kind.RATE][:n]


def test_typed_figures_undo_one_by_one_and_a_paste_undoes_whole(county, qtbot):
    from PySide6.QtGui import QGuiApplication

    from qdesk.gui.entry_model import NUMERATOR
    from tests.gui.test_entry import cell
    from tests.gui.test_entry import type_into as type_figure

    window, page = entry_page(county, qtbot)
    first, second = rate_codes(page, 2)
    type_figure(qtbot, page, first, NUMERATOR, "45")
    typed = page.model.snapshot()
    QGuiApplication.clipboard().setText("90\t100\r\n19\t20\r\n")
    page.view.setFocus()
    page.view.setCurrentIndex(cell(page, second, NUMERATOR))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert cell(page, second, NUMERATOR).data() == "90"
    pasted = page.model.snapshot()
    assert window.act_undo.text() == "&Undo edit figures"

    press(qtbot, window, "Ctrl+Z")              # the paste, whole
    assert page.model.snapshot() == typed and cell(page, second, NUMERATOR).data() == ""
    press(qtbot, window, "Ctrl+Z")              # the figure typed
    assert not page.has_unsaved() and cell(page, first, NUMERATOR).data() == ""
    assert not window.act_undo.isEnabled()
    press(qtbot, window, "Ctrl+Y")
    press(qtbot, window, "Ctrl+Y")
    assert page.model.snapshot() == pasted and page.model.edited_count() >= 2


def test_a_refused_figure_undone_is_refused_no_more(county, qtbot):
    from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR
    from tests.gui.test_entry import type_into as type_figure

    window, page = entry_page(county, qtbot)
    (code,) = rate_codes(page, 1)
    type_figure(qtbot, page, code, NUMERATOR, "30")
    type_figure(qtbot, page, code, DENOMINATOR, "20")     # more passed than inspected
    refused = page.model.problems()
    window.act_undo.trigger()
    assert page.model.problems() != refused        # only the denominator is missing now
    window.act_undo.trigger()
    assert not page.model.problems() and not page.has_unsaved()


def test_saved_figures_are_not_undone_and_the_grid_starts_again_after_a_save(county, qtbot):
    from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR
    from tests.gui.test_entry import type_into as type_figure

    window, page = entry_page(county, qtbot)
    (code,) = rate_codes(page, 1)
    type_figure(qtbot, page, code, NUMERATOR, "45")
    type_figure(qtbot, page, code, DENOMINATOR, "50")
    assert page.save()
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()
