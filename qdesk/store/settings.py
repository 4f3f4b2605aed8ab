"""Settings kept in the database: operator, addressee, signature, font folder and the like."""

from __future__ import annotations

from qdesk.store import audit
from qdesk.store.database import Store

KEYS = ("operator", "superior", "signature", "font_dir", "language", "backup_folder")


def get_setting(store: Store, key: str, default: str = "") -> str:
    row = store.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row and row[0] else default


def set_setting(store: Store, key: str, value: str) -> None:
    with store.transaction() as db:
        old = get_setting(store, key)
        db.table("settings").upsert({"key": key, "value": value}, pk="key")
        audit.record(store, "settings", key, "update", {"value": old}, {"value": value})
