"""A new version of the plan put in the database's place: figures kept, refusals, the audit trail."""

from dataclasses import replace

import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.core.targets import Target
from qdesk.plans.library import load_shipped
from qdesk.plans.template_writer import template_text
from qdesk.store.audit import changes as recorded_changes, trail
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import (check_plan_update, load_plan, save_plan, set_unit_target,
                               stored_template, unit_targets, update_plan)
from qdesk.store.units import add_home_unit, add_subordinate
from qdesk.views.change_history import record_label, table_label


@pytest.fixture
def county(tmp_path):
    store = open_store(tmp_path / "c.qdesk", create=True)
    plan = load_shipped("bingtuan-2016")
    save_plan(store, plan, template_text(plan))
    home = add_home_unit(store, "659001", "石河子市")
    set_entries(store, plan, home, Period.parse("2017Q1"), [EntryInput("P01", "90", "100")])
    yield store, plan, home
    store.close()


def figures(store):
    return store.query("SELECT e.unit_id, e.period, i.code, e.numerator, e.denominator, e.value"
                       " FROM entries e JOIN indicators i ON i.id = e.indicator_id ORDER BY 1, 2, 3")


def test_an_update_keeps_every_figure_and_is_read_back(county):
    store, plan, _ = county
    before = list(figures(store))
    p01 = replace(plan.indicators[0], target=Target.parse(">= 92"), name="新名称")
    new = replace(plan, indicators=(p01, *plan.indicators[1:],
                                    replace(plan.indicators[1], code="P99")), end_year=2020)
    changed = update_plan(store, new, template_text(new))
    assert changed.touches(["plans", "indicators", "targets", "deadlines"])
    assert load_plan(store) == new and list(figures(store)) == before
    assert stored_template(store) == template_text(new)


def test_the_audit_trail_names_the_plan_and_each_indicator(county):
    store, plan, _ = county
    new = replace(plan, title="新标题", indicators=(
        replace(plan.indicators[0], decimals=2), *plan.indicators[1:-1]))
    update_plan(store, new, template_text(new))
    rows = {(r["table_name"], r["row_key"], r["action"]): r for r in trail(store)
            if r["table_name"] in ("plans", "indicators")}
    assert rows[("plans", plan.id, "update")]["new"] == {"title": "新标题"}
    assert rows[("indicators", "P01", "update")]["old"] == {"decimals": 1}
    assert ("indicators", plan.indicators[-1].code, "delete") in rows
    assert table_label("indicators") == "指标" and table_label("plans") == "方案"
    deadline_change = replace(new, deadlines=new.deadlines[:2])
    update_plan(store, deadline_change, template_text(deadline_change))
    [removed] = recorded_changes(store, table="deadlines")
    assert record_label(removed) == "全年工作总结" and removed.action == "delete"


def test_removing_an_indicator_removes_the_units_own_targets_for_it_on_record(county):
    store, plan, _ = county
    town = add_subordinate(store, "659001001", "某镇", "township")
    set_unit_target(store, town.id, town.code, plan.indicators[-1].code, "== 1")
    new = replace(plan, indicators=plan.indicators[:-1])
    update_plan(store, new, template_text(new))
    assert unit_targets(store, town.id) == {}
    assert [r["action"] for r in trail(store, "targets")] == ["insert", "delete"]


def test_an_unchanged_plan_writes_nothing(county):
    store, plan, _ = county
    before = len(trail(store))
    assert not update_plan(store, plan, "anything")
    assert len(trail(store)) == before and stored_template(store) == template_text(plan)


@pytest.mark.parametrize("edit,words", [
    (lambda p: replace(p, id="other-2016"), "other-2016"),
    (lambda p: replace(p, indicators=p.indicators[1:]), "不能删除"),
    (lambda p: replace(p, indicators=(replace(p.indicators[0], unit="‰"), *p.indicators[1:])),
     "计量单位"),
    (lambda p: replace(p, start_year=2018), "2017—2017"),
])
def test_a_refused_update_changes_nothing(county, edit, words):
    store, plan, _ = county
    before = (list(figures(store)), trail(store), stored_template(store))
    with pytest.raises(InputError) as refused:
        update_plan(store, edit(plan), "x")
    assert words in refused.value.render("zh")
    assert (list(figures(store)), trail(store), stored_template(store)) == before
    assert load_plan(store) == plan


def test_check_plan_update_says_what_would_change_and_writes_nothing(county):
    store, plan, _ = county
    new = replace(plan, end_year=2019)
    assert check_plan_update(store, new).head == {"end_year": (2018, 2019)}
    assert load_plan(store) == plan
