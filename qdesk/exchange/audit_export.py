"""The change history (audit trail) as an xlsx workbook: Chinese headers, values worded to read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable

from qdesk.files import check_folder, write_whole
from qdesk.store.audit import Recorded
from qdesk.views.change_history import (action_label, new_text, old_text, period_text,
                                        record_label, table_label)

HEADER = ["时间", "操作人", "数据表", "记录", "操作", "原值", "新值", "理由", "单位", "报告期"]
WIDTHS = [20, 16, 14, 26, 7, 44, 44, 36, 18, 16]
SHEET_TITLE = "变更记录"
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def _when(at: str) -> dt.datetime | str:
    """The wall-clock time the change was made, as Excel keeps times (without the offset)."""
    try:
        return dt.datetime.fromisoformat(at).replace(tzinfo=None)
    except ValueError:
        return at


def row_of(change: Recorded) -> list[Any]:
    """One change as the sheet shows it, in the columns of HEADER; None leaves a cell empty."""
    row = [_when(change.at), change.operator, table_label(change.table, "zh"),
           record_label(change, "zh"), action_label(change.action, "zh"), old_text(change, "zh"), new_text(change, "zh"),
           change.reason, change.unit_name or change.unit_code, period_text(change.period, "zh")]
    return [value if value != "" else None for value in row]


def export_audit_xlsx(changes: Iterable[Recorded], out: Path,
                      progress: Callable[[int], None] | None = None) -> Path:
    """Write the changes, in the order given, to one sheet; the file is written whole or not at all.

    `changes` may be a stream (store.audit.iter_changes): rows go to the file as they come.
    `progress(done)` is called every thousand rows; a worker may raise from it to stop.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    check_folder(Path(out).parent)
    # Write-only: a long trail streams to the file instead of being held cell by cell.
    book = Workbook(write_only=True)
    ws = book.create_sheet(SHEET_TITLE)
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    centred = Alignment(horizontal="center", vertical="center")
    header = []
    for name in HEADER:
        cell = WriteOnlyCell(ws, name)
        cell.font, cell.fill, cell.alignment = bold, fill, centred
        header.append(cell)
    ws.append(header)

    done = 0
    try:
        for done, change in enumerate(changes, start=1):
            cells = []
            for value in row_of(change):
                cell = WriteOnlyCell(ws, value)
                if isinstance(value, str):
                    # Stored as text whatever it starts with (=, +, -, @): never run as a formula.
                    cell.data_type = "s"
                elif isinstance(value, dt.datetime):
                    cell.number_format = TIME_FORMAT
                cells.append(cell)
            ws.append(cells)
            if progress is not None and done % 1000 == 0:
                progress(done)
    except BaseException:
        # Stopped midway (cancelled): end the sheet's stream now, not when it is collected.
        ws.close()
        raise
    # The filter buttons on the header; written after the rows, so known only now.
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{done + 1}"
    return write_whole(out, book.save)
