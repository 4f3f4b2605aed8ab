"""The audit trail read back: filtered exactly, newest first, and worded as a clerk reads it."""

import datetime as dt

import pytest

from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.audit import AUDITED_TABLES, changes, choices, count_changes, trail
from qdesk.store.database import open_store
from tests.factories import add_audit_row as add
from qdesk.store.locks import unlock_period
from qdesk.store.settings import set_setting
from qdesk.views.change_history import TABLE_LABELS, new_text, old_text


@pytest.fixture
def store(demo_db):
    store = open_store(demo_db)
    yield store
    store.close()


def ids(found):
    return [c.id for c in found]


def test_changes_lists_every_change_newest_first_with_its_unit_name(store):
    found = changes(store)
    assert len(found) == len(trail(store)) == count_changes(store)
    assert ids(found) == sorted(ids(found), reverse=True)
    first = next(c for c in found if c.table == "entries")
    assert first.unit_code == "211122" and first.unit_name == "盘山县"
    assert first.new is not None and set(first.new) == {"numerator", "denominator", "value",
                                                         "note"}


@pytest.mark.parametrize("name, column, value", [
    ("table", "table_name", "narratives"),
    ("unit_code", "unit_code", "211122100"),
    ("period", "period", "2020Q3"),
    ("operator", "operator", "王强"),
])
def test_each_filter_keeps_exactly_the_matching_changes(store, name, column, value):
    set_setting(store, "operator", "王强")
    unlock_period(store, Period.parse("2020Q3"), "上级退回")
    expected = sorted((row["id"] for row in trail(store) if row[column] == value), reverse=True)
    assert expected, "the demo should hold changes of each kind filtered on"
    found = changes(store, **{name: value})
    assert ids(found) == expected
    assert count_changes(store, **{name: value}) == len(expected)


def test_filters_combine(store):
    found = changes(store, table="entries", unit_code="211122100", period="2020Q2")
    assert found and all((c.table, c.unit_code, c.period) == ("entries", "211122100", "2020Q2")
                         for c in found)
    assert len(found) == sum(1 for row in trail(store, "entries")
                             if (row["unit_code"], row["period"]) == ("211122100", "2020Q2"))
    assert changes(store, table="locks", unit_code="211122100") == []


def test_since_and_until_are_whole_calendar_days_as_recorded(store):
    for at in ("2031-11-22T23:59:59+08:00", "2031-11-23T00:00:00+08:00",
               "2031-11-23T23:59:59-05:00", "2031-11-24T00:00:00+08:00",
               "2031-11-25T08:30:00+08:00"):
        add(store, at)
    day = dt.date(2031, 11, 23)
    assert [c.at for c in changes(store, since=day, until=day)] == [
        "2031-11-23T23:59:59-05:00", "2031-11-23T00:00:00+08:00"]
    assert [c.at for c in changes(store, since=dt.date(2031, 11, 24))] == [
        "2031-11-25T08:30:00+08:00", "2031-11-24T00:00:00+08:00"]
    assert count_changes(store, until=dt.date(2031, 11, 22)) == count_changes(store) - 4
    assert changes(store, since=dt.date(2031, 11, 24), until=dt.date(2031, 11, 23)) == []


def test_a_limit_keeps_the_newest(store):
    newest = changes(store, limit=7)
    assert ids(newest) == ids(changes(store))[:7]
    assert count_changes(store) > 7


def test_reading_the_newest_of_a_long_trail_sorts_nothing(store):
    """Newest first walks the table from its end and stops at the limit, however long the trail:
    no sort of every matching row, whatever field is filtered on."""
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    for filters in ({}, {"table": "entries"}, {"unit_code": "211122", "period": "2020Q4"},
                    {"operator": "王强"}):
        statements.clear()
        changes(store, **filters, limit=5000)
        select = next(s for s in statements if s.lstrip().upper().startswith("SELECT"))
        plan = " ".join(str(row[3]) for row in store.db.execute(
            "EXPLAIN QUERY PLAN " + select).fetchall())
        assert "TEMP B-TREE" not in plan, (filters, plan)
    store.db.conn.set_trace_callback(None)


def test_choices_are_what_the_trail_holds(store):
    set_setting(store, "operator", "王强")
    found = choices(store)
    assert found.tables == ["entries", "targets", "narratives", "groups", "members", "locks",
                            "units", "settings", "task_progress", "assessment_scores",
                            "assessment_entries", "assessment_publications"]
    assert found.operators == ["县质量办 李晓燕", "王强"]
    assert ("211122", "盘山县") in found.units and ("211122100", "石新镇") in found.units
    # Newest first, as the workbench's period pickers list them.
    assert found.periods == ["2020Q4", "2020Q3", "2020Q2", "2020", "2020H1", "2020Q1",
                             "2019Q4", "2019Q3", "2019Q2", "2019", "2019H1", "2019Q1"]


def test_a_period_text_that_is_not_a_period_is_listed_after_the_real_ones(store):
    add(store, "2031-01-01T00:00:00+08:00", period="旧数据")
    assert choices(store).periods[-1] == "旧数据"


def test_unlocking_is_read_back_with_its_reason(store):
    unlock_period(store, Period.parse("2020Q3"), "上级退回：P03分母填错")
    change = changes(store, table="locks", limit=1)[0]
    assert (change.key, change.action, change.reason) == ("2020Q3", "update",
                                                          "上级退回：P03分母填错")
    assert (old_text(change), new_text(change)) == ("锁定：是", "锁定：否")


def test_trail_still_lists_every_change_oldest_first(store):
    rows = trail(store, "locks")
    assert [row["row_key"] for row in rows][:2] == ["2019Q1", "2019Q2"]
    assert rows[0]["new"] == {"locked": True}


def test_every_audited_table_has_a_name_a_clerk_reads():
    assert tuple(TABLE_LABELS) == AUDITED_TABLES


@pytest.mark.parametrize("values", [
    (12, 40, None, None), (None, None, "88.50", "复核"), (0, 1, None, '含"引号"\n和\t控制'),
    (True, 2, None, None), (1.5, float("nan"), None, "x"), (2 ** 70, 1, "-0", ""),
    (None, None, {"nested": [1, "二"]}, None)])
def test_values_json_writes_the_text_the_encoder_writes_for_the_same_dict(values):
    names = ("numerator", "denominator", "value", "note")
    assert audit.values_json(*names)(values) == audit._json(dict(zip(names, values)))


def test_values_json_takes_field_names_as_they_are():
    assert audit.values_json("b%s", "a")((1, "x")) == '{"a": "x", "b%s": 1}'
