"""Submission packages on record: the one that stands for each unit and period, and those it replaced."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.database import Store, now
from qdesk.store.units import Unit


class Standing(NamedTuple):
    """The package that stands for a unit and period: its id, its sequence (None for one made
    before packages were numbered) and the SHA-256 of its file."""

    id: int
    sequence: int | None
    sha256: str


def standing_packages(store: Store) -> dict[tuple[int, Period], Standing]:
    """(unit id, period) -> the package that stands for it (not replaced since)."""
    return {(r[1], Period.parse(r[2])): Standing(r[0], r[3], r[4]) for r in store.execute(
        "SELECT id, unit_id, period, sequence, sha256 FROM packages WHERE replaced_by IS NULL")}


def imported_on(store: Store, digest: str) -> str | None:
    """When a package whose file has this SHA-256 was first imported, or None if never."""
    row = store.execute("SELECT min(imported_at) FROM packages WHERE sha256 = ?",
                        [digest]).fetchone()
    return row[0] if row else None


def made_on(store: Store, period: Period) -> dict[int, dt.date | None]:
    """Unit id -> the day the unit made its standing package for the period (its manifest's
    created_at), for every unit that has one."""
    made = {}
    for row in store.query("SELECT unit_id, manifest FROM packages WHERE period = ?"
                           " AND replaced_by IS NULL", [str(period)]):
        created = json.loads(row["manifest"]).get("created_at", "")
        made[row["unit_id"]] = dt.datetime.fromisoformat(created).date() if created else None
    return made


def record_package(store: Store, unit: Unit, period: Period, file_name: str, digest: str,
                   manifest: dict[str, Any], replaces: int | None = None) -> None:
    """Keep an imported package on record, inside the caller's transaction.

    The package it `replaces` stays on record, marked as replaced by this one; the audit trail
    keeps both. Its manifest's sequence is kept beside it, to refuse an older one after it.
    """
    with store.transaction() as db:
        packages = db.table("packages")
        new_id = packages.insert({
            "unit_id": unit.id, "period": str(period), "file_name": file_name, "sha256": digest,
            "manifest": json.dumps(manifest, ensure_ascii=False), "imported_by": store.operator,
            "imported_at": now(), "sequence": manifest.get("sequence")}).last_pk
        if replaces is not None:
            packages.update(replaces, {"replaced_by": new_id})
        audit.record(store, "packages", f"{unit.code}/{period}",
                     "insert" if replaces is None else "update",
                     None if replaces is None else {"package": replaces},
                     {"package": new_id, "sha256": digest},
                     unit_code=unit.code, period=str(period))
