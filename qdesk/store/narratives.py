"""Narratives in the database: the text of each section for a unit and period, audited."""

from __future__ import annotations

from qdesk.core.narratives import Section
from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.database import Store, now
from qdesk.store.locks import check_unlocked
from qdesk.store.units import Unit


def save_narrative(store: Store, unit: Unit, period: Period, section: Section, body: str) -> bool:
    """Store a section's text; returns False when it is unchanged."""
    check_unlocked(store, period)
    key = {"unit_id": unit.id, "period": str(period), "section": section.value}
    with store.transaction() as db:
        old = next(db.query("SELECT body FROM narratives WHERE unit_id = :unit_id AND period ="
                            " :period AND section = :section", key), None)
        if old is not None and old["body"] == body:
            return False
        db.table("narratives").upsert({**key, "body": body, "updated_by": store.operator,
                                       "updated_at": now()}, pk=("unit_id", "period", "section"))
        audit.record(store, "narratives", f"{unit.code}/{period}/{section.value}",
                     "insert" if old is None else "update", old, {"body": body},
                     unit_code=unit.code, period=str(period))
    return True


def narratives(store: Store, unit: Unit, period: Period) -> dict[Section, str]:
    return {Section(r["section"]): r["body"] for r in store.query(
        "SELECT section, body FROM narratives WHERE unit_id = ? AND period = ?",
        [unit.id, str(period)])}
