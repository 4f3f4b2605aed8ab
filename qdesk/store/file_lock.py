"""One writer per database file: an operating-system lock on the file itself, and a note beside
it that says who holds it.

The lock is keyed by the file, not by the path that names it, so a symbolic link, a hard link or
a second spelling of the path reaches the same lock (on Windows, hard links excepted). On POSIX
it is `flock` on a descriptor of the database file: flock locks belong to the open file
description and do not touch SQLite's fcntl byte-range locks. On Windows, where a file held open
cannot be replaced (a new database moved into place, a restore), it is `LockFileEx` on one byte
at 2**40 of the note beside the file the path resolves to: a symbolic link or a second spelling
still reaches it, a hard link does not. The system drops it when the holding process ends in any
way, SIGKILL and power loss included: a lock left by a crash is taken over simply because nobody
holds it.

The note `<file>.lock` (beside the file the path resolves to) names the holder (host, process,
user, program, since) for the refusal message; it is only a note. Reached through a hard link
in another folder, the refusal still refuses but may not find the note to name the holder.
Qt's QLockFile does the same for the GUI only; the store must stay Qt-free and the CLI's writers
must honour the same lock, so both use this one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import msg
from qdesk.store.watch import descriptors

if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.CreateFileW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD,
                                      ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD,
                                      wintypes.HANDLE]
    _kernel32.CreateFileW.restype = wintypes.HANDLE
    _kernel32.LockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD,
                                     wintypes.DWORD, wintypes.DWORD, ctypes.c_void_p]
    _kernel32.UnlockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD,
                                       wintypes.DWORD, ctypes.c_void_p]
    _GENERIC_READ, _SHARE_ALL, _OPEN_EXISTING, _CREATE_NEW = 0x80000000, 0x7, 3, 1
    _EXCLUSIVE, _FAIL_IMMEDIATELY = 0x2, 0x1
    _INVALID_HANDLE = wintypes.HANDLE(-1).value
else:
    import fcntl

# Windows: the locked byte, beyond the lock bytes SQLite uses at 2**30, so it never meets them.
_LOCK_OFFSET = 1 << 40


class DatabaseInUseError(DatabaseFileError):
    """Another qdesk holds the database: it names who, and this process opened nothing."""

    def __init__(self, path: Path, holder: dict[str, object]) -> None:
        self.holder = holder
        super().__init__(msg(
            "the database is open in another qdesk ({program}, process {pid} on {host}, user "
            "{user}, since {since}); close it there first, or work on that computer",
            "该数据库正由另一个qdesk使用（{program}，计算机{host}上的进程{pid}，用户{user}，"
            "自{since}起），请先在那里关闭，或到那台计算机上操作",
            program=holder.get("program") or "qdesk", pid=holder.get("pid") or "?",
            host=holder.get("host") or "?", user=holder.get("user") or "?",
            since=holder.get("since") or "?"), source=str(path))


def lock_path(database: Path) -> Path:
    """The note naming the holder: beside the file the path resolves to, links followed."""
    real = Path(os.path.realpath(database))
    return real.with_name(real.name + ".lock")


def _program() -> str:
    """`qdesk` and its command (`qdesk gui`, `qdesk import`), as the refusal names the holder;
    never a file's path, as in `qdesk.exe FILE.qdesk` or `qdesk.exe --import FILE.qdpkg`."""
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    return f"qdesk {first}" if re.fullmatch(r"[a-z]+", first) else "qdesk"


def _locked(database: Path) -> Path:
    """The file the lock is taken on: the database itself, or on Windows its note."""
    return lock_path(database) if sys.platform == "win32" else database


def _open(database: Path, create: bool) -> int:
    """A descriptor of the file locked for `database`, for locking only; made (empty) if
    `create`."""
    if sys.platform == "win32":
        handle = _kernel32.CreateFileW(str(_locked(database)), _GENERIC_READ, _SHARE_ALL, None,
                                       _CREATE_NEW if create else _OPEN_EXISTING, 0, None)
        if handle in (None, _INVALID_HANDLE):
            # WinError maps ERROR_FILE_EXISTS to FileExistsError, as os.open's O_EXCL raises.
            raise ctypes.WinError(ctypes.get_last_error())
        return msvcrt.open_osfhandle(handle, os.O_RDONLY)
    # Non-blocking, so a FIFO passed for a database cannot hang the open.
    flags = os.O_RDONLY | os.O_NONBLOCK | (os.O_CREAT | os.O_EXCL if create else 0)
    return os.open(database, flags, 0o644)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        overlapped = _Overlapped(Offset=_LOCK_OFFSET & 0xFFFFFFFF, OffsetHigh=_LOCK_OFFSET >> 32)
        return bool(_kernel32.LockFileEx(msvcrt.get_osfhandle(fd), _EXCLUSIVE | _FAIL_IMMEDIATELY,
                                         0, 1, 0, ctypes.byref(overlapped)))
    else:   # an else, so that mypy checking for Windows leaves fcntl unread
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        overlapped = _Overlapped(Offset=_LOCK_OFFSET & 0xFFFFFFFF, OffsetHigh=_LOCK_OFFSET >> 32)
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(overlapped))
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _key_of(path: Path) -> tuple[int, int] | None:
    """The file a path names, as (device, inode), links followed; None if there is none."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def _others_open(fd: int, key: tuple[int, int]) -> bool:
    """Whether another descriptor of this process (SQLite's) may be open on the same file.

    Closing any descriptor of a file drops all of this process's fcntl locks on it, SQLite's
    included, which corrupts its locking: a descriptor is closed only when none other is open.
    Where the process's descriptors cannot be listed (no /proc), assume one is. The watch's
    header descriptors (qdesk.store.watch) hold no locks, so they do not count: a failed open
    then leaves only the watch's descriptor on the file.
    """
    if sys.platform == "win32":
        return False    # Windows locks belong to the handle; closing ours leaves SQLite's alone
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return True
    ignored = {str(fd), *(str(kept) for kept in descriptors())}
    for name in names:
        if name in ignored:
            continue
        try:
            stat = os.stat(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) == key:
            return True
    return False


def _holder(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
        holder = json.loads(text[:4096])
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _unwritable(database: Path, error: OSError) -> DatabaseFileError:
    return DatabaseFileError(msg(
        "qdesk cannot write in the folder {folder} ({error}): it may be read-only. Copy the "
        "database to a folder you can write in, such as your documents, and open it there",
        "qdesk无法在文件夹“{folder}”中写入（{error}），该文件夹可能是只读的。请把数据库复制到"
        "可写的文件夹（如“文档”）后再打开", folder=str(database.parent),
        error=error.strerror or str(error)), source=str(database))


@dataclass
class _Held:
    fd: int
    note: Path
    count: int
    made: Path | None     # the path of a file made empty only to be locked


class FileLock:
    """This process's hold on one database file; a second hold in the same process (through any
    path to the same file) shares the first."""

    _held: dict[tuple[int, int], _Held] = {}
    # Descriptors not closed when released, because SQLite had the file open: reused next time.
    _kept: dict[tuple[int, int], int] = {}
    # Descriptors a race left over, never closed for the same reason (rare, and few).
    _spare: list[int] = []
    _guard = threading.Lock()

    def __init__(self, key: tuple[int, int]) -> None:
        self._key = key
        self._released = False

    @classmethod
    def acquire(cls, database: Path) -> FileLock:
        """Hold `database` for this process, or refuse naming who holds it (nothing is opened).

        A database that does not exist yet is made, empty, to be locked; it is removed again on
        release if still empty.
        """
        database = Path(os.path.abspath(database))
        with cls._guard:
            key = _key_of(_locked(database))
            if key is None or key not in cls._held:
                fd, key, made = cls._descriptor(database, key)
                if key not in cls._held:
                    if not _try_lock(fd):
                        cls._let_go(fd, key)
                        raise DatabaseInUseError(database, _holder(lock_path(database)))
                    note = lock_path(database)
                    # On Windows the file made is the note, which release removes anyway.
                    made_empty = database if made and _locked(database) == database else None
                    cls._held[key] = _Held(fd, note, 1, made_empty)
                    _write_note(note)
                    return cls(key)
                # Another path reached the same file between the look and the open: never close
                # a descriptor of a file SQLite may have open, so this one is set aside.
                cls._spare.append(fd)
            cls._held[key].count += 1
        return cls(key)

    @classmethod
    def _descriptor(cls, database: Path, key: tuple[int, int] | None
                    ) -> tuple[int, tuple[int, int], bool]:
        """A descriptor of the file (the one kept from before, if any), its key, and whether
        it was made now."""
        if key is not None and key in cls._kept:
            return cls._kept.pop(key), key, False
        made = False
        try:
            try:
                fd = _open(database, create=key is None)
                made = key is None
            except FileExistsError:
                fd = _open(database, create=False)
        except OSError as exc:
            raise _unwritable(database, exc) from None
        opened = os.fstat(fd)
        key = opened.st_dev, opened.st_ino
        if key in cls._kept:
            cls._spare.append(fd)
            return cls._kept.pop(key), key, made
        return fd, key, made

    @classmethod
    def _let_go(cls, fd: int, key: tuple[int, int]) -> None:
        if _others_open(fd, key):
            cls._kept[key] = fd
        else:
            os.close(fd)

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with self._guard:
            held = self._held.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count:
                return
            del self._held[self._key]
            # Removed while still held, so nobody takes the note for a live holder's.
            try:
                os.unlink(held.note)
            except OSError:
                pass  # Windows keeps a file another process has open; it is rewritten next time
            if held.made is not None:
                _remove_if_empty(held.made, self._key)
            _unlock(held.fd)
            self._let_go(held.fd, self._key)


def _write_note(note: Path) -> None:
    record = json.dumps({
        "program": _program(), "pid": os.getpid(), "host": socket.gethostname(),
        "user": os.environ.get("QDESK_OPERATOR") or _login(),
        "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")},
        ensure_ascii=False)
    try:
        note.write_text(record, encoding="utf-8")
    except OSError:
        pass  # the lock holds without its note; only the refusal message loses detail


def _remove_if_empty(path: Path, key: tuple[int, int]) -> None:
    """A file made only to be locked and never written: nothing to keep.

    Empty with a log beside it, it holds what is not yet checkpointed: it stays.
    """
    try:
        stat = os.stat(path)
        wal = Path(f"{path}-wal")
        if (stat.st_dev, stat.st_ino) == key and stat.st_size == 0 and \
                not (wal.exists() and wal.stat().st_size):
            os.unlink(path)
    except OSError:
        pass


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"
