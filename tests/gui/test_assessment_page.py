"""考核 page: the ranking, a unit's breakdown, a manual score typed into its dialog, publication."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from qdesk.gui.pages.assessment import AssessmentPage, DecisionDialog
from qdesk.gui.session import Session
from qdesk.store.assessment import unpublish
from qdesk.store.audit import trail


@pytest.fixture
def page(qtbot, demo_db):
    session = Session(demo_db)
    page = AssessmentPage(session)
    qtbot.addWidget(page)
    page.year.setCurrentIndex(page.year.findData(2019))
    page.resize(1366, 768)
    page.show()
    yield page
    session.close()


def cells(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_page_shows_the_published_ranking_and_a_selected_units_breakdown(page):
    assert page.ranking.rowCount() == 7
    assert cells(page.ranking, 0)[:2] == ["1", "石新镇"] and cells(page.ranking, 0)[-2:] == ["98.5", "A"]
    assert "已发布" in page.state.text() or "Published" in page.state.text()
    assert not page.score_button.isEnabled()
    page.ranking.selectRow(1)
    page.ranking.selectRow(0)
    hows = [page.breakdown.item(r, 6).text() for r in range(page.breakdown.rowCount())]
    assert "2分×1次＝2.0分" in hows
    page.grab().save("/tmp/assessment_page.png")


def test_a_manual_score_typed_in_its_dialog_changes_the_total(page, qtbot):
    unpublish(page.session.store, 2019, "复核")
    page.refresh()
    assert page.score_button.isEnabled()
    row = next(r for r in range(7) if page.ranking.item(r, 1).text() == "沙岭镇")
    page.ranking.selectRow(row)
    dialog = DecisionDialog(page.session, page.table, "211122103", "score", page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.item.setCurrentIndex(dialog.item.findData("K07"))
    qtbot.keyClicks(dialog.value, "16")
    dialog.reason.setText("复核")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.problem.isVisible() and "超出" in dialog.problem.text()
    dialog.value.clear()
    qtbot.keyClicks(dialog.value, "15")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.changes is not None, dialog.problem.text()
    page._changed(dialog.changes)
    row = next(r for r in range(7) if page.ranking.item(r, 1).text() == "沙岭镇")
    assert cells(page.ranking, row)[-2] == "84.5"
    assert trail(page.session.store, "assessment_scores")[-1]["new"]["points"] == "15"
