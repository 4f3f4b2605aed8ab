"""The workbench when another program copies a backup over its open database: refuse, say so, reopen."""

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qdesk.core.periods import Period
from qdesk.gui import qsettings
from qdesk.gui.app import install_language
from qdesk.gui.entry_model import DENOMINATOR, NUMERATOR
from qdesk.gui.main_window import MainWindow
from qdesk.store.watch import _listeners
from tests.gui.test_entry import choose_period, type_into

Q4 = Period.parse("2019Q4")
ENTRY = 1


def figure(session):
    return session.store.execute(
        "SELECT e.numerator FROM entries e JOIN units u ON u.id = e.unit_id JOIN indicators i"
        " ON i.id = e.indicator_id WHERE u.code = '652301' AND i.code = 'P01'"
        " AND e.period = '2019Q4'").fetchone()


def save_figure(qtbot, window, numerator):
    window.nav.setCurrentRow(ENTRY)
    page = window.page(ENTRY)
    choose_period(page, Q4)
    type_into(qtbot, page, "P01", NUMERATOR, str(numerator))
    type_into(qtbot, page, "P01", DENOMINATOR, "100")
    return page, page.save()


def copied_over(qtbot, county, tmp_path):
    """The workbench saved 70, a backup was taken, then 80 saved, then the backup copied over."""
    qsettings.settings().clear()
    window = MainWindow(county)
    qtbot.addWidget(window)
    window.show()
    assert save_figure(qtbot, window, 70)[1]
    backup = tmp_path / "backup.qdesk"
    county.store.execute(f"VACUUM INTO '{backup}'")
    assert save_figure(qtbot, window, 80)[1]
    shutil.copyfile(backup, county.path)
    page, saved = save_figure(qtbot, window, 90)
    return window, page, saved


def test_a_save_into_a_file_copied_over_is_refused_and_a_dialog_offers_to_reopen(
        qtbot, county, tmp_path):
    window, page, saved = copied_over(qtbot, county, tmp_path)
    assert not saved
    assert "已被其他程序更改" in page.message.text()
    qtbot.waitUntil(lambda: window.file_changed_box is not None)
    box = window.file_changed_box
    assert box.isVisible() and str(county.path) in box.text()
    assert [b.text() for b in box.buttons()] == ["Reopen", "Close"]
    window.file_changed_box.buttons()[0].click()
    qtbot.waitUntil(lambda: window.successor is not None)
    reopened = window.successor
    qtbot.addWidget(reopened)
    assert reopened.session is not county and not window.isVisible()
    assert figure(reopened.session) == (70,)    # the copied-in figure, not ours
    page = reopened.page(ENTRY)
    choose_period(page, Q4)
    assert page.model.data(page.model.index(page.model.row_of("P01"), NUMERATOR)) == "70"


def test_closing_after_a_copy_over_leaves_the_copied_in_file_as_it_came(qtbot, county, tmp_path):
    backup = tmp_path / "backup.qdesk"
    window, _, _ = copied_over(qtbot, county, tmp_path)
    qtbot.waitUntil(lambda: window.file_changed_box is not None)
    window.file_changed_box.buttons()[1].click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert county.closed
    assert county.path.read_bytes() == backup.read_bytes()
    assert all(getattr(listener, "__self__", None) is not window for listener in _listeners)


def test_the_dialog_text_is_plain_and_translated(qtbot, county, tmp_path):
    install_language(QApplication.instance(), "zh")
    window, _, _ = copied_over(qtbot, county, tmp_path)
    qtbot.waitUntil(lambda: window.file_changed_box is not None)
    box = window.file_changed_box
    assert "数据库文件" in box.text() and "已被其他程序更改" in box.text()
    assert [b.text() for b in box.buttons()] == ["重新打开", "关闭"]
    assert box.textFormat() == Qt.TextFormat.PlainText
