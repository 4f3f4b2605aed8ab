"""Units from the shipped GB/T 2260 list: a county's name by its code, and every division under
the office's own, for a prefecture or province to register its counties or prefectures at once."""

from __future__ import annotations

from functools import cache

from qdesk.core.divisions import DivisionList
from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.units import Level, NewUnit, new_unit
from qdesk.exchange.unit_list import import_unit_list
from qdesk.resources import divisions_path
from qdesk.store.database import Store
from qdesk.store.units import UnitsImported, home_unit

YEAR = 2024       # the year of the shipped list (resources/divisions/README.md)


@cache
def division_list() -> DivisionList:
    return DivisionList.parse(divisions_path().read_text(encoding="utf-8"))


def division_name(code: str) -> str | None:
    """The name GB/T 2260 gives a division code, or None for a code not in the list."""
    division = division_list().get(code)
    return division.name if division else None


def named_unit(code: str, level: Level) -> NewUnit:
    """A unit by its division code alone, its name from the list; refused, naming what to do,
    for a level not keyed by division codes or a code the list does not hold."""
    if not level.keyed_by_division_code:
        raise InputError(Problem(msg("only a county's, prefecture's or province's name is "
                                     "found by its code",
                                     "只有县、市、省级单位的名称可由区划代码自动填写"),
                                 field="name"))
    name = division_name(code)
    if name is None:
        raise InputError(Problem(msg(
            "division code {code!r} is not in the GB/T 2260 list of {year}: give the unit's "
            "name", "行政区划代码“{code}”不在{year}年GB/T 2260代码表中，请给出单位名称",
            code=code.strip(), year=YEAR), field="name"))
    return new_unit(code, name, level)


def units_under(code: str, level: str | Level | None = None) -> list[NewUnit]:
    """Every division the list has under `code` (of `level` only, if given) as units to
    register: a prefecture's counties, a province's prefectures and directly governed counties.
    Refused when the list has none, naming the code."""
    wanted = None if level is None else (level if isinstance(level, Level) else Level(level))
    found = [new_unit(d.code, d.name, d.level) for d in division_list().under(code)
             if wanted is None or d.level == wanted.value]
    if not found:
        raise InputError(Problem(msg(
            "the GB/T 2260 list of {year} has no unit of level {level} under {code!r}",
            "{year}年GB/T 2260代码表中，“{code}”下没有{level}",
            code=code.strip(), year=YEAR,
            level=msg(wanted.value, wanted.label_zh) if wanted else msg("divisions", "下级区划"))))
    return found


def add_divisions(store: Store, level: str | Level, *, under: str | None = None,
                  dry_run: bool = False) -> UnitsImported:
    """Register every division of `level` the list has under `under` (the office's own code by
    default) in one step; those registered before are left as they are."""
    code = under if under is not None else home_unit(store).code
    return import_unit_list(store, units_under(code, level), source="GB/T 2260",
                            dry_run=dry_run)
