"""The template's `warn`, `warn_points` and [[check]] rules: read, defaulted, refused with a line."""

from decimal import Decimal

import pytest

from qdesk.core.errors import TemplateError
from qdesk.core.plan import DEFAULT_WARN, DEFAULT_WARN_POINTS, Check, CheckOp, WarnRules
from qdesk.plans.template import parse_template
from qdesk.plans.template_writer import template_text
from tests.plausible import TEMPLATE


def problems(text):
    with pytest.raises(TemplateError) as refused:
        parse_template(text.encode(), "t.toml")
    return [(p.line, p.field, p.message.render("zh")) for p in refused.value.problems]


def test_the_margins_and_checks_are_read_with_the_indicators_own():
    rules = parse_template(TEMPLATE.replace("warn = 20", "warn = 25.5").encode(), "t").warn_rules
    assert rules.warn == Decimal("25.5") and rules.warn_points == Decimal(10)
    assert rules.margin("A03") == 50 and rules.margin("A02") == Decimal("25.5")
    assert rules.checks == (Check("A03", CheckOp.LE, "A02",
                                  "质量投诉是投诉的一部分，不应多于投诉总数"),)


def test_a_plan_without_them_takes_the_defaults_of_20_percent_and_10_points():
    text = TEMPLATE.replace("warn = 20\n", "").replace("warn_points = 10\n", "")
    text = text.replace("warn = 50\n", "").split("[[check]]")[0]
    rules = parse_template(text.encode(), "t").warn_rules
    assert rules == WarnRules() and (rules.warn, rules.warn_points) == (DEFAULT_WARN,
                                                                     DEFAULT_WARN_POINTS)


def test_a_check_naming_an_unknown_code_or_op_is_refused_with_its_line():
    text = TEMPLATE.replace('right = "A02"', 'right = "A99"').replace('op = "<="', 'op = "=<"')
    found = problems(text)
    lines = TEMPLATE.splitlines()
    assert (lines.index('right = "A02"') + 1, "check.right",
            "“right”的取值“A99”不是本方案的指标代码") in found
    assert any(field == "check.op" and "<= | < | >= | > | ==" in text_ and line
               == lines.index('op = "<="') + 1 for line, field, text_ in found)


def test_a_check_of_one_indicator_with_itself_or_of_two_frequencies_is_refused():
    assert any("均为A03" in m for _, _, m in problems(TEMPLATE.replace('right = "A02"',
                                                                      'right = "A03"')))
    other = TEMPLATE.replace('unit = "件"\nfrequency = "quarterly"',
                             'unit = "件"\nfrequency = "annual"', 1)
    assert any("填报频次不同" in m for _, _, m in problems(other))


def test_a_check_with_an_unknown_key_or_without_op_is_refused():
    found = problems(TEMPLATE.replace('op = "<="', 'sign = "<="'))
    assert {f for _, f, _ in found} >= {"check.sign", "check.op"}


def test_a_margin_that_is_no_number_or_on_the_wrong_kind_is_refused():
    assert problems(TEMPLATE.replace("warn = 20", 'warn = "20%"'))[0][1:] == (
        "plan.warn", "“warn”应为0至1000之间的数")
    assert problems(TEMPLATE.replace("warn = 20", "warn = -1"))[0][1] == "plan.warn"
    rate = TEMPLATE.replace('frequency = "quarterly"\ntarget = ">= 90"',
                            'frequency = "quarterly"\ntarget = ">= 90"\nwarn = 5', 1)
    assert "warn_points" in problems(rate)[0][2]
    count = TEMPLATE.replace("warn = 50", "warn_points = 5")
    assert problems(count)[0][1] == "indicator.warn_points"


def test_a_plan_written_back_as_a_template_keeps_its_rules():
    plan = parse_template(TEMPLATE.replace("warn_points = 10", "warn_points = 7").encode(), "t")
    again = parse_template(template_text(plan).encode(), "again")
    assert again.warn_rules == plan.warn_rules and again.warn_rules.warn_points == 7
