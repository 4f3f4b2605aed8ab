"""Templates the fuzz tests found mishandled by qdesk/plans/template.py.

Each must be refused with a TemplateError whose message renders (each raised something else).
"""

import pytest

from qdesk.core.errors import TemplateError
from qdesk.plans.library import find_template
from qdesk.plans.template import load_template

def _panjin() -> str:
    return find_template("panjin-2014").read_text("utf-8")


def refusal(tmp_path, text: str) -> str:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(path)
    return info.value.render("zh") + info.value.render("en")


def test_targets_that_are_not_a_table_are_refused_with_a_message_that_renders(tmp_path):
    # "“targets”应写作 { 年份 = 目标 }" is a str.format field: rendering raised KeyError
    text = _panjin().replace('targets = { 2015 = "> 30" }', 'targets = "> 30"', 1)
    assert "targets" in refusal(tmp_path, text)


def test_two_deadlines_without_a_report_are_refused(tmp_path):
    # the second one met `report.value` on None: AttributeError
    text = _panjin().replace('report = "quarterly"\n', "", 1).replace(
        'report = "half-year"\n', "", 1)
    assert "report" in refusal(tmp_path, text)


def test_a_year_key_of_superscript_digits_is_refused(tmp_path):
    # "²".isdigit() is true and int("²") raises ValueError
    text = _panjin().replace('targets = { 2015 = "> 30" }', 'targets = { "²" = "> 30" }', 1)
    assert "²" in refusal(tmp_path, text)


def test_a_template_nested_too_deep_for_tomllib_is_refused(tmp_path):
    # tomllib recurses for each [ and raised RecursionError
    assert refusal(tmp_path, _panjin() + "\nx = " + "[" * 5000 + "]" * 5000 + "\n")


def test_an_integer_too_long_for_python_to_read_is_refused(tmp_path):
    # tomllib's int() of 5000 digits raised ValueError (the 4300-digit limit)
    assert refusal(tmp_path, _panjin().replace("start_year = 2014", "start_year = " + "9" * 5000))
