"""Submissions (报送): a report or package sent upward for a period, which locks that period."""

from __future__ import annotations

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Period
from qdesk.store.database import Store, now
from qdesk.store.locks import lock_period
from qdesk.store.units import Unit


def record_submission(store: Store, unit: Unit, period: Period, report: ReportKind,
                      file_name: str | None = None, sha256: str | None = None) -> int:
    """Record that a report went upward and lock its period, in one transaction.

    A period submitted before (and since unlocked) is marked as a correction (更正).
    """
    with store.transaction() as db:
        earlier = db.execute("SELECT count(*) FROM submissions WHERE unit_id = ? AND period = ?",
                             [unit.id, str(period)]).fetchone()[0]
        submission = db["submissions"].insert({
            "unit_id": unit.id, "period": str(period), "report": report.value,
            "correction": int(earlier > 0), "file_name": file_name, "sha256": sha256,
            "created_by": store.operator, "created_at": now()}).last_pk
        lock_period(store, period, submission)
    return submission


def submitted_reports(store: Store, unit: Unit) -> set[tuple[ReportKind, Period]]:
    return {(ReportKind(r["report"]), Period.parse(r["period"])) for r in store.query(
        "SELECT DISTINCT report, period FROM submissions WHERE unit_id = ?", [unit.id])}
