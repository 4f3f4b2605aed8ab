"""The first start: the guided set-up of a new office's database, opening a file, the demo."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from qdesk.gui.app import install_language, open_window
from qdesk.gui.welcome import Step, WelcomeDialog
from qdesk.plans.library import find_template
from qdesk.store.audit import changes
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan
from qdesk.store.settings import get_setting
from qdesk.store.units import home_unit, list_units
from tests.gui.keyboard import type_into, type_text

PANJIN = "盘锦市人民政府关于实施质量强市战略的意见"


@pytest.fixture
def offered(tmp_path):
    """The per-user folder as on a first start: not made yet."""
    return tmp_path / "AppData" / "qdesk" / "qdesk.qdesk"


@pytest.fixture
def dialog(qtbot, offered):
    shown = WelcomeDialog(offered)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitActive(shown)
    return shown


def press(qtbot, dialog, button):
    qtbot.mouseClick(dialog.button(button), Qt.MouseButton.LeftButton)


def next_step(qtbot, dialog):
    press(qtbot, dialog, QWizard.WizardButton.NextButton)


def to_the_unit_step(qtbot, dialog, operator="", plan=PANJIN):
    qtbot.mouseClick(dialog.start.new_button, Qt.MouseButton.LeftButton)
    assert dialog.currentId() == Step.LOCATION
    next_step(qtbot, dialog)
    if operator:
        type_into(qtbot, dialog.operator.name, operator)
    next_step(qtbot, dialog)
    dialog.plan.shipped.setCurrentIndex(dialog.plan.shipped.findText(plan))
    next_step(qtbot, dialog)
    assert dialog.currentId() == Step.UNIT


def test_the_guided_set_up_ends_in_a_main_window_on_the_new_database(qtbot, dialog, offered):
    assert dialog.location.chosen() == offered, "the per-user folder is offered"
    to_the_unit_step(qtbot, dialog, operator="县质量办 王芳")
    type_into(qtbot, dialog.unit.code, "211122")
    type_into(qtbot, dialog.unit.name, "盘山县")
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.chosen == offered

    window = open_window(dialog.chosen)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.start_result is not None, timeout=20000)
    assert window.session.path == offered
    assert window.session.plan.id == "panjin-2014"
    assert (window.session.home.code, window.session.home.name) == ("211122", "盘山县")
    assert window.session.operator == "县质量办 王芳"
    assert "县质量办 王芳" in window._status_operator.text()
    trail = changes(window.session.store, table="settings")
    assert [(row.operator, row.new) for row in trail] == [("县质量办 王芳", {"value": "县质量办 王芳"})]


def test_the_set_up_is_done_by_keyboard_alone(qtbot, dialog, offered):
    def key(k):
        qtbot.keyClick(QApplication.focusWidget(), k)

    key(Qt.Key.Key_Return)                  # 新建数据库, the first choice, has the focus
    key(Qt.Key.Key_Return)                  # the offered file
    type_text(qtbot, QApplication.focusWidget(), "Wang Fang")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Return)                  # the first shipped plan
    type_text(qtbot, QApplication.focusWidget(), "659001")
    key(Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget(), "石河子市")
    key(Qt.Key.Key_Return)                  # the database is made; on to the units under it
    assert dialog.currentId() == Step.SUBORDINATES
    finish = dialog.button(QWizard.WizardButton.FinishButton)
    for _ in range(12):                     # none pasted: Tab on to 打开 and skip the step
        if QApplication.focusWidget() is finish:
            break
        key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == offered
    with open_store(offered) as store:
        assert load_plan(store).id == "bingtuan-2016"
        assert get_setting(store, "operator") == "Wang Fang"
        assert home_unit(store).name == "石河子市"


def test_a_bad_division_code_is_refused_in_place_and_nothing_is_written(qtbot, dialog, offered):
    to_the_unit_step(qtbot, dialog)
    type_into(qtbot, dialog.unit.code, "12345")
    type_into(qtbot, dialog.unit.name, "某县")
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    assert dialog.currentId() == Step.UNIT and dialog.isVisible() and dialog.chosen is None
    assert dialog.unit.problem.isVisible() and "6位数字" in dialog.unit.problem.text()
    assert not offered.exists()
    assert [p for p in offered.parent.iterdir() if p.suffix != ".lock"] == []

    dialog.unit.code.clear()
    type_into(qtbot, dialog.unit.code, "211122")
    assert not dialog.unit.problem.isVisible(), "correcting the code clears the refusal"
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    assert dialog.chosen == offered and offered.exists()


def test_the_operator_step_may_be_skipped(qtbot, dialog, offered):
    to_the_unit_step(qtbot, dialog)
    type_into(qtbot, dialog.unit.code, "211122")
    type_into(qtbot, dialog.unit.name, "盘山县")
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    with open_store(offered) as store:
        assert get_setting(store, "operator") == ""
        assert load_plan(store).id == "panjin-2014"


def test_a_template_file_is_checked_when_chosen(qtbot, dialog, offered, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    broken = tmp_path / "broken.toml"
    broken.write_text(find_template("panjin-2014").read_text(encoding="utf-8").replace(
        'kind = "rate"', 'kind = "ratio"', 1), encoding="utf-8")
    good = tmp_path / "office.toml"
    shutil.copy(find_template("panjin-2014"), good)
    qtbot.mouseClick(dialog.start.new_button, Qt.MouseButton.LeftButton)
    next_step(qtbot, dialog)
    next_step(qtbot, dialog)
    answers = iter([str(broken), str(good)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (next(answers), ""))
    next_button = dialog.button(QWizard.WizardButton.NextButton)

    qtbot.mouseClick(dialog.plan.browse, Qt.MouseButton.LeftButton)
    assert dialog.plan.problem.isVisible() and "broken.toml" in dialog.plan.problem.text()
    assert not next_button.isEnabled(), "a template that fails its check cannot be taken"

    qtbot.mouseClick(dialog.plan.browse, Qt.MouseButton.LeftButton)
    assert not dialog.plan.problem.isVisible() and next_button.isEnabled()
    assert PANJIN in dialog.plan.details.text()
    next_step(qtbot, dialog)
    type_into(qtbot, dialog.unit.code, "211100")
    type_into(qtbot, dialog.unit.name, "盘锦市")
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    with open_store(offered) as store:
        assert load_plan(store).id == "panjin-2014"


def test_another_place_is_chosen_with_a_save_dialog(qtbot, dialog, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    elsewhere = tmp_path / "D盘" / "质量办"
    elsewhere.mkdir(parents=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(elsewhere / "盘山县"), ""))
    qtbot.mouseClick(dialog.start.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.location.browse, Qt.MouseButton.LeftButton)
    assert dialog.location.chosen() == elsewhere / "盘山县.qdesk"


@pytest.mark.parametrize("agree", [False, True])
def test_an_existing_file_is_replaced_only_when_the_clerk_agrees(qtbot, dialog, offered, agree):
    offered.parent.mkdir(parents=True)
    offered.write_bytes(b"the office's earlier work")
    asked = []
    dialog.ask_replace = lambda path: asked.append(path) or agree
    qtbot.mouseClick(dialog.start.new_button, Qt.MouseButton.LeftButton)
    next_step(qtbot, dialog)
    assert asked == [offered]
    if not agree:
        assert dialog.currentId() == Step.LOCATION
        assert offered.read_bytes() == b"the office's earlier work"
        return
    next_step(qtbot, dialog)
    next_step(qtbot, dialog)
    type_into(qtbot, dialog.unit.code, "211122")
    type_into(qtbot, dialog.unit.name, "盘山县")
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    with open_store(offered) as store:
        assert home_unit(store).code == "211122"


def test_open_the_demo_builds_it_beside_the_offered_file(qtbot, dialog, offered):
    qtbot.mouseClick(dialog.start.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == offered.with_name("demo.qdesk") and dialog.chosen.exists()


def test_open_a_database_file(qtbot, dialog, demo_db, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_db), ""))
    qtbot.mouseClick(dialog.start.open_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.chosen == demo_db


def test_every_step_fits_a_1366_by_768_screen_in_chinese(qtbot, offered, tmp_path):
    install_language(QApplication.instance(), "zh_CN")
    shown = WelcomeDialog(offered)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.button(QWizard.WizardButton.NextButton).text() == "下一步(&N)"
    for step in Step:
        if step == Step.SUBORDINATES:     # leaving the unit step makes the database
            shown.unit.code.setText("211122")
            shown.unit.name.setText("盘山县")
        if step != Step.START:
            shown.next()
        assert shown.currentId() == step
        hint = shown.minimumSizeHint()
        # 768 less the taskbar and the title bar of a Windows desktop
        assert hint.width() <= 1366 and hint.height() <= 680, (step, hint)
        assert shown.width() <= 1366 and shown.height() <= 680


def to_the_subordinates_step(qtbot, dialog):
    to_the_unit_step(qtbot, dialog, operator="县质量办 王芳")
    type_into(qtbot, dialog.unit.code, "211122")
    type_into(qtbot, dialog.unit.name, "盘山县")
    press(qtbot, dialog, QWizard.WizardButton.CommitButton)
    assert dialog.currentId() == Step.SUBORDINATES
    assert not dialog.button(QWizard.WizardButton.BackButton).isEnabled(), \
        "the database is made: the steps before it are done"


def test_the_units_under_the_office_are_pasted_previewed_and_registered(qtbot, dialog, offered):
    from qdesk.gui.unit_list_editor import PROBLEM

    to_the_subordinates_step(qtbot, dialog)
    editor = dialog.subordinates.editor
    finish = dialog.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled(), "the step may be skipped"
    QApplication.clipboard().setText("胡家镇\t211122100\n"
                                     "坝墙子镇\t211122101\n")
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(editor.read_button, Qt.MouseButton.LeftButton)
    assert editor.table.rowCount() == 2 and "未给出层级" in editor.table.item(0, PROBLEM).text(), \
        "without a header the code comes first: 胡家镇 is read as a code, and no level follows"
    assert not finish.isEnabled()

    editor.text_edit.selectAll()
    QApplication.clipboard().setText("单位名称\t单位代码\n胡家镇\t211122100\n坝墙子镇\t211122101\n")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(editor.read_button, Qt.MouseButton.LeftButton)
    assert finish.isEnabled() and finish.text() == "Save the units and &open"
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.chosen == offered

    window = open_window(dialog.chosen)       # the wizard let go of the file
    qtbot.addWidget(window)
    assert [(u.code, u.name, u.level) for u in list_units(window.session.store)] == [
        ("211122", "盘山县", "county"), ("211122100", "胡家镇", "township"),
        ("211122101", "坝墙子镇", "township")]
    trail = changes(window.session.store, table="units")
    assert {row.operator for row in trail} == {"县质量办 王芳"}


def test_the_units_step_may_be_skipped(qtbot, dialog, offered):
    to_the_subordinates_step(qtbot, dialog)
    assert dialog.button(QWizard.WizardButton.FinishButton).text() == "&Open"
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    with open_store(offered) as store:
        assert [u.code for u in list_units(store)] == ["211122"]


def test_an_indicator_table_from_the_superior_becomes_the_plan(qtbot, dialog, offered, tmp_path,
                                                                monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.factories import indicator_workbook

    bad = indicator_workbook(tmp_path / "坏表.xlsx", header=["指标代码", "指标名称"])
    table = indicator_workbook(tmp_path / "江都区指标表.xlsx")
    qtbot.mouseClick(dialog.start.new_button, Qt.MouseButton.LeftButton)
    next_step(qtbot, dialog)
    next_step(qtbot, dialog)
    answers = iter([str(bad), str(table)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (next(answers), ""))
    next_button = dialog.button(QWizard.WizardButton.NextButton)

    qtbot.mouseClick(dialog.plan.browse, Qt.MouseButton.LeftButton)
    assert dialog.plan.problem.isVisible() and "坏表.xlsx" in dialog.plan.problem.text()
    assert not next_button.isEnabled()

    qtbot.mouseClick(dialog.plan.browse, Qt.MouseButton.LeftButton)
    assert not dialog.plan.problem.isVisible() and next_button.isEnabled()
    assert "江都区质量强区工作方案" in dialog.plan.details.text()
    next_step(qtbot, dialog)
    type_into(qtbot, dialog.unit.code, "321012")
    type_into(qtbot, dialog.unit.name, "扬州市江都区")
    press(qtbot, dialog, QWizard.WizardButton.FinishButton)
    with open_store(offered) as store:
        plan = load_plan(store)
        assert (plan.id, [i.code for i in plan.indicators]) == ("jiangdu-2026",
                                                               ["Z01", "Z02", "Z03"])
