import shutil
import sqlite3
from pathlib import Path

import pytest

from qdesk.core.errors import DatabaseFileError
from qdesk.store.backups import default_folder, list_backups
from qdesk.store.check import check_database
from qdesk.store.database import file_version, open_store
from qdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_new_database_is_marked_as_qdesk_and_uses_wal(tmp_path):
    path = tmp_path / "new.qdesk"
    with open_store(path, create=True) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert file_version(path) == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_foreign_keys_are_enforced(tmp_path):
    with open_store(tmp_path / "new.qdesk", create=True) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO units (code, name, level, parent_id) "
                             "VALUES ('x', 'x', 'township', 999)")


def test_a_missing_file_is_not_created_unless_asked(tmp_path):
    with pytest.raises(DatabaseFileError, match="qdesk init"):
        open_store(tmp_path / "none.qdesk")
    assert not (tmp_path / "none.qdesk").exists()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseFileError, match="文件夹"):
        open_store(tmp_path, create=True)


def test_a_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("这是一份会议记录" * 20, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="不是SQLite"):
        open_store(path, create=True)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="不是qdesk数据库"):
        open_store(path, create=True)
    assert path.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


def test_a_newer_database_is_refused_byte_identical(tmp_path):
    path = tmp_path / "newer.qdesk"
    with open_store(path, create=True):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError) as info:
        open_store(path)
    assert "更新版本" in info.value.render("zh") and "newer qdesk" in info.value.render("en")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.qdesk"]


def test_transactions_are_all_or_nothing(tmp_path):
    with open_store(tmp_path / "t.qdesk", create=True) as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as db:
                db["settings"].insert({"key": "a", "value": "1"})
                raise RuntimeError("power cut")
        assert store.db["settings"].count == 0


def test_an_older_database_is_backed_up_then_upgraded_keeping_every_row(tmp_path, monkeypatch):
    from qdesk.store import database

    path = tmp_path / "old.qdesk"
    with open_store(path, create=True) as store:
        store.db["settings"].insert({"key": "operator", "value": "张敏"})

    def add_column(db):
        db["settings"].add_column("changed_at", str)

    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS, add_column])
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert "changed_at" in store.db["settings"].columns_dict
        assert store.db["settings"].get("operator")["value"] == "张敏"
    backups = list_backups(path, default_folder(path))
    assert [b.reason for b in backups] == ["upgrade"]
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT value FROM settings").fetchall() == [("张敏",)]
    conn.close()


def _columns(path):
    conn = sqlite3.connect(path)
    tables = [t for t, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    conn.close()
    return columns


def _rows(path, columns=None):
    """Every table's rows; of the `columns` given (table -> names) where they are given."""
    columns = columns or _columns(path)
    conn = sqlite3.connect(path)
    rows = {t: sorted(conn.execute(f"SELECT {', '.join(names)} FROM {t}").fetchall(), key=repr)
            for t, names in columns.items()}
    conn.close()
    return rows


def test_a_database_made_by_the_first_schema_version_is_backed_up_upgraded_and_keeps_every_row(
        tmp_path):
    path = tmp_path / "county.qdesk"
    shutil.copy(FIXTURES / "schema-v1-demo.qdesk", path)
    before = _rows(path)
    assert file_version(path) == 1 and sum(len(r) for r in before.values()) > 1000

    with open_store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"packages", "reference_figures"} <= set(store.db.table_names())

    # Later versions add tables and columns (units.retired_on, v3): the first version's stay,
    # and the 落款 setting is the issuing organ from v9 on.
    kept = {**before, "settings": sorted(("issuing_organ" if key == "signature" else key, value)
                                         for key, value in before["settings"])}
    assert _rows(path, _columns(FIXTURES / "schema-v1-demo.qdesk")) == kept
    after = _rows(path)
    assert after["packages"] == [] and after["reference_figures"] == []
    assert {retired for *_, retired in after["units"]} == {None}
    backup, = list_backups(path, default_folder(path))
    assert backup.reason == "upgrade"
    assert file_version(backup.path) == 1
    assert _rows(backup.path) == before
    assert check_database(path).ok


def test_an_upgraded_database_takes_entries_of_nothing_to_count_and_keeps_its_checks(tmp_path):
    path = tmp_path / "county.qdesk"
    shutil.copy(FIXTURES / "schema-v1-demo.qdesk", path)
    with open_store(path):
        pass
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                        " AND tbl_name = 'entries' AND name = 'entries_by_indicator'").fetchone()
    first, second = (i for i, in conn.execute("SELECT id FROM entries ORDER BY id LIMIT 2"))
    with conn:
        conn.execute("UPDATE entries SET numerator = NULL, denominator = NULL, value = NULL"
                     " WHERE id = ?", [first])
    with pytest.raises(sqlite3.IntegrityError):
        with conn:      # a rate and a value at once is still refused
            conn.execute("UPDATE entries SET numerator = 1, denominator = 2, value = '3'"
                         " WHERE id = ?", [second])
    conn.close()
    # Sound but for the one figure the shell changed, which the trail does not hold.
    assert check_database(path).counted == {"figure": 1}


def test_a_read_only_file_of_an_older_qdesk_is_refused_untouched_since_it_cannot_be_upgraded(
        tmp_path, monkeypatch):
    from qdesk.store import database

    path = tmp_path / "old.qdesk"
    with open_store(path, create=True):
        pass
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(database, "writable", lambda path: False)
    before = sorted(p.name for p in tmp_path.iterdir()), path.read_bytes()
    with pytest.raises(DatabaseFileError) as refused:
        open_store(path)
    assert "需升级" in refused.value.render("zh") and "read-only" in refused.value.render("en")
    assert (sorted(p.name for p in tmp_path.iterdir()), path.read_bytes()) == before


def test_a_store_opened_read_only_reads_and_refuses_every_write_at_the_transaction(
        demo_db, monkeypatch):
    from qdesk.store import database
    from qdesk.store.database import ReadOnlyDatabaseError
    from qdesk.store.settings import get_setting, set_setting

    monkeypatch.setattr(database, "writable", lambda path: False)
    before = demo_db.read_bytes()
    with open_store(demo_db) as store:
        assert store.read_only and store.lock is None
        assert get_setting(store, "organ_code") == "盘质强办"
        with pytest.raises(ReadOnlyDatabaseError) as refused:
            set_setting(store, "organ_code", "别的")
        assert "只能读取" in refused.value.render("zh")
        assert get_setting(store, "organ_code") == "盘质强办"
    assert demo_db.read_bytes() == before
