"""What every .xlsx reader shares: the sheet it reads (never a hidden one), and the refusal of
a file openpyxl cannot read, each worded once."""

from __future__ import annotations

from typing import Any

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg


def unreadable_workbook(exc: Exception, source: str) -> InputError:
    """openpyxl raises many kinds for a file that is not a workbook or a damaged one (broken XML:
    ParseError, TypeError; broken zip data: zlib.error; no sheet: IndexError): one message."""
    return InputError(Problem(msg("not a readable .xlsx workbook ({error})",
                                  "不是可读取的.xlsx工作簿（{error}）",
                                  error=getattr(exc, "strerror", None) or str(exc)
                                  or type(exc).__name__), source))


def readable_sheet(sheet: Any, source: str) -> Any:
    """The sheet a reader takes its rows from, refused if hidden (or very hidden): Excel shows
    the clerk another sheet, and figures no one can see must not be imported as if they were
    the ones shown. Only the sheet read is refused: a hidden sheet beside it, such as the layout
    a blank sheet or a task sheet carries, is read by name as before."""
    if sheet.sheet_state != "visible":
        raise InputError(Problem(msg("the sheet “{sheet}” is hidden: unhide it in Excel or "
                                     "delete it", "工作表“{sheet}”已隐藏：请在Excel中取消隐藏，"
                                     "或将其删除", sheet=sheet.title), source))
    return sheet


def first_sheet(book: Any, source: str) -> Any:
    """The sheet every reader of a one-sheet workbook reads: the first, unless it is hidden."""
    return readable_sheet(book.worksheets[0], source)
