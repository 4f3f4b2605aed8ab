"""Files as a clerk's PC has them: written whole or not at all, text in UTF-8, GB18030 or UTF-16."""

from __future__ import annotations

import csv
import errno
import functools
import io
import os
import secrets
import shutil
import sqlite3
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg

if TYPE_CHECKING:
    from _csv import Reader


def check_folder(folder: Path) -> Path:
    """The folder a file goes in must exist: a clear refusal, never a half-made path."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(msg("the folder {folder} does not exist", "文件夹“{folder}”不存在",
                             folder=str(folder)))
    return folder


def check_new_file(out: Path, force: bool = False) -> Path:
    """A file about to be written: refused where one exists (unless `force`), and always where
    the path is something other than a regular file (a folder, a link, a device, a pipe)."""
    out = Path(out)
    if _check_replaceable(out) and not force:
        raise InputError(msg("{path} already exists: choose another file, or add --force to "
                             "replace it", "文件“{path}”已存在：请换一个文件名，或加 --force 覆盖",
                             path=str(out)))
    return out


def check_out_file(out: Path, name: str, force: bool = False) -> Path:
    """Where `--out` puts a file conventionally called `name`: in `out` if it is a folder, else
    `out` itself, whose folder must exist; refused as `check_new_file` refuses.

    What is there is seen without following it (lstat): replacing a link or a device node
    (/dev/null) would replace the node, not write a file.
    """
    out = Path(out)
    target = out / name if out.is_dir() else out
    check_folder(target.parent)
    return check_new_file(target, force)


def _check_replaceable(path: Path) -> bool:
    """Whether a regular file is at `path` (False: nothing is); anything else there is refused."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise unwritable(path, exc) from None
    if stat.S_ISDIR(mode):
        raise InputError(msg("{path} is a folder, not a file: name the file to write",
                             "“{path}”是文件夹，不是文件：请给出要写的文件名",
                             path=str(path)))
    if not stat.S_ISREG(mode):
        raise InputError(msg("{path} exists and is not a regular file (a link, a device or a "
                             "pipe): nothing was written; choose another file",
                             "“{path}”已存在且不是普通文件（链接、设备或管道），未写入任何内容，"
                             "请换一个文件名", path=str(path)))
    return True


def temporary_beside(out: Path) -> Path:
    """A name for the file being written beside `out`: hidden, and never one that exists.

    Only a name: the caller creates the file, so a kill between the two leaves nothing.
    """
    out = Path(out)
    while True:
        temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
        if not os.path.lexists(temporary):
            return temporary


def sync_file(path: Path) -> None:
    """The file's bytes on the disk, not in the cache: a power cut after this keeps them."""
    # Windows flushes only a handle open for writing.
    handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def copy_file(source: Path, target: Path) -> None:
    """`source` copied to `target` with its times, as shutil.copy2 does. Not copy2 itself: on
    Windows, from Python 3.12, it calls CopyFile2, which Wine lacks, and the frozen program (which
    the Windows leg runs under Wine) cannot be patched from outside as a venv can."""
    shutil.copyfile(source, target)
    shutil.copystat(source, target)


def sync_folder(folder: Path) -> None:
    """A rename in `folder` on the disk. POSIX needs the folder synced; Windows cannot open a
    folder for it and NTFS logs the rename itself."""
    if sys.platform == "win32":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def unwritable(path: Path, exc: OSError | sqlite3.Error) -> InputError:
    """The refusal for a file that could not be written; a full disk said as such."""
    if is_disk_full(exc):
        return disk_full(path)
    return InputError(msg("cannot write {path}: {error}", "无法写入“{path}”：{error}", path=str(path),
                          error=getattr(exc, "strerror", None) or str(exc)))


def write_whole(out: Path, write: Callable[[str], None]) -> Path:
    """Write through a temporary file beside `out` and move it in place: whole, or not at all.

    A link, device or pipe at `out` is refused: moving the file in would replace it."""
    out = Path(out)
    check_folder(out.parent)
    _check_replaceable(out)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part",
                                             dir=out.parent)
    except OSError as exc:
        raise InputError(msg("cannot write in {folder}: {error}",
                             "无法在“{folder}”中写入文件：{error}", folder=str(out.parent),
                             error=exc.strerror or str(exc))) from None
    os.close(handle)
    try:
        write(temporary)
        give_normal_mode(temporary, out)
        os.replace(temporary, out)
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, sqlite3.Error) and not is_disk_full(exc):
            raise
        raise unwritable(out, exc) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return out


def write_text_whole(out: Path, text: str) -> Path:
    """`text` as a UTF-8 text file, written whole (write_whole), with the platform's line ends:
    CRLF on Windows, as Notepad writes. A text that came from a Windows file carries CRLF already
    (a template read as bytes, stored and exported again), so its line ends are made one kind
    first; else each "\r\n" would be written "\r\r\n", a blank line after every line."""
    plain = text.replace("\r\n", "\n")

    def write(temporary: str) -> None:
        Path(temporary).write_text(plain, encoding="utf-8")

    return write_whole(out, write)


def decode_text(raw: bytes, source: str) -> str:
    """Text as Excel, WPS or Notepad on Chinese Windows save it: UTF-8 (BOM or not), GB18030,
    or UTF-16 with its BOM (Excel's "Unicode text")."""
    encodings = ("utf-16",) if raw.startswith(UTF16_BOMS) else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Problem(msg("the file is neither UTF-8, GB18030 nor UTF-16 text",
                                 "文件既不是UTF-8、GB18030也不是UTF-16编码的文本"), source))


def read_text(path: Path) -> str:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(msg("cannot read the file: {error}", "无法读取文件：{error}",
                                     error=exc.strerror or str(exc)), str(path))) from None
    return decode_text(raw, str(path))


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def table_rows(text: str) -> Reader:
    """The rows of a CSV file, its cells split by commas or, as Excel's "Unicode text" saves
    them, by tabs: a first line with more tabs than commas is read as tab-separated.

    Raises csv.Error as the csv module does, for the caller to word with its source.
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)   # a lone "\r" ends a line


# What Windows says for a full disk, as winerror: ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL.
_WINDOWS_DISK_FULL = (39, 112)


def is_disk_full(error: BaseException) -> bool:
    """Whether a failed write failed for want of space (or of the user's quota), from the
    operating system or from SQLite."""
    if isinstance(error, sqlite3.Error):
        return (getattr(error, "sqlite_errorname", "") == "SQLITE_FULL"
                or "database or disk is full" in str(error))
    if not isinstance(error, OSError):
        return False
    return (error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
            or getattr(error, "winerror", None) in _WINDOWS_DISK_FULL)


def disk_full(path: Path | str) -> InputError:
    """The refusal of a file that did not fit on its disk: nothing of it was left behind."""
    return InputError(msg("the disk is full: {path} was not written. Free some space (empty the "
                          "recycle bin, move old files away) and do it again",
                          "磁盘已满，未能写入“{path}”。请清理磁盘空间（清空回收站、移走旧文件）后重做",
                          path=str(path)))


@functools.cache
def _umask() -> int:
    # The umask can only be read by setting it; read once, so that threads writing files later
    # never see it changed for that instant.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def give_normal_mode(temporary: str | Path, out: Path) -> None:
    """A file written through mkstemp (mode 0600) gets the mode a plainly created file would:
    the one it replaces keeps its own, a new one 0666 less the umask. Windows has no such modes."""
    if os.name != "posix":
        return
    try:
        mode = os.stat(out).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(temporary, mode)
