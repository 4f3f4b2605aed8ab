"""The plan editor's draft: fields as typed, judged by the template loader, held by figures."""

import pytest

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError
from qdesk.core.plan import Kind
from qdesk.core.targets import Target
from qdesk.plans.library import find_template
from qdesk.plans.template import load_template
from qdesk.plans.template_writer import template_text
from qdesk.views.plan_draft import PlanDraft

PLANS = ("panjin-2014", "bingtuan-2016", "xinjiang-2018")


def row_of(draft, code):
    return next(n for n, row in enumerate(draft.indicators) if row.fields["code"] == code)


@pytest.mark.parametrize("plan_id", PLANS)
def test_an_untouched_draft_reads_back_to_the_same_plan_and_has_no_changes(plan_id):
    plan = load_template(find_template(plan_id))
    draft = PlanDraft(plan, {})
    assert draft.checked.ok and draft.checked.plan == plan
    assert not draft.has_changes() and not draft.checked.changes


def test_targets_stand_in_the_notation_clerks_type_and_show_in_the_one_notation():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    p01 = row_of(draft, "P01")
    assert draft.indicators[p01].fields["target"] == "＞30%"
    assert draft.indicators[p01].targets == {2015: "＞30%"}
    draft.set_field(p01, "target", "不低于35%")
    assert draft.target_label(p01) == "≥35%"
    assert draft.checked.plan.indicator("P01").target == Target.parse(">= 35")


def test_a_target_that_does_not_parse_is_placed_at_its_cell_and_nothing_can_be_saved():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    p02 = row_of(draft, "P02")
    draft.set_field(p02, "target", "九成")
    assert not draft.checked.ok and draft.checked.plan is None
    [problem] = draft.problems_at(("indicator", p02, "target"))
    assert "九成" in problem.render()
    assert draft.target_label(p02) == "九成"
    assert set(draft.checked.problems) == {("indicator", p02, "target")}


def test_every_field_the_loader_refuses_is_placed_where_it_was_typed():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    draft.set_head("end_year", "20x0")
    draft.set_field(1, "decimals", "7")
    draft.set_year_target(0, 2015, "多一些")
    draft.set_deadline(ReportKind.QUARTERLY, {"months_after": "1", "day": "40"})
    places = set(draft.checked.problems)
    assert places == {("plan", 0, "end_year"), ("indicator", 1, "decimals"),
                      ("indicator", 0, "targets.2015"), ("deadline", 0, "day")}


def test_a_new_indicator_is_missing_what_the_clerk_must_give_and_passes_once_given():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    row = draft.add(2)
    assert row == 3 and draft.indicators[row].fields["category"] == "产品质量"
    assert {key for (_, at, key) in draft.checked.problems if at == row} == {
        "code", "name", "target"}
    for key, text in (("code", "P09"), ("name", "新增指标"), ("target", "3～5家"),
                      ("unit", "家")):
        draft.set_field(row, key, text)
    assert draft.checked.ok
    new = draft.checked.plan.indicator("P09")
    assert new.target == Target.parse(">= 3 ~ 5") and draft.target_label(row) == "≥3家（争取5家）"
    assert draft.checked.changes.added == ("P09",)


def test_a_kind_changed_takes_roll_up_rules_that_fit_it():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    b01 = row_of(draft, "B01")          # a count: sum over units, last over time
    draft.set_field(b01, "kind", "rate")
    fields = draft.indicators[b01].fields
    assert (fields["over_units"], fields["over_time"]) == ("ratio", "last")
    assert {key for (_, at, key) in draft.checked.problems if at == b01} == {
        "numerator", "denominator"}
    draft.set_field(b01, "kind", "count")
    assert draft.checked.ok and draft.checked.plan.indicator("B01").kind is Kind.COUNT


def test_an_indicator_with_figures_keeps_its_code_kind_unit_and_frequency_and_stays():
    plan = load_template(find_template("panjin-2014"))
    draft = PlanDraft(plan, {"P02": (2015, 2016)})
    p02 = row_of(draft, "P02")
    for key in ("code", "kind", "unit", "frequency"):
        assert draft.held(p02, key) is not None
        with pytest.raises(InputError):
            draft.set_field(p02, key, "x")
    assert draft.held(p02, "name") is None and draft.held(p02, "target") is None
    with pytest.raises(InputError, match="P02"):
        draft.remove(p02)
    assert draft.held(row_of(draft, "P05"), "kind") is None
    draft.remove(row_of(draft, "P05"))
    assert draft.checked.ok and draft.checked.changes.removed == ("P05",)
    assert draft.checked.plan.assessment == plan.assessment


def test_an_indicator_the_assessment_scores_cannot_be_removed_under_it():
    plan = load_template(find_template("panjin-2014"))
    draft = PlanDraft(plan, {})
    draft.remove(row_of(draft, "P03"))
    assert not draft.checked.ok
    assert "P03" in draft.checked.problems[None][0].render()


def test_a_span_shrunk_over_figures_is_refused_by_what_plan_update_refuses():
    plan = load_template(find_template("panjin-2014"))
    figures = {"P02": (2015, 2016)}
    draft = PlanDraft(plan, figures)
    draft.set_head("end_year", "2015")
    assert draft.checked.plan is not None and not draft.checked.ok
    expected = draft.checked.changes.refusals(figures)
    assert list(draft.checked.refusals) == expected and "2016" in expected[0].render()


def test_moving_an_indicator_reorders_the_plan():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    assert draft.move(0, 1) == 1 and draft.move(1, -1) == 0 and draft.move(0, -1) == 0
    assert draft.checked.changes.reordered is False and not draft.has_changes()
    draft.move(0, 1)
    assert [i.code for i in draft.checked.plan.indicators][:2] == ["P02", "P01"]
    assert draft.checked.changes.reordered


def test_the_plans_id_cannot_change():
    draft = PlanDraft(load_template(find_template("panjin-2014")), {})
    with pytest.raises(InputError):
        draft.set_head("id", "another")


def test_the_draft_written_as_a_template_loads_as_the_plan_it_describes(tmp_path):
    draft = PlanDraft(load_template(find_template("bingtuan-2016")), {})
    draft.set_head("title", "新标题 \"引号\"\n第二行")
    draft.set_deadline(ReportKind.HALF_YEAR, None)
    path = tmp_path / "plan.toml"
    path.write_text(template_text(draft.checked.plan), encoding="utf-8")
    assert load_template(path) == draft.checked.plan
    assert draft.checked.plan.title == "新标题 \"引号\"\n第二行"
    assert [d.report for d in draft.checked.plan.deadlines] == [ReportKind.QUARTERLY,
                                                                ReportKind.ANNUAL]
