"""Units' rules (DESIGN.md §12): their levels and the words files use for them, their codes, retirement."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

from qdesk.core.codes import check_credit_code, check_division_code
from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.periods import Period


class Level(StrEnum):
    """What kind of organisation a unit is."""

    TOWNSHIP = "township"
    ZONE = "zone"
    DEPARTMENT = "department"
    COUNTY = "county"
    PREFECTURE = "prefecture"
    PROVINCE = "province"
    DIVISION = "division"
    REGIMENT = "regiment"

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]

    @property
    def keyed_by_division_code(self) -> bool:
        """County-level and up (the 兵团's 师 included) are keyed by a 6-digit GB/T 2260 code."""
        return self in (Level.COUNTY, Level.PREFECTURE, Level.PROVINCE, Level.DIVISION)


_LABELS_ZH = {
    Level.TOWNSHIP: "乡镇（街道）", Level.ZONE: "开发区（园区）", Level.DEPARTMENT: "成员单位",
    Level.COUNTY: "县（市、区）", Level.PREFECTURE: "市（州、盟）", Level.PROVINCE: "省（区、市）",
    Level.DIVISION: "师", Level.REGIMENT: "团场",
}
# What a document calls an office's whole area (全县) by the last character of its name, else by
# its level; and the units under it together (各乡镇), by their levels.
_PLACE_CHARACTERS = "县区市省旗盟州师"
_PLACE_OF_LEVEL = {Level.COUNTY: "县", Level.PREFECTURE: "市", Level.PROVINCE: "省",
                   Level.DIVISION: "师", Level.REGIMENT: "团"}
_UNITS_WORDS = {frozenset({Level.TOWNSHIP}): "各乡镇", frozenset({Level.ZONE}): "各开发区",
                frozenset({Level.TOWNSHIP, Level.ZONE}): "各乡镇和开发区",
                frozenset({Level.DEPARTMENT}): "各成员单位", frozenset({Level.COUNTY}): "各县区",
                frozenset({Level.PREFECTURE}): "各市", frozenset({Level.DIVISION}): "各师",
                frozenset({Level.REGIMENT}): "各团场"}


_LEVEL_VALUES = frozenset(level.value for level in Level)


def place_word(name: str, level: str) -> str:
    """The character an office's area is called by: 县 for 盘山县, 区 for 兴隆台区, 市 for 盘锦市."""
    if name and name[-1] in _PLACE_CHARACTERS:
        return name[-1]
    return _PLACE_OF_LEVEL.get(Level(level), "") if level in _LEVEL_VALUES else ""


def units_word(levels: Iterable[str]) -> str:
    """The units under an office together, as a sentence names them: 各乡镇, 各县区, 各下级单位."""
    found = frozenset(Level(level) for level in levels if level in _LEVEL_VALUES)
    return _UNITS_WORDS.get(found, "各下级单位")


# The words unit lists are written with, beside the English names and the labels above.
LEVEL_WORDS = {
    "镇": Level.TOWNSHIP, "街道": Level.TOWNSHIP, "乡": Level.TOWNSHIP, "乡镇": Level.TOWNSHIP,
    "开发区": Level.ZONE, "园区": Level.ZONE,
    "成员单位": Level.DEPARTMENT, "部门": Level.DEPARTMENT,
    "县": Level.COUNTY, "区": Level.COUNTY, "县级市": Level.COUNTY,
    "市": Level.PREFECTURE, "州": Level.PREFECTURE, "盟": Level.PREFECTURE,
    "省": Level.PROVINCE, "自治区": Level.PROVINCE, "直辖市": Level.PROVINCE,
    "师": Level.DIVISION, "团": Level.REGIMENT, "团场": Level.REGIMENT,
}
_WORDS = {**{level.value: level for level in Level},
          **{level.label_zh: level for level in Level}, **LEVEL_WORDS}

# An office's own code for a township, zone, department or 团场: letters and digits.
_OFFICE_CODE = re.compile(r"[0-9A-Za-z]{1,20}")
MAX_NAME = 60


def parse_level(text: str) -> Level:
    """A level from its English name, its label or a word of LEVEL_WORDS; InputError else."""
    level = _WORDS.get(text.strip().lower() if text.isascii() else text.strip())
    if level is None:
        raise InputError(Problem(msg(
            "unknown unit level {level!r}: use one of {levels}",
            "未知的单位层级“{level}”，应为{words}之一", level=text,
            levels=", ".join(level.value for level in Level),
            words="、".join(LEVEL_WORDS)), field="level"))
    return level


def check_unit_code(code: str, level: Level) -> str:
    """The unit's code by its level's rule: a division code from county level up, else an
    office code of 1–20 letters and digits; InputError naming the rule broken."""
    text = code.strip()
    if level.keyed_by_division_code:
        try:
            return check_division_code(text)
        except InputError as exc:
            raise InputError(*[Problem(p.message, field="code") for p in exc.problems]) from None
    if not _OFFICE_CODE.fullmatch(text):
        raise InputError(Problem(msg(
            "unit code {code!r} must be 1 to 20 letters and digits",
            "单位代码“{code}”应为1至20位字母或数字", code=code), field="code"))
    return text


def check_unit_name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise InputError(Problem(msg("the unit name is empty", "单位名称为空"), field="name"))
    if len(text) > MAX_NAME:
        raise InputError(Problem(msg("the unit name is longer than {n} characters",
                                     "单位名称超过{n}个字", n=MAX_NAME), field="name"))
    return text


@dataclass(frozen=True)
class NewUnit:
    """A unit to register, its fields checked; `line` is where a list gave it, if one did."""

    code: str
    name: str
    level: Level
    credit_code: str | None = None
    line: int | None = None


def new_unit(code: str, name: str, level: str | Level, credit_code: str | None = None,
             line: int | None = None) -> NewUnit:
    """Check a unit's fields; InputError with every field that is wrong (by its field name)."""
    problems: list[Problem] = []
    checked_level: Level | None = None
    try:
        checked_level = level if isinstance(level, Level) else parse_level(level)
    except InputError as exc:
        problems += exc.problems
    checked_code = code
    if checked_level is not None:
        try:
            checked_code = check_unit_code(code, checked_level)
        except InputError as exc:
            problems += exc.problems
    try:
        checked_name = check_unit_name(name)
    except InputError as exc:
        problems += exc.problems
    checked_credit = None
    if credit_code is not None and credit_code.strip():
        try:
            checked_credit = check_credit_code(credit_code)
        except InputError as exc:
            problems += [Problem(p.message, field="credit_code") for p in exc.problems]
    if problems:
        raise InputError(*[Problem(p.message, p.source, line, p.field) for p in problems])
    assert checked_level is not None
    return NewUnit(checked_code, checked_name, checked_level, checked_credit, line)


def on_roll(retired_on: dt.date | None, period: Period) -> bool:
    """Whether a unit reports for a period: unless it was retired by the period's first day.

    A unit retired within a period stays on it (its figures before the date count there); from
    the next period on it is not due: no sheet, no 未报送, no line, no entry accepted.
    """
    return retired_on is None or retired_on > period.start
