"""A roster file as a clerk has it: text pasted from a Word document (.txt), or a workbook (.xlsx)."""

from __future__ import annotations

from pathlib import Path

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.roster_text import ParsedRoster, parse_roster_text


def read_text(path: Path) -> str:
    """Text as Notepad or WPS on Chinese Windows saves it: UTF-8 (with or without BOM) or GB18030."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(msg("cannot read the file: {error}", "无法读取文件：{error}",
                                     error=exc.strerror or str(exc)), str(path))) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Problem(msg("the file is neither UTF-8 nor GB18030 text",
                                 "文件既不是UTF-8也不是GB18030编码的文本"), str(path)))


def read_roster_file(path: str | Path) -> ParsedRoster:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from qdesk.exchange.roster_xlsx import read_roster_xlsx

        return read_roster_xlsx(path)
    return parse_roster_text(read_text(path), str(path))
