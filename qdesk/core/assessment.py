"""The assessment (考核): a plan's scheme of items, bonuses, penalties and vetoes, and the scoring of
one unit's year by it, exactly, with where every point came from."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from qdesk.core.numbers import Rounding, display, round_to
from qdesk.core.targets import Target

if TYPE_CHECKING:
    from qdesk.core.plan import Plan


class YearMode(str, Enum):
    """calendar: 1月1日–12月31日; july: 上年7月1日–当年6月30日 (国办发〔2013〕47号), named by the year it ends."""

    CALENDAR = "calendar"
    JULY = "july"


class Rule(str, Enum):
    """How an item is scored."""

    MET = "met"             # full points if the figure meets its target, else 0
    LINEAR = "linear"       # 0 at `floor`, full at the target, straight between
    DEDUCT = "deduct"       # `per` points off for each `step` (a started one counts) short
    TASKS = "tasks"         # from the task ledger: each task an equal share
    MANUAL = "manual"       # the assessor's points, 0..points, with a reason


@dataclass(frozen=True)
class Grade:
    """A grade band: the grade a total reaches from `min` on."""

    grade: str
    min: Decimal


# 国办发〔2013〕47号 第五条: A ≥ 90, B 80–89, C 60–79, D below 60.
DEFAULT_GRADES = (Grade("A", Decimal(90)), Grade("B", Decimal(80)), Grade("C", Decimal(60)),
                  Grade("D", Decimal(0)))
DEFAULT_VETO_GRADE = "D"
DEFAULT_VETO_REASON = "发生区域性、系统性质量安全事件"


@dataclass(frozen=True)
class Item:
    """An item of the scheme worth `points`, scored by its rule."""

    code: str
    name: str
    points: Decimal
    rule: Rule
    indicator: str | None = None
    floor: Decimal | None = None
    per: Decimal | None = None
    step: Decimal | None = None
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extra:
    """A bonus (加分) or penalty (扣分) item: `points` per occurrence, at most `max` in all."""

    code: str
    name: str
    points: Decimal
    max: Decimal | None = None


@dataclass(frozen=True)
class Veto:
    """一票否决: a unit whose figure breaks this indicator's target gets `grade` whatever its score."""

    indicator: str
    grade: str = DEFAULT_VETO_GRADE
    reason: str = DEFAULT_VETO_REASON


@dataclass(frozen=True)
class Scheme:
    items: tuple[Item, ...]
    year: YearMode = YearMode.CALENDAR
    full_marks: Decimal = Decimal(100)
    decimals: int = 1
    grades: tuple[Grade, ...] = DEFAULT_GRADES
    bonus_max: Decimal | None = None
    bonuses: tuple[Extra, ...] = ()
    penalties: tuple[Extra, ...] = ()
    vetoes: tuple[Veto, ...] = ()

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def extra(self, kind: str, code: str) -> Extra | None:
        """The bonus (kind "bonus") or penalty ("penalty") item of that code."""
        pool = self.bonuses if kind == "bonus" else self.penalties
        return next((e for e in pool if e.code == code), None)

    def grade_of(self, total: Decimal) -> str:
        """The first band whose min the total reaches."""
        return next(g.grade for g in self.grades if total >= g.min)

    def points_text(self, value: Fraction | Decimal, rounding: Rounding) -> str:
        return _points_text(Fraction(value), self.decimals, rounding)


@lru_cache(maxsize=4096)
def _points_text(value: Fraction, decimals: int, rounding: Rounding) -> str:
    """Points as shown; a province's table shows the same few (full, 0) thousands of times."""
    return display(value, decimals, rounding)


def task_deadlines(plan: Plan) -> dict[str, dt.date | None]:
    """The plan's tasks (the task ledger's `[[task]]`) and their deadlines, by code.

    The one place scoring and template checking learn the plan's tasks.
    """
    return {t.code: t.deadline for t in plan.tasks}


def assessment_year(year: int, mode: YearMode) -> tuple[dt.date, dt.date]:
    """The first and last day of the assessment year `year`."""
    if mode is YearMode.JULY:
        return dt.date(year - 1, 7, 1), dt.date(year, 6, 30)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def year_label(year: int, mode: YearMode) -> str:
    """How documents name the assessment year: 2020年度, or 2019年7月1日至2020年6月30日."""
    if mode is YearMode.JULY:
        return f"{year}年度（{year - 1}年7月1日至{year}年6月30日）"
    return f"{year}年度"


# --- the inputs of one unit, and its score ------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """An indicator's figure for the assessment year, as the statuses judged it."""

    value: Fraction | None
    target: Target | None
    met: bool | None            # None: not judged (no figure, or no target)
    shown: str                  # the figure as shown: 92.3%
    unit: str = ""
    not_applicable: bool = False    # 无此项 for the year: nothing to assess, nothing deducted


@dataclass(frozen=True)
class ManualScore:
    points: Decimal
    reason: str


@dataclass(frozen=True)
class UnitInputs:
    """What one unit's score is made of: its figures, the assessor's decisions, its tasks done."""

    code: str
    name: str
    figures: Mapping[str, Figure]
    manual: Mapping[str, ManualScore] = field(default_factory=dict)
    bonuses: Mapping[str, int] = field(default_factory=dict)      # item code -> occurrences
    penalties: Mapping[str, int] = field(default_factory=dict)
    done: Mapping[str, dt.date | None] = field(default_factory=dict)    # task -> day done
    task_deadlines: Mapping[str, dt.date | None] = field(default_factory=dict)
    year_end: dt.date = dt.date(1970, 12, 31)


@dataclass(frozen=True)
class ItemScore:
    """An item's earned points and where they came from."""

    item: Item
    earned: Fraction
    figure: str = ""            # the figure, or 未填报
    target: str = ""            # the target as shown
    how: str = ""               # the arithmetic in words
    missing: bool = False       # no figure (未填报) or no score entered


@dataclass(frozen=True)
class ExtraScore:
    extra: Extra
    count: int
    earned: Fraction            # after the item's max (and, for bonuses, bonus_max)
    how: str


@dataclass(frozen=True)
class UnitScore:
    code: str
    name: str
    items: tuple[ItemScore, ...]
    bonuses: tuple[ExtraScore, ...]
    penalties: tuple[ExtraScore, ...]
    bonus: Fraction
    penalty: Fraction
    exact: Fraction             # items + bonus − penalty, not below 0, unrounded
    total: Decimal              # rounded once to the scheme's decimals
    grade: str
    veto: str | None = None     # the veto's reason, when one forced the grade
    rank: int | None = None


def score_unit(scheme: Scheme, inputs: UnitInputs,
               rounding: Rounding = Rounding.HALF_UP) -> UnitScore:
    """One unit's score by the scheme: every item, bonus and penalty, the total, grade and veto."""
    items = tuple(_score_item(scheme, item, inputs, rounding) for item in scheme.items)
    bonuses = _extras(scheme.bonuses, inputs.bonuses, scheme, rounding)
    bonus = sum((b.earned for b in bonuses), Fraction(0))
    if scheme.bonus_max is not None and bonus > scheme.bonus_max:
        bonus = Fraction(scheme.bonus_max)
    penalties = _extras(scheme.penalties, inputs.penalties, scheme, rounding)
    penalty = sum((p.earned for p in penalties), Fraction(0))
    exact = max(Fraction(0), sum((i.earned for i in items), Fraction(0)) + bonus - penalty)
    total = round_to(exact, scheme.decimals, rounding)
    grade, veto = scheme.grade_of(total), None
    for rule in scheme.vetoes:
        figure = inputs.figures.get(rule.indicator)
        if figure is not None and figure.met is False:
            grade, veto = rule.grade, rule.reason
            break
    return UnitScore(inputs.code, inputs.name, items, bonuses, penalties, bonus, penalty, exact,
                     total, grade, veto)


def rank(scores: Iterable[UnitScore]) -> list[UnitScore]:
    """The scores by total, highest first, ranked; equal totals (as shown) share a rank: 1, 2, 2, 4."""
    ordered = sorted(scores, key=lambda s: s.total, reverse=True)
    result: list[UnitScore] = []
    for position, score in enumerate(ordered, start=1):
        shared = result and result[-1].total == score.total
        result.append(replace(score, rank=result[-1].rank if shared else position))
    return result


def _extras(pool: Sequence[Extra], counts: Mapping[str, int], scheme: Scheme,
            rounding: Rounding) -> tuple[ExtraScore, ...]:
    result = []
    for extra in pool:
        count = counts.get(extra.code, 0)
        if not count:
            continue
        raw = Fraction(extra.points) * count
        earned = min(raw, Fraction(extra.max)) if extra.max is not None else raw
        how = f"{_n(extra.points)}分×{count}次"
        if earned < raw:
            how += f"，以{_n(extra.max)}分为限"
        result.append(ExtraScore(extra, count, earned,
                                 f"{how}＝{scheme.points_text(earned, rounding)}分"))
    return tuple(result)


def _n(value: Decimal | Fraction | None) -> str:
    """A scheme's own figure (points, a floor) as written: 2, 2.5."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(value.normalize(), "f")
    return text


def _score_item(scheme: Scheme, item: Item, inputs: UnitInputs,
                rounding: Rounding) -> ItemScore:
    full = Fraction(item.points)

    def pts(value: Fraction) -> str:
        return scheme.points_text(value, rounding)

    if item.rule is Rule.MANUAL:
        given = inputs.manual.get(item.code)
        if given is None:
            return ItemScore(item, Fraction(0), how="未评分，计0分", missing=True)
        return ItemScore(item, Fraction(given.points),
                         how=f"考核评定{pts(Fraction(given.points))}分：{given.reason}")
    if item.rule is Rule.TASKS:
        earned, how = score_tasks(full, item.tasks, inputs.task_deadlines, inputs.done,
                                  inputs.year_end)
        return ItemScore(item, earned, how=f"{how}＝{pts(earned)}分")
    assert item.indicator is not None, "an indicator item names its indicator"
    figure = inputs.figures.get(item.indicator)
    if figure is not None and figure.not_applicable:
        return ItemScore(item, full, figure.shown, "",
                         f"本年度无此项，不扣分，计满分{pts(full)}分")
    if figure is None or figure.value is None:
        return ItemScore(item, Fraction(0), "未填报",
                         figure.target.label(figure.unit) if figure and figure.target else "",
                         "未填报，计0分", missing=True)
    target = figure.target.label(figure.unit) if figure.target else ""
    if figure.met is None or figure.target is None:
        return ItemScore(item, Fraction(0), figure.shown, target, "无考核目标，计0分")
    if figure.met:
        return ItemScore(item, full, figure.shown, target, f"达到目标，得满分{pts(full)}分")
    if item.rule is Rule.MET:
        return ItemScore(item, Fraction(0), figure.shown, target, "未达到目标，计0分")
    if item.rule is Rule.LINEAR:
        earned, how = _linear(full, item, figure, pts)
    else:
        earned, how = _deduct(full, item, figure, pts)
    return ItemScore(item, earned, figure.shown, target, how)


def _bound(target: Target) -> Fraction:
    assert target.low is not None, "a scored target has its figure"
    return Fraction(target.low)


def _linear(full: Fraction, item: Item, figure: Figure, pts: Callable[[Fraction], str]) -> tuple[Fraction, str]:
    """0 at the floor, full at the target, straight between, clamped to 0..full."""
    assert item.floor is not None and figure.target is not None and figure.value is not None
    bound, floor, value = _bound(figure.target), Fraction(item.floor), figure.value
    span = bound - floor if figure.target.op in (">=", ">") else floor - bound
    if span <= 0:
        return Fraction(0), f"未达到目标，下限{_n(item.floor)}不在目标之外，计0分"
    gained = value - floor if figure.target.op in (">=", ">") else floor - value
    if gained <= 0:
        return Fraction(0), f"未超过下限{_n(item.floor)}{figure.unit}，计0分"
    earned = min(full, full * gained / span)
    floor_text, bound_text = f"{_n(item.floor)}{figure.unit}", f"{_n(figure.target.low)}{figure.unit}"
    if figure.target.op in (">=", ">"):
        ratio = f"（{figure.shown}－{floor_text}）÷（{bound_text}－{floor_text}）"
    else:
        ratio = f"（{floor_text}－{figure.shown}）÷（{floor_text}－{bound_text}）"
    return earned, f"{_n(item.points)}分×{ratio}＝{pts(earned)}分"


def _deduct(full: Fraction, item: Item, figure: Figure, pts: Callable[[Fraction], str]) -> tuple[Fraction, str]:
    """`per` points for each `step` short of the target; a started step counts whole."""
    assert item.per is not None and item.step is not None
    assert figure.target is not None and figure.value is not None
    target, value = figure.target, figure.value
    if target.op == "..":
        assert target.high is not None
        short = max(Fraction(target.low or 0) - value, value - Fraction(target.high))
    elif target.op in ("<=", "<"):
        short = value - _bound(target)
    elif target.op == "==":
        short = abs(value - _bound(target))
    else:
        short = _bound(target) - value
    # Not met with nothing short (> 90 at exactly 90) is still one step short.
    steps = max(1, math.ceil(short / Fraction(item.step)))
    taken = Fraction(item.per) * steps
    earned = max(Fraction(0), full - taken)
    return earned, (f"差{steps}个{_n(item.step)}{figure.unit or '单位'}，"
                    f"扣{_n(item.per)}×{steps}＝{pts(taken)}分，得{pts(earned)}分")


def score_tasks(points: Fraction, tasks: Sequence[str],
                deadlines: Mapping[str, dt.date | None], done: Mapping[str, dt.date | None],
                year_end: dt.date) -> tuple[Fraction, str]:
    """Each task an equal share: done by its deadline full, done late half, not done 0.

    A task without a deadline is due by the end of the assessment year.
    """
    if not tasks:
        return Fraction(0), "无任务"
    share = points / len(tasks)
    earned = Fraction(0)
    on_time = late = 0
    for code in tasks:
        day = done.get(code)
        if day is None or day > year_end:
            continue
        due = deadlines.get(code) or year_end
        if day <= due:
            earned += share
            on_time += 1
        else:
            earned += share / 2
            late += 1
    undone = len(tasks) - on_time - late
    return earned, f"{len(tasks)}项任务：按期完成{on_time}项，逾期完成{late}项（计一半），未完成{undone}项"


# --- the scheme as a record (JSON in the database) ----------------------------------------------

def scheme_record(scheme: Scheme) -> dict[str, Any]:
    """The scheme as plain values (decimals as text), as the database keeps it."""
    def number(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    def extra(e: Extra) -> dict[str, Any]:
        return {"code": e.code, "name": e.name, "points": number(e.points), "max": number(e.max)}

    return {
        "year": scheme.year.value, "full_marks": number(scheme.full_marks),
        "decimals": scheme.decimals,
        "grades": [{"grade": g.grade, "min": number(g.min)} for g in scheme.grades],
        "bonus_max": number(scheme.bonus_max),
        "items": [{"code": i.code, "name": i.name, "points": number(i.points),
                   "rule": i.rule.value, "indicator": i.indicator, "floor": number(i.floor),
                   "per": number(i.per), "step": number(i.step), "tasks": list(i.tasks)}
                  for i in scheme.items],
        "bonuses": [extra(e) for e in scheme.bonuses],
        "penalties": [extra(e) for e in scheme.penalties],
        "vetoes": [{"indicator": v.indicator, "grade": v.grade, "reason": v.reason}
                   for v in scheme.vetoes],
    }


def scheme_from_record(record: Mapping[str, Any]) -> Scheme:
    """The scheme scheme_record wrote."""
    def number(value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)

    def extra(e: Mapping[str, Any]) -> Extra:
        return Extra(e["code"], e["name"], Decimal(e["points"]), number(e["max"]))

    return Scheme(
        items=tuple(Item(i["code"], i["name"], Decimal(i["points"]), Rule(i["rule"]),
                         i["indicator"], number(i["floor"]), number(i["per"]),
                         number(i["step"]), tuple(i["tasks"])) for i in record["items"]),
        year=YearMode(record["year"]), full_marks=Decimal(record["full_marks"]),
        decimals=record["decimals"],
        grades=tuple(Grade(g["grade"], Decimal(g["min"])) for g in record["grades"]),
        bonus_max=number(record["bonus_max"]),
        bonuses=tuple(extra(e) for e in record["bonuses"]),
        penalties=tuple(extra(e) for e in record["penalties"]),
        vetoes=tuple(Veto(v["indicator"], v["grade"], v["reason"]) for v in record["vetoes"]))
