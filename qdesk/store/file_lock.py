"""One process per database file: a lock file beside it that says who holds it.

The lock is an operating-system lock on `<database>.lock` (flock on Linux, a byte-range lock on
Windows), which the system drops when the holding process ends in any way, SIGKILL and power
loss included: a lock left by a crash is taken over simply because nobody holds it any more.
The file's text names the holder (host, process, user, program, since) for the refusal message.
Qt's QLockFile does the same for the GUI only; the store must stay Qt-free and the CLI's writers
must honour the same lock, so both use this one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import msg

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

# On Windows the byte-range lock sits far past the text, so others can still read who holds it.
_LOCK_OFFSET = 1 << 20


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
    return database.with_name(database.name + ".lock")


def _program() -> str:
    argv = [a for a in sys.argv[1:3] if not a.startswith("-")]
    return " ".join(["qdesk", *argv[:1]])


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


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
    path: Path
    count: int


class FileLock:
    """This process's hold on one database; a second hold in the same process shares the first."""

    _held: dict[Path, _Held] = {}
    _guard = threading.Lock()

    def __init__(self, key: Path) -> None:
        self._key = key
        self._released = False

    @classmethod
    def acquire(cls, database: Path) -> FileLock:
        """Hold `database` for this process, or refuse naming who holds it (nothing is opened)."""
        key = Path(os.path.abspath(database))
        with cls._guard:
            held = cls._held.get(key)
            if held is not None:
                held.count += 1
                return cls(key)
            fd = cls._lock(key)
            cls._held[key] = _Held(fd, lock_path(key), 1)
        return cls(key)

    @staticmethod
    def _lock(database: Path) -> int:
        path = lock_path(database)
        for _ in range(5):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise _unwritable(database, exc) from None
            if not _try_lock(fd):
                os.close(fd)
                raise DatabaseInUseError(database, _holder(path))
            # The holder before us may have removed the file between our open and our lock:
            # then we hold a lock on a file nobody else will see, and must try again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:
                same = False
            if same:
                break
            _unlock(fd)
            os.close(fd)
        else:
            raise DatabaseInUseError(database, _holder(path))
        record = json.dumps({
            "program": _program(), "pid": os.getpid(), "host": socket.gethostname(),
            "user": os.environ.get("QDESK_OPERATOR") or _login(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")},
            ensure_ascii=False).encode("utf-8")
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, record)
        except OSError:
            pass  # the lock holds without its text; only the refusal message loses detail
        return fd

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
            # Removed while still held, so nobody can take a lock on a file about to vanish.
            try:
                os.unlink(held.path)
            except OSError:
                pass  # Windows keeps a file another process has open; it is reused next time
            _unlock(held.fd)
            os.close(held.fd)


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"
