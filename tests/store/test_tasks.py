"""The task ledger in the store: written whole and audited, locked periods refused, done days."""

import dataclasses
import datetime as dt
import sqlite3

import pytest

from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.periods import Period
from qdesk.core.tasks import TaskProgress, TaskStatus
from qdesk.plans.template_writer import template_text
from qdesk.store.audit import trail
from qdesk.store.locks import lock_period
from qdesk.store.plans import check_plan_update, update_plan
from qdesk.store.tasks import done_days, task_progress, write_progress

Q3 = Period.parse("2020Q3")
TODAY = dt.date(2020, 11, 23)


def row(task="T01", unit="211122", period=Q3, status=TaskStatus.IN_PROGRESS, progress="推进中",
        done_on=None):
    return TaskProgress(task, unit, period, status, progress, done_on)


def snapshot(store):
    return {t: store.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("task_progress", "audit")}


def test_rows_are_written_read_back_and_audited(panjin_county):
    store, plan, home, _ = panjin_county
    rows = [row(), row("T04", status=TaskStatus.DONE, progress="制度已印发",
                       done_on=dt.date(2020, 8, 1))]
    changes = write_progress(store, plan, rows, TODAY)
    assert changes.tables == {"task_progress", "audit"}
    assert changes.units == {"211122"} and changes.periods == {Q3}
    assert task_progress(store, Q3) == rows
    audited = trail(store, "task_progress")
    assert [(a["row_key"], a["action"], a["new"]) for a in audited] == [
        ("211122/2020Q3/T01", "insert", {"status": "in-progress", "progress": "推进中",
                                         "done_on": None}),
        ("211122/2020Q3/T04", "insert", {"status": "done", "progress": "制度已印发",
                                         "done_on": "2020-08-01"})]


def test_a_changed_row_is_updated_with_its_old_value_and_an_unchanged_one_left_alone(
        panjin_county):
    store, plan, _, _ = panjin_county
    write_progress(store, plan, [row(), row("T02")], TODAY)
    changes = write_progress(store, plan, [row(progress="已完成80%"), row("T02")], TODAY)
    assert changes.units == {"211122"}
    last = trail(store, "task_progress")[-1]
    assert (last["action"], last["old"]["progress"], last["new"]["progress"]) == (
        "update", "推进中", "已完成80%")
    assert len(trail(store, "task_progress")) == 3
    assert not write_progress(store, plan, [row(progress="已完成80%")], TODAY)


def test_a_township_keeps_rows_of_its_own_apart_from_the_office(panjin_county):
    store, plan, home, units = panjin_county
    write_progress(store, plan, [row(), row(unit="211122100", status=TaskStatus.LATE)], TODAY)
    assert [r.status for r in task_progress(store, Q3, [units[0].id])] == [TaskStatus.LATE]
    assert [r.status for r in task_progress(store, Q3, [home.id])] == [TaskStatus.IN_PROGRESS]


@pytest.mark.parametrize("bad,words", [
    (row("T99"), "任务代码“T99”不存在"),
    (row(unit="999"), "单位代码“999”不存在"),
    (row(period=Period.parse("2021Q1")), "不在方案年限"),
    (row(status=TaskStatus.DONE), "须填写完成日期"),
    (row(done_on=dt.date(2020, 8, 1)), "只有已完成的任务"),
    (row(status=TaskStatus.DONE, done_on=dt.date(2020, 12, 1)), "晚于今天"),
    (row(status=TaskStatus.DONE, done_on=dt.date(2020, 10, 8)), "截止日"),
])
def test_a_batch_with_one_bad_row_is_refused_whole_naming_it_and_nothing_changes(
        panjin_county, bad, words):
    store, plan, _, _ = panjin_county
    write_progress(store, plan, [row("T03")], TODAY)
    before = snapshot(store)
    with pytest.raises(InputError) as caught:
        write_progress(store, plan, [row("T02"), bad], TODAY)
    assert words in str(caught.value)
    assert f"{bad.unit_code}/{bad.period}/{bad.task}" in str(caught.value)
    assert snapshot(store) == before


def test_every_bad_row_of_a_batch_is_named(panjin_county):
    store, plan, _, _ = panjin_county
    with pytest.raises(InputError) as caught:
        write_progress(store, plan, [row("T98"), row("T99")], TODAY)
    assert len(caught.value.problems) == 2


def test_a_row_for_a_retired_unit_is_refused(panjin_county):
    from qdesk.store.units import retire_unit

    store, plan, _, units = panjin_county
    retire_unit(store, units[0].code, dt.date(2020, 1, 1))
    with pytest.raises(InputError):
        write_progress(store, plan, [row(unit=units[0].code)], TODAY)


def test_a_locked_period_is_refused_as_entries_are(panjin_county):
    store, plan, _, _ = panjin_county
    lock_period(store, Q3)
    before = snapshot(store)
    with pytest.raises(LockedPeriodError, match="已锁定"):
        write_progress(store, plan, [row()], TODAY)
    assert snapshot(store) == before


def test_the_schema_itself_refuses_a_done_row_without_its_day(panjin_county):
    store, _, home, _ = panjin_county
    with pytest.raises(sqlite3.IntegrityError):
        store.execute("INSERT INTO task_progress (task_id, unit_id, period, status, updated_by,"
                      " updated_at) VALUES (1, ?, '2020Q3', 'done', 'x', 'y')", [home.id])


def test_done_days_are_the_earliest_recorded_on_or_before_the_day(panjin_county):
    store, plan, home, units = panjin_county
    done = TaskStatus.DONE
    write_progress(store, plan, [
        row("T01", period=Period.parse("2020Q2"), status=done, done_on=dt.date(2020, 5, 4)),
        row("T01", status=done, done_on=dt.date(2020, 7, 9)),
        row("T02", status=done, done_on=dt.date(2020, 9, 30)),
        row("T03"),
        row("T01", unit=units[0].code, status=done, done_on=dt.date(2020, 8, 1))], TODAY)
    assert done_days(store, [home.id, units[0].id], dt.date(2020, 12, 31)) == {
        home.id: {"T01": dt.date(2020, 5, 4), "T02": dt.date(2020, 9, 30)},
        units[0].id: {"T01": dt.date(2020, 8, 1)}}
    assert done_days(store, [home.id], dt.date(2020, 9, 29)) == {
        home.id: {"T01": dt.date(2020, 5, 4)}}
    assert done_days(store, [units[1].id], dt.date(2020, 12, 31)) == {}


def test_a_plan_update_adds_and_edits_tasks_audited(panjin_county):
    store, plan, _, _ = panjin_county
    edited = dataclasses.replace(plan.tasks[0], text="新的任务内容")
    added = dataclasses.replace(plan.tasks[0], code="T18", text="新增任务")
    new = dataclasses.replace(plan, tasks=(edited, *plan.tasks[1:], added))
    update_plan(store, new, template_text(new))
    from qdesk.store.plans import load_plan

    assert load_plan(store).tasks == new.tasks
    audited = [(a["row_key"], a["action"]) for a in trail(store, "tasks")]
    assert audited == [("T18", "insert"), ("T01", "update")]


def test_a_plan_update_removing_a_task_with_progress_is_refused_and_without_is_done(
        panjin_county):
    store, plan, _, _ = panjin_county
    write_progress(store, plan, [row("T01")], TODAY)
    without_first = dataclasses.replace(plan, tasks=plan.tasks[1:])
    with pytest.raises(InputError, match="任务T01已有进展记录，不能删除"):
        check_plan_update(store, without_first)
    without_second = dataclasses.replace(plan, tasks=(plan.tasks[0], *plan.tasks[2:]))
    update_plan(store, without_second, template_text(without_second))
    assert [(a["row_key"], a["action"]) for a in trail(store, "tasks")] == [("T02", "delete")]
    assert task_progress(store, Q3)[0].task == "T01"
