"""docs/templates.md stays true: every key the loader knows is in it, and its examples load."""

import re
import tomllib
from pathlib import Path

import pytest

from qdesk.plans.library import load_shipped
from qdesk.plans.template import (DEADLINE_KEYS, INDICATOR_KEYS, PLAN_KEYS, TASK_KEYS,
                                  TOP_KEYS, parse_template)

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
CHINESE, ENGLISH = DOC.split("\n## English\n")


@pytest.mark.parametrize("half", [CHINESE, ENGLISH], ids=["zh", "en"])
def test_every_key_the_loader_knows_is_documented(half):
    missing = [key for key in sorted(TOP_KEYS | PLAN_KEYS | DEADLINE_KEYS | INDICATOR_KEYS
                                                | TASK_KEYS)
               if f"`{key}`" not in half]
    assert missing == []


def test_the_examples_are_toml_and_say_what_the_shipped_plan_says():
    blocks = re.findall(r"```toml\n(.*?)```", CHINESE, flags=re.S)
    for block in blocks:
        tomllib.loads(block)
    head = blocks[0] + '[plan]\nid = "bingtuan-2016"\ntitle = "例"\nstart_year = 2016\n' \
                       'end_year = 2018\n'
    plan = parse_template((head + blocks[1] + blocks[2]).encode("utf-8"), "docs/templates.md")
    shipped = load_shipped("bingtuan-2016")
    assert plan.deadlines == shipped.deadlines
    assert plan.indicators == (shipped.indicator("P01"),)


def test_the_task_example_loads_as_the_shipped_plan_holds_it():
    block = next(b for b in re.findall(r"```toml\n(.*?)```", CHINESE, flags=re.S)
                 if "[[task]]" in b)
    shipped = (ROOT / "forms" / "panjin-2014.toml").read_text(encoding="utf-8")
    plan = parse_template((shipped.split("\n[[task]]")[0] + "\n" + block).encode("utf-8"),
                          "docs/templates.md")
    assert plan.tasks == (load_shipped("panjin-2014").task("T04"),)


def test_the_readme_links_the_templates_document():
    assert "(docs/templates.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("half", [CHINESE, ENGLISH], ids=["zh", "en"])
def test_every_assessment_key_is_documented(half):
    from qdesk.plans.scheme import ASSESSMENT_KEYS, EXTRA_KEYS, ITEM_KEYS, VETO_KEYS

    missing = [key for key in sorted(ASSESSMENT_KEYS | ITEM_KEYS | EXTRA_KEYS | VETO_KEYS)
               if f"`{key}`" not in half]
    assert missing == []


def test_the_assessment_example_scores_the_bingtuan_plan():
    from qdesk.plans.library import find_template

    block = next(b for b in re.findall(r"```toml\n(.*?)```", CHINESE, flags=re.S)
                 if "[assessment]" in b)
    text = find_template("bingtuan-2016").read_text(encoding="utf-8") + "\n" + block
    scheme = parse_template(text.encode("utf-8"), "docs/templates.md").assessment
    assert scheme is not None and sum(i.points for i in scheme.items) == scheme.full_marks
    assert scheme.vetoes[0].indicator == "P06"
