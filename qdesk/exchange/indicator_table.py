"""An indicator table as a superior hands it out (xlsx) made into a plan template, every bad cell named."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from enum import Enum
from typing import Any, TypeVar

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency
from qdesk.core.plan import Deadline, Indicator, Kind, OverTime, OverUnits, Plan
from qdesk.core.rollup import DEFAULT_ROLLUP, kind_allows
from qdesk.core.targets import Target
from qdesk.plans.template import CODE, PLAN_ID, parse_template
from qdesk.plans.template_writer import template_text
from qdesk.exchange.workbook import readable_sheet, unreadable_workbook

_Choice = TypeVar("_Choice", bound=Enum)

# Header words, spaces removed and lower-cased, and the field each names.
COLUMNS = {
    "指标代码": "code", "代码": "code", "code": "code",
    "指标名称": "name", "名称": "name", "name": "name",
    "类别": "category", "指标类别": "category", "category": "category",
    "类型": "kind", "指标类型": "kind", "kind": "kind",
    "分子名称": "numerator", "分子": "numerator", "numerator": "numerator",
    "分母名称": "denominator", "分母": "denominator", "denominator": "denominator",
    "计量单位": "unit", "单位": "unit", "unit": "unit",
    "小数位数": "decimals", "decimals": "decimals",
    "填报频次": "frequency", "频次": "frequency", "frequency": "frequency",
    "目标值": "target", "目标": "target", "target": "target",
    "跨单位汇总": "over_units", "over_units": "over_units",
    "跨期汇总": "over_time", "over_time": "over_time",
    "责任单位": "responsible", "responsible": "responsible",
    "备注": "note", "note": "note",
}
_REQUIRED = ("code", "name", "category", "kind", "frequency", "target")
_YEAR_COLUMN = re.compile(r"(\d{4})年?(?:目标值?|target)?")
_HEADER_SEARCH_ROWS = 10

KINDS = {"比率": Kind.RATE, "率": Kind.RATE, "数值": Kind.VALUE, "计数": Kind.COUNT,
         "数量": Kind.COUNT, "是否": Kind.FLAG, **{k.value: k for k in Kind}}
FREQUENCIES = {"季度": Frequency.QUARTERLY, "按季度": Frequency.QUARTERLY,
               "半年": Frequency.HALF_YEAR, "半年度": Frequency.HALF_YEAR,
               "年度": Frequency.ANNUAL, "按年度": Frequency.ANNUAL, "年": Frequency.ANNUAL,
               **{f.value: f for f in Frequency}}
_ROLLUP_WORDS = {"比率": "ratio", "合计": "sum", "求和": "sum", "平均": "mean", "最小": "min",
                 "最大": "max", "最新": "last", "末期": "last", "不汇总": "none"}
# The seed plans' reporting calendar (DESIGN.md §5), for a table that has none.
DEFAULT_DEADLINES = (Deadline(ReportKind.QUARTERLY, 5, months_after=1),
                     Deadline(ReportKind.HALF_YEAR, 10, month=7),
                     Deadline(ReportKind.ANNUAL, 10, month=12))

# The rows of the optional 方案 sheet: a label in the first column, its value in the second.
PLAN_SHEET = "方案"
PLAN_ROWS = {"方案编号": "id", "编号": "id", "id": "id",
             "方案名称": "title", "方案标题": "title", "标题": "title", "title": "title",
             "文号": "doc_number", "doc_number": "doc_number",
             "印发单位": "issuer", "发文单位": "issuer", "issuer": "issuer",
             "起始年份": "start_year", "开始年份": "start_year", "start_year": "start_year",
             "终止年份": "end_year", "结束年份": "end_year", "end_year": "end_year",
             "修约方式": "rounding", "rounding": "rounding",
             "判定方式": "judge", "judge": "judge"}
_PLAN_WORDS = {"四舍五入": "half-up", "修约": "half-even", "精确值": "exact", "修约值": "rounded"}


@dataclass(frozen=True)
class PlanHead:
    """The plan's own fields given beside the table (options); each overrides the 方案 sheet.

    `default_id` is the id taken when neither gives one (the template file's name)."""

    id: str | None = None
    title: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    default_id: str | None = None


def cell_text(value: Any, number_format: str = "") -> str:
    """A cell as text: 90 typed as a number reads "90", and 90% Excel keeps as 0.9 reads "90%"."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = Decimal(str(value)) * (100 if "%" in number_format else 1)
        return f"{number.normalize():f}" + ("%" if "%" in number_format else "")
    return str(value).strip()


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def _rows(sheet: Any) -> list[list[str]]:
    return [[cell_text(cell.value, getattr(cell, "number_format", "") or "") for cell in row]
            for row in sheet.iter_rows()]


def read_indicator_table(path: str | Path, head: PlanHead = PlanHead()) -> Plan:
    """The plan an indicator workbook describes, or InputError naming every bad cell.

    The first sheet (other than 方案) holds one indicator a row under a header row; a sheet named
    方案 may give the plan's fields, which `head` overrides; the span, if given nowhere, is that of
    the year columns (2026年目标 …).
    """
    from openpyxl import load_workbook

    source = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            table = next((sheet for sheet in book.worksheets if sheet.title != PLAN_SHEET), None)
            if table is None:
                raise InputError(Problem(msg("the workbook has no sheet of indicators",
                                             "工作簿中没有指标表"), source))
            sheets = {sheet.title: _rows(readable_sheet(sheet, source))
                      for sheet in book.worksheets if sheet is table or sheet.title == PLAN_SHEET}
            table_name = table.title
        finally:
            book.close()
    except InputError:
        raise
    except Exception as exc:
        raise unreadable_workbook(exc, source) from None
    reader = _TableReader(f"{source} [{table_name}]")
    fields = _plan_sheet(reader, f"{source} [{PLAN_SHEET}]", sheets.get(PLAN_SHEET, []))
    indicators, years = reader.indicators(sheets[table_name])
    plan = _plan(reader, source, fields, head, years, indicators)
    if reader.problems:
        raise InputError(*reader.problems)
    assert plan is not None
    return plan


def indicator_table_template(path: str | Path, head: PlanHead = PlanHead()) -> str:
    """The template text of an indicator workbook, checked: it loads back to the same plan."""
    plan = read_indicator_table(path, head)
    text = template_text(plan)
    assert parse_template(text.encode("utf-8"), str(path)) == plan, "the template round-trips"
    return text


class _TableReader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def fail(self, message: Any, row: int | None = None, column: str | None = None,
             source: str | None = None) -> None:
        self.problems.append(Problem(message, source or self.source, row, column))

    def indicators(self, rows: list[list[str]]) -> tuple[list[Indicator], dict[int, str]]:
        """The indicators under the header row, and the year columns (year -> its header)."""
        header_row, header, years = None, {}, {}
        for number, row in enumerate(rows[:_HEADER_SEARCH_ROWS], start=1):
            found = {}
            for index, cell in enumerate(row):
                field = COLUMNS.get(_key(cell))
                if field and field not in found:
                    found[field] = index
            if "code" in found and "name" in found:
                header_row, header = number, found
                years = {int(m[1]): index for index, cell in enumerate(row)
                         if (m := _YEAR_COLUMN.fullmatch(_key(cell)))}
                break
        if header_row is None:
            self.fail(msg("no header row with the columns 指标代码 and 指标名称 in the first {n} "
                          "rows", "前{n}行中没有含“指标代码”和“指标名称”列的表头行",
                          n=_HEADER_SEARCH_ROWS))
            return [], {}
        labels = rows[header_row - 1]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            names = "、".join(_LABELS_ZH[name] for name in missing)
            self.fail(msg("the columns {names} are missing", "缺少列：{names}", names=names),
                      header_row)
            return [], {}
        result: list[Indicator] = []
        first_row: dict[str, int] = {}
        for number, row in enumerate(rows[header_row:], start=header_row + 1):
            cells = {f: row[i] if i < len(row) else "" for f, i in header.items()}
            yearly = {year: row[i] if i < len(row) else "" for year, i in years.items()}
            if not any(cells.values()) and not any(yearly.values()):
                continue
            indicator = self._row(number, cells, yearly,
                                  {f: labels[i] for f, i in header.items()},
                                  {y: labels[i] for y, i in years.items()}, first_row)
            if indicator is not None:
                result.append(indicator)
        return result, {year: labels[index] for year, index in years.items()}

    def _row(self, number: int, cells: dict[str, str], yearly: dict[int, str],
             labels: dict[str, str], year_labels: dict[int, str],
             first_row: dict[str, int]) -> Indicator | None:
        before = len(self.problems)

        def required(field: str) -> str:
            if not cells.get(field):
                self.fail(msg("empty", "不能为空"), number, labels[field])
            return cells.get(field, "")

        code = required("code")
        if code and not CODE.fullmatch(code):
            self.fail(msg("{code!r} may hold only letters, digits, _ . - (16 at most)",
                          "“{code}”只能由字母、数字及 _ . - 组成，最长16位", code=code),
                      number, labels["code"])
        elif code in first_row:
            self.fail(msg("duplicate indicator code {code!r} (first in row {row})",
                          "指标代码“{code}”重复（首次出现在第{row}行）", code=code,
                          row=first_row[code]), number, labels["code"])
        elif code:
            first_row[code] = number
        name, category = required("name"), required("category")
        kind = self._word(cells["kind"], KINDS, number, labels["kind"],
                          "比率、数值、计数、是否 (rate, value, count, flag)")
        frequency = self._word(cells["frequency"], FREQUENCIES, number, labels["frequency"],
                               "季度、半年、年度 (quarterly, half-year, annual)")
        numerator, denominator = cells.get("numerator", ""), cells.get("denominator", "")
        if kind is Kind.RATE:
            for field, text in (("numerator", numerator), ("denominator", denominator)):
                if not text:
                    self.fail(msg("a rate needs the labels of its two numbers",
                                  "比率指标须填写分子名称和分母名称"), number,
                              labels.get(field, _LABELS_ZH[field]))
        elif kind is not None and (numerator or denominator):
            self.fail(msg("only a rate has a numerator and a denominator",
                          "只有比率指标才有分子、分母"), number,
                      labels["numerator" if numerator else "denominator"])
        decimals_text = cells.get("decimals", "")
        decimals = None
        if decimals_text:
            if decimals_text.isdecimal() and int(decimals_text) <= 6:
                decimals = int(decimals_text)
            else:
                self.fail(msg("{value!r} is not a whole number from 0 to 6",
                              "“{value}”应为0至6之间的整数", value=decimals_text),
                          number, labels["decimals"])
        rules = DEFAULT_ROLLUP.get(kind) if kind else None
        over_units = self._rollup(cells.get("over_units", ""), OverUnits, kind, number,
                                  labels.get("over_units"))
        over_time = self._rollup(cells.get("over_time", ""), OverTime, kind, number,
                                 labels.get("over_time"))
        targets: dict[int, Target] = {}
        for year, text in yearly.items():
            if text:
                bound = self._target(text, number, year_labels[year])
                if bound is not None:
                    targets[year] = bound
        target = None
        if cells["target"]:
            target = self._target(cells["target"], number, labels["target"])
        elif targets:
            target = targets[max(targets)]
        else:
            self.fail(msg("empty", "不能为空"), number, labels["target"])
        if len(self.problems) > before:
            return None
        assert kind is not None and frequency is not None and rules is not None
        unit = cells.get("unit") or ("%" if kind is Kind.RATE else "")
        return Indicator(code, name, category, kind, unit,
                         1 if decimals is None and kind in (Kind.RATE, Kind.VALUE)
                         else decimals or 0, frequency, target,
                         over_units or rules[0], over_time or rules[1], targets,
                         numerator or None, denominator or None,
                         cells.get("responsible") or None, cells.get("note") or None)

    def _word(self, text: str, words: dict[str, Any], row: int, column: str,
              choices: str) -> Any:
        if text and _key(text) in words:
            return words[_key(text)]
        self.fail(msg("{value!r} is not one of {choices}", "“{value}”无效，应为{choices}",
                      value=text, choices=choices) if text else msg("empty", "不能为空"),
                  row, column)
        return None

    def _rollup(self, text: str, enum: type[OverUnits] | type[OverTime], kind: Kind | None,
                row: int, column: str | None) -> Any:
        if not text:
            return None
        word = _ROLLUP_WORDS.get(_key(text), _key(text))
        try:
            rule = enum(word)
        except ValueError:
            rule = None
        if rule is None or (kind is not None and not kind_allows(kind, rule)):
            choices = " | ".join(r.value for r in enum if kind is None or kind_allows(kind, r))
            self.fail(msg("{value!r} does not fit here: choose {choices}",
                          "“{value}”不适用，可选 {choices}", value=text, choices=choices),
                      row, column)
            return None
        return rule

    def _target(self, text: str, row: int, column: str) -> Target | None:
        try:
            return Target.parse(text)
        except InputError as exc:
            self.fail(exc.problems[0].message, row, column)
            return None


_LABELS_ZH = {"code": "指标代码", "name": "指标名称", "category": "类别", "kind": "类型",
              "numerator": "分子名称", "denominator": "分母名称", "frequency": "填报频次",
              "target": "目标值"}


def _plan_sheet(reader: _TableReader, source: str, rows: list[list[str]]) -> dict[str, tuple[str, int]]:
    """The 方案 sheet's fields: field -> (value, row); an unknown label is a problem."""
    found: dict[str, tuple[str, int]] = {}
    for number, row in enumerate(rows, start=1):
        label = row[0] if row else ""
        value = row[1] if len(row) > 1 else ""
        if not label and not value:
            continue
        field = PLAN_ROWS.get(_key(label))
        if field is None:
            reader.fail(msg("{label!r} is not a field of the plan (方案编号, 方案名称, 文号, "
                            "印发单位, 起始年份, 终止年份, 修约方式, 判定方式)",
                            "“{label}”不是方案的字段（方案编号、方案名称、文号、印发单位、起始年份、"
                            "终止年份、修约方式、判定方式）", label=label), number, None, source)
        elif value:
            found[field] = (value, number)
    return found


def _plan(reader: _TableReader, source: str, fields: dict[str, tuple[str, int]], head: PlanHead,
          years: dict[int, str], indicators: list[Indicator]) -> Plan | None:
    sheet = f"{source} [{PLAN_SHEET}]"

    def given(field: str, option: Any) -> tuple[Any, int | None]:
        if option is not None:
            return option, None
        value, row = fields.get(field, (None, None))
        return value, row

    plan_id, id_row = given("id", head.id)
    plan_id = plan_id or head.default_id
    title, _ = given("title", head.title)
    if not plan_id or not PLAN_ID.fullmatch(str(plan_id)):
        reader.fail(msg("the plan id {id!r} may hold only a-z, 0-9 and - (give --id or the 方案 "
                        "sheet's 方案编号)", "方案编号“{id}”只能包含小写字母、数字和“-”（用 --id "
                        "或“方案”工作表的“方案编号”给出）", id=str(plan_id or "")),
                    id_row, None, sheet if id_row else source)
    if not title:
        reader.fail(msg("the plan's title is missing (give --title or the 方案 sheet's 方案名称)",
                        "缺少方案名称（用 --title 或“方案”工作表的“方案名称”给出）"),
                    None, None, source)
    span = []
    for field, option, default in (("start_year", head.start_year, min(years, default=None)),
                                   ("end_year", head.end_year, max(years, default=None))):
        value, row = given(field, option)
        if value is None:
            value = default
        if isinstance(value, str):
            value = int(value) if value.isdecimal() else value
        if not isinstance(value, int) or not 1949 <= value <= 2199:
            reader.fail(msg("{field} {value!r} is not a year (give --start/--end, the 方案 "
                            "sheet, or year columns such as 2026年目标)",
                            "{field}“{value}”不是年份（用 --start/--end、“方案”工作表或“2026年目标”"
                            "这样的年度列给出）", field=field, value=str(value or "")),
                        row, None, sheet if row else source)
            value = None
        span.append(value)
    start, end = span
    if start is not None and end is not None:
        if end < start:
            reader.fail(msg("the last year {end} is before the first {start}",
                            "终止年份{end}早于起始年份{start}", end=end, start=start),
                        None, None, source)
        for year, label in years.items():
            if not start <= year <= end:
                reader.fail(msg("year {year} is outside the plan ({start}–{end})",
                                "年份{year}不在方案年限（{start}—{end}年）内", year=year,
                                start=start, end=end), None, label)
    rounding = _choice(reader, sheet, fields, "rounding", Rounding, Rounding.HALF_UP)
    judge = _choice(reader, sheet, fields, "judge", Judge, Judge.EXACT)
    if not indicators and not reader.problems:
        reader.fail(msg("the table lists no indicator", "指标表中没有任何指标"))
    if reader.problems:
        return None
    doc_number, issuer = fields.get("doc_number", (None,))[0], fields.get("issuer", (None,))[0]
    assert start is not None and end is not None and rounding is not None and judge is not None
    return Plan(str(plan_id), str(title), start, end, tuple(indicators), DEFAULT_DEADLINES,
                rounding, judge, doc_number, issuer)


def _choice(reader: _TableReader, sheet: str, fields: dict[str, tuple[str, int]], field: str,
            enum: type[_Choice], default: _Choice) -> _Choice | None:
    """Rounding or judging from the 方案 sheet, in its words (四舍五入) or the template's."""
    if field not in fields:
        return default
    value, row = fields[field]
    try:
        return enum(_PLAN_WORDS.get(_key(value), _key(value)))
    except ValueError:
        reader.fail(msg("{value!r} is not one of {choices}", "“{value}”无效，应为 {choices}",
                        value=value, choices=" | ".join(m.value for m in enum)), row, None, sheet)
        return None
