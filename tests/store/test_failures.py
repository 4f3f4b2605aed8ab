"""What happens to the file when the PC misbehaves: each a clear message, and no damage."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from qdesk.core.errors import DatabaseFileError
from qdesk.store import database
from qdesk.store.check import check_database
from qdesk.store.database import open_store
from qdesk.store.settings import get_setting, set_setting
from tests.platforms import held_files_stay_put, no_read_only_user

def _digest(path):
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for t in ("entries", "audit", "settings")
                for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
    finally:
        conn.close()


def test_a_full_disk_is_a_message_and_the_change_is_rolled_back_whole(demo_db):
    with open_store(demo_db) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        # SQLite's own limit stands in for the disk: the same SQLITE_FULL error reaches qdesk.
        store.db.execute(f"PRAGMA max_page_count = {pages + 20}")
        with pytest.raises(DatabaseFileError) as refused:
            for round in range(40):
                before = _digest(demo_db)
                set_setting(store, "issuing_organ", f"{round}" * 3000)
        assert "磁盘已满" in refused.value.render("zh")
        assert "disk is full" in refused.value.render("en")
        assert round > 0                       # some saves fitted, then the disk filled
    assert _digest(demo_db) == before          # the one that did not fit left nothing behind
    assert check_database(demo_db).ok


def test_a_full_disk_leaves_the_failing_change_out_entirely(demo_db):
    with open_store(demo_db) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        before = _digest(demo_db)
        with pytest.raises(DatabaseFileError):
            set_setting(store, "issuing_organ", "签" * 200000)
        assert get_setting(store, "issuing_organ") != "签" * 200000
    assert _digest(demo_db) == before


@held_files_stay_put
def test_a_database_moved_while_open_refuses_to_save(demo_db):
    with open_store(demo_db) as store:
        moved = demo_db.with_name("elsewhere.qdesk")
        os.replace(demo_db, moved)
        with pytest.raises(DatabaseFileError) as refused:
            set_setting(store, "operator", "张敏")
        assert "移动" in refused.value.render("zh")
        os.replace(moved, demo_db)
        set_setting(store, "operator", "张敏")      # back where it was: saving works again
        assert get_setting(store, "operator") == "张敏"


@held_files_stay_put
def test_a_database_deleted_while_open_refuses_to_save(demo_db):
    with open_store(demo_db) as store:
        demo_db.unlink()
        with pytest.raises(DatabaseFileError, match="移动、改名或删除"):
            set_setting(store, "operator", "张敏")


def test_a_database_on_a_network_share_is_opened_without_wal_and_with_a_warning(demo_db,
                                                                               monkeypatch):
    monkeypatch.setattr(database, "on_network_share", lambda path: True)
    with open_store(demo_db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert any("网络共享" in w.render("zh") for w in store.warnings)
        set_setting(store, "operator", "张敏")
    assert not Path(f"{demo_db}-wal").exists()
    with open_store(demo_db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_database_on_a_local_disk_uses_wal_and_warns_of_nothing(demo_db):
    with open_store(demo_db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.warnings == []


def _as_other_user() -> list[str] | None:
    """How to run a command as a user who cannot write where root can: None if impossible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@no_read_only_user
def test_a_read_only_folder_is_refused_with_a_message_and_the_file_is_untouched(demo_master):
    prefix = _as_other_user()
    if prefix is None:
        pytest.skip("needs a non-root user or setpriv to make a folder read-only")
    folder = Path(tempfile.mkdtemp(prefix="qdesk-ro-"))
    try:
        path = folder / "demo.qdesk"
        shutil.copy(demo_master, path)
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        before = path.read_bytes()
        env = {**os.environ, "QDESK_LANG": "zh", "HOME": str(folder)}
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "qdesk", "set", "--db", str(path), "--unit", "211122",
             "--period", "2020Q4", "--indicator", "A01", "--numerator", "9",
             "--denominator", "10"], capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 3, result.stderr
        assert "只读" in result.stderr and "Traceback" not in result.stderr
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["demo.qdesk"]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)
