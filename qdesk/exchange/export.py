"""A period's figures as files people open: an xlsx laid out for reading, or a CSV for Excel/WPS."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from qdesk.core.attainment import Assessment, Status
from qdesk.core.numbers import Rounding, round_to
from qdesk.core.periods import Period
from qdesk.files import check_folder, write_whole
from qdesk.store.database import Store
from qdesk.store.entries import entry_notes
from qdesk.store.plans import load_plan
from qdesk.store.status import statuses_of
from qdesk.store.units import home_unit, subordinates

UNIT_HEADER = ["序号", "类别", "指标代码", "指标", "计量单位", "目标", "分子", "分母", "数值",
               "状态", "备注"]
UNITS_HEADER = ["单位代码", "单位", "指标代码", "指标", "计量单位", "目标", "分子", "分母", "数值",
                "状态"]
# A cell a spreadsheet would run as a formula (CSV/formula injection) if it began with these.
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: list[list[Any]]
    decimals: Sequence[int | None]  # per row: the places of the 数值 column (None: no number)


def _value(a: Assessment, rounding: Rounding) -> Decimal | str | None:
    """The value as shown: rounded once to the indicator's places, as a number for the sheet;
    无此项 in words."""
    if a.status is Status.NOT_APPLICABLE:
        return a.shown
    if a.measure is None:
        return None
    return round_to(a.measure.value, a.indicator.decimals, rounding)


def _status(a: Assessment) -> str:
    return a.status.label_zh if a.figure.due else "本期不填报"


def sheets(store: Store, period: Period, today: dt.date | None = None) -> list[Sheet]:
    """The office's own figures, then its subordinate units' (if any), for one period."""
    plan = load_plan(store)
    home = home_unit(store)
    below = subordinates(store, home, period)
    statuses = statuses_of(store, plan, [home, *below], period, today)
    notes = entry_notes(store, home, period)
    rows, places = [], []
    for number, a in enumerate(statuses[home.id], start=1):
        m, ind = a.measure, a.indicator
        rows.append([number, ind.category, ind.code, ind.name, ind.unit,
                     a.target.label(ind.unit) if a.target else "",
                     m.numerator if m else None, m.denominator if m else None,
                     _value(a, plan.rounding), _status(a), notes.get(ind.code)])
        places.append(ind.decimals)
    result = [Sheet(_safe_title(f"{home.name}{period}"), UNIT_HEADER, rows, places)]
    if below:
        rows, places = [], []
        for unit in below:
            for a in statuses[unit.id]:
                m, ind = a.measure, a.indicator
                rows.append([unit.code, unit.name, ind.code, ind.name, ind.unit,
                             a.target.label(ind.unit) if a.target else "",
                             m.numerator if m else None, m.denominator if m else None,
                             _value(a, plan.rounding), _status(a)])
                places.append(ind.decimals)
        result.append(Sheet("下级单位", UNITS_HEADER, rows, places))
    return result


def _safe_title(text: str) -> str:
    """A sheet name Excel accepts: 31 characters, none of []:*?/\\."""
    return "".join(c for c in text if c not in "[]:*?/\\")[:31]


def _text(value: Any) -> Any:
    """Text that would start a formula is kept as text (CSV: with a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(store: Store, period: Period, out: Path) -> Path:
    """The office's own sheet as CSV in UTF-8 with a BOM, which Excel/WPS on Chinese Windows read."""
    sheet = sheets(store, period)[0]

    def write(path: str) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(sheet.header)
            for row in sheet.rows:
                writer.writerow(["" if v is None else _text(v) for v in row])

    return write_whole(out, write)


def export_xlsx(store: Store, period: Period, out: Path) -> Path:
    """A workbook for people: Chinese headers, a frozen header row, numbers with their places."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    check_folder(Path(out).parent)
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in sheets(store, period):
        ws = book.create_sheet(sheet.title)
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        value_column = sheet.header.index("数值") + 1
        for row, places in zip(sheet.rows, sheet.decimals):
            ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    # Stored as text whatever it starts with: never run as a formula.
                    cell.data_type = "s"
            number = ws.cell(ws.max_row, value_column)
            if isinstance(number.value, float) and places is not None:
                number.number_format = "0" if places == 0 else "0." + "0" * places
        ws.freeze_panes = "A2"
        for index, name in enumerate(sheet.header, start=1):
            longest = max([len(str(name))] + [len(str(r[index - 1] or "")) for r in sheet.rows])
            ws.column_dimensions[get_column_letter(index)].width = min(48, 4 + longest * 2)
    return write_whole(out, book.save)
