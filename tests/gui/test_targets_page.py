"""The targets page: the plan's indicators read-only; a subordinate unit's own targets edited."""


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from qdesk.gui.pages.targets import ERROR_BACKGROUND, TargetsPage, UnitTargetsModel
from qdesk.store.audit import trail
from qdesk.store.plans import unit_targets
from qdesk.store.units import find_unit
from tests.gui.keyboard import type_text

TOWNSHIP = "211122101"      # 坝墙子镇: its own P02 target is >= 97, none for P04


def open_page(session, qtbot, unit_code=TOWNSHIP):
    page = TargetsPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentIndex(1)
    page.unit_combo.setCurrentIndex(
        next(n for n in range(page.unit_combo.count())
             if page.unit_combo.itemData(n).code == unit_code))
    return page


def own_target_cell(page, code):
    return page.unit_model.index(page.unit_model.row_of(code), UnitTargetsModel.OWN)


def type_into(qtbot, page, code, text, finish=True):
    """Open the cell's editor the way a double-click does, type, and press Enter."""
    index = own_target_cell(page, code)
    page.unit_table.setCurrentIndex(index)
    page.unit_table.edit(index)
    editor = page.unit_table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(qtbot, editor, text)
    if finish:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.unit_table.indexWidget(index) is None)
    return editor


def targets_of(session, code=TOWNSHIP):
    unit = find_unit(session.store, code)
    return {c: {y: str(t) for y, t in by_year.items()}
            for c, by_year in unit_targets(session.store, unit.id).items()}


def test_plan_tab_shows_every_indicator_with_its_yearly_targets(session, qtbot):
    page = TargetsPage(session)
    qtbot.addWidget(page)
    model = page.plan_model
    assert model.rowCount() == len(session.plan.indicators)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[-7:] == [str(y) for y in range(2014, 2021)]
    p02 = next(n for n, i in enumerate(session.plan.indicators) if i.code == "P02")
    assert model.index(p02, model.FIXED - 1).data() == "≥96%"
    assert not model.flags(model.index(p02, model.FIXED - 1)) & Qt.ItemFlag.ItemIsEditable


def test_home_unit_is_not_offered_for_unit_targets(session, qtbot):
    page = TargetsPage(session)
    qtbot.addWidget(page)
    codes = [page.unit_combo.itemData(n).code for n in range(page.unit_combo.count())]
    assert session.home.code not in codes
    assert len(codes) == 7


def test_typed_unit_target_is_saved_and_audited(session, qtbot):
    page = open_page(session, qtbot)
    assert own_target_cell(page, "P02").data() == ">= 97"
    assert own_target_cell(page, "P04").data(Qt.ItemDataRole.EditRole) == ""

    type_into(qtbot, page, "P04", ">=93")
    type_into(qtbot, page, "P02", ">= 98")
    assert page.has_unsaved()
    assert targets_of(session)["P02"] == {None: ">= 97"}     # nothing written before Save

    with qtbot.waitSignal(page.changed):
        assert page.save()

    assert targets_of(session)["P04"] == {None: ">= 93"}
    assert targets_of(session)["P02"] == {None: ">= 98"}
    assert not page.has_unsaved()
    changes = {row["row_key"]: row for row in trail(session.store, "targets")[-2:]}
    assert changes[f"{TOWNSHIP}/P04/*"]["action"] == "insert"
    assert changes[f"{TOWNSHIP}/P04/*"]["new"] == {"expr": ">= 93"}
    assert changes[f"{TOWNSHIP}/P02/*"]["old"] == {"expr": ">= 97"}
    assert changes[f"{TOWNSHIP}/P02/*"]["new"] == {"expr": ">= 98"}
    assert changes[f"{TOWNSHIP}/P02/*"]["operator"] == session.operator


def test_target_that_does_not_parse_turns_red_and_is_not_saved(session, qtbot):
    page = open_page(session, qtbot)
    before, audited = targets_of(session), len(trail(session.store))

    editor = type_into(qtbot, page, "P04", "90以上", finish=False)
    assert "90以上" in editor.toolTip()            # refused while typing, before Enter
    with qtbot.waitSignal(page.status_message) as message:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.unit_table.indexWidget(own_target_cell(page, "P04")) is None)
    assert "90以上" in message.args[0]

    cell = own_target_cell(page, "P04")
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "90以上" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.EditRole) == "90以上"  # kept, so it can be corrected

    with qtbot.assertNotEmitted(page.changed):
        assert not page.save()
    assert page.problem.isVisibleTo(page)
    assert targets_of(session) == before
    assert len(trail(session.store)) == audited


def test_one_bad_cell_holds_back_the_good_ones_until_fixed(session, qtbot):
    page = open_page(session, qtbot)
    type_into(qtbot, page, "P03", "== 95")
    type_into(qtbot, page, "P04", "95..90")      # a range must run low..high
    assert not page.save()
    assert targets_of(session)["P03"] == {None: ">= 92"}

    type_into(qtbot, page, "P04", "90..95")
    assert page.save()
    assert targets_of(session)["P03"] == {None: "== 95"}
    assert targets_of(session)["P04"] == {None: "90..95"}


def test_emptying_a_unit_target_is_refused_because_the_store_cannot_remove_it(session, qtbot):
    page = open_page(session, qtbot)
    type_into(qtbot, page, "P02", "")
    assert own_target_cell(page, "P02").data(Qt.ItemDataRole.BackgroundRole).color() \
        == ERROR_BACKGROUND
    assert not page.save()
    assert targets_of(session)["P02"] == {None: ">= 97"}


def test_save_takes_a_cell_still_being_edited(session, qtbot):
    page = open_page(session, qtbot)
    type_into(qtbot, page, "P04", ">= 91", finish=False)     # Ctrl+S without pressing Enter
    assert page.save()
    assert targets_of(session)["P04"] == {None: ">= 91"}


def test_discard_drops_pending_edits(session, qtbot):
    page = open_page(session, qtbot)
    type_into(qtbot, page, "P02", ">= 99")
    assert page.save_button.isEnabled()
    page.discard()
    assert not page.has_unsaved()
    assert own_target_cell(page, "P02").data() == ">= 97"
    assert not page.save_button.isEnabled()
