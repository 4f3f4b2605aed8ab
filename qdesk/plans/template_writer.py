"""Writing a Plan, or a plan's fields as typed, as template text (DESIGN.md §3) for load_template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from qdesk.core.plan import Deadline, Indicator, Plan
from qdesk.core.tasks import Task
from qdesk.core.plan_changes import plan_record
from qdesk.plans.template import FORMAT_VERSION

# TOML basic strings escape these by name; other control characters as \uXXXX.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}

Value = str | bool | int | dt.date | Mapping[str, str] | None
Fields = Mapping[str, Value]     # a table's keys in the order they are written; None: left out


def toml_string(text: str) -> str:
    """A TOML basic string ("…") holding exactly `text`."""
    return '"' + "".join(
        _ESCAPES.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in text) + '"'


def _key(key: str) -> str:
    return key if key and key.isascii() and key.isalnum() else toml_string(key)


def _value(value: str | bool | int | dt.date | Mapping[str, str]) -> str:
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
    """The plan as a template file: [plan], the calendar's [[deadline]]s, the [[indicator]]s."""
    return render_template(plan_record(plan), [deadline_fields(d) for d in plan.deadlines],
                           [indicator_fields(i) for i in plan.indicators],
                           [task_fields(t) for t in plan.tasks])


def task_fields(task: Task) -> dict[str, Value]:
    """A task's keys as a [[task]] table writes them."""
    return {"code": task.code, "text": task.text, "category": task.category, "lead": task.lead,
            "deadline": task.deadline}


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
