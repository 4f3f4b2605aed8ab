"""Reading a plan template (DESIGN.md §3) into a Plan, refusing it whole with every problem located."""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Sequence, TypeVar

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError, Problem, TemplateError
from qdesk.core.i18n import Msg, msg
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency
from qdesk.core.plan import (DEFAULT_WARN, DEFAULT_WARN_POINTS, Check, CheckOp, Deadline,
                             Indicator, Kind, OverTime, OverUnits, Plan, Source, WarnRules)
from qdesk.core.plausibility import is_percentage
from qdesk.core.rollup import kind_allows
from qdesk.core.tasks import Task
from qdesk.core.targets import Target
from qdesk.plans.scheme import read_scheme

TOP_KEYS = {"format", "version", "plan", "deadline", "indicator", "task", "assessment", "check"}
PLAN_KEYS = {"id", "title", "doc_number", "issuer", "start_year", "end_year", "rounding", "judge",
             "warn", "warn_points"}
DEADLINE_KEYS = {"report", "months_after", "month", "day"}
INDICATOR_KEYS = {"code", "name", "category", "kind", "numerator", "denominator", "unit",
                  "decimals", "frequency", "target", "targets", "over_units", "over_time",
                  "responsible", "note", "source", "retired", "warn", "warn_points"}
CHECK_KEYS = {"left", "op", "right", "message"}
# A warn margin beyond this is a typing slip (2000 for 20), not a margin.
_WARN_LIMIT = 1000
TASK_KEYS = {"code", "text", "category", "lead", "deadline"}
FORMAT_VERSION = 1

PLAN_ID = re.compile(r"[a-z0-9-]+")
CODE = re.compile(r"[A-Za-z0-9_.-]{1,16}")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z_.]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")
_TOML_LINE = re.compile(r"at line (\d+)")

_Choice = TypeVar("_Choice", bound=Enum)


class _Lines:
    """Where each key of a template stands in its text, for messages that name the line.

    tomllib gives no positions, so the text is scanned once for table headers and key lines;
    array tables ([[indicator]]) are numbered in order of appearance.
    """

    def __init__(self, text: str) -> None:
        self._keys: dict[tuple[str, int, str], int] = {}
        self._tables: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        table, index = "", 0
        for number, line in enumerate(text.splitlines(), start=1):
            if header := _HEADER.match(line):
                table = header[2]
                index = counts.get(table, 0)
                counts[table] = index + 1
                self._tables.setdefault((table, index), number)
            elif key := _KEY.match(line):
                self._keys.setdefault((table, index, key[1]), number)

    def of(self, table: str, index: int = 0, key: str | None = None) -> int | None:
        if key is not None and (table, index, key) in self._keys:
            return self._keys[(table, index, key)]
        return self._tables.get((table, index))


@dataclass
class _Reader:
    source: str
    lines: _Lines
    problems: list[Problem] = field(default_factory=list)

    def fail(self, message: Msg, table: str, index: int = 0, key: str | None = None,
             label: str | None = None) -> None:
        self.problems.append(Problem(message, self.source, self.lines.of(table, index, key),
                                     label or (f"{table}.{key}" if key else table)))

    def code(self, item: dict[str, Any], table: str, index: int,
             seen: dict[str, tuple[str, int]], noun: Msg) -> str | None:
        """A table's `code`: letters, digits, _ . - (16 at most), and not one `seen` already
        (code -> the table and index that gave it), which it joins."""
        code = self.text(item, "code", table, index)
        if code is None:
            return None
        if not CODE.fullmatch(code):
            self.fail(msg("{noun} code {code!r} may hold only letters, digits, _ . - (16 at most)",
                          "{noun}代码“{code}”只能由字母、数字及 _ . - 组成，最长16位",
                          noun=noun, code=code), table, index, "code")
        if code in seen:
            first_table, first = seen[code]
            self.fail(msg("duplicate {noun} code {code!r} (first at line {line})",
                          "{noun}代码“{code}”重复（首次出现在第{line}行）", noun=noun, code=code,
                          line=self.lines.of(first_table, first, "code")), table, index, "code")
        seen.setdefault(code, (table, index))
        return code

    def unknown_keys(self, data: dict[str, Any], allowed: set[str], table: str,
                     index: int = 0) -> None:
        for key in sorted(set(data) - allowed):
            self.fail(msg("unknown key {key!r}", "未知字段“{key}”", key=key), table, index, key)

    def text(self, data: dict[str, Any], key: str, table: str, index: int = 0,
             required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(msg("{key} is missing", "缺少字段“{key}”", key=key), table, index, key)
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(msg("{key} must be a non-empty text", "“{key}”应为非空文本", key=key),
                      table, index, key)
            return None
        return value.strip()

    def integer(self, data: dict[str, Any], key: str, table: str, index: int, low: int,
                high: int, required: bool = True) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(msg("{key} is missing", "缺少字段“{key}”", key=key), table, index, key)
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(msg("{key} must be a whole number from {low} to {high}",
                          "“{key}”应为{low}至{high}之间的整数", key=key, low=low, high=high),
                      table, index, key)
            return None
        return value

    def choice(self, data: dict[str, Any], key: str, enum: type[_Choice], table: str,
               index: int = 0, default: _Choice | None = None,
               allowed: Sequence[_Choice] | None = None) -> _Choice | None:
        """A value of `enum`, or of those of its members `allowed` here."""
        value = data.get(key)
        if value is None:
            if default is None:
                self.fail(msg("{key} is missing", "缺少字段“{key}”", key=key), table, index, key)
            return default
        members = list(enum) if allowed is None else list(allowed)
        try:
            chosen = enum(value)
            if chosen not in members:
                raise ValueError(value)
            return chosen
        except ValueError:
            choices = " | ".join(member.value for member in members)
            self.fail(msg("{key} = {value!r} is not one of {choices}",
                          "“{key}”的取值“{value}”无效，应为 {choices}",
                          key=key, value=str(value), choices=choices), table, index, key)
            return None

    def target(self, text: Any, table: str, index: int, key: str,
               label: str | None = None) -> Target | None:
        try:
            return Target.parse(text if isinstance(text, str) else repr(text))
        except InputError as exc:
            self.fail(exc.problems[0].message, table, index, key, label)
            return None


def load_template(path: str | Path) -> Plan:
    """Read and check a template file; TemplateError lists every problem with file, line and field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(Problem(msg("cannot read the file: {error}", "无法读取文件：{error}",
                                        error=exc.strerror or str(exc)), str(path))) from None
    return parse_template(raw, str(path))


def parse_template(raw: bytes, source: str) -> Plan:
    """Check template text (bytes as read from a file) and build the Plan it describes."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(Problem(msg("the file is not UTF-8 text", "文件不是UTF-8编码的文本"),
                                    source)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _TOML_LINE.search(str(exc))
        raise TemplateError(Problem(
            msg("malformed TOML: {error}", "TOML格式错误：{error}", error=str(exc)),
            source, int(line[1]) if line else None)) from None
    except (RecursionError, ValueError):  # tomllib recurses per [, and int() stops at 4300 digits
        raise TemplateError(Problem(
            msg("malformed TOML: nested too deeply, or a number too long",
                "TOML格式错误：嵌套层数过多或数字过长"), source)) from None
    reader = _Reader(source, _Lines(text))
    plan = _read(reader, data)
    if reader.problems or plan is None:
        raise TemplateError(*reader.problems)
    return plan


def _read(r: _Reader, data: dict[str, Any]) -> Plan | None:
    r.unknown_keys(data, TOP_KEYS, "")
    if data.get("format") != "qdesk-plan":
        r.fail(msg('format must be "qdesk-plan"', "format 应为“qdesk-plan”"), "", 0, "format",
               "format")
    if data.get("version") != FORMAT_VERSION:
        r.fail(msg("version {version!r} is not supported (this qdesk reads version {ours})",
                   "不支持的模板版本“{version}”（本程序读取版本{ours}）",
                   version=str(data.get("version")), ours=FORMAT_VERSION), "", 0, "version",
               "version")
    head = data.get("plan")
    if not isinstance(head, dict):
        r.fail(msg("the [plan] table is missing", "缺少 [plan] 表"), "plan")
        return None
    r.unknown_keys(head, PLAN_KEYS, "plan")
    plan_id = r.text(head, "id", "plan")
    if plan_id and not PLAN_ID.fullmatch(plan_id):
        r.fail(msg("id {id!r} may hold only a-z, 0-9 and -", "id“{id}”只能包含小写字母、数字和“-”",
                   id=plan_id), "plan", 0, "id")
    title = r.text(head, "title", "plan")
    start = r.integer(head, "start_year", "plan", 0, 1949, 2199)
    end = r.integer(head, "end_year", "plan", 0, 1949, 2199)
    if start is not None and end is not None and end < start:
        r.fail(msg("end_year {end} is before start_year {start}",
                   "end_year（{end}）早于 start_year（{start}）", end=end, start=start),
               "plan", 0, "end_year")
    rounding = r.choice(head, "rounding", Rounding, "plan", default=Rounding.HALF_UP)
    judge_mode = r.choice(head, "judge", Judge, "plan", default=Judge.EXACT)
    deadlines = _deadlines(r, data.get("deadline", []))
    indicators = _indicators(r, data.get("indicator"), start, end)
    tasks = _tasks(r, data.get("task", []))
    warn_rules = _warn_rules(r, head, data.get("indicator"), data.get("check", []), indicators)
    if r.problems:
        return None
    # Each of these reads as None only with a problem recorded, and none was.
    assert plan_id is not None and title is not None and start is not None and end is not None
    assert rounding is not None and judge_mode is not None
    plan = Plan(plan_id, title, start, end, tuple(indicators), tuple(deadlines), rounding,
                judge_mode, r.text(head, "doc_number", "plan", required=False),
                r.text(head, "issuer", "plan", required=False), tuple(tasks),
                warn_rules=warn_rules)
    if "assessment" not in data:
        return plan
    scheme = read_scheme(r, data["assessment"], plan)
    return None if scheme is None else replace(plan, assessment=scheme)


def _margin(r: _Reader, data: dict[str, Any], key: str, table: str,
            index: int = 0) -> Decimal | None:
    """A warn margin: a number from 0 to _WARN_LIMIT (20 for 20 %, 10 for 10 百分点)."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or not 0 <= value <= _WARN_LIMIT:
        r.fail(msg("{key} must be a number from 0 to {limit}", "“{key}”应为0至{limit}之间的数",
                   key=key, limit=_WARN_LIMIT), table, index, key)
        return None
    return Decimal(str(value))


def _warn_rules(r: _Reader, head: dict[str, Any], items: Any, checks: Any,
                indicators: list[Indicator]) -> WarnRules:
    """When a figure is unlikely: the plan's `warn` (%) and `warn_points` (百分点), each
    indicator's own, and the [[check]] rules relating two indicators of the plan."""
    warn = _margin(r, head, "warn", "plan")
    points = _margin(r, head, "warn_points", "plan")
    kinds = {i.code: i for i in indicators}
    margins: dict[str, Decimal] = {}
    own_points: dict[str, Decimal] = {}
    written: set[str] = set()     # the codes as written, those refused among them
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            continue
        written.add(item["code"].strip())
        indicator = kinds.get(item["code"].strip())
        for key, wanted, into in (("warn", False, margins), ("warn_points", True, own_points)):
            margin = _margin(r, item, key, "indicator", index)
            if margin is None or indicator is None:
                continue
            if is_percentage(indicator) is not wanted:
                r.fail(msg("{key} is for {what}: {code} is weighed by {other}",
                           "“{key}”只适用于{what_zh}，{code}应使用“{other}”",
                           key=key, what="a percentage (in 百分点)" if wanted else
                           "a count or a value (in %)", what_zh="百分比指标（以百分点计）"
                           if wanted else "计数或数值指标（以%计）", code=indicator.code,
                           other="warn" if wanted else "warn_points"),
                       "indicator", index, key)
                continue
            into[indicator.code] = margin
    return WarnRules(DEFAULT_WARN if warn is None else warn,
                     DEFAULT_WARN_POINTS if points is None else points, margins, own_points,
                     tuple(_checks(r, checks, kinds, written)))


def _checks(r: _Reader, items: Any, indicators: dict[str, Indicator],
            written: set[str]) -> list[Check]:
    """The [[check]] rules: `left` `op` `right`, two indicators of the plan entered for the same
    periods, and an optional `message`; no expression beyond that. A code `written` for an
    indicator refused already is not refused again here."""
    t = "check"
    if not isinstance(items, list):
        r.fail(msg("check must be an array of tables [[check]]", "check 应写作 [[check]] 表数组"),
               t)
        return []
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            r.fail(msg("each check must be a table", "每条校验规则应为一个表"), t, index)
            continue
        r.unknown_keys(item, CHECK_KEYS, t, index)
        sides = []
        for key in ("left", "right"):
            code = r.text(item, key, t, index)
            if code is not None and code not in written:
                r.fail(msg("{key} = {code!r} is no indicator of the plan",
                           "“{key}”的取值“{code}”不是本方案的指标代码", key=key, code=code),
                       t, index, key)
                code = None
            sides.append(code)
        op = None
        if "op" not in item:
            r.fail(msg("op is missing", "缺少字段“op”"), t, index, "op")
        else:
            try:
                op = CheckOp(item["op"])
            except ValueError:
                r.fail(msg("op = {value!r} is not one of {choices}",
                           "“op”的取值“{value}”无效，应为 {choices}", value=str(item["op"]),
                           choices=" | ".join(o.value for o in CheckOp)), t, index, "op")
        message = r.text(item, "message", t, index, required=False)
        left, right = sides
        if left is None or right is None or op is None \
                or left not in indicators or right not in indicators:
            continue
        if left == right:
            r.fail(msg("a check relates two indicators: left and right are both {code}",
                       "校验规则应关联两个不同的指标，left 与 right 均为{code}", code=left),
                   t, index, "right")
        elif indicators[left].frequency is not indicators[right].frequency:
            r.fail(msg("{left} and {right} are entered for different periods ({lf}, {rf}): a"
                       " check compares the figures of one period",
                       "{left}与{right}的填报频次不同（{lf}、{rf}），校验规则只能比较同一报告期的数据",
                       left=left, right=right, lf=indicators[left].frequency.value,
                       rf=indicators[right].frequency.value), t, index, "right")
        elif indicators[left].kind is Kind.FLAG or indicators[right].kind is Kind.FLAG:
            r.fail(msg("a yes/no indicator has no figure to compare",
                       "“是/否”类指标没有可比较的数值"), t, index, "left")
        else:
            result.append(Check(left, op, right, message))
    return result


def _tasks(r: _Reader, items: Any) -> list[Task]:
    """The plan's [[task]]s: code unique, text and category given; lead a member unit by name or
    code, kept as written (the units may not be registered when a template is checked)."""
    t = "task"
    if not isinstance(items, list):
        r.fail(msg("task must be an array of tables [[task]]", "task 应写作 [[task]] 表数组"), t)
        return []
    result = []
    codes: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            r.fail(msg("each task must be a table", "每项任务应为一个表"), t, index)
            continue
        r.unknown_keys(item, TASK_KEYS, t, index)
        code = r.code(item, t, index, codes, msg("task", "任务"))
        text = r.text(item, "text", t, index)
        category = r.text(item, "category", t, index)
        lead = r.text(item, "lead", t, index, required=False)
        deadline = _day(r, item.get("deadline"), t, index, "deadline")
        if code is not None and text is not None and category is not None:
            result.append(Task(code, text, category, lead, deadline))
    return result


def _day(r: _Reader, value: Any, table: str, index: int, key: str) -> dt.date | None:
    """A TOML date (2013-12-31), or the same written as a text, as the plan editor writes it."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    r.fail(msg("{key} = {value!r} is not a day such as 2013-12-31",
               "“{key}”的取值“{value}”不是日期（应写作如2013-12-31）", key=key, value=str(value)),
           table, index, key)
    return None


def _deadlines(r: _Reader, items: Any) -> list[Deadline]:
    if not isinstance(items, list):
        r.fail(msg("deadline must be an array of tables [[deadline]]",
                   "deadline 应写作 [[deadline]] 表数组"), "deadline")
        return []
    result = []
    seen: set[ReportKind] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            r.fail(msg("each deadline must be a table", "每条报送期限应为一个表"), "deadline", index)
            continue
        r.unknown_keys(item, DEADLINE_KEYS, "deadline", index)
        report = r.choice(item, "report", ReportKind, "deadline", index,
                          allowed=[kind for kind in ReportKind if kind.scheduled])
        day = r.integer(item, "day", "deadline", index, 1, 31)
        after = r.integer(item, "months_after", "deadline", index, 0, 12, required=False)
        month = r.integer(item, "month", "deadline", index, 1, 12, required=False)
        if (after is None) == (month is None) and ("months_after" in item) == ("month" in item):
            r.fail(msg("give either months_after or month, not both or neither",
                       "months_after 与 month 须且只能给出一个"), "deadline", index)
        if report is not None:
            if report in seen:
                r.fail(msg("a second deadline for {report}", "“{report}”的报送期限重复",
                           report=report.value), "deadline", index, "report")
            seen.add(report)
        if report is not None and day is not None and (after is not None or month is not None):
            result.append(Deadline(report, day, after, month))
    return result


def _indicators(r: _Reader, items: Any, start: int | None, end: int | None) -> list[Indicator]:
    if not isinstance(items, list) or not items:
        r.fail(msg("the plan has no [[indicator]]", "方案中没有任何 [[indicator]] 指标"),
               "indicator")
        return []
    result = []
    codes: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(items):
        t = "indicator"
        if not isinstance(item, dict):
            r.fail(msg("each indicator must be a table", "每个指标应为一个表"), t, index)
            continue
        r.unknown_keys(item, INDICATOR_KEYS, t, index)
        code = r.code(item, t, index, codes, msg("indicator", "指标"))
        name = r.text(item, "name", t, index)
        category = r.text(item, "category", t, index)
        kind = r.choice(item, "kind", Kind, t, index)
        numerator = r.text(item, "numerator", t, index, required=kind is Kind.RATE)
        denominator = r.text(item, "denominator", t, index, required=kind is Kind.RATE)
        if kind is not None and kind is not Kind.RATE:
            for key in ("numerator", "denominator"):
                if key in item:
                    r.fail(msg("{key} is only for a rate", "只有比率指标（rate）才有“{key}”",
                               key=key), t, index, key)
        unit = item.get("unit", "%" if kind is Kind.RATE else "")
        if not isinstance(unit, str):
            r.fail(msg("unit must be a text", "“unit”应为文本"), t, index, "unit")
        decimals = r.integer(item, "decimals", t, index, 0, 6, required=False)
        if decimals is None:
            decimals = 1 if kind in (Kind.RATE, Kind.VALUE) else 0
        frequency = r.choice(item, "frequency", Frequency, t, index)
        over_units = r.choice(item, "over_units", OverUnits, t, index)
        over_time = r.choice(item, "over_time", OverTime, t, index)
        for key, rule in (("over_units", over_units), ("over_time", over_time)):
            if kind is not None and rule is not None and not kind_allows(kind, rule):
                r.fail(msg("{key} = {rule!r} does not fit a {kind} (a rate combines only as ratio)",
                           "“{key}”取值“{rule}”不适用于{kind}指标（比率只能按分子分母合计相除汇总）",
                           key=key, rule=rule.value, kind=kind.value), t, index, key)
        source = r.choice(item, "source", Source, t, index, default=Source.ENTERED)
        if source is Source.UNITS and over_units is OverUnits.NONE:
            r.fail(msg('source = "units" needs a roll-up across units: over_units is "none"',
                       "“source”为“units”（下级汇总）时，“over_units”不能为“none”（不可汇总）"),
                   t, index, "source")
        retired = item.get("retired", False)
        if not isinstance(retired, bool):
            r.fail(msg("retired must be true or false", "“retired”应为 true 或 false"),
                   t, index, "retired")
        target = None
        if "target" not in item:
            r.fail(msg("target is missing", "缺少字段“target”"), t, index, "target")
        else:
            target = r.target(item["target"], t, index, "target")
        targets = {}
        yearly = item.get("targets", {})
        if not isinstance(yearly, dict):
            r.fail(msg("targets must be a table of year = target",
                       "“targets”应写作 {{ 年份 = 目标 }}"), t, index, "targets")
            yearly = {}
        for key, text in yearly.items():
            label = f"indicator.targets.{key}"
            year = int(key) if key.isdecimal() and key.isascii() else None
            if year is None:
                r.fail(msg("{key!r} is not a year", "“{key}”不是年份", key=key), t, index,
                       "targets", label)
            elif start is not None and end is not None and not start <= year <= end:
                r.fail(msg("year {year} is outside the plan ({start}–{end})",
                           "年份{year}不在方案年限（{start}—{end}年）内",
                           year=year, start=start, end=end), t, index, "targets", label)
            bound = r.target(text, t, index, "targets", label)
            if year is not None and bound is not None:
                targets[year] = bound
        if r.problems:
            continue
        # Each of these reads as None only with a problem recorded, and none was.
        assert code is not None and name is not None and category is not None
        assert kind is not None and frequency is not None
        assert over_units is not None and over_time is not None and source is not None
        result.append(Indicator(code, name, category, kind, unit, decimals, frequency, target,
                                over_units, over_time, targets, numerator, denominator,
                                r.text(item, "responsible", t, index, required=False),
                                r.text(item, "note", t, index, required=False), source,
                                retired is True))
    return result
