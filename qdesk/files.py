"""Files as a clerk's PC has them: written whole or not at all, text in UTF-8 or GB18030."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg


def check_folder(folder: Path) -> Path:
    """The folder a file goes in must exist: a clear refusal, never a half-made path."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(msg("the folder {folder} does not exist", "文件夹“{folder}”不存在",
                             folder=str(folder)))
    return folder


def check_new_file(out: Path, force: bool = False) -> Path:
    """A file about to be written: refused where one exists (unless `force`), and always where
    the path is something other than a file (a folder, a device)."""
    out = Path(out)
    if out.exists() and not out.is_file():
        raise InputError(msg("{path} exists and is not a file", "“{path}”已存在且不是文件",
                             path=str(out)))
    if out.exists() and not force:
        raise InputError(msg("{path} already exists: choose another file, or add --force to "
                             "replace it", "文件“{path}”已存在：请换一个文件名，或加 --force 覆盖",
                             path=str(out)))
    return out


def write_whole(out: Path, write: Callable[[str], None]) -> Path:
    """Write through a temporary file beside `out` and move it in place: whole, or not at all."""
    out = Path(out)
    check_folder(out.parent)
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
        os.replace(temporary, out)
    except OSError as exc:
        raise InputError(msg("cannot write {path}: {error}", "无法写入“{path}”：{error}",
                             path=str(out), error=exc.strerror or str(exc))) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return out


def decode_text(raw: bytes, source: str) -> str:
    """Text as Excel, WPS or Notepad on Chinese Windows save it: UTF-8 (BOM or not) or GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Problem(msg("the file is neither UTF-8 nor GB18030 text",
                                 "文件既不是UTF-8也不是GB18030编码的文本"), source))


def read_text(path: Path) -> str:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(msg("cannot read the file: {error}", "无法读取文件：{error}",
                                     error=exc.strerror or str(exc)), str(path))) from None
    return decode_text(raw, str(path))
