"""Fuzzing every entry field: whatever is typed is stored exactly as meant, or refused whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from qdesk.core.documents import ReportKind
from qdesk.core.errors import QdeskError
from qdesk.core.periods import Period
from qdesk.core.plan import Kind
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.submissions import record_submission
from qdesk.store.units import add_subordinate, find_unit, home_unit
from tests.fuzzing import (FIELD_TEXT, NUMBER_TEXTS, Scratch, assert_refusal, expected_row,
                           fuzz_settings)

LOCKED = ("2017Q1", "2016")
EXAMPLES = 300


@pytest.fixture(scope="module")
def county_master(tmp_path_factory):
    """A county working to the 兵团 plan (every kind of indicator), two periods submitted."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store

    path = tmp_path_factory.mktemp("entries") / "county.qdesk"
    create_database(path, find_template("bingtuan-2016"), "659001", "石河子市")
    with open_store(path) as store:
        add_subordinate(store, "659001101", "向阳街道", "township")
        home = home_unit(store)
        record_submission(store, home, Period.parse("2017Q1"), ReportKind.QUARTERLY)
        record_submission(store, home, Period.parse("2016"), ReportKind.ANNUAL)
    return path


@pytest.fixture
def county(county_master, tmp_path):
    scratch = Scratch(county_master, tmp_path)
    yield scratch
    scratch.close()


def _locked(period: Period) -> bool:
    """Whether a submission holds the period fixed: what its report shows (Period.reports)."""
    return any(Period.parse(lock).reports(period) for lock in LOCKED)


def _stored(store, unit, period: Period, code: str):
    return store.db.execute(
        "SELECT e.numerator, e.denominator, e.value, e.note FROM entries e JOIN indicators i"
        " ON i.id = e.indicator_id WHERE e.unit_id = ? AND e.period = ? AND i.code = ?",
        [unit.id, str(period), code]).fetchone()


def _audit_count(store) -> int:
    return store.db.execute("SELECT count(*) FROM audit").fetchone()[0]


PERIOD_TEXT = st.one_of(
    st.sampled_from(["2016Q2", "2017Q3", "2018Q4", "2017", "2018", "2017H1", "2018H2", "2017Q1",
                     "2016", "2019Q1", "2015", "2017Q5", "2017Q0", "2017H3", "2017q2",
                     " 2017Q2 ", "２０１７Q2", "２０１７Ｑ２", "٢٠١٧Q2", "2017Q2\u200f",
                     "\u202e2017Q2", "2017-Q2", "17Q2", "2017Q02", "20170", "1e309", "", " ",
                     "2017\x00", "1948", "2200", "9999Q4"]),
    st.from_regex(r"\A[0-9]{4}([HQhq][0-9])?\Z"),
    st.text(max_size=8),
)
NOTE_TEXT = st.one_of(st.none(), st.sampled_from(["", "  ", "复核", " 已核实 ", "a\x00b",
                                                  "\u200f备注\u202e", "\x1b[31m", "=1+1"]),
                      st.text(max_size=20))


@st.composite
def figures(draw, indicators):
    """Inputs for one indicator: shaped like its kind, then any field replaced by anything."""
    indicator = draw(st.sampled_from(indicators))
    code = draw(st.one_of(st.just(indicator.code), st.just(indicator.code),
                          st.sampled_from([indicator.code.lower(), f" {indicator.code}",
                                           f"{indicator.code} ", "Ｐ０１", "X99", ""]),
                          st.text(max_size=4)))
    if indicator.kind is Kind.RATE:
        den = draw(st.integers(0, 3000))
        fields = [str(draw(st.integers(0, den + 5))), str(den), None]
    else:
        fields = [None, None, draw(st.one_of(st.integers(-5, 120).map(str),
                                             st.decimals(-5, 120, places=3).map(str),
                                             st.sampled_from(["是", "否", "1", "0", "yes"])))]
    for index in range(3):
        if draw(st.booleans()):
            fields[index] = draw(st.one_of(st.none(), NUMBER_TEXTS, FIELD_TEXT))
    return EntryInput(code, *fields, draw(NOTE_TEXT))


OPEN_PERIODS = ["2016Q1", "2017Q2", "2017Q4", "2018Q1", "2018Q4", "2017H1", "2018H2", "2017",
                "2018"]


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_every_entry_field_is_stored_exactly_or_the_batch_is_refused_whole(county, data):
    store = county.store
    plan = load_plan(store)
    unit = data.draw(st.sampled_from([home_unit(store), find_unit(store, "659001101")]))
    # Mostly a period the indicators are entered for; sometimes any text at all.
    period_text = data.draw(st.sampled_from(OPEN_PERIODS))
    due = [i for i in plan.indicators if i.frequency is Period.parse(period_text).frequency]
    items = data.draw(st.lists(figures(due or plan.indicators), min_size=1, max_size=3,
                               unique_by=lambda item: item.indicator))
    if data.draw(st.integers(0, 3)) == 0:
        period_text = data.draw(PERIOD_TEXT)
    audit_before = _audit_count(store)
    try:
        period = Period.parse(period_text)
        changed = set_entries(store, plan, unit, period, items)
    except QdeskError as exc:
        assert_refusal(exc)
        county.assert_unchanged()
        assert_should_refuse(plan, period_text, items)
        event("refused")
        return
    event("accepted")
    assert re.fullmatch(r"[0-9]{4}(H[12]|Q[1-4])?", str(period))
    assert Period.parse(str(period)) == period
    assert plan.covers(period.year) and not _locked(period)
    for item in items:
        indicator = plan.indicator(item.indicator)
        assert indicator is not None and indicator.frequency is period.frequency
        row = expected_row(indicator, item)
        assert row is not None, f"accepted {item!r} for {period}"
        assert _stored(store, unit, period, indicator.code) == (
            *row, (item.note or "").strip() or None)
    assert changed == len(items)
    assert _audit_count(store) == audit_before + changed
    county.reset()


def assert_should_refuse(plan, period_text: str, items: list[EntryInput]) -> None:
    """A refusal is right only if some rule is broken: no valid input is turned away."""
    try:
        period = Period.parse(period_text)
    except QdeskError:
        return
    if not plan.covers(period.year) or _locked(period):
        return
    for item in items:
        indicator = plan.indicator(item.indicator)
        if indicator is None or indicator.frequency is not period.frequency \
                or expected_row(indicator, item) is None:
            return
    raise AssertionError(f"refused valid figures {items!r} for {period}")


@fuzz_settings(EXAMPLES)
@given(text=PERIOD_TEXT)
def test_a_period_is_read_to_its_canonical_form_or_refused(text):
    try:
        period = Period.parse(text)
    except QdeskError as exc:
        assert_refusal(exc)
        return
    assert re.fullmatch(r"[0-9]{4}(H[12]|Q[1-4])?", str(period))
    assert Period.parse(str(period)) == period
    assert str(period) == re.sub(r"\s", "", text).upper() or not text.isascii()
