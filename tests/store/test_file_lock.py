import os
import signal
import socket

import pytest

from qdesk.store.database import open_store
from qdesk.store.file_lock import DatabaseInUseError, FileLock, lock_path
from qdesk.store.setup import build_new


def test_a_second_process_is_told_who_holds_the_database_and_opens_nothing(demo_db,
                                                                            hold_elsewhere):
    child = hold_elsewhere(demo_db)
    before = demo_db.read_bytes()
    with pytest.raises(DatabaseInUseError) as refused:
        open_store(demo_db)
    text = refused.value.render("zh")
    assert str(child.pid) in text and socket.gethostname() in text
    assert refused.value.holder["pid"] == child.pid
    assert demo_db.read_bytes() == before


def test_a_lock_left_by_a_killed_process_is_taken_over(demo_db, hold_elsewhere):
    child = hold_elsewhere(demo_db)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert lock_path(demo_db).exists()          # the crash left its file behind
    with open_store(demo_db) as store:
        assert store.lock is not None
        assert f'"pid": {os.getpid()}' in lock_path(demo_db).read_text(encoding="utf-8")
    assert not lock_path(demo_db).exists()


def test_readers_share_a_held_database(demo_db, hold_elsewhere):
    hold_elsewhere(demo_db)
    with open_store(demo_db, exclusive=False) as store:
        assert store.execute("SELECT count(*) FROM entries").fetchone()[0] > 0


def test_opening_twice_in_one_process_shares_the_hold_until_the_last_closes(demo_db):
    first = open_store(demo_db)
    second = open_store(demo_db)
    second.close()
    assert lock_path(demo_db).exists()
    first.close()
    assert not lock_path(demo_db).exists()
    FileLock.acquire(demo_db).release()


def test_replacing_a_held_database_is_refused_and_leaves_it_alone(demo_db, hold_elsewhere):
    hold_elsewhere(demo_db)
    before = demo_db.read_bytes()
    with pytest.raises(DatabaseInUseError):
        build_new(demo_db, lambda store: None, force=True)
    assert demo_db.read_bytes() == before


def test_a_leftover_lock_file_nobody_holds_is_taken_over_whatever_it_says(demo_db):
    lock_path(demo_db).write_bytes(b"\x00\xffnot json at all")
    with open_store(demo_db) as store:
        assert store.lock is not None
        assert f'"pid": {os.getpid()}' in lock_path(demo_db).read_text(encoding="utf-8")


def test_a_holder_whose_file_says_nothing_readable_is_still_refused(demo_db, hold_elsewhere):
    hold_elsewhere(demo_db)
    lock_path(demo_db).write_bytes(b"garbage")
    with pytest.raises(DatabaseInUseError) as refused:
        open_store(demo_db)
    assert refused.value.holder == {}
    assert "另一个qdesk" in refused.value.render("zh")
