"""[assessment] in a template: read into a Scheme, written back, and refused with line and field."""

from decimal import Decimal as D

import pytest

from qdesk.core.assessment import DEFAULT_GRADES, Rule, YearMode
from qdesk.core.errors import TemplateError
from qdesk.plans.library import load_shipped
from qdesk.plans.template import parse_template
from qdesk.plans.template_writer import template_text

HEAD = """\
format = "qdesk-plan"
version = 1

[plan]
id = "d"
title = "区方案"
start_year = 2020
end_year = 2022

[[indicator]]
code = "A01"
name = "抽查合格率"
category = "产品质量"
kind = "rate"
numerator = "合格"
denominator = "抽查"
frequency = "quarterly"
target = ">= 90"
over_units = "ratio"
over_time = "ratio"

[[indicator]]
code = "A02"
name = "优质工程"
category = "工程质量"
kind = "count"
frequency = "annual"
target = "3..5"
over_units = "sum"
over_time = "sum"

[[indicator]]
code = "C05"
name = "质量安全事件"
category = "质量安全"
kind = "count"
frequency = "quarterly"
target = "== 0"
over_units = "sum"
over_time = "sum"
"""

SCHEME = """
[assessment]
full_marks = 100
bonus_max = 5

[[assessment.item]]
code = "K01"
name = "抽查合格率"
points = 40
indicator = "A01"
rule = "linear"
floor = 80

[[assessment.item]]
code = "K02"
name = "优质工程"
points = 20
indicator = "A02"

[[assessment.item]]
code = "K03"
name = "责任落实"
points = 40
manual = true

[[assessment.bonus]]
code = "J01"
name = "省长质量奖"
points = 2
max = 4

[[assessment.penalty]]
code = "F01"
name = "通报批评"
points = 2.5

[[assessment.veto]]
indicator = "C05"
"""


def load(text):
    return parse_template(text.encode("utf-8"), "d.toml")


def refused(text):
    with pytest.raises(TemplateError) as caught:
        load(text)
    return caught.value.problems


def line_of(text, needle, after=0):
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, start=1) if n > after and needle in line)


def test_a_scheme_is_read_with_default_bands_and_veto():
    plan = load(HEAD + SCHEME)
    s = plan.assessment
    assert s.year is YearMode.CALENDAR and s.decimals == 1 and s.grades == DEFAULT_GRADES
    assert [i.rule for i in s.items] == [Rule.LINEAR, Rule.MET, Rule.MANUAL]
    assert s.items[0].floor == 80 and s.penalties[0].points == D("2.5")
    assert s.vetoes[0].grade == "D" and s.vetoes[0].reason == "发生区域性、系统性质量安全事件"


def test_a_plan_without_assessment_has_none():
    assert load(HEAD).assessment is None


def test_the_scheme_is_written_back_by_plan_export():
    plan = load(HEAD + SCHEME)
    assert load(template_text(plan)) == plan


def test_the_shipped_panjin_plan_has_a_scheme_of_100_points_with_default_bands():
    s = load_shipped("panjin-2014").assessment
    assert sum(i.points for i in s.items) == s.full_marks == 100
    assert s.grades == DEFAULT_GRADES
    assert {i.rule for i in s.items} == {Rule.MET, Rule.LINEAR, Rule.DEDUCT, Rule.MANUAL}


def swap(old, new):
    assert old in SCHEME
    return HEAD + SCHEME.replace(old, new, 1)


def test_points_that_do_not_add_up_to_full_marks_are_refused_at_full_marks():
    text = swap("points = 40\nmanual", "points = 30\nmanual")
    [p] = refused(text)
    assert p.field == "assessment.full_marks" and p.line == line_of(text, "full_marks")
    assert "合计90分" in p.render()


def test_an_item_naming_an_unknown_indicator_is_refused_with_its_line():
    text = swap('indicator = "A02"', 'indicator = "Z99"')
    [p] = refused(text)
    assert p.field == "assessment.item.indicator" and p.line == line_of(text, '"Z99"')
    assert "Z99" in p.render()


def test_an_item_naming_tasks_the_plan_does_not_have_is_refused():
    text = swap('indicator = "A02"', 'tasks = ["T01"]')
    [p] = refused(text)
    assert p.field == "assessment.item.tasks" and "T01" in p.render()


def test_linear_without_floor_is_refused():
    text = swap("floor = 80\n", "")
    [p] = refused(text)
    assert p.field == "assessment.item.floor" and "缺少" in p.render()


def test_linear_on_a_target_that_is_not_a_bound_is_refused():
    text = swap('indicator = "A02"', 'indicator = "A02"\nrule = "linear"\nfloor = 1')
    [p] = refused(text)
    assert p.field == "assessment.item.rule" and "界限" in p.render()


def test_linear_with_its_floor_on_the_wrong_side_is_refused():
    [p] = refused(swap("floor = 80", "floor = 95"))
    assert p.field == "assessment.item.floor"


@pytest.mark.parametrize("missing", ["per", "step"])
def test_deduct_without_per_or_step_is_refused(missing):
    rule = 'rule = "deduct"\nper = 2\nstep = 1'.replace(f"\n{missing} = " + ("2" if missing == "per" else "1"), "")
    text = swap('rule = "linear"\nfloor = 80', rule)
    [p] = refused(text)
    assert p.field == f"assessment.item.{missing}"


@pytest.mark.parametrize("grades,words", [
    ('[{ grade = "A", min = 90 }, { grade = "B", min = 90 }, { grade = "D", min = 0 }]', "重叠"),
    ('[{ grade = "A", min = 80 }, { grade = "B", min = 90 }, { grade = "D", min = 0 }]', "重叠"),
    ('[{ grade = "A", min = 90 }, { grade = "B", min = 60 }]', "空缺"),
    ('[{ grade = "A", min = 90 }, { grade = "A", min = 0 }]', "重复"),
])
def test_grade_bands_that_overlap_leave_a_gap_or_repeat_are_refused(grades, words):
    text = swap("bonus_max = 5", f"bonus_max = 5\ngrades = {grades}")
    problems = refused(text)
    assert any(words in p.render() and p.field == "assessment.grades"
               and p.line == line_of(text, "grades =") for p in problems)


def test_a_veto_to_a_grade_not_in_the_bands_is_refused():
    [p] = refused(swap('indicator = "C05"', 'indicator = "C05"\ngrade = "E"'))
    assert p.field == "assessment.veto.grade"


@pytest.mark.parametrize("table,key", [("[assessment]", "assessment.colour"),
                                       ("[[assessment.bonus]]", "assessment.bonus.colour")])
def test_unknown_keys_are_refused(table, key):
    text = swap(table, f'{table}\ncolour = "red"')
    [p] = refused(text)
    assert p.field == key and p.line == line_of(text, "colour")


def test_an_annual_indicator_cannot_be_scored_on_a_july_year():
    text = swap("full_marks = 100", 'year = "july"\nfull_marks = 100')
    [p] = refused(text)
    assert p.field == "assessment.item.indicator" and "A02" in p.render()


def test_an_item_with_two_sources_is_refused():
    [p] = refused(swap("manual = true", 'manual = true\nindicator = "A01"'))
    assert "只能写" in p.render()
