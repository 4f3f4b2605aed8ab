"""设置 → 备份与恢复, the start-of-day check and backup, and restoring from the workbench."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qdesk.gui import damaged
from qdesk.gui.backup_panel import BackupPanel
from qdesk.gui.pages.settings import SettingsPage
from qdesk.store.backups import default_folder, list_backups
from qdesk.store.settings import get_setting, set_setting
from tests.gui.keyboard import type_text


def _reasons(path):
    return [b.reason for b in list_backups(path, default_folder(path))]


@pytest.fixture
def panel(session, qtbot):
    widget = BackupPanel(session)
    qtbot.addWidget(widget)
    widget.resize(800, 400)
    widget.show()
    return widget


def test_back_up_now_adds_a_backup_to_the_list(panel, session, qtbot):
    assert panel.table.rowCount() == 0
    assert str(default_folder(session.path)) in panel.folder_label.text()
    qtbot.mouseClick(panel.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10000)
    assert panel.table.item(0, 1).text() == "手动"
    assert panel.table.item(0, 0).text().startswith(dt.date.today().isoformat())
    assert "Backed up" in panel.message.text()
    assert _reasons(session.path) == ["manual"]


def test_the_list_shows_the_last_change_each_backup_holds_newest_content_first(panel, session,
                                                                              monkeypatch):
    from qdesk.store import backups
    from qdesk.store.recovery import backup_now

    monkeypatch.setattr(backups, "clock", lambda: dt.datetime(2040, 1, 1, 9, 0))
    future = backup_now(session.store, "manual")
    set_setting(session.store, "notice_addressee", "各成员单位")
    monkeypatch.setattr(backups, "clock", lambda: dt.datetime(2000, 1, 1, 9, 0))
    newest = backup_now(session.store, "manual")
    panel.reload()
    assert panel.table.horizontalHeaderItem(4).text() == "Last change no."
    assert [panel.table.item(row, 4).text() for row in range(2)] == [
        f"#{newest.sequence}", f"#{future.sequence}"]
    assert panel.table.item(0, 0).text().startswith("2000-01-01")


def test_restore_is_enabled_by_a_selection_and_asks_first(panel, session, qtbot, monkeypatch):
    qtbot.mouseClick(panel.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10000)
    assert not panel.restore_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.restore_button.isEnabled()
    requested = []
    panel.restore_requested.connect(requested.append)
    monkeypatch.setattr(panel, "confirm_restore", lambda backup: False)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert requested == []
    monkeypatch.setattr(panel, "confirm_restore", lambda backup: True)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert requested == [panel.backups[0].path]


def test_checking_shows_a_sound_database(panel, qtbot):
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=20000)
    assert panel.message.text() == "The database is sound."
    assert "数据库完好" in panel.report_box.detailedText()
    panel.report_box.close()


def test_checking_says_where_the_trail_was_broken_outside_qdesk(panel, session, qtbot):
    import sqlite3

    conn = sqlite3.connect(session.path)
    with conn:
        conn.execute("DELETE FROM audit WHERE id = 10")
    conn.close()
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=20000)
    assert "审计记录在第11条处断开：数据库曾在qdesk之外被改动" in panel.message.text()
    assert "第11条审计记录" in panel.report_box.detailedText()
    panel.report_box.close()


def test_the_backup_folder_is_a_setting_saved_with_the_others(session, qtbot, tmp_path):
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.show()
    target = tmp_path / "U盘备份"
    target.mkdir()
    type_text(qtbot, page.backup_folder, str(target))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert get_setting(session.store, "backup_folder") == str(target)
    assert str(target) in page.backups.folder_label.text()
    qtbot.mouseClick(page.backups.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backups.table.rowCount() == 1, timeout=10000)
    assert len(list(target.iterdir())) == 1


def test_the_start_check_passes_and_takes_the_days_backup_once(window, session, qtbot):
    window.nav.setCurrentRow(len(window.page_names()) - 1)
    listed = window.current_page().backups.table
    assert listed.rowCount() == 0
    window.start_checks()
    qtbot.waitUntil(lambda: window.start_result is not None, timeout=30000)
    report, backup = window.start_result
    assert report.ok and report.quick and backup.reason == "start"
    assert "Today's backup" in window.statusBar().currentMessage()
    assert _reasons(session.path) == ["start"]
    assert listed.rowCount() == 1 and listed.item(0, 1).text() == "启动时"
    window.start_result = None
    window.start_checks()
    qtbot.waitUntil(lambda: window.start_result is not None, timeout=30000)
    assert window.start_result[0].ok and window.start_result[1] is None
    assert _reasons(session.path) == ["start"]


def test_the_start_check_puts_in_place_a_package_a_stopped_export_left(window, session, qtbot,
                                                                       monkeypatch, tmp_path):
    import qdesk.submission as submission
    from qdesk.core.periods import Period

    def stopped(note, target):
        raise KeyboardInterrupt  # the process stopping between the transaction and the rename

    monkeypatch.setattr(submission, "_put_in_place", stopped)
    with pytest.raises(KeyboardInterrupt):
        submission.submit_package(session.store, Period.parse("2020Q4"), tmp_path)
    monkeypatch.undo()
    assert list(tmp_path.glob("*.qdpkg")) == []
    window.start_checks()
    qtbot.waitUntil(lambda: window.start_result is not None, timeout=30000)
    package, = tmp_path.glob("*.qdpkg")
    assert str(package) in window.finished_box.text()
    assert window.finished_box.textFormat() == Qt.TextFormat.PlainText
    window.finished_box.close()


def test_restoring_from_the_settings_page_reopens_the_database_as_it_was(window, session, qtbot,
                                                                        monkeypatch):
    set_setting(session.store, "notice_addressee", "各成员单位")
    window.nav.setCurrentRow(len(window.page_names()) - 1)
    page = window.current_page()
    qtbot.mouseClick(page.backups.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backups.table.rowCount() == 1, timeout=10000)
    set_setting(session.store, "notice_addressee", "各乡镇")
    page.backups.table.selectRow(0)
    monkeypatch.setattr(page.backups, "confirm_restore", lambda backup: True)
    qtbot.mouseClick(page.backups.restore_button, Qt.MouseButton.LeftButton)
    new = window.successor
    qtbot.addWidget(new)
    assert new.isVisible() and not window.isVisible()
    assert new.session.setting("notice_addressee") == "各成员单位"
    assert "kept as" in new.statusBar().currentMessage()
    assert sorted(_reasons(session.path)) == ["manual", "restore"]
    new.close()


def test_a_damaged_file_found_at_start_is_offered_the_newest_good_backup(window, session, qtbot,
                                                                        monkeypatch):
    from qdesk.store.recovery import backup_now

    good = backup_now(session.store, "manual")
    data = bytearray(session.path.read_bytes())
    data[4096 * 2:4096 * 6] = b"\x5a" * (4096 * 4)
    session.path.write_bytes(bytes(data))
    offered = []

    def answer(parent, path, detail):
        offered.append(detail)
        return good.path

    monkeypatch.setattr("qdesk.gui.main_window.ask_restore", answer)
    task = window.start_checks()
    qtbot.waitUntil(lambda: window.successor is not None, timeout=20000)
    assert offered and "SQLite" in offered[0]
    new = window.successor
    qtbot.addWidget(new)
    assert new.session.store.db.execute("SELECT count(*) FROM entries").fetchone()[0] > 300
    assert sorted(_reasons(session.path)) == ["manual", "restore"]
    assert task is not None
    new.close()


def test_without_a_good_backup_the_clerk_is_told_to_make_no_changes(tmp_path, qtbot, monkeypatch,
                                                                   demo_db):
    shown = []
    monkeypatch.setattr(damaged.QMessageBox, "exec", lambda box: shown.append(box.text()) or
                        QMessageBox.StandardButton.Ok)
    assert damaged.ask_restore(None, demo_db, "malformed") is None
    assert "no sound backup" in shown[0]


def test_a_program_error_is_a_sentence_in_place_and_its_trace_in_a_box(panel, qtbot,
                                                                      monkeypatch):
    """The trace went into the panel's message, where the clerk reads; now a sentence there,
    and the trace in the details of a box to copy for whoever fixes it."""
    from qdesk.gui import backup_panel

    def broken(*args, **kwargs):
        raise RuntimeError("the disk controller said no")

    monkeypatch.setattr(backup_panel, "take_backup", broken)
    qtbot.mouseClick(panel.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.findChildren(QMessageBox)), timeout=10000)
    assert panel.message.text() == "The work could not be finished because of a program error."
    assert "Traceback" not in panel.message.text()
    box = panel.findChildren(QMessageBox)[0]
    assert box.isVisible() and box.text() == panel.message.text()
    assert "RuntimeError: the disk controller said no" in box.detailedText()
