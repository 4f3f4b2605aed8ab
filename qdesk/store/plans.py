"""The plan in the database: saving a checked Plan or a new version of it, reading it back."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qdesk.core.assessment import Scheme, scheme_from_record, scheme_record
from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency
from qdesk.core.plan import (Deadline, Indicator, Kind, OverTime, OverUnits, Plan, Source,
                             WarnRules)
from qdesk.core.plausibility import warn_rules_from_record, warn_rules_record
from qdesk.core.plan_changes import PlanChanges, compare, indicator_record, task_record
from qdesk.core.tasks import Task
from qdesk.core.targets import Target, resolve
from qdesk.store import audit
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store, insert_row, now
from qdesk.store.units import Unit, unit_by_id

if TYPE_CHECKING:
    from sqlite_utils import Database


def save_plan(store: Store, plan: Plan, template_text: str) -> None:
    """Store a plan with its indicators, targets and deadlines, in one transaction."""
    with store.transaction() as db:
        db.table("plans").insert({**_plan_row(plan), "template": template_text,
                                  "loaded_at": now()})
        for d in plan.deadlines:
            db.table("deadlines").insert(_deadline_row(plan.id, d))
        for position, ind in enumerate(plan.indicators):
            _insert_targets(db, insert_row(db, "indicators", _indicator_row(plan.id, position, ind)),
                            ind)
        for position, task in enumerate(plan.tasks):
            db.table("tasks").insert(_task_row(plan.id, position, task))
        db.table("settings").upsert({"key": "plan_id", "value": plan.id}, pk="key")


def _plan_row(plan: Plan) -> dict[str, Any]:
    return {"id": plan.id, "title": plan.title, "doc_number": plan.doc_number,
            "issuer": plan.issuer, "start_year": plan.start_year, "end_year": plan.end_year,
            "rounding": plan.rounding.value, "judge": plan.judge.value,
            "assessment": _scheme_json(plan.assessment),
            "warn_rules": _warn_rules_json(plan.warn_rules)}


def _warn_rules_json(rules: WarnRules) -> str | None:
    """None for the defaults, so a plan without rules reads as one loaded before they were."""
    return None if rules == WarnRules() else json.dumps(warn_rules_record(rules),
                                                        ensure_ascii=False, sort_keys=True)


def _scheme_json(scheme: Scheme | None) -> str | None:
    return None if scheme is None else json.dumps(scheme_record(scheme), ensure_ascii=False,
                                                  sort_keys=True)


def _deadline_row(plan_id: str, d: Deadline) -> dict[str, Any]:
    return {"plan_id": plan_id, "report": d.report.value, "day": d.day,
            "months_after": d.months_after, "month": d.month}


def _indicator_row(plan_id: str, position: int, ind: Indicator) -> dict[str, Any]:
    return {"plan_id": plan_id, "position": position, "code": ind.code, "name": ind.name,
            "category": ind.category, "kind": ind.kind.value, "unit": ind.unit,
            "decimals": ind.decimals, "frequency": ind.frequency.value,
            "over_units": ind.over_units.value, "over_time": ind.over_time.value,
            "numerator_label": ind.numerator, "denominator_label": ind.denominator,
            "responsible": ind.responsible, "note": ind.note, "source": ind.source.value,
            "retired": int(ind.retired)}


def _task_row(plan_id: str, position: int, task: Task) -> dict[str, Any]:
    return {"plan_id": plan_id, "position": position, "code": task.code, "text": task.text,
            "category": task.category, "lead": task.lead,
            "deadline": None if task.deadline is None else task.deadline.isoformat()}


def _insert_targets(db: Database, row_id: int, ind: Indicator) -> None:
    """The plan's own targets of an indicator: its standing one and those of single years."""
    if ind.target is not None:
        db.table("targets").insert({"indicator_id": row_id, "expr": str(ind.target)})
    for year, target in sorted(ind.targets.items()):
        db.table("targets").insert({"indicator_id": row_id, "year": year, "expr": str(target)})


def load_plan(store: Store) -> Plan:
    """The database's plan, as core objects."""
    head = next(store.query(
        "SELECT p.* FROM plans p JOIN settings s ON s.key = 'plan_id' AND s.value = p.id"), None)
    if head is None:
        raise InputError(msg("the database holds no plan", "数据库中没有方案"))
    plan_targets: dict[int, dict[int | None, Target]] = defaultdict(dict)
    for t in store.query("SELECT indicator_id, year, expr FROM targets WHERE unit_id IS NULL"):
        plan_targets[t["indicator_id"]][t["year"]] = Target.parse(t["expr"])
    indicators = []
    for i in store.query("SELECT * FROM indicators WHERE plan_id = ? ORDER BY position",
                            [head["id"]]):
        targets = plan_targets[i["id"]]
        indicators.append(Indicator(
            i["code"], i["name"], i["category"], Kind(i["kind"]), i["unit"], i["decimals"],
            Frequency(i["frequency"]), targets.get(None), OverUnits(i["over_units"]),
            OverTime(i["over_time"]), {y: t for y, t in targets.items() if y is not None},
            i["numerator_label"], i["denominator_label"], i["responsible"], i["note"],
            Source(i["source"]), bool(i["retired"])))
    deadlines = [Deadline(ReportKind(d["report"]), d["day"], d["months_after"], d["month"])
                 for d in store.query("SELECT * FROM deadlines WHERE plan_id = ? ORDER BY id",
                                         [head["id"]])]
    tasks = [Task(t["code"], t["text"], t["category"], t["lead"],
                  dt.date.fromisoformat(t["deadline"]) if t["deadline"] else None)
             for t in store.query("SELECT * FROM tasks WHERE plan_id = ? ORDER BY position",
                                  [head["id"]])]
    return Plan(head["id"], head["title"], head["start_year"], head["end_year"],
                tuple(indicators), tuple(deadlines), Rounding(head["rounding"]),
                Judge(head["judge"]), head["doc_number"], head["issuer"], tuple(tasks),
                scheme_from_record(json.loads(head["assessment"])) if head["assessment"] else None,
                warn_rules_from_record(json.loads(head["warn_rules"])) if head["warn_rules"]
                else WarnRules())


def stored_template(store: Store) -> str:
    """The template text the database's plan was last loaded from (its comments kept)."""
    row = next(store.query("SELECT p.template FROM plans p JOIN settings s"
                           " ON s.key = 'plan_id' AND s.value = p.id"), None)
    if row is None:
        raise InputError(msg("the database holds no plan", "数据库中没有方案"))
    return str(row["template"])


def indicator_ids(store: Store) -> dict[str, int]:
    """Indicator code -> row id, for the database's plan."""
    return {r["code"]: r["id"] for r in store.query(
        "SELECT i.code, i.id FROM indicators i JOIN settings s"
        " ON s.key = 'plan_id' AND s.value = i.plan_id")}


def unit_targets(store: Store, unit_id: int) -> dict[str, dict[int | None, Target]]:
    """A unit's own targets (目标责任书): indicator code -> {year or None: target}."""
    return unit_targets_of(store, [unit_id]).get(unit_id, {})


def unit_targets_of(store: Store, unit_ids: list[int]
                    ) -> dict[int, dict[str, dict[int | None, Target]]]:
    """Several units' own targets in one query: unit id -> indicator code -> {year: target}."""
    result: dict[int, dict[str, dict[int | None, Target]]] = defaultdict(
        lambda: defaultdict(dict))
    for t in store.query(
            "SELECT t.unit_id, i.code, t.year, t.expr FROM targets t JOIN indicators i"
            " ON i.id = t.indicator_id WHERE t.unit_id IN (SELECT value FROM json_each(?))",
            [json.dumps(unit_ids)]):
        result[t["unit_id"]][t["code"]][t["year"]] = Target.parse(t["expr"])
    return {unit: dict(codes) for unit, codes in result.items()}


@dataclass(frozen=True)
class UnitTarget:
    """A unit's own target (目标责任书) for an indicator: in one year, or (year None) every year."""

    unit: Unit
    indicator: str
    target: Target
    year: int | None = None


def plan_target(store: Store, indicator: str, year: int | None = None) -> Target | None:
    """The plan's target for an indicator in a year, or its standing target (year None)."""
    by_year: dict[int | None, Target] = {t["year"]: Target.parse(t["expr"]) for t in store.query(
        "SELECT t.year, t.expr FROM targets t JOIN indicators i ON i.id = t.indicator_id"
        " JOIN settings s ON s.key = 'plan_id' AND s.value = i.plan_id"
        " WHERE i.code = ? AND t.unit_id IS NULL", [indicator])}
    standing = by_year.pop(None, None)
    if year is None:
        return standing
    return resolve(standing, {y: t for y, t in by_year.items() if y is not None}, year)


def set_unit_target(store: Store, unit_id: int, unit_code: str, indicator: str,
                    expr: str, year: int | None = None) -> Changes:
    """A unit's own target for an indicator (every year, or one year), checked and audited.

    A bare number takes the comparison of the plan's target: 91 under >= 90 is >= 91.
    """
    ids = indicator_ids(store)
    if indicator not in ids:
        raise InputError(msg("unknown indicator code {code!r}", "指标代码“{code}”不存在",
                             code=indicator))
    target = Target.parse(expr, like=plan_target(store, indicator, year))
    return write_unit_targets(store, [UnitTarget(unit_by_id(store, unit_id), indicator, target,
                                                 year)])


def write_unit_targets(store: Store, targets: Sequence[UnitTarget]) -> Changes:
    """Units' own targets in one transaction, each change audited; one already so is left alone."""
    ids = indicator_ids(store)
    unknown = sorted({t.indicator for t in targets} - ids.keys())
    if unknown:
        raise InputError(msg("unknown indicator code {code!r}", "指标代码“{code}”不存在",
                             code=unknown[0]))
    stored = {(t["indicator_id"], t["unit_id"], t["year"]): (t["id"], t["expr"])
              for t in store.query(
                  "SELECT id, indicator_id, unit_id, year, expr FROM targets"
                  " WHERE unit_id IN (SELECT value FROM json_each(?))",
                  [json.dumps(sorted({t.unit.id for t in targets}))])}
    changed: list[UnitTarget] = []
    with store.transaction() as db:
        for t in targets:
            expr = str(t.target)
            old = stored.get((ids[t.indicator], t.unit.id, t.year))
            if old is not None and Target.parse(old[1]) == t.target:
                continue
            if old is None:
                db.table("targets").insert({"indicator_id": ids[t.indicator],
                                            "unit_id": t.unit.id, "year": t.year, "expr": expr})
            else:
                db.table("targets").update(old[0], {"expr": expr})
            audit.record(store, "targets", f"{t.unit.code}/{t.indicator}/{t.year or '*'}",
                         "insert" if old is None else "update",
                         None if old is None else {"expr": old[1]}, {"expr": expr},
                         unit_code=t.unit.code)
            changed.append(t)
    if not changed:
        return NOTHING
    return Changes.of("targets", "audit", units=sorted({t.unit.code for t in changed}))


# --- a new version of the plan -------------------------------------------------------------------

def figure_years(store: Store, plan_id: str) -> dict[str, tuple[int, int]]:
    """Indicator code -> the first and the last year it has figures in, for those that have any."""
    return {r["code"]: (int(r["first"]), int(r["last"])) for r in store.query(
        "SELECT i.code, min(substr(e.period, 1, 4)) AS first, max(substr(e.period, 1, 4)) AS last"
        " FROM entries e JOIN indicators i ON i.id = e.indicator_id WHERE i.plan_id = ?"
        " GROUP BY i.code", [plan_id])}


def tasks_with_progress(store: Store, plan_id: str) -> set[str]:
    """The codes of the plan's tasks that have a ledger row for any unit and period."""
    return {r["code"] for r in store.query(
        "SELECT DISTINCT t.code FROM tasks t JOIN task_progress p ON p.task_id = t.id"
        " WHERE t.plan_id = ?", [plan_id])}


def task_ids(store: Store) -> dict[str, int]:
    """Task code -> row id, for the database's plan."""
    return {r["code"]: r["id"] for r in store.query(
        "SELECT t.code, t.id FROM tasks t JOIN settings s"
        " ON s.key = 'plan_id' AND s.value = t.plan_id")}


def check_plan_update(store: Store, plan: Plan) -> PlanChanges:
    """What putting `plan`, a new version of the database's plan, in its place would change.

    Refused (InputError naming every reason) for another plan, or where the figures already
    entered forbid it: an indicator with figures removed, or its kind, unit or frequency
    changed; the span shrunk over figures; a task with progress recorded removed.
    """
    changes = compare(load_plan(store), plan)
    problems = changes.refusals(figure_years(store, changes.old.id),
                                tasks_with_progress(store, changes.old.id))
    if problems:
        raise InputError(*problems)
    return changes


def update_plan(store: Store, plan: Plan, template_text: str) -> Changes:
    """Put a new version of the database's plan in its place, keeping every figure: checked as
    check_plan_update checks it, written and audited in one transaction. Indicators keep their
    rows (and so their figures) by code."""
    with store.transaction() as db:
        changes = check_plan_update(store, plan)
        if not changes and changes.old.assessment == plan.assessment \
                and changes.old.warn_rules == plan.warn_rules:
            return NOTHING
        ids = indicator_ids(store)
        trail: list[audit.Change] = []
        db.table("plans").update(plan.id, {**_plan_row(plan), "template": template_text,
                                           "loaded_at": now()})
        head_old = {key: old for key, (old, _) in changes.head.items()}
        head_new = {key: new for key, (_, new) in changes.head.items()}
        if changes.reordered:
            head_old["order"] = " ".join(i.code for i in changes.old.indicators)
            head_new["order"] = " ".join(i.code for i in plan.indicators)
        scheme_old, scheme_new = (_scheme_json(changes.old.assessment),
                                  _scheme_json(plan.assessment))
        if scheme_old != scheme_new:
            head_old["assessment"], head_new["assessment"] = scheme_old, scheme_new
        rules_old, rules_new = (_warn_rules_json(changes.old.warn_rules),
                                _warn_rules_json(plan.warn_rules))
        if rules_old != rules_new:
            head_old["warn_rules"], head_new["warn_rules"] = rules_old, rules_new
        if head_new:
            trail.append(audit.Change("plans", plan.id, "update", head_old, head_new))
        db.execute("DELETE FROM deadlines WHERE plan_id = ?", [plan.id])
        for d in plan.deadlines:
            db.table("deadlines").insert(_deadline_row(plan.id, d))
        for report, (old, new) in changes.deadlines.items():
            action = "insert" if old is None else "delete" if new is None else "update"
            trail.append(audit.Change("deadlines", report, action, old, new))
        for code in changes.removed:
            trail.extend(_remove_indicator(store, ids[code], code))
            trail.append(audit.Change("indicators", code, "delete",
                                      indicator_record(_indicator(changes.old, code)), None))
        for position, ind in enumerate(plan.indicators):
            row = _indicator_row(plan.id, position, ind)
            if ind.code in ids:
                db.table("indicators").update(ids[ind.code], row)
                db.execute("DELETE FROM targets WHERE indicator_id = ? AND unit_id IS NULL",
                           [ids[ind.code]])
                _insert_targets(db, ids[ind.code], ind)
            else:
                _insert_targets(db, insert_row(db, "indicators", row), ind)
                trail.append(audit.Change("indicators", ind.code, "insert", None,
                                          indicator_record(ind)))
        for code, difference in changes.changed.items():
            trail.append(audit.Change("indicators", code, "update",
                                      {key: old for key, (old, _) in difference.items()},
                                      {key: new for key, (_, new) in difference.items()}))
        trail.extend(_update_tasks(store, plan, changes))
        audit.record_many(store, trail)
    return Changes.of("plans", "indicators", "targets", "deadlines", "tasks", "audit")


def _update_tasks(store: Store, plan: Plan, changes: PlanChanges) -> list[audit.Change]:
    """Write the new version's tasks, keeping each one's row (and so its ledger) by code."""
    ids = task_ids(store)
    trail: list[audit.Change] = []
    for code in changes.tasks_removed:
        store.execute("DELETE FROM tasks WHERE id = ?", [ids[code]])
        old = changes.old.task(code)
        assert old is not None, f"{code} was compared as one of the plan's tasks"
        trail.append(audit.Change("tasks", code, "delete", task_record(old), None))
    for position, task in enumerate(plan.tasks):
        row = _task_row(plan.id, position, task)
        if task.code in ids:
            store.db.table("tasks").update(ids[task.code], row)
        else:
            store.db.table("tasks").insert(row)
            trail.append(audit.Change("tasks", task.code, "insert", None, task_record(task)))
    for code, difference in (changes.tasks_changed or {}).items():
        trail.append(audit.Change("tasks", code, "update",
                                  {key: old for key, (old, _) in difference.items()},
                                  {key: new for key, (_, new) in difference.items()}))
    return trail


def _indicator(plan: Plan, code: str) -> Indicator:
    found = plan.indicator(code)
    assert found is not None, f"{code} was compared as one of the plan's indicators"
    return found


def _remove_indicator(store: Store, row_id: int, code: str) -> list[audit.Change]:
    """Delete an indicator that has no figures, with the units' own targets and the reference
    figures for it (audited)."""
    removed = [audit.Change("targets", f"{t['unit_code']}/{code}/{t['year'] or '*'}", "delete",
                            {"expr": t["expr"]}, None, unit_code=t["unit_code"])
               for t in store.query("SELECT u.code AS unit_code, t.year, t.expr FROM targets t"
                                    " JOIN units u ON u.id = t.unit_id WHERE t.indicator_id = ?",
                                    [row_id])]
    removed += [audit.Change("reference_figures", f"{r['period']}/{code}", "delete",
                             {"value": r["value"], "note": r["note"]}, None, period=r["period"])
                for r in store.query("SELECT period, value, note FROM reference_figures"
                                     " WHERE indicator_id = ?", [row_id])]
    store.execute("DELETE FROM targets WHERE indicator_id = ?", [row_id])
    store.execute("DELETE FROM reference_figures WHERE indicator_id = ?", [row_id])
    store.execute("DELETE FROM indicators WHERE id = ?", [row_id])
    return removed
