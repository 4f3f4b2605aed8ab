"""A change in the audit trail as a clerk reads it: its table, record, action and values in words."""

from __future__ import annotations

from typing import Any

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError
from qdesk.core.i18n import Msg, language, msg
from qdesk.core.narratives import Section
from qdesk.core.numbers import NOT_APPLICABLE_TEXT
from qdesk.core.periods import Period
from qdesk.core.roster import Role
from qdesk.core.targets import Target
from qdesk.core.units import Level
from qdesk.store import settings
from qdesk.store.audit import Recorded
from qdesk.store.reviews import Review


def _order(labels: dict[str, Msg], name: str) -> tuple[int, str]:
    """Known names in the order of their labels, unknown ones after them, alphabetically."""
    order = list(labels)
    return (order.index(name) if name in order else len(order), name)


TABLE_LABELS: dict[str, Msg] = {
    "entries": msg("Figures", "填报数据"),
    "reference_figures": msg("Reference figures", "参照值"),
    "targets": msg("Targets", "目标"),
    "narratives": msg("Narratives", "工作情况"),
    "groups": msg("Leading group", "领导小组"),
    "members": msg("Group members", "领导小组成员"),
    "locks": msg("Period locks", "报告期锁定"),
    "packages": msg("Packages received", "下级报送包"),
    "signing_keys": msg("Units' signing keys", "下级单位密钥"),
    "plans": msg("Plan", "方案"),
    "indicators": msg("Indicators", "指标"),
    "deadlines": msg("Reporting calendar", "报送期限"),
    "units": msg("Units", "单位"),
    "settings": msg("Settings", "设置"),
    "tasks": msg("Tasks", "重点任务"),
    "task_progress": msg("Task ledger", "任务台账"),
    "assessment_scores": msg("Assessment scores", "考核评分"),
    "assessment_entries": msg("Assessment bonuses and penalties", "考核加减分"),
    "assessment_publications": msg("Assessment publication", "考核结果发布"),
    "doc_numbers": msg("Document numbers", "发文字号"),
    "backups": msg("Restores from backups", "从备份恢复"),
}
ACTION_LABELS: dict[str, Msg] = {
    "insert": msg("added", "新增"),
    "update": msg("changed", "修改"),
    "delete": msg("deleted", "删除"),
}
FIELD_LABELS: dict[str, Msg] = {
    "numerator": msg("numerator", "分子"),
    "denominator": msg("denominator", "分母"),
    "value": msg("value", "数值"),
    "note": msg("note", "备注"),
    "expr": msg("target", "目标"),
    "body": msg("text", "内容"),
    "name": msg("name", "名称"),
    "office_seat": msg("office seated at", "办公室设在"),
    "role": msg("role", "组内职务"),
    "post": msg("post", "职务"),
    "unit_name": msg("unit", "单位"),
    "phone": msg("phone", "电话"),
    "start_date": msg("from", "任职日期"),
    "end_date": msg("until", "免职日期"),
    "position": msg("order", "排序"),
    "locked": msg("locked", "锁定"),
    "restored": msg("backup restored", "所恢复的备份"),
    "kept": msg("file replaced, kept as", "被替换的文件另存为"),
    "points": msg("points", "得分"),
    "item": msg("assessment item", "考核项目"),
    "count": msg("occurrences", "次数"),
    "published": msg("published", "已发布"),
    "assessment": msg("assessment scheme", "考核方案"),
    "package": msg("package", "报送包"),
    "review": msg("review", "审核"),
    "sha256": msg("SHA-256", "校验值"),
    "id": msg("plan id", "方案编号"),
    "title": msg("title", "标题"),
    "doc_number": msg("document number", "文号"),
    "issuer": msg("issuer", "印发单位"),
    "start_year": msg("first year", "起始年份"),
    "end_year": msg("last year", "终止年份"),
    "rounding": msg("rounding", "修约方式"),
    "judge": msg("judging", "判定方式"),
    "order": msg("order of indicators", "指标顺序"),
    "category": msg("category", "类别"),
    "kind": msg("kind", "类型"),
    "unit": msg("unit", "计量单位"),
    "decimals": msg("decimals", "小数位数"),
    "frequency": msg("frequency", "填报频次"),
    "target": msg("target", "目标值"),
    "targets": msg("yearly targets", "分年度目标"),
    "over_units": msg("roll-up across units", "跨单位汇总"),
    "over_time": msg("roll-up across periods", "跨期汇总"),
    "responsible": msg("responsible unit", "责任单位"),
    "source": msg("office figure", "本级数值"),
    "retired": msg("retired", "停用"),
    "months_after": msg("months after the period", "期满后月数"),
    "month": msg("month", "月"),
    "day": msg("day", "日"),
    "code": msg("code", "代码"),
    "level": msg("level", "层级"),
    "credit_code": msg("credit code", "统一社会信用代码"),
    "retired_on": msg("retired on", "撤销日期"),
    "text": msg("task", "任务内容"),
    "lead": msg("lead unit", "牵头单位"),
    "deadline": msg("deadline", "完成时限"),
    "status": msg("status", "状态"),
    "progress": msg("progress", "进展情况"),
    "done_on": msg("done on", "完成日期"),
    "fingerprint": msg("key fingerprint", "密钥指纹"),
}
# Where a table means something else by a field than the others do.
_TABLE_FIELD_LABELS: dict[tuple[str, str], Msg] = {
    ("members", "name"): msg("name", "姓名"),
    ("settings", "value"): msg("value", "设置值"),
    ("indicators", "numerator"): msg("numerator label", "分子名称"),
    ("indicators", "denominator"): msg("denominator label", "分母名称"),
}
_EMPTY = msg("(empty)", "（空）")
_YES, _NO = msg("yes", "是"), msg("no", "否")
_ROLES_EN = {Role.LEADER: "leader", Role.DEPUTY: "deputy leader", Role.MEMBER: "member",
             Role.OFFICE_DIRECTOR: "office director"}


# "signature" (落款) was the issuing organ's key before schema v9; the trail still names it.
SETTING_LABELS: dict[str, Msg] = {"signature": msg("signature", "落款"), **settings.LABELS}


def record_label(change: Recorded, lang: str | None = None) -> str:
    """Which record changed, as a clerk names it; the unit and period have columns of their own.

    A figure or a reference figure by its indicator code, a text by its section, a target by indicator and year, a
    member by name, a setting by what it sets, a deadline by its report; anything else (a plan,
    an indicator by its code) by its key.
    """
    parts = change.key.split("/")
    if change.table in ("entries", "task_progress") and len(parts) == 3:
        return parts[2]
    if change.table == "reference_figures" and len(parts) == 2:
        return parts[1]
    if change.table == "narratives" and len(parts) == 3:
        try:
            section = Section(parts[2])
        except ValueError:
            return change.key
        return section.label_zh if (lang or language()) == "zh" else section.value
    if change.table == "targets" and len(parts) == 3:
        every = msg("every year", "各年")
        return f"{parts[1]} {every.render(lang) if parts[2] == '*' else parts[2]}"
    if change.table == "members":
        name = (change.new or {}).get("name") or (change.old or {}).get("name")
        return name or f"#{change.key}"
    if change.table == "settings" and change.key in SETTING_LABELS:
        return SETTING_LABELS[change.key].render(lang)
    if change.table == "deadlines" and change.key in {kind.value for kind in ReportKind}:
        return ReportKind(change.key).label.render(lang)
    return change.key


def period_text(text: str | None, lang: str | None = None) -> str:
    """A change's period as documents name it (2020年第三季度 in Chinese); other text as it is."""
    if not text:
        return ""
    try:
        period = Period.parse(text)
    except InputError:
        return text
    return period.label_zh() if (lang or language()) == "zh" else str(period)


def table_label(table: str, lang: str | None = None) -> str:
    """What a clerk calls the data a table holds (填报数据 for entries); unknown ones as they are."""
    label = TABLE_LABELS.get(table)
    return label.render(lang) if label else table


def action_label(action: str, lang: str | None = None) -> str:
    label = ACTION_LABELS.get(action)
    return label.render(lang) if label else action


_SOURCES = {"entered": msg("entered", "录入"), "units": msg("rolled up from units", "下级汇总")}


def value_text(field: str, value: Any, lang: str | None) -> str:
    """A recorded value in a clerk's words: 是/否, a role, a target as shown, 下级汇总."""
    if value is None or value == "":
        return _EMPTY.render(lang)
    if isinstance(value, bool):
        return (_YES if value else _NO).render(lang)
    if field == "role" and value in {r.value for r in Role}:
        role = Role(value)
        return role.label_zh if (lang or language()) == "zh" else _ROLES_EN[role]
    if field == "expr" and isinstance(value, str):
        try:
            return Target.parse(value).label()
        except InputError:
            return value
    if field == "review" and value in {r.value for r in Review}:
        review = Review(value)
        return review.label_zh if (lang or language()) == "zh" else review.label_en
    if field == "source" and value in _SOURCES:
        return _SOURCES[value].render(lang)
    if field == "level" and value in {level.value for level in Level}:
        return Level(value).label_zh if (lang or language()) == "zh" else str(value)
    return str(value)


def _field_label(table: str, field: str, lang: str | None) -> str:
    label = _TABLE_FIELD_LABELS.get((table, field)) or FIELD_LABELS.get(field)
    return label.render(lang) if label else field


def _shown(*sides: dict[str, Any] | None) -> list[str]:
    """The fields worth reading, in the order of their labels: not those empty on every side."""
    names = {f for side in sides if side for f, value in side.items()
             if value is not None and value != ""}
    return sorted(names, key=lambda f: _order(FIELD_LABELS, f))


# An entry recorded with none of these is 无此项 (DESIGN §4).
_FIGURE_FIELDS = ("numerator", "denominator", "value")


def _side_text(change: Recorded, values: dict[str, Any] | None, lang: str | None) -> str:
    if not values:
        return ""
    colon, separator = ("：", "；") if (lang or language()) == "zh" else (": ", "; ")
    shown = [f for f in _shown(change.old, change.new) if f in values]
    parts = []
    if change.table == "entries" and all(f in values and values[f] is None
                                         for f in _FIGURE_FIELDS):
        # Said in words: three empty figures read as a value lost, not as 无此项.
        parts.append(NOT_APPLICABLE_TEXT)
        shown = [f for f in shown if f not in _FIGURE_FIELDS]
    return separator.join(parts + [_field_label(change.table, f, lang) + colon
                                   + value_text(f, values.get(f), lang) for f in shown])


def old_text(change: Recorded, lang: str | None = None) -> str:
    """The values before the change as a clerk reads them: "分子：12；分母：20".

    A field empty before and after is left out; an insert has no old text.
    """
    return _side_text(change, change.old, lang)


def new_text(change: Recorded, lang: str | None = None) -> str:
    """The values after the change, as old_text words them; a deletion has none."""
    return _side_text(change, change.new, lang)


def fields(change: Recorded, lang: str | None = None) -> list[tuple[str, str, str]]:
    """A change field by field: (label, old text, new text); a side the change lacks reads ""."""
    old, new = change.old or {}, change.new or {}
    return [(_field_label(change.table, f, lang),
             value_text(f, old[f], lang) if f in old else "",
             value_text(f, new[f], lang) if f in new else "")
            for f in _shown(old, new)]
