"""Task statuses and the done-day rules of the ledger (core.tasks)."""

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from qdesk.core.errors import InputError
from qdesk.core.numbers import chinese_numeral
from qdesk.core.periods import Period
from qdesk.core.tasks import (STATUS_WORDS, Task, TaskProgress, TaskStatus, check_progress,
                              done_day_problems, is_overdue, parse_day)

Q3 = Period.parse("2020Q3")
TODAY = dt.date(2020, 11, 23)
days = st.dates(dt.date(2018, 1, 1), dt.date(2022, 12, 31))


@pytest.mark.parametrize("status,word", [(TaskStatus.NOT_STARTED, "未启动"),
                                         (TaskStatus.IN_PROGRESS, "推进中"),
                                         (TaskStatus.DONE, "已完成"), (TaskStatus.LATE, "滞后")])
def test_a_status_reads_from_its_chinese_word_or_its_code(status, word):
    assert status.label_zh == word
    assert TaskStatus.parse(word) is status
    assert TaskStatus.parse(f" {status.value} ") is status
    assert word in STATUS_WORDS


@pytest.mark.parametrize("text", ["完成", "DONE", "", "进行中"])
def test_a_status_that_is_not_one_of_the_four_is_refused_naming_the_four(text):
    with pytest.raises(InputError, match="未启动、推进中、已完成、滞后") as caught:
        TaskStatus.parse(text)
    assert caught.value.problems[0].field == "status"


def test_a_done_task_needs_its_day():
    problems = done_day_problems(TaskStatus.DONE, None, Q3, TODAY)
    assert [p.field for p in problems] == ["done_on"]
    assert "须填写完成日期" in problems[0].render()


@pytest.mark.parametrize("status", [s for s in TaskStatus if s is not TaskStatus.DONE])
def test_a_done_day_is_refused_on_a_task_not_done(status):
    problems = done_day_problems(status, dt.date(2020, 8, 1), Q3, TODAY)
    assert "只有已完成的任务" in problems[0].render() and status.label_zh in problems[0].render()


@given(days)
def test_a_done_day_stands_exactly_when_it_is_neither_in_the_future_nor_after_the_period(day):
    problems = done_day_problems(TaskStatus.DONE, day, Q3, TODAY)
    assert (problems == []) == (day <= TODAY and day <= Q3.end)
    if day > TODAY:
        assert "晚于今天" in problems[0].render()
    elif day > Q3.end:
        assert "截止日" in problems[0].render()


@given(days, days)
def test_the_future_is_judged_against_the_today_given(day, today):
    problems = done_day_problems(TaskStatus.DONE, day, Period.parse("2022"), today)
    assert (problems == []) == (day <= today)


@given(st.sampled_from(list(TaskStatus)), st.one_of(st.none(), days))
def test_check_progress_refuses_exactly_what_the_rules_name(status, day):
    row = TaskProgress("T01", "211122", Q3, status, "", day)
    if done_day_problems(status, day, Q3, TODAY):
        with pytest.raises(InputError):
            check_progress(row, TODAY)
    else:
        check_progress(row, TODAY)
        assert (status is TaskStatus.DONE) == (day is not None)


def test_a_day_reads_as_written_and_a_bad_one_is_named():
    for text in (" 2020-08-01 ", "2020-8-1", "2020/8/1", "2020.08.01", "2020年8月1日"):
        assert parse_day(text) == dt.date(2020, 8, 1)
    assert parse_day("") is None
    with pytest.raises(InputError, match="“2020-13-01”不是日期"):
        parse_day("2020-13-01")
    with pytest.raises(InputError, match="不是日期"):
        parse_day("8月1日")


def test_a_task_is_overdue_past_its_deadline_and_not_done_as_the_period_stood():
    task = Task("T01", "建立制度", "加强宏观质量管理", "市质监局", dt.date(2020, 6, 30))
    assert is_overdue(task, TaskStatus.IN_PROGRESS, Q3, TODAY)
    assert is_overdue(task, None, Q3, TODAY)
    assert not is_overdue(task, TaskStatus.DONE, Q3, TODAY)
    # At the end of 2020Q2 the deadline had not passed, nor before it today.
    assert not is_overdue(task, TaskStatus.IN_PROGRESS, Period.parse("2020Q2"), TODAY)
    assert not is_overdue(task, TaskStatus.IN_PROGRESS, Q3, dt.date(2020, 6, 30))
    assert not is_overdue(Task("T02", "x", "y", None, None), None, Q3, TODAY)


@pytest.mark.parametrize("n,text", [(1, "一"), (4, "四"), (10, "十"), (11, "十一"), (20, "二十"),
                                    (23, "二十三")])
def test_heading_numerals_read_as_documents_write_them(n, text):
    assert chinese_numeral(n) == text
