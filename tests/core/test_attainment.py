import datetime as dt
from fractions import Fraction

from qdesk.core.attainment import Status, assess, change
from qdesk.core.numbers import NOT_APPLICABLE, Judge, Measure, Rounding
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Kind
from qdesk.core.targets import Target
from tests.factories import indicator, plan

LATER = dt.date(2030, 1, 1)


def quarter(n, d, text="2026Q3"):
    return {Period.parse(text): Measure.of_rate(n, d)}


def test_almost_ninety_is_not_met_under_exact_judgment():
    ind = indicator(target=">= 90")
    a = assess(plan(ind), ind, Period.parse("2026Q3"), quarter(179992, 200000), LATER)
    assert a.display == "90.00"
    assert a.status is Status.NOT_MET


def test_almost_ninety_is_met_under_rounded_judgment():
    ind = indicator(target=">= 90")
    a = assess(plan(ind, judge=Judge.ROUNDED), ind, Period.parse("2026Q3"),
               quarter(179992, 200000), LATER)
    assert a.status is Status.MET


def test_rounded_judgment_follows_the_plan_rounding_mode():
    ind = indicator(target=">= 92.35")
    entries = quarter(18469, 20000)  # 92.345
    up = assess(plan(ind, judge=Judge.ROUNDED), ind, Period.parse("2026Q3"), entries, LATER)
    even = assess(plan(ind, judge=Judge.ROUNDED, rounding=Rounding.HALF_EVEN), ind,
                  Period.parse("2026Q3"), entries, LATER)
    assert (up.display, up.status) == ("92.35", Status.MET)
    assert (even.display, even.status) == ("92.34", Status.NOT_MET)


def test_no_entries_is_no_data():
    ind = indicator()
    a = assess(plan(ind), ind, Period.parse("2026Q3"), {}, LATER)
    assert a.status is Status.NO_DATA and a.display == "" and a.on_track is None


def test_per_year_and_per_unit_targets_apply():
    ind = indicator(target=">= 90", targets={2026: ">= 95"})
    entries = quarter(93, 100)
    assert assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER).status is Status.NOT_MET
    own = {None: Target.parse(">= 92")}
    a = assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER, own)
    assert a.status is Status.MET and str(a.target) == ">= 92"


def test_zero_accidents():
    ind = indicator(code="P06", kind=Kind.COUNT, target="== 0")
    ok = assess(plan(ind), ind, Period.parse("2026Q3"),
                {Period.parse("2026Q3"): Measure(Fraction(0))}, LATER)
    bad = assess(plan(ind), ind, Period.parse("2026Q3"),
                 {Period.parse("2026Q3"): Measure(Fraction(1))}, LATER)
    assert ok.status is Status.MET and bad.status is Status.NOT_MET


def test_on_track_uses_the_year_to_date_ratio_while_the_year_runs():
    ind = indicator(target=">= 90")
    entries = {Period.parse("2026Q1"): Measure.of_rate(80, 100),
               Period.parse("2026Q2"): Measure.of_rate(990, 1000)}
    q2 = Period.parse("2026Q2")
    running = assess(plan(ind), ind, q2, entries, dt.date(2026, 8, 1))
    assert running.status is Status.MET                   # the quarter itself: 99 %
    assert running.on_track is True                      # year to date: 1070/1100 = 97.3 %
    q1 = assess(plan(ind), ind, Period.parse("2026Q1"), entries, dt.date(2026, 8, 1))
    assert q1.on_track is False                          # year to date at Q1: 80 %
    assert assess(plan(ind), ind, q2, entries, dt.date(2027, 2, 1)).on_track is None


def test_on_track_of_a_summed_count_is_judged_on_its_pace():
    ind = indicator(kind=Kind.COUNT, target=">= 8", over_time="sum")
    entries = {Period.parse("2026Q1"): Measure(Fraction(2)),
               Period.parse("2026Q2"): Measure(Fraction(2))}
    on_pace = assess(plan(ind), ind, Period.parse("2026Q2"), entries, dt.date(2026, 7, 15))
    assert on_pace.on_track is True                       # 4 by mid-year of 8 a year
    slow = {Period.parse("2026Q1"): Measure(Fraction(1)),
            Period.parse("2026Q2"): Measure(Fraction(2))}
    assert assess(plan(ind), ind, Period.parse("2026Q2"), slow,
                  dt.date(2026, 7, 15)).on_track is False


def test_a_cumulative_count_is_its_last_figure():
    ind = indicator(kind=Kind.COUNT, target=">= 2", frequency=Frequency.ANNUAL,
                    over_time="last")
    entries = {Period.parse("2026"): Measure(Fraction(2))}
    a = assess(plan(ind), ind, Period.parse("2026"), entries, dt.date(2026, 12, 1))
    assert a.status is Status.MET and a.on_track is True


def test_change_in_percentage_points():
    assert change(Measure.of_rate(95, 100), Measure.of_rate(92, 100)) == 3
    assert change(Measure.of_rate(95, 100), None) is None


def counts(**by_period):
    return {Period.parse(p): Measure(Fraction(n)) for p, n in by_period.items()}


def complaints(target="< last-year", frequency=Frequency.QUARTERLY):
    return indicator(code="C01", kind=Kind.COUNT, target=target, frequency=frequency, unit="件",
                     decimals=0)


def test_fewer_complaints_than_the_same_quarter_last_year_is_met():
    ind = complaints()
    entries = counts(**{"2025Q3": 40, "2026Q3": 31})
    a = assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER)
    assert a.status is Status.MET and a.basis == Measure(Fraction(40))


def test_as_many_complaints_as_last_year_is_not_met():
    ind = complaints()
    entries = counts(**{"2025Q3": 40, "2026Q3": 40})
    assert assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER).status is Status.NOT_MET


def test_more_than_last_year_is_met_by_more_and_the_year_sums_its_quarters():
    ind = complaints("> last-year")
    entries = counts(**{"2025Q1": 5, "2025Q2": 5, "2026Q1": 4, "2026Q2": 7})
    assert assess(plan(ind), ind, Period.parse("2026H1"), entries, LATER).status is Status.MET
    assert assess(plan(ind), ind, Period.parse("2026Q1"), entries,
                  LATER).status is Status.NOT_MET


def test_without_last_years_figure_a_target_against_it_cannot_be_judged():
    ind = complaints()
    a = assess(plan(ind), ind, Period.parse("2026Q3"), counts(**{"2026Q3": 3}), LATER)
    assert a.status is Status.NO_DATA and a.display == "3" and a.basis is None


def test_a_target_against_a_reference_without_its_figure_cannot_be_judged():
    ind = complaints("> reference")
    a = assess(plan(ind), ind, Period.parse("2026Q3"), counts(**{"2026Q3": 3}), LATER)
    assert a.status is Status.NO_DATA


def pass_rate(target="> reference"):
    return indicator(code="P05", target=target, decimals=1)


def test_a_rate_above_the_reference_figure_is_met_and_the_figure_is_its_basis():
    ind = pass_rate()
    a = assess(plan(ind), ind, Period.parse("2026Q3"), quarter(94, 100), LATER,
               reference=Fraction(935, 10))
    assert a.status is Status.MET and a.basis == Measure(Fraction(935, 10))


def test_a_rate_equal_to_the_reference_figure_is_not_met_above_it_but_met_at_least_it():
    entries = quarter(935, 1000)
    above, at_least = pass_rate("> reference"), pass_rate(">= reference")
    assert assess(plan(above), above, Period.parse("2026Q3"), entries, LATER,
                  reference=Fraction(935, 10)).status is Status.NOT_MET
    assert assess(plan(at_least), at_least, Period.parse("2026Q3"), entries, LATER,
                  reference=Fraction(935, 10)).status is Status.MET


def test_a_rate_below_the_reference_figure_is_not_met():
    ind = pass_rate()
    a = assess(plan(ind), ind, Period.parse("2026Q3"), quarter(92, 100), LATER,
               reference=Fraction(935, 10))
    assert a.status is Status.NOT_MET


def test_rounded_judgment_rounds_the_reference_figure_too():
    ind = pass_rate()
    entries = quarter(93549, 100000)     # 93.549: 93.5 once rounded
    assert assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER,
                  reference=Fraction(9352, 100)).status is Status.MET
    assert assess(plan(ind, judge=Judge.ROUNDED), ind, Period.parse("2026Q3"), entries, LATER,
                  reference=Fraction(9352, 100)).status is Status.NOT_MET


def test_a_reference_figure_is_ignored_by_a_fixed_target():
    ind = pass_rate(">= 90")
    a = assess(plan(ind), ind, Period.parse("2026Q3"), quarter(92, 100), LATER,
               reference=Fraction(95))
    assert a.status is Status.MET and a.basis is None


def test_on_track_against_last_year_compares_the_same_part_of_the_year():
    ind = complaints()
    entries = counts(**{"2025Q1": 10, "2025Q2": 10, "2025Q3": 10, "2025Q4": 50,
                        "2026Q1": 9, "2026Q2": 9})
    a = assess(plan(ind), ind, Period.parse("2026"), entries, dt.date(2026, 7, 15))
    assert a.on_track is True      # 18 in two quarters against 20 in last year's first two
    behind = {**entries, Period.parse("2026Q2"): Measure(Fraction(12))}
    assert assess(plan(ind), ind, Period.parse("2026"), behind,
                  dt.date(2026, 7, 15)).on_track is False


def test_rounded_judgment_rounds_last_years_figure_too():
    ind = indicator(code="P09", kind=Kind.VALUE, target="> last-year", unit="天", decimals=1)
    entries = {Period.parse("2025Q3"): Measure(Fraction(1001, 100)),
               Period.parse("2026Q3"): Measure(Fraction(1004, 100))}
    assert assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER).status is Status.MET
    assert assess(plan(ind, judge=Judge.ROUNDED), ind, Period.parse("2026Q3"), entries,
                  LATER).status is Status.NOT_MET


def test_the_year_before_is_read_only_for_a_target_against_it():
    from qdesk.core.attainment import first_year_needed

    plain, relative = indicator(), complaints()
    assert first_year_needed([plain], 2026, {}) == 2026
    assert first_year_needed([plain, relative], 2026, {}) == 2025
    assert first_year_needed([plain], 2026, {"P01": {None: Target.parse("< last-year")}}) == 2025


def test_nothing_to_count_is_neither_met_nor_not_met_and_shows_as_such():
    ind = indicator(target=">= 90")
    a = assess(plan(ind), ind, Period.parse("2026Q3"), {Period.parse("2026Q3"): NOT_APPLICABLE},
               dt.date(2026, 8, 1))
    assert a.status is Status.NOT_APPLICABLE and a.status.label_zh == "不适用"
    assert a.measure is None and a.shown == "无此项" and a.on_track is None
    assert a.figure.complete


def test_a_year_with_a_quarter_of_nothing_to_count_is_judged_on_the_others():
    ind = indicator(target=">= 90")
    entries = {**quarter(95, 100, "2026Q1"), Period.parse("2026Q2"): NOT_APPLICABLE,
               **quarter(80, 100, "2026Q3"), **quarter(99, 100, "2026Q4")}
    a = assess(plan(ind), ind, Period.year_of(2026), entries, LATER)
    assert a.status is Status.MET and (a.measure.numerator, a.measure.denominator) == (274, 300)


def test_last_year_of_nothing_to_count_gives_no_basis_to_compare_with():
    ind = complaints()
    entries = {**counts(**{"2026Q3": 31}), Period.parse("2025Q3"): NOT_APPLICABLE}
    a = assess(plan(ind), ind, Period.parse("2026Q3"), entries, LATER)
    assert a.status is Status.NO_DATA and a.basis is None
    assert change(a.figure.measure, NOT_APPLICABLE) is None
