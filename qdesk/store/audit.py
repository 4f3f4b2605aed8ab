"""The audit trail: who changed what, when, from which old value to which new one, and why;
read back filtered, newest first, and worded as a clerk reads it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import Any, Iterator, NamedTuple

from qdesk.core.errors import InputError
from qdesk.core.i18n import Msg, language, msg
from qdesk.core.narratives import Section
from qdesk.core.periods import Period
from qdesk.core.roster import Role
from qdesk.store.database import Store, now


class Change(NamedTuple):
    """One change to record: a tuple, which a sheet of 100 000 figures makes in a third of the
    time a frozen dataclass takes. The values are a dict, or the JSON text values_json wrote."""

    table: str
    key: str
    action: str
    old: dict[str, Any] | str | None
    new: dict[str, Any] | str | None
    reason: str | None = None
    unit_code: str | None = None
    period: str | None = None


# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _json(value: dict[str, Any] | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return _ENCODER.encode(value)


# Values values_json writes itself, as the encoder writes them; the encoder writes any other.
_SCALAR_JSON: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "null", int: int.__repr__, str: _ENCODER.encode}


def values_json(*names: str) -> Callable[[Sequence[Any]], str]:
    """The JSON of many records of the same fields, from their values in the order of `names`:
    the very text _json writes for the dict of them, by one format made once.

    A sheet of 100 000 figures records two sets of values for each; the encoder, which makes
    and sorts every dict anew, took most of the audit's time on them.
    """
    order = sorted(range(len(names)), key=names.__getitem__)
    template = "{" + _ENCODER.item_separator.join(
        _ENCODER.encode(names[i]).replace("%", "%%") + _ENCODER.key_separator + "%s"
        for i in order) + "}"

    def encode(values: Sequence[Any]) -> str:
        try:
            return template % tuple([_SCALAR_JSON[type(v)](v)
                                     for v in map(values.__getitem__, order)])
        except KeyError:
            return _ENCODER.encode(dict(zip(names, values)))

    return encode


def record_many(store: Store, changes: list[Change]) -> None:
    """Append changes to the trail in one statement, inside the caller's transaction."""
    at, operator = now(), store.operator
    store.conn.executemany(
        "INSERT INTO audit (at, operator, table_name, row_key, action, old, new, reason,"
        " unit_code, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(at, operator, c.table, c.key, c.action, _json(c.old), _json(c.new), c.reason,
          c.unit_code, c.period) for c in changes])


def record(store: Store, table: str, key: str, action: str, old: dict[str, Any] | None,
           new: dict[str, Any] | None, *, reason: str | None = None,
           unit_code: str | None = None, period: str | None = None) -> None:
    """Append one change to the trail, inside the caller's transaction."""
    record_many(store, [Change(table, key, action, old, new, reason, unit_code, period)])


def trail(store: Store, table: str | None = None) -> list[dict[str, Any]]:
    """The recorded changes, oldest first, optionally of one table."""
    where, args = ("WHERE table_name = ?", [table]) if table else ("", [])
    rows = store.query(f"SELECT * FROM audit {where} ORDER BY id", args)
    return [{**row, "old": json.loads(row["old"]) if row["old"] else None,
             "new": json.loads(row["new"]) if row["new"] else None} for row in rows]


# --- reading the trail ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Recorded:
    """One change as the trail holds it, with the name of the unit it concerns (if still known)."""

    id: int
    at: str                         # ISO 8601 with offset, as the writer's clock had it
    operator: str
    table: str
    key: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reason: str | None
    unit_code: str | None
    unit_name: str | None
    period: str | None


@dataclass(frozen=True)
class Choices:
    """What the trail holds to filter on: each list sorted as a clerk looks for it."""

    tables: list[str]
    operators: list[str]
    units: list[tuple[str, str | None]]     # (code, name if the unit is still known)
    periods: list[str]                      # newest first


def _where(table: str | None, unit_code: str | None, period: str | None, operator: str | None,
           since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    """The WHERE clause of a filtered read. Days compare on the text of `at` (so its index
    serves them): a change falls on the day its writer's clock showed, whatever the offset, as
    '2026-11-23T23:30:00-05:00' falls on 2026-11-23."""
    clauses, args = [], []
    for column, value in (("table_name", table), ("unit_code", unit_code), ("period", period),
                          ("operator", operator)):
        if value is not None:
            clauses.append(f"a.{column} = ?")
            args.append(value)
    if since is not None:
        clauses.append("a.at >= ?")
        args.append(since.isoformat())
    if until is not None:
        clauses.append("a.at < ?")
        args.append((until + dt.timedelta(days=1)).isoformat())
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def iter_changes(store: Store, *, table: str | None = None, unit_code: str | None = None,
                 period: str | None = None, operator: str | None = None,
                 since: dt.date | None = None, until: dt.date | None = None,
                 limit: int | None = None) -> Iterator[Recorded]:
    """The changes that pass every filter given, newest first, read one at a time (so a long
    trail is never held whole), at most `limit` of them.

    `since` and `until` are calendar days, both included.
    """
    where, args = _where(table, unit_code, period, operator, since, until)
    if limit is not None:
        args.append(limit)
    # Newest first by id, the order they were written in: `at` can go back when a clock is
    # put back or the offset changes.
    rows = store.execute(
        "SELECT a.id, a.at, a.operator, a.table_name, a.row_key, a.action, a.old, a.new,"
        " a.reason, a.unit_code, u.name, a.period FROM audit a"
        f" LEFT JOIN units u ON u.code = a.unit_code {where} ORDER BY a.id DESC"
        + (" LIMIT ?" if limit is not None else ""), args)
    for row in rows:
        yield Recorded(row[0], row[1], row[2], row[3], row[4], row[5],
                       json.loads(row[6]) if row[6] else None,
                       json.loads(row[7]) if row[7] else None, *row[8:])


def changes(store: Store, *, table: str | None = None, unit_code: str | None = None,
            period: str | None = None, operator: str | None = None,
            since: dt.date | None = None, until: dt.date | None = None,
            limit: int | None = None) -> list[Recorded]:
    """The changes that pass every filter given, newest first, at most `limit` of them.

    `since` and `until` are calendar days, both included.
    """
    return list(iter_changes(store, table=table, unit_code=unit_code, period=period,
                             operator=operator, since=since, until=until, limit=limit))


def count_changes(store: Store, *, table: str | None = None, unit_code: str | None = None,
                  period: str | None = None, operator: str | None = None,
                  since: dt.date | None = None, until: dt.date | None = None) -> int:
    """How many changes pass the filters (as `changes` would list them without a limit)."""
    where, args = _where(table, unit_code, period, operator, since, until)
    return store.execute(f"SELECT count(*) FROM audit a {where}", args).fetchone()[0]


def choices(store: Store) -> Choices:
    """The tables, operators, units and periods that occur in the trail."""
    def distinct(column: str) -> list[Any]:
        return [row[0] for row in store.execute(
            f"SELECT DISTINCT {column} FROM audit WHERE {column} IS NOT NULL")]

    names = dict(store.execute("SELECT code, name FROM units").fetchall())
    return Choices(tables=sorted(distinct("table_name"), key=lambda t: _order(TABLE_LABELS, t)),
                   operators=sorted(distinct("operator")),
                   units=[(code, names.get(code)) for code in sorted(distinct("unit_code"))],
                   periods=sorted(distinct("period"), key=_period_order, reverse=True))


def _order(labels: dict[str, Msg], name: str) -> tuple[int, str]:
    """Known names in the order of their labels, unknown ones after them, alphabetically."""
    order = list(labels)
    return (order.index(name) if name in order else len(order), name)


def _period_order(text: str) -> tuple[int, Any]:
    try:
        return (1, Period.parse(text))
    except InputError:
        return (0, text)        # not a period: after the real ones, newest first


# --- how a change reads --------------------------------------------------------------------------

TABLE_LABELS: dict[str, Msg] = {
    "entries": msg("Figures", "填报数据"),
    "targets": msg("Targets", "目标"),
    "narratives": msg("Narratives", "工作情况"),
    "groups": msg("Leading group", "领导小组"),
    "members": msg("Group members", "领导小组成员"),
    "locks": msg("Period locks", "报告期锁定"),
    "packages": msg("Packages received", "下级报送包"),
    "settings": msg("Settings", "设置"),
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
    "package": msg("package", "报送包"),
    "sha256": msg("SHA-256", "校验值"),
}
# Where a table means something else by a field than the others do.
_TABLE_FIELD_LABELS: dict[tuple[str, str], Msg] = {
    ("members", "name"): msg("name", "姓名"),
    ("settings", "value"): msg("value", "设置值"),
}
_EMPTY = msg("(empty)", "（空）")
_YES, _NO = msg("yes", "是"), msg("no", "否")
_ROLES_EN = {Role.LEADER: "leader", Role.DEPUTY: "deputy leader", Role.MEMBER: "member",
             Role.OFFICE_DIRECTOR: "office director"}


SETTING_LABELS: dict[str, Msg] = {
    "operator": msg("operator", "操作员"),
    "superior": msg("superior office", "上级机关"),
    "signature": msg("signature", "落款"),
    "font_dir": msg("font folder", "字体文件夹"),
    "language": msg("language", "语言"),
    "backup_folder": msg("backup folder", "备份文件夹"),
    "notice_addressee": msg("notice addressee", "通知主送单位"),
}


def record_label(change: Recorded, lang: str | None = None) -> str:
    """Which record changed, as a clerk names it; the unit and period have columns of their own.

    A figure by its indicator code, a text by its section, a target by indicator and year, a
    member by name, a setting by what it sets; anything else by its key.
    """
    parts = change.key.split("/")
    if change.table == "entries" and len(parts) == 3:
        return parts[2]
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


def _value_text(field: str, value: Any, lang: str | None) -> str:
    if value is None or value == "":
        return _EMPTY.render(lang)
    if isinstance(value, bool):
        return (_YES if value else _NO).render(lang)
    if field == "role" and value in {r.value for r in Role}:
        role = Role(value)
        return role.label_zh if (lang or language()) == "zh" else _ROLES_EN[role]
    return str(value)


def _field_label(table: str, field: str, lang: str | None) -> str:
    label = _TABLE_FIELD_LABELS.get((table, field)) or FIELD_LABELS.get(field)
    return label.render(lang) if label else field


def _shown(*sides: dict[str, Any] | None) -> list[str]:
    """The fields worth reading, in the order of their labels: not those empty on every side."""
    names = {f for side in sides if side for f, value in side.items()
             if value is not None and value != ""}
    return sorted(names, key=lambda f: _order(FIELD_LABELS, f))


def _side_text(change: Recorded, values: dict[str, Any] | None, lang: str | None) -> str:
    if not values:
        return ""
    colon, separator = ("：", "；") if (lang or language()) == "zh" else (": ", "; ")
    return separator.join(_field_label(change.table, f, lang) + colon
                          + _value_text(f, values.get(f), lang)
                          for f in _shown(change.old, change.new) if f in values)


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
             _value_text(f, old[f], lang) if f in old else "",
             _value_text(f, new[f], lang) if f in new else "")
            for f in _shown(old, new)]
