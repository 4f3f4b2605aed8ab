"""Locked periods: once a period is submitted its figures stand until someone unlocks it, with a reason."""

from __future__ import annotations

from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.database import Store, now


def active_locks(store: Store) -> list[Period]:
    return [Period.parse(r["period"]) for r in store.query(
        "SELECT period FROM locks WHERE unlocked_at IS NULL")]


def locking_period(store: Store, period: Period) -> Period | None:
    """The submitted period that holds an entry of `period` fixed, if any.

    A submission fixes what its report shows (Period.reports).
    """
    return next((lock for lock in active_locks(store) if lock.reports(period)), None)


def check_unlocked(store: Store, period: Period) -> None:
    lock = locking_period(store, period)
    if lock is not None:
        raise LockedPeriodError(msg(
            "{period} is locked: {lock} has been submitted; unlock it (with a reason) to change it",
            "{period_zh}已锁定：{lock_zh}已报送，如需修改请先解锁（需说明理由）",
            period=str(period), lock=str(lock), period_zh=period.label_zh(),
            lock_zh=lock.label_zh()))


def lock_period(store: Store, period: Period, submission_id: int | None = None) -> None:
    """Fix a period's figures, inside the caller's transaction if there is one."""
    with store.transaction() as db:
        db.table("locks").insert({"period": str(period), "submission_id": submission_id,
                                  "locked_by": store.operator, "locked_at": now()})
        audit.record(store, "locks", str(period), "insert", None, {"locked": True},
                     period=str(period))


def unlock_period(store: Store, period: Period, reason: str) -> None:
    """Open a submitted period again; the reason is required and kept."""
    if not reason or not reason.strip():
        raise InputError(msg("unlocking needs a reason", "解锁必须说明理由"))
    with store.transaction() as db:
        rows = list(db.query("SELECT id FROM locks WHERE period = ? AND unlocked_at IS NULL",
                             [str(period)]))
        if not rows:
            raise InputError(msg("{period} is not locked", "{label}未锁定", period=str(period),
                                 label=period.label_zh()))
        for row in rows:
            db.table("locks").update(row["id"], {"unlocked_by": store.operator,
                                                 "unlocked_at": now(),
                                                 "unlock_reason": reason.strip()})
        audit.record(store, "locks", str(period), "update", {"locked": True},
                     {"locked": False}, reason=reason.strip(), period=str(period))
