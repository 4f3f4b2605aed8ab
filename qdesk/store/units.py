"""Units (单位): the office's own unit and the ones under it; added, renamed, reordered, retired, never deleted.

Every write is audited and returns `Changes`. There is no deletion: a unit keeps its figures and
history for good, and one no longer due is retired with a date (DESIGN.md §12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qdesk.core.codes import check_division_code, division_level
from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import Msg, msg
from qdesk.core.periods import Period
from qdesk.core.units import Level, NewUnit, check_unit_name, new_unit, on_roll
from qdesk.store import audit
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store, insert_row

# The fields of a unit the audit trail records.
_AUDITED = ("code", "name", "level", "credit_code", "position", "retired_on")


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    division_code: str | None = None
    credit_code: str | None = None
    retired_on: dt.date | None = None       # the first day it no longer existed

    @property
    def is_office(self) -> bool:
        """The office's own unit: the one above every other, whose figure may be rolled up."""
        return self.parent_id is None

    def on_roll(self, period: Period) -> bool:
        """Whether the unit reports for the period (core.units.on_roll)."""
        return on_roll(self.retired_on, period)


@dataclass(frozen=True)
class UnitsImported:
    """What a unit list added, or in a dry run would add (and then changed nothing)."""

    added: tuple[NewUnit, ...]
    unchanged: int              # listed units already registered as listed
    changes: Changes


def _unit(row: dict[str, Any]) -> Unit:
    retired = row.get("retired_on")
    return Unit(row["id"], row["code"], row["name"], row["level"], row["parent_id"],
                row["division_code"], row["credit_code"],
                dt.date.fromisoformat(retired) if retired else None)


def _record(store: Store, action: str, old: dict[str, Any] | None,
            new: dict[str, Any] | None, code: str) -> None:
    def fields(row: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if row is None else {k: row[k] for k in _AUDITED if k in row}

    audit.record(store, "units", code, action, fields(old), fields(new), unit_code=code)


def add_home_unit(store: Store, division_code: str, name: str) -> Unit:
    """The office's own unit, keyed by its 6-digit division code."""
    code = check_division_code(division_code)
    name = check_unit_name(name)
    row = {"code": code, "name": name, "level": division_level(code), "division_code": code,
           "position": 0}
    with store.transaction() as db:
        row_id = insert_row(db, "units", row)
        db.table("settings").upsert({"key": "home_unit", "value": code}, pk="key")
        _record(store, "insert", None, row, code)
    return unit_by_id(store, row_id)


def add_unit(store: Store, code: str, name: str, level: str | Level,
             credit_code: str | None = None) -> Changes:
    """Register one unit under the office's own: InputError for a bad field, a code already
    registered, or a name another unit has."""
    return import_units(store, [new_unit(code, name, level, credit_code)], strict=True).changes


def add_subordinate(store: Store, code: str, name: str, level: str | Level,
                    credit_code: str | None = None) -> Unit:
    """add_unit, for a caller that goes on with the unit it added (the demo, tests)."""
    add_unit(store, code, name, level, credit_code)
    return find_unit(store, code)


def import_units(store: Store, units: Sequence[NewUnit], *, source: str | None = None,
                 dry_run: bool = False, strict: bool = False) -> UnitsImported:
    """Register checked units (a list read by exchange.unit_list) in one transaction, or none.

    A listed unit already registered with the same name and level is left as it is (a list
    can be imported again after growing), unless `strict`; a code registered under another
    name or level, a name another unit has, or a code or name listed twice is refused, every
    such row named (its `line`, in `source`).
    """
    registered = units_by_code(store)
    names = {u.name: u.code for u in registered.values()}
    problems: list[Problem] = []
    seen_codes: dict[str, NewUnit] = {}
    seen_names: dict[str, NewUnit] = {}
    added: list[NewUnit] = []

    def refuse(unit: NewUnit, field: str, en: str, zh: str, **args: Any) -> None:
        problems.append(Problem(msg(en, zh, **args), source, unit.line, field))

    for unit in units:
        earlier = seen_codes.get(unit.code) or seen_names.get(unit.name)
        if earlier is not None:
            field = "code" if earlier.code == unit.code else "name"
            refuse(unit, field, "listed twice: {code} {name} is row {line} too",
                   "与第{line}行重复（{code} {name}）", code=unit.code, name=unit.name,
                   line=earlier.line if earlier.line is not None else "?")
            continue
        seen_codes[unit.code], seen_names[unit.name] = unit, unit
        known = registered.get(unit.code)
        if known is not None:
            if strict or known.name != unit.name or known.level != unit.level:
                refuse(unit, "code", "unit code {code} is registered already, as {name}",
                       "单位代码“{code}”已被“{name}”使用", code=unit.code, name=known.name)
            continue
        if unit.name in names:
            refuse(unit, "name", "{name} is registered already, under the code {code}",
                   "单位名称“{name}”已登记，代码为“{code}”", name=unit.name,
                   code=names[unit.name])
            continue
        added.append(unit)
    if problems:
        raise InputError(*problems)
    unchanged = len(units) - len(added)
    if dry_run or not added:
        return UnitsImported(tuple(added), unchanged, NOTHING)
    home = home_unit(store)
    position = store.execute("SELECT coalesce(max(position), 0) FROM units").fetchone()[0]
    with store.transaction() as db:
        for number, unit in enumerate(added, start=position + 1):
            row = {"code": unit.code, "name": unit.name, "level": unit.level.value,
                   "parent_id": home.id, "credit_code": unit.credit_code, "position": number,
                   "division_code": unit.code if unit.level.keyed_by_division_code else None}
            insert_row(db, "units", row)
            _record(store, "insert", None, row, unit.code)
    return UnitsImported(tuple(added), unchanged,
                         Changes.of("units", "audit", units=[u.code for u in added]))


def rename_unit(store: Store, code: str, name: str) -> Changes:
    """Give a unit a new name (its figures and history keep it under its code)."""
    unit = find_unit(store, code)
    name = check_unit_name(name)
    if name == unit.name:
        return NOTHING
    other = next(store.query("SELECT code FROM units WHERE name = ?", [name]), None)
    if other is not None:
        raise InputError(Problem(msg("{name} is registered already, under the code {code}",
                                     "单位名称“{name}”已登记，代码为“{code}”", name=name,
                                     code=other["code"]), field="name"))
    return _update(store, unit, {"name": name})


def reorder_units(store: Store, codes: Sequence[str]) -> Changes:
    """Put the units under the office in the order of `codes`; those not named follow in the
    order they had. Reports and sheets list units in this order."""
    below = subordinates(store, home_unit(store))
    by_code = {u.code: u for u in below}
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise InputError(msg("not a unit under this office: {codes}", "不是本单位的下级单位：{codes}",
                             codes="、".join(unknown)))
    if len(set(codes)) != len(codes):
        raise InputError(msg("a unit is named twice", "有单位重复列出"))
    order = [by_code[c] for c in codes] + [u for u in below if u.code not in set(codes)]
    positions = {row["code"]: row["position"] for row in store.query(
        "SELECT code, position FROM units WHERE parent_id IS NOT NULL")}
    moved = [(number, u) for number, u in enumerate(order, start=1)
             if positions[u.code] != number]
    if not moved:
        return NOTHING
    with store.transaction():
        for number, unit in moved:
            store.execute("UPDATE units SET position = ? WHERE id = ?", [number, unit.id])
            _record(store, "update", {"position": positions[unit.code]}, {"position": number},
                    unit.code)
    return Changes.of("units", "audit", units=[u.code for _, u in moved])


def retire_unit(store: Store, code: str, day: dt.date) -> Changes:
    """Retire a unit from `day` on (撤销、合并): from the first period starting on or after it, it
    is not due. Refused for the office's own unit, and for a day that would leave figures the
    unit already has outside its time."""
    unit = find_unit(store, code)
    if unit.parent_id is None:
        raise InputError(msg("the office's own unit cannot be retired", "本单位不能撤销"))
    if unit.retired_on == day:
        return NOTHING
    latest = _latest_period(store, unit)
    if latest is not None and not on_roll(day, latest):
        raise InputError(Problem(msg(
            "{name} has figures for {period}: it can be retired from {after} on at the earliest",
            "{name}已有{label}的数据，撤销日期最早为{after}", name=unit.name,
            period=str(latest), label=latest.label_zh(),
            after=(latest.start + dt.timedelta(days=1)).isoformat()),
            field="date"))
    return _update(store, unit, {"retired_on": day.isoformat()})


def reinstate_unit(store: Store, code: str) -> Changes:
    """Undo a retirement: the unit is due again in every period."""
    unit = find_unit(store, code)
    if unit.retired_on is None:
        return NOTHING
    return _update(store, unit, {"retired_on": None})


def _latest_period(store: Store, unit: Unit) -> Period | None:
    """The latest period the unit has figures or a package for."""
    periods = [Period.parse(p) for p, in store.execute(
        "SELECT DISTINCT period FROM entries WHERE unit_id = ? UNION"
        " SELECT DISTINCT period FROM packages WHERE unit_id = ?", [unit.id, unit.id])]
    return max(periods, key=lambda p: p.start, default=None)


def _update(store: Store, unit: Unit, values: dict[str, Any]) -> Changes:
    old = dict(store.db.table("units").get(unit.id))
    with store.transaction() as db:
        db.table("units").update(unit.id, values)
        _record(store, "update", {k: old[k] for k in values}, values, unit.code)
    return Changes.of("units", "audit", units=[unit.code])


def not_on_roll(unit: Unit, period: Period) -> Msg | None:
    """Why a unit reports nothing for the period (it was retired before it began), or None."""
    if unit.retired_on is None or unit.on_roll(period):
        return None
    return msg("{name} ({code}) was retired on {date}: it reports nothing for {period}",
               "{name}（{code}）已于{date}撤销，不再报送{label}的数据", name=unit.name,
               code=unit.code, date=unit.retired_on.isoformat(), period=str(period),
               label=period.label_zh())


def check_on_roll(unit: Unit, period: Period) -> None:
    """InputError for a figure, sheet or package of a unit retired before the period began."""
    retired = not_on_roll(unit, period)
    if retired is not None:
        raise InputError(Problem(retired, field="unit"))


def list_units(store: Store, *, retired: bool = False) -> list[Unit]:
    """The office's own unit, then the units under it in their order; retired ones if asked."""
    home = home_unit(store)
    below = subordinates(store, home)
    return [home, *(u for u in below if retired or u.retired_on is None)]


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
    """Every unit on record, retired ones too, by code."""
    return {row["code"]: _unit(row) for row in store.query("SELECT * FROM units")}


def subordinates(store: Store, parent: Unit, period: Period | None = None) -> list[Unit]:
    """The units under `parent` in their order: those on the roll for `period` if one is given
    (not retired before it began), else every one, retired ones too."""
    units = [_unit(r) for r in store.query(
        "SELECT * FROM units WHERE parent_id = ? ORDER BY position, id", [parent.id])]
    return units if period is None else [u for u in units if u.on_roll(period)]
