"""The shell: navigation, menus and shortcuts, the status bar, the unsaved-changes guard, memory."""

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from qdesk.gui.main_window import MainWindow
from qdesk.gui.page import Page


def test_opens_on_the_overview_with_seven_pages(window):
    assert window.nav.count() == 7
    assert window.stack.currentIndex() == 0
    assert window.current_page() is not None


def test_status_bar_names_database_plan_and_operator(window, session):
    texts = " ".join(w.text() for w in (window._status_db, window._status_plan,
                                         window._status_operator))
    assert str(session.path) in texts and session.plan.title in texts
    assert "县质量办 李晓燕" in texts


def test_pages_are_built_when_first_opened(window):
    assert set(window._built) == {0}
    window.nav.setCurrentRow(5)
    assert set(window._built) == {0, 5}
    assert window.stack.currentWidget() is window.page(5)


def test_standard_shortcuts_are_bound(window):
    shortcuts = {a.shortcut().toString() for a in (window.act_save, window.act_print,
                                                   window.act_find, window.act_refresh)}
    assert shortcuts >= {QKeySequence("Ctrl+S").toString(), QKeySequence("Ctrl+P").toString(),
                         QKeySequence("Ctrl+F").toString(), QKeySequence("F5").toString()}


def test_the_last_page_is_remembered(session, qtbot, window):
    from qdesk.gui.session import Session

    window.nav.setCurrentRow(3)
    window.close()
    again = MainWindow(Session(session.path))
    qtbot.addWidget(again)
    assert again.stack.currentIndex() == 3


class Dirty(Page):
    def name(self):
        return "dirty"

    def __init__(self, session):
        super().__init__(session)
        self.pending, self.saved = True, False

    def has_unsaved(self):
        return self.pending

    def save(self):
        self.saved, self.pending = True, False
        return True

    def discard(self):
        self.pending = False


@pytest.mark.parametrize("answer,stays,saved", [
    (QMessageBox.StandardButton.Cancel, True, False),
    (QMessageBox.StandardButton.Discard, False, False),
    (QMessageBox.StandardButton.Save, False, True),
])
def test_leaving_a_page_with_unsaved_changes_asks_first(window, session, answer, stays, saved):
    dirty = Dirty(session)
    window._built[1] = dirty
    window.stack.insertWidget(1, dirty)
    window._current = 1
    window.nav.blockSignals(True)
    window.nav.setCurrentRow(1)
    window.nav.blockSignals(False)
    asked = []
    window.ask_unsaved = lambda page: asked.append(page) or answer
    window.nav.setCurrentRow(6)
    assert asked == [dirty]
    assert (window._current == 1) is stays and dirty.saved is saved
    assert window.nav.currentRow() == (1 if stays else 6)


def test_the_last_period_chosen_is_remembered(session, qtbot, window):
    from qdesk.core.periods import Period
    from qdesk.gui.pages.entry import EntryPage

    page = EntryPage(session)
    qtbot.addWidget(page)
    combo = page.period_combo
    index = next(i for i in range(combo.count()) if combo.itemData(i) == Period.parse("2020Q2"))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    again = EntryPage(session)
    qtbot.addWidget(again)
    assert again.period_combo.period() == Period.parse("2020Q2")


def test_a_write_refreshes_the_pages_that_show_its_table_and_no_other(window, qtbot,
                                                                      monkeypatch):
    from PySide6.QtCore import Qt

    from qdesk.gui.pages.targets import UnitTargetsModel

    entry, group = window.page(1), window.page(4)
    refreshed = []
    for page in (entry, group):
        monkeypatch.setattr(page, "refresh", lambda page=page: refreshed.append(page))
    window.nav.setCurrentRow(2)
    targets = window.current_page()
    targets.unit_combo.setCurrentIndex(1)
    model = targets.unit_model
    assert model.setData(model.index(model.row_of("P04"), UnitTargetsModel.OWN), ">= 93",
                         Qt.ItemDataRole.EditRole)
    with qtbot.waitSignal(targets.changed) as emitted:
        assert targets.save()
    assert "targets" in emitted.args[0].tables
    assert entry.shows >= {"targets"} and "targets" not in group.shows
    assert refreshed == [entry]
