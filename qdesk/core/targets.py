"""Targets: the bound a figure must reach (>= 90, 3..5, >= 3 ~ 5, < last-year) and which applies."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Mapping

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg


class Basis(str, Enum):
    """What a relative target compares with instead of a fixed figure."""

    LAST_YEAR = "last-year"     # the same period of the year before (投诉量总体呈下降趋势)
    REFERENCE = "reference"     # a figure entered for the period (高于全省平均水平)

    @property
    def label_zh(self) -> str:
        return {"last-year": "上年同期", "reference": "参照值"}[self.value]


_COMPARISONS = (">=", ">", "<=", "<")
_SIGNS = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "==": "＝"}

# Words documents put before a figure, longest first so 不低于 is not read as 低于.
_PREFIX_WORDS = {
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "达到": ">=", "至少": ">=",
    "不高于": "<=", "不超过": "<=", "不多于": "<=", "不大于": "<=", "最多": "<=",
    "低于": "<", "少于": "<", "小于": "<", "高于": ">", "超过": ">", "多于": ">", "大于": ">",
    "等于": "==",
}
_SUFFIX_WORDS = {"以上": ">=", "以下": "<=", "以内": "<="}
_FILLER = "控制在|保持在|稳定在|争创|争取"
_BASIS_WORDS = {
    "last-year": Basis.LAST_YEAR, "上年同期": Basis.LAST_YEAR, "上年": Basis.LAST_YEAR,
    "去年同期": Basis.LAST_YEAR, "去年": Basis.LAST_YEAR, "上年度": Basis.LAST_YEAR,
    "reference": Basis.REFERENCE, "参照值": Basis.REFERENCE, "全省平均水平": Basis.REFERENCE,
    "全省平均": Basis.REFERENCE, "全市平均水平": Basis.REFERENCE, "全市平均": Basis.REFERENCE,
    "全国平均水平": Basis.REFERENCE, "全国平均": Basis.REFERENCE,
}


def _alternatives(words: Mapping[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"[+-]?\d+(?:\.\d+)?"
# A display unit after a figure (%, 家, 万元), but never the words 以上/以下/以内.
_UNIT = r"(?:%|‰|(?:(?!以上|以下|以内)[\u4e00-\u9fff]){1,4})?"
_OPERATOR = rf"(?P<op>>=|<=|==|=|>|<|{_alternatives(_PREFIX_WORDS)})"
_BOUND = re.compile(rf"(?:{_FILLER})?\s*{_OPERATOR}?\s*(?P<n>{_NUMBER})\s*{_UNIT}"
                    rf"\s*(?P<suffix>{_alternatives(_SUFFIX_WORDS)})?")
_BAND = re.compile(rf"(?P<low>{_NUMBER})\s*{_UNIT}\s*\.\.\s*(?P<high>{_NUMBER})\s*{_UNIT}")
_AIM = re.compile(rf"(?:>=|达到|不低于|至少|{_FILLER})?\s*(?P<low>{_NUMBER})\s*{_UNIT}\s*"
                  rf"(?:~|—|-|至|到)\s*(?P<high>{_NUMBER})\s*{_UNIT}")
_AIM_LABEL = re.compile(rf">=\s*(?P<low>{_NUMBER})\s*{_UNIT}\s*\(\s*争取\s*(?P<high>{_NUMBER})"
                        rf"\s*{_UNIT}\s*\)")
_RELATIVE = re.compile(rf"(?:比)?{_OPERATOR}\s*(?P<basis>{_alternatives(_BASIS_WORDS)})")
_TREND_WORDS = {"下降": "<", "减少": "<", "降低": "<", "上升": ">", "增长": ">", "增加": ">",
                "提高": ">"}
_TREND = re.compile(rf"(?:比|较)(?P<basis>{_alternatives(_BASIS_WORDS)})(?:有所)?"
                    rf"(?P<trend>{_alternatives(_TREND_WORDS)})")


@dataclass(frozen=True)
class Target:
    """A bound an indicator's figure must reach.

    op is >=, >, <=, < or == against `low`; ".." for a band low..high, both ends binding; an aim
    (`>= 3 ~ 5`, 争创3-5家) is op >= with `aim` the figure hoped for, met from `low` on; a relative
    target (`< last-year`, `> reference`) compares with its `basis` and has no fixed figure.
    """

    op: str
    low: Decimal | None
    high: Decimal | None = None
    aim: Decimal | None = None
    basis: Basis | None = None

    @classmethod
    def parse(cls, text: str, like: Target | None = None) -> Target:
        """Read a target as the grammar writes it, or as documents and clerks do.

        ≥90、>=90、不低于90%、90%以上、达到90% are all `>= 90`; 不高于/不超过/以下 are <=, 低于 <,
        高于/超过 >. 3～5家 and 3-5家 are the aim `>= 3 ~ 5`; a band is written 3..5. 低于上年同期
        is `< last-year`, 高于全省平均 `> reference`.

        A bare number takes the comparison of `like` (a unit's 91 under the plan's ≥90% is ≥91%);
        without one it means at least that number, as a 目标值 column writes 95 for ≥95, except
        that 0 (none: 0起) and 100% (all of them) are exact. Any other exact figure is written
        `== 5` or ＝5.
        """
        cleaned = unicodedata.normalize("NFKC", text).strip() if isinstance(text, str) else ""
        cleaned = (cleaned.replace("≥", ">=").replace("≧", ">=").replace("≤", "<=")
                   .replace("≦", "<=").replace("～", "~").replace("〜", "~"))
        parsed = cls._read(cleaned, like)
        if parsed is None:
            raise InputError(msg(
                "target {text!r} does not parse: write >= N, > N, <= N, < N, == N, N..M "
                "(a band), >= N ~ M (at least N, aiming at M), < last-year or > reference; "
                "or as documents do: ≥90%, 不低于90%, 90%以上, 3～5家",
                "目标“{text}”无法识别，应写作 >= N、> N、<= N、< N、== N、N..M（区间）、"
                ">= N ~ M（不少于N，争取M）、< last-year（低于上年同期）或 > reference（高于参照值），"
                "或照文件写法：≥90%、不低于90%、90%以上、3～5家",
                text=str(text)))
        return parsed

    @classmethod
    def _read(cls, text: str, like: Target | None) -> Target | None:
        if match := _RELATIVE.fullmatch(text):
            op = _operator(match["op"])
            return cls(op, None, basis=_BASIS_WORDS[match["basis"]]) if op in _COMPARISONS else None
        if match := _TREND.fullmatch(text):
            return cls(_TREND_WORDS[match["trend"]], None, basis=_BASIS_WORDS[match["basis"]])
        for pattern in (_AIM_LABEL, _AIM):
            if match := pattern.fullmatch(text):
                low, aim = Decimal(match["low"]), Decimal(match["high"])
                return cls(">=", low, aim=aim) if low < aim else None
        if match := _BAND.fullmatch(text):
            low, high = Decimal(match["low"]), Decimal(match["high"])
            return cls("..", low, high) if low <= high else None
        if match := _BOUND.fullmatch(text):
            number = Decimal(match["n"])
            prefix, suffix = match["op"], match["suffix"]
            if prefix and suffix:
                return None
            if prefix or suffix:
                return cls(_operator(prefix) if prefix else _SUFFIX_WORDS[suffix], number)
            return cls(_bare_comparison(number, "%" in text, like), number)
        return None

    def __str__(self) -> str:
        if self.basis is not None:
            return f"{self.op} {self.basis.value}"
        if self.op == "..":
            return f"{self.low}..{self.high}"
        if self.aim is not None:
            return f">= {self.low} ~ {self.aim}"
        return f"{self.op} {self.low}"

    def label(self, unit: str = "") -> str:
        """As every screen and document shows it: ≥90%、＞30%、100%、3～5家、≥3家（争取5家）、＜上年同期."""
        if self.basis is not None:
            return f"{_SIGNS[self.op]}{self.basis.label_zh}"
        if self.op == "..":
            return f"{self.low}～{self.high}{unit}"
        if self.aim is not None:
            return f"≥{self.low}{unit}（争取{self.aim}{unit}）"
        if self.op == "==" and _reads_exact(self.low, unit):
            return f"{self.low}{unit}"
        return f"{_SIGNS[self.op]}{self.low}{unit}"

    def written(self, unit: str = "") -> str:
        """As a clerk would type it back into a cell: the label, but a band as 3..5 (its label
        3～5 reads as an aim, as plans mean it)."""
        return str(self) if self.op == ".." else self.label(unit)

    @property
    def needs_basis(self) -> bool:
        """Whether judging it takes a second figure: last year's, or the period's reference."""
        return self.basis is not None

    @property
    def takes_reference(self) -> bool:
        """Whether it is judged against a reference figure entered for the period (全省平均)."""
        return self.basis is Basis.REFERENCE

    def is_met_by(self, value: Fraction | Decimal, basis: Fraction | Decimal | None = None) -> bool:
        """Whether a figure meets the target; a relative target compares with `basis`."""
        exact = Fraction(value)
        if self.basis is not None:
            if basis is None:
                raise ValueError(f"{self} is judged against a figure it was not given")
            bound = Fraction(basis)
        else:
            assert self.low is not None, "a fixed target has its figure"
            bound = Fraction(self.low)
        match self.op:
            case ">=":
                return exact >= bound
            case ">":
                return exact > bound
            case "<=":
                return exact <= bound
            case "<":
                return exact < bound
            case "==":
                return exact == bound
            case _:
                assert self.high is not None, "a band (..) has both its ends"
                return bound <= exact <= Fraction(self.high)

    @property
    def is_lower_bound(self) -> bool:
        """A fixed target that more is better for (>=, >): a year-to-date sum can be pro-rated."""
        return self.op in (">=", ">") and self.basis is None

    @property
    def marks(self) -> tuple[Decimal, ...]:
        """The fixed figures a chart can draw the target at: none for a relative target."""
        return tuple(m for m in (self.low, self.high) if m is not None)


def _operator(written: str) -> str:
    if written in ("=", "=="):
        return "=="
    return _PREFIX_WORDS.get(written, written)


def _reads_exact(number: Decimal | None, unit: str) -> bool:
    """Whether the number shown bare reads back as exact: 0起, 100%."""
    return number is not None and _bare_comparison(number, unit == "%", None) == "=="


def _bare_comparison(number: Decimal, percent: bool, like: Target | None) -> str:
    """The comparison a bare number stands for (see Target.parse)."""
    if like is not None and like.basis is None:
        if like.op in _COMPARISONS or like.op == "==":
            return like.op
        if like.aim is not None:
            return ">="
    if number == 0 or (percent and number == 100):
        return "=="
    return ">="


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
