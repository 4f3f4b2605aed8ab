import sqlite3

import pytest

from qdesk.core.errors import DatabaseFileError
from qdesk.store.backups import default_folder, list_backups
from qdesk.store.check import check_database
from qdesk.store.database import open_store
from qdesk.store.recovery import backup_now, backups_of, newest_good_backup, restore_backup
from qdesk.store.settings import get_setting, set_setting
from tests.platforms import symlink


def _damage(path):
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, 4096 * 8):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))


def test_restoring_puts_the_backup_back_and_keeps_the_current_file_as_a_backup(demo_db):
    with open_store(demo_db) as store:
        set_setting(store, "operator", "张敏")
        good = backup_now(store, "manual")
        set_setting(store, "operator", "李强")
    kept = restore_backup(demo_db, good.path)
    with open_store(demo_db) as store:
        assert get_setting(store, "operator") == "张敏"
    reasons = [b.reason for b in backups_of(demo_db)]
    assert reasons == ["restore", "manual"]
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT value FROM settings WHERE key = 'operator'").fetchone()[0] == "李强"
    conn.close()
    assert check_database(demo_db).ok


def test_a_damaged_database_is_kept_as_it_was_and_replaced_by_the_newest_good_backup(demo_db):
    with open_store(demo_db) as store:
        first = backup_now(store, "manual")
        second = backup_now(store, "manual")
    _damage(second.path)
    _damage(demo_db)
    assert check_database(demo_db).damaged
    assert newest_good_backup(demo_db) == first
    kept = restore_backup(demo_db, first.path)
    assert check_database(demo_db).ok
    assert "-restore-s" in kept.name   # the damaged pages, kept as they were
    assert check_database(kept).damaged
    assert kept.exists()


def test_a_damaged_backup_is_refused_and_the_database_left_alone(demo_db):
    with open_store(demo_db) as store:
        backup = backup_now(store, "manual")
    _damage(backup.path)
    before = demo_db.read_bytes()
    with pytest.raises(DatabaseFileError, match="备份已损坏"):
        restore_backup(demo_db, backup.path)
    assert demo_db.read_bytes() == before
    assert [b.reason for b in list_backups(demo_db, default_folder(demo_db))] == ["manual"]


def test_a_file_that_is_not_a_qdesk_database_is_refused_as_a_backup(demo_db, tmp_path):
    stray = tmp_path / "stray.qdesk"
    stray.write_bytes(b"not a database at all" * 10)
    before = demo_db.read_bytes()
    with pytest.raises(DatabaseFileError):
        restore_backup(demo_db, stray)
    assert demo_db.read_bytes() == before


def test_restoring_through_a_symbolic_link_replaces_the_file_it_points_to_and_keeps_the_link(
        demo_db, tmp_path):
    with open_store(demo_db) as store:
        set_setting(store, "operator", "张敏")
        good = backup_now(store, "manual")
        set_setting(store, "operator", "李强")
    link = symlink(tmp_path / "shortcut.qdesk", demo_db)
    restore_backup(link, good.path)
    assert link.is_symlink() and link.resolve() == demo_db
    with open_store(demo_db) as store:
        assert get_setting(store, "operator") == "张敏"


def test_a_restore_is_recorded_past_every_backup_so_later_backups_sort_after_it(demo_db):
    from qdesk.store.audit import trail

    with open_store(demo_db) as store:
        good = backup_now(store, "manual")
        for name in ("李强", "王芳", "赵磊"):
            set_setting(store, "operator", name)
        later = backup_now(store, "manual")
    kept = restore_backup(demo_db, good.path)
    with open_store(demo_db) as store:
        restored, = trail(store, "backups")
        after = backup_now(store, "manual")
    assert restored["row_key"] == good.path.name and restored["reason"] == "restore"
    assert restored["id"] > max(later.sequence, good.sequence)
    assert [b.path for b in backups_of(demo_db)][:3] == [after.path, kept, later.path]
    assert backups_of(demo_db)[0].sequence == restored["id"]
    # The row that jumped the sequence is chained like every other: the full check finds no break.
    assert check_database(demo_db).ok
