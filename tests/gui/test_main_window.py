"""The shell: navigation, menus and shortcuts, the status bar, the unsaved-changes guard, memory."""

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from qdesk.gui.main_window import MainWindow
from qdesk.gui.page import Page
from tests.gui.picking import pick_period


def test_opens_on_the_overview_with_every_page_listed(window):
    assert window.nav.count() == len(window._factories) == 11
    assert window.nav.item(7).text() in ("考核", "Assessment")     # after the leading group
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
    assert window.stack.currentWidget() is window.frame(5)
    assert window.frame(5).widget() is window.page(5)


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
    pick_period(page.period_picker, Period.parse("2020Q2"))
    again = EntryPage(session)
    qtbot.addWidget(again)
    assert again.period_picker.period() == Period.parse("2020Q2")


def test_a_write_refreshes_the_pages_that_show_its_table_and_no_other(window, qtbot,
                                                                      monkeypatch):
    from PySide6.QtCore import Qt

    from qdesk.gui.pages.targets import UnitTargetsModel

    entry, group = window.page(1), window.page(
        [key for key, _ in window._factories].index("group"))
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


# --- 文件: new database, recent files --------------------------------------------------------

def _recent_actions(window):
    window.recent_menu.aboutToShow.emit()
    return window.recent_menu.actions()


@pytest.fixture
def other_db(tmp_path):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    path = tmp_path / "盘山县.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    return path


def test_the_recent_files_list_the_open_one_first_and_open_another(session, qtbot, other_db):
    from qdesk.gui import qsettings

    qsettings.settings().clear()
    qsettings.remember_file(other_db)
    window = MainWindow(session)
    qtbot.addWidget(window)
    actions = _recent_actions(window)
    assert [a.text().split(" ", 1)[1].split()[0] for a in actions] == ["demo.qdesk", "盘山县.qdesk"]
    assert actions[0].isChecked() and not actions[1].isChecked()
    assert str(other_db.parent) in actions[1].text()

    actions[1].trigger()
    successor = window.successor
    assert successor is not None and successor.session.path == other_db
    qtbot.addWidget(successor)
    assert window.session.closed
    assert qsettings.recent_files() == [other_db.resolve(), session.path.resolve()]


def test_a_recent_file_that_is_gone_is_marked_and_dropped_when_chosen(window, qtbot, tmp_path):
    from qdesk.gui import qsettings

    gone = tmp_path / "moved away.qdesk"
    qsettings.remember_file(gone)
    actions = _recent_actions(window)
    assert "(not found)" in actions[0].text() and "(not found)" not in actions[1].text()
    actions[0].trigger()
    assert window.successor is None and not window.session.closed
    assert "is no longer there" in window.statusBar().currentMessage()
    assert qsettings.recent_files() == [window.session.path.resolve()]
    assert len(_recent_actions(window)) == 1


def test_the_recent_files_keep_eight_each_once_however_spelt(qapp, tmp_path):
    from qdesk.gui import qsettings

    for number in range(10):
        qsettings.remember_file(tmp_path / f"{number}.qdesk")
    qsettings.remember_file(tmp_path / "sub" / ".." / "3.qdesk")
    assert qsettings.recent_files() == [tmp_path / f"{n}.qdesk" for n in (3, 9, 8, 7, 6, 5, 4, 2)]


def test_a_new_database_is_set_up_from_a_running_window_and_opens_in_its_place(
        window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from qdesk import locations
    from qdesk.gui.welcome import Step
    from tests.gui.keyboard import type_into

    monkeypatch.setattr(locations, "default_database", lambda: tmp_path / "qdesk.qdesk")
    (tmp_path / "qdesk.qdesk").write_bytes(b"")
    window.act_new.trigger()
    dialog = window.setup
    assert dialog.isVisible() and dialog.currentId() == Step.LOCATION, "no welcome screen"
    assert dialog.location.chosen() == tmp_path / "qdesk-2.qdesk"

    def step(button=QWizard.WizardButton.NextButton):
        qtbot.mouseClick(dialog.button(button), Qt.MouseButton.LeftButton)

    step()
    type_into(qtbot, dialog.operator.name, "新来的 赵敏")
    step()
    step()
    type_into(qtbot, dialog.unit.code, "659001")
    type_into(qtbot, dialog.unit.name, "石河子市")
    step(QWizard.WizardButton.FinishButton)

    assert not dialog.unit.problem.isVisible(), dialog.unit.problem.text()
    successor = window.successor
    assert successor is not None
    qtbot.addWidget(successor)
    assert successor.session.path == tmp_path / "qdesk-2.qdesk"
    assert successor.session.home.name == "石河子市"
    assert successor.session.operator == "新来的 赵敏"
    assert window.session.closed and not window.isVisible()


def test_new_database_is_on_the_file_menu_with_its_shortcut(window):
    assert window.act_new in window.file_menu.actions()
    assert window.act_new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.recent_menu.menuAction() in window.file_menu.actions()


def test_about_names_the_version_the_database_and_the_data_folder(window, monkeypatch):
    from qdesk import __version__
    from qdesk.locations import data_dir

    said = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: said.append(text))
    window.act_about.trigger()
    lines = said[0].splitlines()
    assert __version__ in lines[0]
    assert lines[1:] == [f"Database: {window.session.path}", f"Data folder: {data_dir()}"]


def test_the_shortcuts_list_the_menus_keys_and_the_grids(window, qtbot):
    rows = dict(window.shortcuts())
    assert rows["Ctrl+S"] == "Save" and rows["Ctrl+P"] == "Print…" and rows["F5"] == "Refresh"
    assert rows["Ctrl+V"] == "Data entry: paste a block copied from Excel or WPS"
    assert rows["Enter, Tab"] == "Data entry: the next cell"
    assert window.act_shortcuts in window.help_menu.actions()
    window.act_shortcuts.trigger()
    qtbot.waitUntil(lambda: window.shortcuts_box is not None and window.shortcuts_box.isVisible())
    assert "<b>Ctrl+S</b>" in window.shortcuts_box.text()
    window.shortcuts_box.close()
    from PySide6.QtWidgets import QApplication

    from qdesk.gui.app import install_language

    install_language(QApplication.instance(), "zh_CN")
    window.retranslate()
    assert dict(window.shortcuts())["Ctrl+S"] == "保存"      # 保存(&S) without its accelerator
