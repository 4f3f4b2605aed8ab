"""Opening a qdesk file: refusing what is not one (or is from a newer qdesk) untouched, upgrading older ones."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import msg
from qdesk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_SQLITE_MAGIC = b"SQLite format 3\x00"


def now() -> str:
    """The current local time with its offset, to the second (ISO 8601), as every record keeps it."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """An open qdesk database: the sqlite-utils Database plus who is working on it."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db

    @property
    def operator(self) -> str:
        """The name the audit trail records: the settings' operator, else the login name."""
        row = self.db.execute("SELECT value FROM settings WHERE key = 'operator'").fetchone()
        if row and row[0]:
            return row[0]
        return os.environ.get("QDESK_OPERATOR") or getpass.getuser()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One transaction for a multi-row change; nested uses become savepoints."""
        with self.db.atomic() as db:
            yield db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _refuse(path: Path, en: str, zh: str, **args: object) -> DatabaseFileError:
    return DatabaseFileError(msg(en, zh, **args), source=str(path))


def file_version(path: Path) -> int | None:
    """The schema version of a qdesk file read from its header, touching nothing; None if absent or empty.

    Refuses a folder, a file that is not SQLite, a SQLite file that is not qdesk's, and a file
    written by a newer qdesk.
    """
    if path.is_dir():
        raise _refuse(path, "this is a folder, not a database file",
                      "这是一个文件夹，不是数据库文件")
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise _refuse(path, "this file is not a qdesk database (not SQLite at all)",
                      "该文件不是qdesk数据库（不是SQLite文件）")
    user_version, = struct.unpack(">I", header[60:64])
    application_id, = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise _refuse(path, "this SQLite file was not made by qdesk",
                      "该SQLite文件不是qdesk数据库")
    if user_version > SCHEMA_VERSION:
        raise _refuse(path, "this database was written by a newer qdesk (schema {theirs}; this "
                            "qdesk reads up to {ours}): install the newer qdesk to open it",
                      "该数据库由更新版本的qdesk写入（结构版本{theirs}，本程序最高支持{ours}），"
                      "请安装新版qdesk后再打开", theirs=user_version, ours=SCHEMA_VERSION)
    return user_version


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return Database(conn)


def backup_to(store: Store, target: Path) -> Path:
    """A consistent copy of the open database, through SQLite's backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(str(target))
    try:
        store.db.conn.backup(destination)
    finally:
        destination.close()
    return target


def open_store(path: str | os.PathLike[str], create: bool = False) -> Store:
    """Open a qdesk database, creating it if asked; an older schema is backed up, then upgraded."""
    path = Path(path)
    version = file_version(path)
    if version is None and not create:
        raise _refuse(path, "there is no qdesk database here: make one with `qdesk init` or "
                            "`qdesk demo`",
                      "此处没有qdesk数据库，请先用 qdesk init 或 qdesk demo 创建")
    if version is None and not path.parent.is_dir():
        raise _refuse(path, "the folder {folder} does not exist", "文件夹“{folder}”不存在",
                      folder=str(path.parent))
    try:
        db = _connect(path)
    except sqlite3.Error as exc:
        raise _refuse(path, "cannot open the database: {error}", "无法打开数据库：{error}",
                      error=str(exc)) from None
    store = Store(path, db)
    version = version or 0
    if version < SCHEMA_VERSION:
        if version > 0:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_to(store, path.with_name(f"{path.stem}.v{version}-{stamp}{path.suffix}.bak"))
        _migrate(store, version)
    return store


def _migrate(store: Store, version: int) -> None:
    with store.transaction() as db:
        for migration in MIGRATIONS[version:]:
            migration(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
