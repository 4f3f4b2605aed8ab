"""A list of units as an office has it (.xlsx, .csv, or a table pasted from Word or Excel), read whole or refused.

Columns are found by their header words (单位代码, 单位名称, 层级, 统一社会信用代码); a list
without a header gives the code, then the name, then (optionally) the level and credit code. A
row without a level takes the one its name ends with (…镇, …街道, …开发区), else the default
level, else, for a 6-digit division code, the one the code shows. Every bad row is named with
its row number and column, and then nothing of the list is taken (DESIGN.md §12).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qdesk.core.codes import PROVINCES, division_level
from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.units import Level, NewUnit, new_unit, parse_level
from qdesk.exchange.workbook import first_sheet
from qdesk.files import decode_text, read_text, table_rows
from qdesk.store.database import Store
from qdesk.store.units import UnitsImported, import_units

COLUMNS = {"code": "单位代码", "name": "单位名称", "level": "层级", "credit_code": "统一社会信用代码"}
# Header words a list may use for each column, beside the names above.
_HEADER_WORDS = {
    "code": ("单位代码", "代码", "编码", "统计代码", "区划代码", "行政区划代码", "code"),
    "name": ("单位名称", "名称", "单位", "name"),
    "level": ("层级", "级别", "类型", "单位类型", "level"),
    "credit_code": ("统一社会信用代码", "信用代码", "credit_code", "credit code"),
}
# Name endings that say a unit's level where no column or default does.
_NAME_ENDINGS = (("开发区", Level.ZONE), ("园区", Level.ZONE), ("街道", Level.TOWNSHIP),
                 ("镇", Level.TOWNSHIP), ("乡", Level.TOWNSHIP))
_CELLS = re.compile(r"[ \u3000]+")
MAX_PROBLEMS = 50

Row = tuple[int, list[str]]      # a row number as the clerk sees it, and its cells


def read_unit_list(path: Path, default_level: str | Level | None = None) -> list[NewUnit]:
    """The units a file lists: an .xlsx workbook's first sheet, a .csv file, or any other as
    text pasted from a Word or Excel table."""
    path = Path(path)
    return units_of_rows(file_rows(path), default_level, str(path))


def file_rows(path: Path) -> list[Row]:
    """The rows of a unit list file as they stand, unchecked: an .xlsx workbook's first sheet,
    a .csv file, or any other as pasted text."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    return text_rows(read_text(path))


def text_rows(text: str) -> list[Row]:
    """The rows of a table pasted as text: cells split by tabs, or else by runs of spaces."""
    rows = []
    for line, body in enumerate(text.splitlines(), start=1):
        cells = body.split("\t") if "\t" in body else _CELLS.split(body.strip())
        rows.append((line, [c.strip() for c in cells]))
    return rows


def parse_unit_text(text: str, default_level: str | Level | None = None,
                    source: str | None = None) -> list[NewUnit]:
    """The units of a table pasted as text (text_rows), every row checked."""
    return units_of_rows(text_rows(text), default_level, source)


def units_of_rows(rows: Sequence[Row], default_level: str | Level | None = None,
                  source: str | None = None) -> list[NewUnit]:
    """Rows of cells as units, every row checked; InputError naming every bad row."""
    listed = listed_units(rows, default_level, source)
    problems = [p for row in listed for p in row.problems]
    if problems:
        raise _refusal(problems)
    return [row.unit for row in listed if row.unit is not None]


@dataclass(frozen=True)
class ListedUnit:
    """One row of a unit list: its cells by field (code, name, level, credit_code) as written,
    and the unit they make, or the problems that make none (each naming its column)."""

    line: int
    cells: dict[str, str]
    unit: NewUnit | None
    problems: tuple[Problem, ...]


def listed_units(rows: Sequence[Row], default_level: str | Level | None = None,
                 source: str | None = None, *, header: bool = True) -> list[ListedUnit]:
    """Each row of a list checked on its own, bad ones kept with their problems (a preview
    shows them to correct). Without `header`, the rows give the fields in the order of
    COLUMNS and no row is taken for a header. InputError for a list with no units, or a header
    without the code or name column."""
    rows = [(line, cells) for line, cells in rows if "".join(cells).strip()]
    if not rows:
        raise InputError(Problem(msg("the list holds no units", "名单中没有任何单位"), source))
    default = None
    if default_level is not None:
        default = (default_level if isinstance(default_level, Level)
                   else parse_level(default_level))
    columns = _header(rows[0][1]) if header else None
    if columns is None:
        columns = {name: index for index, name in enumerate(COLUMNS)}
    else:
        missing = [COLUMNS[c] for c in ("code", "name") if c not in columns]
        if missing:
            raise InputError(Problem(msg("the list has no column {columns}",
                                         "名单缺少“{columns}”列", columns="、".join(missing)),
                                     source, rows[0][0]))
        rows = rows[1:]
    return [_listed(line, {name: _cell(cells, columns.get(name)) for name in COLUMNS},
                    default, source) for line, cells in rows]


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _listed(line: int, fields: dict[str, str], default: Level | None,
            source: str | None) -> ListedUnit:
    level: str | Level | None = (fields["level"] or _named_level(fields["name"])
                                 or default or _coded_level(fields["code"]))
    if level is None:
        return ListedUnit(line, fields, None, (Problem(msg(
            "no level: give one in the level column, or a default level",
            "未给出层级：请在“层级”列填写，或指定默认层级"), source, line, COLUMNS["level"]),))
    try:
        unit = new_unit(fields["code"], fields["name"], level, fields["credit_code"] or None,
                        line)
    except InputError as exc:
        return ListedUnit(line, fields, None, tuple(
            Problem(p.message, source, line, COLUMNS.get(p.field or "", p.field))
            for p in exc.problems))
    return ListedUnit(line, fields, unit, ())


def import_unit_list(store: Store, units: Sequence[NewUnit], *, source: str | None = None,
                     dry_run: bool = False) -> UnitsImported:
    """store.units.import_units for a list read here: its refusals name the list's columns."""
    try:
        return import_units(store, units, source=source, dry_run=dry_run)
    except InputError as exc:
        raise in_columns(exc) from None


def check_listed(store: Store, listed: Sequence[ListedUnit],
                 source: str | None = None) -> list[ListedUnit]:
    """The rows with what is wrong with the list as a whole added to theirs (a code or name
    listed twice, or registered already: import_units in a dry run); a row it refuses makes
    no unit. Changes nothing."""
    try:
        import_units(store, [row.unit for row in listed if row.unit is not None], source=source,
                     dry_run=True)
    except InputError as exc:
        refused: dict[int | None, list[Problem]] = {}
        for p in exc.problems:
            refused.setdefault(p.line, []).append(
                Problem(p.message, p.source, p.line, COLUMNS.get(p.field or "", p.field)))
        return [ListedUnit(row.line, row.cells, None, row.problems + tuple(refused[row.line]))
                if row.line in refused else row for row in listed]
    return list(listed)


def in_columns(error: InputError) -> InputError:
    """A refusal of store.units whose fields (code, name …) are named as a list's columns."""
    return _refusal([Problem(p.message, p.source, p.line, COLUMNS.get(p.field or "", p.field))
                     for p in error.problems])


def _refusal(problems: list[Problem]) -> InputError:
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(Problem(msg("… and {n} more", "……另有{n}处", n=len(problems) - MAX_PROBLEMS)))
    return InputError(*shown)


def _header(cells: list[str]) -> dict[str, int] | None:
    """The columns a header row names, or None when the row is not a header."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        word = cell.strip().lower()
        for name, words in _HEADER_WORDS.items():
            if word in words and name not in found:
                found[name] = index
    return found or None


def _named_level(name: str) -> Level | None:
    return next((level for ending, level in _NAME_ENDINGS if name.strip().endswith(ending)), None)


def _coded_level(code: str) -> Level | None:
    code = code.strip()
    if len(code) == 6 and code.isascii() and code.isdigit() and code[:2] in PROVINCES:
        return Level(division_level(code))
    return None


def _text(value: Any) -> str:
    """A cell as the clerk typed it: Excel keeps 211122100 as a number, 211122100.0 at times."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(path: Path) -> list[Row]:
    text = decode_text(path.read_bytes(), str(path))
    try:
        return [(line, [c.strip() for c in cells])
                for line, cells in enumerate(table_rows(text), start=1)]
    except csv.Error as exc:
        raise InputError(Problem(msg("not a readable CSV file ({error})",
                                     "不是可读取的CSV文件（{error}）", error=str(exc)),
                                 str(path))) from None


def _xlsx_rows(path: Path) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(Problem(msg("this is not an xlsx workbook", "该文件不是xlsx工作簿"),
                                 str(path))) from None
    try:
        if not book.worksheets:
            raise InputError(Problem(msg("this is not an xlsx workbook", "该文件不是xlsx工作簿"),
                                     str(path)))
        return [(line, [_text(v) for v in values]) for line, values in
                enumerate(first_sheet(book, str(path)).iter_rows(values_only=True), start=1)]
    finally:
        book.close()
