"""The assessment table (考核结果): the ranked scores of a year and one unit's breakdown, the one
place the CLI, the 考核 page and the documents take their points from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from qdesk.core.assessment import Scheme, UnitScore, rank, score_unit, year_label
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.numbers import Rounding
from qdesk.core.plan import Plan
from qdesk.store.assessment import (Publication, assessed_units, entries_of, inputs_of,
                                    publication, scheme_of)
from qdesk.store.database import Store
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit


@dataclass(frozen=True)
class BreakdownLine:
    """One line of a unit's breakdown: what it is worth, what it earned and why."""

    code: str
    name: str
    worth: str          # the item's points, or 每次2分 for a bonus or penalty
    figure: str
    target: str
    how: str
    earned: str         # points as shown; a penalty's with its minus sign


@dataclass(frozen=True)
class AssessmentTable:
    year: int
    plan: Plan
    scheme: Scheme
    scores: tuple[UnitScore, ...]       # ranked, highest first
    published: Publication | None

    @property
    def rounding(self) -> Rounding:
        return self.plan.rounding

    @property
    def year_label(self) -> str:
        return year_label(self.year, self.scheme.year)

    def points(self, value: Fraction) -> str:
        """Points as every face shows them: rounded once to the scheme's decimals."""
        return self.scheme.points_text(value, self.rounding)

    def header(self) -> list[str]:
        return ["排名", "单位", *[f"{i.name}（{i.points.normalize():f}分）" for i in self.scheme.items],
                "加分", "扣分", "总分", "等次"]

    def row(self, score: UnitScore) -> list[str]:
        return [str(score.rank), score.name, *[self.points(i.earned) for i in score.items],
                self.points(score.bonus), self.points(score.penalty), f"{score.total}",
                score.grade + ("（否决）" if score.veto else "")]

    def rows(self) -> list[list[str]]:
        return [self.row(s) for s in self.scores]

    def score(self, code: str) -> UnitScore:
        found = next((s for s in self.scores if s.code == code), None)
        if found is None:
            raise InputError(msg("{code} is not assessed in {year}", "{code}不是{year}年度的考核对象",
                                 code=code, year=self.year))
        return found

    def breakdown(self, code: str) -> list[BreakdownLine]:
        """Where every point of a unit came from: items, bonuses, penalties."""
        return breakdown_lines(self, self.score(code))

    def record(self) -> dict[str, Any]:
        """`qdesk assess --format json` (DESIGN.md §8)."""
        return {"year": self.year, "units": [{
            "code": s.code, "name": s.name, "total": f"{s.total}", "grade": s.grade,
            "rank": s.rank, "veto": s.veto, "bonus": self.points(s.bonus),
            "penalty": self.points(s.penalty),
            "items": [{"code": i.item.code, "earned": self.points(i.earned)} for i in s.items]}
            for s in self.scores]}


def breakdown_lines(table: AssessmentTable, score: UnitScore) -> list[BreakdownLine]:
    lines = [BreakdownLine(i.item.code, i.item.name, f"{i.item.points.normalize():f}", i.figure,
                           i.target, i.how, table.points(i.earned)) for i in score.items]
    for e in score.bonuses:
        lines.append(BreakdownLine(e.extra.code, f"加分：{e.extra.name}",
                                   f"每次{e.extra.points.normalize():f}", f"{e.count}次", "",
                                   e.how, "+" + table.points(e.earned)))
    for e in score.penalties:
        lines.append(BreakdownLine(e.extra.code, f"扣分：{e.extra.name}",
                                   f"每次{e.extra.points.normalize():f}", f"{e.count}次", "",
                                   e.how, "−" + table.points(e.earned)))
    raw_bonus = sum((e.earned for e in score.bonuses), Fraction(0))
    if raw_bonus > score.bonus:
        lines.append(BreakdownLine("", "加分合计", "", "", "",
                                   f"加分合计{table.points(raw_bonus)}分，以"
                                   f"{table.points(score.bonus)}分为限（bonus_max）",
                                   table.points(score.bonus)))
    if score.veto:
        lines.append(BreakdownLine("", "一票否决", "", "", "",
                                   f"{score.veto}，等次定为{score.grade}", ""))
    return lines


def assessment_table(store: Store, year: int, today: dt.date | None = None) -> AssessmentTable:
    """The year's assessment of the office's subordinate units, ranked."""
    plan = load_plan(store)
    scheme = scheme_of(plan)
    units = assessed_units(store, year)
    inputs = inputs_of(store, plan, year, units, today)
    scores = rank(score_unit(scheme, inputs[u.id], plan.rounding) for u in units)
    return AssessmentTable(year, plan, scheme, tuple(scores), publication(store, year))


def self_score(store: Store, year: int,
               today: dt.date | None = None) -> tuple[AssessmentTable, UnitScore]:
    """The office's own score by the same scheme (its 自评), and the table it is shown with."""
    plan = load_plan(store)
    scheme = scheme_of(plan)
    home = home_unit(store)
    inputs = inputs_of(store, plan, year, [home], today)[home.id]
    score = score_unit(scheme, inputs, plan.rounding)
    table = AssessmentTable(year, plan, scheme, (score,), publication(store, year))
    return table, score


def entries_by_unit(store: Store, year: int) -> dict[str, list[str]]:
    """Each unit's bonus and penalty entries in words, for the breakdown's notes."""
    result: dict[str, list[str]] = {}
    for e in entries_of(store, year):
        doc = f"（{e.doc_number}）" if e.doc_number else ""
        result.setdefault(e.unit_code, []).append(
            f"{'加分' if e.kind == 'bonus' else '扣分'}{e.item}×{e.count}：{e.reason}{doc}")
    return result
