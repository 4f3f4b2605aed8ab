"""New template files: the commented skeleton and the copy of a shipped plan."""

import re
from dataclasses import replace

import pytest

from qdesk.core.errors import InputError, TemplateError
from qdesk.plans.library import load_shipped
from qdesk.plans.new_template import BLANK, copy_of, new_plan_id, skeleton
from qdesk.plans.template import (DEADLINE_KEYS, INDICATOR_KEYS, PLAN_KEYS, TASK_KEYS, TOP_KEYS,
                                  parse_template)

FILLED = {"title": '"某县质量强县方案"', "start_year": "2026", "end_year": "2030",
          "code": None, "name": '"指标"', "category": '"产品质量"', "numerator": '"合格批次"',
          "denominator": '"抽查批次"', "target": '">= 90"'}


def fill(text):
    """Each blank filled as a clerk would; indicator codes numbered P01, P02."""
    codes = iter(["P01", "P02"])

    def value(match):
        key = match[1]
        return f'{key} = {FILLED[key] or chr(34) + next(codes) + chr(34)}'
    return re.sub(r'^(\w+) = (?:""|0)(?=\s+#.*' + BLANK + ")", value, text, flags=re.M)


def test_the_skeleton_fails_the_check_at_every_blank():
    with pytest.raises(TemplateError) as refused:
        parse_template(skeleton("mycounty-2026").encode("utf-8"), "new.toml")
    fields = {p.field for p in refused.value.problems}
    assert {"plan.title", "plan.start_year", "indicator.code", "indicator.target"} <= fields
    assert all(p.line for p in refused.value.problems)


def test_the_skeleton_filled_in_passes_the_check():
    plan = parse_template(fill(skeleton("mycounty-2026")).encode("utf-8"), "new.toml")
    assert plan.id == "mycounty-2026" and [i.code for i in plan.indicators] == ["P01", "P02"]
    assert len(plan.deadlines) == 3


def test_the_skeleton_names_every_key_with_a_chinese_comment():
    text = skeleton()
    for key in (TOP_KEYS - {"plan", "deadline", "indicator", "task", "assessment", "check"} | PLAN_KEYS
                | DEADLINE_KEYS | INDICATOR_KEYS | TASK_KEYS):
        line = next(line for line in text.splitlines()
                    if re.match(rf"#?\s*{key} = ", line))
        assert re.search(r"#.*[\u4e00-\u9fff]", line.split("=", 1)[1]), key


def test_a_copy_of_a_shipped_plan_passes_under_its_new_id_with_its_comments():
    text = copy_of("bingtuan-2016", "shihezi-2016")
    plan = parse_template(text.encode("utf-8"), "copy.toml")
    assert plan.id == "shihezi-2016"
    assert replace(plan, id="bingtuan-2016") == load_shipped("bingtuan-2016")
    assert "新兵发〔2016〕16号" in text.splitlines()[1]


def test_a_bad_new_id_is_refused():
    with pytest.raises(InputError, match="只能包含"):
        copy_of("bingtuan-2016", "石河子")
    with pytest.raises(InputError, match="找不到模板"):
        copy_of("no-such-plan", "x")


@pytest.mark.parametrize("out,source,expected", [
    ("shihezi-2016.toml", None, "shihezi-2016"),
    ("我的方案.toml", None, ""),
    ("我的方案.toml", "bingtuan-2016", "bingtuan-2016-copy"),
    ("bingtuan-2016.toml", "bingtuan-2016", "bingtuan-2016-copy"),
])
def test_the_new_id_comes_from_the_file_name_when_it_can(out, source, expected):
    assert new_plan_id(out, source) == expected
