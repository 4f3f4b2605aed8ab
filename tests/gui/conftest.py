"""GUI tests run offscreen on a fresh copy of the demo database."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qdesk.gui.session import Session  # noqa: E402


@pytest.fixture
def session(demo_db):
    s = Session(demo_db)
    yield s
    s.close()


@pytest.fixture(scope="session", autouse=True)
def ui_font(qapp, tmp_path_factory):
    """The bundled font, and Qt's own QSettings (not qdesk's: tests/conftest.py moves those)
    kept in a temporary folder where Qt lets them be moved."""
    from PySide6.QtCore import QSettings

    from qdesk.gui.app import install_font

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    install_font(qapp)


@pytest.fixture(autouse=True)
def no_file_dialogs(monkeypatch):
    """A file dialog offscreen waits for a click that never comes: a test that reaches one
    without answering it fails at once, naming it, instead of hanging the suite."""
    from PySide6.QtWidgets import QFileDialog

    def unanswered(name):
        def refuse(*args, **kwargs):
            raise AssertionError(f"QFileDialog.{name} opened without the test answering it")
        return refuse

    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                 "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(unanswered(name)))


@pytest.fixture(autouse=True)
def no_unanswered_explanations(monkeypatch):
    """Saving an unlikely figure asks for its explanation in a modal dialog: a test that gets
    there without answering it (EntryPage.ask_explanations) fails at once instead of hanging."""
    from qdesk.gui.explain_dialog import ExplainDialog

    def refuse(self):
        raise AssertionError("the explanation of an unlikely figure was asked for without the "
                             "test answering it: "
                             + ", ".join(self.edits))

    monkeypatch.setattr(ExplainDialog, "exec", refuse)


@pytest.fixture(autouse=True)
def english_sources(qapp):
    """Each GUI test starts with no translator (widgets show their English source strings), the
    services' messages in Chinese and nothing remembered, whatever the test before it did."""
    from qdesk.core.i18n import set_language
    from qdesk.gui import qsettings
    from qdesk.gui.app import install_language

    qsettings.settings().clear()
    install_language(qapp, "en")
    set_language("zh")
    yield
    install_language(qapp, "en")


@pytest.fixture
def window(session, qtbot):
    """The main window on the demo database, first start: nothing remembered; 1280 × 800, the
    size the page tests were written at (test_window_geometry places it as a clerk's start)."""
    from qdesk.gui import qsettings
    from qdesk.gui.main_window import MainWindow

    qsettings.settings().clear()
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


@pytest.fixture
def entry_page(session, qtbot):
    """数据填报 on the demo database, shown and active."""
    from qdesk.gui.pages.entry import EntryPage

    page = EntryPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 560)
    page.show()
    qtbot.waitActive(page)
    return page


@pytest.fixture
def county(tmp_path):
    """A session on 昌吉市 made as `qdesk init` makes it on the 新疆 plan (rates, a value, a
    count and yes/no indicators), with two townships of its own and no figures."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    db = tmp_path / "changji.qdesk"
    create_database(db, find_template("xinjiang-2018"), "652301", "昌吉市")
    with open_store(db) as store:
        for code, name in (("652301100", "榆树沟镇"), ("652301101", "硫磺沟镇")):
            add_subordinate(store, code, name, "township")
    s = Session(db)
    yield s
    s.close()


@pytest.fixture
def district(tmp_path):
    """盘山县 as `qdesk init` makes it, its own figures for P02 (a rate) and B01 (a count)."""
    from qdesk.core.periods import Period
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.entries import EntryInput, set_entries
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit

    path = tmp_path / "district.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县", operator="王会计")
    with open_store(path) as store:
        plan, home = load_plan(store), home_unit(store)
        set_entries(store, plan, home, Period.parse("2015Q1"), [EntryInput("P02", "45", "50")])
        set_entries(store, plan, home, Period.parse("2016Q2"), [EntryInput("P02", "47", "50")])
        set_entries(store, plan, home, Period.parse("2016"), [EntryInput("B01", value="3")])
    session = Session(path)
    yield session
    session.close()
