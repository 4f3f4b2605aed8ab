"""Scoring a unit's year by the scheme (DESIGN §3 [assessment]): every rule exactly, totals, ranks."""

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction as F

from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.assessment import (Extra, Figure, Item, ManualScore, Rule, Scheme, UnitInputs,
                                   Veto, rank, scheme_from_record, scheme_record, score_tasks,
                                   score_unit)
from qdesk.core.numbers import Rounding
from qdesk.core.targets import Target

YEAR_END = dt.date(2020, 12, 31)


def figure(value, target=">= 90", met=None):
    t = Target.parse(target)
    exact = F(value)
    return Figure(exact, t, t.is_met_by(exact) if met is None else met, f"{value}%", "%")


def scheme(*items, **kw):
    return Scheme(items=tuple(items), full_marks=sum((i.points for i in items), D(0)), **kw)


def one(item, fig=None, **inputs):
    s = scheme(item, **inputs.pop("scheme", {}))
    figures = {item.indicator: fig} if item.indicator and fig is not None else {}
    return score_unit(s, UnitInputs("U1", "甲镇", figures, **inputs)).items[0]


MET = Item("K01", "抽查合格率", D(10), Rule.MET, "A01")
LINEAR = Item("K02", "验收合格率", D(10), Rule.LINEAR, "A01", floor=D(80))
DEDUCT = Item("K03", "许可证产品合格率", D(10), Rule.DEDUCT, "A01", per=D(2), step=D(1))


def test_met_gives_full_points_when_the_figure_meets_its_target_and_none_otherwise():
    assert one(MET, figure("90")).earned == 10
    assert one(MET, figure("89.99")).earned == 0


def test_linear_is_zero_at_the_floor_full_at_the_target_and_straight_between():
    assert one(LINEAR, figure("80")).earned == 0
    assert one(LINEAR, figure("85")).earned == 5
    assert one(LINEAR, figure("87.5")).earned == F(15, 2)
    assert one(LINEAR, figure("90")).earned == 10


def test_linear_is_clamped_below_the_floor_and_above_the_target():
    assert one(LINEAR, figure("70")).earned == 0
    assert one(LINEAR, figure("99")).earned == 10


def test_linear_on_an_upper_bound_counts_down_from_the_floor_above_it():
    item = Item("K02", "投诉量", D(10), Rule.LINEAR, "A01", floor=D(20))
    scored = one(item, figure("15", "<= 10"))
    assert scored.earned == 5
    assert scored.how == "10分×（20%－15%）÷（20%－10%）＝5.0分"


def test_linear_arithmetic_is_exact_and_said_in_words():
    scored = one(LINEAR, figure("83.3"))
    assert scored.earned == F(10) * F(33, 10) / 10
    assert scored.how == "10分×（83.3%－80%）÷（90%－80%）＝3.3分"


def test_deduct_takes_per_points_for_each_step_short_a_started_step_counting_whole():
    assert one(DEDUCT, figure("89")).earned == 8
    assert one(DEDUCT, figure("88.5")).earned == 6     # 1.5 short: two steps started
    assert one(DEDUCT, figure("88")).earned == 6
    assert one(DEDUCT, figure("90")).earned == 10


def test_deduct_never_goes_below_zero():
    assert one(DEDUCT, figure("10")).earned == 0


def test_deduct_not_met_with_nothing_short_is_still_one_step():
    assert one(DEDUCT, figure("90", "> 90")).earned == 8


def test_deduct_in_a_step_of_half_a_point():
    item = Item("K03", "x", D(10), Rule.DEDUCT, "A01", per=D("0.5"), step=D("0.5"))
    assert one(item, figure("88.6")).earned == F(10) - F(1, 2) * 3


def test_a_missing_figure_scores_nothing_and_is_named():
    for item in (MET, LINEAR, DEDUCT):
        scored = one(item, None)
        assert scored.earned == 0 and scored.missing and scored.figure == "未填报"


def test_a_year_of_nothing_to_count_deducts_nothing_and_says_so():
    nothing = Figure(None, Target.parse(">= 90"), None, "无此项", "%", not_applicable=True)
    for item in (MET, LINEAR, DEDUCT):
        scored = one(item, nothing)
        assert scored.earned == 10 and not scored.missing and scored.figure == "无此项"
        assert scored.how == "本年度无此项，不扣分，计满分10.0分"

def test_a_figure_met_under_rounded_judgment_gets_full_points_on_every_rule():
    for item in (LINEAR, DEDUCT):
        assert one(item, figure("89.996", met=True)).earned == 10


def test_manual_takes_the_assessors_points_and_a_missing_one_is_zero():
    item = Item("K05", "责任落实", D(50), Rule.MANUAL)
    scored = one(item, manual={"K05": ManualScore(D("42.5"), "资料齐全")})
    assert scored.earned == F(85, 2) and "资料齐全" in scored.how
    assert one(item).earned == 0 and one(item).missing


def test_tasks_done_on_time_full_late_half_undone_nothing():
    deadlines = {"T1": dt.date(2020, 6, 30), "T2": dt.date(2020, 6, 30), "T3": None,
                 "T4": None}
    done = {"T1": dt.date(2020, 6, 30), "T2": dt.date(2020, 7, 1), "T3": dt.date(2020, 12, 31)}
    earned, how = score_tasks(F(20), ["T1", "T2", "T3", "T4"], deadlines, done, YEAR_END)
    assert earned == 5 + F(5, 2) + 5
    assert "按期完成2项，逾期完成1项" in how


def test_a_task_done_after_the_assessment_year_counts_as_not_done():
    earned, _ = score_tasks(F(10), ["T1"], {"T1": None}, {"T1": dt.date(2021, 1, 1)}, YEAR_END)
    assert earned == 0


def test_a_tasks_item_scores_from_the_ledger():
    item = Item("K04", "重点任务", D(20), Rule.TASKS, tasks=("T1", "T2"))
    scored = one(item, done={"T1": dt.date(2020, 3, 1)}, task_deadlines={"T1": None, "T2": None},
                 year_end=YEAR_END)
    assert scored.earned == 10


BONUS = Extra("J01", "省长质量奖", D(2), D(4))
PENALTY = Extra("F01", "通报批评", D(3), D(10))


def test_bonus_is_points_times_count_capped_by_its_max_and_by_bonus_max():
    s = scheme(MET, bonuses=(BONUS, Extra("J02", "名牌", D(1))), bonus_max=D(5))
    inputs = UnitInputs("U1", "甲", {"A01": figure("95")}, bonuses={"J01": 3, "J02": 2})
    scored = score_unit(s, inputs)
    assert [b.earned for b in scored.bonuses] == [4, 2]
    assert scored.bonus == 5 and scored.exact == 15


def test_penalty_is_capped_by_its_max_and_the_total_never_below_zero():
    s = scheme(MET, penalties=(PENALTY,))
    scored = score_unit(s, UnitInputs("U1", "甲", {"A01": figure("80")}, penalties={"F01": 5}))
    assert scored.penalty == 10 and scored.exact == 0 and scored.total == 0


def test_grade_is_the_first_band_the_rounded_total_reaches():
    item = Item("K05", "责任落实", D(100), Rule.MANUAL)
    s = scheme(item)
    def grade(points):
        return score_unit(s, UnitInputs("U", "甲", {}, manual={"K05": ManualScore(D(points),
                                                                                   "x")})).grade
    assert [grade(p) for p in ("100", "90", "89.9", "80", "79.9", "60", "59.9", "0")] == \
        ["A", "A", "B", "B", "C", "C", "D", "D"]
    assert grade("89.96") == "A"     # shown as 90.0: graded as shown


def test_a_veto_forces_its_grade_whatever_the_score():
    s = scheme(Item("K01", "x", D(100), Rule.MET, "A01"), vetoes=(Veto("C05"),))
    scored = score_unit(s, UnitInputs("U", "甲", {"A01": figure("95"),
                                                 "C05": figure("1", "== 0")}))
    assert scored.total == 100 and scored.grade == "D"
    assert scored.veto == "发生区域性、系统性质量安全事件"
    clean = score_unit(s, UnitInputs("U", "甲", {"A01": figure("95"), "C05": figure("0", "== 0")}))
    assert clean.grade == "A" and clean.veto is None


def test_ties_share_a_rank_and_the_next_rank_skips():
    item = Item("K05", "x", D(100), Rule.MANUAL)
    s = scheme(item)
    scores = [score_unit(s, UnitInputs(c, c, {}, manual={"K05": ManualScore(D(p), "x")}))
              for c, p in (("a", "80"), ("b", "95"), ("c", "80"), ("d", "70"))]
    assert [(x.code, x.rank) for x in rank(scores)] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]


def test_the_scheme_survives_its_record():
    s = scheme(MET, LINEAR, DEDUCT, Item("K4", "t", D(5), Rule.TASKS, tasks=("T1",)),
               bonuses=(BONUS,), penalties=(PENALTY,), vetoes=(Veto("C05", "C", "事故"),),
               bonus_max=D("5.5"))
    assert scheme_from_record(scheme_record(s)) == s


points = st.decimals(min_value=0, max_value=100, places=2)


@given(st.lists(points, min_size=1, max_size=4), st.integers(0, 6), st.integers(0, 6),
       st.sampled_from(list(Rounding)), st.integers(0, 3))
def test_the_total_is_exact_never_below_zero_and_rounded_once(given_points, bonuses, penalties,
                                                             rounding, decimals):
    items = [Item(f"K{n}", "x", D(100), Rule.MANUAL) for n in range(len(given_points))]
    s = Scheme(tuple(items), full_marks=D(100 * len(items)), decimals=decimals,
               grades=(Scheme(()).grades), bonuses=(BONUS,), penalties=(PENALTY,),
               bonus_max=D(3))
    inputs = UnitInputs("U", "甲", {}, manual={f"K{n}": ManualScore(p, "x")
                                               for n, p in enumerate(given_points)},
                        bonuses={"J01": bonuses} if bonuses else {},
                        penalties={"F01": penalties} if penalties else {})
    scored = score_unit(s, inputs, rounding)
    bonus = min(F(3), min(F(4), F(2) * bonuses))
    penalty = min(F(10), F(3) * penalties)
    expected = max(F(0), sum(map(F, given_points)) + bonus - penalty)
    assert scored.exact == expected and scored.total >= 0
    assert scored.bonus == bonus and scored.penalty == penalty
    from qdesk.core.numbers import round_to
    assert scored.total == round_to(expected, decimals, rounding)


@given(st.lists(st.integers(0, 20), min_size=1, max_size=12))
def test_ranks_follow_the_totals_and_equal_totals_share_one(totals):
    item = Item("K", "x", D(100), Rule.MANUAL)
    s = scheme(item)
    scores = rank(score_unit(s, UnitInputs(str(n), "u", {}, manual={"K": ManualScore(D(t), "x")}))
                  for n, t in enumerate(totals))
    for score in scores:
        assert score.rank == 1 + sum(1 for other in scores if other.total > score.total)
