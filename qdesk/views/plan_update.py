"""What a new version of the plan would change, in a clerk's words (plan update --check, the plan editor)."""

from __future__ import annotations

from qdesk.core.documents import ReportKind
from qdesk.core.i18n import Msg, language, msg
from qdesk.core.plan_changes import Difference, PlanChanges, Record
from qdesk.views.change_history import FIELD_LABELS, value_text


def _value(key: str, value: str | int | None, lang: str) -> str:
    return msg("(empty)", "（空）").render(lang) if value is None or value == "" else \
        value_text(key, value, lang)


def _fields(difference: Difference, lang: str) -> str:
    colon, separator = ("：", "；") if lang == "zh" else (": ", "; ")
    return separator.join(
        (FIELD_LABELS[key].render(lang) if key in FIELD_LABELS else key) + colon
        + f"{_value(key, old, lang)} → {_value(key, new, lang)}"
        for key, (old, new) in sorted(difference.items(), key=lambda item: list(
            FIELD_LABELS).index(item[0]) if item[0] in FIELD_LABELS else len(FIELD_LABELS)))


def deadline_text(record: Record | None, lang: str | None = None) -> str:
    """A reporting deadline as the calendar words it: 期满后第1个月5日, 7月10日."""
    lang = lang or language()
    if record is None:
        return msg("(none)", "（无）").render(lang)
    if record["months_after"] is not None:
        return msg("day {day} of month {after} after the period",
                   "期满后第{after}个月{day}日", after=record["months_after"],
                   day=record["day"]).render(lang)
    return msg("{month}-{day}", "{month}月{day}日", month=record["month"],
               day=record["day"]).render(lang)


def describe(changes: PlanChanges, lang: str | None = None) -> list[str]:
    """One line for each thing the new version changes; one line saying so when nothing does."""
    lang = lang or language()
    lines: list[Msg] = []
    if changes.head:
        lines.append(msg("plan: {fields}", "方案：{fields}", fields=_fields(changes.head, lang)))
    for code in changes.added:
        indicator = changes.new.indicator(code)
        assert indicator is not None
        lines.append(msg("new indicator {code} {name}", "新增指标 {code} {name}", code=code,
                         name=indicator.name))
    for code in changes.removed:
        lines.append(msg("indicator {code} removed", "删除指标 {code}", code=code))
    for code, difference in changes.changed.items():
        lines.append(msg("indicator {code}: {fields}", "修改指标 {code}：{fields}", code=code,
                         fields=_fields(difference, lang)))
    if changes.reordered:
        lines.append(msg("the indicators stand in a new order", "指标顺序调整"))
    for code in changes.tasks_added:
        task = changes.new.task(code)
        assert task is not None
        lines.append(msg("new task {code} {text}", "新增任务 {code} {text}", code=code,
                         text=task.text))
    for code in changes.tasks_removed:
        lines.append(msg("task {code} removed", "删除任务 {code}", code=code))
    for code, difference in (changes.tasks_changed or {}).items():
        lines.append(msg("task {code}: {fields}", "修改任务 {code}：{fields}", code=code,
                         fields=_fields(difference, lang)))
    if changes.tasks_reordered:
        lines.append(msg("the tasks stand in a new order", "任务顺序调整"))
    for report, (old, new) in changes.deadlines.items():
        lines.append(msg("deadline of the {label}: {old} → {new}", "{label}报送期限：{old} → {new}",
                         label=ReportKind(report).label.render(lang),
                         old=deadline_text(old, lang), new=deadline_text(new, lang)))
    if not lines:
        lines.append(msg("the plan is unchanged", "方案无变化"))
    return [line.render(lang) for line in lines]
