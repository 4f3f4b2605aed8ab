"""`qdesk reference set|clear|list` through the real entry point, on a district made by `qdesk init`."""

import sqlite3

import pytest

from qdesk.core.periods import Period
from qdesk.store.database import open_store
from qdesk.store.locks import lock_period
from tests.factories import reference_template


@pytest.fixture
def district(qdesk, tmp_path):
    """江都区 on its own plan, its town added by `qdesk unit add`, 2026Q3 figures entered."""
    db = tmp_path / "d.qdesk"
    assert qdesk("init", "--db", db, "--template", reference_template(tmp_path),
                 "--unit-code", "321012", "--unit-name", "扬州市江都区").code == 0
    assert qdesk("unit", "add", "--db", db, "--code", "321012100", "--name", "仙女镇",
                 "--level", "township").code == 0
    for unit, numerator in (("321012", "97"), ("321012100", "90")):
        assert qdesk("set", "--db", db, "--unit", unit, "--period", "2026Q3", "--indicator",
                     "R01", "--numerator", numerator, "--denominator", "100").code == 0
    return db


def state(db):
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT * FROM reference_figures ORDER BY id").fetchall(),
                conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    finally:
        conn.close()


def r01(qdesk, db, unit):
    result = qdesk("status", "--db", db, "--period", "2026Q3", "--unit", unit, "--format", "json")
    assert result.code == 0, result.err
    return next(r for r in result.json() if r["code"] == "R01")


def test_the_provinces_average_set_once_judges_the_district_and_its_town(qdesk, district):
    assert r01(qdesk, district, "321012")["status"] == "no-data"
    done = qdesk("reference", "set", "--db", district, "--period", "2026Q3", "--indicator", "R01",
                 "--value", "93.5", "--note", "省局2026年第三季度通报")
    assert done.code == 0 and "已保存" in done.out
    home, town = r01(qdesk, district, "321012"), r01(qdesk, district, "321012100")
    assert (home["status"], home["target"], home["basis"]) == ("met", "> reference", "93.500000")
    assert town["status"] == "not-met"
    table = qdesk("status", "--db", district, "--period", "2026Q3").out
    assert "＞参照值" in table and "达标" in table

    listed = qdesk("reference", "list", "--db", district, "--format", "json").json()
    assert listed == [{"indicator": "R01", "period": "2026Q3", "value": "93.5",
                       "note": "省局2026年第三季度通报"}]
    shown = qdesk("reference", "list", "--db", district, "--period", "2026Q3").out
    assert "2026年第三季度" in shown and "93.5%" in shown and "省局2026年第三季度通报" in shown


def test_a_cleared_reference_leaves_the_target_unjudged(qdesk, district):
    qdesk("reference", "set", "--db", district, "--period", "2026Q3", "--indicator", "R01",
          "--value", "93.5")
    done = qdesk("reference", "clear", "--db", district, "--period", "2026Q3",
                 "--indicator", "R01")
    assert done.code == 0 and "已清除" in done.out
    assert r01(qdesk, district, "321012")["status"] == "no-data"
    assert state(district)[0] == []


@pytest.mark.parametrize("period, indicator, value, words", [
    ("2026", "R03", "2", "不与参照值比较"),
    ("2026Q3", "R01", "九十", "不是数字"),
    ("2026Q3", "R01", "101", "超出0至100"),
    ("2026Q3", "R02", "85", "按年度填报"),
])
def test_a_bad_reference_figure_is_refused_with_exit_3_and_nothing_changes(
        qdesk, district, period, indicator, value, words):
    before = state(district)
    refused = qdesk("reference", "set", "--db", district, "--period", period, "--indicator",
                    indicator, "--value", value)
    assert refused.code == 3 and words in refused.err
    assert state(district) == before


def test_a_reference_figure_in_a_locked_period_is_refused(qdesk, district):
    with open_store(district) as store:
        lock_period(store, Period.parse("2026Q3"))
    before = state(district)
    refused = qdesk("reference", "set", "--db", district, "--period", "2026Q3",
                    "--indicator", "R01", "--value", "93.5", lang="en")
    assert refused.code == 3 and "locked" in refused.err
    assert state(district) == before
