"""The refusal of an .xlsx file that openpyxl cannot read, worded once for every reader."""

from __future__ import annotations

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg


def unreadable_workbook(exc: Exception, source: str) -> InputError:
    """openpyxl raises many kinds for a file that is not a workbook or a damaged one (broken XML:
    ParseError, TypeError; broken zip data: zlib.error; no sheet: IndexError): one message."""
    return InputError(Problem(msg("not a readable .xlsx workbook ({error})",
                                  "不是可读取的.xlsx工作簿（{error}）",
                                  error=getattr(exc, "strerror", None) or str(exc)
                                  or type(exc).__name__), source))
