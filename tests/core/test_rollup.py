from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.numbers import NOT_APPLICABLE, Measure
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Kind, OverTime, OverUnits
from qdesk.core.rollup import combine, over_time, over_units
from tests.factories import indicator

counts = st.integers(1, 5000).flatmap(
    lambda d: st.integers(0, d).map(lambda n: Measure.of_rate(n, d)))


def test_rates_roll_up_as_ratio_of_sums_not_mean_of_rates():
    small, big = Measure.of_rate(1, 2), Measure.of_rate(990, 1000)  # 50 % and 99 %
    combined = combine([small, big], OverUnits.RATIO)
    assert (combined.numerator, combined.denominator) == (991, 1002)
    assert combined.value == Fraction(99100, 1002)
    assert combined.value != (small.value + big.value) / 2


def test_each_rule():
    values = [Measure(Fraction(v)) for v in (3, 1, 2)]
    assert combine(values, OverUnits.SUM).value == 6
    assert combine(values, OverUnits.MEAN).value == 2
    assert combine(values, OverUnits.MIN).value == 1
    assert combine(values, OverUnits.MAX).value == 3
    assert combine(values, OverTime.LAST).value == 2
    assert combine(values, OverUnits.NONE) is None
    assert combine(values[:1], OverUnits.NONE).value == 3
    assert combine([], OverUnits.SUM) is None


def test_a_quarterly_rate_rolls_up_to_the_year_and_notes_gaps():
    ind = indicator()
    entries = {Period.parse("2026Q1"): Measure.of_rate(90, 100),
               Period.parse("2026Q2"): Measure.of_rate(95, 100)}
    figure = over_time(ind, Period.parse("2026"), entries)
    assert (figure.measure.numerator, figure.measure.denominator) == (185, 200)
    assert [str(p) for p in figure.missing] == ["2026Q3", "2026Q4"]
    assert not figure.complete


def test_an_annual_figure_shows_in_the_quarter_that_ends_the_year_only():
    ind = indicator(kind=Kind.COUNT, frequency=Frequency.ANNUAL, target=">= 2",
                    over_time="last")
    entries = {Period.parse("2026"): Measure(Fraction(3))}
    assert over_time(ind, Period.parse("2026Q4"), entries).measure.value == 3
    q3 = over_time(ind, Period.parse("2026Q3"), entries)
    assert not q3.due and q3.measure is None


@given(st.lists(counts, min_size=4, max_size=4))
def test_quarters_to_halves_to_year_equals_quarters_to_year(quarters):
    ind = indicator()
    year = Period.year_of(2026)
    entries = dict(zip(year.subperiods(Frequency.QUARTERLY), quarters))
    halves = {h: over_time(ind, h, entries).measure for h in year.subperiods(Frequency.HALF_YEAR)}
    via_halves = combine(list(halves.values()), OverTime.RATIO)
    direct = over_time(ind, year, entries).measure
    assert via_halves == direct


@given(st.lists(st.lists(counts, min_size=4, max_size=4), min_size=1, max_size=6))
def test_units_then_time_equals_time_then_units(grid):
    ind = indicator()
    year = Period.year_of(2026)
    quarters = year.subperiods(Frequency.QUARTERLY)
    per_unit = [over_time(ind, year, dict(zip(quarters, row))).measure for row in grid]
    per_quarter = [over_units(ind, [row[i] for row in grid]) for i in range(4)]
    assert over_units(ind, per_unit) == combine(per_quarter, OverTime.RATIO)


@given(st.lists(counts, min_size=1, max_size=40))
def test_a_rolled_up_rate_stays_within_0_and_100(measures):
    combined = combine(measures, OverUnits.RATIO)
    assert 0 <= combined.value <= 100
    assert min(m.value for m in measures) <= combined.value <= max(m.value for m in measures)


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_summed_counts_add_up(values):
    assert combine([Measure(Fraction(v)) for v in values], OverUnits.SUM).value == sum(values)


def test_a_figure_of_nothing_to_count_adds_nothing_to_any_rule():
    values = [Measure(Fraction(v)) for v in (3, 1, 2)]
    with_none = [values[0], NOT_APPLICABLE, values[1], values[2], NOT_APPLICABLE]
    for rule in (OverUnits.SUM, OverUnits.MEAN, OverUnits.MIN, OverUnits.MAX, OverTime.LAST):
        assert combine(with_none, rule) == combine(values, rule)
    assert combine([NOT_APPLICABLE, values[0]], OverUnits.NONE) == values[0]


def test_only_nothing_to_count_rolls_up_to_nothing_to_count():
    assert combine([NOT_APPLICABLE, NOT_APPLICABLE], OverUnits.RATIO) is NOT_APPLICABLE
    ind = indicator()
    quarters = Period.year_of(2026).subperiods(Frequency.QUARTERLY)
    figure = over_time(ind, Period.parse("2026H1"), dict.fromkeys(quarters[:2], NOT_APPLICABLE))
    assert figure.measure is NOT_APPLICABLE and figure.complete


def test_a_quarter_of_nothing_to_count_is_no_gap_in_the_year():
    ind = indicator()
    q1, q2, q3, q4 = Period.year_of(2026).subperiods(Frequency.QUARTERLY)
    entries = {q1: Measure.of_rate(90, 100), q2: NOT_APPLICABLE, q3: Measure.of_rate(45, 50)}
    figure = over_time(ind, Period.year_of(2026), entries)
    assert (figure.measure.numerator, figure.measure.denominator) == (135, 150)
    assert figure.missing == (q4,)


@given(st.lists(counts, min_size=1, max_size=12), st.lists(st.booleans(), min_size=12,
                                                           max_size=12))
def test_units_saying_nothing_to_count_leave_the_ratio_of_sums_as_it_was(measures, none):
    with_none = [m for m, n in zip(measures, none)] + [NOT_APPLICABLE for n in none if n]
    assert combine(with_none, OverUnits.RATIO) == combine(measures, OverUnits.RATIO)
