"""重点任务: the period's ledger by category, filtered, overdue in red, edited in place, saved."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qdesk.core.periods import Period
from qdesk.core.tasks import TaskProgress, TaskStatus
from qdesk.databases import create_database
from qdesk.gui.pages.tasks import CODE, DEADLINE, DONE_ON, PROGRESS, STATUS, TasksPage
from qdesk.gui.session import Session
from qdesk.gui.widgets import ERROR_BACKGROUND, ERROR_FOREGROUND, cell_combo
from qdesk.plans.library import find_template
from qdesk.store.audit import trail
from qdesk.store.tasks import task_progress, write_progress
from tests.gui.keyboard import type_text

TODAY = dt.date(2020, 11, 23)
Q3 = Period.parse("2020Q3")


@pytest.fixture
def county(tmp_path):
    """盘山县 as `qdesk init` leaves it, with two tasks already reported for 2020Q3."""
    path = tmp_path / "盘山县.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    session = Session(path)
    write_progress(session.store, session.plan, [
        TaskProgress("T04", "211122", Q3, TaskStatus.IN_PROGRESS, "起草中", None),
        TaskProgress("T02", "211122", Q3, TaskStatus.DONE, "经费已列支", dt.date(2020, 7, 2))],
        TODAY)
    session.period = Q3
    yield session
    session.close()


@pytest.fixture
def page(county, qtbot):
    shown = TasksPage(county, today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    shown.period_picker.set_period(Q3)
    return shown


def texts(page, column):
    return [page.table.item(r, column).text() if page.table.item(r, column) else ""
            for r in range(page.table.rowCount())]


def test_the_tasks_are_listed_under_their_categories(page):
    codes = texts(page, CODE)
    assert codes[:6] == ["加强宏观质量管理", "T01", "T02", "T03", "T04", "创新质量发展机制"]
    assert page.table.columnSpan(0, 0) == page.table.columnCount()
    row = page.row_of("T02")
    assert cell_combo(page.table, row, STATUS).currentText() == "已完成"
    assert page.table.item(row, PROGRESS).text() == "经费已列支"
    assert page.table.item(row, DONE_ON).text() == "2020-07-02"
    assert cell_combo(page.table, page.row_of("T01"), STATUS).currentText() == "未填报"


def test_a_task_past_its_deadline_and_not_done_is_red_and_a_done_one_is_not(page):
    overdue = page.row_of("T04")        # deadline 2015-12-31, in progress
    assert page.table.item(overdue, DEADLINE).foreground().color() == ERROR_FOREGROUND
    assert page.table.item(overdue, CODE).foreground().color() == ERROR_FOREGROUND
    assert page.table.item(page.row_of("T01"), CODE).foreground().color() != ERROR_FOREGROUND


def test_the_filters_keep_one_status_and_one_lead(page):
    page.status_filter.setCurrentIndex(page.status_filter.findText("已完成"))
    assert [c for c in texts(page, CODE) if c.startswith("T")] == ["T02"]
    page.status_filter.setCurrentIndex(0)
    page.lead_filter.setCurrentIndex(page.lead_filter.findText("市质量强市工作领导小组办公室"))
    assert texts(page, CODE) == ["创新质量发展机制", "T07"]


def test_a_row_edited_in_place_is_saved_with_ctrl_s_and_audited(page, county, qtbot):
    row = page.row_of("T09")
    cell_combo(page.table, row, STATUS).setCurrentIndex(2)        # 推进中
    page.table.setCurrentCell(row, PROGRESS)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    type_text(qtbot, QApplication.focusWidget(), "抽查120批次")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert page.has_unsaved()
    with qtbot.waitSignal(page.changed) as emitted:
        assert page.save()
    assert "task_progress" in emitted.args[0].tables
    saved = {r.task: r for r in task_progress(county.store, Q3)}
    assert (saved["T09"].status, saved["T09"].progress) == (TaskStatus.IN_PROGRESS, "抽查120批次")
    assert trail(county.store, "task_progress")[-1]["row_key"] == "211122/2020Q3/T09"
    assert not page.has_unsaved()


def test_a_done_status_without_its_day_is_red_and_not_saved(page, county):
    row = page.row_of("T01")
    before = task_progress(county.store, Q3)
    cell_combo(page.table, row, STATUS).setCurrentIndex(3)        # 已完成
    assert page.table.item(row, DONE_ON).background().color() == ERROR_BACKGROUND
    assert "须填写完成日期" in page.table.item(row, DONE_ON).toolTip()
    assert not page.save() and page.problem.isVisible()
    page.table.item(row, DONE_ON).setText("2099-01-01")
    assert "晚于今天" in page.table.item(row, DONE_ON).toolTip()
    assert not page.save()
    assert task_progress(county.store, Q3) == before
    page.table.item(row, DONE_ON).setText("2020-09-01")
    assert page.save()
    assert {r.task: r.done_on for r in task_progress(county.store, Q3)}["T01"] == \
        dt.date(2020, 9, 1)


def test_the_page_as_it_looks(page):
    page.grab().save("/tmp/tasks_page.png")


def test_the_page_comes_after_targets_in_the_navigation(window):
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels.index("Key tasks") == labels.index("Indicators and targets") + 1
