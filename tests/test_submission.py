"""Making a package: a kill at any moment leaves nothing, or a recorded, locked submission with
its package; `--out` takes a file or a folder and refuses what is not a regular file; a full disk
is said as such, with nothing left behind."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qdesk.core.errors import DatabaseFileError, InputError
from qdesk.core.periods import Period
from qdesk.store.database import open_store
from tests.cli.conftest import run_qdesk
from tests.platforms import symlink

Q4 = Period.parse("2020Q4")
NAME = "211122-2020Q4.qdpkg"
# The kill: os.kill(pid, 9) is SIGKILL on POSIX, TerminateProcess with exit code 9 on Windows;
# neither lets the program run one more line.
KILLED = 9 if sys.platform == "win32" else -9


@pytest.fixture
def qdesk():
    return run_qdesk


def _state(db: Path, folder: Path) -> dict[str, object]:
    """What a kill may have left: the period's submissions and locks, numbers taken, notes, files."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            "submissions": conn.execute("SELECT file_name, sha256 FROM submissions WHERE "
                                        "period = '2020Q4'").fetchall(),
            "locked": conn.execute("SELECT count(*) FROM locks WHERE period = '2020Q4' AND "
                                   "unlocked_at IS NULL").fetchone()[0],
            "numbers": conn.execute("SELECT count(*) FROM doc_numbers").fetchone()[0],
            "notes": conn.execute("SELECT count(*) FROM settings WHERE key LIKE "
                                  "'pending_package:%'").fetchone()[0],
            # The database and its backups may share the folder: what the export left is the rest.
            "files": sorted(p.name for p in folder.iterdir() if not p.name.startswith("demo")),
        }
    finally:
        conn.close()


def _reopen(db: Path, *lang: str):
    """The next command that writes, as a clerk's next step would be."""
    return run_qdesk(*lang, "settings", "set", "--db", db, "operator", "张三")


def _nothing(before: dict[str, object]) -> dict[str, object]:
    return {**before, "files": []}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Each step of the export where the child kills itself, and what the next opening must find.
KILLS = {
    "while-zipping": ("write_package", """
        def write_package(store, plan, unit, period, data, report, out):
            Path(out).write_bytes(b"PK half a zip")
            kill()
        """, "nothing"),
    "after-the-file-is-written": ("backup_now", """
        def backup_now(store, reason):
            kill()
        """, "nothing"),
    "after-the-backup": ("backup_now", """
        def backup_now(store, reason, real=submission.backup_now):
            real(store, reason)
            kill()
        """, "nothing"),
    "inside-the-transaction": ("record_submission", """
        def record_submission(*args, real=submission.record_submission):
            real(*args)
            kill()
        """, "nothing"),
    "after-the-transaction": ("_put_in_place", """
        def _put_in_place(note, target):
            kill()
        """, "submitted"),
    "after-the-rename": ("_put_in_place", """
        def _put_in_place(note, target, real=submission._put_in_place):
            real(note, target)
            kill()
        """, "submitted"),
}


def _export_killed(db: Path, out: Path, name: str, code: str) -> int:
    script = textwrap.dedent("""
        import os, sys
        from pathlib import Path
        import qdesk.submission as submission
        from qdesk.cli import main

        def kill():
            os.kill(os.getpid(), 9)
        """) + textwrap.dedent(code) + textwrap.dedent(f"""
        setattr(submission, {name!r}, {name})
        main(["export", "package", "--db", {str(db)!r}, "--period", "2020Q4",
              "--out", {str(out)!r}])
        raise SystemExit("the export ran to its end: the kill was never reached")
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    return done.returncode


@pytest.mark.parametrize("step", list(KILLS))
def test_a_kill_at_any_step_leaves_nothing_or_a_locked_submission_with_its_package(
        demo_db, tmp_path, step):
    folder = tmp_path / "out"
    folder.mkdir()
    before = _state(demo_db, folder)
    name, code, outcome = KILLS[step]
    assert _export_killed(demo_db, folder, name, code) == KILLED
    # Before the next opening no package is under its name unless its submission is recorded.
    killed = _state(demo_db, folder)
    assert (NAME in killed["files"]) <= bool(killed["submissions"])

    reopened = _reopen(demo_db)
    assert reopened.code == 0, reopened.err
    after = _state(demo_db, folder)
    if outcome == "nothing":
        assert after == _nothing(before)
    else:
        (file_name, digest), = after["submissions"]
        assert after["files"] == [NAME] and file_name == NAME
        assert _sha(folder / NAME) == digest
        assert after["locked"] == 1 and after["notes"] == 0
        assert after["numbers"] == before["numbers"] + 1
    checked = run_qdesk("check", "--db", demo_db)
    assert checked.code == 0, checked.out + checked.err
    assert run_qdesk("status", "--db", demo_db, "--period", "2020Q4").code == 0


def test_the_package_is_put_in_place_at_next_opening_and_the_clerk_is_told(demo_db, tmp_path):
    name, code, _ = KILLS["after-the-transaction"]
    assert _export_killed(demo_db, tmp_path, name, code) == KILLED
    assert not (tmp_path / NAME).exists()
    reopened = _reopen(demo_db, "--lang", "en")
    assert f"the package {tmp_path / NAME} was put in place" in reopened.err
    assert (tmp_path / NAME).is_file()


def test_a_package_file_deleted_before_it_took_its_name_unlocks_the_period_with_a_reason(
        demo_db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    name, code, _ = KILLS["after-the-transaction"]
    assert _export_killed(demo_db, folder, name, code) == KILLED
    for leftover in folder.iterdir():
        leftover.unlink()
    reopened = _reopen(demo_db, "--lang", "en")
    assert "the package of 2020Q4 was never written: the period is unlocked again" in reopened.err
    after = _state(demo_db, folder)
    assert after["locked"] == 0 and after["notes"] == 0
    with open_store(demo_db) as store:
        reason, = store.execute("SELECT unlock_reason FROM locks WHERE period = '2020Q4'"
                                ).fetchone()
    assert "报送包未能写出" in reason
    made = run_qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out", folder)
    assert made.code == 0, made.err


def test_a_package_whose_folder_is_gone_waits_for_it_and_keeps_the_period_locked(demo_db,
                                                                                  tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    name, code, _ = KILLS["after-the-transaction"]
    assert _export_killed(demo_db, folder, name, code) == KILLED
    temporary, = folder.iterdir()
    folder.rename(tmp_path / "unplugged")
    reopened = _reopen(demo_db, "--lang", "en")
    assert "is waiting for its folder" in reopened.err
    (tmp_path / "unplugged").rename(folder)
    assert _state(demo_db, folder)["locked"] == 1
    _reopen(demo_db)
    assert _state(demo_db, folder)["files"] == [NAME]


def test_a_failing_backup_leaves_no_package_no_lock_and_no_submission(demo_db, tmp_path,
                                                                      monkeypatch):
    import qdesk.submission as submission

    def no_backup(store, reason):
        raise DatabaseFileError(submission.msg("no backup could be made", "无法备份"))

    monkeypatch.setattr(submission, "backup_now", no_backup)
    folder = tmp_path / "out"
    folder.mkdir()
    before = _state(demo_db, folder)
    with open_store(demo_db) as store, pytest.raises(DatabaseFileError):
        submission.submit_package(store, Q4, folder)
    assert _state(demo_db, folder) == _nothing(before)


def test_a_backup_folder_that_cannot_be_written_refuses_the_package_with_nothing_made(
        qdesk, demo_db, tmp_path):
    from qdesk.store.settings import set_setting

    in_the_way = tmp_path / "a file"
    in_the_way.write_text("not a folder", encoding="utf-8")
    with open_store(demo_db) as store:
        set_setting(store, "backup_folder", str(in_the_way / "backups"))
    folder = tmp_path / "out"
    folder.mkdir()
    before = _state(demo_db, folder)
    result = qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out", folder)
    assert result.code == 3 and "无法" in result.err and "备份" in result.err
    assert _state(demo_db, folder) == _nothing(before)


def test_out_may_name_the_package_file_itself(qdesk, demo_db, tmp_path):
    out = tmp_path / "给市局.qdpkg"
    result = qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out", out)
    assert result.code == 0, result.err
    (file_name, digest), = _state(demo_db, tmp_path)["submissions"]
    assert file_name == out.name and _sha(out) == digest


def _refused_with_nothing_changed(qdesk, demo_db, tmp_path, out, words, *extra):
    before = _state(demo_db, tmp_path)
    result = qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out", out,
                   *extra)
    assert result.code == 3, result.err
    assert words in result.err and "Traceback" not in result.err
    after = _state(demo_db, tmp_path)
    assert after == before
    return result


@pytest.mark.skipif(sys.platform == "win32", reason="a device node such as /dev/null is POSIX; "
                    "Windows' devices (NUL, CON) are reserved names, not files in a folder")
def test_out_refuses_a_device_node_and_leaves_it_a_device(qdesk, demo_db, tmp_path):
    import stat

    _refused_with_nothing_changed(qdesk, demo_db, tmp_path, "/dev/null", "不是普通文件",
                                  "--force")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="a FIFO is POSIX; Windows' named pipes are "
                    r"not files in a folder (\\.\pipe\)")
def test_out_refuses_a_pipe(qdesk, demo_db, tmp_path):
    pipe = tmp_path / "pipe.qdpkg"
    os.mkfifo(pipe)
    _refused_with_nothing_changed(qdesk, demo_db, tmp_path, pipe, "不是普通文件", "--force")


def test_out_refuses_a_link_and_leaves_the_file_it_points_to_alone(qdesk, demo_db, tmp_path):
    aimed = tmp_path / "elsewhere.txt"
    aimed.write_text("someone's file", encoding="utf-8")
    link = symlink(tmp_path / "link.qdpkg", aimed)
    _refused_with_nothing_changed(qdesk, demo_db, tmp_path, link, "不是普通文件", "--force")
    assert link.is_symlink() and aimed.read_text(encoding="utf-8") == "someone's file"


def test_out_refuses_a_folder_where_the_package_file_is_named(qdesk, demo_db, tmp_path):
    (tmp_path / NAME).mkdir()
    _refused_with_nothing_changed(qdesk, demo_db, tmp_path, tmp_path, "是文件夹", "--force")
    assert (tmp_path / NAME).is_dir()


def test_out_refuses_an_existing_package_unless_forced(qdesk, demo_db, tmp_path):
    (tmp_path / NAME).write_bytes(b"last week's")
    _refused_with_nothing_changed(qdesk, demo_db, tmp_path, tmp_path, "--force")
    assert (tmp_path / NAME).read_bytes() == b"last week's"
    forced = qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out",
                   tmp_path, "--force")
    assert forced.code == 0, forced.err
    (_, digest), = _state(demo_db, tmp_path)["submissions"]
    assert _sha(tmp_path / NAME) == digest


def test_out_refuses_a_folder_that_does_not_exist(qdesk, demo_db, tmp_path):
    _refused_with_nothing_changed(qdesk, demo_db, tmp_path, tmp_path / "nowhere" / NAME,
                                  "不存在")


def test_a_full_disk_while_zipping_is_refused_as_such_with_nothing_left(demo_db, tmp_path,
                                                                       monkeypatch):
    import qdesk.submission as submission

    def full(store, plan, unit, period, data, report, out):
        Path(out).write_bytes(b"PK a first part")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(submission, "write_package", full)
    folder = tmp_path / "out"
    folder.mkdir()
    before = _state(demo_db, folder)
    with open_store(demo_db) as store, pytest.raises(InputError) as refused:
        submission.submit_package(store, Q4, folder)
    assert "磁盘已满，未能写入" in refused.value.render()
    assert _state(demo_db, folder) == _nothing(before)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs, as a nearly full USB stick; skipped where it cannot be mounted."""
    mount = tmp_path / "stick"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs could be mounted: {mounted.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_while_writing_the_package_exits_3_with_nothing_left(qdesk, demo_db,
                                                                        tiny_disk):
    # The package is about half a megabyte: leave it less room than that.
    (tiny_disk / "filler").write_bytes(b"\0" * (800 * 1024))
    before = _state(demo_db, tiny_disk)
    result = qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out",
                   tiny_disk)
    assert result.code == 3, result.err
    assert "磁盘已满，未能写入" in result.err and "Traceback" not in result.err
    assert _state(demo_db, tiny_disk) == before
