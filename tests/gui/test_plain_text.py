"""Names from clerks, plans and packages are shown as the characters they hold, never as markup
(a unit named `<img src=…>` would otherwise load a local file)."""

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import qdesk.gui
from qdesk.gui.widgets import as_typed, plain_label

NAME = "<img src=x><b>X</b>"


@pytest.fixture
def named_db(demo_db):
    """The demo county with its own unit, a township, the plan and an indicator named NAME…"""
    from qdesk.store.database import open_store
    from qdesk.store.units import home_unit, rename_unit, subordinates

    with open_store(demo_db) as store:
        home = home_unit(store)
        rename_unit(store, home.code, NAME + "县")
        rename_unit(store, subordinates(store, home)[0].code, NAME + "镇")
    conn = sqlite3.connect(demo_db)
    with conn:
        conn.execute("UPDATE plans SET title = ?", [NAME + "方案"])
        conn.execute("UPDATE indicators SET name = ? WHERE code = 'P02'", [NAME + "合格率"])
    conn.close()
    return demo_db


def test_no_label_in_the_workbench_is_made_but_through_plain_label():
    root = Path(qdesk.gui.__file__).parent
    bare = [f"{path.relative_to(root)}:{number}"
            for path in sorted(root.rglob("*.py")) if path.name != "widgets.py"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bQLabel\(", line)]
    assert bare == []


def test_a_plain_label_shows_markup_as_the_characters_typed(qtbot):
    label = plain_label(NAME)
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == NAME


def test_as_typed_escapes_markup_and_leaves_plain_text_alone():
    assert as_typed("合格样品数") == "合格样品数"
    assert "&lt;img src=x&gt;&lt;b&gt;X&lt;/b&gt;" in as_typed(NAME)
    assert "&amp;lt;" in as_typed("&lt;b>")
    assert as_typed("") == ""


def test_every_page_shows_the_names_as_typed(named_db, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from qdesk.gui.main_window import MainWindow
    from qdesk.gui.session import Session

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    session = Session(named_db)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    for index in range(len(window.page_names())):
        window.nav.setCurrentRow(index)
        qtbot.wait(10)
    shown = [label for label in window.findChildren(QLabel) if NAME in label.text()]
    assert len(shown) >= 4, [label.text() for label in shown]
    assert [label.text() for label in shown
            if label.textFormat() != Qt.TextFormat.PlainText] == []
    window.close()
    session.close()


def test_an_indicator_name_in_a_tooltip_is_escaped(named_db, qtbot):
    from qdesk.gui.pages.entry import EntryPage
    from qdesk.gui.session import Session
    from qdesk.views.entry_sheet import NAME as NAME_COLUMN

    session = Session(named_db)
    page = EntryPage(session)
    qtbot.addWidget(page)
    tip = page.model.index(page.model.row_of("P02"), NAME_COLUMN).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;&lt;b&gt;X&lt;/b&gt;合格率" in tip and "<img" not in tip
    page.close()
    session.close()
