import os
import socket
import sys

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
    assert str(child.holder_pid) in text and socket.gethostname() in text
    assert refused.value.holder["pid"] == child.holder_pid
    assert demo_db.read_bytes() == before


@pytest.mark.parametrize("argv,program", [
    (["qdesk", "gui", "--db", "盘山县.qdesk"], "qdesk gui"),
    (["qdesk-cli.exe", "import", "a.qdpkg", "--db", "盘锦市.qdesk"], "qdesk import"),
    # As the installer's file types start it: the note names no file as the program.
    (["qdesk.exe", r"D:\报送\盘山县.qdesk"], "qdesk"),
    (["qdesk.exe", "--import", r"D:\u盘\211122-2026Q3.qdpkg"], "qdesk"),
    (["qdesk.exe"], "qdesk"),
])
def test_the_note_names_the_holder_by_its_command_never_by_a_file(tmp_path, monkeypatch, argv,
                                                                  program):
    import json

    monkeypatch.setattr(sys, "argv", argv)
    db = tmp_path / "held.qdesk"
    build_new(db, lambda store: None)
    with open_store(db):
        assert json.loads(lock_path(db).read_text(encoding="utf-8"))["program"] == program


def test_a_lock_left_by_a_killed_process_is_taken_over(demo_db, hold_elsewhere):
    child = hold_elsewhere(demo_db)
    child.kill()                                # SIGKILL; TerminateProcess on Windows
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


# On Windows the lock is taken on a note beside the path a name resolves to (file_lock._locked), and
# a hard link resolves to itself: what these tests hold is not promised there (README, 数据安全).
POSIX_LINKS = pytest.mark.skipif(
    sys.platform == "win32", reason="the lock reaches the file through every hard link only on "
    "POSIX (fcntl on the file itself); on Windows it is a note beside the name the path resolves to")


def _links(demo_db, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    symlink, hardlink = elsewhere / "shortcut.qdesk", elsewhere / "second-name.qdesk"
    symlink.symlink_to(demo_db)
    os.link(demo_db, hardlink)
    return symlink, hardlink


@POSIX_LINKS
def test_a_second_writer_through_a_symbolic_or_a_hard_link_is_refused_every_time(
        demo_db, tmp_path, hold_elsewhere):
    symlink, hardlink = _links(demo_db, tmp_path)
    child = hold_elsewhere(symlink)
    refused = 0
    for round in range(25):
        for path in (hardlink, symlink, demo_db):
            try:
                open_store(path).close()
            except DatabaseInUseError:
                refused += 1
    assert refused == 75
    with pytest.raises(DatabaseInUseError) as through_the_link:
        open_store(symlink)
    assert through_the_link.value.holder["pid"] == child.pid


@POSIX_LINKS
def test_a_writer_here_refuses_another_process_coming_through_a_hard_link(demo_db, tmp_path):
    import subprocess
    import sys

    symlink, hardlink = _links(demo_db, tmp_path)
    with open_store(demo_db):
        for path in (hardlink, symlink):
            child = subprocess.run([sys.executable, "-c", (
                "import sys\n"
                "from qdesk.store.database import open_store\n"
                "from qdesk.store.file_lock import DatabaseInUseError\n"
                "try:\n"
                f"    open_store({str(path)!r})\n"
                "except DatabaseInUseError:\n"
                "    sys.exit(7)\n")], timeout=60)
            assert child.returncode == 7


@POSIX_LINKS
def test_one_process_holds_a_file_once_whatever_path_names_it(demo_db, tmp_path):
    symlink, hardlink = _links(demo_db, tmp_path)
    first, second = open_store(symlink), open_store(hardlink)
    assert len(FileLock._held) == 1
    first.close()
    second.close()
    assert FileLock._held == {}
    assert not lock_path(symlink).exists()


def test_releasing_the_lock_leaves_sqlites_own_locks_in_this_process_standing(demo_db):
    """POSIX drops every fcntl lock a process holds on a file when any descriptor of it is
    closed: the lock's descriptor must outlive SQLite's connections in the process."""
    import sqlite3
    import subprocess
    import sys

    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    reader = sqlite3.connect(demo_db)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entries").fetchone()   # SQLite's shared lock, by fcntl
    try:
        FileLock.acquire(demo_db).release()
        writer = subprocess.run([sys.executable, "-c", (
            "import sqlite3, sys\n"
            f"conn = sqlite3.connect({str(demo_db)!r}, timeout=0)\n"
            "try:\n"
            "    conn.execute('BEGIN EXCLUSIVE')\n"
            "except sqlite3.OperationalError:\n"
            "    sys.exit(7)\n")], timeout=60)
        assert writer.returncode == 7, "another process wrote under this process's reader"
    finally:
        reader.close()


@POSIX_LINKS
@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="lists descriptors by /proc")
def test_holding_and_releasing_a_file_many_times_leaves_no_descriptor_behind(demo_db, tmp_path):
    symlink, hardlink = _links(demo_db, tmp_path)
    with open_store(demo_db):
        pass
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(50):
        first, second = open_store(symlink), open_store(hardlink)
        second.close()
        first.close()
    assert len(os.listdir("/proc/self/fd")) == before
