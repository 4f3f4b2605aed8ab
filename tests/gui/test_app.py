"""Opening the workbench's database: held by another qdesk, or damaged; started from a file
double-clicked in Explorer, a database to open or a submission package to import."""

import sqlite3
from types import SimpleNamespace

import pytest

from qdesk import cli
from qdesk.core.periods import Period
from qdesk.gui import app as qdesk_app
from qdesk.gui import damaged
from qdesk.gui.pages.reports import ReportsPage
from tests.exchange.sealing import remember, repack


def test_a_database_held_by_another_qdesk_is_refused_naming_the_holder(demo_db, hold_elsewhere,
                                                                      monkeypatch):
    child = hold_elsewhere(demo_db)
    shown = []
    monkeypatch.setattr(qdesk_app.QMessageBox, "critical",
                        lambda parent, title, text: shown.append(text))
    before = demo_db.read_bytes()
    assert qdesk_app.open_session(demo_db) is None
    assert f"进程{child.holder_pid}" in shown[0]
    assert demo_db.read_bytes() == before


def test_a_file_sqlite_cannot_read_is_offered_its_newest_good_backup(demo_db, monkeypatch):
    from qdesk.store.database import open_store
    from qdesk.store.recovery import backup_now

    with open_store(demo_db) as store:
        good = backup_now(store, "manual")
    data = bytearray(demo_db.read_bytes())
    data[1024 * 4:] = b"\x5a" * (len(data) - 1024 * 4)     # every page after the first
    demo_db.write_bytes(bytes(data))
    asked = []

    def answer(parent, path, detail):
        asked.append(detail)
        return good.path

    monkeypatch.setattr(damaged, "ask_restore", answer)
    session = qdesk_app.open_session(demo_db)
    try:
        assert asked, "the clerk was not asked"
        assert session is not None
        assert session.store.db.execute("SELECT count(*) FROM entries").fetchone()[0] > 300
    finally:
        if session is not None:
            session.close()


def test_latin_text_is_in_the_platforms_ui_face_and_cjk_in_the_bundled_sans_behind_it(qapp):
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics

    system = QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)).family()
    # Where the platform has no face of its own (Wine's offscreen), the bundled one is it.
    expected = list(dict.fromkeys([system, "WenQuanYi Micro Hei"]))
    assert qdesk_app.install_font(qapp) == "WenQuanYi Micro Hei"
    assert qapp.font().families() == expected
    assert QFontInfo(qapp.font()).family() == system != "AR PL UMing CN"
    assert QFontMetrics(QFont("WenQuanYi Micro Hei")).inFont("报")
    qdesk_app.install_font(qapp)                # again (the tests' fixture did it first): the same
    assert qapp.font().families() == expected


# --- started from a file: what the installer's file types run --------------------------------

Q3 = "2020Q3"


def _tree(folder):
    """Every file under `folder` with its bytes: what 'nothing changed' is checked against."""
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def started(monkeypatch, qtbot):
    """qdesk started as qdesk.exe starts it (`qdesk.cli.main`), up to its event loop: the main
    windows it showed, and the message boxes it showed instead. The welcome dialog must not
    open."""
    from PySide6.QtWidgets import QApplication

    from qdesk.gui.main_window import MainWindow
    from qdesk.gui.welcome import WelcomeDialog

    shown = SimpleNamespace(windows=[], told=[])

    def show(window):
        shown.windows.append(window)
        window.resize(1280, 800)
        window.show()

    def no_welcome(dialog):
        raise AssertionError("the welcome dialog opened")

    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    monkeypatch.setattr(MainWindow, "show_placed", show)
    monkeypatch.setattr(WelcomeDialog, "exec", no_welcome)
    monkeypatch.setattr(qdesk_app.QMessageBox, "critical",
                        lambda parent, title, text: shown.told.append(text))
    yield shown
    # Closed here, not by qtbot (which closes its widgets before fixtures end): once no worker
    # is left running on the database.
    for window in shown.windows:
        qtbot.waitUntil(lambda: window.start_result is not None, timeout=60_000)
        page = window.current_page()
        if isinstance(page, ReportsPage):
            qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
        window.close()


@pytest.fixture
def changji(tmp_path):
    """昌吉州 as `qdesk init` makes it (652300), 昌吉市 not registered under it yet, and 昌吉市's
    2020Q3 package, made as `qdesk init`, `qdesk set` and `qdesk export package` make it."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.entries import EntryInput, set_entries
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit
    from qdesk.submission import build_package

    county = tmp_path / "changji.qdesk"
    create_database(county, find_template("xinjiang-2018"), "652301", "昌吉市")
    with open_store(county) as store:
        set_entries(store, load_plan(store), home_unit(store), Period.parse(Q3),
                    [EntryInput("P01", "45", "50")])
        (tmp_path / "u盘").mkdir()
        package = build_package(store, Period.parse(Q3), tmp_path / "u盘")
    remember(county)
    city = tmp_path / "changji-zhou.qdesk"
    create_database(city, find_template("xinjiang-2018"), "652300", "昌吉回族自治州")
    return SimpleNamespace(city=city, package=package)


@pytest.fixture
def office(tmp_path):
    """盘山县 as `qdesk init` makes it."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    path = tmp_path / "盘山县.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    return path


def _packages(path):
    """(unit code, replaced by) of each package imported, read as another reader would."""
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("SELECT units.code, packages.replaced_by FROM packages"
                            " JOIN units ON units.id = packages.unit_id ORDER BY packages.id"
                            ).fetchall()
    finally:
        conn.close()


def _in_english():
    """The workbench's own words as their English sources, so the tests read as the code does."""
    from qdesk.gui import qsettings

    qsettings.settings().setValue(qsettings.LANGUAGE, "en")


def test_a_database_double_clicked_opens_in_the_workbench(started, office):
    assert cli.main([str(office)]) == 0
    (window,) = started.windows
    assert window.session.path == office and started.told == []


def test_a_package_double_clicked_lands_in_the_reports_import_with_the_file_chosen(
        started, changji, monkeypatch, qtbot):
    _in_english()
    monkeypatch.setattr(qdesk_app, "default_database", lambda: changji.city)
    asked = []
    monkeypatch.setattr(ReportsPage, "confirm", lambda page, text: asked.append(text) or True)
    assert cli.main(["--import", str(changji.package)]) == 0
    (window,) = started.windows
    assert window.session.path == changji.city
    qtbot.waitUntil(lambda: _packages(changji.city) == [("652301", None)], timeout=60_000)
    page = window.current_page()
    assert isinstance(page, ReportsPage) and window.start_result is not None
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    # The questions of 报表's own import, asked as when the clerk chooses the file there.
    assert asked == ["Register the new subordinate units?\n\n652301  昌吉市"]
    assert "Imported 1 file" in page.info_label.text(), page.error_label.text()
    assert "Kept the signing key of 昌吉市 (652301), fingerprint" in page.info_label.text()


def test_a_package_imported_before_is_replaced_only_if_the_clerk_says_so(started, changji,
                                                                       monkeypatch, qtbot):
    from qdesk.exchange.imports import import_files
    from qdesk.store.database import open_store

    with open_store(changji.city) as store:
        import_files(store, [changji.package], add_units=True)
    (changji.package.parent / "next").mkdir()
    correction = repack(changji.package, changji.package.parent / "next" / changji.package.name,
                        manifest=lambda m: m.__setitem__("sequence", 2))
    _in_english()
    asked = []
    monkeypatch.setattr(ReportsPage, "confirm", lambda page, text: asked.append(text) or False)
    assert cli.main([str(correction), "--db", str(changji.city)]) == 0
    (window,) = started.windows
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=60_000)
    assert asked[0].startswith("Replace the packages imported before?")
    page = window.current_page()
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert page.info_label.text() == "Nothing was imported."
    assert _packages(changji.city) == [("652301", None)]


@pytest.mark.parametrize("argv,said", [
    (lambda f: [str(f.notes)], "该文件不是qdesk数据库"),
    (lambda f: ["--import", str(f.notes)], "这不是报送包（.qdpkg）"),
    (lambda f: ["--import", str(f.sheet)], "这不是报送包（.qdpkg）"),
    (lambda f: [str(f.gone / "盘山县.qdesk")], "找不到这个文件"),
    (lambda f: ["gui", str(f.gone / "盘山县.qdesk")], "找不到这个文件"),
    (lambda f: ["--import", str(f.gone / "211122-2026Q3.qdpkg")], "找不到这个文件"),
    (lambda f: ["--import", str(f.package), "--db", str(f.gone / "盘锦市.qdesk")],
     "报送包“211122-2026Q3.qdpkg”未导入：数据库"),
])
def test_a_file_that_is_neither_or_is_not_there_is_refused_and_nothing_opened_or_changed(
        started, office, tmp_path, monkeypatch, argv, said):
    files = SimpleNamespace(notes=tmp_path / "说明.txt", sheet=tmp_path / "盘山县.csv",
                            package=tmp_path / "211122-2026Q3.qdpkg", gone=tmp_path / "移走了")
    files.notes.write_text("会议记录", encoding="utf-8")
    files.sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n", encoding="utf-8")
    files.package.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(qdesk_app, "default_database", lambda: office)
    before = _tree(tmp_path)
    assert cli.main(argv(files)) == 3
    assert started.windows == []
    (text,) = started.told
    assert said in text
    assert _tree(tmp_path) == before


def test_a_database_double_clicked_while_open_in_another_qdesk_is_refused_naming_it(
        started, office, hold_elsewhere):
    child = hold_elsewhere(office)
    before = office.read_bytes()
    assert cli.main([str(office)]) == 3
    assert started.windows == []
    (text,) = started.told
    assert "该数据库正由另一个qdesk使用（qdesk，计算机" in text and f"进程{child.holder_pid}" in text
    assert "请先在那里关闭" in text
    assert office.read_bytes() == before


def test_a_package_for_a_database_open_in_another_qdesk_says_it_was_not_imported_and_where_it_can_be(
        started, changji, hold_elsewhere, monkeypatch):
    monkeypatch.setattr(qdesk_app, "default_database", lambda: changji.city)
    child = hold_elsewhere(changji.city)
    assert cli.main(["--import", str(changji.package)]) == 3
    assert started.windows == []
    (text,) = started.told
    first, held, hint = text.split("\n\n")
    assert first == f"报送包“{changji.package.name}”未导入："
    assert f"进程{child.holder_pid}" in held and "请先在那里关闭" in held
    assert hint == "也可以在正在使用该数据库的qdesk中，用“报表”页的“导入…”导入它。"
    assert _packages(changji.city) == []
