"""The entry grid explains itself: the current figure's last figures and history beside it, an
amber mark on an unlikely figure as it is typed, and its explanation asked for on saving."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from qdesk.core.periods import Period
from qdesk.gui.entry_model import NOTE, VALUE, WarningRole
from qdesk.gui.explain_dialog import ExplainDialog
from qdesk.gui.pages.entry import EntryPage
from qdesk.gui.session import Session
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.settings import set_setting
from qdesk.store.units import home_unit
from tests.gui.keyboard import type_text
from tests.plausible import make_office
from tests.reports.pdftools import tables_by_page

NOW = Period.parse("2026Q1")


def _enter(store, operator, period, *items):
    set_setting(store, "operator", operator)
    set_entries(store, load_plan(store), home_unit(store), Period.parse(period), list(items))


@pytest.fixture
def office(tmp_path):
    """The county of `qdesk init` with a year of figures, and 2026Q1's 受理投诉件数 entered by
    张三 and changed by 李四."""
    db = make_office(tmp_path)
    with open_store(db) as store:
        for period, value in (("2025Q1", "10"), ("2025Q2", "12"), ("2025Q3", "11"),
                              ("2025Q4", "9")):
            _enter(store, "王五", period, EntryInput("A02", value=value),
                   EntryInput("A01", numerator="95", denominator="100"))
        _enter(store, "张三", "2026Q1", EntryInput("A02", value="10"))
        _enter(store, "李四", "2026Q1", EntryInput("A02", value="11", note="含网上投诉"))
    session = Session(db)
    session.period = NOW
    yield session
    session.close()


@pytest.fixture
def page(office, qtbot):
    page = EntryPage(office)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitActive(page)
    return page


def cell(page, code, column):
    return page.model.index(page.model.row_of(code), column)


def type_into(qtbot, page, code, column, text):
    view = page.view
    view.setFocus()
    view.setCurrentIndex(cell(page, code, column))
    type_text(qtbot, view, text[0])
    editor = view.indexWidget(view.currentIndex())
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def stored(session, code="A02"):
    return [(r["value"], r["note"]) for r in session.store.query(
        "SELECT e.value, e.note FROM entries e JOIN indicators i ON i.id = e.indicator_id"
        " WHERE i.code = ? AND e.period = ?", [code, str(NOW)])]


def test_the_panel_shows_the_units_last_figures_and_the_changes_of_the_figure(page):
    page.view.setCurrentIndex(cell(page, "A02", VALUE))
    panel = page.context_panel
    assert panel.title.text() == "A02 受理投诉件数"
    assert panel.earlier.text().splitlines() == [
        "2025年第四季度：9件", "2025年第三季度：11件", "2025年第二季度：12件", "2025年第一季度：10件"]
    assert panel.year_ago.text() == "2025年第一季度：10件"
    changes = panel.changes.text()
    assert changes.index("李四") < changes.index("张三")       # newest first
    assert "数值：10；备注：（空） → 数值：11；备注：含网上投诉" in changes
    assert "entered: 数值：10" in changes
    page.view.setCurrentIndex(cell(page, "A01", VALUE))
    assert panel.earlier.text().splitlines()[0] == "2025年第四季度：95.0%（95/100）"
    assert "never entered" in panel.changes.text()


def test_the_panel_can_be_hidden_and_fits_beside_the_grid_on_a_laptop(page):
    assert page.context_panel.isVisible() and page.context_panel.width() <= 260
    page.context_button.click()
    assert not page.context_panel.isVisible()
    page.context_button.click()
    assert page.context_panel.isVisible()


def test_the_panel_hidden_stays_hidden_on_the_next_start(page, office, qtbot):
    page.context_button.click()
    page.close()
    again = EntryPage(office)
    qtbot.addWidget(again)
    again.show()
    assert not again.context_button.isChecked() and not again.context_panel.isVisible()
    again.context_button.click()
    shown = EntryPage(office)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.context_button.isChecked() and shown.context_panel.isVisible()


def test_an_unlikely_figure_typed_is_marked_amber_with_its_reason(page, qtbot):
    index = cell(page, "A02", VALUE)
    assert index.data(WarningRole) == "" and index.data(Qt.ItemDataRole.DecorationRole) is None
    type_into(qtbot, page, "A02", VALUE, "30")
    index = cell(page, "A02", VALUE)
    assert index.data(WarningRole) == "30件超出近4期数值范围（9件～12件）20%以上"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Unlikely figure" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.view.setCurrentIndex(index)
    assert page.context_panel.warnings.isVisible()


def test_saving_asks_for_an_explanation_and_cancel_writes_nothing(page, office, qtbot,
                                                                   monkeypatch):
    type_into(qtbot, page, "A02", VALUE, "30")
    asked = []
    monkeypatch.setattr(page, "ask_explanations", lambda rows: asked.append(rows) or None)
    assert page.save() is False
    assert [row.indicator.code for row in asked[0]] == ["A02"]
    assert stored(office) == [("11", "含网上投诉")]
    assert "Not saved" in page.message.text() and "A02" in page.message.text()
    assert page.has_unsaved()


def test_the_dialog_refuses_a_blank_explanation_in_place_and_keeps_the_one_given(
        page, office, qtbot, monkeypatch, tmp_path):
    type_into(qtbot, page, "A02", VALUE, "30")
    seen = []

    def answer(dialog):
        seen.append(dialog.submit())                # nothing typed: refused, stays open
        seen.append(dialog.problem.isVisibleTo(dialog))
        dialog.edits["A02"].setText("新开通12315热线，集中受理")
        seen.append(dialog.submit())
        return ExplainDialog.DialogCode.Accepted

    monkeypatch.setattr(ExplainDialog, "exec", answer)
    assert page.save() is True
    assert seen == [False, True, True]
    # The note the clerk typed before stays, the explanation after it.
    assert stored(office) == [("30", "含网上投诉；新开通12315热线，集中受理")]
    out = tmp_path / "q.pdf"
    build_report(office.store, "quarterly", NOW, out)
    rows = {}
    for tables in tables_by_page(out, tmp_path / "drawn.pdf"):
        for table in tables:
            if table and table[0][:3] == ["序号", "类别", "指标"]:
                rows.update({row[2]: dict(zip(table[0], row)) for row in table[1:]})
    assert rows["受理投诉件数"]["备注"] == "含网上投诉；新开通12315热线，集中受理"


def test_one_explanation_for_all_covers_every_figure(page, office, qtbot, monkeypatch):
    type_into(qtbot, page, "A03", VALUE, "15")      # above its total A02 (11): a [[check]]
    assert "应不大于A02" in cell(page, "A03", VALUE).data(WarningRole)

    def answer(dialog):
        assert list(dialog.edits) == ["A03"]
        dialog.all_edit.setText("含上级转办件")
        dialog.submit()
        return ExplainDialog.DialogCode.Accepted

    monkeypatch.setattr(ExplainDialog, "exec", answer)
    assert page.save() is True
    assert stored(office, "A03") == [("15", "含上级转办件")]


def test_a_note_alone_changed_on_an_unlikely_figure_asks_nothing(page, office, qtbot,
                                                                 monkeypatch):
    monkeypatch.setattr(page, "ask_explanations", lambda rows: pytest.fail("asked"))
    type_into(qtbot, page, "A02", NOTE, "已核实")
    assert page.save() is True
    assert stored(office) == [("11", "已核实")]


def test_the_page_with_the_panel_at_1366_by_768(page, qtbot, tmp_path):
    page.resize(1366, 768)
    type_into(qtbot, page, "A02", VALUE, "30")
    page.view.setCurrentIndex(cell(page, "A02", VALUE))
    page.grab().save(str(tmp_path / "entry.png"))
    assert page.view.width() > 900
