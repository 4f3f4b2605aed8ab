"""Writing a Plan as template text: TOML basic strings, and every shipped plan round-trips."""

import tomllib

import pytest
from hypothesis import given, strategies as st

from qdesk.plans.library import shipped_templates
from qdesk.plans.template import load_template, parse_template
from qdesk.plans.template_writer import template_text, toml_string


@given(st.text())
def test_a_toml_string_reads_back_as_the_text_it_holds(text):
    assert tomllib.loads(f"key = {toml_string(text)}")["key"] == text


def test_quotes_backslashes_and_control_characters_are_escaped():
    assert toml_string('他说"好"\\\n\x01') == '"他说\\"好\\"\\\\\\n\\u0001"'


@pytest.mark.parametrize("path", shipped_templates(), ids=lambda p: p.stem)
def test_a_shipped_plan_written_out_loads_to_the_same_plan(path):
    plan = load_template(path)
    assert parse_template(template_text(plan).encode("utf-8"), "written") == plan


def test_fields_as_typed_are_written_as_they_are_so_the_loader_judges_them():
    from qdesk.core.errors import TemplateError
    from qdesk.plans.template_writer import render_template

    text = render_template(
        {"id": "x", "title": "方案", "start_year": "二〇二六", "end_year": 2027},
        [{"report": "annual", "month": 12, "day": 10, "months_after": None}],
        [{"code": "A01", "name": "n", "category": "c", "kind": "count", "frequency": "annual",
          "target": ">= 1", "targets": {"20x6": ">= 2"}, "over_units": "sum",
          "over_time": "sum"}])
    assert 'start_year = "二〇二六"' in text and "months_after" not in text
    with pytest.raises(TemplateError) as refused:
        parse_template(text.encode("utf-8"), "typed")
    fields = {p.field for p in refused.value.problems}
    assert fields == {"plan.start_year", "indicator.targets.20x6"}
