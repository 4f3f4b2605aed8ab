"""The targets page: the plan's indicators read-only; a subordinate unit's own targets edited."""


import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from qdesk.gui.pages.targets import ERROR_BACKGROUND, TargetsPage, UnitTargetsModel
from qdesk.gui.session import Session
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
    assert own_target_cell(page, "P02").data() == "≥97%"
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

    editor = type_into(qtbot, page, "P04", "九十以上", finish=False)
    assert "九十以上" in editor.toolTip()          # refused while typing, before Enter
    with qtbot.waitSignal(page.status_message) as message:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.unit_table.indexWidget(own_target_cell(page, "P04")) is None)
    assert "九十以上" in message.args[0]

    cell = own_target_cell(page, "P04")
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    assert "九十以上" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.EditRole) == "九十以上"  # kept, so it can be corrected

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
    assert own_target_cell(page, "P02").data() == "≥97%"
    assert not page.save_button.isEnabled()


@pytest.fixture
def district(tmp_path):
    """盘山县 as `qdesk init` makes it, its three towns added, open in the workbench."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    path = tmp_path / "district.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(path) as store:
        for code, name in TOWNS:
            add_subordinate(store, code, name, "township")
    session = Session(path)
    yield session
    session.close()


TOWNS = [("211122100", "太平街道"), ("211122101", "沙岭镇"), ("211122102", "高升镇")]


def fill(path, cells):
    book = load_workbook(path)
    ws = book.active
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for (indicator, unit), value in cells.items():
        ws.cell(rows[indicator], columns[unit]).value = value
    book.save(path)


def test_the_sheet_buttons_export_and_import_every_towns_targets(district, qtbot, monkeypatch,
                                                                 tmp_path):
    page = open_page(district, qtbot, "211122101")
    page.year_combo.setCurrentIndex(page.year_combo.findData(2020))
    sheet = tmp_path / "目标.xlsx"
    monkeypatch.setattr(page, "choose_export_file", lambda year: str(sheet))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export_button.isEnabled() and page.sheet_info.isVisible())
    assert sheet.exists() and "Written" in page.sheet_info.text()

    fill(sheet, {("P02", "211122101"): "97", ("B02", "211122100"): 5,
                 ("B02", "211122101"): 5, ("B02", "211122102"): 5})
    monkeypatch.setattr(page, "choose_import_file", lambda: str(sheet))
    with qtbot.waitSignal(page.changed) as changed:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].units == {code for code, _ in TOWNS}
    qtbot.waitUntil(lambda: page.import_button.isEnabled())
    assert targets_of(district, "211122101")["P02"] == {2020: ">= 97"}
    text = page.sheet_info.text()
    assert "4" in text and "B02" in text and "少于本级目标20项" in text     # the shortfall warning
    assert own_target_cell(page, "P02").data() == "follows the plan（2020：≥97%）"


def test_a_sheet_with_a_bad_cell_is_refused_in_place_and_nothing_changes(district, qtbot,
                                                                         monkeypatch, tmp_path):
    from qdesk.exchange.unit_targets import write_targets_sheet

    page = open_page(district, qtbot, "211122101")
    sheet = write_targets_sheet(district.store, 2020, tmp_path / "t.xlsx")
    fill(sheet, {("P02", "211122101"): "≥97%", ("P03", "211122102"): "九成"})
    monkeypatch.setattr(page, "choose_import_file", lambda: str(sheet))
    audited = len(trail(district.store))
    with qtbot.assertNotEmitted(page.changed):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.import_button.isEnabled() and page.sheet_info.isVisible())
    assert "G6（高升镇 P03）" in page.sheet_info.text() and "九成" in page.sheet_info.text()
    assert len(trail(district.store)) == audited
    assert targets_of(district, "211122101") == {}


def test_a_bare_number_in_a_towns_cell_takes_the_plans_comparison(session, qtbot):
    page = open_page(session, qtbot)
    type_into(qtbot, page, "P04", "93")          # the plan's P04 target is ≥90%
    assert page.save()
    assert targets_of(session)["P04"] == {None: ">= 93"}
    assert own_target_cell(page, "P04").data() == "≥93%"


def test_the_letter_button_writes_the_chosen_towns_responsibility_letter(district, qtbot,
                                                                        monkeypatch, tmp_path):
    import pdfplumber

    page = open_page(district, qtbot, "211122101")
    page.year_combo.setCurrentIndex(page.year_combo.findData(2015))
    out = tmp_path / "letter.pdf"
    asked = []
    monkeypatch.setattr(page, "choose_letter_file",
                        lambda unit, year: asked.append((unit.code, year)) or str(out))
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.letter_button.isEnabled() and page.sheet_info.isVisible(),
                    timeout=60_000)
    assert asked == [("211122101", 2015)]
    assert page.sheet_info.text() == f"Written: {out}"
    with pdfplumber.open(out) as pdf:
        assert (pdf.pages[0].extract_text() or "").replace("\n", "").startswith(
            "沙岭镇2015年度质量强县目标责任书")


def test_the_letter_button_waits_for_unsaved_targets(district, qtbot, monkeypatch, tmp_path):
    page = open_page(district, qtbot, "211122101")
    type_into(qtbot, page, "P02", "97", finish=True)
    monkeypatch.setattr(page, "choose_letter_file", lambda unit, year: str(tmp_path / "l.pdf"))
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    assert "Save or discard" in page.sheet_info.text()
    assert not (tmp_path / "l.pdf").exists()


def test_the_letter_is_offered_named_for_its_township_and_year(district, qtbot, monkeypatch):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    page = open_page(district, qtbot, "211122101")
    offered = []

    def cancel(parent, title, path, filters):
        offered.append(Path(path).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    assert page.choose_letter_file(page.unit_combo.currentData(), 2015) == ""
    assert offered == ["沙岭镇2015年度目标责任书.pdf"]
