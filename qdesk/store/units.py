"""Units (单位): the office's own county and the townships, zones and member units under it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from qdesk.core.codes import check_credit_code, check_division_code, division_level
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.store.database import Store, insert_row

LEVELS = ("province", "prefecture", "county", "township", "zone", "department")
_UNIT_CODE = re.compile(r"[0-9A-Za-z_-]{1,32}")


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    division_code: str | None = None
    credit_code: str | None = None


def _unit(row: dict[str, Any]) -> Unit:
    return Unit(row["id"], row["code"], row["name"], row["level"], row["parent_id"],
                row["division_code"], row["credit_code"])


def add_home_unit(store: Store, division_code: str, name: str) -> Unit:
    """The office's own unit, keyed by its 6-digit division code."""
    code = check_division_code(division_code)
    if not name.strip():
        raise InputError(msg("the unit name is empty", "单位名称为空"))
    with store.transaction() as db:
        row_id = insert_row(db, "units", {"code": code, "name": name.strip(),
                                          "level": division_level(code), "division_code": code,
                                          "position": 0})
        db.table("settings").upsert({"key": "home_unit", "value": code}, pk="key")
    return unit_by_id(store, row_id)


def add_subordinate(store: Store, code: str, name: str, level: str,
                    credit_code: str | None = None) -> Unit:
    """A township, development zone or member unit under the home unit."""
    if not _UNIT_CODE.fullmatch(code or ""):
        raise InputError(msg("unit code {code!r} may hold only letters, digits, _ and - (32 at most)",
                             "单位代码“{code}”只能由字母、数字、_ 和 - 组成，最长32位", code=code))
    if level not in LEVELS:
        raise InputError(msg("unknown unit level {level!r}", "未知的单位层级“{level}”", level=level))
    if credit_code is not None:
        credit_code = check_credit_code(credit_code)
    home = home_unit(store)
    position = store.execute("SELECT count(*) FROM units").fetchone()[0]
    with store.transaction() as db:
        row_id = insert_row(db, "units", {"code": code, "name": name, "level": level,
                                          "parent_id": home.id, "credit_code": credit_code,
                                          "position": position})
    return unit_by_id(store, row_id)


def unit_by_id(store: Store, unit_id: int) -> Unit:
    return _unit(store.db.table("units").get(unit_id))


def home_unit(store: Store) -> Unit:
    row = next(store.query(
        "SELECT u.* FROM units u JOIN settings s ON s.key = 'home_unit' AND s.value = u.code"),
        None)
    if row is None:
        raise InputError(msg("the database has no unit of its own", "数据库中没有本级单位"))
    return _unit(row)


def find_unit(store: Store, code: str | None) -> Unit:
    """A unit by code; the home unit when no code is given; InputError naming an unknown code."""
    if code is None:
        return home_unit(store)
    row = next(store.query("SELECT * FROM units WHERE code = ?", [code]), None)
    if row is None:
        raise InputError(msg("unknown unit code {code!r}", "单位代码“{code}”不存在", code=code))
    return _unit(row)


def units_by_code(store: Store) -> dict[str, Unit]:
    """Every unit on record, by code."""
    return {row["code"]: _unit(row) for row in store.query("SELECT * FROM units")}


def subordinates(store: Store, parent: Unit) -> list[Unit]:
    return [_unit(r) for r in store.query(
        "SELECT * FROM units WHERE parent_id = ? ORDER BY position, id", [parent.id])]
