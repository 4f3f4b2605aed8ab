"""Exact numbers: rates from two integers, typed decimals, rounding once for display (GB/T 8170)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg

class Rounding(str, Enum):
    """How a value is rounded for display: 四舍五入 or GB/T 8170 修约 (round half to even)."""

    HALF_UP = "half-up"
    HALF_EVEN = "half-even"


class Judge(str, Enum):
    """Whether attainment compares the exact value or the rounded one (GB/T 8170 全数值/修约值比较)."""

    EXACT = "exact"
    ROUNDED = "rounded"


def rate(numerator: int, denominator: int) -> Fraction:
    """numerator / denominator × 100, exactly."""
    return Fraction(numerator * 100, denominator)


@dataclass(frozen=True)
class Measure:
    """A value with, for a rate, the two counts it is the ratio of. Always exact.

    Or NOT_APPLICABLE (无此项): reported, with nothing to count in the period. It is no value:
    roll-ups leave it out, and an assessment of it has no measure (Assessment.measure).
    """

    value: Fraction
    numerator: int | None = None
    denominator: int | None = None
    applicable: bool = True

    @classmethod
    def of_rate(cls, numerator: int, denominator: int) -> Measure:
        return cls(rate(numerator, denominator), numerator, denominator)


NOT_APPLICABLE = Measure(Fraction(0), applicable=False)
# How every face and document shows it.
NOT_APPLICABLE_TEXT = "无此项"


def round_to(value: Fraction | Decimal | int, decimals: int, mode: Rounding) -> Decimal:
    """Round an exact value to `decimals` places, once, with the given mode."""
    exact = Fraction(value)
    scaled = exact * 10**decimals
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    # Half-up rounds halves away from zero: for a negative value the floor already is that.
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2)
                                 and (mode is Rounding.HALF_UP and floor >= 0
                                      or mode is Rounding.HALF_EVEN and floor % 2 == 1)):
        floor += 1
    return Decimal(floor).scaleb(-decimals)


def display(value: Fraction | Decimal | int | None, decimals: int, mode: Rounding) -> str:
    """The text a clerk sees: rounded once, with exactly `decimals` places; "" for no value."""
    if value is None:
        return ""
    return f"{round_to(value, decimals, mode):.{decimals}f}"


def fixed6(value: Fraction | None) -> str | None:
    """The unrounded value written with 6 places (half-even beyond the 6th), for machine output."""
    if value is None:
        return None
    return display(value, 6, Rounding.HALF_EVEN)


# Full-width forms (what a Chinese input method types) read as ASCII. Not NFKC, which also reads
# 5² as 52 and ① as 1; and not \d, which matches Arabic-Indic and other scripts' digits.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def parse_decimal(text: str, field: str | None = None) -> Decimal:
    """A decimal exactly as typed. Full-width digits and 1,234 grouping are read; nothing else is."""
    normal = text.translate(_FULL_WIDTH).strip() if isinstance(text, str) else ""
    if _GROUPED.fullmatch(normal):
        normal = normal.replace(",", "")
    if not _PLAIN.fullmatch(normal):
        raise InputError(msg("{text!r} is not a number", "“{text}”不是数字",
                             text=str(text)))
    try:
        return Decimal(normal)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError(msg("{text!r} is not a number", "“{text}”不是数字", text=text)) from exc


def parse_whole(text: str) -> int:
    """A whole number as typed: "12" or "1,200"; "12.5" and "abc" are refused."""
    if text.isascii() and text.isdigit():      # as most are typed: read as they are, at once
        return int(text)
    number = parse_decimal(text)
    if number != number.to_integral_value():
        raise InputError(msg("{text!r} is not a whole number", "“{text}”不是整数", text=str(text)))
    return int(number)


def chinese_numeral(n: int) -> str:
    """1..99 as a document numbers its headings: 一, 十, 十一, 二十三."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        raise ValueError(f"{n} is outside 1..99")
    tens, ones = divmod(n, 10)
    return (("" if tens < 2 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")
