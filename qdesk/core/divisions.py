"""The GB/T 2260 list of divisions (provinces, prefectures, counties): names by code, and what
lies under a division."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from qdesk.core.codes import division_level


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None        # the code of the division it sits in; None for a province

    @property
    def level(self) -> str:
        return division_level(self.code)


class DivisionList:
    """Divisions by code, as the shipped list (resources/divisions/gb2260.csv) gives them."""

    def __init__(self, divisions: list[Division]) -> None:
        self._by_code = {d.code: d for d in divisions}
        self._under: dict[str, list[Division]] = {}
        for d in divisions:
            if d.parent:
                self._under.setdefault(d.parent, []).append(d)

    @classmethod
    def parse(cls, text: str) -> DivisionList:
        """The list from its CSV text: `code,name,parent` after a header and # comment lines."""
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        return cls([Division(row["code"], row["name"], row["parent"] or None)
                    for row in csv.DictReader(io.StringIO("\n".join(lines)))])

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Division | None:
        return self._by_code.get(code.strip())

    def under(self, code: str) -> list[Division]:
        """The divisions directly under one, in code order: a prefecture's counties, a
        province's prefectures and the counties it governs directly (直辖市, 省直辖县)."""
        return sorted(self._under.get(code.strip(), []), key=lambda d: d.code)
