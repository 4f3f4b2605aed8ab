"""The full check holds the file to its audit trail: the chain unbroken, every figure and lock as
the trail last records it, every figure a number; on a county made as `qdesk init` makes it."""

import sqlite3

import pytest

from qdesk.core.documents import ReportKind
from qdesk.core.errors import DamagedDatabaseError
from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.check import check_database
from qdesk.store.entries import EntryInput, entry_measures_of, set_entries
from qdesk.store.locks import unlock_period
from qdesk.store.plans import set_unit_target
from qdesk.store.rollups import roll_up
from qdesk.store.submissions import record_submission
from tests.factories import add_audit_row, tamper

Q1, Q2 = Period.parse("2016Q1"), Period.parse("2016Q2")


@pytest.fixture
def county(panjin_county):
    """盘山县 with 60 figures of its townships and its own, 2016Q1 submitted; closed, its path."""
    store, plan, home, units = panjin_county
    for quarter in (Q1, Q2):
        for unit in (home, *units[:2]):
            set_entries(store, plan, unit, quarter, [
                EntryInput(code, numerator=str(80 + n), denominator="100")
                for n, code in enumerate(("P02", "P03", "P04", "E01", "E02", "E03"))])
    for quarter in (Period.parse("2016Q3"), Period.parse("2016Q4")):
        set_entries(store, plan, home, quarter,
                    [EntryInput(c, numerator="9", denominator="10") for c in
                     ("P02", "P03", "P04", "E01", "E02", "E03")])
    set_entries(store, plan, home, Period.parse("2016"), [EntryInput("P01", value="31.5"),
                                                         EntryInput("B01", none=True)])
    set_entries(store, plan, units[0], Period.parse("2016"), [EntryInput("P01", value="30")])
    set_unit_target(store, units[0].id, units[0].code, "P02", ">= 97")
    record_submission(store, home, Q1, ReportKind.QUARTERLY)
    store.close()
    return store.path


def entry_id(path, unit="211122", period="2016Q1", code="P02"):
    conn = sqlite3.connect(path)
    row, = conn.execute("SELECT e.id FROM entries e JOIN units u ON u.id = e.unit_id"
                        " JOIN indicators i ON i.id = e.indicator_id"
                        " WHERE u.code = ? AND e.period = ? AND i.code = ?",
                        [unit, period, code]).fetchone()
    conn.close()
    return row


def test_a_county_written_only_by_qdesk_is_sound(county):
    report = check_database(county)
    assert report.ok, report.render("en")
    assert "数据库完好" in report.render("zh")


def test_the_reported_attack_an_edited_figure_50_trail_rows_and_a_lock_deleted_is_named(county):
    entry = entry_id(county)
    tamper(county, f"UPDATE entries SET numerator = numerator + 10 WHERE id = {entry}",
           "DELETE FROM audit WHERE id BETWEEN 5 AND 54", "DELETE FROM locks")
    report = check_database(county)
    assert not report.ok and not report.damaged
    assert report.broken_at == 55 and report.counted["chain"] == 1
    assert report.counted["figure"] >= 1 and report.counted["lock"] >= 1
    zh, en = report.render("zh"), report.render("en")
    assert "审计记录在第55条处断开：数据库曾在qdesk之外被改动" in zh
    assert f"第{entry}条填报（211122, 2016Q1, P02）为90/100" in zh
    assert "第1次报送（211122，2016Q1）没有对应的锁定" in zh
    assert "The audit trail is broken at row 55: the database was changed outside qdesk" in en


def test_every_edited_trail_row_is_named_and_the_first_in_the_verdict(county):
    tamper(county, "UPDATE audit SET operator = '张三' WHERE id IN (7, 30)")
    report = check_database(county)
    assert report.counted == {"chain": 2} and report.broken_at == 7
    text = report.render("en")
    assert "audit row 7 " in text and "audit row 30 " in text and "broken at row 7" in text


def test_a_row_slipped_into_the_trail_is_named(county):
    tamper(county, "INSERT INTO audit (at, operator, table_name, row_key, action, new, hash)"
                   " VALUES ('2016-04-01T09:00:00+08:00', '张三', 'settings', 'operator',"
                   " 'update', '{\"value\": \"张三\"}', 'beef')")
    report = check_database(county)
    assert report.counted == {"chain": 1}
    assert report.broken_at == audit.sequence(sqlite3.connect(county))


def test_a_row_of_a_table_qdesk_never_records_is_named_even_when_chained(county):
    from qdesk.store.database import open_store

    with open_store(county) as store, store.transaction():
        add_audit_row(store, "2016-04-01T09:00:00+08:00", table="passwords", key="x",
                      action="insert", new={"x": 1})
    report = check_database(county)
    assert report.counted == {"trail-kind": 1}
    assert "passwords" in report.render("zh")


@pytest.mark.parametrize("statement, words", [
    ("UPDATE entries SET numerator = 1 WHERE id = {entry}", "为1/100，但审计记录的最后一次修改"),
    ("UPDATE entries SET note = '改过' WHERE id = {entry}", "但审计记录的最后一次修改"),
    ("DELETE FROM entries WHERE id = {entry}", "填报“211122/2016Q1/P02”不存在"),
    ("INSERT INTO entries (indicator_id, unit_id, period, numerator, denominator, updated_by,"
     " updated_at) SELECT indicator_id, unit_id, '2016Q3', 1, 2, 'x', 'y' FROM entries"
     " WHERE id = (SELECT id FROM entries e WHERE e.period = '2016Q1' AND e.unit_id !="
     " (SELECT id FROM units WHERE code = '211122') LIMIT 1)", "审计记录中没有它的任何修改"),
    ("UPDATE entries SET numerator = NULL, denominator = NULL WHERE id = {entry}",
     "为无此项，但审计记录的最后一次修改"),
    ("UPDATE targets SET expr = '>= 10' WHERE unit_id IS NOT NULL", "目标"),
])
def test_a_figure_changed_outside_qdesk_is_named(county, statement, words):
    tamper(county, statement.format(entry=entry_id(county)))
    report = check_database(county)
    assert report.counted == {"figure": 1}, report.render("en")
    assert words in report.render("zh") and "曾在qdesk之外被改动" in report.render("zh")


def test_a_figure_the_trail_records_deleted_and_not_applicable_figures_are_sound(county):
    from qdesk.store.database import open_store

    with open_store(county) as store, store.transaction():
        # As a package replacing a period's figures whole drops one: deleted, and audited so.
        store.execute("DELETE FROM entries WHERE id = ?", [entry_id(county, period="2016Q2")])
        audit.record_many(store, [audit.Change("entries", "211122/2016Q2/P02", "delete",
                                               {"numerator": 80}, None, None, "211122",
                                               "2016Q2")])
    set_none = sqlite3.connect(county).execute(
        "SELECT count(*) FROM entries WHERE numerator IS NULL AND value IS NULL").fetchone()[0]
    assert set_none == 1
    assert check_database(county).ok


def test_a_figure_deleted_by_the_trail_but_still_there_is_named(county):
    from qdesk.store.database import open_store

    with open_store(county) as store, store.transaction():
        audit.record_many(store, [audit.Change("entries", "211122/2016Q2/P02", "delete",
                                               {"numerator": 80}, None, None, "211122",
                                               "2016Q2")])
    report = check_database(county)
    assert report.counted == {"figure": 1}
    assert "已将其删除" in report.render("zh") and "deletes it" in report.render("en")


@pytest.mark.parametrize("statement, counted", [
    ("DELETE FROM locks", 3),          # taken once, held, its submission's lock
    ("UPDATE locks SET unlocked_at = 'x', unlocked_by = 'x', unlock_reason = 'x'", 1),
    ("INSERT INTO locks (period, locked_by, locked_at) VALUES ('2016Q2', 'x', 'y')", 2),
])
def test_a_lock_changed_outside_qdesk_is_named(county, statement, counted):
    tamper(county, statement)
    report = check_database(county)
    assert report.counted == {"lock": counted}, report.render("en")


def test_a_period_unlocked_by_qdesk_keeps_its_locks_sound(county):
    from qdesk.store.database import open_store

    with open_store(county) as store:
        unlock_period(store, Q1, "上级退回")
    assert check_database(county).ok


@pytest.mark.parametrize("statement", [
    "UPDATE entries SET value = 'abc' WHERE value IS NOT NULL",
    "UPDATE entries SET numerator = 'abc' WHERE id = {entry}",
    "UPDATE entries SET numerator = 2.5 WHERE id = {entry}",
])
def test_a_figure_that_is_no_number_is_named(county, statement):
    tamper(county, statement.format(entry=entry_id(county)))
    report = check_database(county)
    assert report.counted["number"] == report.counted["figure"] >= 1
    assert "不是数字" in report.render("zh")


def test_the_quick_check_leaves_the_trail_to_the_full_one(county):
    tamper(county, "DELETE FROM audit WHERE id = 3")
    quick = check_database(county, quick=True)
    assert quick.ok and "审计记录" not in quick.render("zh")
    assert not check_database(county).ok


def test_a_stored_figure_that_is_no_number_is_refused_as_damage_by_its_readers(county):
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit

    tamper(county, "UPDATE entries SET value = 'abc' WHERE value IS NOT NULL",
           "UPDATE entries SET numerator = 'abc'"
           f" WHERE id = {entry_id(county, '211122101', '2016Q1', 'P02')}")
    with open_store(county) as store:
        home = home_unit(store)
        with pytest.raises(DamagedDatabaseError, match="指标P01（单位211122，2016）.*qdesk check"):
            entry_measures_of(store, [home.id], 2016, 2016)
        with pytest.raises(DamagedDatabaseError, match="指标P02（单位211122101，2016Q1）"):
            entry_measures_of(store, [home.id + 2], 2016, 2016)
        p01 = load_plan(store).indicator("P01")     # a mean of the units: read in Python
        with pytest.raises(DamagedDatabaseError, match="指标P01（单位211122100，2016）"):
            roll_up(store, home, [p01], Period.parse("2016"), 2016)


@pytest.fixture
def district(tmp_path):
    """江都区 on a plan judged against reference figures, 2026's R02 reference set; its path."""
    from qdesk.databases import create_database
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan
    from qdesk.store.references import ReferenceInput, set_references
    from tests.factories import reference_template

    db = tmp_path / "district.qdesk"
    create_database(db, reference_template(tmp_path), "321012", "扬州市江都区")
    with open_store(db) as store:
        set_references(store, load_plan(store), Period.parse("2026"),
                       [ReferenceInput("R02", "85", "省局通报")])
    return db


def test_a_reference_figure_changed_outside_qdesk_is_named(district):
    assert check_database(district).ok
    tamper(district, "UPDATE reference_figures SET value = '70'")
    report = check_database(district)
    assert report.counted == {"figure": 1}
    assert "参照值（2026, R02）为'70'，但审计记录的最后一次修改" in report.render("zh")


def test_a_reference_figure_that_is_no_number_is_named_and_refused_as_damage(district):
    from qdesk.store.database import open_store
    from qdesk.store.references import reference_figures, reference_values

    tamper(district, "UPDATE reference_figures SET value = 'abc'")
    assert check_database(district).counted == {"number": 1, "figure": 1}
    with open_store(district) as store:
        for read in (reference_values, reference_figures):
            with pytest.raises(DamagedDatabaseError, match="指标R022026的参照值不是数字（abc）"):
                read(store, Period.parse("2026"))
