"""Signing keys (DESIGN.md §9): the office's own key pair, its count of packages made, and the
public keys of its subordinate units, each kept from the unit's first package.

The office's private key lives in its database, and so in every backup of it: whoever has a copy
of the file can sign as the office. Key pairs are made by qdesk.exchange.signing, above this
layer; here they are only kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.store import audit
from qdesk.store.database import Store, now


def fingerprint(public: bytes) -> str:
    """'3f2a 9c01 …': the first 128 bits of the key's SHA-256, as 8 groups of 4 hex digits, short
    enough to read out over the telephone."""
    digest = hashlib.sha256(public).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class UnitKey:
    """A subordinate unit's public key, as kept from its first package (or the first after the
    one before was forgotten)."""

    unit_code: str
    public_key: bytes
    fingerprint: str
    first_seen: str             # ISO 8601 with offset
    package: str                # the file name of the package it came with
    forgotten_at: str | None = None
    forget_reason: str | None = None


def own_key(store: Store) -> tuple[bytes, bytes] | None:
    """The office's (private, public) key pair, or None before its first package."""
    row = store.execute("SELECT private_key, public_key FROM own_key WHERE id = 1").fetchone()
    return None if row is None else (bytes(row[0]), bytes(row[1]))


def keep_own_key(store: Store, private: bytes, public: bytes) -> tuple[bytes, bytes]:
    """Keep a new key pair as the office's own unless it has one already; the pair it keeps.

    Never replaced: a subordinate office's superior knows it by this key.
    """
    with store.transaction() as db:
        db.execute("INSERT OR IGNORE INTO own_key (id, private_key, public_key, made_at)"
                   " VALUES (1, ?, ?, ?)", [private, public, now()])
    kept = own_key(store)
    assert kept is not None
    return kept


def own_fingerprint(store: Store) -> str | None:
    """The fingerprint of the office's own key, or None before it is made."""
    kept = own_key(store)
    return None if kept is None else fingerprint(kept[1])


def next_sequence(store: Store, unit_code: str) -> int:
    """The sequence of the next package the unit makes: one more than the last, never reused."""
    with store.transaction() as db:
        db.execute("INSERT INTO package_sequences (unit_code, last) VALUES (?, 1)"
                   " ON CONFLICT (unit_code) DO UPDATE SET last = last + 1", [unit_code])
        return int(db.execute("SELECT last FROM package_sequences WHERE unit_code = ?",
                              [unit_code]).fetchone()[0])


_COLUMNS = ("unit_code, public_key, fingerprint, first_seen, package, forgotten_at,"
            " forget_reason")


def _unit_key(row: Any) -> UnitKey:
    return UnitKey(row[0], bytes(row[1]), *row[2:])


def unit_key(store: Store, unit_code: str) -> UnitKey | None:
    """The unit's standing key (not forgotten), or None before its first package."""
    row = store.execute(f"SELECT {_COLUMNS} FROM signing_keys WHERE unit_code = ?"
                        " AND forgotten_at IS NULL", [unit_code]).fetchone()
    return None if row is None else _unit_key(row)


def unit_keys(store: Store, *, forgotten: bool = False) -> list[UnitKey]:
    """The units' standing keys by unit code; with `forgotten`, the forgotten ones too, each
    after the one that followed it."""
    where = "" if forgotten else " WHERE forgotten_at IS NULL"
    return [_unit_key(row) for row in store.execute(
        f"SELECT {_COLUMNS} FROM signing_keys{where} ORDER BY unit_code,"
        " forgotten_at IS NULL DESC, id DESC")]


def keep_unit_key(store: Store, unit_code: str, public: bytes, package: str) -> UnitKey:
    """Keep the key of a unit's first package, inside the caller's transaction; audited."""
    key = UnitKey(unit_code, public, fingerprint(public), now(), package)
    with store.transaction() as db:
        db.execute("INSERT INTO signing_keys (unit_code, public_key, fingerprint, first_seen,"
                   " package) VALUES (?, ?, ?, ?, ?)",
                   [unit_code, public, key.fingerprint, key.first_seen, package])
        audit.record(store, "signing_keys", unit_code, "insert", None,
                     {"fingerprint": key.fingerprint, "package": package}, unit_code=unit_code)
    return key


class NoUnitKey(InputError):
    """A unit whose key is to be forgotten has none on record."""

    def __init__(self, unit_code: str) -> None:
        super().__init__(msg("no key is kept for unit {code}", "未保存单位{code}的密钥",
                             code=unit_code))


def forget_unit_key(store: Store, unit_code: str, reason: str) -> UnitKey:
    """Forget a unit's key, so that its next package is taken with a new one (a unit that
    reinstalled qdesk, checked by telephone); the reason is kept, and the key stays on record."""
    reason = reason.strip()
    if not reason:
        raise InputError(msg("give the reason the key is forgotten (--reason)",
                             "请说明忘记该密钥的原因（--reason）"))
    key = unit_key(store, unit_code)
    if key is None:
        raise NoUnitKey(unit_code)
    at = now()
    with store.transaction() as db:
        db.execute("UPDATE signing_keys SET forgotten_at = ?, forget_reason = ?"
                   " WHERE unit_code = ? AND forgotten_at IS NULL", [at, reason, unit_code])
        audit.record(store, "signing_keys", unit_code, "delete",
                     {"fingerprint": key.fingerprint, "package": key.package}, None,
                     reason=reason, unit_code=unit_code)
    return UnitKey(key.unit_code, key.public_key, key.fingerprint, key.first_seen, key.package,
                   at, reason)
