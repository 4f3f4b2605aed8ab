"""数据填报 and 方案 on figures rolled up from units and retired indicators: a district made as
`qdesk init` makes it, with its towns."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox

from qdesk.core.periods import Period
from qdesk.core.plan import Source
from qdesk.gui.entry_model import DENOMINATOR, NOTE, NUMERATOR, VALUE
from qdesk.gui.session import Session
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from tests.factories import units_template
from tests.gui.keyboard import type_text
from tests.gui.picking import pick_period

Q1 = Period.parse("2026Q1")


@pytest.fixture
def district(tmp_path):
    from qdesk.databases import create_database
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate, home_unit

    path = tmp_path / "district.qdesk"
    create_database(path, units_template(tmp_path), "321012", "扬州市江都区")
    with open_store(path) as store:
        plan, home = load_plan(store), home_unit(store)
        towns = [add_subordinate(store, code, name, "township") for code, name in (
            ("100", "仙女镇"), ("101", "小纪镇"), ("102", "武坚镇"))]
        for town, (n, d) in zip(towns[:2], [(90, 100), (45, 50)]):
            set_entries(store, plan, town, Q1, [EntryInput("D01", str(n), str(d))])
        set_entries(store, plan, home, Q1, [EntryInput("D05", "96", "100")])
    session = Session(path)
    yield session
    session.close()


def entry_page(session, qtbot):
    from qdesk.gui.pages.entry import EntryPage

    page = EntryPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    pick_period(page.period_picker, Q1)
    return page


def test_the_grid_shows_the_towns_total_computed_and_refuses_typing_into_it(district, qtbot):
    page = entry_page(district, qtbot)
    model = page.model
    row = model.row_of("D01")
    shown = [model.index(row, c).data() for c in (NUMERATOR, DENOMINATOR, VALUE, NOTE)]
    assert shown == ["135", "150", "90.0", "3个单位中2个已填报"]
    assert not any(model.flags(model.index(row, c)) & Qt.ItemFlag.ItemIsEditable
                   for c in (NUMERATOR, DENOMINATOR, VALUE, NOTE))
    view = page.view
    view.setFocus()
    view.setCurrentIndex(model.index(row, NUMERATOR))
    type_text(qtbot, view, "7")
    assert view.indexWidget(view.currentIndex()) is None     # no editor opened
    assert not model.setData(model.index(row, NUMERATOR), "7")
    assert model.index(row, NUMERATOR).data() == "135" and not page.has_unsaved()
    page.grab().save("/tmp/pace-entry-rolled-up.png")


def open_plan_page(session, qtbot):
    from qdesk.gui.pages.plan import PlanEditorPage

    page = PlanEditorPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def cell(page, code, key):
    model = page.model
    row = next(n for n, r in enumerate(model.draft.indicators) if r.fields["code"] == code)
    return model.index(row, model.column_of(key))


def choose(qtbot, page, index, value):
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(value))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None)


def test_the_plan_editor_offers_entered_or_rolled_up_and_saves_the_choice(district, qtbot):
    page = open_plan_page(district, qtbot)
    assert cell(page, "D01", "source").data() == "From units"
    assert cell(page, "D03", "source").data() == "Typed"
    choose(qtbot, page, cell(page, "D03", "source"), "units")
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert load_plan(district.store).indicator("D03").source is Source.UNITS


def test_the_plan_editor_refuses_rolling_up_what_cannot_be_combined_as_typed(district, qtbot):
    page = open_plan_page(district, qtbot)
    choose(qtbot, page, cell(page, "D03", "over_units"), "none")
    choose(qtbot, page, cell(page, "D03", "source"), "units")
    assert not page.save_button.isEnabled()
    assert "“over_units”不能为“none”" in page.problem.text()
    assert page.model.problems(cell(page, "D03", "source"))


def test_an_indicator_with_figures_is_retired_and_restored_with_its_figures_kept(district, qtbot):
    page = open_plan_page(district, qtbot)
    page.table.setCurrentIndex(cell(page, "D05", "name"))
    assert not page.remove_button.isEnabled()           # it has figures: kept
    assert page.retire_button.text() == "Retire" and page.retire_button.isEnabled()
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    row = cell(page, "D05", "name").row()
    assert page.model.headerData(row, Qt.Orientation.Vertical) == f"{row + 1} retired"
    assert page.retire_button.text() == "Restore"
    page.grab().save("/tmp/pace-plan-retired.png")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    plan = load_plan(district.store)
    assert plan.indicator("D05").retired
    assert district.store.execute("SELECT count(*) FROM entries e JOIN indicators i"
                                  " ON i.id = e.indicator_id WHERE i.code = 'D05'"
                                  ).fetchone()[0] == 1
    page.table.setCurrentIndex(cell(page, "D05", "name"))
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not load_plan(district.store).indicator("D05").retired


@pytest.fixture(autouse=True)
def no_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
