"""The superior's review of what subordinate units send: each package 待审核, 已审核 or 已退回."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store, now
from qdesk.store.units import Unit, find_unit, units_by_code


class Review(str, Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @property
    def label_zh(self) -> str:
        return {"pending": "待审核", "accepted": "已审核", "returned": "已退回"}[self.value]

    @property
    def label_en(self) -> str:
        return {"pending": "to review", "accepted": "accepted", "returned": "returned"}[self.value]


@dataclass(frozen=True)
class PackageReview:
    """The review of the package that stands for a unit and period (not replaced since)."""

    unit: Unit
    period: Period
    package: int
    state: Review
    reason: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None

    @property
    def label_zh(self) -> str:
        """已审核, 待审核, or 已退回：the reason, as the completeness table shows it."""
        if self.state is Review.RETURNED:
            return f"{self.state.label_zh}：{self.reason}"
        return self.state.label_zh


_COLUMNS = "id, unit_id, period, review, review_reason, reviewed_by, reviewed_at"


def _reviews(store: Store, where: str, args: list[object]) -> list[PackageReview]:
    rows = store.execute(f"SELECT {_COLUMNS} FROM packages WHERE replaced_by IS NULL{where}"
                         " ORDER BY period, unit_id", args).fetchall()
    if not rows:        # the overview asks on every period: most offices import no package
        return []
    units = {u.id: u for u in units_by_code(store).values()}
    return [PackageReview(units[r[1]], Period.parse(r[2]), r[0], Review(r[3]), *r[4:])
            for r in rows]


def reviews_of(store: Store, period: Period) -> dict[int, PackageReview]:
    """Unit id -> the review of its standing package for the period, for every unit that has one."""
    return {r.unit.id: r for r in _reviews(store, " AND period = ?", [str(period)])}


def returned_packages(store: Store) -> list[PackageReview]:
    """Every unit and period whose standing package was returned: the office waits for its
    correction (已退回，待重报), oldest period first."""
    return _reviews(store, " AND review = ?", [Review.RETURNED.value])


def review_package(store: Store, unit_code: str, period: Period, decision: Review,
                   reason: str = "") -> Changes:
    """Mark the unit's standing package for the period accepted (已审核) or returned (已退回)
    with a reason, in one transaction with its audit row.

    Returning needs a reason; a unit and period with no package imported is refused, as is
    putting a package back to 待审核 (only its correction does that). The same decision again
    changes nothing.
    """
    reason = reason.strip()
    if decision is Review.PENDING:
        raise InputError(msg("a package is reviewed as accepted or returned",
                             "审核结果只能是审核通过或退回"))
    if decision is Review.RETURNED and not reason:
        raise InputError(msg("give the reason the package is returned (--reason)",
                             "退回数据包须说明退回理由（--reason）"))
    unit = find_unit(store, unit_code)
    standing = reviews_of(store, period).get(unit.id)
    if standing is None:
        raise InputError(msg("no package of {unit} for {period} has been imported: there is "
                             "nothing to review", "尚未导入{unit}{period}的数据包，无可审核",
                             unit=unit.name, period=period.label_zh()))
    kept = reason if decision is Review.RETURNED else None
    if standing.state is decision and standing.reason == kept:
        return NOTHING
    with store.transaction() as db:
        db.execute("UPDATE packages SET review = ?, review_reason = ?, reviewed_by = ?,"
                   " reviewed_at = ? WHERE id = ?",
                   [decision.value, kept, store.operator, now(), standing.package])
        audit.record(store, "packages", f"{unit.code}/{period}", "update",
                     {"package": standing.package, "review": standing.state.value},
                     {"package": standing.package, "review": decision.value},
                     reason=kept, unit_code=unit.code, period=str(period))
    return Changes.of("packages", "audit", units=[unit.code], periods=[period])
