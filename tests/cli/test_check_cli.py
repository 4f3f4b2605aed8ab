"""`qdesk check` against the audit trail, and a figure that is no number refused, not a crash; on
a county made with `qdesk init` and `qdesk set`."""

import sqlite3

import pytest

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Period


@pytest.fixture
def county(qdesk, tmp_path):
    """盘山县 made with `qdesk init`, 2016Q1's figures set with `qdesk set`, 2016Q1 submitted."""
    db = tmp_path / "county.qdesk"
    assert qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", "211122",
                 "--unit-name", "盘山县").code == 0
    for code, numerator in (("P02", 96), ("P03", 91), ("P04", 88), ("E01", 100)):
        done = qdesk("set", "--db", db, "--unit", "211122", "--period", "2016Q1", "--indicator",
                     code, "--numerator", numerator, "--denominator", 100)
        assert done.code == 0, done.err
    assert qdesk("set", "--db", db, "--unit", "211122", "--period", "2016", "--indicator", "P01",
                 "--value", "31.5").code == 0
    from qdesk.store.database import open_store
    from qdesk.store.submissions import record_submission
    from qdesk.store.units import home_unit

    with open_store(db) as store:
        record_submission(store, home_unit(store), Period.parse("2016Q1"), ReportKind.QUARTERLY)
    return db


def tamper(path, *statements):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_check_of_a_county_written_by_qdesk_says_sound_and_exits_0(qdesk, county):
    result = qdesk("check", "--db", county)
    assert result.code == 0, result.out
    assert "数据库完好" in result.out and "审计记录链" in result.out


def test_check_names_an_edited_figure_a_hole_in_the_trail_and_a_deleted_lock_and_exits_3(
        qdesk, county):
    tamper(county, "UPDATE entries SET numerator = 99 WHERE numerator = 96",
           "DELETE FROM audit WHERE id BETWEEN 3 AND 4", "DELETE FROM locks")
    before = county.read_bytes()
    result = qdesk("check", "--db", county)
    assert result.code == 3
    assert "审计记录在第5条处断开：数据库曾在qdesk之外被改动" in result.out
    assert "为99/100，但审计记录的最后一次修改" in result.out
    assert "没有对应的锁定" in result.out and "曾在qdesk之外被改动" in result.out
    english = qdesk("check", "--db", county, lang="en")
    assert english.code == 3
    assert "The audit trail is broken at row 5: the database was changed outside qdesk" \
        in english.out
    assert county.read_bytes() == before     # checking changes nothing


@pytest.mark.parametrize("command", [
    ("status", "--period", "2016"),
    ("status", "--period", "2016", "--format", "json"),
    ("report", "annual", "--period", "2016", "--out", "{out}"),
])
def test_a_figure_that_is_no_number_is_refused_with_exit_3_naming_it_and_nothing_changes(
        qdesk, county, tmp_path, command):
    tamper(county, "UPDATE entries SET value = 'abc' WHERE value IS NOT NULL")
    before = county.read_bytes()
    out = tmp_path / "annual.pdf"
    result = qdesk(*[part.format(out=out) for part in command], "--db", county)
    assert result.code == 3, result.err
    assert "指标P01（单位211122，2016）保存的数据不是数字（abc）" in result.err
    assert "qdesk check" in result.err and "Traceback" not in result.err
    assert county.read_bytes() == before and not out.exists()
    check = qdesk("check", "--db", county)
    assert check.code == 3 and "“abc”不是数字" in check.out
