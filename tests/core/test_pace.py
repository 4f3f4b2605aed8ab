"""Pace within the year (DESIGN.md §4): not due, a summed count against its pace, 持平."""

import datetime as dt
from dataclasses import replace
from fractions import Fraction

from hypothesis import given, strategies as st

from qdesk.core.attainment import Status, assess, change_words, paced, share_of_year
from qdesk.core.numbers import Measure, Rounding
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Kind
from qdesk.core.targets import Target
from tests.factories import indicator, plan

LATER = dt.date(2030, 1, 1)
H1 = Period.parse("2026H1")


def counts(**quarters):
    return {Period.parse(f"2026{q}"): Measure(Fraction(n)) for q, n in quarters.items()}


def awards(target=">= 20", frequency=Frequency.QUARTERLY):
    return indicator("D02", kind=Kind.COUNT, target=target, frequency=frequency, decimals=0)


def test_an_annual_indicator_in_a_quarter_or_a_half_year_is_not_due_and_nothing_else():
    ind = awards(">= 4", Frequency.ANNUAL)
    year = {Period.parse("2026"): Measure(Fraction(1))}
    for text in ("2026Q1", "2026Q2", "2026Q3", "2026H1"):
        a = assess(plan(ind), ind, Period.parse(text), year, dt.date(2026, 12, 1))
        assert (a.status, a.on_track, a.figure.due, a.display) == (Status.NOT_DUE, None, False,
                                                                   "")
        assert a.status.label_zh == "本期不填报"


def test_an_annual_count_in_the_fourth_quarter_is_due():
    ind = awards(">= 4", Frequency.ANNUAL)
    a = assess(plan(ind), ind, Period.parse("2026Q4"), {Period.parse("2026"): Measure(Fraction(5))},
               LATER)
    assert a.status is Status.MET


def test_fifteen_awards_by_june_against_twenty_for_the_year_is_met_on_pace():
    ind = awards()
    a = assess(plan(ind), ind, H1, counts(Q1=7, Q2=8), dt.date(2026, 7, 1))
    assert a.display == "15" and a.status is Status.MET


def test_nine_awards_by_june_against_twenty_for_the_year_is_behind_its_pace():
    ind = awards()
    a = assess(plan(ind), ind, H1, counts(Q1=4, Q2=5), dt.date(2026, 7, 1))
    assert a.status is Status.NOT_MET


def test_the_year_once_over_is_judged_against_the_whole_target():
    ind = awards()
    a = assess(plan(ind), ind, Period.parse("2026"), counts(Q1=4, Q2=4, Q3=4, Q4=4), LATER)
    assert a.status is Status.NOT_MET


def test_a_bound_from_above_is_judged_as_it_stands_within_the_year():
    ind = awards("<= 5")
    a = assess(plan(ind), ind, H1, counts(Q1=3, Q2=3), LATER)
    assert a.status is Status.NOT_MET


def test_a_rate_at_mid_year_is_judged_against_its_target_and_on_track_on_the_year_to_date():
    ind = indicator("D01", target=">= 90")
    entries = {Period.parse("2026Q1"): Measure.of_rate(80, 100),
               Period.parse("2026Q2"): Measure.of_rate(99, 100)}
    a = assess(plan(ind), ind, Period.parse("2026Q2"), entries, dt.date(2026, 5, 20))
    assert a.status is Status.MET and a.on_track is False


def test_the_share_of_the_share_of_year_follows_the_period_and_today():
    ind = awards()
    assert share_of_year(ind, Period.parse("2026Q1"), LATER) == Fraction(1, 4)
    assert share_of_year(ind, Period.parse("2026Q3"), LATER) == Fraction(1, 4)
    assert share_of_year(ind, H1, LATER) == Fraction(1, 2)
    assert share_of_year(ind, H1, dt.date(2026, 2, 1)) == Fraction(1, 4)
    assert share_of_year(ind, Period.parse("2026"), dt.date(2026, 8, 1)) == Fraction(3, 4)
    assert share_of_year(ind, Period.parse("2026"), LATER) == 1


@given(st.sampled_from([("2026Q1", 1), ("2026H1", 2), ("2026Q3", 3), ("2026", 4)]),
       st.lists(st.integers(0, 60), min_size=4, max_size=4), st.integers(1, 200))
def test_a_summed_count_is_met_exactly_when_it_reaches_the_target_times_the_share_gone(
        chosen, figures, target):
    text, quarters = chosen
    ind = awards(f">= {target}")
    period = Period.parse(text)
    entries = {Period.parse(f"2026Q{n + 1}"): Measure(Fraction(f)) for n, f in enumerate(figures)}
    total = sum(figures[:quarters]) if period.months > 3 else figures[quarters - 1]
    share = Fraction(period.months, 12)
    a = assess(plan(ind), ind, period, entries, LATER)
    assert a.status is (Status.MET if total >= target * share else Status.NOT_MET)


@given(st.integers(0, 60), st.integers(0, 60), st.integers(1, 200), st.integers(1, 30))
def test_on_track_in_may_compares_the_year_to_date_with_half_the_target(q1, q2, target, day):
    ind = awards(f">= {target}")
    a = assess(plan(ind), ind, Period.parse("2026Q2"), counts(Q1=q1, Q2=q2),
               dt.date(2026, 5, day))
    assert a.on_track is ((q1 + q2) * 2 >= target)


@given(st.fractions(min_value=0, max_value=1000), st.sampled_from([">= 20", "> 20", "<= 20"]),
       st.sampled_from([Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(1)]))
def test_paced_scales_only_a_lower_bound_on_a_sum_and_only_while_the_year_runs(value, text,
                                                                               share):
    ind, target = awards(text), Target.parse(text)
    scaled = paced(ind, target, value, share)
    assert scaled == (value / share if text != "<= 20" else value)
    rate = indicator("D01", target=text)
    assert paced(rate, target, value, share) == value


def test_a_retired_indicator_without_a_figure_is_not_due_and_with_one_is_judged():
    ind = replace(indicator("D05", target=">= 95"), retired=True)
    q3 = Period.parse("2026Q3")
    assert assess(plan(ind), ind, q3, {}, LATER).status is Status.NOT_DUE
    assert assess(plan(ind), ind, q3, {q3: Measure.of_rate(96, 100)}, LATER).status is Status.MET


def test_a_zero_change_reads_level_and_a_rate_changes_in_percentage_points():
    rate, count = indicator("D01", decimals=1), awards()
    assert change_words(Fraction(0), rate, Rounding.HALF_UP) == "持平"
    assert change_words(Fraction(1, 100), rate, Rounding.HALF_UP) == "持平"   # shows as 0.0
    assert change_words(Fraction(-1, 100), count, Rounding.HALF_UP, signed=True) == "持平"
    assert change_words(Fraction(12, 10), rate, Rounding.HALF_UP) == "提高1.2个百分点"
    assert change_words(Fraction(-54, 10), rate, Rounding.HALF_UP) == "下降5.4个百分点"
    assert change_words(Fraction(-3), count, Rounding.HALF_UP) == "下降3项"
    assert change_words(Fraction(12, 10), rate, Rounding.HALF_UP, signed=True) == "+1.2"
    assert change_words(Fraction(-3), count, Rounding.HALF_UP, signed=True) == "-3项"
