"""A roster file as a clerk has it: text pasted from a Word document (.txt), or a workbook (.xlsx)."""

from __future__ import annotations

from pathlib import Path

from qdesk.core.roster_text import ParsedRoster, parse_roster_text
from qdesk.files import read_text


def read_roster_file(path: str | Path) -> ParsedRoster:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from qdesk.exchange.roster_xlsx import read_roster_xlsx

        return read_roster_xlsx(path)
    return parse_roster_text(read_text(path), str(path))
