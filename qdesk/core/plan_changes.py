"""What a new version of a plan changes against the one in use, and what its figures forbid."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Mapping

from qdesk.core.i18n import Msg, msg
from qdesk.core.plan import Deadline, Indicator, Plan
from qdesk.core.tasks import Task

Value = str | int | None
Record = dict[str, Value]
Difference = dict[str, tuple[Value, Value]]

# What an indicator's figures are kept by: they are stored at its frequency and read as its kind
# in its unit, so none of these may change while it has figures.
HELD_BY_FIGURES = {"kind": msg("kind", "类型"), "unit": msg("unit", "计量单位"),
                    "frequency": msg("frequency", "填报频次")}


def plan_record(plan: Plan) -> Record:
    """The plan's own fields as the audit trail keeps them."""
    return {"id": plan.id, "title": plan.title, "doc_number": plan.doc_number,
            "issuer": plan.issuer, "start_year": plan.start_year, "end_year": plan.end_year,
            "rounding": plan.rounding.value, "judge": plan.judge.value}


def indicator_record(indicator: Indicator) -> Record:
    """An indicator's fields as the audit trail keeps them; targets as the template writes them."""
    return {"name": indicator.name, "category": indicator.category,
            "kind": indicator.kind.value, "unit": indicator.unit,
            "decimals": indicator.decimals, "frequency": indicator.frequency.value,
            "target": None if indicator.target is None else str(indicator.target),
            "targets": "; ".join(f"{year}: {target}"
                                 for year, target in sorted(indicator.targets.items())) or None,
            "over_units": indicator.over_units.value, "over_time": indicator.over_time.value,
            "numerator": indicator.numerator, "denominator": indicator.denominator,
            "responsible": indicator.responsible, "note": indicator.note,
            "source": indicator.source.value, "retired": indicator.retired}


def task_record(task: Task) -> Record:
    """A task's fields as the audit trail keeps them."""
    return {"text": task.text, "category": task.category, "lead": task.lead,
            "deadline": None if task.deadline is None else task.deadline.isoformat()}


def deadline_record(deadline: Deadline) -> Record:
    return {"day": deadline.day, "months_after": deadline.months_after, "month": deadline.month}


def _difference(old: Record | None, new: Record | None) -> Difference:
    old, new = old or {}, new or {}
    return {key: (old.get(key), new.get(key)) for key in {**old, **new}
            if old.get(key) != new.get(key)}


@dataclass(frozen=True)
class PlanChanges:
    """The differences between the plan in use (old) and a new version of it (new)."""

    old: Plan
    new: Plan
    head: Difference                    # the plan's own fields
    added: tuple[str, ...]              # indicator codes, in the new plan's order
    removed: tuple[str, ...]            # indicator codes, in the old plan's order
    changed: dict[str, Difference]      # indicator code -> its fields that changed
    reordered: bool                     # the indicators both hold stand in another order
    deadlines: dict[str, tuple[Record | None, Record | None]]  # report -> (old, new)
    tasks_added: tuple[str, ...] = ()           # task codes, in the new plan's order
    tasks_removed: tuple[str, ...] = ()         # task codes, in the old plan's order
    tasks_changed: dict[str, Difference] | None = None
    tasks_reordered: bool = False

    def __bool__(self) -> bool:
        return bool(self.head or self.added or self.removed or self.changed or self.reordered
                    or self.deadlines or self.tasks_added or self.tasks_removed
                    or self.tasks_changed or self.tasks_reordered)

    def refusals(self, figure_years: Mapping[str, tuple[int, int]],
                 tasks_with_progress: Collection[str] = ()) -> list[Msg]:
        """Why the new version cannot replace the old over these figures: indicator code ->
        (first, last) year it has figures in, and the codes of the tasks with progress recorded.
        Empty when it can."""
        problems: list[Msg] = []
        for code in self.tasks_removed:
            if code in tasks_with_progress:
                problems.append(msg(
                    "task {code} has progress recorded and cannot be removed: keep it in the "
                    "template", "任务{code}已有进展记录，不能删除：请在模板中保留该任务", code=code))
        if self.old.id != self.new.id:
            problems.append(msg(
                "the template is plan {new!r}, not the database's plan {old!r}: an update is a "
                "new version of the same plan (same id)",
                "模板中的方案编号为“{new}”，而数据库的方案为“{old}”：更新只能用同一方案（编号相同）的新版本",
                new=self.new.id, old=self.old.id))
        for code in self.removed:
            if code in figure_years:
                problems.append(msg(
                    "indicator {code} has figures and cannot be removed: keep it in the template",
                    "指标{code}已有填报数据，不能删除：请在模板中保留该指标", code=code))
        for code, difference in self.changed.items():
            if code not in figure_years:
                continue
            for key, label in HELD_BY_FIGURES.items():
                if key in difference:
                    old, new = difference[key]
                    problems.append(msg(
                        "indicator {code} has figures: its {field_en} cannot change "
                        "({old} → {new})",
                        "指标{code}已有填报数据，不能修改其{field_zh}（{old} → {new}）",
                        code=code, field_en=label.en, field_zh=label.zh, old=str(old),
                        new=str(new)))
        if figure_years:
            first = min(years[0] for years in figure_years.values())
            last = max(years[1] for years in figure_years.values())
            if self.new.start_year > first or self.new.end_year < last:
                problems.append(msg(
                    "the plan's years {start}–{end} would leave out figures of {first}–{last}",
                    "方案年限{start}—{end}年不能覆盖已有的{first}—{last}年填报数据",
                    start=self.new.start_year, end=self.new.end_year, first=first, last=last))
        return problems


def compare(old: Plan, new: Plan) -> PlanChanges:
    """What replacing the plan `old` by its new version `new` changes."""
    old_codes = [i.code for i in old.indicators]
    new_codes = [i.code for i in new.indicators]
    kept = set(old_codes) & set(new_codes)
    changed = {}
    for indicator in new.indicators:
        previous = old.indicator(indicator.code)
        if previous is not None:
            difference = _difference(indicator_record(previous), indicator_record(indicator))
            if difference:
                changed[indicator.code] = difference
    old_deadlines = {d.report.value: deadline_record(d) for d in old.deadlines}
    new_deadlines = {d.report.value: deadline_record(d) for d in new.deadlines}
    deadlines = {report: (old_deadlines.get(report), new_deadlines.get(report))
                 for report in [*old_deadlines, *(r for r in new_deadlines
                                                  if r not in old_deadlines)]
                 if old_deadlines.get(report) != new_deadlines.get(report)}
    old_tasks = {t.code: t for t in old.tasks}
    new_tasks = {t.code: t for t in new.tasks}
    tasks_kept = old_tasks.keys() & new_tasks.keys()
    tasks_changed = {code: difference for code in new_tasks if code in old_tasks
                     if (difference := _difference(task_record(old_tasks[code]),
                                                   task_record(new_tasks[code])))}
    return PlanChanges(
        old, new, _difference(plan_record(old), plan_record(new)),
        tuple(c for c in new_codes if c not in kept), tuple(c for c in old_codes if c not in kept),
        changed, [c for c in old_codes if c in kept] != [c for c in new_codes if c in kept],
        deadlines, tuple(c for c in new_tasks if c not in tasks_kept),
        tuple(c for c in old_tasks if c not in tasks_kept), tasks_changed,
        [c for c in old_tasks if c in tasks_kept] != [c for c in new_tasks if c in tasks_kept])
