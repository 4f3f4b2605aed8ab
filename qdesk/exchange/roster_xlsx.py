"""Reading a leading group's roster from a workbook: one row per person under a header row."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.roster import Role, normalize_name, role_from_label
from qdesk.core.roster_text import (ListedMember, ParsedRoster, assemble_members, group_name_of,
                                    is_person_name)
from qdesk.exchange.workbook import first_sheet, unreadable_workbook

# Header words, spaces removed and lower-cased, and the field each names.
COLUMNS = {
    "职务类别": "role", "类别": "role", "role": "role",
    "姓名": "name", "name": "name",
    "职务": "post", "post": "post",
    "单位": "unit", "unit": "unit",
    "电话": "phone", "联系电话": "phone", "phone": "phone",
}
_REQUIRED = ("role", "name")
_HEADER_SEARCH_ROWS = 10
_CONCURRENT = re.compile(r"[(（]\s*兼\s*[)）]")
_TITLE_PREFIX = re.compile(r"^附\s*件\s*[0-9]*\s*[:：]?\s*")


def _text(value: Any) -> str:
    """A cell as text; a phone number Excel stored as a number keeps its digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header(row: tuple[Any, ...]) -> dict[str, int] | None:
    """The column of each field if this row is the header row, else None."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        field = COLUMNS.get(normalize_name(_text(cell)).lower())
        if field and field not in found:
            found[field] = index
    return found if all(f in found for f in _REQUIRED) else None


def read_roster_xlsx(path: str | Path) -> ParsedRoster:
    """The first sheet of a workbook as a roster, or InputError naming every unreadable row.

    Columns, in any order under a header row: 职务类别, 姓名 (required), 职务, 单位, 电话 (or role,
    name, post, unit, phone). A single text cell above the header is taken as the title.
    """
    from openpyxl import load_workbook

    source = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = [tuple(row) for row in first_sheet(book, source).iter_rows(values_only=True)]
        finally:
            book.close()
    except InputError:
        raise
    except Exception as exc:
        raise unreadable_workbook(exc, source) from None

    title: str | None = None
    header: dict[str, int] | None = None
    header_row = 0
    for number, row in enumerate(rows[:_HEADER_SEARCH_ROWS], start=1):
        header = _header(row)
        if header is not None:
            header_row = number
            break
        filled = [_text(c) for c in row if _text(c)]
        if len(filled) == 1 and title is None:
            title = _TITLE_PREFIX.sub("", filled[0]) or None
    if header is None:
        raise InputError(Problem(msg(
            "no header row with the columns 职务类别 and 姓名 (role, name) in the first {n} rows",
            "前{n}行中没有含“职务类别”和“姓名”列的表头行", n=_HEADER_SEARCH_ROWS), source))
    labels = {field: _text(rows[header_row - 1][index]) for field, index in header.items()}

    problems: list[Problem] = []
    listed: list[ListedMember] = []
    for number, row in enumerate(rows[header_row:], start=header_row + 1):
        cells = {field: _text(row[index]) if index < len(row) else ""
                 for field, index in header.items()}
        if not any(cells.values()):
            continue
        role_text, name_text = cells["role"], cells["name"]
        concurrent = bool(_CONCURRENT.search(role_text) or _CONCURRENT.search(name_text))
        role = role_from_label(_CONCURRENT.sub("", role_text))
        name = normalize_name(_CONCURRENT.sub("", name_text))
        bad = False
        if role is None:
            problems.append(Problem(msg(
                "{value!r} is not a role (组长, 副组长, 成员, 办公室主任)",
                "“{value}”不是职务类别（组长、副组长、成员、办公室主任）", value=role_text),
                source, number, labels["role"]))
            bad = True
        elif concurrent and role is not Role.OFFICE_DIRECTOR:
            problems.append(Problem(msg(
                "(兼) marks only an office director who holds another role",
                "（兼）只用于兼任其他职务的办公室主任"), source, number, labels["role"]))
            bad = True
        if not is_person_name(name):
            problems.append(Problem(msg(
                "{value!r} is not a name (2–4 Chinese characters)",
                "“{value}”不是姓名（2至4个汉字）", value=name_text), source, number,
                labels["name"]))
            bad = True
        if bad:
            continue
        assert role is not None
        listed.append(ListedMember(role=role, name=name, post=normalize_name(cells.get("post", "")),
                                   line=number, unit=normalize_name(cells.get("unit", "")),
                                   phone=cells.get("phone", ""), concurrent=concurrent))
    if problems:
        raise InputError(*problems)
    if not listed:
        raise InputError(Problem(msg("the sheet lists no members", "表中没有成员"), source))
    members = assemble_members(listed, source, what=("row", "行"))
    return ParsedRoster(title=title, group_name=group_name_of(title) if title else None,
                        office_seat=None, members=members)
