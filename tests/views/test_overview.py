"""The overview's figures without Qt: what lags, the counts, the trend, the charted rate, the units."""

import datetime as dt
import subprocess
import sys

from qdesk.core.numbers import Measure
from qdesk.core.periods import Period
from qdesk.core.targets import Target
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import set_unit_target
from qdesk.views.overview import Overview, behind, lags, not_met

AFTER_2017 = dt.date(2018, 3, 1)


def enter(store, plan, unit, period, **rates):
    """Rates as "numerator/denominator" by indicator code."""
    set_entries(store, plan, unit, Period.parse(period),
                [EntryInput(code, *text.split("/")) for code, text in rates.items()])


def overview(county, period, day=AFTER_2017):
    store, plan, home, _ = county
    return Overview(store, plan, home, Period.parse(period), day)


def by_code(assessments):
    return {a.indicator.code: a for a in assessments}


def test_a_figure_lags_when_not_met_in_its_period_or_behind_in_a_year_still_running(county):
    store, plan, home, _ = county
    enter(store, plan, home, "2017Q1", P01="70/100", P02="97/100")
    enter(store, plan, home, "2017Q2", P01="95/100", P02="99/100")
    running = by_code(overview(county, "2017Q2", dt.date(2017, 7, 1)).statuses)
    p01 = running["P01"]                    # met in Q2, 82.5 % over the half year: behind
    assert (not_met(p01), behind(p01), lags(p01)) == (False, True, True)
    assert not lags(running["P02"])
    closed = by_code(overview(county, "2017Q1").statuses)
    p01 = closed["P01"]                     # not met, and the year is over: no pace
    assert (not_met(p01), behind(p01), lags(p01)) == (True, False, True)
    assert [a.indicator.code for a in overview(county, "2017Q1").lagging] == ["P01"]


def test_an_annual_indicator_without_a_figure_does_not_lag_in_a_quarter(county):
    statuses = by_code(overview(county, "2017Q1").statuses)
    assert not statuses["V02"].figure.due and not lags(statuses["V02"])


def test_counts_are_of_the_indicators_reported_for_the_period(county):
    store, plan, home, _ = county
    enter(store, plan, home, "2017Q1", P01="80/100", P02="97/100", P03="95/100")
    counts = overview(county, "2017Q1").counts
    annual = sum(i.frequency.value == "annual" for i in plan.indicators)
    assert (counts.met, counts.not_met, counts.not_due) == (2, 1, annual)
    assert counts.no_data == len(plan.indicators) - annual - 3


def test_counts_say_what_a_report_holds_that_is_not_entered_for_its_own_period(county):
    plan = county[1]
    annual = sum(i.frequency.value == "annual" for i in plan.indicators)
    half = sum(i.frequency.value == "half-year" for i in plan.indicators)
    q1, q4, year = (overview(county, p).counts for p in ("2017Q1", "2017Q4", "2017"))
    assert (q1.from_longer, q1.from_shorter, q1.not_due) == (0, 0, annual + half)
    assert (q4.from_longer, q4.from_shorter, q4.not_due) == (annual + half, 0, 0)
    assert (year.from_longer, year.from_shorter, year.not_due) == (0, len(plan.indicators)
                                                                  - annual, 0)


def test_the_trend_starts_at_the_first_figure_and_judges_each_quarter_on_its_years_target(
        county):
    store, plan, home, _ = county
    enter(store, plan, home, "2016Q3", P01="85/100")
    enter(store, plan, home, "2017Q1", P01="91/100")
    set_unit_target(store, home.id, home.code, "P01", ">= 92", 2017)
    trend = overview(county, "2017H1").trend(plan.indicator("P01"))
    assert [str(p.quarter) for p in trend.points] == ["2016Q3", "2016Q4", "2017Q1", "2017Q2"]
    assert [p.measure for p in trend.points] == [Measure.of_rate(85, 100), None,
                                                 Measure.of_rate(91, 100), None]
    assert [p.target for p in trend.points] == [Target.parse(">= 90")] * 2 + [
        Target.parse(">= 92")] * 2
    assert [p.met for p in trend.points] == [False, None, False, None]
    assert trend.chosen == (2, 3) and trend.entered


def test_a_trend_without_figures_shows_the_last_four_quarters(county):
    plan = county[1]
    trend = overview(county, "2017Q3").trend(plan.indicator("P03"))
    assert [str(p.quarter) for p in trend.points] == ["2016Q4", "2017Q1", "2017Q2", "2017Q3"]
    assert not trend.entered and trend.chosen == (3,)


def test_the_charted_indicator_is_the_clerks_choice_else_the_first_rate_that_lags(county):
    store, plan, home, _ = county
    assert overview(county, "2017Q1").charted().code == "P01"       # nothing lags: the first
    enter(store, plan, home, "2017Q1", P01="95/100", P03="80/100", P04="80/100")
    view = overview(county, "2017Q1")
    assert view.charted().code == "P03"
    assert view.charted("P02").code == "P02"
    assert view.charted("P06").code == "P03"                        # a count is not charted
    assert view.charted("gone").code == "P03"
    assert [i.code for i in view.rates] == [i.code for i in plan.indicators
                                             if i.kind.value == "rate"]


def test_a_plan_without_rates_charts_nothing(tmp_path):
    from qdesk.core.plan import Kind
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan, save_plan
    from qdesk.store.units import add_home_unit
    from tests.factories import indicator, plan

    store = open_store(tmp_path / "counts.qdesk", create=True)
    try:
        save_plan(store, plan(indicator("C01", kind=Kind.COUNT, target="== 0")), "")
        home = add_home_unit(store, "659001", "石河子市")
        view = Overview(store, load_plan(store), home, Period.parse("2025Q1"),
                        dt.date(2025, 4, 1))
        assert view.rates == [] and view.charted() is None
    finally:
        store.close()


def test_the_units_total_is_the_ratio_of_their_summed_counts(county):
    store, plan, _, units = county
    for unit, figure in zip(units, ("92/100", "17/20", None, "97/100")):
        if figure:
            enter(store, plan, unit, "2017Q1", P01=figure)
    figures = overview(county, "2017Q1").units_on(plan.indicator("P01"))
    assert [u for u, _ in figures.rows] == units
    assert figures.total == Measure.of_rate(206, 220)
    assert figures.total.value != sum(a.measure.value for _, a in figures.rows if a.measure) / 3


def test_the_lowest_units_count_one_without_a_figure_lowest_and_keep_the_units_order(county):
    store, plan, _, units = county
    for unit, figure in zip(units, ("92/100", "85/100", None, "97/100")):
        if figure:
            enter(store, plan, unit, "2017Q1", P01=figure)
    figures = overview(county, "2017Q1").units_on(plan.indicator("P01"))
    assert [u.code for u, _ in figures.lowest(2)] == ["T02", "T03"]
    assert [u.code for u, _ in figures.lowest(3)] == ["T01", "T02", "T03"]
    assert figures.lowest(4) == figures.rows


def test_an_office_without_units_has_no_units_figures(tmp_path):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit

    db = tmp_path / "alone.qdesk"
    create_database(db, find_template("bingtuan-2016"), "659001", "石河子市")
    with open_store(db) as store:
        plan = load_plan(store)
        view = Overview(store, plan, home_unit(store), Period.parse("2017Q1"), AFTER_2017)
        figures = view.units_on(plan.indicator("P01"))
    assert figures.rows == () and figures.total is None


def test_the_views_import_no_qt_and_no_matplotlib():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, qdesk.views.overview, qdesk.views.chart_style;"
         " print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'matplotlib'}))"],
        capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_new_office_owes_no_report_before_the_quarter_it_starts_in(county):
    from qdesk.core.calendar import DueState

    store, plan, home, _ = county
    view = Overview(store, plan, home, Period.parse("2018Q1"), dt.date(2018, 5, 20))
    assert view.dues and all(d.period.end >= dt.date(2018, 4, 1) for d in view.dues)
    assert [d for d in view.dues if d.state is DueState.OVERDUE] == []


def test_the_calendar_starts_at_the_first_figure_or_the_period_the_office_sets(county):
    from qdesk.store.entries import first_period_entered
    from qdesk.store.settings import set_setting
    from qdesk.views.overview import calendar_from

    store, plan, home, units = county
    assert first_period_entered(store) is None
    enter(store, plan, units[0], "2017Q3", P01="9/10")
    annual = next(i for i in plan.indicators
                  if i.frequency.value == "annual" and i.kind.value == "rate")
    enter(store, plan, home, "2017", **{annual.code: "1/2"})
    assert first_period_entered(store) == Period.parse("2017")     # begins before 2017Q3
    day = dt.date(2019, 2, 1)
    assert calendar_from(store, day) == Period.parse("2017")
    set_setting(store, "calendar_from", "2018H1")
    assert calendar_from(store, day) == Period.parse("2018H1")
    dues = Overview(store, plan, home, Period.parse("2018Q4"), day).dues
    assert min(d.period.start for d in dues) == dt.date(2018, 1, 1)
