"""The audit trail: who changed what, when, from which old value to which new one, and why."""

from __future__ import annotations

import json
from typing import Any

from qdesk.store.database import Store, now


def record(store: Store, table: str, key: str, action: str, old: dict[str, Any] | None,
           new: dict[str, Any] | None, *, reason: str | None = None,
           unit_code: str | None = None, period: str | None = None) -> None:
    """Append one change to the trail, inside the caller's transaction."""
    store.db.execute(
        "INSERT INTO audit (at, operator, table_name, row_key, action, old, new, reason,"
        " unit_code, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [now(), store.operator, table, key, action,
         None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True),
         None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True),
         reason, unit_code, period])


def trail(store: Store, table: str | None = None) -> list[dict[str, Any]]:
    """The recorded changes, oldest first, optionally of one table."""
    where, args = ("WHERE table_name = ?", [table]) if table else ("", [])
    rows = store.db.query(f"SELECT * FROM audit {where} ORDER BY id", args)
    return [{**row, "old": json.loads(row["old"]) if row["old"] else None,
             "new": json.loads(row["new"]) if row["new"] else None} for row in rows]
