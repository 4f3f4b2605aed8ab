"""Comparing a plan with its new version, and what figures forbid (core.plan_changes)."""

from dataclasses import replace

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Frequency
from qdesk.core.plan import Deadline, Indicator, Kind, OverTime, OverUnits, Plan
from qdesk.core.plan_changes import compare
from qdesk.core.targets import Target


def rate(code, target=">= 90", **changes):
    return replace(Indicator(code, f"{code}合格率", "产品质量", Kind.RATE, "%", 1,
                             Frequency.QUARTERLY, Target.parse(target), OverUnits.RATIO,
                             OverTime.RATIO, {}, "合格批次", "抽查批次"), **changes)


def plan(*indicators, **changes):
    return replace(Plan("county-2026", "某县质量强县方案", 2026, 2030,
                        indicators or (rate("P01"), rate("P02")),
                        (Deadline(ReportKind.QUARTERLY, 5, months_after=1),)), **changes)


def test_the_same_plan_changes_nothing():
    assert not compare(plan(), plan())
    assert compare(plan(), plan()).refusals({"P01": (2026, 2027)}) == []


def test_an_added_indicator_and_a_changed_target_are_named():
    changes = compare(plan(), plan(rate("P01", ">= 92"), rate("P02"), rate("P03")))
    assert changes.added == ("P03",) and changes.removed == ()
    assert changes.changed == {"P01": {"target": (">= 90", ">= 92")}}
    assert not changes.reordered
    assert changes.refusals({"P01": (2026, 2026), "P02": (2026, 2027)}) == []


def test_yearly_targets_decimals_and_names_are_changes_figures_allow():
    new = rate("P01", name="新名称", decimals=2, targets={2027: Target.parse(">= 91")})
    changes = compare(plan(), plan(new, rate("P02")))
    assert changes.changed["P01"] == {"name": ("P01合格率", "新名称"), "decimals": (1, 2),
                                      "targets": (None, "2027: >= 91")}
    assert changes.refusals({"P01": (2026, 2026)}) == []


def test_a_new_order_is_a_change_of_its_own():
    changes = compare(plan(), plan(rate("P02"), rate("P01")))
    assert changes.reordered and not changes.changed and bool(changes)


def test_deadlines_and_the_span_are_compared():
    new = plan(deadlines=(Deadline(ReportKind.QUARTERLY, 10, months_after=1),
                          Deadline(ReportKind.ANNUAL, 10, month=12)), end_year=2032)
    changes = compare(plan(), new)
    assert changes.head == {"end_year": (2030, 2032)}
    assert changes.deadlines == {
        "quarterly": ({"day": 5, "months_after": 1, "month": None},
                      {"day": 10, "months_after": 1, "month": None}),
        "annual": (None, {"day": 10, "months_after": None, "month": 12})}


def test_another_plan_id_is_refused():
    problems = compare(plan(), plan(id="other-2026")).refusals({})
    assert len(problems) == 1 and "other-2026" in problems[0].zh.format(**problems[0].args)


def test_removing_an_indicator_is_refused_only_when_it_has_figures():
    changes = compare(plan(), plan(rate("P01")))
    assert changes.removed == ("P02",)
    assert changes.refusals({"P01": (2026, 2026)}) == []
    [problem] = changes.refusals({"P02": (2026, 2026)})
    assert "P02" in problem.render("zh") and "不能删除" in problem.render("zh")


def test_kind_unit_and_frequency_are_held_by_figures():
    count = rate("P01", kind=Kind.COUNT, unit="项", frequency=Frequency.ANNUAL,
                 numerator=None, denominator=None, over_units=OverUnits.SUM,
                 over_time=OverTime.SUM)
    changes = compare(plan(), plan(count, rate("P02")))
    assert changes.refusals({}) == []
    rendered = [p.render("zh") for p in changes.refusals({"P01": (2026, 2026)})]
    assert len(rendered) == 3
    assert any("类型" in r for r in rendered) and any("计量单位" in r for r in rendered)
    assert any("填报频次" in r for r in rendered)


def test_shrinking_the_span_over_figures_is_refused_and_extending_it_is_not():
    assert compare(plan(), plan(end_year=2035)).refusals({"P01": (2026, 2030)}) == []
    assert compare(plan(), plan(start_year=2027)).refusals({"P01": (2027, 2028)}) == []
    [problem] = compare(plan(), plan(start_year=2027)).refusals({"P01": (2026, 2028)})
    assert "2026—2028" in problem.render("zh")
    assert compare(plan(), plan(end_year=2027)).refusals({"P02": (2026, 2028)})
