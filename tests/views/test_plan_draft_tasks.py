"""The plan editor's tasks as typed: added, edited, moved and removed, judged as `template check` judges them."""

import pytest

from qdesk.core.errors import InputError
from qdesk.plans.library import load_shipped
from qdesk.views.plan_draft import PlanDraft


@pytest.fixture
def draft():
    return PlanDraft(load_shipped("panjin-2014"), {}, tasks_with_progress={"T01"})


def test_a_task_added_takes_the_category_and_lead_above_and_is_saved_with_the_plan(draft):
    row = draft.add_task(after=0)
    assert draft.tasks[row].fields["category"] == "加强宏观质量管理"
    assert draft.problems_at(("task", row, "code"))
    draft.set_task(row, "code", "T18")
    draft.set_task(row, "text", "新增一项任务")
    draft.set_task(row, "deadline", "2020-12-31")
    assert draft.checked.ok and draft.has_changes()
    assert [t.code for t in draft.checked.plan.tasks][:3] == ["T01", "T18", "T02"]
    assert draft.checked.changes.tasks_added == ("T18",)


def test_a_bad_deadline_or_a_duplicate_code_is_placed_on_its_cell(draft):
    draft.set_task(3, "deadline", "2015-02-30")
    assert "不是日期" in draft.problems_at(("task", 3, "deadline"))[0].render()
    draft.set_task(3, "deadline", "")
    draft.set_task(4, "code", "T02")
    assert "重复" in draft.problems_at(("task", 4, "code"))[0].render()


def test_a_task_with_progress_is_kept_with_its_code_and_others_may_go(draft):
    with pytest.raises(InputError, match="已有进展记录"):
        draft.remove_task(0)
    with pytest.raises(InputError):
        draft.set_task(0, "code", "X01")
    draft.remove_task(1)
    assert draft.checked.changes.tasks_removed == ("T02",)
    assert draft.move_task(0, 1) == 1 and draft.checked.changes.tasks_reordered
