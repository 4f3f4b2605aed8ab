"""Writing a Plan, or a plan's fields as typed, as template text (DESIGN.md §3) for load_template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from qdesk.core.assessment import Rule, Scheme
from qdesk.core.plan import DEFAULT_WARN, DEFAULT_WARN_POINTS, Deadline, Indicator, Plan
from qdesk.core.tasks import Task
from qdesk.core.plan_changes import plan_record
from qdesk.plans.template import FORMAT_VERSION

# TOML basic strings escape these by name; other control characters as \uXXXX.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}

Value = str | bool | int | Decimal | dt.date | Mapping[str, str] | None
Fields = Mapping[str, Value]     # a table's keys in the order they are written; None: left out


def toml_string(text: str) -> str:
    """A TOML basic string ("…") holding exactly `text`."""
    return '"' + "".join(
        _ESCAPES.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in text) + '"'


def _key(key: str) -> str:
    return key if key and key.isascii() and key.isalnum() else toml_string(key)


def _value(value: str | bool | int | Decimal | dt.date | Mapping[str, str]) -> str:
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()        # a TOML local date
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    return "{ " + ", ".join(f"{_key(k)} = {toml_string(v)}" for k, v in value.items()) + " }"


def _table(header: str, record: Fields) -> list[str]:
    return [header, *(f"{key} = {_value(value)}" for key, value in record.items()
                      if value is not None and value != {})]


def render_template(head: Fields, deadlines: Sequence[Fields],
                    indicators: Sequence[Fields], tasks: Sequence[Fields] = ()) -> str:
    """Template text of these tables: [plan], then one [[deadline]], [[indicator]], [[task]] each.

    Values are written as they are given (a year typed as text stays text), so the loader judges
    them as it judges a file: the plan editor checks what a clerk typed this way.
    """
    lines = ['format = "qdesk-plan"', f"version = {FORMAT_VERSION}", "", *_table("[plan]", head)]
    for deadline in deadlines:
        lines += ["", *_table("[[deadline]]", deadline)]
    for indicator in indicators:
        lines += ["", *_table("[[indicator]]", indicator)]
    for task in tasks:
        lines += ["", *_table("[[task]]", task)]
    return "\n".join(lines) + "\n"


def template_text(plan: Plan) -> str:
    """The plan as a template file: [plan], the calendar's [[deadline]]s, the [[indicator]]s,
    the [[task]]s, and its [assessment] if it has one."""
    rules = plan.warn_rules
    # The margins only where they are not the defaults, each after the fields it qualifies.
    head: dict[str, Value] = {**plan_record(plan),
                              "warn": None if rules.warn == DEFAULT_WARN else rules.warn,
                              "warn_points": None if rules.warn_points == DEFAULT_WARN_POINTS
                              else rules.warn_points}
    indicators = [{**indicator_fields(i), "warn": rules.margins.get(i.code),
                   "warn_points": rules.points.get(i.code)} for i in plan.indicators]
    text = render_template(head, [deadline_fields(d) for d in plan.deadlines], indicators,
                           [task_fields(t) for t in plan.tasks])
    for check in rules.checks:
        text += "\n" + "\n".join(["[[check]]", f"left = {toml_string(check.left)}",
                                   f"op = {toml_string(check.op.value)}",
                                   f"right = {toml_string(check.right)}",
                                   *([f"message = {toml_string(check.message)}"]
                                     if check.message else [])]) + "\n"
    if plan.assessment is None:
        return text
    return text + "\n" + "\n".join(assessment_lines(plan.assessment)) + "\n"


def task_fields(task: Task) -> dict[str, Value]:
    """A task's keys as a [[task]] table writes them."""
    return {"code": task.code, "text": task.text, "category": task.category, "lead": task.lead,
            "deadline": task.deadline}


def _number(value: Decimal) -> str:
    """A scheme's figure as a TOML number, exactly as the loader reads it back."""
    return format(value.normalize(), "f")


def assessment_lines(scheme: Scheme) -> list[str]:
    """The scheme as [assessment] and its [[assessment.item|bonus|penalty|veto]] tables."""
    grades = ", ".join(f"{{ grade = {toml_string(g.grade)}, min = {_number(g.min)} }}"
                       for g in scheme.grades)
    lines = ["[assessment]", f"year = {toml_string(scheme.year.value)}",
             f"full_marks = {_number(scheme.full_marks)}", f"decimals = {scheme.decimals}",
             f"grades = [{grades}]"]
    if scheme.bonus_max is not None:
        lines.append(f"bonus_max = {_number(scheme.bonus_max)}")
    for item in scheme.items:
        lines += ["", "[[assessment.item]]", f"code = {toml_string(item.code)}",
                  f"name = {toml_string(item.name)}", f"points = {_number(item.points)}"]
        if item.rule is Rule.MANUAL:
            lines.append("manual = true")
        elif item.rule is Rule.TASKS:
            lines.append("tasks = [" + ", ".join(toml_string(t) for t in item.tasks) + "]")
        else:
            assert item.indicator is not None, "an indicator item names its indicator"
            lines += [f"indicator = {toml_string(item.indicator)}",
                      f"rule = {toml_string(item.rule.value)}"]
            lines += [f"{key} = {_number(value)}" for key, value in
                      (("floor", item.floor), ("per", item.per), ("step", item.step))
                      if value is not None]
    for table, extras in (("bonus", scheme.bonuses), ("penalty", scheme.penalties)):
        for extra in extras:
            lines += ["", f"[[assessment.{table}]]", f"code = {toml_string(extra.code)}",
                      f"name = {toml_string(extra.name)}", f"points = {_number(extra.points)}"]
            if extra.max is not None:
                lines.append(f"max = {_number(extra.max)}")
    for veto in scheme.vetoes:
        lines += ["", "[[assessment.veto]]", f"indicator = {toml_string(veto.indicator)}",
                  f"grade = {toml_string(veto.grade)}", f"reason = {toml_string(veto.reason)}"]
    return lines


def deadline_fields(deadline: Deadline) -> dict[str, Value]:
    """A deadline's keys as a [[deadline]] table writes them."""
    return {"report": deadline.report.value, "months_after": deadline.months_after,
            "month": deadline.month, "day": deadline.day}


def indicator_fields(ind: Indicator) -> dict[str, Value]:
    """An indicator's keys as an [[indicator]] table writes them; targets in the grammar."""
    return {"code": ind.code, "name": ind.name, "category": ind.category, "kind": ind.kind.value,
            "numerator": ind.numerator, "denominator": ind.denominator, "unit": ind.unit,
            "decimals": ind.decimals, "frequency": ind.frequency.value,
            "target": None if ind.target is None else str(ind.target),
            "targets": {str(year): str(target) for year, target in sorted(ind.targets.items())},
            "over_units": ind.over_units.value, "over_time": ind.over_time.value,
            "responsible": ind.responsible, "note": ind.note,
            "source": ind.source.value if ind.rolled_up else None,
            "retired": True if ind.retired else None}
