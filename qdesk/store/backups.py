"""Backups: consistent copies of the database by SQLite's backup API, kept in rotation.

A backup is a plain qdesk file named `<database stem>-<YYYYMMDD-HHMMSS-mmm>-<reason>-s<sequence>
<suffix>` in the backup folder (the setting `backup_folder`, else `<stem>-backups` beside the
database). The sequence is the audit trail's last id when it was taken: backups are ordered by it,
the content they hold, and the clock in their names only breaks ties, because a clock set back or
ahead must never rotate recent work away. The newest 20 by content are kept, and the newest of
each of the 12 months (as named) that hold the newest content.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import Msg, msg
from qdesk.store.audit_chain import sequence

FOLDER_SETTING = "backup_folder"
KEEP_NEWEST = 20
KEEP_MONTHS = 12
_STAMP = "%Y%m%d-%H%M%S"
# The sequence of a backup named without one whose file cannot be read: older than any other.
UNREADABLE = -1


def clock() -> dt.datetime:
    """The time backups are named with; the one place backups read the clock (tests set it)."""
    return dt.datetime.now()


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str
    sequence: int = UNREADABLE

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def order(self) -> tuple[int, dt.datetime]:
        """Sort key, newest content last: the trail's sequence, the name's time only for a tie."""
        return self.sequence, self.taken_at


def file_sequence(path: Path) -> int:
    """The trail's last id read from a database file, UNREADABLE when it cannot be read."""
    try:
        conn = connect_read_only(path)
    except sqlite3.Error:
        return UNREADABLE
    try:
        return sequence(conn)
    except sqlite3.Error:
        return UNREADABLE
    finally:
        conn.close()


def default_folder(database: Path) -> Path:
    return Path(database).parent / f"{Path(database).stem}-backups"


def folder_setting(conn: sqlite3.Connection) -> str:
    """The folder set in the settings, or "" (also when the settings cannot be read)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [FOLDER_SETTING]).fetchone()
    except sqlite3.Error:
        return ""
    return (row[0] or "").strip() if row else ""


def resolve_folder(database: Path, setting: str) -> Path:
    """Where backups go: the set folder (relative to the database's own), else the default."""
    if not setting.strip():
        return default_folder(database)
    folder = Path(setting.strip()).expanduser()
    return folder if folder.is_absolute() else Path(database).parent / folder


def _pattern(database: Path) -> re.Pattern[str]:
    database = Path(database)
    return re.compile(rf"{re.escape(database.stem)}-(\d{{8}}-\d{{6}})-(\d{{3}})-([a-z]+)"
                      rf"(?:-s(\d+))?{re.escape(database.suffix)}")


def list_backups(database: Path, folder: Path) -> list[Backup]:
    """The backups of `database` in `folder`, newest content first.

    A backup named before names carried the sequence has it read from the file itself.
    """
    pattern, found = _pattern(database), []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match:
            taken = dt.datetime.strptime(match[1], _STAMP).replace(
                microsecond=int(match[2]) * 1000)
            path = Path(folder) / name
            found.append(Backup(path, taken, match[3],
                                int(match[4]) if match[4] else file_sequence(path)))
    return sorted(found, key=lambda b: b.order, reverse=True)


def kept(backups: list[Backup]) -> list[Backup]:
    """Which backups the rotation keeps, newest content first: the newest 20, and the newest of
    each of the 12 months (as named) whose newest backups hold the newest content.

    Today's date plays no part: under a clock set back to 2000 the new backups are still the
    newest, and under one run ahead to 2040 the real ones are still kept.
    """
    newest = sorted(backups, key=lambda b: b.order, reverse=True)
    keep = {b.path for b in newest[:KEEP_NEWEST]}
    months: set[tuple[int, int]] = set()
    for backup in newest:
        month = backup.taken_at.year, backup.taken_at.month
        if month not in months and len(months) < KEEP_MONTHS:
            months.add(month)
            keep.add(backup.path)
    return [b for b in newest if b.path in keep]


def _failed(error: Exception, folder: Path) -> DatabaseFileError:
    if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL" or \
            getattr(error, "errno", None) == errno.ENOSPC:
        return DatabaseFileError(msg(
            "no backup could be made: the disk holding {folder} is full. Free some space and "
            "try again; nothing was changed",
            "无法备份：“{folder}”所在的磁盘已满。请清理磁盘空间后重试，数据未做任何修改",
            folder=str(folder)))
    return DatabaseFileError(msg(
        "no backup could be made in {folder}: {error}. Nothing was changed; check the backup "
        "folder in the settings",
        "无法在“{folder}”中备份：{error}。数据未做任何修改，请检查设置中的备份文件夹",
        folder=str(folder), error=getattr(error, "strerror", None) or str(error)))


def read_only_uri(path: Path) -> str:
    """SQLite's URI for reading a file without changing it.

    In a folder that cannot be written, SQLite could not make the shared-memory file a reader
    of the write-ahead log needs: the file is then read as immutable, which needs none.
    """
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return uri if os.access(Path(path).parent, os.W_OK) else f"{uri}&immutable=1"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file: for copying, checking, reading a setting."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def copy_database(source: sqlite3.Connection | Path, target: Path) -> None:
    """A consistent, standalone copy (no -wal beside it) of a database, through the backup API."""
    connection = source if isinstance(source, sqlite3.Connection) else connect_read_only(source)
    destination = sqlite3.connect(str(target))
    try:
        connection.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
        if connection is not source:
            connection.close()


def size_text(count: int) -> str:
    """A file's size as the backup lists show it: 316 KB, 100.6 MB."""
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"


_REASON_LABELS = {
    "start": msg("start", "启动时"), "upgrade": msg("upgrade", "升级前"),
    "import": msg("import", "导入前"), "submission": msg("submission", "报送前"),
    "restore": msg("restore", "恢复前"), "manual": msg("manual", "手动"),
}


def reason_label(reason: str) -> Msg:
    """Why a backup was taken, as the list shows it."""
    return _REASON_LABELS[reason]


def take_backup(database: Path, reason: str, setting: str | None = None) -> Backup:
    """Copy the database, consistently, into the backup folder, then apply the rotation.

    The copy is made under a temporary name and moved in place, so an interrupted backup never
    leaves a half file that looks like a backup. `setting` is the backup-folder setting when the
    caller knows it; otherwise it is read from the database.
    """
    assert reason in _REASON_LABELS, reason
    database = Path(database)
    source = sqlite3.connect(str(database))
    try:
        folder = resolve_folder(database, folder_setting(source) if setting is None else setting)
        now = clock()
        try:
            holds = sequence(source)
        except sqlite3.Error as exc:
            raise _failed(exc, folder) from None
        name = (f"{database.stem}-{now.strftime(_STAMP)}-{now.microsecond // 1000:03d}-{reason}"
                f"-s{holds}{database.suffix}")
        target = folder / name
        partial = folder / f".{name}.partial"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            copy_database(source, partial)
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as exc:
            raise _failed(exc, folder) from None
        finally:
            if partial.exists():
                partial.unlink()
    finally:
        source.close()
    backup = Backup(target, now.replace(microsecond=now.microsecond // 1000 * 1000), reason, holds)
    rotate(database, folder)
    return backup


# A half-made backup older than this was left by a process that died while copying.
STALE_PARTIAL = dt.timedelta(hours=1)


def rotate(database: Path, folder: Path) -> list[Path]:
    """Remove the backups the rotation does not keep, and stale half-made ones; the paths removed.

    A half-made file is judged stale by its age on the file system's clock, which is the
    computer's own: a clock run ahead can only make a dead copier's leftovers go sooner.
    """
    backups = list_backups(database, folder)
    keep = {b.path for b in kept(backups)}
    doomed = [b.path for b in backups if b.path not in keep]
    stale = time.time() - STALE_PARTIAL.total_seconds()
    doomed += [p for p in Path(folder).glob(f".{glob.escape(Path(database).stem)}-*.partial")
               if _mtime(p) < stale]
    removed = []
    for path in doomed:
        try:
            path.unlink()
        except OSError:
            continue  # a file someone holds open stays until the next rotation
        removed.append(path)
    return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")


def holding(database: Path, folder: Path) -> Backup | None:
    """A backup that already holds what the database holds now, or None.

    Same content is judged by the same sequence and the same size in pages: every change qdesk
    makes goes to the trail, and a copy by the backup API is as many pages as its source, so an
    upgrade (more tables) or an edit outside qdesk that adds pages is not mistaken for no change.
    """
    conn = connect_read_only(database)
    try:
        holds = sequence(conn)
        pages, page_size = (conn.execute(f"PRAGMA {name}").fetchone()[0]
                            for name in ("page_count", "page_size"))
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    for backup in list_backups(database, folder):
        try:
            if backup.sequence == holds and backup.size == pages * page_size:
                return backup
        except OSError:
            continue
    return None
