"""The audit trail's hash chain: each row's hash covers the row and the hash of the row before it,
so a row edited, deleted or slipped in with the sqlite3 shell no longer matches (DESIGN.md §10).

Kept apart from qdesk.store.audit, which opens the database, so that the schema's migration can
chain the rows of an older file with the very functions that chain new ones.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

# What the first row is chained to.
GENESIS = "qdesk-audit-v1"

# A trail row's fields in the order they are hashed; the hash itself follows them in a row read
# for checking (chain_rows).
FIELDS = ("id", "at", "operator", "table_name", "row_key", "action", "old", "new", "reason",
          "unit_code", "period")

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


# The JSON the encoder writes for a row's fields of these types, written without it: a sheet of
# 100 000 figures hashes as many rows, and the encoder's own calls were half the hashing.
_SCALAR_JSON: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "null", int: int.__repr__, str: json.encoder.encode_basestring}


def canonical(row: Sequence[Any]) -> str:
    """One text for a row's fields (FIELDS, in order), the same wherever the row is read: old and
    new are hashed as the JSON text stored, so that any change to that text shows. It is the
    compact JSON array of them, as the encoder writes it for any type."""
    fields = row[:len(FIELDS)]
    try:
        return "[" + ",".join([_SCALAR_JSON[type(v)](v) for v in fields]) + "]"
    except KeyError:
        return _ENCODER.encode(list(fields))


def chain_hash(previous: str | None, row: Sequence[Any]) -> str:
    """The hash a row must carry after the row whose hash is `previous` (None: the first row, or
    a row before it that carries none)."""
    return hashlib.sha256(((previous or GENESIS) + "\n" + canonical(row)).encode("utf-8")
                          ).hexdigest()


def sequence(conn: sqlite3.Connection) -> int:
    """How far the trail has come: its last row's id, which only grows as changes are recorded
    (0 for an empty trail). Backups are ordered by it, never by the clock."""
    return int(conn.execute("SELECT ifnull(max(id), 0) FROM audit").fetchone()[0])
