"""方案 → 重点任务: the plan's tasks added, edited, moved and removed in the plan editor, saved
with the plan as its new version, on a county made as `qdesk init` makes it."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from qdesk.core.periods import Period
from qdesk.core.tasks import TaskProgress, TaskStatus
from qdesk.databases import create_database
from qdesk.gui.pages.plan import PlanEditorPage
from qdesk.gui.plan_tasks import TaskTable
from qdesk.gui.session import Session
from qdesk.plans.library import find_template
from qdesk.store.audit import trail
from qdesk.store.plans import load_plan
from qdesk.store.tasks import write_progress
from qdesk.store.units import add_unit
from qdesk.views.plan_draft import TASK_KEYS
from tests.gui.keyboard import type_text


@pytest.fixture
def county(tmp_path):
    """盘山县 from `qdesk init`, with two member units, and progress on one of the plan's tasks."""
    path = tmp_path / "county.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县", operator="王会计")
    session = Session(path)
    add_unit(session.store, "D01", "县市场监管局", "department")
    add_unit(session.store, "D02", "县住建局", "department")
    first = session.plan.tasks[0].code
    write_progress(session.store, session.plan, [TaskProgress(
        first, "211122", Period.parse("2015Q1"), TaskStatus.IN_PROGRESS, "已部署", None)],
        dt.date(2015, 4, 1))
    yield session
    session.close()


def open_tasks(session, qtbot):
    page = PlanEditorPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentIndex(1)
    return page, page.tasks


def type_cell(qtbot, table: TaskTable, row, key, text):
    index = table.model.index(row, TASK_KEYS.index(key))
    table.table.setCurrentIndex(index)
    table.table.edit(index)
    editor = table.table.indexWidget(index)
    if isinstance(editor, QComboBox):
        editor = editor.lineEdit()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.table.indexWidget(index) is None)


def test_the_plan_s_tasks_are_listed_on_their_own_tab(county, qtbot):
    page, tasks = open_tasks(county, qtbot)
    assert page.tabs.tabText(1) == "Tasks"
    assert tasks.model.rowCount() == len(county.plan.tasks) > 10
    first = county.plan.tasks[0]
    assert tasks.model.index(0, TASK_KEYS.index("text")).data() == first.text


def test_a_task_added_with_a_member_unit_as_lead_is_saved_as_the_plan_s_new_version(
        county, qtbot):
    page, tasks = open_tasks(county, qtbot)
    last = tasks.model.rowCount() - 1
    tasks.table.setCurrentIndex(tasks.model.index(last, 0))
    qtbot.mouseClick(tasks.add_button, Qt.MouseButton.LeftButton)
    row = last + 1
    qtbot.waitUntil(lambda: tasks.table.indexWidget(tasks.model.index(row, 0)) is not None)
    tasks.table.closePersistentEditor(tasks.model.index(row, 0))
    type_cell(qtbot, tasks, row, "code", "T99")
    type_cell(qtbot, tasks, row, "text", "开展质量月活动")
    type_cell(qtbot, tasks, row, "lead", "县市场监管局")
    type_cell(qtbot, tasks, row, "deadline", "2016-09-30")
    assert page.save_button.isEnabled(), page.problem.text()
    with qtbot.waitSignal(page.changed) as emitted:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "tasks" in emitted.args[0].tables
    saved = load_plan(county.store).task("T99")
    assert (saved.text, saved.lead, saved.deadline) == ("开展质量月活动", "县市场监管局",
                                                        dt.date(2016, 9, 30))
    assert saved.category == county.plan.tasks[-2].category, "a new task takes its neighbour's"
    assert [r["action"] for r in trail(county.store, "tasks")][-1] == "insert"


def test_the_lead_cell_offers_the_office_s_member_units(county, qtbot):
    _, tasks = open_tasks(county, qtbot)
    index = tasks.model.index(0, TASK_KEYS.index("lead"))
    tasks.table.setCurrentIndex(index)
    tasks.table.edit(index)
    combo = tasks.table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["县市场监管局", "县住建局"]


def test_a_duplicate_task_code_is_marked_in_place_and_save_is_disabled(county, qtbot):
    page, tasks = open_tasks(county, qtbot)
    second = county.plan.tasks[1]
    type_cell(qtbot, tasks, 2, "code", second.code)
    index = tasks.model.index(2, TASK_KEYS.index("code"))
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "重复" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert not page.save_button.isEnabled()
    assert f"Task {second.code} Code: " in page.problem.text()
    assert load_plan(county.store).tasks == county.plan.tasks


def test_a_task_with_progress_keeps_its_code_and_cannot_be_removed(county, qtbot):
    page, tasks = open_tasks(county, qtbot)
    code = tasks.model.index(0, 0)
    assert not code.flags() & Qt.ItemFlag.ItemIsEditable
    tasks.table.setCurrentIndex(code)
    assert not tasks.remove_button.isEnabled()
    assert "已有进展记录" in tasks.remove_button.toolTip()
    removed, count = county.plan.tasks[1].code, len(county.plan.tasks)
    tasks.table.setCurrentIndex(tasks.model.index(1, 0))
    qtbot.mouseClick(tasks.remove_button, Qt.MouseButton.LeftButton)
    assert tasks.model.rowCount() == count - 1
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert removed not in {t.code for t in load_plan(county.store).tasks}
    assert len(load_plan(county.store).tasks) == count - 1


def test_moving_a_task_down_saves_the_new_order(county, qtbot):
    page, tasks = open_tasks(county, qtbot)
    first, second = county.plan.tasks[0].code, county.plan.tasks[1].code
    tasks.table.setCurrentIndex(tasks.model.index(0, 1))
    qtbot.mouseClick(tasks.down_button, Qt.MouseButton.LeftButton)
    assert tasks.current_row() == 1
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [t.code for t in load_plan(county.store).tasks][:2] == [second, first]
