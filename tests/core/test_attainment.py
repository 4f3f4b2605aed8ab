import datetime as dt
from fractions import Fraction

from qdesk.core.attainment import Status, assess, change
from qdesk.core.numbers import Judge, Measure, Rounding
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
