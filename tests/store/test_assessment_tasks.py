"""A `tasks` item of the assessment scored from the task ledger: each task an equal share, done
by its deadline full, done late half, else nothing — and checked against the plan's [[task]]s."""

import datetime as dt
from decimal import Decimal

import pytest

from qdesk.core.errors import TemplateError
from qdesk.core.periods import Period
from qdesk.core.tasks import TaskProgress, TaskStatus
from qdesk.databases import create_database
from qdesk.plans.template import parse_template
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan
from qdesk.store.tasks import write_progress
from qdesk.store.units import add_subordinate
from qdesk.views.assessment_table import assessment_table
from tests.plans.test_scheme import HEAD

TASKS = """
[[task]]
code = "T01"
text = "开展质量月活动"
category = "质量提升"
deadline = 2020-09-30

[[task]]
code = "T02"
text = "建立质量状况分析制度"
category = "质量提升"
deadline = 2020-06-30

[[task]]
code = "T03"
text = "开展企业首席质量官培训"
category = "质量基础"
"""

SCHEME = """
[assessment]
full_marks = 100

[[assessment.item]]
code = "K01"
name = "重点工作任务完成情况"
points = 30
tasks = ["T01", "T02", "T03"]

[[assessment.item]]
code = "K02"
name = "责任落实"
points = 70
manual = true
"""


@pytest.fixture
def store(tmp_path):
    template = tmp_path / "d.toml"
    template.write_text(HEAD + TASKS + SCHEME, encoding="utf-8")
    path = tmp_path / "d.qdesk"
    create_database(path, template, "211102", "双台子区")
    with open_store(path) as opened:
        for code in ("Z1", "Z2"):
            add_subordinate(opened, code, f"{code}镇", "township")
        yield opened


def done(task, unit, day):
    period = Period.parse(f"{day.year}Q{(day.month - 1) // 3 + 1}")
    return TaskProgress(task, unit, period, TaskStatus.DONE, "已完成", day)


def test_tasks_done_on_time_score_full_late_half_and_not_done_nothing(store):
    plan = load_plan(store)
    write_progress(store, plan, [done("T01", "Z1", dt.date(2020, 9, 1)),      # on time
                                 done("T02", "Z1", dt.date(2020, 8, 15)),     # late: half
                                 done("T03", "Z2", dt.date(2020, 12, 20))],   # by the year's end
                   dt.date(2021, 1, 5))
    table = assessment_table(store, 2020, today=dt.date(2021, 1, 5))
    first, second = (table.score(code).items[0] for code in ("Z1", "Z2"))
    assert first.earned == Decimal(15)           # 30/3 + 30/3 × ½, exactly
    assert second.earned == Decimal(10)


def test_a_task_done_after_the_assessment_year_does_not_count(store):
    plan = load_plan(store)
    write_progress(store, plan, [done("T03", "Z1", dt.date(2021, 1, 3))], dt.date(2021, 1, 5))
    assert assessment_table(store, 2020, today=dt.date(2021, 1, 5)).score(
        "Z1").items[0].earned == 0


def test_a_tasks_item_naming_a_task_the_plan_lacks_is_refused_with_its_line():
    text = HEAD + TASKS + SCHEME.replace('"T03"]', '"T09"]')
    with pytest.raises(TemplateError, match="任务“T09”不存在") as refused:
        parse_template(text.encode("utf-8"), "d.toml")
    assert refused.value.problems[0].line == (HEAD + TASKS + SCHEME).splitlines().index(
        'tasks = ["T01", "T02", "T03"]') + 1
