"""Targets: the bound an indicator must reach (>= 90, == 0, 3..5) and which one applies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Mapping

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg

_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_BOUND = re.compile(rf"(>=|<=|==|>|<)\s*({_NUMBER})")
_RANGE = re.compile(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})")

_OPERATORS_ZH = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "==": ""}
# What a clerk copies from a document, and what the grammar says for it.
_WRITTEN = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "～": "..", "~": "..",
            "．": ".", "%": "", "％": ""}


@dataclass(frozen=True)
class Target:
    """A bound: op is one of >=, >, <=, <, ==, or ".." for an inclusive range low..high."""

    op: str
    low: Decimal
    high: Decimal | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        """Read a target as the grammar writes it, or as documents do: ≥90, ＞30, 3～5."""
        cleaned = text.strip() if isinstance(text, str) else ""
        for written, meant in _WRITTEN.items():
            cleaned = cleaned.replace(written, meant)
        if match := _BOUND.fullmatch(cleaned):
            return cls(match[1], Decimal(match[2]))
        if match := _RANGE.fullmatch(cleaned):
            low, high = Decimal(match[1]), Decimal(match[2])
            if low <= high:
                return cls("..", low, high)
        raise InputError(msg(
            "target {text!r} does not parse: write >= N, > N, <= N, < N, == N or N..M",
            "目标“{text}”无法识别，应写作 >= N、> N、<= N、< N、== N 或 N..M",
            text=str(text)))

    def __str__(self) -> str:
        if self.op == "..":
            return f"{self.low}..{self.high}"
        return f"{self.op} {self.low}"

    def label(self, unit: str = "") -> str:
        """As a document writes it: ≥90%, 100%, 3～5项."""
        if self.op == "..":
            return f"{self.low}～{self.high}{unit}"
        return f"{_OPERATORS_ZH[self.op]}{self.low}{unit}"

    def is_met_by(self, value: Fraction | Decimal) -> bool:
        exact = Fraction(value)
        low = Fraction(self.low)
        match self.op:
            case ">=":
                return exact >= low
            case ">":
                return exact > low
            case "<=":
                return exact <= low
            case "<":
                return exact < low
            case "==":
                return exact == low
            case _:
                assert self.high is not None, "a range (..) has both its ends"
                return low <= exact <= Fraction(self.high)

    @property
    def is_lower_bound(self) -> bool:
        """A target that more is better for (>=, >): a year-to-date sum can be pro-rated."""
        return self.op in (">=", ">")


def resolve(standing: Target | None, by_year: Mapping[int, Target], year: int,
            unit_targets: Mapping[int | None, Target] | None = None) -> Target | None:
    """The target for a year: a unit's own (目标责任书) before the plan's, a year's before the standing one.

    unit_targets maps a year, or None for every year, to the unit's own target.
    """
    if unit_targets:
        if year in unit_targets:
            return unit_targets[year]
        if None in unit_targets:
            return unit_targets[None]
    return by_year.get(year, standing)
