"""The audit trail: who changed what, when, from which old value to which new one, and why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from qdesk.store.database import Store, now


@dataclass(frozen=True)
class Change:
    table: str
    key: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reason: str | None = None
    unit_code: str | None = None
    period: str | None = None


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_many(store: Store, changes: list[Change]) -> None:
    """Append changes to the trail in one statement, inside the caller's transaction."""
    at, operator = now(), store.operator
    store.db.conn.executemany(
        "INSERT INTO audit (at, operator, table_name, row_key, action, old, new, reason,"
        " unit_code, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(at, operator, c.table, c.key, c.action, _json(c.old), _json(c.new), c.reason,
          c.unit_code, c.period) for c in changes])


def record(store: Store, table: str, key: str, action: str, old: dict[str, Any] | None,
           new: dict[str, Any] | None, *, reason: str | None = None,
           unit_code: str | None = None, period: str | None = None) -> None:
    """Append one change to the trail, inside the caller's transaction."""
    record_many(store, [Change(table, key, action, old, new, reason, unit_code, period)])


def trail(store: Store, table: str | None = None) -> list[dict[str, Any]]:
    """The recorded changes, oldest first, optionally of one table."""
    where, args = ("WHERE table_name = ?", [table]) if table else ("", [])
    rows = store.db.query(f"SELECT * FROM audit {where} ORDER BY id", args)
    return [{**row, "old": json.loads(row["old"]) if row["old"] else None,
             "new": json.loads(row["new"]) if row["new"] else None} for row in rows]
