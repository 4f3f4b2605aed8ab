"""数据填报's 参照值 column, through the main window on a district made as `qdesk init` makes it."""

from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.gui.entry_model import REFERENCE, STATUS, TARGET, ProblemRole, StatusRole
from qdesk.gui.session import Session
from qdesk.store.audit import trail
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.references import reference_values
from qdesk.store.units import add_subordinate, home_unit
from tests.factories import reference_template
from tests.gui.test_entry import cell, choose_period, type_into

Q3 = Period.parse("2026Q3")


@pytest.fixture
def district(tmp_path):
    """江都区 on its own plan, a town under it, 95 of 100 passed in 2026Q3 for both."""
    path = tmp_path / "江都区.qdesk"
    create_database(path, reference_template(tmp_path), "321012", "扬州市江都区",
                    operator="王强")
    session = Session(path)
    store, plan = session.store, load_plan(session.store)
    town = add_subordinate(store, "321012100", "仙女镇", "township")
    for unit in (home_unit(store), town):
        set_entries(store, plan, unit, Q3, [EntryInput("R01", "95", "100")])
    session.reload()
    yield session
    session.close()


@pytest.fixture
def window(district, qtbot):
    from qdesk.gui.main_window import MainWindow

    shown = MainWindow(district)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitActive(shown)
    shown.nav.setCurrentRow(1)
    choose_period(shown.current_page(), Q3)
    return shown


def status(page):
    return cell(page, "R01", STATUS).data(StatusRole)


def test_the_reference_column_stands_beside_the_target_it_serves(window):
    page = window.current_page()
    header = page.view.horizontalHeader()
    assert page.model.headerData(REFERENCE, Qt.Orientation.Horizontal) == "Reference"
    assert header.visualIndex(REFERENCE) == header.visualIndex(TARGET) + 1
    assert cell(page, "R01", TARGET).data() == "＞参照值" and status(page) == "no-data"


def test_a_reference_typed_on_the_grid_judges_the_row_and_ctrl_s_saves_it(window, district,
                                                                          qtbot):
    page = window.current_page()
    type_into(qtbot, page, "R01", REFERENCE, "96")
    assert status(page) == "not-met" and page.has_unsaved()
    type_into(qtbot, page, "R01", REFERENCE, "93.5")
    assert status(page) == "met"

    with qtbot.waitSignal(page.changed) as emitted:
        qtbot.keyClick(page.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "reference_figures" in emitted.args[0].tables
    assert reference_values(district.store, Q3) == {"R01": Fraction("93.5")}
    assert [r["action"] for r in trail(district.store, "reference_figures")] == ["insert"]
    assert not page.has_unsaved() and status(page) == "met"
    assert cell(page, "R01", REFERENCE).data() == "93.5"


def test_a_reference_that_does_not_read_is_red_and_not_saved(window, district, qtbot):
    page = window.current_page()
    type_into(qtbot, page, "R01", REFERENCE, "abc")
    assert "不是数字" in cell(page, "R01", REFERENCE).data(ProblemRole)
    assert status(page) is None
    assert page.save() is False and reference_values(district.store, Q3) == {}
    page.discard()
    assert status(page) == "no-data"


def test_a_town_reads_the_offices_reference_and_cannot_type_it(window, district, qtbot):
    page = window.current_page()
    type_into(qtbot, page, "R01", REFERENCE, "96")
    assert page.save()
    page.unit_combo.setCurrentIndex(1)
    assert page.model.unit.code == "321012100"
    index = cell(page, "R01", REFERENCE)
    assert index.data() == "96" and status(page) == "not-met"
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    page.view.setCurrentIndex(index)
    assert page.view.state() != QAbstractItemView.State.EditingState
