"""The year's assessment decisions (manual scores, bonus and penalty entries, publication) and the
inputs each assessed unit is scored from: its figures as the statuses judge them, and them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from qdesk.core.assessment import (Figure, ManualScore, Rule, Scheme, UnitInputs, YearMode,
                                   assessment_year, task_deadlines)
from qdesk.core.attainment import Assessment, Status, judge
from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT, Measure, display, parse_decimal, parse_whole
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Plan
from qdesk.core.rollup import combine
from qdesk.core.units import Level
from qdesk.store import audit
from qdesk.store.changes import Changes
from qdesk.store.database import Store, insert_row, now
from qdesk.store.plans import unit_targets_of
from qdesk.store.status import statuses_of
from qdesk.store.tasks import done_days
from qdesk.store.units import Unit, find_unit, home_unit, subordinates

KINDS = ("bonus", "penalty")


@dataclass(frozen=True)
class AssessmentEntry:
    """A bonus or penalty entered for a unit: how many times, why, by which document."""

    id: int
    year: int
    unit_code: str
    kind: str
    item: str
    count: int
    reason: str
    doc_number: str | None


@dataclass(frozen=True)
class Publication:
    year: int
    published_at: str
    published_by: str


def scheme_of(plan: Plan) -> Scheme:
    """The plan's scheme; InputError for a plan without one."""
    if plan.assessment is None:
        raise InputError(msg("the plan has no assessment scheme ([assessment] in its template)",
                             "方案中没有考核办法（模板中的 [assessment]）"))
    return plan.assessment


def check_year(plan: Plan, year: int) -> None:
    plan.check_period(Period.year_of(year))


def assessed_units(store: Store, year: int) -> list[Unit]:
    """Who is assessed: the office's subordinate units on the roll in the year, but not its
    member units (成员单位: departments supply figures and lead tasks; they are not graded)."""
    return [u for u in subordinates(store, home_unit(store), Period.year_of(year))
            if u.level != Level.DEPARTMENT]


def publication(store: Store, year: int) -> Publication | None:
    """The year's standing publication, if its results are published (and so locked)."""
    row = next(store.query("SELECT year, published_at, published_by FROM assessment_publications"
                           " WHERE year = ? AND unpublished_at IS NULL", [year]), None)
    return None if row is None else Publication(row["year"], row["published_at"],
                                                row["published_by"])


def check_open(store: Store, year: int) -> None:
    """Refuse a change to a published year."""
    if publication(store, year) is not None:
        raise InputError(msg("the {year} assessment is published and locked: unpublish it (with a "
                             "reason) to change it",
                             "{year}年度考核结果已发布并锁定，如需修改请先撤销发布（需说明理由）",
                             year=year))


def _assessed_unit(store: Store, year: int, code: str) -> Unit:
    unit = find_unit(store, code)
    # The office's own unit takes decisions too: its self-evaluation (自评) by the same scheme.
    if unit.parent_id is not None and unit.id not in {u.id for u in assessed_units(store, year)}:
        raise InputError(Problem(msg("{code} {name} is not assessed in {year} (only the "
                                     "subordinate units on the roll, not member units)",
                                     "{code} {name}不是{year}年度的考核对象（考核对象为在册的下级单位，"
                                     "不含成员单位）", code=unit.code, name=unit.name,
                                     year=year), field="unit"))
    return unit


def _reason(reason: str | None) -> str:
    if reason is None or not reason.strip():
        raise InputError(Problem(msg("a reason is required", "必须说明理由"), field="reason"))
    return reason.strip()


def set_manual_score(store: Store, plan: Plan, year: int, unit_code: str, item_code: str,
                     points: str, reason: str) -> Changes:
    """The assessor's points for a manual item (0..its points) with the reason; audited."""
    scheme = scheme_of(plan)
    check_year(plan, year)
    check_open(store, year)
    unit = _assessed_unit(store, year, unit_code)
    item = scheme.item(item_code)
    if item is None:
        raise InputError(Problem(msg("unknown assessment item {code!r}", "考核项目“{code}”不存在",
                                     code=item_code), field="item"))
    if item.rule is not Rule.MANUAL:
        raise InputError(Problem(msg("{code} {name} is scored by its rule, not by hand",
                                     "{code} {name}按规则计分，不能手工评分", code=item.code,
                                     name=item.name), field="item"))
    value = parse_decimal(points)
    if not 0 <= value <= item.points:
        raise InputError(Problem(msg("{points} is outside 0–{most}, the points of {code} {name}",
                                     "{points}分超出{code} {name}的分值范围（0—{most}分）",
                                     points=str(value), most=str(item.points), code=item.code,
                                     name=item.name), field="points"))
    why = _reason(reason)
    key = f"{year}/{unit.code}/{item.code}"
    with store.transaction() as db:
        old = next(store.query("SELECT id, points, reason FROM assessment_scores WHERE year = ?"
                               " AND unit_id = ? AND item = ?", [year, unit.id, item.code]), None)
        row = {"year": year, "unit_id": unit.id, "item": item.code, "points": str(value),
               "reason": why, "updated_by": store.operator, "updated_at": now()}
        if old is None:
            db.table("assessment_scores").insert(row)
        else:
            db.table("assessment_scores").update(old["id"], row)
        audit.record(store, "assessment_scores", key, "insert" if old is None else "update",
                     None if old is None else {"points": old["points"], "reason": old["reason"]},
                     {"points": str(value), "reason": why}, reason=why, unit_code=unit.code,
                     period=str(year))
    return Changes.of("assessment_scores", "audit", units=[unit.code],
                      periods=[Period.year_of(year)])


def add_entry(store: Store, plan: Plan, year: int, unit_code: str, kind: str, item_code: str,
              count: str | int, reason: str, doc_number: str | None = None) -> Changes:
    """A bonus or penalty for a unit (`count` occurrences) with its reason and document; audited."""
    scheme = scheme_of(plan)
    check_year(plan, year)
    check_open(store, year)
    unit = _assessed_unit(store, year, unit_code)
    extra = scheme.extra(kind, item_code)
    if extra is None:
        raise InputError(Problem(msg("unknown {kind} item {code!r}", "{label}项目“{code}”不存在",
                                     kind=kind, code=item_code,
                                     label="加分" if kind == "bonus" else "扣分"), field="item"))
    times = count if isinstance(count, int) else parse_whole(count)
    if times < 1:
        raise InputError(Problem(msg("the count must be 1 or more", "次数应不少于1"),
                                 field="count"))
    why = _reason(reason)
    doc = doc_number.strip() if doc_number and doc_number.strip() else None
    with store.transaction() as db:
        row_id = insert_row(db, "assessment_entries", {
            "year": year, "unit_id": unit.id, "kind": kind, "item": extra.code, "count": times,
            "reason": why, "doc_number": doc, "created_by": store.operator, "created_at": now()})
        audit.record(store, "assessment_entries", f"{year}/{unit.code}/{extra.code}/{row_id}",
                     "insert", None, {"kind": kind, "item": extra.code, "count": times,
                                      "reason": why, "doc_number": doc},
                     reason=why, unit_code=unit.code, period=str(year))
    return Changes.of("assessment_entries", "audit", units=[unit.code],
                      periods=[Period.year_of(year)])


def remove_entry(store: Store, entry_id: int, reason: str) -> Changes:
    """Take back a bonus or penalty entered in error, with the reason; audited."""
    row = next(store.query("SELECT e.*, u.code AS unit_code FROM assessment_entries e JOIN units u"
                           " ON u.id = e.unit_id WHERE e.id = ?", [entry_id]), None)
    if row is None:
        raise InputError(msg("no such bonus or penalty entry", "没有这条加减分记录"))
    check_open(store, row["year"])
    why = _reason(reason)
    with store.transaction() as db:
        db.execute("DELETE FROM assessment_entries WHERE id = ?", [entry_id])
        audit.record(store, "assessment_entries",
                     f"{row['year']}/{row['unit_code']}/{row['item']}/{entry_id}", "delete",
                     {key: row[key] for key in ("kind", "item", "count", "reason", "doc_number")},
                     None, reason=why, unit_code=row["unit_code"], period=str(row["year"]))
    return Changes.of("assessment_entries", "audit", units=[row["unit_code"]],
                      periods=[Period.year_of(row["year"])])


def publish(store: Store, plan: Plan, year: int) -> Changes:
    """Publish the year's results, which locks them; audited."""
    scheme_of(plan)
    check_year(plan, year)
    check_open(store, year)
    with store.transaction() as db:
        db.table("assessment_publications").insert({"year": year, "published_by": store.operator,
                                                    "published_at": now()})
        audit.record(store, "assessment_publications", str(year), "insert", None,
                     {"published": True}, period=str(year))
    return Changes.of("assessment_publications", "audit", periods=[Period.year_of(year)])


def unpublish(store: Store, year: int, reason: str) -> Changes:
    """Open a published year again; the reason is required and the audit trail keeps it."""
    why = _reason(reason)
    if publication(store, year) is None:
        raise InputError(msg("the {year} assessment is not published", "{year}年度考核结果尚未发布",
                             year=year))
    with store.transaction() as db:
        db.execute("UPDATE assessment_publications SET unpublished_by = ?, unpublished_at = ?,"
                   " unpublish_reason = ? WHERE year = ? AND unpublished_at IS NULL",
                   [store.operator, now(), why, year])
        audit.record(store, "assessment_publications", str(year), "update", {"published": True},
                     {"published": False}, reason=why, period=str(year))
    return Changes.of("assessment_publications", "audit", periods=[Period.year_of(year)])


def manual_scores(store: Store, year: int) -> dict[int, dict[str, ManualScore]]:
    """unit id -> item -> the assessor's score, for the year."""
    result: dict[int, dict[str, ManualScore]] = defaultdict(dict)
    for row in store.query("SELECT unit_id, item, points, reason FROM assessment_scores"
                           " WHERE year = ?", [year]):
        result[row["unit_id"]][row["item"]] = ManualScore(Decimal(row["points"]), row["reason"])
    return dict(result)


def entries_of(store: Store, year: int) -> list[AssessmentEntry]:
    """The year's bonus and penalty entries, in the order they were made."""
    return [AssessmentEntry(r["id"], r["year"], r["code"], r["kind"], r["item"], r["count"],
                            r["reason"], r["doc_number"])
            for r in store.query("SELECT e.*, u.code FROM assessment_entries e JOIN units u"
                                 " ON u.id = e.unit_id WHERE e.year = ? ORDER BY e.id", [year])]


# --- the inputs of scoring -----------------------------------------------------------------------

def inputs_of(store: Store, plan: Plan, year: int, units: Sequence[Unit],
              today: dt.date | None = None) -> dict[int, UnitInputs]:
    """What each unit's score is made of: unit id -> its figures, decisions and tasks done."""
    scheme = scheme_of(plan)
    check_year(plan, year)
    codes = {i.indicator for i in scheme.items if i.indicator} | {v.indicator
                                                                  for v in scheme.vetoes}
    chosen = [i for i in plan.indicators if i.code in codes]
    figures = _figures(store, plan, scheme, year, list(units), chosen, today)
    manual = manual_scores(store, year)
    counts: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_code = {u.code: u.id for u in units}
    for entry in entries_of(store, year):
        if entry.unit_code in by_code:
            counts[(by_code[entry.unit_code], entry.kind)][entry.item] += entry.count
    _, year_end = assessment_year(year, scheme.year)
    done = done_days(store, [u.id for u in units], year_end)
    deadlines = task_deadlines(plan)
    return {u.id: UnitInputs(u.code, u.name, figures[u.id], manual.get(u.id, {}),
                             dict(counts.get((u.id, "bonus"), {})),
                             dict(counts.get((u.id, "penalty"), {})),
                             dict(done.get(u.id, {})), deadlines, year_end)
            for u in units}


def figure_of(a: Assessment) -> Figure:
    """An assessed figure as the scoring takes it."""
    met = {Status.MET: True, Status.NOT_MET: False}.get(a.status)
    return Figure(a.measure.value if a.measure else None, a.target, met, a.shown,
                  a.indicator.unit, a.status is Status.NOT_APPLICABLE)


def _figures(store: Store, plan: Plan, scheme: Scheme, year: int, units: list[Unit],
             chosen: list[Indicator], today: dt.date | None) -> dict[int, dict[str, Figure]]:
    if not chosen:
        return {u.id: {} for u in units}
    if scheme.year is YearMode.CALENDAR:
        statuses = statuses_of(store, plan, units, Period.year_of(year), today, chosen)
        return {uid: {a.indicator.code: figure_of(a) for a in found}
                for uid, found in statuses.items()}
    return _july_figures(store, plan, year, units, chosen, today)


def _july_figures(store: Store, plan: Plan, year: int, units: list[Unit],
                  chosen: list[Indicator], today: dt.date | None) -> dict[int, dict[str, Figure]]:
    """上年7月1日–当年6月30日: the second half of the year before and the first of this one, as
    the statuses give them, rolled up by each indicator's over_time and judged against this
    year's target (annual indicators are refused in such a scheme)."""
    halves = [p for p in (Period.parse(f"{year - 1}H2"), Period.parse(f"{year}H1"))
              if plan.covers(p.year)]
    parts = [statuses_of(store, plan, units, half, today, chosen) for half in halves]
    own = unit_targets_of(store, [u.id for u in units])
    result: dict[int, dict[str, Figure]] = {}
    for unit in units:
        figures = {}
        for position, indicator in enumerate(chosen):
            measures = [m for part in parts
                        if (m := part[unit.id][position].figure.measure) is not None]
            rolled: Measure | None = combine(measures, indicator.over_time)
            target = indicator.target_for(year, own.get(unit.id, {}).get(indicator.code))
            if rolled is not None and not rolled.applicable:
                figures[indicator.code] = Figure(None, target, None, NOT_APPLICABLE_TEXT,
                                                 indicator.unit, True)
                continue
            met = None
            if rolled is not None and target is not None and not target.needs_basis:
                met = judge(rolled.value, target, indicator.decimals, plan.rounding, plan.judge)
            value: Fraction | None = rolled.value if rolled else None
            shown = display(value, indicator.decimals, plan.rounding)
            figures[indicator.code] = Figure(value, target, met,
                                             f"{shown}{indicator.unit}" if shown else "",
                                             indicator.unit)
        result[unit.id] = figures
    return result
