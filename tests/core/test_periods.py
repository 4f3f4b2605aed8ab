import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.errors import InputError
from qdesk.core.periods import Frequency, Period, periods_between

periods = st.builds(lambda year, f, i: Period.of(year, f, i % f.per_year + 1),
                    st.integers(1990, 2100), st.sampled_from(list(Frequency)),
                    st.integers(0, 3))


@pytest.mark.parametrize("text", ["2026", "2026H1", "2026H2", "2026Q1", "2026Q4"])
def test_parse_and_print_round_trip(text):
    assert str(Period.parse(text)) == text


def test_parse_accepts_lower_case_and_spaces():
    assert Period.parse(" 2026q3 ") == Period.parse("2026Q3")


@pytest.mark.parametrize("text", ["2026Q5", "26Q1", "2026Q0", "2026H3", "2026-Q1", "Q1", "",
                                  "2026Y", "20261", "二〇二六"])
def test_malformed_periods_are_refused_with_the_rule(text):
    with pytest.raises(InputError) as info:
        Period.parse(text)
    assert "2026Q1" in info.value.render("zh") and "2026Q1" in info.value.render("en")


def test_dates_of_a_quarter():
    q = Period.parse("2026Q3")
    assert (q.start, q.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert Period.parse("2026H1").end == dt.date(2026, 6, 30)


def test_order_is_chronological_and_a_year_follows_its_first_quarter():
    texts = ["2025", "2026Q2", "2026Q1", "2025Q4", "2026H1", "2026"]
    ordered = [str(p) for p in sorted(Period.parse(t) for t in texts)]
    assert ordered == ["2025", "2025Q4", "2026Q1", "2026H1", "2026", "2026Q2"]


def test_containment_and_subperiods():
    year, h2 = Period.parse("2026"), Period.parse("2026H2")
    assert year.contains(h2) and h2.contains(Period.parse("2026Q3"))
    assert not h2.contains(Period.parse("2026Q2"))
    assert not year.contains(Period.parse("2025Q4"))
    assert [str(p) for p in h2.subperiods(Frequency.QUARTERLY)] == ["2026Q3", "2026Q4"]
    assert Period.parse("2026Q3").enclosing(Frequency.HALF_YEAR) == h2


def test_previous_crosses_the_year():
    assert str(Period.parse("2026Q1").previous()) == "2025Q4"
    assert str(Period.parse("2026H1").previous()) == "2025H2"
    assert str(Period.parse("2026").previous()) == "2025"


def test_same_period_a_year_earlier():
    assert str(Period.parse("2026Q3").year_ago()) == "2025Q3"


def test_chinese_labels():
    assert Period.parse("2026Q3").label_zh() == "2026年第三季度"
    assert Period.parse("2026H1").label_zh() == "2026年上半年"
    assert Period.parse("2026").label_zh() == "2026年"


@given(periods)
def test_print_then_parse_is_identity(period):
    assert Period.parse(str(period)) == period


@given(periods)
def test_previous_and_next_are_inverse_and_adjacent(period):
    assert period.previous().next() == period
    assert period.previous() < period
    assert period.previous().end + dt.timedelta(days=1) == period.start


@given(periods, st.sampled_from(list(Frequency)))
def test_subperiods_tile_the_period(period, frequency):
    if frequency.months > period.months:
        return
    parts = period.subperiods(frequency)
    assert parts[0].start == period.start and parts[-1].end == period.end
    assert all(period.contains(p) and p.enclosing(period.frequency) == period for p in parts)
    assert all(a.end + dt.timedelta(days=1) == b.start for a, b in zip(parts, parts[1:]))


@given(periods)
def test_year_ago_keeps_the_kind(period):
    assert period.year_ago().frequency is period.frequency
    assert period.year_ago().year == period.year - 1


def test_periods_between_counts_quarters():
    quarters = list(periods_between(Period.parse("2025Q3"), Period.parse("2026Q2")))
    assert [str(p) for p in quarters] == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]


def test_what_a_report_on_a_period_shows():
    q4, q3, year = Period.parse("2026Q4"), Period.parse("2026Q3"), Period.parse("2026")
    assert q4.reports(q4) and q4.reports(year) and not q3.reports(year)
    assert year.reports(q3) and Period.parse("2026H2").reports(q3)
    assert not q4.reports(Period.parse("2025"))
