"""Unlikely figures: a count or value against the range of its last figures, a percentage against
last year in 百分点, and the [[check]] rules; warnings, and the explanation they ask for."""

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.numbers import NOT_APPLICABLE, Measure
from qdesk.core.periods import Period
from qdesk.core.plan import Check, CheckOp, WarnRules
from qdesk.core.plausibility import (UnexplainedError, entry_warnings, figure_warnings,
                                     history, moved_points, outside_range,
                                     require_explanations, with_explanation)
from qdesk.plans.template import parse_template
from tests.plausible import TEMPLATE

PLAN = parse_template(TEMPLATE.encode(), "plausible.toml")
RATE, COUNT, SUB = (PLAN.indicator(code) for code in ("A01", "A02", "A03"))
Q = Period.parse


def test_the_history_is_the_four_periods_before_and_the_same_period_last_year():
    past = history({Q("2025Q4"): Measure(Fraction(9)), Q("2025Q1"): Measure(Fraction(10))},
                   Q("2026Q1"))
    assert [str(p) for p, _ in past.earlier] == ["2025Q4", "2025Q3", "2025Q2", "2025Q1"]
    assert past.earlier[0][1] == Measure(Fraction(9)) and past.earlier[1][1] is None
    assert str(past.year_ago[0]) == "2025Q1" and past.year_ago[1] == Measure(Fraction(10))


def _counts(values, now):
    periods = ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
    figures = {Q(p): Measure(Fraction(v)) for p, v in zip(periods, values)}
    return {**figures, Q("2026Q1"): Measure(Fraction(now))}


def test_a_count_beyond_its_range_by_more_than_the_margin_warns_in_words():
    found = figure_warnings(PLAN, COUNT, Q("2026Q1"), _counts([10, 12, 11, 9], 15))
    assert [w.message.render("zh") for w in found] == ["15件超出近4期数值范围（9件～12件）20%以上"]
    assert found[0].indicator == "A02"


@pytest.mark.parametrize("now", [Fraction(72, 10), Fraction(144, 10), 9, 12])
def test_a_count_within_the_margin_of_its_range_does_not_warn(now):
    # 9 × 0.8 = 7.2 and 12 × 1.2 = 14.4 are the ends, themselves allowed
    assert figure_warnings(PLAN, COUNT, Q("2026Q1"), _counts([10, 12, 11, 9], now)) == []


def test_an_indicator_takes_its_own_margin_before_the_plans():
    # A03 has warn = 50: 12 × 1.5 = 18
    assert figure_warnings(PLAN, SUB, Q("2026Q1"), _counts([10, 12, 11, 9], 18)) == []
    assert figure_warnings(PLAN, SUB, Q("2026Q1"), _counts([10, 12, 11, 9], 19)) != []


def test_a_count_with_no_earlier_figure_or_of_no_applicable_figure_never_warns():
    assert figure_warnings(PLAN, COUNT, Q("2026Q1"), {Q("2026Q1"): Measure(Fraction(500))}) == []
    assert figure_warnings(PLAN, COUNT, Q("2026Q1"), {Q("2025Q4"): NOT_APPLICABLE,
                                                     Q("2026Q1"): Measure(Fraction(500))}) == []
    assert figure_warnings(PLAN, COUNT, Q("2026Q1"), {**_counts([1, 1, 1, 1], 1),
                                                     Q("2026Q1"): NOT_APPLICABLE}) == []


def test_a_rate_compares_in_percentage_points_with_the_same_period_last_year():
    def rate(now, ago):
        return {Q("2025Q1"): Measure.of_rate(*ago), Q("2025Q4"): Measure.of_rate(1, 100),
                Q("2026Q1"): Measure.of_rate(*now)}
    # 95.0 % a year ago; 84.9 % is 10.1 points below it, 85.0 % exactly 10
    assert figure_warnings(PLAN, RATE, Q("2026Q1"), rate((850, 1000), (95, 100))) == []
    found = figure_warnings(PLAN, RATE, Q("2026Q1"), rate((849, 1000), (95, 100)))
    assert [w.message.render("zh") for w in found] == [
        "84.9%比上年同期（95.0%）下降10.1个百分点，超过10个百分点"]
    # the range of its last figures (1 % last quarter) does not judge a rate
    assert figure_warnings(PLAN, RATE, Q("2026Q1"), rate((96, 100), (95, 100))) == []
    assert figure_warnings(PLAN, RATE, Q("2026Q1"), {Q("2026Q1"): Measure.of_rate(1, 2)}) == []


def test_a_broken_check_warns_both_its_indicators_and_a_missing_side_holds():
    now = Q("2026Q1")
    figures = {"A02": {now: Measure(Fraction(10))}, "A03": {now: Measure(Fraction(11))}}
    found = entry_warnings(PLAN, now, figures, ["A02", "A03"])
    assert set(found) == {"A02", "A03"}
    assert found["A03"][0].message.render("zh") == (
        "质量投诉是投诉的一部分，不应多于投诉总数：A03（11件）应不大于A02（10件）")
    assert entry_warnings(PLAN, now, {**figures, "A02": {now: Measure(Fraction(11))}},
                          ["A03"]) == {}
    assert entry_warnings(PLAN, now, {"A03": figures["A03"]}, ["A03"]) == {}
    assert entry_warnings(PLAN, now, {**figures, "A02": {now: NOT_APPLICABLE}}, ["A03"]) == {}


def test_only_the_codes_asked_about_are_given_warnings():
    now = Q("2026Q1")
    figures = {"A02": {now: Measure(Fraction(10))}, "A03": {now: Measure(Fraction(11))}}
    assert set(entry_warnings(PLAN, now, figures, ["A02"])) == {"A02"}


def test_a_warned_figure_without_an_explanation_is_refused_naming_it():
    found = entry_warnings(PLAN, Q("2026Q1"), {"A02": _counts([10, 12, 11, 9], 30)}, ["A02"])
    with pytest.raises(UnexplainedError) as refused:
        require_explanations(found, {"A02": "  "})
    assert "A02" in refused.value.render("zh") and "须说明原因" in refused.value.render("zh")
    require_explanations(found, {"A02": "新开通热线"})
    require_explanations({}, {})


def test_an_explanation_is_added_after_the_note_typed_never_over_it():
    assert with_explanation(None, "新开通热线") == "新开通热线"
    assert with_explanation("按件计", "新开通热线") == "按件计；新开通热线"
    assert with_explanation("按件计；新开通热线", "新开通热线") == "按件计；新开通热线"


fractions = st.fractions(min_value=-10**6, max_value=10**6, max_denominator=1000)
margins = st.decimals(min_value=0, max_value=1000, places=2)


@given(st.lists(fractions, min_size=1, max_size=4), st.data(), margins)
def test_a_figure_inside_the_range_never_warns(figures, data, margin):
    low, high = min(figures), max(figures)
    value = data.draw(st.fractions(min_value=low, max_value=high, max_denominator=1000))
    assert not outside_range(value, figures, margin)


@given(fractions, st.lists(fractions, max_size=4), margins, margins)
def test_widening_the_margin_never_adds_a_warning(value, figures, a, b):
    narrow, wide = sorted((a, b))
    assert outside_range(value, figures, wide) <= outside_range(value, figures, narrow)


@given(st.fractions(min_value=0, max_value=100), st.fractions(min_value=0, max_value=100),
       margins, margins)
def test_more_points_never_add_a_warning_and_within_them_none(value, ago, a, b):
    narrow, wide = sorted((a, b))
    assert moved_points(value, ago, wide) <= moved_points(value, ago, narrow)
    if abs(value - ago) <= Fraction(narrow):
        assert not moved_points(value, ago, narrow)


@given(st.lists(st.integers(0, 1000), min_size=4, max_size=4), st.integers(0, 5000),
       margins, margins)
def test_a_plan_with_wider_margins_never_warns_of_more(earlier, now, a, b):
    narrow, wide = sorted((a, b))
    figures = _counts(earlier, now)
    def found(margin):
        plan = replace(PLAN, warn_rules=replace(PLAN.warn_rules, warn=margin, margins={}))
        return len(figure_warnings(plan, COUNT, Q("2026Q1"), figures))
    assert found(wide) <= found(narrow)


def test_a_check_op_compares_as_it_reads():
    assert CheckOp.LE.holds(Fraction(1), Fraction(1))
    assert not CheckOp.LT.holds(Fraction(1), Fraction(1))
    assert CheckOp.GE.holds(Fraction(2), Fraction(1)) and CheckOp.EQ.holds(Fraction(1), Fraction(1))
    assert WarnRules(checks=(Check("A", CheckOp.GT, "B"),)).margin("A") == Decimal(20)
