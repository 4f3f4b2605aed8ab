"""Report periods: years (2026), halves (2026H1, 2026H2) and quarters (2026Q1..2026Q4)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Iterator

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg


class Frequency(str, Enum):
    """How often an indicator is entered; also the kind of a period. Ordered fine to coarse."""

    QUARTERLY = "quarterly"
    HALF_YEAR = "half-year"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return _MONTHS[self.value]

    @property
    def per_year(self) -> int:
        return 12 // _MONTHS[self.value]

    @property
    def label_zh(self) -> str:
        return {"quarterly": "季度", "half-year": "半年", "annual": "年度"}[self.value]


_MONTHS = {"quarterly": 3, "half-year": 6, "annual": 12}
_PATTERN = re.compile(r"(\d{4})(?:([HQ])(\d))?")
_FIRST_YEAR, _LAST_YEAR = 1949, 2199
_PARSED: dict[str, "Period"] = {}


@lru_cache(maxsize=4096)
def _text(year: int, months: int, first_month: int) -> str:
    """A period as written (2026, 2026H1, 2026Q3); periods are few and turned to text often."""
    if months == 12:
        return str(year)
    return f"{year}{'H' if months == 6 else 'Q'}{(first_month - 1) // months + 1}"


@dataclass(frozen=True, order=True)
class Period:
    """A span of months within one year. Order is by start, then by length (year after its Q1)."""

    year: int
    first_month: int
    months: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read "2026", "2026H1" or "2026Q3"; anything else is refused with a clear message."""
        if isinstance(text, str) and text in _PARSED:
            return _PARSED[text]
        period = cls._parse(text)
        if len(_PARSED) < 4096:     # periods are few and immutable: every stored one is cached
            _PARSED[text] = period
        return period

    @classmethod
    def _parse(cls, text: str) -> Period:
        cleaned = text.strip().upper() if isinstance(text, str) else ""
        match = _PATTERN.fullmatch(cleaned)
        if match:
            year, kind, index = int(match[1]), match[2], match[3]
            if _FIRST_YEAR <= year <= _LAST_YEAR:
                if kind is None:
                    return cls.year_of(year)
                count = 2 if kind == "H" else 4
                if 1 <= int(index) <= count:
                    return cls.of(year, Frequency.HALF_YEAR if kind == "H" else Frequency.QUARTERLY,
                                  int(index))
        raise InputError(msg(
            "period {text!r} is not a year (2026), a half (2026H1, 2026H2) or a quarter (2026Q1..2026Q4)",
            "报告期“{text}”格式不对，应为年度（如2026）、半年（2026H1、2026H2）或季度（2026Q1至2026Q4）",
            text=str(text)))

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(year, 1, 12)

    @classmethod
    def of(cls, year: int, frequency: Frequency, index: int) -> Period:
        """The index-th period (from 1) of a frequency in a year."""
        if not 1 <= index <= frequency.per_year:
            raise ValueError(f"{frequency.value} index {index} out of range")
        return cls(year, (index - 1) * frequency.months + 1, frequency.months)

    @classmethod
    def containing(cls, day: dt.date, frequency: Frequency) -> Period:
        return cls.of(day.year, frequency, (day.month - 1) // frequency.months + 1)

    @property
    def frequency(self) -> Frequency:
        return {3: Frequency.QUARTERLY, 6: Frequency.HALF_YEAR, 12: Frequency.ANNUAL}[self.months]

    @property
    def index(self) -> int:
        return (self.first_month - 1) // self.months + 1

    @property
    def last_month(self) -> int:
        return self.first_month + self.months - 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.last_month + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        return _text(self.year, self.months, self.first_month)

    def label_zh(self) -> str:
        """How a document names the period: 2026年, 2026年上半年, 2026年第三季度."""
        if self.months == 12:
            return f"{self.year}年"
        if self.months == 6:
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        return f"{self.year}年第{'一二三四'[self.index - 1]}季度"

    def contains(self, other: Period) -> bool:
        return (self.year == other.year and self.first_month <= other.first_month
                and other.last_month <= self.last_month)

    def subperiods(self, frequency: Frequency) -> list[Period]:
        """The periods of a finer (or the same) frequency that make up this one, in order."""
        if frequency.months > self.months:
            raise ValueError(f"{frequency.value} is coarser than {self}")
        return [Period(self.year, m, frequency.months)
                for m in range(self.first_month, self.last_month + 1, frequency.months)]

    def enclosing(self, frequency: Frequency) -> Period:
        """The period of a coarser (or the same) frequency that contains this one."""
        if frequency.months < self.months:
            raise ValueError(f"{frequency.value} is finer than {self}")
        return Period.containing(self.start, frequency)

    def reports(self, entry: Period) -> bool:
        """Whether a report on this period shows an entry of `entry`: every period inside it,
        and a longer one that ends with it (the annual figure in the fourth-quarter report)."""
        return self.contains(entry) or (entry.contains(self) and entry.end == self.end)

    def previous(self) -> Period:
        """The period of the same kind just before: 2026Q1 -> 2025Q4."""
        if self.first_month == 1:
            return Period(self.year - 1, 13 - self.months, self.months)
        return Period(self.year, self.first_month - self.months, self.months)

    def next(self) -> Period:
        if self.last_month == 12:
            return Period(self.year + 1, 1, self.months)
        return Period(self.year, self.first_month + self.months, self.months)

    def year_ago(self) -> Period:
        """The same period a year earlier: 2026Q3 -> 2025Q3."""
        return Period(self.year - 1, self.first_month, self.months)


def periods_between(first: Period, last: Period) -> Iterator[Period]:
    """Every period of first's kind from first to last inclusive."""
    current = first
    while current <= last:
        yield current
        current = current.next()
