"""The reports page's Export group and Import button: each runs its service in a worker."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qdesk.core.periods import Period
from qdesk.gui.pages.reports import ReportsPage
from qdesk.gui.session import Session
from qdesk.store.locks import locking_period
from tests.exchange.sealing import remember, repack

Q4 = Period.parse("2020Q4")


def _page(qtbot, session, monkeypatch, confirm=True):
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.show()
    page.asked = []
    monkeypatch.setattr(page, "confirm", lambda text: page.asked.append(text) or confirm)
    return page


def _click(qtbot, page, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)


def _figure(store, unit, period, code):
    return store.db.execute(
        "SELECT e.numerator, e.denominator FROM entries e JOIN units u ON u.id = e.unit_id"
        " JOIN indicators i ON i.id = e.indicator_id WHERE u.code = ? AND e.period = ?"
        " AND i.code = ?", [unit, period, code]).fetchone()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_buttons_write_the_chosen_period(qtbot, session, monkeypatch, tmp_path, kind):
    page = _page(qtbot, session, monkeypatch)
    target = tmp_path / f"export.{kind}"
    monkeypatch.setattr(page, "choose_file", lambda chosen: str(target))
    _click(qtbot, page, page.xlsx_button if kind == "xlsx" else page.csv_button)
    assert target.is_file() and target.stat().st_size > 0
    assert page.error_label.isHidden()
    assert page.info_label.text() == f"Written: {target}"


def test_cancelling_the_file_dialog_writes_nothing(qtbot, session, monkeypatch):
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_file", lambda kind: "")
    qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert not page.building()


def test_the_package_button_asks_first_then_writes_and_locks_the_period(qtbot, session,
                                                                        monkeypatch, tmp_path):
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_package_file", lambda: str(tmp_path))
    with qtbot.waitSignal(page.changed, timeout=60_000):
        qtbot.mouseClick(page.package_button, Qt.MouseButton.LeftButton)
    assert len(page.asked) == 1 and "locks" in page.asked[0]
    assert len(list(tmp_path.glob("*.qdpkg"))) == 1
    assert locking_period(session.store, Q4) is not None
    assert "locked" in page.info_label.text()


def test_the_package_replaces_the_file_the_save_dialog_agreed_to_replace(qtbot, session,
                                                                        monkeypatch, tmp_path):
    chosen = tmp_path / "报送.qdpkg"
    chosen.write_bytes(b"last week's")
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_package_file", lambda: str(chosen))
    _click(qtbot, page, page.package_button)
    assert page.error_label.isHidden(), page.error_label.text()
    assert chosen.read_bytes().startswith(b"PK") and locking_period(session.store, Q4)


def test_declining_the_package_writes_nothing_and_leaves_the_period_open(qtbot, session,
                                                                         monkeypatch, tmp_path):
    page = _page(qtbot, session, monkeypatch, confirm=False)
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(page, "choose_package_file", lambda: str(folder))
    qtbot.mouseClick(page.package_button, Qt.MouseButton.LeftButton)
    assert not page.building()
    assert list(folder.iterdir()) == []
    assert locking_period(session.store, Q4) is None


def test_a_second_package_for_a_locked_period_is_refused_in_place(qtbot, session, monkeypatch,
                                                                 tmp_path):
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_package_file", lambda: str(tmp_path))
    _click(qtbot, page, page.package_button)
    _click(qtbot, page, page.package_button)
    assert page.error_label.isVisible() and "Traceback" not in page.error_label.text()
    assert page.info_label.text() == "Nothing was written."


def test_blank_sheets_are_written_one_per_subordinate_unit(qtbot, session, monkeypatch,
                                                           tmp_path):
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_folder", lambda: str(tmp_path))
    _click(qtbot, page, page.sheets_button)
    assert len(list(tmp_path.glob("*.xlsx"))) == 7
    assert "7 blank entry sheet" in page.info_label.text()


def test_importing_an_entry_sheet_writes_its_figures_once_their_change_is_confirmed(
        qtbot, session, monkeypatch, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n211122101,P02,2020Q4,77,80,,\n",
                     encoding="utf-8-sig")
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(sheet)])
    _click(qtbot, page, page.import_button)
    qtbot.waitUntil(lambda: page.changes_dialog is not None and page.changes_dialog.isVisible())
    with qtbot.waitSignal(page.changed, timeout=60_000):
        qtbot.mouseClick(page.changes_dialog.import_button, Qt.MouseButton.LeftButton)
    assert tuple(_figure(session.store, "211122101", "2020Q4", "P02")) == (77, 80)
    assert "changed" in page.info_label.text() and page.error_label.isHidden()


def test_a_bad_entry_sheet_is_refused_in_place_line_by_line(qtbot, session, monkeypatch,
                                                           tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n"
                     "999999,P02,2020Q4,1,2,,\n211122101,P02,2020Q5,1,2,,\n", encoding="utf-8")
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(sheet)])
    _click(qtbot, page, page.import_button)
    assert page.error_label.isVisible()
    assert len(page.error_label.text().splitlines()) == 2
    assert page.info_label.text() == "Nothing was imported."


def _city(tmp_path, demo_master, register):
    """The superior office's database (with 盘山县 registered, if `register`), and the
    county's 2020Q4 package made in the demo's copy."""
    from qdesk.databases import create_database
    from qdesk.submission import build_package
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    county = tmp_path / "county.qdesk"
    shutil.copy(demo_master, county)
    with open_store(county) as store:
        package = build_package(store, Q4, tmp_path)
    remember(county)
    path = tmp_path / "city.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    if register:
        with open_store(path) as store:
            add_subordinate(store, "211122", "盘山县", "county")
    return Session(path), package


@pytest.fixture
def city(tmp_path, demo_master):
    s, package = _city(tmp_path, demo_master, register=True)
    yield s, package
    s.close()


@pytest.fixture
def correction(city, tmp_path):
    """The county's next package for 2020Q4, its figures as before."""
    (tmp_path / "next").mkdir()
    return repack(city[1], tmp_path / "next" / city[1].name,
                  manifest=lambda m: m.__setitem__("sequence", 2))


@pytest.fixture
def new_city(tmp_path, demo_master):
    """As `city`, but 盘山县 is not registered yet."""
    s, package = _city(tmp_path, demo_master, register=False)
    yield s, package
    s.close()


def test_a_package_imported_again_replaces_the_first_once_confirmed(qtbot, city, correction,
                                                                   monkeypatch):
    session, package = city
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(package)])
    _click(qtbot, page, page.import_button)
    assert page.asked == [] and "Imported 1 file" in page.info_label.text()
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(correction)])
    _click(qtbot, page, page.import_button)
    assert len(page.asked) == 1
    assert page.asked[0].startswith("Replace the packages imported before?")
    assert "--replace" in page.asked[0]
    qtbot.waitUntil(lambda: "replaced" in page.info_label.text(), timeout=60_000)
    assert page.error_label.isHidden()
    packages = list(session.store.db.query("SELECT id, replaced_by FROM packages ORDER BY id"))
    assert [p["replaced_by"] for p in packages] == [packages[1]["id"], None]


def test_a_package_from_an_unregistered_county_is_imported_once_its_registration_is_confirmed(
        qtbot, new_city, monkeypatch):
    session, package = new_city
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(package)])
    _click(qtbot, page, page.import_button)
    assert len(page.asked) == 1
    assert page.asked[0] == "Register the new subordinate units?\n\n211122  盘山县"
    qtbot.waitUntil(lambda: "registered" in page.info_label.text(), timeout=60_000)
    assert "Imported 1 file" in page.info_label.text() and page.error_label.isHidden()
    assert session.store.execute(
        "SELECT name, level FROM units WHERE code = '211122'").fetchone() == ("盘山县", "county")


def test_declining_the_replace_leaves_the_refusal_in_place(qtbot, city, correction,
                                                          monkeypatch):
    session, package = city
    page = _page(qtbot, session, monkeypatch, confirm=False)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(package)])
    _click(qtbot, page, page.import_button)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(correction)])
    _click(qtbot, page, page.import_button)
    assert len(page.asked) == 1
    assert page.error_label.isVisible() and "--replace" in page.error_label.text()
    assert page.info_label.text() == "Nothing was imported."
    assert session.store.db.execute("SELECT count(*) FROM packages").fetchone()[0] == 1


def test_the_typed_refusal_asks_to_replace_and_yes_imports_with_replace(qtbot, session,
                                                                         monkeypatch, tmp_path):
    # The page reacts to the refusal's type, whatever its words say.
    from qdesk.core.errors import Problem
    from qdesk.core.i18n import msg
    from qdesk.exchange import imports
    from qdesk.store.changes import NOTHING
    from qdesk.store.entries import WriteSummary

    calls = []
    refusal = imports.ImportedBefore([])
    refusal.problems = (Problem(msg("asked before", "asked before")),)

    def import_files(store, paths, *, replace=False, dry_run=False, add_units=False,
                     overwrite=True, progress=None):
        calls.append(replace)
        if not replace:
            raise refusal
        return imports.Imported(tuple(paths), (), 1, WriteSummary(0, 3, 9), NOTHING)

    monkeypatch.setattr(imports, "import_files", import_files)
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(tmp_path / "a.qdpkg")])
    _click(qtbot, page, page.import_button)
    qtbot.waitUntil(lambda: len(calls) == 2 and not page.building(), timeout=60_000)
    assert calls == [False, True]
    assert page.asked == ["Replace the packages imported before?\n\nasked before"]
    assert "3 changed" in page.info_label.text() and "replaced" in page.info_label.text()
    assert page.error_label.isHidden()


def test_a_refusal_that_mentions_replace_is_only_shown(qtbot, session, monkeypatch, tmp_path):
    from qdesk.core.errors import InputError
    from qdesk.core.i18n import msg
    from qdesk.exchange import imports

    def import_files(store, paths, *, replace=False, dry_run=False, add_units=False,
                     overwrite=True, progress=None):
        raise InputError(msg("import again with --replace", "请加 --replace"))

    monkeypatch.setattr(imports, "import_files", import_files)
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(tmp_path / "a.qdpkg")])
    _click(qtbot, page, page.import_button)
    assert page.asked == []
    assert page.error_label.isVisible() and "--replace" in page.error_label.text()
    assert page.info_label.text() == "Nothing was imported."


def _town_sheet(county, tmp_path):
    """榆树沟镇's 2019Q4 stored as 90/100 on P01 and 硫磺沟镇's not at all, and a returned sheet
    that changes the first to 95/100 and adds the second."""
    from qdesk.store.entries import EntryInput, set_entries

    set_entries(county.store, county.plan, county.units(Period.parse("2019Q4"))[1],
                Period.parse("2019Q4"), [EntryInput("P01", "90", "100")])
    sheet = tmp_path / "returned.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n"
                     "652301100,P01,2019Q4,95,100,,\n652301101,P01,2019Q4,50,60,,\n",
                     encoding="utf-8-sig")
    return sheet


def _ask_to_change(qtbot, county, monkeypatch, sheet):
    page = _page(qtbot, county, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(sheet)])
    _click(qtbot, page, page.import_button)
    qtbot.waitUntil(lambda: page.changes_dialog is not None and page.changes_dialog.isVisible())
    return page, page.changes_dialog


def test_an_import_that_changes_stored_figures_lists_them_and_asks_first(qtbot, county,
                                                                        monkeypatch, tmp_path):
    page, dialog = _ask_to_change(qtbot, county, monkeypatch, _town_sheet(county, tmp_path))
    assert dialog.list.toPlainText().splitlines() == [
        "榆树沟镇（652301100）2019年第四季度 P01 地产农产品质量安全例行监测合格率：90/100 → 95/100"]
    assert dialog.list.isReadOnly() and "1" in dialog.windowTitle()
    assert dialog.heading.text() == ("The import would change 1 figure(s) already stored."
                                     " Import anyway?")
    assert page.info_label.text() == "Nothing was imported."
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.list.toPlainText() + "\n"
    assert tuple(_figure(county.store, "652301100", "2019Q4", "P01")) == (90, 100)
    assert _figure(county.store, "652301101", "2019Q4", "P01") is None


def test_cancelling_the_changes_leaves_every_figure_as_it_was(qtbot, county, monkeypatch,
                                                             tmp_path):
    page, dialog = _ask_to_change(qtbot, county, monkeypatch, _town_sheet(county, tmp_path))
    count = county.store.db.execute("SELECT count(*) FROM entries").fetchone()[0]
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.building()
    assert tuple(_figure(county.store, "652301100", "2019Q4", "P01")) == (90, 100)
    assert _figure(county.store, "652301101", "2019Q4", "P01") is None
    assert county.store.db.execute("SELECT count(*) FROM entries").fetchone()[0] == count
    assert page.info_label.text() == "Nothing was imported."


def test_import_anyway_writes_the_changes_and_says_how_many_stored_figures_changed(
        qtbot, county, monkeypatch, tmp_path):
    page, dialog = _ask_to_change(qtbot, county, monkeypatch, _town_sheet(county, tmp_path))
    with qtbot.waitSignal(page.changed, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert tuple(_figure(county.store, "652301100", "2019Q4", "P01")) == (95, 100)
    assert tuple(_figure(county.store, "652301101", "2019Q4", "P01")) == (50, 60)
    assert "1 new, 1 changed" in page.info_label.text() and page.error_label.isHidden()


def test_an_import_changing_nothing_stored_asks_nothing(qtbot, county, monkeypatch, tmp_path):
    sheet = tmp_path / "new.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n652301101,P01,2019Q4,50,60,,\n",
                     encoding="utf-8-sig")
    page = _page(qtbot, county, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(sheet)])
    with qtbot.waitSignal(page.changed, timeout=60_000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.changes_dialog is None
    assert tuple(_figure(county.store, "652301101", "2019Q4", "P01")) == (50, 60)


def test_the_reminder_button_writes_the_notice_to_the_units_still_owing(qtbot, session,
                                                                        monkeypatch, tmp_path):
    import pdfplumber

    from tests.reports.pdftools import under_masthead

    page = _page(qtbot, session, monkeypatch)
    assert page.period_picker.set_period(Period.parse("2018Q1"))
    out = tmp_path / "reminder.pdf"
    monkeypatch.setattr(page, "choose_reminder_file", lambda: str(out))
    _click(qtbot, page, page.reminder_button)
    assert page.error_label.isHidden(), page.error_label.text()
    assert page.info_label.text() == f"Written: {out}"
    with pdfplumber.open(out) as pdf:
        text = "".join(under_masthead(pdf.pages[0]))
    assert text.startswith("关于催报2018年第一季度质量强县工作情况的通知")
    assert "已有0个单位报送" in text


def test_the_reminder_button_refuses_a_period_every_unit_has_reported(qtbot, session,
                                                                     monkeypatch, tmp_path):
    page = _page(qtbot, session, monkeypatch)
    assert page.period_picker.set_period(Q4)
    out = tmp_path / "reminder.pdf"
    monkeypatch.setattr(page, "choose_reminder_file", lambda: str(out))
    _click(qtbot, page, page.reminder_button)
    assert page.error_label.isVisible() and "2020" in page.error_label.text()
    assert page.info_label.text() == "Nothing was written."
    assert not out.exists()


def test_the_offices_own_fingerprint_is_shown_beside_export_once_its_first_package_is_made(
        qtbot, session, monkeypatch, tmp_path):
    from qdesk.store.keys import own_fingerprint

    page = _page(qtbot, session, monkeypatch)
    assert page.key_label.text() == "本单位签名密钥将在首次导出数据包时生成"
    monkeypatch.setattr(page, "choose_package_file", lambda: str(tmp_path))
    _click(qtbot, page, page.package_button)
    assert page.key_label.text() == f"本单位签名密钥指纹：{own_fingerprint(session.store)}"
    assert page.key_label.textFormat() == Qt.TextFormat.PlainText


def test_an_import_says_the_fingerprint_of_the_key_it_kept(qtbot, city, monkeypatch):
    from qdesk.store.keys import unit_key

    session, package = city
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(package)])
    _click(qtbot, page, page.import_button)
    kept = unit_key(session.store, "211122")
    assert (f"Kept the signing key of 盘山县 (211122), fingerprint {kept.fingerprint}"
            in page.info_label.text())
    assert page.info_label.textFormat() == Qt.TextFormat.PlainText


def test_the_units_keys_dialog_lists_them_and_forgets_one_with_its_reason(qtbot, city,
                                                                          monkeypatch):
    from qdesk.store.keys import unit_key, unit_keys

    session, package = city
    page = _page(qtbot, session, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(package)])
    _click(qtbot, page, page.import_button)
    dialog = page.show_unit_keys()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "盘山县"
    assert not dialog.forget_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.forget_button.isEnabled()
    monkeypatch.setattr(dialog, "ask_reason", lambda key: "重装系统，已电话核对")
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert unit_key(session.store, "211122") is None
    assert [k.forget_reason for k in unit_keys(session.store, forgotten=True)] == [
        "重装系统，已电话核对"]
    assert "forgotten" in page.info_label.text()


def test_the_reminder_is_offered_named_for_the_office_and_period(qtbot, session, monkeypatch):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, session, monkeypatch)
    assert page.period_picker.set_period(Period.parse("2018Q1"))
    offered = []

    def cancel(parent, title, path, filters):
        offered.append(Path(path).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    assert page.choose_reminder_file() == ""
    assert offered == ["盘山县2018年第一季度催报通知.pdf"]


def test_an_imported_figure_that_looks_unlikely_is_listed_to_ask_the_unit(qtbot, county,
                                                                         monkeypatch, tmp_path):
    """The same period a year before was 90/100: 60/100 moves 30 百分点, with no note to say
    why; 硫磺沟镇's figure with its note in 备注 is not listed."""
    from qdesk.store.entries import EntryInput, set_entries

    for unit in county.units(Period.parse("2018Q4"))[1:]:
        set_entries(county.store, county.plan, unit, Period.parse("2018Q4"),
                    [EntryInput("P01", "90", "100")])
    sheet = tmp_path / "returned.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n"
                     "652301100,P01,2019Q4,60,100,,\n652301101,P01,2019Q4,60,100,,镇区企业停产整顿\n",
                     encoding="utf-8-sig")
    page = _page(qtbot, county, monkeypatch)
    monkeypatch.setattr(page, "choose_import_files", lambda: [str(sheet)])
    _click(qtbot, page, page.import_button)
    lines = page.info_label.text().splitlines()
    assert lines[0].startswith("Imported 1 file") and page.error_label.isHidden()
    assert lines[1].startswith("1 figure(s) look unlikely and have no note to say why")
    assert lines[2:] == ["  榆树沟镇（652301100）2019年第四季度 P01 地产农产品质量安全例行监测合格率："
                         "60.0%比上年同期（90.0%）下降30.0个百分点，超过10个百分点"]
