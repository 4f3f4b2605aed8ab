"""Watching the database file: its header read without dropping SQLite's locks, and changes by others.

On POSIX, closing any descriptor of a file drops every fcntl lock the process holds on it,
SQLite's included. A header read by open-read-close therefore made another process (a SQLite
browser holding the file) believe it was the last one there, and it deleted the write-ahead log
from under the workbench, which then read garbage. So each file gets one read-only descriptor
per process, kept open for the life of the process, and every header read goes through it.

The same per-file record remembers the file as qdesk last left it (size, time, header): a file
copied over the open database by another program no longer matches, and the next write is
refused instead of mixing the write-ahead log of the old file into the new one.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import msg

HEADER_SIZE = 100


class FileChangedError(DatabaseFileError):
    """Another program changed the open database file: nothing was saved, it must be reopened."""

    def __init__(self, path: Path) -> None:
        super().__init__(msg(
            "the database file was changed by another program while qdesk had it open (copied "
            "over or restored from elsewhere): nothing was saved. Reopen the file to work on "
            "what it now holds",
            "数据库文件在qdesk打开期间已被其他程序更改（被覆盖或从别处恢复），本次修改未保存。"
            "请重新打开该文件，再在其现有内容上操作"), source=str(path))


Listener = Callable[[Path], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Callable[[], None]:
    """Call `listener(path)`, from whatever thread found it, whenever a write is refused because
    another program changed the file (the workbench offers to reopen it); returns the way to stop."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)
    return stop


def refuse_changed(path: Path) -> FileChangedError:
    """The refusal of a write to a file another program changed, once every listener is told."""
    for listener in list(_listeners):
        listener(path)
    return FileChangedError(path)


@dataclass(frozen=True)
class Fingerprint:
    """What changes whenever anyone writes the file: its size, its time, its SQLite header.

    Not the inode's change time: a rename or a new hard link changes that, not the content.
    """

    size: int
    mtime_ns: int
    header: bytes


@dataclass
class _Watch:
    """This process's hold on one file (keyed by device and inode): never closed, see above."""

    fd: int


_watches: dict[tuple[int, int], _Watch] = {}
# A descriptor that lost the race in _watch is never closed either, for the same reason.
_kept: list[int] = []
_guard = threading.RLock()  # noting a file reads its header, which takes it again


def _watch(path: Path) -> _Watch:
    stat = os.stat(path)
    key = (stat.st_dev, stat.st_ino)
    with _guard:
        watch = _watches.get(key)
        if watch is None:
            fd = os.open(path, os.O_RDONLY)
            opened = os.fstat(fd)
            # Replaced between the stat and the open: keep the descriptor under what it opened.
            watch = _watches.setdefault((opened.st_dev, opened.st_ino), _Watch(fd))
            if watch.fd != fd:
                _kept.append(fd)
        return watch


def descriptors() -> set[int]:
    """The descriptors kept for header reads: they hold no lock, so closing another descriptor
    of the same file drops nothing of theirs."""
    with _guard:
        return {watch.fd for watch in _watches.values()} | set(_kept)


def read_header(path: Path) -> bytes:
    """The file's first 100 bytes (fewer if it is shorter), read without disturbing SQLite's locks."""
    if sys.platform == "win32":
        # Windows locks belong to a handle, so closing ours drops nothing; and a handle kept
        # open would stop the file from being replaced or deleted.
        with open(path, "rb") as handle:
            return handle.read(HEADER_SIZE)
    return os.pread(_watch(path).fd, HEADER_SIZE, 0)


def fingerprint(path: Path) -> Fingerprint | None:
    """The file as it is now, or None if it is gone."""
    try:
        stat = os.stat(path)
        header = read_header(path)
    except OSError:
        return None
    return Fingerprint(stat.st_size, stat.st_mtime_ns, header)


def _key(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


@dataclass
class _Record:
    stores: int = 0
    left: Fingerprint | None = None


# Keyed like the descriptors, but kept on every platform.
_records: dict[tuple[int, int], _Record] = {}


def opened(path: Path) -> tuple[int, int]:
    """A store of this process opened the file; the first one notes it as it is now.

    Every store of the file in this process shares one note, so a write by a worker's own
    connection is not taken for another program's. Returns the key to pass back.
    """
    key = _key(path)
    with _guard:
        record = _records.setdefault(key, _Record())
        record.stores += 1
        if record.left is None:
            record.left = fingerprint(path)
    return key


def left_as(key: tuple[int, int], path: Path) -> None:
    """This process has just written the file itself: note it as it is now."""
    with _guard:
        record = _records.get(key)
        if record is not None:
            record.left = fingerprint(path)


def changed(key: tuple[int, int], path: Path) -> bool:
    """Whether someone else wrote the file since this process last left it."""
    with _guard:
        record = _records.get(key)
        left = record.left if record is not None else None
    return left is not None and fingerprint(path) != left


def closed(key: tuple[int, int]) -> None:
    """A store of this process closed the file; with the last one, the note goes."""
    with _guard:
        record = _records.get(key)
        if record is None:
            return
        record.stores -= 1
        if record.stores <= 0:
            del _records[key]
