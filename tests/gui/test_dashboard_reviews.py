"""The overview's table of what the units sent: 审核通过 and 退回… on the selected unit's package,
the periods returned and waiting for their correction, and 催报… writing the notice."""

import pdfplumber
import pytest
from PySide6.QtCore import Qt

from qdesk.gui.pages.dashboard import DashboardPage
from qdesk.gui.session import Session
from qdesk.store.audit import trail
from qdesk.store.reviews import Review, reviews_of
from tests.gui.keyboard import type_into
from tests.reports.pdftools import under_masthead
from tests.reviewing import Q1, city_with_packages, make_city, make_packages


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    return make_packages(tmp_path_factory.mktemp("counties"))


@pytest.fixture(scope="module")
def city_master(tmp_path_factory):
    return make_city(tmp_path_factory.mktemp("city") / "city.qdesk")


@pytest.fixture
def city(city_master, packages, tmp_path):
    """盘锦市 from `qdesk init` with 盘山县's and 双台子区's 2018Q1 packages imported; 大洼区 owes."""
    session = Session(city_with_packages(city_master, packages, tmp_path))
    yield session
    session.close()


@pytest.fixture
def page(qtbot, city):
    page = DashboardPage(city)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.period_picker.set_period(Q1)
    return page


def cells(page, column):
    model = page.reviews_model
    return {model.index(r, 0).data(): model.index(r, column).data()
            for r in range(model.rowCount())}


def select(page, name):
    model = page.reviews_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    page.reviews_table.selectRow(row)


def state(session, code):
    return next((r.state, r.reason) for r in reviews_of(session.store, Q1).values()
                if r.unit.code == code)


def test_the_table_shows_each_units_return_and_its_review(page):
    assert cells(page, 1) == {"盘山县": "逾期报送", "双台子区": "逾期报送", "大洼区": "未报送"}
    assert cells(page, 3) == {"盘山县": "待审核", "双台子区": "待审核", "大洼区": "—"}
    assert page.returned_label.isHidden()


def test_a_unit_that_sent_nothing_cannot_be_reviewed(page):
    select(page, "大洼区")
    assert not page.accept_button.isEnabled() and not page.return_button.isEnabled()
    select(page, "盘山县")
    assert page.accept_button.isEnabled() and page.return_button.isEnabled()


def test_accept_marks_the_selected_package_reviewed(qtbot, page, city):
    select(page, "盘山县")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert cells(page, 3)["盘山县"] == "已审核"
    assert state(city, "211122") == (Review.ACCEPTED, None)
    assert page.accept_button.isEnabled()       # the unit stays selected


def test_return_with_a_blank_reason_is_refused_in_the_dialog_and_nothing_changes(qtbot, page,
                                                                                 city):
    select(page, "盘山县")
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.return_dialog
    assert dialog is not None and dialog.isVisible()
    count = len(trail(city.store))
    type_into(qtbot, dialog.reason_edit, "   ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "退回理由" in dialog.problem.text()
    assert state(city, "211122") == (Review.PENDING, None) and len(trail(city.store)) == count
    assert cells(page, 3)["盘山县"] == "待审核"


def test_return_with_a_reason_shows_it_and_lists_the_period_as_waiting(qtbot, page, city):
    select(page, "盘山县")
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.return_dialog
    type_into(qtbot, dialog.reason_edit, "P02抽查批次与台账不符")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.return_dialog is None       # closed
    assert cells(page, 3)["盘山县"] == "已退回：P02抽查批次与台账不符"
    assert state(city, "211122") == (Review.RETURNED, "P02抽查批次与台账不符")
    assert page.returned_label.isVisible()
    assert page.returned_label.text() == ("Returned, waiting for the correction: "
                                          "盘山县2018年第一季度（P02抽查批次与台账不符）")


def test_a_returned_period_stays_listed_while_another_period_is_shown(qtbot, page, city):
    from qdesk.store.reviews import review_package

    review_package(city.store, "211102", Q1, Review.RETURNED, "缺工作情况")
    assert page.period_picker.set_period(Q1.year_ago())
    assert "双台子区2018年第一季度（缺工作情况）" in page.returned_label.text()
    assert page.returned_label.isVisible()


def test_remind_writes_the_notice_to_the_units_owing_and_those_returned(qtbot, page, city,
                                                                       monkeypatch, tmp_path):
    from qdesk.store.reviews import review_package

    review_package(city.store, "211122", Q1, Review.RETURNED, "P02填错")
    page.refresh()
    out = tmp_path / "催报.pdf"
    monkeypatch.setattr(page, "choose_reminder_file", lambda: str(out))
    with qtbot.waitSignal(page.changed, timeout=60_000):
        qtbot.mouseClick(page.remind_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building())
    assert page.review_message.isHidden(), page.review_message.text()
    assert page.review_info.text() == f"Written: {out}"
    with pdfplumber.open(out) as pdf:
        lines = under_masthead(pdf.pages[0])
    text = "".join(lines)
    assert text.startswith("关于催报2018年第一季度")
    assert "盘山县、大洼区：" in lines
    assert "大洼区已逾期尚未报送" in text and "双台子区" not in text
    assert "盘山县报送的数据包经审核已退回（退回理由：P02填错），请按退回意见更正后重新报送" in text


def test_remind_offers_the_notice_named_for_the_office_and_period(page, monkeypatch):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    offered = []

    def cancel(parent, title, path, filters):
        offered.append(Path(path).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    page.remind_button.click()
    assert offered == ["盘锦市2018年第一季度催报通知.pdf"] and not page.building()
