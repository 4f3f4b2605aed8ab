"""A database that can be read but not written, used by a clerk who is not root.

Root writes any file whatever its mode, so the commands run as `nobody` (setpriv); the tests
are skipped when this process cannot switch user.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.platforms import no_read_only_user

NOBODY = 65534
pytestmark = [
    no_read_only_user,
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
        reason="needs root and setpriv to run the commands as an ordinary user"),
]


def as_nobody(*args) -> Result:
    home = tempfile.mkdtemp(prefix="qdesk-nobody-")
    os.chown(home, NOBODY, NOBODY)
    env = {k: v for k, v in os.environ.items() if k != "QDESK_LANG"}
    env.update(PYTHONIOENCODING="utf-8", HOME=home, MPLCONFIGDIR=home, XDG_CACHE_HOME=home,
               XDG_DATA_HOME=home, XDG_CONFIG_HOME=home, PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
             sys.executable, "-m", "qdesk", *map(str, args)],
            env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
            cwd=home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture(params=["file read-only", "folder read-only"])
def read_only_db(request, demo_master):
    """The demo, readable by everyone, writable by nobody but root: the file itself read-only
    in a folder anyone may write, or the file in a folder only root may write."""
    folder = Path(tempfile.mkdtemp(prefix="qdesk-ro-"))
    db = folder / "demo.qdesk"
    shutil.copy(demo_master, db)
    conn = sqlite3.connect(db)      # as it is left after work: the log checkpointed away
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    if request.param == "file read-only":
        os.chmod(folder, 0o777)
        os.chmod(db, 0o444)
    else:
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)
    yield db
    shutil.rmtree(folder, ignore_errors=True)


def _snapshot(db):
    """The database's bytes and the names beside it; SQLite's own -wal and -shm, which a reader
    of the log may make where it can, aside."""
    return db.read_bytes(), sorted(p.name for p in db.parent.iterdir()
                                   if not p.name.endswith(("-wal", "-shm")))


def test_a_read_only_database_is_read_by_status_export_csv_and_group_show(read_only_db):
    before = _snapshot(read_only_db)
    status = as_nobody("status", "--db", read_only_db, "--period", "2020Q4", "--format", "json")
    assert status.code == 0, status.err
    assert any(row["code"] == "P02" for row in status.json())
    assert "只读" in status.err
    out = Path(tempfile.mkdtemp(prefix="qdesk-out-"))
    os.chmod(out, 0o777)
    csv = as_nobody("export", "csv", "--db", read_only_db, "--period", "2020Q4",
                    "--out", out / "q4.csv")
    assert csv.code == 0, csv.err
    assert "P02" in (out / "q4.csv").read_text(encoding="utf-8-sig")
    group = as_nobody("group", "show", "--db", read_only_db)
    assert group.code == 0, group.err
    check = as_nobody("check", "--db", read_only_db)
    assert check.code == 0, check.out + check.err
    shutil.rmtree(out)
    assert _snapshot(read_only_db) == before     # no lock, no backup, no log left behind


def test_a_write_to_a_read_only_database_is_refused_clearly_and_nothing_changes(read_only_db):
    before = _snapshot(read_only_db)
    result = as_nobody("set", "--db", read_only_db, "--unit", "211122", "--period", "2020Q4",
                       "--indicator", "P02", "--numerator", "1", "--denominator", "2")
    assert result.code == 3, result.err
    assert "只能读取" in result.err and "未保存" in result.err
    english = as_nobody("--lang", "en", "set", "--db", read_only_db, "--unit", "211122",
                        "--period", "2020Q4", "--indicator", "P02", "--numerator", "1",
                        "--denominator", "2")
    assert english.code == 3 and "can only be read" in english.err
    assert _snapshot(read_only_db) == before


def test_a_report_that_would_take_a_document_number_is_refused_before_any_pdf(read_only_db):
    out = Path(tempfile.mkdtemp(prefix="qdesk-out-"))
    os.chmod(out, 0o777)
    before = _snapshot(read_only_db)
    result = as_nobody("report", "quarterly", "--db", read_only_db, "--period", "2020Q4",
                       "--out", out / "q4.pdf")
    assert result.code == 3, result.out + result.err
    assert "发文字号" in result.err
    assert list(out.iterdir()) == []
    assert _snapshot(read_only_db) == before
    shutil.rmtree(out)


def test_check_of_a_pipe_is_refused_at_once_instead_of_waiting(tmp_path):
    from tests.cli.conftest import run_qdesk

    fifo = tmp_path / "pipe.qdesk"
    os.mkfifo(fifo)
    result = run_qdesk("check", "--db", fifo)
    assert result.code == 3, result.err
    assert "不是普通文件" in result.out + result.err
    assert fifo.exists()
