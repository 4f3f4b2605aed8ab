"""What a write changed (tables, units, periods), so each screen refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from qdesk.core.periods import Period


@dataclass(frozen=True)
class Changes:
    """Returned by every service that writes; empty when nothing was written."""

    tables: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    periods: frozenset[Period] = frozenset()

    @classmethod
    def of(cls, *tables: str, units: Iterable[str] = (), periods: Iterable[Period] = ()) -> Changes:
        return cls(frozenset(tables), frozenset(units), frozenset(periods))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.units | other.units,
                       self.periods | other.periods)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, tables: Iterable[str]) -> bool:
        """True when any of these tables was written."""
        return not self.tables.isdisjoint(tables)


NOTHING = Changes()
