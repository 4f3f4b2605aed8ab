"""Submissions (报送): a report or package sent upward for a period, which locks that period."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Period
from qdesk.store.database import Store, insert_row, now
from qdesk.store.locks import lock_period
from qdesk.store.units import Unit

# A settings row per package being made: the file it is written to until it takes its name.
_PENDING = "pending_package:"


@dataclass(frozen=True)
class Pending:
    """A package between its temporary file and its name; `submission` once it is recorded."""

    key: str
    temporary: Path
    out: Path
    submission: int | None = None


def note_pending(store: Store, temporary: Path, out: Path) -> Pending:
    """Note the temporary file before it is created, so that a kill leaves nothing unknown."""
    pending = Pending(_PENDING + secrets.token_hex(8), Path(temporary).absolute(),
                      Path(out).absolute())
    _write_note(store, pending)
    return pending


def pending_packages(store: Store) -> list[Pending]:
    notes = []
    for row in store.query("SELECT key, value FROM settings WHERE key LIKE ? ORDER BY key",
                           [_PENDING + "%"]):
        value = json.loads(row["value"])
        notes.append(Pending(row["key"], Path(value["temporary"]), Path(value["out"]),
                             value.get("submission")))
    return notes


def clear_pending(store: Store, pending: Pending) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM settings WHERE key = ?", [pending.key])


def _write_note(store: Store, pending: Pending) -> None:
    value = json.dumps({"temporary": str(pending.temporary), "out": str(pending.out),
                        "submission": pending.submission}, ensure_ascii=False)
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                   [pending.key, value])


def record_submission(store: Store, unit: Unit, period: Period, report: ReportKind,
                      file_name: str | None = None, sha256: str | None = None,
                      pending: Pending | None = None) -> int:
    """Record that a report went upward and lock its period, in one transaction.

    A period submitted before (and since unlocked) is marked as a correction (更正). With
    `pending`, its note names the submission in the same transaction, so that the package's
    file is put in place at next opening if this process stops before it does.
    """
    with store.transaction() as db:
        earlier = db.execute("SELECT count(*) FROM submissions WHERE unit_id = ? AND period = ?",
                             [unit.id, str(period)]).fetchone()[0]
        submission = insert_row(db, "submissions", {
            "unit_id": unit.id, "period": str(period), "report": report.value,
            "correction": int(earlier > 0), "file_name": file_name, "sha256": sha256,
            "created_by": store.operator, "created_at": now()})
        lock_period(store, period, submission)
        if pending is not None:
            _write_note(store, Pending(pending.key, pending.temporary, pending.out, submission))
    return submission


def recorded_digest(store: Store, submission: int) -> str | None:
    row = store.execute("SELECT sha256 FROM submissions WHERE id = ?", [submission]).fetchone()
    return row[0] if row else None


def locked_by(store: Store, submission: int) -> Period | None:
    """The period a submission holds locked, if it still does."""
    row = store.execute("SELECT period FROM locks WHERE submission_id = ? AND unlocked_at IS NULL",
                        [submission]).fetchone()
    return Period.parse(row[0]) if row else None


def submitted_reports(store: Store, unit: Unit) -> set[tuple[ReportKind, Period]]:
    return {(ReportKind(r["report"]), Period.parse(r["period"])) for r in store.query(
        "SELECT DISTINCT report, period FROM submissions WHERE unit_id = ?", [unit.id])}
