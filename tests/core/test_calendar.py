import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.calendar import DueState, due_date, due_now, dues_on, obligations
from qdesk.core.documents import ReportKind
from qdesk.core.periods import Period
from tests.factories import SEED_DEADLINES, plan

QUARTERLY, HALF, ANNUAL = SEED_DEADLINES


def test_seed_calendar_due_dates():
    assert due_date(QUARTERLY, Period.parse("2026Q3")) == dt.date(2026, 10, 5)
    assert due_date(QUARTERLY, Period.parse("2026Q4")) == dt.date(2027, 1, 5)
    assert due_date(HALF, Period.parse("2026H1")) == dt.date(2026, 7, 10)
    assert due_date(ANNUAL, Period.parse("2026")) == dt.date(2026, 12, 10)


def test_a_plan_asks_four_quarterly_one_half_year_and_one_annual_report_a_year():
    dues = obligations(plan(start=2026, end=2026))
    kinds = [(d.report, str(d.period)) for d in dues]
    assert kinds == [(ReportKind.QUARTERLY, "2026Q1"), (ReportKind.QUARTERLY, "2026Q2"),
                     (ReportKind.HALF_YEAR, "2026H1"), (ReportKind.QUARTERLY, "2026Q3"),
                     (ReportKind.ANNUAL, "2026"), (ReportKind.QUARTERLY, "2026Q4")]


def test_what_stands_on_a_day():
    p = plan(start=2026, end=2026)
    submitted = {(ReportKind.QUARTERLY, Period.parse("2026Q1")),
                 (ReportKind.QUARTERLY, Period.parse("2026Q2"))}
    states = {(d.report, str(d.period)): d.state
              for d in dues_on(p, dt.date(2026, 11, 30), submitted)}
    assert states == {(ReportKind.HALF_YEAR, "2026H1"): DueState.OVERDUE,
                      (ReportKind.QUARTERLY, "2026Q3"): DueState.OVERDUE,
                      (ReportKind.ANNUAL, "2026"): DueState.DUE_SOON,
                      (ReportKind.QUARTERLY, "2026Q4"): DueState.UPCOMING}


def test_due_soon_is_within_ten_days():
    p = plan(start=2026, end=2026)
    day = dt.date(2026, 9, 25)
    q3 = next(d for d in dues_on(p, day) if d.report is ReportKind.QUARTERLY
              and d.state is not DueState.OVERDUE)
    assert (str(q3.period), q3.state) == ("2026Q3", DueState.DUE_SOON)
    q3_early = next(d for d in dues_on(p, dt.date(2026, 9, 24))
                    if d.report is ReportKind.QUARTERLY and d.state is not DueState.OVERDUE)
    assert q3_early.state is DueState.UPCOMING


def test_the_next_report_already_submitted_says_so():
    p = plan(start=2026, end=2026)
    submitted = {(ReportKind.ANNUAL, Period.parse("2026"))}
    annual = next(d for d in dues_on(p, dt.date(2026, 12, 1), submitted)
                  if d.report is ReportKind.ANNUAL)
    assert annual.state is DueState.SUBMITTED


@given(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
def test_nothing_is_overdue_once_everything_is_submitted(day):
    p = plan(start=2025, end=2027)
    everything = {(d.report, d.period) for d in obligations(p)}
    assert all(d.state is not DueState.OVERDUE for d in dues_on(p, day, everything))
    for due in dues_on(p, day):
        assert (due.state is DueState.OVERDUE) == (due.date < day)


def test_reports_on_periods_before_the_first_kept_are_not_owed():
    p = plan(start=2024, end=2026)
    day = dt.date(2026, 11, 30)
    owed = {(d.report, str(d.period)) for d in dues_on(p, day, since=Period.parse("2026Q2"))}
    assert (ReportKind.QUARTERLY, "2026Q1") not in owed
    assert (ReportKind.ANNUAL, "2025") not in owed
    # A report on a period the first kept one is part of is still owed.
    assert {(ReportKind.QUARTERLY, "2026Q2"), (ReportKind.HALF_YEAR, "2026H1")} <= owed


@given(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)),
       st.sampled_from([Period.parse(t) for t in ("2025", "2025H2", "2026Q3", "2027Q1")]))
def test_the_first_kept_period_only_leaves_out_reports_on_periods_ended_before_it(day, since):
    p = plan(start=2025, end=2027)
    every, kept = dues_on(p, day), dues_on(p, day, since=since)
    assert all(d.period.end >= since.start for d in kept)
    assert [d for d in every if d.state is DueState.OVERDUE and d.period.end >= since.start] \
        == [d for d in kept if d.state is DueState.OVERDUE]


def test_the_period_due_now_is_the_latest_overdue_report_else_the_next_due():
    p = plan(start=2026, end=2027)
    day = dt.date(2026, 12, 4)
    assert due_now(p, day, since=Period.parse("2026Q4")) == Period.parse("2026")   # by 12月10日
    assert due_now(p, day) == Period.parse("2026Q3")       # nothing sent: the latest overdue
    sent = {(d.report, d.period) for d in obligations(p) if d.date < day}
    assert due_now(p, day, sent) == Period.parse("2026")
    sent.add((ReportKind.ANNUAL, Period.parse("2026")))
    assert due_now(p, day, sent) == Period.parse("2026Q4")   # by 2027-01-05
    everything = {(d.report, d.period) for d in obligations(p)}
    assert due_now(p, dt.date(2028, 3, 1), everything) is None


@given(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
def test_the_period_due_now_is_owed_and_no_overdue_report_is_more_recent(day):
    p = plan(start=2025, end=2027)
    dues = dues_on(p, day)
    owed = [d for d in dues if d.state is not DueState.SUBMITTED]
    now = due_now(p, day)
    assert (now is None) == (not owed)
    if now is not None:
        chosen = max(d for d in owed if d.period == now)
        overdue = [d for d in owed if d.state is DueState.OVERDUE]
        assert all(d.date <= chosen.date for d in overdue)
        assert overdue or all(chosen.date <= d.date for d in owed)
