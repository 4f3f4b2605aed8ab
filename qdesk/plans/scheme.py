"""Reading a template's `[assessment]` (DESIGN.md §3) into a Scheme, every problem located."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from qdesk.core.assessment import (DEFAULT_GRADES, DEFAULT_VETO_GRADE, DEFAULT_VETO_REASON, Extra,
                                   Grade, Item, Rule, Scheme, Veto, YearMode, task_deadlines)
from qdesk.core.i18n import msg
from qdesk.core.periods import Frequency
from qdesk.core.plan import Plan

if TYPE_CHECKING:
    from qdesk.plans.template import _Reader

ASSESSMENT_KEYS = {"year", "full_marks", "decimals", "grades", "bonus_max", "item", "bonus",
                   "penalty", "veto"}
CodeOf = Callable[[dict[str, Any], str, int], str | None]
ITEM_KEYS = {"code", "name", "points", "indicator", "rule", "floor", "per", "step", "tasks",
             "manual"}
EXTRA_KEYS = {"code", "name", "points", "max"}
VETO_KEYS = {"indicator", "grade", "reason"}
GRADE_KEYS = {"grade", "min"}
_T = "assessment"
# Which keys belong to which rule, for refusing a key that does not fit the item's rule.
_RULE_KEYS = {"floor": Rule.LINEAR, "per": Rule.DEDUCT, "step": Rule.DEDUCT}


def read_scheme(r: _Reader, raw: Any, plan: Plan) -> Scheme | None:
    """The scheme of `[assessment]`, checked against the plan's indicators and tasks."""

    if not isinstance(raw, dict):
        r.fail(msg("assessment must be a table [assessment]", "assessment 应写作 [assessment] 表"),
               _T)
        return None
    r.unknown_keys(raw, ASSESSMENT_KEYS, _T)
    mode = r.choice(raw, "year", YearMode, _T, default=YearMode.CALENDAR)
    full = _number(r, raw, "full_marks", _T, 0, positive=True) or Decimal(100)
    decimals = r.integer(raw, "decimals", _T, 0, 0, 4, required=False)
    grades = _grades(r, raw.get("grades"), full)
    bonus_max = _number(r, raw, "bonus_max", _T, 0)
    codes: dict[str, tuple[str, int]] = {}

    def code_of(item: dict[str, Any], table: str, index: int) -> str | None:
        return r.code(item, table, index, codes, msg("assessment", "考核"))

    items = [i for index, raw_item in enumerate(_tables(r, raw, "item"))
             if (i := _item(r, raw_item, index, plan, mode, code_of)) is not None]
    if not raw.get("item"):
        r.fail(msg("the assessment has no [[assessment.item]]",
                   "考核方案中没有任何 [[assessment.item]] 考核项目"), _T)
    total = sum((i.points for i in items), Decimal(0))
    if items and len(items) == len(_tables(r, raw, "item")) and total != full:
        r.fail(msg("the items' points add up to {total}, not full_marks = {full}",
                   "各考核项目分值合计{total}分，与满分（full_marks = {full}）不符",
                   total=str(total), full=str(full)), _T, 0, "full_marks")
    extras = {}
    for kind in ("bonus", "penalty"):
        extras[kind] = [e for index, raw_extra in enumerate(_tables(r, raw, kind))
                        if (e := _extra(r, raw_extra, f"{_T}.{kind}", index, code_of))
                        is not None]
    names = {g.grade for g in grades}
    vetoes = []
    for index, item in enumerate(_tables(r, raw, "veto")):
        table = f"{_T}.veto"
        r.unknown_keys(item, VETO_KEYS, table, index)
        code = r.text(item, "indicator", table, index)
        if code is not None and plan.indicator(code) is None:
            r.fail(msg("unknown indicator {code!r}", "指标“{code}”不存在", code=code), table,
                   index, "indicator")
        grade = r.text(item, "grade", table, index, required=False) or DEFAULT_VETO_GRADE
        if names and grade not in names:
            r.fail(msg("grade {grade!r} is not one of the grades", "等次“{grade}”不在等次划分中",
                       grade=grade), table, index, "grade")
        reason = r.text(item, "reason", table, index, required=False) or DEFAULT_VETO_REASON
        if code is not None:
            vetoes.append(Veto(code, grade, reason))
    if r.problems:
        return None
    assert mode is not None
    return Scheme(tuple(items), mode, full, 1 if decimals is None else decimals, tuple(grades),
                  bonus_max, tuple(extras["bonus"]), tuple(extras["penalty"]), tuple(vetoes))


def _tables(r: _Reader, raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        r.fail(msg("{key} must be written [[assessment.{key}]]",
                   "“{key}”应写作 [[assessment.{key}]] 表数组", key=key), _T, 0, key)
        return []
    return value


def _number(r: _Reader, data: dict[str, Any], key: str, table: str, index: int,
            positive: bool = False, required: bool = False) -> Decimal | None:
    """A number ≥ 0 (> 0 if `positive`) as TOML writes it, read exactly."""
    value = data.get(key)
    if value is None:
        if required:
            r.fail(msg("{key} is missing", "缺少字段“{key}”", key=key), table, index, key)
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or value < 0 or (positive and value == 0) or value != value or value in (
            float("inf"), float("-inf")):
        r.fail(msg("{key} must be a number above 0" if positive else "{key} must be a number ≥ 0",
                   "“{key}”应为大于0的数" if positive else "“{key}”应为不小于0的数", key=key),
               table, index, key)
        return None
    return Decimal(str(value))


def _grades(r: _Reader, raw: Any, full: Decimal) -> list[Grade]:
    """Bands by `min`: strictly decreasing, the last from 0, so every total has one grade."""
    if raw is None:
        return list(DEFAULT_GRADES)
    if not isinstance(raw, list) or not raw or not all(isinstance(g, dict) for g in raw):
        r.fail(msg('grades must be a list like [{ grade = "A", min = 90 }, …]',
                   "“grades”应写作 [{ grade = \"A\", min = 90 }, …]"), _T, 0, "grades")
        return []
    grades: list[Grade] = []
    seen: set[str] = set()
    for band in raw:
        for key in sorted(set(band) - GRADE_KEYS):
            r.fail(msg("unknown key {key!r}", "未知字段“{key}”", key=key), _T, 0, "grades",
                   f"assessment.grades.{key}")
        name, low = band.get("grade"), _number(r, band, "min", _T, 0, required=True)
        if not isinstance(name, str) or not name.strip():
            r.fail(msg("each grade needs a name", "每个等次都要写明名称（grade）"), _T, 0, "grades")
            continue
        if name in seen:
            r.fail(msg("grade {grade!r} is given twice", "等次“{grade}”重复", grade=name), _T, 0,
                   "grades")
        seen.add(name)
        if low is None:
            continue
        if grades and low >= grades[-1].min:
            r.fail(msg("grade bands overlap: {grade}'s min {min} is not below {above}'s {above_min}"
                       " (write the bands from the highest down, each min lower)",
                       "等次区间重叠：“{grade}”的下限{min}不低于“{above}”的下限{above_min}"
                       "（应从高到低书写，下限逐级降低）",
                       grade=name, min=str(low), above=grades[-1].grade,
                       above_min=str(grades[-1].min)), _T, 0, "grades")
        if low > full:
            r.fail(msg("grade {grade}'s min {min} is above full marks {full}",
                       "等次“{grade}”的下限{min}高于满分{full}", grade=name, min=str(low),
                       full=str(full)), _T, 0, "grades")
        grades.append(Grade(name.strip(), low))
    if grades and grades[-1].min != 0:
        r.fail(msg("the grade bands leave a gap: a total below {min} has no grade (the last band "
                   "starts at min = 0)",
                   "等次区间有空缺：低于{min}分没有对应等次（最后一个等次的下限应为0）",
                   min=str(grades[-1].min)), _T, 0, "grades")
    return grades


def _item(r: _Reader, item: dict[str, Any], index: int, plan: Plan, mode: YearMode | None,
          code_of: CodeOf) -> Item | None:
    t = f"{_T}.item"
    before = len(r.problems)
    r.unknown_keys(item, ITEM_KEYS, t, index)
    code = code_of(item, t, index)
    name = r.text(item, "name", t, index)
    points = _number(r, item, "points", t, index, positive=True, required=True)
    sources = [key for key in ("indicator", "tasks", "manual") if key in item]
    if len(sources) != 1:
        r.fail(msg("an item is scored from one of indicator, tasks or manual = true",
                   "每个考核项目须且只能写 indicator、tasks、manual = true 中的一项"), t, index)
        return None
    rule: Rule | None
    if sources == ["manual"]:
        rule = Rule.MANUAL
        if item["manual"] is not True:
            r.fail(msg("manual must be true", "“manual”只能写 true"), t, index, "manual")
    elif sources == ["tasks"]:
        rule = Rule.TASKS
        _tasks(r, item.get("tasks"), t, index, plan)
    else:
        rule = r.choice(item, "rule", Rule, t, index, default=Rule.MET,
                        allowed=[Rule.MET, Rule.LINEAR, Rule.DEDUCT])
    if "rule" in item and rule in (Rule.MANUAL, Rule.TASKS):
        r.fail(msg("rule is only for an indicator item", "只有按指标计分的项目才写“rule”"), t,
               index, "rule")
    for key, owner in _RULE_KEYS.items():
        if key in item and rule is not owner:
            r.fail(msg("{key} is only for rule = {rule}", "“{key}”只用于 rule = \"{rule}\"",
                       key=key, rule=owner.value), t, index, key)
    floor = per = step = None
    indicator = r.text(item, "indicator", t, index) if rule in (Rule.MET, Rule.LINEAR,
                                                                Rule.DEDUCT) else None
    found = plan.indicator(indicator) if indicator else None
    if indicator and found is None:
        r.fail(msg("unknown indicator {code!r}", "指标“{code}”不存在", code=indicator), t, index,
               "indicator")
    if found is not None and mode is YearMode.JULY and found.frequency is Frequency.ANNUAL:
        r.fail(msg("{code} is entered once a year: it cannot be scored on a year from July to "
                   "June (year = \"july\")",
                   "指标{code}按年度填报，不能用于7月1日至次年6月30日的考核年度（year = \"july\"）",
                   code=indicator), t, index, "indicator")
    targets = ([] if found is None else
               [x for x in (found.target, *found.targets.values()) if x is not None])
    if rule is Rule.LINEAR:
        floor = _number(r, item, "floor", t, index, required=True)
        for target in targets:
            if target.op not in (">=", ">", "<=", "<") or target.basis is not None \
                    or target.aim is not None:
                r.fail(msg("linear needs a target that is a bound (>=, >, <=, <), not {target}",
                           "线性计分（linear）要求目标为界限值（>=、>、<=、<），而“{target}”不是",
                           target=str(target)), t, index, "rule")
                break
            if floor is not None and target.low is not None and (
                    floor >= target.low if target.op in (">=", ">") else floor <= target.low):
                r.fail(msg("floor {floor} is not on the far side of the target {target}",
                           "下限{floor}应在目标“{target}”未达到的一侧", floor=str(floor),
                           target=str(target)), t, index, "floor")
                break
    if rule is Rule.DEDUCT:
        per = _number(r, item, "per", t, index, positive=True, required=True)
        step = _number(r, item, "step", t, index, positive=True, required=True)
        for target in targets:
            if target.basis is not None:
                r.fail(msg("deduct needs a target with a figure, not {target}",
                           "扣分计分（deduct）要求目标有具体数值，而“{target}”没有",
                           target=str(target)), t, index, "rule")
                break
    if len(r.problems) > before:
        return None
    assert code is not None and name is not None and points is not None and rule is not None
    tasks = tuple(item["tasks"]) if rule is Rule.TASKS else ()
    return Item(code, name, points, rule, indicator, floor, per, step, tasks)


def _tasks(r: _Reader, value: Any, t: str, index: int, plan: Plan) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        r.fail(msg('tasks must be a list of task codes, like ["T01", "T02"]',
                   "“tasks”应为任务代码列表，如 [\"T01\", \"T02\"]"), t, index, "tasks")
        return
    known = task_deadlines(plan)
    unknown = [code for code in value if code not in known]
    if unknown:
        r.fail(msg("unknown task {code!r} (the plan's [[task]]s: {known})",
                   "任务“{code}”不存在（方案的 [[task]]：{known}）", code=unknown[0],
                   known="、".join(known) or "无"), t, index, "tasks")
    if len(set(value)) != len(value):
        r.fail(msg("a task is named twice", "任务代码重复"), t, index, "tasks")


def _extra(r: _Reader, item: dict[str, Any], table: str, index: int,
           code_of: CodeOf) -> Extra | None:
    before = len(r.problems)
    r.unknown_keys(item, EXTRA_KEYS, table, index)
    code = code_of(item, table, index)
    name = r.text(item, "name", table, index)
    points = _number(r, item, "points", table, index, positive=True, required=True)
    most = _number(r, item, "max", table, index, positive=True)
    if len(r.problems) > before:
        return None
    assert code is not None and name is not None and points is not None
    return Extra(code, name, points, most)
