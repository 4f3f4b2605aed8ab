"""Opening a qdesk file: refusing what is not one (or is from a newer qdesk) untouched, upgrading older ones."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sqlite3
import stat
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qdesk.core.errors import DamagedDatabaseError, DatabaseFileError
from qdesk.core.i18n import Msg, msg
from qdesk.store.backups import read_only_uri, take_backup
from qdesk.store.file_lock import FileLock
from qdesk.store.network import on_network_share
from qdesk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from qdesk.store.watch import changed, closed, left_as, opened, read_header, refuse_changed

if TYPE_CHECKING:
    from sqlite_utils import Database

_SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's own checkpoints run inside a commit, where a change by another program could not be
# told from ours; qdesk checkpoints itself, between transactions, once the log is this long.
CHECKPOINT_AT = 4 << 20


def now() -> str:
    """The current local time with its offset, to the second (ISO 8601), as every record keeps it."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def insert_row(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row into a table keyed by `id INTEGER PRIMARY KEY`; the new row's id."""
    row_id = db.table(table).insert(row).last_rowid
    # sqlite-utils leaves it None only after a bulk insert or an ignored duplicate, never here.
    assert row_id is not None, f"inserting into {table} gave no row id"
    return row_id


class Store:
    """An open qdesk database: its connection, sqlite-utils over it for writing, who works on it.

    Reads go straight to the connection (`query`, `execute`); sqlite-utils, whose import costs
    a tenth of a second, is loaded when something first writes.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: FileLock | None = None,
                 warnings: list[Msg] | None = None, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.closed = False
        self.read_only = read_only
        self.lock = lock
        self.warnings: list[Msg] = warnings or []
        self._identity = _identity(path)
        self._wal = conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        self._watch = opened(path)

    @property
    def operator(self) -> str:
        """The name the audit trail records: the settings' operator, else the login name."""
        row = self.execute("SELECT value FROM settings WHERE key = 'operator'").fetchone()
        if row and row[0]:
            return row[0]
        return os.environ.get("QDESK_OPERATOR") or getpass.getuser()

    @cached_property
    def db(self) -> Database:
        from sqlite_utils import Database

        return Database(self.conn)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
              ) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT as dicts keyed by column name."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One transaction for a multi-row change; nested uses become savepoints.

        Refuses to write to a file that has been moved or deleted since it was opened (the
        change would vanish with the process), or that another program has changed in place
        (`watch.FileChangedError`: the write-ahead log would be laid over someone else's file), and
        turns a full disk, a read-only file or a vanished drive into a message: SQLite has
        rolled the transaction back, nothing changed.
        """
        if self.read_only:
            raise ReadOnlyDatabaseError(self.path)
        outer = not self.conn.in_transaction
        if outer and _identity(self.path) != self._identity:
            raise _refuse(self.path, "the database file has been moved, renamed or deleted since "
                                     "qdesk opened it: nothing was saved. Close qdesk and open the "
                                     "file where it is now",
                          "数据库文件在qdesk打开后被移动、改名或删除，本次修改未保存。"
                          "请关闭qdesk，再从文件现在的位置打开")
        if outer and changed(self._watch, self.path):
            raise refuse_changed(self.path)
        try:
            with self.db.atomic() as db:
                yield db
        except sqlite3.Error as exc:
            # Garbage read from a file changed under the log says "malformed": say why.
            if changed(self._watch, self.path):
                raise refuse_changed(self.path) from exc
            explained = explain(self.path, exc)
            if explained is None:
                raise
            raise explained from exc
        if outer:
            self._written()

    def _written(self) -> None:
        """After a commit: checkpoint a long log, and note the file as this process left it."""
        if not self._wal:
            left_as(self._watch, self.path)
            return
        try:
            size = os.stat(f"{self.path}-wal").st_size
        except OSError:
            return
        if size <= CHECKPOINT_AT or changed(self._watch, self.path):
            return
        # PASSIVE: a reader in another program (a SQLite browser) is never waited for; what
        # it still needs is copied at a later commit.
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        left_as(self._watch, self.path)

    def close(self) -> None:
        """Close the connection; a file changed in place by another program is left as they made it.

        SQLite's last connection copies its log into the file on closing; into a file copied
        over ours that would lay our pages over theirs. So the log is emptied first (the
        checkpoint then finds nothing to copy) and removed with its index after.
        """
        if self.closed:
            return
        # Only the writer's log is ours to empty: under a reader the file changes as another
        # qdesk writes it, and that writer's log holds its latest work.
        overwritten = (self.lock is not None and _identity(self.path) == self._identity
                       and changed(self._watch, self.path))
        log = Path(f"{self.path}-wal")
        if overwritten and self._wal:
            try:
                os.truncate(log, 0)
            except OSError:
                pass  # no log: nothing of ours to keep out of their file
        self.conn.close()
        closed(self._watch)
        if overwritten and self._wal:
            for stale in (log, Path(f"{self.path}-shm")):
                try:
                    stale.unlink(missing_ok=True)
                except OSError:
                    pass  # another program has it open (Windows); SQLite rebuilds the index
        self.closed = True
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ReadOnlyDatabaseError(DatabaseFileError):
    """A write to a database opened for reading only, because its file or folder is read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__(msg(
            "the database can only be read here (the file or its folder is read-only): nothing "
            "was saved. Copy the database to a folder you can write in and open it there",
            "该数据库在此处只能读取（文件或其所在文件夹是只读的），本次修改未保存。"
            "请把数据库复制到可写的文件夹后再打开"), source=str(path))


def writable(path: Path) -> bool:
    """Whether qdesk may write the database: the file, and its folder, which takes SQLite's
    log files beside it."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def explain(path: Path, error: sqlite3.Error) -> DatabaseFileError | None:
    """What a clerk should be told about a failed write, or None for an error that is a bug."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL" or "disk is full" in str(error):
        return _refuse(path, "the disk is full: nothing was saved. Free some space (empty the "
                             "recycle bin, move old files away) and do it again",
                       "磁盘已满，本次修改未保存。请清理磁盘空间（清空回收站、移走旧文件）后重做")
    if name.startswith("SQLITE_READONLY"):
        return _refuse(path, "the database file or its folder is read-only: nothing was saved. "
                             "Copy the database to a folder you can write in and open it there",
                       "数据库文件或其所在文件夹是只读的，本次修改未保存。"
                       "请把数据库复制到可写的文件夹后再打开")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return _refuse(path, "the database could not be written ({error}): the drive may have "
                             "been removed or the file moved. Nothing was saved; check the file "
                             "and open it again",
                       "数据库无法写入（{error}），可能是磁盘被拔出或文件被移动。本次修改未保存，"
                       "请检查文件后重新打开", error=str(error))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DamagedDatabaseError(msg(
            "the database file is damaged ({error}): run `qdesk check`, and restore the newest "
            "good backup (`qdesk restore --newest`)",
            "数据库文件已损坏（{error}），请运行 qdesk check 检查，并恢复最近的完好备份"
            "（qdesk restore --newest）", error=str(error)), source=str(path))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return _refuse(path, "another program is writing to the database: nothing was saved; "
                             "try again in a moment",
                       "另一个程序正在写入该数据库，本次修改未保存，请稍后再试")
    return None


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
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        # Reading a pipe would wait for a writer forever; a device is no database either.
        raise _refuse(path, "this is not a regular file (a pipe or a device), not a database file",
                      "这不是普通文件（是管道或设备），不是数据库文件")
    if not path.exists() or path.stat().st_size == 0:
        return None
    header = read_header(path)
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


def _connect(path: Path, journal: str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        # A log that was long once is cut back when it restarts, so its size tells what it holds.
        conn.execute(f"PRAGMA journal_size_limit = {CHECKPOINT_AT}")
    except BaseException:
        # Left open, it keeps the file open: Windows will then not let a restore replace it.
        conn.close()
        raise
    return conn


def open_store(path: str | os.PathLike[str], create: bool = False,
               exclusive: bool = True) -> Store:
    """Open a qdesk database, creating it if asked; an older schema is backed up, then upgraded.

    `exclusive` (for anything that writes) holds the file for this process: another qdesk that
    holds it is named in the refusal, and nothing is opened. Readers share the file, except
    while upgrading it.
    """
    path = Path(path)
    version = file_version(path)
    if version is None and not create:
        raise _refuse(path, "there is no qdesk database here: make one with `qdesk init` or "
                            "`qdesk demo`",
                      "此处没有qdesk数据库，请先用 qdesk init 或 qdesk demo 创建")
    if version is None and not path.parent.is_dir():
        raise _refuse(path, "the folder {folder} does not exist", "文件夹“{folder}”不存在",
                      folder=str(path.parent))
    if version is not None and not writable(path):
        return _open_read_only(path, version)
    version = version or 0
    lock = FileLock.acquire(path) if exclusive or version < SCHEMA_VERSION else None
    try:
        # The lock was waited for: the file may have changed meanwhile.
        version = file_version(path) or 0
        if 0 < version < SCHEMA_VERSION:
            take_backup(path, "upgrade")
        warnings = []
        journal = "WAL"
        if on_network_share(path):
            journal = "DELETE"
            warnings.append(msg(
                "the database is on a network share: qdesk works on it without SQLite's "
                "write-ahead log, which shares cannot carry, and more slowly. Keep the database "
                "on this computer's own disk if you can",
                "数据库位于网络共享文件夹：SQLite的预写日志（WAL）不能在共享文件夹上使用，"
                "qdesk改用普通日志方式，速度较慢。建议把数据库放在本机磁盘上"))
        try:
            conn = _connect(path, journal)
        except sqlite3.Error as exc:
            raise explain(path, exc) or _refuse(
                path, "cannot open the database: {error}", "无法打开数据库：{error}",
                error=str(exc)) from None
        try:
            store = Store(path, conn, lock if exclusive else None, warnings)
        except BaseException:
            conn.close()
            raise
        if version < SCHEMA_VERSION:
            try:
                _migrate(store, version)
            except BaseException:
                store.close()
                raise
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None and not exclusive:
        lock.release()
    return store


def _open_read_only(path: Path, version: int) -> Store:
    """A database that can be read but not written, opened for reading: no lock (this process
    cannot write it), no upgrade, no start backup; writes are refused by Store.transaction."""
    if version < SCHEMA_VERSION:
        raise _refuse(path, "this database is from an older qdesk and must be upgraded before it "
                            "is opened, but it is read-only here. Copy it to a folder you can "
                            "write in and open it there",
                      "该数据库由旧版qdesk写入，需升级后才能打开，但它在此处是只读的。"
                      "请把它复制到可写的文件夹后再打开")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=10, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise _refuse(path, "cannot open the database for reading: {error}",
                      "无法以只读方式打开数据库：{error}", error=str(exc)) from None
    return Store(path, conn, None, [msg(
        "the database is read-only here (the file or its folder): it is opened for reading, "
        "and nothing can be saved in it",
        "该数据库在此处是只读的（文件或其所在文件夹），已以只读方式打开，不能保存修改")],
        read_only=True)


def _migrate(store: Store, version: int) -> None:
    with store.transaction() as db:
        for migration in MIGRATIONS[version:]:
            migration(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
