"""Writing a Plan as template text (DESIGN.md §3) that load_template reads back to the same Plan."""

from __future__ import annotations

from qdesk.core.plan import Deadline, Indicator, Plan
from qdesk.plans.template import FORMAT_VERSION

# TOML basic strings escape these by name; other control characters as \uXXXX.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string ("…") holding exactly `text`."""
    return '"' + "".join(
        _ESCAPES.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in text) + '"'


def _line(key: str, value: str | int | None) -> list[str]:
    if value is None:
        return []
    return [f"{key} = {value if isinstance(value, int) else toml_string(value)}"]


def template_text(plan: Plan) -> str:
    """The plan as a template file: [plan], the calendar's [[deadline]]s, the [[indicator]]s."""
    lines = ['format = "qdesk-plan"', f"version = {FORMAT_VERSION}", "", "[plan]",
             *_line("id", plan.id), *_line("title", plan.title),
             *_line("doc_number", plan.doc_number), *_line("issuer", plan.issuer),
             *_line("start_year", plan.start_year), *_line("end_year", plan.end_year),
             *_line("rounding", plan.rounding.value), *_line("judge", plan.judge.value)]
    for deadline in plan.deadlines:
        lines += ["", *_deadline_lines(deadline)]
    for indicator in plan.indicators:
        lines += ["", *_indicator_lines(indicator)]
    return "\n".join(lines) + "\n"


def _deadline_lines(deadline: Deadline) -> list[str]:
    return ["[[deadline]]", *_line("report", deadline.report.value),
            *_line("months_after", deadline.months_after), *_line("month", deadline.month),
            *_line("day", deadline.day)]


def _indicator_lines(ind: Indicator) -> list[str]:
    yearly = ", ".join(f"{year} = {toml_string(str(target))}"
                       for year, target in sorted(ind.targets.items()))
    return ["[[indicator]]", *_line("code", ind.code), *_line("name", ind.name),
            *_line("category", ind.category), *_line("kind", ind.kind.value),
            *_line("numerator", ind.numerator), *_line("denominator", ind.denominator),
            *_line("unit", ind.unit), *_line("decimals", ind.decimals),
            *_line("frequency", ind.frequency.value),
            *_line("target", None if ind.target is None else str(ind.target)),
            *([f"targets = {{ {yearly} }}"] if yearly else []),
            *_line("over_units", ind.over_units.value), *_line("over_time", ind.over_time.value),
            *_line("responsible", ind.responsible), *_line("note", ind.note)]
