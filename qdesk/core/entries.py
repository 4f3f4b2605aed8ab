"""Entries (填报): reading what a clerk typed for an indicator into an exact measure, or refusing it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.numbers import NOT_APPLICABLE, NOT_APPLICABLE_TEXT, Measure, parse_decimal, parse_whole
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Kind, Plan

# Beyond anything a county counts, and beyond what SQLite keeps as an integer; as an int too, to
# which a count compares faster.
_WHOLE_LIMIT = 10 ** 15
_LIMIT = Decimal(_WHOLE_LIMIT)
_FLAG_WORDS = {"1": 1, "0": 0, "是": 1, "否": 0, "yes": 1, "no": 0, "y": 1, "n": 0,
               "true": 1, "false": 0, "完成": 1, "未完成": 0}
# What a clerk types in a figure's cell for 无此项 (nothing to count this period).
NONE_WORDS = frozenset({NOT_APPLICABLE_TEXT, "无", "本期无此项"})


class EntryValue(NamedTuple):
    """What is stored for an entry: two counts for a rate, else one exact decimal, or neither for
    无此项 (a tuple: a sheet makes 100 000)."""

    numerator: int | None = None
    denominator: int | None = None
    value: Decimal | None = None

    @property
    def applicable(self) -> bool:
        return self.denominator is not None or self.value is not None

    def measure(self) -> Measure:
        if self.numerator is not None and self.denominator is not None:
            return Measure.of_rate(self.numerator, self.denominator)
        if self.value is None:
            return NOT_APPLICABLE
        return Measure(Fraction(self.value))


NONE_ENTRY = EntryValue()


def is_none_word(text: str | None) -> bool:
    """Whether a cell says 无此项."""
    return text is not None and str(text).strip() in NONE_WORDS


def _blank(text: str | None) -> bool:
    return text is None or not str(text).strip()


def read_entry(indicator: Indicator, numerator: str | None = None,
               denominator: str | None = None, value: str | None = None,
               none: bool = False) -> EntryValue:
    """Check typed text against the indicator's kind; every problem found is refused together.

    无此项 is asked for by `none`, or typed in a cell (NONE_WORDS); the other cells are then
    empty, and the indicator is not a yes/no.
    """
    cells = {"numerator": numerator, "denominator": denominator, "value": value}
    if none or any(map(is_none_word, cells.values())):
        return _read_none(indicator, cells)
    problems: list[Problem] = []

    def whole(text: str | None, field: str, label: str) -> int | None:
        if _blank(text):
            problems.append(Problem(msg("{label} is missing", "缺少{label}", label=label),
                                    field=field))
            return None
        try:
            number = parse_whole(str(text))
        except InputError as exc:
            problems.append(Problem(exc.problems[0].message, field=field))
            return None
        if number < 0:
            problems.append(Problem(msg("{label} must not be negative", "{label}不能为负数",
                                        label=label), field=field))
            return None
        if number >= _WHOLE_LIMIT:
            problems.append(_too_large(str(text).strip(), field))
            return None
        return number

    if indicator.kind is Kind.RATE:
        if not _blank(value):
            problems.append(Problem(msg(
                "{code} is a rate: enter its numerator and denominator, not a value",
                "{code}是比率指标，应填写分子和分母，而不是数值", code=indicator.code), field="value"))
        num = whole(numerator, "numerator", indicator.numerator or "分子")
        den = whole(denominator, "denominator", indicator.denominator or "分母")
        if num is not None and den is not None:
            if den == 0:
                problems.append(Problem(msg(
                    "{label} must be greater than 0: with nothing to count this period, record "
                    "无此项 (type 无 in the cell, or `qdesk set --none`)",
                    "{label}必须大于0；本期没有可统计的对象时，请记为“无此项”（在格中输入“无”）",
                    label=indicator.denominator or "分母"), field="denominator"))
            elif num > den:
                problems.append(Problem(msg(
                    "{nlabel} ({num}) exceeds {dlabel} ({den})",
                    "{nlabel}（{num}）大于{dlabel}（{den}）",
                    nlabel=indicator.numerator or "分子", num=num,
                    dlabel=indicator.denominator or "分母", den=den), field="numerator"))
        if problems:
            raise InputError(*problems)
        return EntryValue(num, den)

    if not (_blank(numerator) and _blank(denominator)):
        problems.append(Problem(msg(
            "{code} is not a rate: enter one value, not a numerator and denominator",
            "{code}不是比率指标，应填写一个数值，而不是分子分母", code=indicator.code),
            field="numerator"))
    if _blank(value):
        problems.append(Problem(msg("the value is missing", "缺少数值"), field="value"))
        raise InputError(*problems)
    text = str(value).strip()
    if indicator.kind is Kind.FLAG:
        flag = _FLAG_WORDS.get(text.lower())
        if flag is None:
            problems.append(Problem(msg("{text!r} is not yes/no (1 or 0)",
                                        "“{text}”不是“是/否”（1或0）", text=text), field="value"))
            raise InputError(*problems)
        if problems:
            raise InputError(*problems)
        return EntryValue(value=Decimal(flag))
    try:
        number = parse_decimal(text)
    except InputError as exc:
        raise InputError(*problems, Problem(exc.problems[0].message, field="value")) from None
    if abs(number) >= _LIMIT:
        raise InputError(*problems, _too_large(text, "value"))
    if number.is_zero():
        number = abs(number)      # "-0" is stored as 0
    if indicator.kind is Kind.COUNT:
        if number != number.to_integral_value():
            problems.append(Problem(msg("{text!r} is not a whole number: {code} is a count",
                                        "“{text}”不是整数，{code}是计数指标",
                                        text=text, code=indicator.code), field="value"))
        elif number < 0:
            problems.append(Problem(msg("a count must not be negative", "计数不能为负数"),
                                    field="value"))
        number = number.to_integral_value()
    elif indicator.unit == "%" and not 0 <= number <= 100:
        problems.append(Problem(msg("{text}% is outside 0..100", "{text}%超出0至100的范围",
                                    text=text), field="value"))
    if problems:
        raise InputError(*problems)
    return EntryValue(value=number)


def _read_none(indicator: Indicator, cells: dict[str, str | None]) -> EntryValue:
    if indicator.kind is Kind.FLAG:
        raise InputError(Problem(msg(
            "{code} is a yes/no: it is never 无此项, enter 是 or 否",
            "{code}是“是/否”类指标，不存在“无此项”，请填写“是”或“否”", code=indicator.code),
            field="value"))
    given = [field for field, text in cells.items() if not _blank(text) and not is_none_word(text)]
    if given:
        raise InputError(Problem(msg(
            "无此项 and a figure together: with nothing to count, leave the figures empty",
            "“无此项”与数据不能同时填写：本期无此项时，分子、分母和数值均应留空"), field=given[0]))
    return NONE_ENTRY


def read_reference(indicator: Indicator, text: str) -> Decimal:
    """A reference figure (参照值: 全省平均) as typed for an indicator, in the indicator's own terms.

    A rate's reference is its percentage (93.5), not two counts; a count's may have decimals, as
    an average of counts has. Neither is negative, and a percentage lies in 0..100.
    """
    if indicator.kind is Kind.FLAG:
        try:
            return read_entry(indicator, value=text).value or Decimal(0)
        except InputError as exc:
            raise InputError(*(Problem(p.message, field="reference") for p in exc.problems)) \
                from None
    if _blank(text):
        raise InputError(Problem(msg("the reference figure is missing", "缺少参照值"),
                                 field="reference"))
    stripped = str(text).strip()
    try:
        number = parse_decimal(stripped.removesuffix("%").strip())
    except InputError as exc:
        raise InputError(Problem(exc.problems[0].message, field="reference")) from None
    if abs(number) >= _LIMIT:
        raise InputError(_too_large(stripped, "reference"))
    if number.is_zero():
        number = abs(number)
    if indicator.kind is not Kind.VALUE and number < 0:
        raise InputError(Problem(msg("a reference figure for {code} must not be negative",
                                     "{code}的参照值不能为负数", code=indicator.code),
                                 field="reference"))
    if (indicator.kind is Kind.RATE or indicator.unit == "%") and not 0 <= number <= 100:
        raise InputError(Problem(msg("{text}% is outside 0..100", "{text}%超出0至100的范围",
                                     text=stripped.removesuffix("%").strip()),
                                 field="reference"))
    return number


def _too_large(text: str, field: str) -> Problem:
    return Problem(msg("{text} is too large (15 digits at most before the decimal point)",
                       "“{text}”过大（整数部分最多15位）", text=text), field=field)


def check_typed(indicator: Indicator, office: bool) -> None:
    """Whether a figure of the indicator may be typed at all: not once it is retired, and not
    for the office's own unit where its figure is rolled up from the units'."""
    if indicator.retired:
        raise InputError(Problem(msg(
            "{code} is retired: it is no longer entered", "指标{code}已停用，不再填报",
            code=indicator.code), field="indicator"))
    if office and indicator.rolled_up:
        raise InputError(Problem(msg(
            "{code} is rolled up from the units' figures: it cannot be entered for the office",
            "指标{code}由下级单位汇总，不能直接填报", code=indicator.code), field="indicator"))


def check_entry_period(plan: Plan, indicator: Indicator, period: Period) -> None:
    """An entry is kept at the indicator's own frequency, for a year within the plan."""
    if not plan.covers(period.year):
        raise InputError(Problem(msg(
            "period {period} is outside the plan ({start}–{end})",
            "报告期{period}不在方案年限（{start}—{end}年）内",
            period=str(period), start=plan.start_year, end=plan.end_year), field="period"))
    if period.frequency is not indicator.frequency:
        raise InputError(Problem(msg(
            "{code} is entered per {freq_en} period, not for {period}",
            "{code}按{freq_zh}填报，不能填报{period}",
            code=indicator.code, freq_en=indicator.frequency.value,
            freq_zh=indicator.frequency.label_zh, period=str(period)),
            field="period"))


def check_reference_period(plan: Plan, indicator: Indicator, period: Period) -> None:
    """A reference figure is for a period the indicator is judged in: one within the plan, of
    its own frequency or a longer one (a quarterly rate is judged by quarter and by year)."""
    if not plan.covers(period.year):
        raise InputError(Problem(msg(
            "period {period} is outside the plan ({start}–{end})",
            "报告期{period}不在方案年限（{start}—{end}年）内",
            period=str(period), start=plan.start_year, end=plan.end_year), field="period"))
    if period.frequency.months < indicator.frequency.months:
        raise InputError(Problem(msg(
            "{code} is entered per {freq_en} period: it is judged in none shorter, not in {period}",
            "{code}按{freq_zh}填报，不按更短的报告期评判，不能为{period}填写参照值",
            code=indicator.code, freq_en=indicator.frequency.value,
            freq_zh=indicator.frequency.label_zh, period=str(period)), field="period"))
