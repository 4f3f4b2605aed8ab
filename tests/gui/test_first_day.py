"""A new office's first day through the workbench alone: the guided set-up with its towns, the
units screen, and a town's figure typed on the grid."""

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWizard

from qdesk.core.periods import Period
from qdesk.gui.app import open_window
from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR, STATUS
from qdesk.gui.pages.entry import EntryPage
from qdesk.gui.pages.units import UnitsPage
from qdesk.gui.unit_dialogs import RetireDialog
from qdesk.gui.welcome import Step, WelcomeDialog
from qdesk.store.audit import changes
from qdesk.store.status import period_status
from qdesk.store.units import find_unit, list_units
from tests.gui.keyboard import type_into
from tests.gui.test_entry import choose_period
from tests.gui.test_entry import type_into as type_into_cell

TOWNS = "单位代码\t单位名称\t层级\n211122100\t胡家镇\t镇\n211122101\t坝墙子镇\t镇\n"


def _page(window, kind):
    index = next(i for i in range(window.nav.count()) if isinstance(window.page(i), kind))
    window.nav.setCurrentRow(index)
    return window.page(index)


def test_a_new_office_sets_itself_up_and_enters_a_town_s_figure_through_the_workbench(
        qtbot, tmp_path):
    offered = tmp_path / "AppData" / "qdesk" / "qdesk.qdesk"
    wizard = WelcomeDialog(offered)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitActive(wizard)
    qtbot.mouseClick(wizard.start.new_button, Qt.MouseButton.LeftButton)
    wizard.next()                                               # where to save: as offered
    type_into(qtbot, wizard.operator.name, "县质量办 王芳")
    wizard.next()
    wizard.next()                                               # the first shipped plan
    type_into(qtbot, wizard.unit.code, "211122")
    type_into(qtbot, wizard.unit.name, "盘山县")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == Step.SUBORDINATES
    editor = wizard.subordinates.editor
    QApplication.clipboard().setText(TOWNS)
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(editor.read_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    window = open_window(wizard.chosen)
    qtbot.addWidget(window)
    store = window.session.store
    assert [u.code for u in list_units(store)] == ["211122", "211122100", "211122101"]

    units = _page(window, UnitsPage)
    units.choose("211122100")
    qtbot.mouseClick(units.retire_button, Qt.MouseButton.LeftButton)
    retire = units.findChildren(RetireDialog)[-1]
    plan_start = window.session.plan.start_year
    retire.date.setDate(QDate(plan_start, 7, 1))
    with qtbot.waitSignal(units.changed):
        qtbot.mouseClick(retire.ok_button, Qt.MouseButton.LeftButton)
    assert find_unit(store, "211122100").retired_on == dt.date(plan_start, 7, 1)

    entry = _page(window, EntryPage)
    q3 = Period.parse(f"{plan_start}Q3")
    choose_period(entry, q3)
    combo = entry.unit_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["盘山县", "坝墙子镇"], \
        "a town retired on July 1 is not due for the third quarter"
    combo.setCurrentIndex(1)
    rate = next(i for i in window.session.plan.indicators
                if i.numerator and i.frequency.value == "quarterly")
    type_into_cell(qtbot, entry, rate.code, NUMERATOR, "88")
    type_into_cell(qtbot, entry, rate.code, DENOMINATOR, "100")
    target = rate.target_for(plan_start)
    expected = "Met" if target.is_met_by(88) else "Not met"
    assert entry.model.index(entry.model.row_of(rate.code), STATUS).data() == expected
    assert entry.save()
    town = find_unit(store, "211122101")
    figure = next(a for a in period_status(store, window.session.plan, town, q3)
                  if a.indicator.code == rate.code)
    assert (figure.measure.numerator, figure.measure.denominator) == (88, 100)
    assert {c.operator for c in changes(store, table="entries")} == {"县质量办 王芳"}
