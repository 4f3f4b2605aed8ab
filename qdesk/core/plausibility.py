"""Unlikely figures (存疑数据): far from the unit's own history, or breaking a [[check]] rule; a warning to explain, never a refusal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from fractions import Fraction
from typing import Any, NamedTuple

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import Msg, msg
from qdesk.core.numbers import Measure, display
from qdesk.core.periods import Period
from qdesk.core.plan import Check, CheckOp, Indicator, Kind, Plan, WarnRules

# How many periods of its kind before a figure its range is taken from.
EARLIER_PERIODS = 4

_OP_WORDS = {CheckOp.LE: ("not above", "不大于"), CheckOp.LT: ("below", "小于"),
             CheckOp.GE: ("not below", "不小于"), CheckOp.GT: ("above", "大于"),
             CheckOp.EQ: ("equal to", "等于")}


class EntryWarning(NamedTuple):
    """Why a figure of an indicator looks unlikely; saving it asks for an explanation."""

    indicator: str      # the code of the figure it is about
    message: Msg


class History(NamedTuple):
    """A figure's own past: the unit's figures of the periods of its kind just before it."""

    earlier: tuple[tuple[Period, Measure | None], ...]   # the last EARLIER_PERIODS, newest first
    year_ago: tuple[Period, Measure | None]              # the same period a year before


@lru_cache(maxsize=256)
def looked_back(period: Period) -> tuple[tuple[Period, ...], Period]:
    """The last EARLIER_PERIODS of `period`'s kind, newest first, and the same period a year
    before: worked out once a period, since an import weighs 100 000 figures of a few."""
    earlier, before = [], period
    for _ in range(EARLIER_PERIODS):
        before = before.previous()
        earlier.append(before)
    return tuple(earlier), period.year_ago()


def history(measures: Mapping[Period, Measure], period: Period) -> History:
    """The periods before `period` its figure is weighed against, with the figure each has."""
    earlier, ago = looked_back(period)
    return History(tuple((p, measures.get(p)) for p in earlier), (ago, measures.get(ago)))


def is_percentage(indicator: Indicator) -> bool:
    """A rate, or a value in %: it moves in 百分点, not in a share of itself."""
    return indicator.kind is Kind.RATE or indicator.unit == "%"


def weighed_against(indicator: Indicator, period: Period) -> tuple[Period, ...]:
    """The periods whose figures figure_warnings weighs a figure of `indicator` for `period`
    against: none for a yes/no, the year before for a percentage, else the last periods. With
    none of them entered, the figure cannot warn but by a [[check]] rule."""
    if indicator.kind is Kind.FLAG:
        return ()
    earlier, ago = looked_back(period)
    return (ago,) if is_percentage(indicator) else earlier


def checked_codes(rules: WarnRules) -> frozenset[str]:
    """The indicators some [[check]] rule names, on either side."""
    return frozenset(code for check in rules.checks for code in (check.left, check.right))


def outside_range(value: Fraction, figures: Sequence[Fraction], margin: Decimal) -> bool:
    """Whether `value` lies beyond the range of `figures` widened by `margin` % of each end
    (the top end up, the bottom end down); never with no figures to weigh it against."""
    if not figures:
        return False
    share = Fraction(margin) / 100
    low, high = min(figures), max(figures)
    return value > high + abs(high) * share or value < low - abs(low) * share


def moved_points(value: Fraction, year_ago: Fraction, points: Decimal) -> bool:
    """Whether a percentage moved more than `points` 百分点 from its figure a year before."""
    return abs(value - year_ago) > Fraction(points)


def _shown(plan: Plan, indicator: Indicator, value: Fraction) -> str:
    unit = "%" if indicator.kind is Kind.RATE else indicator.unit
    return display(value, indicator.decimals, plan.rounding) + unit


def figure_warnings(plan: Plan, indicator: Indicator, period: Period,
                    measures: Mapping[Period, Measure]) -> list[EntryWarning]:
    """The warnings of the unit's figure of `indicator` for `period` (in `measures`, with its
    figures of the periods before): a percentage moving more than the plan's warn_points on
    the same period last year; a count or value outside the range of its last figures by more
    than the plan's warn margin. A yes/no, 无此项 or a missing figure never warns."""
    figure = measures.get(period)
    if figure is None or not figure.applicable or indicator.kind is Kind.FLAG:
        return []
    rules = plan.warn_rules
    past = history(measures, period)
    value = figure.value
    if is_percentage(indicator):
        ago = past.year_ago[1]
        points = rules.points_for(indicator.code)
        if ago is None or not ago.applicable or not moved_points(value, ago.value, points):
            return []
        delta = value - ago.value
        return [EntryWarning(indicator.code, msg(
            "{value} is {delta} 百分点 {way} the same period last year ({ago}), more than {points}",
            "{value}比上年同期（{ago}）{way_zh}{delta}个百分点，超过{points}个百分点",
            value=_shown(plan, indicator, value), ago=_shown(plan, indicator, ago.value),
            delta=display(abs(delta), indicator.decimals, plan.rounding),
            way="above" if delta > 0 else "below", way_zh="提高" if delta > 0 else "下降",
            points=f"{points.normalize():f}"))]
    figures = [m.value for _, m in past.earlier if m is not None and m.applicable]
    margin = rules.margin(indicator.code)
    if not outside_range(value, figures, margin):
        return []
    low, high = min(figures), max(figures)
    return [EntryWarning(indicator.code, msg(
        "{value} lies more than {margin}% outside the range of the last {count} figures"
        " ({low}–{high})",
        "{value}超出近{count}期数值范围（{low}～{high}）{margin}%以上",
        value=_shown(plan, indicator, value), low=_shown(plan, indicator, low),
        high=_shown(plan, indicator, high), count=len(figures),
        margin=f"{margin.normalize():f}"))]


def check_warnings(plan: Plan, period: Period,
                   figures: Mapping[str, Measure | None]) -> list[EntryWarning]:
    """The [[check]] rules broken by the unit's figures of one period (indicator code ->
    figure): one warning for each indicator a broken rule names. A rule missing a figure, or
    with 无此项 on either side, holds."""
    warnings = []
    for check in plan.warn_rules.checks:
        left, right = figures.get(check.left), figures.get(check.right)
        left_indicator, right_indicator = plan.indicator(check.left), plan.indicator(check.right)
        if left is None or right is None or not (left.applicable and right.applicable) \
                or left_indicator is None or right_indicator is None \
                or check.op.holds(left.value, right.value):
            continue
        en, zh = _OP_WORDS[check.op]
        shown = msg("{left} ({lvalue}) should be {op} {right} ({rvalue})",
                    "{left}（{lvalue}）应{op_zh}{right}（{rvalue}）", left=check.left,
                    lvalue=_shown(plan, left_indicator, left.value), op=en, op_zh=zh,
                    right=check.right, rvalue=_shown(plan, right_indicator, right.value))
        if check.message:
            shown = msg("{rule}: {figures}", "{rule}：{figures}", rule=check.message,
                        figures=shown)
        warnings += [EntryWarning(code, shown) for code in dict.fromkeys((check.left,
                                                                           check.right))]
    return warnings


def entry_warnings(plan: Plan, period: Period,
                   measures: Mapping[str, Mapping[Period, Measure]],
                   codes: Iterable[str]) -> dict[str, list[EntryWarning]]:
    """The warnings of the unit's figures of `codes` for `period`, from its figures (indicator
    code -> period -> figure, the figures to weigh among them): its history's and the broken
    [[check]] rules naming it. Only the codes that warn are keys."""
    wanted = list(codes)
    result: dict[str, list[EntryWarning]] = {}
    for code in wanted:
        indicator = plan.indicator(code)
        if indicator is not None:
            found = figure_warnings(plan, indicator, period, measures.get(code, {}))
            if found:
                result[code] = found
    now = {code: by_period.get(period) for code, by_period in measures.items()}
    for warning in check_warnings(plan, period, now):
        if warning.indicator in wanted:
            result.setdefault(warning.indicator, []).append(warning)
    return result


def warn_rules_record(rules: WarnRules) -> dict[str, Any]:
    """The rules as JSON holds them: margins as decimal text, each check as its four keys."""
    return {"warn": str(rules.warn), "warn_points": str(rules.warn_points),
            "margins": {code: str(m) for code, m in rules.margins.items()},
            "points": {code: str(p) for code, p in rules.points.items()},
            "checks": [{"left": c.left, "op": c.op.value, "right": c.right,
                        "message": c.message} for c in rules.checks]}


def warn_rules_from_record(record: Mapping[str, Any]) -> WarnRules:
    return WarnRules(Decimal(record["warn"]), Decimal(record["warn_points"]),
                     {code: Decimal(m) for code, m in record["margins"].items()},
                     {code: Decimal(p) for code, p in record["points"].items()},
                     tuple(Check(c["left"], CheckOp(c["op"]), c["right"], c["message"])
                           for c in record["checks"]))


class UnexplainedError(InputError):
    """An unlikely figure saved without the explanation it asks for: nothing is written."""


def require_explanations(warnings: Mapping[str, Sequence[EntryWarning]],
                         explanations: Mapping[str, str | None]) -> None:
    """Refuse, naming each, the warned figures (indicator code -> its warnings) that come
    without an explanation (code -> the text kept as the entry's note)."""
    missing = [Problem(msg("{code}: {warning}. An unlikely figure is kept only with an"
                           " explanation in its note (qdesk set --note)",
                           "{code}：{warning}。数据存疑，须说明原因（作为备注保存，qdesk set --note）",
                           code=code, warning=found[0].message), field="note")
               for code, found in warnings.items()
               if found and not (explanations.get(code) or "").strip()]
    if missing:
        raise UnexplainedError(*missing)


def with_explanation(note: str | None, explanation: str) -> str:
    """The entry's note with the explanation added after what the clerk typed, never over it."""
    note, explanation = (note or "").strip(), explanation.strip()
    if not explanation or explanation in note:
        return note
    return f"{note}；{explanation}" if note else explanation
