"""工作总结's 从任务台账生成草稿: the work section drafted from the period's ledger, asking first."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from qdesk.core.narratives import Section
from qdesk.core.periods import Period
from qdesk.core.tasks import TaskProgress, TaskStatus
from qdesk.databases import create_database
from qdesk.gui.pages.narratives import NarrativesPage
from qdesk.gui.session import Session
from qdesk.plans.library import find_template
from qdesk.store.narratives import narratives
from qdesk.store.tasks import write_progress
from tests.gui.picking import pick_period

Q3 = Period.parse("2020Q3")


@pytest.fixture
def county(tmp_path):
    path = tmp_path / "盘山县.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    session = Session(path)
    write_progress(session.store, session.plan, [
        TaskProgress("T09", "211122", Q3, TaskStatus.IN_PROGRESS, "抽查120批次", None),
        TaskProgress("T02", "211122", Q3, TaskStatus.DONE, "经费已列支", dt.date(2020, 7, 2))],
        dt.date(2020, 11, 23))
    session.period = Q3
    yield session
    session.close()


def open_page(session, qtbot):
    page = NarrativesPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_the_draft_fills_an_empty_work_section_by_category_and_is_saved(county, qtbot):
    page = open_page(county, qtbot)
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    assert page.editors[Section.WORK].toPlainText().splitlines() == [
        "（一）加强宏观质量管理",
        "加大质量综合管理和质量安全保障能力投入，列支监督抽查经费，提升质量监管部门履职能力。"
        "经费已列支。（已完成，2020年7月2日）",
        "（二）强化质量监督管理",
        "加强日常监督检查和产品质量监督抽查，开展产品质量风险管理，及时预警处置。抽查120批次。（推进中）"]
    assert page.save()
    assert narratives(county.store, county.home, Q3)[Section.WORK].startswith("（一）")


@pytest.mark.parametrize("answer", [True, False])
def test_text_already_there_is_replaced_only_when_the_clerk_agrees(county, qtbot, monkeypatch,
                                                                   answer):
    page = open_page(county, qtbot)
    page.editors[Section.WORK].setPlainText("已写好的总结")
    asked = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or answer)
    page.draft_button.click()
    assert len(asked) == 1
    text = page.editors[Section.WORK].toPlainText()
    assert (text == "已写好的总结") is not answer


def test_a_period_without_ledger_rows_leaves_the_section_alone(county, qtbot):
    page = open_page(county, qtbot)
    pick_period(page.period_picker, Period.parse("2020Q2"))
    with qtbot.waitSignal(page.status_message):
        page.draft_button.click()
    assert page.editors[Section.WORK].toPlainText() == ""


def test_the_draft_button_as_it_looks(county, qtbot):
    page = open_page(county, qtbot)
    page.draft_button.click()
    page.grab().save("/tmp/narratives_draft.png")
