"""The task ledger in the database: each task's status, progress and done day per unit and period.

Whose row it is: `unit_id` is the unit whose work the task is. The office's own ledger is kept on
the office's own unit: the task's lead (a member unit) fills it on its returned sheet, but the row
is the office's. A subordinate unit (a township) that keeps a ledger has rows of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.core.tasks import TaskProgress, TaskStatus, done_day_problems
from qdesk.store import audit
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store, now
from qdesk.store.locks import check_unlocked
from qdesk.store.plans import task_ids
from qdesk.store.units import not_on_roll, units_by_code

_FIELDS_JSON = audit.values_json("status", "progress", "done_on")


def task_progress(store: Store, period: Period,
                  unit_ids: Sequence[int] | None = None) -> list[TaskProgress]:
    """The ledger rows of a period, of every unit or of those given, in the plan's task order."""
    sql = ("SELECT t.code, u.code AS unit_code, p.status, p.progress, p.done_on"
           " FROM task_progress p JOIN tasks t ON t.id = p.task_id"
           " JOIN units u ON u.id = p.unit_id"
           " JOIN settings s ON s.key = 'plan_id' AND s.value = t.plan_id WHERE p.period = ?")
    args: list[object] = [str(period)]
    if unit_ids is not None:
        sql += " AND p.unit_id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(list(unit_ids)))
    return [TaskProgress(r["code"], r["unit_code"], period, TaskStatus(r["status"]),
                         r["progress"], dt.date.fromisoformat(r["done_on"]) if r["done_on"]
                         else None)
            for r in store.query(sql + " ORDER BY u.position, u.id, t.position", args)]


def progress_problems(plan: Plan, row: TaskProgress, today: dt.date) -> list[Problem]:
    """Every rule a ledger row must pass, each refusal naming its field: a task of the plan, a
    period of the plan, and a status with its done day (core.tasks.done_day_problems)."""
    problems = []
    if plan.task(row.task) is None:
        problems.append(Problem(msg("unknown task code {code!r}", "任务代码“{code}”不存在",
                                    code=row.task), field="task"))
    if not plan.covers(row.period.year):
        problems.append(Problem(msg("period {period} is outside the plan ({start}–{end})",
                                    "报告期{period}不在方案年限（{start}—{end}年）内",
                                    period=str(row.period), start=plan.start_year,
                                    end=plan.end_year), field="period"))
    return problems + done_day_problems(row.status, row.done_on, row.period, today)


def write_progress(store: Store, plan: Plan, rows: Sequence[TaskProgress],
                   today: dt.date) -> Changes:
    """Write ledger rows in one transaction, each change audited; all or none.

    Refused whole (InputError naming every row and field) when any row breaks a rule of
    progress_problems, names an unknown unit or one retired before its period; a locked
    period is refused as entries are. A row already as given is left alone.
    """
    units = units_by_code(store)
    problems: list[Problem] = []
    for row in rows:
        where = f"{row.unit_code}/{row.period}/{row.task}"
        found = [*progress_problems(plan, row, today)]
        unit = units.get(row.unit_code)
        if unit is None:
            found.append(Problem(msg("unknown unit code {code!r}", "单位代码“{code}”不存在",
                                     code=row.unit_code), field="unit"))
        elif (retired := not_on_roll(unit, row.period)) is not None:
            found.append(Problem(retired, field="unit"))
        problems += [Problem(p.message, where, None, p.field) for p in found]
    if problems:
        raise InputError(*problems)
    for period in sorted({row.period for row in rows}, key=str):
        check_unlocked(store, period)
    ids = task_ids(store)
    stored = {(r["task_id"], r["unit_id"], r["period"]): (r["status"], r["progress"], r["done_on"])
              for r in store.query(
                  "SELECT task_id, unit_id, period, status, progress, done_on FROM task_progress"
                  " WHERE period IN (SELECT value FROM json_each(?))",
                  [json.dumps(sorted({str(row.period) for row in rows}))])}
    written: list[TaskProgress] = []
    trail: list[audit.Change] = []
    operator, at = store.operator, now()
    with store.transaction() as db:
        for row in rows:
            key = (ids[row.task], units[row.unit_code].id, str(row.period))
            new = (row.status.value, row.progress.strip(),
                   None if row.done_on is None else row.done_on.isoformat())
            old = stored.get(key)
            if old == new:
                continue
            db.execute(
                "INSERT INTO task_progress (task_id, unit_id, period, status, progress, done_on,"
                " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (task_id, unit_id, period) DO UPDATE SET status = excluded.status,"
                " progress = excluded.progress, done_on = excluded.done_on,"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                [*key, *new, operator, at])
            stored[key] = new
            trail.append(audit.Change("task_progress", f"{row.unit_code}/{row.period}/{row.task}",
                                      "insert" if old is None else "update",
                                      None if old is None else _FIELDS_JSON(old),
                                      _FIELDS_JSON(new), None, row.unit_code, str(row.period)))
            written.append(row)
        audit.record_many(store, trail)
    if not written:
        return NOTHING
    return Changes.of("task_progress", "audit", units=sorted({r.unit_code for r in written}),
                      periods={r.period for r in written})


def done_days(store: Store, unit_ids: list[int],
              through: dt.date) -> dict[int, dict[str, dt.date]]:
    """Unit id -> task code -> the earliest done day recorded for it on or before `through`."""
    result: dict[int, dict[str, dt.date]] = {}
    for r in store.query(
            "SELECT p.unit_id, t.code, min(p.done_on) AS day FROM task_progress p"
            " JOIN tasks t ON t.id = p.task_id"
            " JOIN settings s ON s.key = 'plan_id' AND s.value = t.plan_id"
            " WHERE p.unit_id IN (SELECT value FROM json_each(?)) AND p.done_on IS NOT NULL"
            " AND p.done_on <= ? GROUP BY p.unit_id, t.code",
            [json.dumps(unit_ids), through.isoformat()]):
        result.setdefault(r["unit_id"], {})[r["code"]] = dt.date.fromisoformat(r["day"])
    return result

