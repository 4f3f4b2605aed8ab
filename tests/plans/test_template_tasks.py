"""[[task]] in templates: read, refused with line and field, written back by the writer."""

import datetime as dt

import pytest

from qdesk.core.errors import TemplateError
from qdesk.core.tasks import Task
from qdesk.plans.library import load_shipped
from qdesk.plans.template import parse_template
from qdesk.plans.template_writer import template_text

HEAD = """\
format = "qdesk-plan"
version = 1

[plan]
id = "test-2016"
title = "测试方案"
start_year = 2016
end_year = 2018

[[indicator]]
code = "P01"
name = "工程一次验收合格率"
category = "工程质量"
kind = "count"
frequency = "annual"
target = ">= 1"
over_units = "sum"
over_time = "sum"
"""
TASKS = """
[[task]]
code = "T01"
text = "开展食品生产加工企业集中整顿"
category = "保障食品质量安全"
lead = "市场监管局"
deadline = 2016-12-31

[[task]]
code = "T02"
text = "建立质量状况分析报告制度"
category = "加强宏观质量管理"
"""


def load(text):
    return parse_template(text.encode("utf-8"), "plan.toml")


def problems(text):
    with pytest.raises(TemplateError) as caught:
        load(text)
    return [(p.line, p.field, p.render()) for p in caught.value.problems]


def line_of(text, needle, occurrence=1):
    lines = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def test_tasks_are_read_with_their_lead_as_written_and_their_deadline():
    plan = load(HEAD + TASKS)
    assert plan.tasks == (
        Task("T01", "开展食品生产加工企业集中整顿", "保障食品质量安全", "市场监管局",
             dt.date(2016, 12, 31)),
        Task("T02", "建立质量状况分析报告制度", "加强宏观质量管理", None, None))


def test_a_plan_without_tasks_has_none():
    assert load(HEAD).tasks == ()


@pytest.mark.parametrize("edit,needle,occurrence,field,words", [
    (lambda t: t.replace('lead = "市场监管局"', 'leader = "市场监管局"'), "leader", 1, "task.leader",
     "未知字段“leader”"),
    (lambda t: t.replace('code = "T02"', 'code = "T01"'), 'code = "T01"', 2, "task.code",
     "任务代码“T01”重复（首次出现在第"),
    (lambda t: t.replace("deadline = 2016-12-31", 'deadline = "2016-13-01"'), "deadline", 1,
     "task.deadline", "不是日期"),
    (lambda t: t.replace("deadline = 2016-12-31", "deadline = 20161231"), "deadline", 1,
     "task.deadline", "不是日期"),
    (lambda t: t.replace('text = "建立质量状况分析报告制度"\n', ""), '[[task]]', 2, "task.text",
     "缺少字段“text”"),
    (lambda t: t.replace('category = "保障食品质量安全"', 'category = ""'), 'category = ""', 1,
     "task.category", "非空文本"),
    (lambda t: t.replace('code = "T01"', 'code = "T 01"'), 'code = "T 01"', 1, "task.code",
     "只能由字母"),
])
def test_each_bad_task_is_refused_with_its_line_and_field(edit, needle, occurrence, field,
                                                          words):
    text = edit(HEAD + TASKS)
    found = problems(text)
    assert len(found) == 1, found
    line, where, rendered = found[0]
    assert (line, where) == (line_of(text, needle, occurrence), field)
    assert words in rendered and "plan.toml" in rendered


def test_task_written_as_a_table_of_tables_is_refused():
    assert "[[task]]" in problems(HEAD + '\n[task]\ncode = "T01"\n')[0][2]


def test_the_writer_writes_tasks_back_as_the_loader_reads_them():
    plan = load(HEAD + TASKS)
    text = template_text(plan)
    assert "deadline = 2016-12-31\n" in text
    assert load(text) == plan


def test_the_shipped_panjin_plan_carries_its_key_work_as_tasks():
    plan = load_shipped("panjin-2014")
    assert len(plan.tasks) == 17
    assert list(dict.fromkeys(t.category for t in plan.tasks)) == [
        "加强宏观质量管理", "创新质量发展机制", "强化质量监督管理", "夯实质量发展基础"]
    assert plan.task("T07").lead == "市质量强市工作领导小组办公室"
    assert load(template_text(plan)) == plan
