"""The workbench on a database it may read but not write."""

import pytest

from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR
from qdesk.gui.session import Session
from qdesk.store import database
from tests.gui.test_entry import type_into


@pytest.fixture
def read_only_session(demo_db, monkeypatch):
    # Root writes any file whatever its mode: the test makes qdesk see the file as read-only.
    monkeypatch.setattr(database, "writable", lambda path: False)
    s = Session(demo_db)
    yield s
    s.close()


def test_the_workbench_says_read_only_in_its_title_and_status_bar_and_takes_no_backup(
        read_only_session, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from qdesk.gui.main_window import MainWindow
    from qdesk.store.backups import default_folder

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    window = MainWindow(read_only_session)
    qtbot.addWidget(window)
    window.show()
    assert read_only_session.store.read_only
    assert "read-only" in window.windowTitle()
    assert "read-only" in window._status_db.text()
    window.start_checks()
    qtbot.waitUntil(lambda: window.start_result is not None, timeout=30000)
    assert window.start_result[0].ok and window.start_result[1] is None
    assert any("只读" in text for text in warned)
    assert not default_folder(read_only_session.path).exists()


def test_saving_figures_in_a_read_only_database_is_refused_in_place_and_writes_nothing(
        read_only_session, qtbot):
    from qdesk.gui.pages.entry import EntryPage

    before = read_only_session.path.read_bytes()
    page = EntryPage(read_only_session)
    qtbot.addWidget(page)
    page.resize(1200, 560)
    page.show()
    qtbot.waitActive(page)
    type_into(qtbot, page, "E03", NUMERATOR, "19")
    type_into(qtbot, page, "E03", DENOMINATOR, "20")
    assert not page.save()
    assert "只能读取" in page.message.text() and "未保存" in page.message.text()
    assert page.has_unsaved()       # the clerk's figures stay on the screen
    assert read_only_session.path.read_bytes() == before
