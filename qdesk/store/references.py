"""Reference figures (参照值): what a target like 高于全省平均 is judged against; set, cleared, read.

One figure per indicator and period, the office's own for every unit under it (a province's
average applies to all its counties), typed as text like an entry's value and kept with a note
of where it comes from (省局通报…). Every change is audited and returns `Changes`; a locked
period refuses it as it refuses an entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from qdesk.core.entries import check_reference_period, read_reference
from qdesk.core.errors import DamagedDatabaseError, InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Plan
from qdesk.core.targets import Target
from qdesk.store import audit
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store, now
from qdesk.store.locks import check_unlocked
from qdesk.store.plans import indicator_ids

TABLE = "reference_figures"


@dataclass(frozen=True)
class ReferenceInput:
    """A reference figure as typed for an indicator; a blank value clears the one stored."""

    indicator: str
    value: str | None
    note: str | None = None


@dataclass(frozen=True)
class ReferenceFigure:
    """A reference figure as stored: the decimal as typed, and where it comes from."""

    indicator: str
    period: Period
    value: Decimal
    note: str | None


def reference_codes(store: Store, plan: Plan, year: int) -> frozenset[str]:
    """The indicators judged against a reference in a year: by the plan's target, or by a
    unit's own target (目标责任书)."""
    codes = {i.code for i in plan.indicators
             if (t := i.target_for(year)) is not None and t.takes_reference}
    own = store.query(
        "SELECT i.code, t.year, t.expr FROM targets t JOIN indicators i ON i.id = t.indicator_id"
        " WHERE t.unit_id IS NOT NULL AND (t.year IS NULL OR t.year = ?)", [year])
    codes |= {row["code"] for row in own if Target.parse(row["expr"]).takes_reference}
    return frozenset(codes)


def check_reference(plan: Plan, period: Period, item: ReferenceInput,
                    taking: frozenset[str]) -> tuple[Indicator, Decimal | None]:
    """Every rule a reference figure must pass: a known indicator whose target in the period's
    year takes a reference, a period it is judged in, a figure of its kind (None clears)."""
    indicator = plan.indicator(item.indicator)
    if indicator is None:
        raise InputError(msg("unknown indicator code {code!r}", "指标代码“{code}”不存在",
                             code=item.indicator))
    if indicator.code not in taking:
        target = indicator.target_for(period.year)
        raise InputError(Problem(msg(
            "the target of {code} in {year} ({target}) is not judged against a reference figure",
            "{code}{year}年的目标（{target}）不与参照值比较，无需填写参照值",
            code=indicator.code, year=period.year,
            target=target.label(indicator.unit) if target else "—"), field="reference"))
    check_reference_period(plan, indicator, period)
    if item.value is None or not item.value.strip():
        return indicator, None
    return indicator, read_reference(indicator, item.value)


def set_references(store: Store, plan: Plan, period: Period,
                   items: Sequence[ReferenceInput]) -> Changes:
    """Check and write reference figures of one period in one transaction, each change audited.

    Nothing is written unless every item passes; a locked period is refused. Inside the
    caller's transaction (the entry grid saves figures and references together) it is a part.
    """
    if not items:
        return NOTHING
    taking = reference_codes(store, plan, period.year)
    checked = [(check_reference(plan, period, item, taking), (item.note or "").strip() or None)
               for item in items]
    check_unlocked(store, period)
    ids = indicator_ids(store)
    stored = {row["indicator_id"]: row for row in store.query(
        f"SELECT indicator_id, value, note FROM {TABLE} WHERE period = ?", [str(period)])}
    changes: list[audit.Change] = []
    with store.transaction() as db:
        for (indicator, value), note in checked:
            old = stored.get(ids[indicator.code])
            before = None if old is None else {"value": old["value"], "note": old["note"]}
            after = None if value is None else {"value": str(value), "note": note}
            if before == after:
                continue
            if after is None:
                db.execute(f"DELETE FROM {TABLE} WHERE indicator_id = ? AND period = ?",
                           [ids[indicator.code], str(period)])
            else:
                db.execute(
                    f"INSERT INTO {TABLE} (indicator_id, period, value, note, updated_by,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (indicator_id, period)"
                    " DO UPDATE SET value = excluded.value, note = excluded.note,"
                    " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    [ids[indicator.code], str(period), str(value), note, store.operator, now()])
            changes.append(audit.Change(
                TABLE, f"{period}/{indicator.code}",
                "insert" if before is None else "delete" if after is None else "update",
                before, after, None, None, str(period)))
        audit.record_many(store, changes)
    return Changes.of(TABLE, "audit", periods=[period]) if changes else NOTHING


def reference_values(store: Store, period: Period) -> dict[str, Fraction]:
    """The reference figures of a period, exactly: indicator code -> value."""
    return {row["code"]: Fraction(_stored(store, row)) for row in store.query(
        f"SELECT i.code, r.period, r.value FROM {TABLE} r JOIN indicators i"
        " ON i.id = r.indicator_id WHERE r.period = ?", [str(period)])}


def _stored(store: Store, row: dict[str, Any]) -> Decimal:
    """A stored reference figure, refused as damage when it is no number (written there outside
    qdesk, as with the sqlite3 shell)."""
    try:
        value = Decimal(row["value"])
        if value.is_finite():
            return value
    except (ArithmeticError, TypeError, ValueError):
        pass
    raise DamagedDatabaseError(msg(
        "the reference figure of {code} for {period} is not a number ({value}): the database "
        "was changed outside qdesk. Run `qdesk check`, and restore a good backup "
        "(`qdesk restore`) or enter the figure again",
        "指标{code}{period}的参照值不是数字（{value}），数据库曾在qdesk之外被改动。"
        "请运行 qdesk check 检查，并恢复完好的备份（qdesk restore）或重新填写该参照值",
        code=row["code"], period=row["period"], value=row["value"]), source=str(store.path))


def reference_figures(store: Store, period: Period | None = None) -> list[ReferenceFigure]:
    """The reference figures stored, of one period or of all, by period, then in plan order."""
    where, args = ("WHERE r.period = ?", [str(period)]) if period else ("", [])
    rows = store.query(
        f"SELECT i.code, r.period, r.value, r.note FROM {TABLE} r"
        f" JOIN indicators i ON i.id = r.indicator_id {where} ORDER BY r.period, i.position", args)
    return [ReferenceFigure(row["code"], Period.parse(row["period"]), _stored(store, row),
                            row["note"]) for row in rows]
