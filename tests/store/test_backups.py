import datetime as dt
import time
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdesk.core.errors import DatabaseFileError
from qdesk.store import backups
from qdesk.store.backups import (KEEP_MONTHS, KEEP_NEWEST, UNREADABLE, Backup, copy_database,
                                 default_folder, kept, list_backups, take_backup)
from qdesk.store.database import open_store
from qdesk.store.recovery import backup_now, newest_good_backup, restore_backup, start_backup
from qdesk.store.settings import get_setting, set_setting


def _count(path, table="entries"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _county_with_backup_folder(tmp_path):
    """An empty county database and its (empty) default backup folder."""
    database = tmp_path / "county.qdesk"
    with open_store(database, create=True):
        pass
    folder = default_folder(database)
    folder.mkdir()
    return database, folder


def test_a_backup_is_a_whole_standalone_copy_beside_the_database(demo_db):
    with open_store(demo_db) as store:
        backup = backup_now(store, "manual")
    assert backup.path.parent == demo_db.parent / "demo-backups"
    with open_store(demo_db) as store:
        last = store.execute("SELECT max(id) FROM audit").fetchone()[0]
    assert backup.path.name.startswith("demo-")
    assert backup.path.name.endswith(f"-manual-s{last}.qdesk") and backup.sequence == last
    assert _count(backup.path) == _count(demo_db) > 300
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert [p.name for p in backup.path.parent.iterdir()] == [backup.path.name]


def test_a_backup_holds_what_was_committed_while_the_database_is_open(demo_db):
    with open_store(demo_db) as store:
        set_setting(store, "superior", "盘锦市质量强市工作领导小组办公室")
        backup = backup_now(store, "manual")
    conn = sqlite3.connect(backup.path)
    assert conn.execute("SELECT value FROM settings WHERE key = 'superior'").fetchone()[0] \
        == "盘锦市质量强市工作领导小组办公室"
    conn.close()


def test_the_backup_folder_set_in_the_settings_is_used_relative_to_the_database(demo_db):
    with open_store(demo_db) as store:
        set_setting(store, "backup_folder", "备份")
        backup = backup_now(store, "manual")
    assert backup.path.parent == demo_db.parent / "备份"
    assert list_backups(demo_db, demo_db.parent / "备份") == [backup]


def test_a_start_backup_is_taken_only_when_no_backup_holds_the_same_content(demo_db,
                                                                             monkeypatch):
    with open_store(demo_db) as store:
        first = start_backup(store.path, "")
        assert first is not None and first.reason == "start"
        assert start_backup(store.path, "") is None
        # A day later with nothing changed: still nothing to keep.
        monkeypatch.setattr(backups, "clock", lambda: dt.datetime.now() + dt.timedelta(days=1))
        assert start_backup(store.path, "") is None
        set_setting(store, "superior", "盘锦市质量强市工作领导小组办公室")
        # The same day, the clock stuck: a change is backed up all the same.
        second = start_backup(store.path, "")
        assert second is not None and second.sequence > first.sequence
    assert sorted(b.reason for b in list_backups(demo_db, default_folder(demo_db))) == \
        ["start", "start"]


def test_backups_beyond_the_rotation_are_removed_and_other_files_left_alone(tmp_path,
                                                                           monkeypatch):
    database, folder = _county_with_backup_folder(tmp_path)
    (folder / "notes.txt").write_text("mine")
    (folder / "other-20200101-000000-000-start.qdesk").write_text("another database's")
    made = [dt.datetime(2026, 1, 1, 9, 0) + dt.timedelta(days=d) for d in range(0, 330, 3)]
    for taken in made:   # every third day of most of a year
        (folder / f"county-{taken:%Y%m%d-%H%M%S}-000-start.qdesk").write_bytes(b"")
    monkeypatch.setattr(backups, "clock", lambda: dt.datetime(2026, 11, 30, 9, 0))
    take_backup(database, "manual")
    left = list_backups(database, folder)
    # Old names, empty files: their content unreadable, so ordered by the names' time. The new
    # one and the 19 newest every-third-days (1 Oct – 24 Nov), then one each for Jan–Sep.
    assert len(left) == KEEP_NEWEST + 9
    assert left[0].reason == "manual"
    assert left[KEEP_NEWEST - 1].taken_at == dt.datetime(2026, 10, 1, 9, 0)
    last_of_month = [max(t for t in made if t.month == m) for m in range(9, 0, -1)]
    assert [b.taken_at for b in left[KEEP_NEWEST:]] == last_of_month
    assert (folder / "notes.txt").exists()
    assert (folder / "other-20200101-000000-000-start.qdesk").exists()


_instants = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31),
                         ).map(lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_instants, st.integers(-1, 500)), unique_by=lambda b: b[0],
                max_size=80))
def test_rotation_keeps_the_newest_twenty_by_content_and_the_newest_of_twelve_months(made):
    backups = [Backup(Path(f"{i}.qdesk"), t, "start", seq) for i, (t, seq) in enumerate(made)]
    keep = kept(backups)
    newest = sorted(backups, key=lambda b: b.order, reverse=True)
    assert keep == [b for b in newest if b in keep]
    assert set(newest[:KEEP_NEWEST]) <= set(keep)
    extra = [b for b in keep if b not in newest[:KEEP_NEWEST]]
    months = [(b.taken_at.year, b.taken_at.month) for b in extra]
    assert len(set(months)) == len(months)
    for backup in extra:     # each the newest content of its month
        assert all(other.order <= backup.order for other in backups
                   if (other.taken_at.year, other.taken_at.month) == months[extra.index(backup)])
    assert len(keep) <= KEEP_NEWEST + KEEP_MONTHS


def _work_and_back_up(database, at, figures):
    """Record `figures` changes under a clock reading `at`, each followed by a start backup."""
    taken = []
    with open_store(database) as store:
        for i in range(figures):
            set_setting(store, "superior", f"办公室{at:%Y%m%d}-{i}")
            taken.append(start_backup(store.path, ""))
    return taken


@pytest.mark.parametrize("wrong", [dt.datetime(2000, 1, 1, 8, 0), dt.datetime(2040, 6, 1, 8, 0)],
                         ids=["clock set back to 2000", "clock run ahead to 2040"])
def test_a_wrong_clock_never_rotates_recent_work_away_and_the_newest_content_is_restored(
        tmp_path, monkeypatch, wrong):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    database = tmp_path / "county.qdesk"
    create_database(database, find_template("bingtuan-2016"), "659001", "石河子市")
    folder = default_folder(database)
    right = dt.datetime(2026, 11, 2, 9, 0)
    ticks = iter(range(10_000))
    monkeypatch.setattr(backups, "clock", lambda: right + dt.timedelta(minutes=next(ticks)))
    _work_and_back_up(database, right, 30)
    # 25 working days under the wrong clock, whose backups a date order would put first or last.
    monkeypatch.setattr(backups, "clock", lambda: wrong + dt.timedelta(minutes=next(ticks)))
    recent = _work_and_back_up(database, wrong, 25)
    with open_store(database) as store:
        newest = store.execute("SELECT max(id) FROM audit").fetchone()[0]
    left = list_backups(database, folder)
    assert left[0].sequence == newest and left[0].path == recent[-1].path
    assert {b.path for b in recent[-KEEP_NEWEST:]} <= {b.path for b in left}
    assert newest_good_backup(database).path == recent[-1].path
    _break(database)
    restore_backup(database, newest_good_backup(database).path)
    with open_store(database) as store:
        assert get_setting(store, "superior") == f"办公室{wrong:%Y%m%d}-24"


def _break(path):
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 3] = b"\x5a" * 4096
    path.write_bytes(bytes(data))


def test_a_backup_named_without_a_sequence_is_listed_with_the_one_its_file_holds(tmp_path):
    database, folder = _county_with_backup_folder(tmp_path)
    with open_store(database) as store:
        set_setting(store, "operator", "张敏")
        last = store.execute("SELECT max(id) FROM audit").fetchone()[0]
    old = folder / "county-20260101-090000-000-start.qdesk"
    copy_database(database, old)
    (folder / "county-20260102-090000-000-start.qdesk").write_bytes(b"not a database")
    listed = list_backups(database, folder)
    assert [(b.path.name, b.sequence) for b in listed] == [
        (old.name, last), ("county-20260102-090000-000-start.qdesk", UNREADABLE)]


def test_a_backup_that_cannot_be_written_is_refused_with_a_message_and_no_half_file(demo_db):
    blocker = demo_db.parent / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    with open_store(demo_db) as store:
        set_setting(store, "backup_folder", str(blocker / "sub"))
        with pytest.raises(DatabaseFileError) as refused:
            backup_now(store, "manual")
    assert "无法在" in refused.value.render() and "备份" in refused.value.render()
    assert not list(demo_db.parent.rglob("*.partial"))


def test_a_full_disk_during_the_backup_before_an_import_refuses_the_import(demo_db, monkeypatch,
                                                                           tmp_path):
    import errno

    from qdesk.exchange.imports import import_files

    def full(source, target):
        Path(target).write_bytes(b"half a backup")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "copy_database", full)
    sheet = tmp_path / "q4.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n211122,P02,2020Q4,97,100,,\n",
                     encoding="utf-8")
    before = _count(demo_db, "audit")
    with open_store(demo_db) as store, pytest.raises(DatabaseFileError) as refused:
        import_files(store, [sheet])
    assert "磁盘已满" in refused.value.render("zh") and "disk" in refused.value.render("en")
    assert _count(demo_db, "audit") == before
    assert list(default_folder(demo_db).iterdir()) == []     # no half backup left behind


def test_a_half_made_backup_left_by_a_killed_process_is_removed_once_stale(tmp_path):
    import os

    database, folder = _county_with_backup_folder(tmp_path)
    stale = folder / ".county-20261101-090000-000-import.qdesk.partial"
    fresh = folder / ".county-20261201-090000-000-import.qdesk.partial"
    other = folder / ".other-20261101-090000-000-import.qdesk.partial"
    for path in (stale, fresh, other):
        path.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    for path in (stale, other):
        os.utime(path, (two_hours_ago, two_hours_ago))
    take_backup(database, "manual")
    assert not stale.exists()
    assert fresh.exists() and other.exists()   # perhaps still being written; another database's
