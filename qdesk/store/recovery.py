"""Backups as a clerk uses them: the start-of-day backup, the list, and restoring one."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import msg
from qdesk.files import copy_file
from qdesk.store import backups
from qdesk.store.audit import Change, record_many, sequence
from qdesk.store.backups import (FOLDER_SETTING, Backup, connect_read_only, copy_database,
                                 file_sequence, folder_setting, holding, list_backups,
                                 resolve_folder, take_backup)
from qdesk.store.check import check_database
from qdesk.store.database import Store, file_version, open_store
from qdesk.store.file_lock import FileLock
from qdesk.store.settings import get_setting


def backup_folder(database: Path) -> Path:
    """The database's backup folder, from its settings when they can be read."""
    setting = ""
    with suppress(sqlite3.Error):
        conn = connect_read_only(database)
        try:
            setting = folder_setting(conn)
        finally:
            conn.close()
    return resolve_folder(database, setting)


def backups_of(database: Path) -> list[Backup]:
    """Every backup of the database in its backup folder, newest content first."""
    return list_backups(database, backup_folder(database))


def backup_now(store: Store, reason: str) -> Backup:
    """A backup of an open database, before a change that matters (import, submission) or on request."""
    return take_backup(store.path, reason, get_setting(store, FOLDER_SETTING))


def start_backup(database: Path, setting: str) -> Backup | None:
    """Opening takes a backup unless one already holds what the database holds.

    Judged by content, not by the date: a clock stuck at the same day after a CMOS reset would
    otherwise leave every later day's work without a start backup. Path-based, on a connection
    of its own, so the workbench can run it in a worker; `setting` is the backup-folder setting
    as the caller read it.
    """
    if holding(database, resolve_folder(database, setting)) is not None:
        return None
    return take_backup(database, "start", setting)


def newest_good_backup(database: Path) -> Backup | None:
    """The backup holding the newest content that SQLite's quick check passes."""
    for backup in backups_of(database):
        try:
            if check_database(backup.path, quick=True).ok:
                return backup
        except DatabaseFileError:
            continue
    return None


def _wal_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def restore_backup(database: Path, backup: Path) -> Path:
    """Put a backup in the database's place, first keeping the current file as a backup.

    Nothing in this process may have the database open. The backup must be a sound qdesk file
    no newer than this qdesk; an older one is upgraded here. A database reached through a
    symbolic link is replaced where the link points, the link left as it is. The restore is
    recorded in the restored file's trail under a sequence past every backup's, so that the
    backups taken from now on sort after the one kept here. Returns where the replaced file
    was kept.
    """
    database, backup = Path(os.path.realpath(database)), Path(backup)
    if not backup.is_file():
        raise DatabaseFileError(msg("there is no backup file here", "此处没有备份文件"),
                                source=str(backup))
    if not check_database(backup, quick=True).ok:
        raise DatabaseFileError(msg(
            "this backup is damaged and cannot be restored; choose an older one",
            "该备份已损坏，无法恢复，请选择更早的备份"), source=str(backup))
    file_version(backup)    # refuses one written by a newer qdesk, before anything changes
    folder = backup_folder(database)
    existed = database.exists()     # before the lock, which makes an absent file to lock it
    lock = FileLock.acquire(database)
    try:
        kept = _keep_current(database, folder) if existed else None
        temporary = database.with_name(f".{database.name}.{os.getpid()}.restore")
        try:
            copy_database(backup, temporary)
            # The current file's log belongs to it alone: left beside the restored file, SQLite
            # would replay it into the backup.
            for leftover in _wal_files(database):
                leftover.unlink(missing_ok=True)
            os.replace(temporary, database)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseFileError(msg(
                "the backup could not be restored ({error}); the database is as it was",
                "备份未能恢复（{error}），数据库保持原样",
                error=getattr(exc, "strerror", None) or str(exc)), source=str(database)) from None
        finally:
            temporary.unlink(missing_ok=True)
        _record_restore(database, backup, kept, folder)
    finally:
        lock.release()
    return kept or database


def _record_restore(database: Path, backup: Path, kept: Path | None, folder: Path) -> None:
    past = max([b.sequence for b in list_backups(database, folder)]
               + [file_sequence(kept) if kept else 0])
    with open_store(database) as store, store.transaction():
        # The row's id is the sequence backups are ordered by: past the replaced file's later
        # work, which the backups already hold, so that the next backup sorts after them all.
        first_id = max(past, sequence(store.conn)) + 1
        record_many(store, [Change("backups", backup.name, "update", None,
                                   {"restored": backup.name, "kept": kept.name if kept else None},
                                   reason="restore")], first_id=first_id)


def _keep_current(database: Path, folder: Path) -> Path:
    """The file about to be replaced, kept: as a backup if SQLite can read it, else copied as is."""
    try:
        return take_backup(database, "restore").path
    except DatabaseFileError:
        pass
    stamp = backups.clock().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{database.stem}-{stamp}-damaged{database.suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy_file(database, kept)
        for extra in _wal_files(database):
            if extra.exists():
                copy_file(extra, Path(f"{kept}{extra.name[len(database.name):]}"))
    except OSError as exc:
        raise DatabaseFileError(msg(
            "the current database could not be kept before restoring ({error}); nothing was "
            "restored", "恢复前未能保留当前数据库（{error}），未做恢复",
            error=exc.strerror or str(exc)), source=str(database)) from None
    return kept
