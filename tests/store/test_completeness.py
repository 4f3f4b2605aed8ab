"""Completeness: a unit reports by its package or by its returned entry sheet; a unit retired
before the period is not listed."""

import datetime as dt
import sqlite3

import pytest

from qdesk.core.periods import Period
from qdesk.reports.period_report import build_report
from qdesk.store.completeness import Arrival, Channel, arrivals
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit
from tests.cli.conftest import run_qdesk
from tests.cli.test_office_journey import district, ok
from tests.exchange.test_blank_sheet import fill as fill_sheet
from tests.reports.pdftools import tables_by_page

Q1 = Period.parse("2026Q1")
TOWN, OTHER_TOWN, ZONE = "321012100", "321012101", "321012400"


@pytest.fixture
def qdesk():
    return run_qdesk


def returned(qdesk, tmp_path):
    """江都区 whose two towns returned their 2026Q1 entry sheets; the zone did not."""
    db, _ = district(qdesk, tmp_path)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    ok(qdesk("export", "sheets", "--db", db, "--period", "2026Q1", "--out", sheets))
    by_unit = {p.name.split("-")[0]: p for p in sheets.glob("*.xlsx")}
    fill_sheet(by_unit[TOWN], {"Z01": (90, 100)})
    fill_sheet(by_unit[OTHER_TOWN], {"Z01": (93, 100)})
    ok(qdesk("import", "--db", db, by_unit[TOWN], by_unit[OTHER_TOWN]))
    return db


def state(db, period):
    with open_store(db) as store:
        return {a.unit.code: a for a in arrivals(store, load_plan(store), home_unit(store),
                                                 period)}


def entered_on(db, code, day):
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE entries SET updated_at = ? WHERE unit_id = (SELECT id FROM units"
                     " WHERE code = ?)", [f"{day}T10:00:00+08:00", code])
    conn.close()


def test_a_unit_that_returned_its_entry_sheet_is_reported_by_its_figures(qdesk, tmp_path):
    db = returned(qdesk, tmp_path)
    entered_on(db, TOWN, "2026-04-02")
    entered_on(db, OTHER_TOWN, "2026-04-20")
    found = state(db, Q1)
    town, other, zone = found[TOWN], found[OTHER_TOWN], found[ZONE]
    assert town.due is not None and dt.date(2026, 4, 2) <= town.due < dt.date(2026, 4, 20)
    assert (town.arrival, town.channel, town.made_on) == (
        Arrival.ON_TIME, Channel.FIGURES, dt.date(2026, 4, 2))
    assert (other.arrival, other.channel, other.made_on) == (
        Arrival.LATE, Channel.FIGURES, dt.date(2026, 4, 20))
    assert (zone.arrival, zone.channel, zone.made_on, zone.reported) == (
        Arrival.MISSING, None, None, False)


def test_a_years_report_counts_the_quarters_sheets_as_reported(qdesk, tmp_path):
    db = returned(qdesk, tmp_path)
    found = state(db, Period.parse("2026"))
    assert [found[c].reported for c in (TOWN, OTHER_TOWN, ZONE)] == [True, True, False]
    assert found[TOWN].channel is Channel.FIGURES


def test_a_unit_retired_before_the_period_is_not_listed(qdesk, tmp_path):
    db = returned(qdesk, tmp_path)
    ok(qdesk("unit", "retire", "--db", db, "--code", ZONE, "--date", "2026-03-15"))
    assert ZONE in state(db, Q1), "retired within the quarter: still owes it"
    assert sorted(state(db, Period.parse("2026Q2"))) == [TOWN, OTHER_TOWN]


def test_the_targets_report_names_the_towns_that_returned_sheets_as_reported(qdesk, tmp_path):
    db = returned(qdesk, tmp_path)
    entered_on(db, TOWN, "2026-04-02")
    out = tmp_path / "targets.pdf"
    with open_store(db) as store:
        build_report(store, "targets", Q1, out, dt.date(2026, 4, 25))
    rows = {row[1]: row[2:] for page in tables_by_page(out, tmp_path / "drawn.pdf")
            for table in page if table and table[0][:3] == ["序号", "单位", "报送情况"]
            for row in table[1:]}
    assert rows["仙女镇"] == ["按时报送", "填报数据", "2026年4月2日"]
    assert rows["小纪镇"][:2] == ["逾期报送", "填报数据"]
    assert rows["江都经济开发区"] == ["未报送", "—", "—"]


@pytest.mark.parametrize("period, late, due", [
    ("2019Q4", {"盘山经济开发区": dt.date(2020, 1, 7)}, dt.date(2020, 1, 5)),
    ("2020Q3", {"石新镇": dt.date(2020, 10, 9)}, dt.date(2020, 10, 5)),
])
def test_the_demos_returns_are_dated_as_an_office_keeps_them(demo_master, period, late, due):
    """Two returns late, the rest a few days before the day due, not all on the day the demo
    was made (which read 逾期报送 for every township, dated years after)."""
    with open_store(demo_master, exclusive=False) as store:
        rows = arrivals(store, load_plan(store), home_unit(store), Period.parse(period))
    assert {r.unit.name: r.made_on for r in rows if r.arrival is Arrival.LATE} == late
    on_time = [r.made_on for r in rows if r.arrival is Arrival.ON_TIME]
    assert len(on_time) == 6
    assert all(r.due == due for r in rows)
    assert all(due - dt.timedelta(days=9) <= day < due for day in on_time)
