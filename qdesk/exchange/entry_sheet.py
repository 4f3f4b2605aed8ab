"""Entry sheets coming back from subordinate units: CSV or xlsx rows, checked whole, written together.

Columns: 单位代码, 指标代码, 报告期, 分子, 分母, 数值, 备注 (or unit, indicator, period, numerator,
denominator, value, note), and optionally 无此项 (not_applicable). CSV in UTF-8 (with or without
BOM) or GB18030, found without asking. A row whose figures are all blank is 未填报 and skipped; 无此项
is written in a figure's cell, in the 无此项 column, or in the 备注. One bad row refuses the whole
import; the message lists every bad row (up to MAX_PROBLEMS) with its row number, column and reason.
"""

from __future__ import annotations

import csv
import json
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Sequence

from qdesk.core.errors import InputError, Problem, QdeskError
from qdesk.core.entries import NONE_WORDS, is_none_word
from qdesk.core.i18n import Msg, msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.exchange.workbook import first_sheet
from qdesk.files import decode_text, table_rows
from qdesk.store.entries import CheckedEntry, EntryRules
from qdesk.store.units import Unit, not_on_roll

MAX_PROBLEMS = 50
COLUMNS = {
    "单位代码": "unit", "unit": "unit", "unit_code": "unit",
    "指标代码": "indicator", "indicator": "indicator", "indicator_code": "indicator",
    "报告期": "period", "period": "period",
    "分子": "numerator", "numerator": "numerator",
    "分母": "denominator", "denominator": "denominator",
    "数值": "value", "value": "value",
    "备注": "note", "note": "note",
    NOT_APPLICABLE_TEXT: "none", "not_applicable": "none",
}
REQUIRED = ("unit", "indicator", "period", "numerator", "denominator", "value")
LABELS = {"unit": "单位代码", "indicator": "指标代码", "period": "报告期", "numerator": "分子",
          "denominator": "分母", "value": "数值", "note": "备注", "none": NOT_APPLICABLE_TEXT}
FIGURES = ("numerator", "denominator", "value")
# What a 无此项 column's cell says: yes (a ticked box, the word itself) or no.
_NONE_YES = frozenset({NOT_APPLICABLE_TEXT, "是", "√", "✓", "1", "y", "yes"})
_NONE_NO = frozenset({"否", "0", "n", "no"})
# A note that opens with 无此项 and one of these says 无此项; what follows is the note.
_NOTE_SEPARATORS = "：:，,；; "
# The words that, before a separator, open a note saying 无此项, longest first (无 alone is
# no such opening).
_NOTE_OPENINGS = tuple(sorted(NONE_WORDS - {"无"}, key=len, reverse=True))


class SheetRow(NamedTuple):
    """One row of figures: its file, its line there, its cells by column name."""

    source: str
    line: int
    fields: dict[str, str]


def _header(cells: list[Any], source: str) -> dict[int, str]:
    columns = {}
    for index, cell in enumerate(cells):
        text = str(cell or "").strip()
        name = COLUMNS.get(text) or COLUMNS.get(text.lower())
        if name:
            columns[index] = name
    missing = [LABELS[c] for c in REQUIRED if c not in columns.values()]
    if missing:
        raise InputError(Problem(msg("missing column(s): {columns}", "缺少列：{columns}",
                                     columns="、".join(missing)), source, 1))
    return columns


def _csv_rows(path: Path) -> Iterator[SheetRow]:
    source = str(path)
    text = decode_text(path.read_bytes(), source)
    reader = table_rows(text)
    try:
        columns = _header(next(reader, []), source)
        names, pick, width = list(columns.values()), itemgetter(*columns), max(columns) + 1
        for line, cells in enumerate(reader, start=2):
            if "".join(cells).strip():
                cells += [""] * (width - len(cells))       # a cell the row lacks reads empty
                yield SheetRow(source, line, dict(zip(names, map(str.strip, pick(cells)))))
    except csv.Error as exc:        # a field longer than the csv module reads, for one
        raise InputError(Problem(msg("not a readable CSV sheet ({error})",
                                     "不是可读取的CSV表格（{error}）", error=str(exc)),
                                 source, reader.line_num)) from None


def _xlsx_rows(path: Path) -> Iterator[SheetRow]:
    from openpyxl import load_workbook

    source = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(Problem(msg("this is not an xlsx workbook", "该文件不是xlsx工作簿"),
                                 source)) from None
    try:
        if not book.worksheets:
            raise InputError(Problem(msg("this is not an xlsx workbook", "该文件不是xlsx工作簿"),
                                     source))
        layout = _layout(book, source)
        rows = _readable(first_sheet(book, source).iter_rows(), source)
        if layout is not None:
            rows = iter(_check_layout(list(rows), layout, source))
        columns = _header([c.value for c in next(rows, [])], source)
        problems = []
        for line, cells in enumerate(rows, start=2):
            fields = {}
            for index, name in columns.items():
                cell = cells[index] if index < len(cells) else None
                value = None if cell is None else cell.value
                if cell is not None and cell.data_type in ("f", "e"):
                    problems.append(Problem(msg(
                        "a formula or error value ({value}) where a figure goes",
                        "此处应填写数据，而不是公式或错误值（{value}）", value=str(value)),
                        source, line, LABELS[name]))
                fields[name] = "" if value is None else _cell_text(value)
            if any(fields.values()):
                yield SheetRow(source, line, fields)
        if problems:
            raise InputError(*problems[:MAX_PROBLEMS])
    finally:
        book.close()


def _readable(rows: Iterator[Any], source: str) -> Iterator[Any]:
    """A sheet's rows as openpyxl reads them, a damaged part of the workbook refused."""
    try:
        yield from rows
    except Exception:  # openpyxl raises many kinds for broken XML or zip data, as when loading
        raise InputError(Problem(msg("the workbook is damaged and cannot be read",
                                     "工作簿已损坏，无法读取"), source)) from None


def _layout(book: Any, source: str) -> dict[str, Any] | None:
    """The layout a blank sheet was made with (blank_sheet.py), if the workbook is one.

    A layout cell that does not hold one (emptied, or edited in the unhidden sheet) counts as
    none, as a deleted layout sheet does: the sheet is then read as any other.
    """
    from qdesk.exchange.blank_sheet import LAYOUT_SHEET

    if LAYOUT_SHEET not in book.sheetnames:
        return None
    first = next(_readable(book[LAYOUT_SHEET].iter_rows(max_row=1, values_only=True), source),
                 (None,))
    text = first[0] if first else None
    if not isinstance(text, str):
        return None
    try:
        layout = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not (isinstance(layout, dict) and isinstance(layout.get("header"), list)
            and isinstance(layout.get("rows"), list)
            and all(isinstance(row, list) for row in layout["rows"])):
        return None
    return layout


def _check_layout(rows: list[Any], layout: dict[str, Any], source: str) -> list[Any]:
    """A blank sheet must come back as it was sent: the same columns, the same rows in order."""
    from openpyxl.utils import get_column_letter

    problems = []

    def wrong(line: int, column: int, want: Any, got: Any) -> None:
        problems.append(Problem(msg(
            "cell {cell}: the sheet was changed here ({want!r} expected, {got!r} found): fill "
            "in the sheet as it was sent", "单元格{cell}：表格结构被改动（应为“{want}”，实为“{got}”），"
            "请在下发的表格原样上填写", cell=f"{get_column_letter(column)}{line}",
            want=str(want), got="" if got is None else str(got)), source, line))

    header = [c.value for c in rows[0]] if rows else []
    for column, want in enumerate(layout["header"], start=1):
        got = header[column - 1] if column <= len(header) else None
        if got != want:
            wrong(1, column, want, got)
    data = [r for r in rows[1:] if any(c.value not in (None, "") for c in r)]
    for line, (expected, row) in enumerate(zip(layout["rows"], data), start=2):
        for column, want in enumerate(expected, start=1):
            got = row[column - 1].value if column <= len(row) else None
            if (None if got is None else _cell_text(got)) != want:
                wrong(line, column, want, got)
    if len(data) != len(layout["rows"]):
        problems.append(Problem(msg(
            "the sheet has {got} rows of figures, {want} were sent",
            "表中有{got}行数据，下发时为{want}行", got=len(data), want=len(layout["rows"])),
            source))
    if problems:
        raise InputError(*problems[:MAX_PROBLEMS])
    return rows


def _cell_text(value: Any) -> str:
    """A workbook's number back as the text a clerk typed: 12.0 stored for 12 reads as 12."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: str | Path) -> list[SheetRow]:
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(msg("no such file", "文件不存在"), str(path)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return list(_xlsx_rows(path))
    return list(_csv_rows(path))


def _none_asked(fields: dict[str, str], blank: bool) -> tuple[bool, str]:
    """Whether a row says 无此项 in its 无此项 column or its 备注, and the note left once it is read.

    In a 备注, 无此项 is the whole note or opens it before a separator (无此项：本季度无在建工程).
    A note of 无 alone says 无此项 only on a row without figures: beside figures a clerk writes it
    for "nothing to remark", and it stays the note.
    """
    marked = fields.get("none", "")
    if marked.lower() in _NONE_YES:
        column = True
    elif not marked or marked.lower() in _NONE_NO:
        column = False
    else:
        raise InputError(Problem(msg(
            "{text!r} in the 无此项 column: choose 无此项 or leave it empty",
            "无此项列中的“{text}”无法识别：请选择“无此项”或留空", text=marked), field="none"))
    note = fields.get("note", "")
    if not note:
        return column, note
    if is_none_word(note) and (blank or note != "无"):
        return True, ""
    for word in _NOTE_OPENINGS:
        rest = note.removeprefix(word)
        if rest != note and rest[:1] and rest[0] in _NOTE_SEPARATORS:
            return True, rest.lstrip(_NOTE_SEPARATORS)
    return column, note


def check_rows(plan: Plan, units: dict[str, Unit], rows: list[SheetRow],
               files: Sequence[str | Path] = ()) -> list[CheckedEntry]:
    """Every row against every rule; InputError listing every bad row, else the checked entries.

    `units` are the units on record, by code. A row with no figure and no 无此项 is 未填报: skipped,
    unless it holds a note, which would be lost. A file (of `files`, or of the rows) with no
    figure at all is refused as empty.
    """
    rules = EntryRules(plan)
    problems: list[Problem] = []
    checked: list[CheckedEntry] = []
    seen: dict[tuple[str, str, str], SheetRow] = {}
    years: dict[str, tuple[int, int]] = {}     # per file: the year of its first row, and where
    filled: set[str] = set()                  # the files with a row that is not blank

    def refuse(row: SheetRow, message: Msg, column: str | None = None) -> None:
        problems.append(Problem(message, row.source, row.line,
                                LABELS.get(column) if column else None))

    def refused(row: SheetRow, exc: QdeskError) -> None:
        for problem in exc.problems:
            problems.append(Problem(problem.message, row.source, row.line,
                                    LABELS.get(problem.field or "", problem.field)))

    for row in rows:
        f = row.fields
        unit = units.get(f["unit"])
        if unit is None:
            refuse(row, msg("unknown unit code {code!r}", "单位代码“{code}”不存在",
                            code=f["unit"]), "unit")
        try:
            period = Period.parse(f["period"])
        except QdeskError as exc:
            refuse(row, exc.problems[0].message, "period")
            continue
        if unit is not None and unit.retired_on is not None and (
                retired := not_on_roll(unit, period)):
            refuse(row, retired, "unit")
            continue
        first = years.get(row.source)
        if first is None:
            first = years[row.source] = (period.year, row.line)
        if period.year != first[0]:
            refuse(row, msg("{period} is of another year than row {line} ({year}): a sheet "
                            "holds one year's figures", "报告期{period}与第{line}行（{year}年）不在"
                            "同一年度，一份填报表只能填报一个年度的数据", period=str(period),
                            line=first[1], year=first[0]), "period")
            continue
        blank = not any(f[c] for c in FIGURES)
        try:
            none, note = _none_asked(f, blank)
        except QdeskError as exc:
            refused(row, exc)
            continue
        if blank and not none:
            if plan.indicator(f["indicator"]) is None:
                refuse(row, msg("unknown indicator code {code!r}", "指标代码“{code}”不存在",
                                code=f["indicator"]), "indicator")
            elif note:
                refuse(row, msg(
                    "a note without a figure: if there is nothing to count this period, write "
                    "无此项 (in the 无此项 column, or as the note); else enter the figure",
                    "只有备注而没有数据：本期无此项的，请填写“无此项”（在无此项列，或写在备注中）；"
                    "否则请填写数据"), "note")
            continue
        filled.add(row.source)
        key = (f["unit"], str(period), f["indicator"])
        if key in seen:
            earlier = seen[key]
            refuse(row, msg("the same unit, period and indicator as row {line} of {source}",
                            "与{source}第{line}行的单位、报告期和指标重复",
                            line=earlier.line, source=earlier.source), "indicator")
            continue
        seen[key] = row
        try:
            indicator, value = rules.check(period, f["indicator"], f["numerator"],
                                           f["denominator"], f["value"], note,
                                           unit is not None and unit.is_office, none)
        except QdeskError as exc:
            refused(row, exc)
            continue
        if unit is not None:
            checked.append(CheckedEntry(unit, period, indicator, value, note or None))
    for source in dict.fromkeys([*map(str, files), *(row.source for row in rows)]):
        if source not in filled:
            problems.append(Problem(msg(
                "the sheet holds no figures: every row is blank (where there is nothing to "
                "count this period, write 无此项)", "表中没有任何数据：各行均未填写（本期无此项的，"
                "请填写“无此项”）"), source))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Problem(msg("… and {n} more", "……另有{n}处", n=len(problems) -
                                     MAX_PROBLEMS)))
        raise InputError(*shown)
    return checked
