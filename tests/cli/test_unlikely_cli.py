"""`qdesk set` weighs a figure as the entry grid does: an unlikely one is written only with --note;
`qdesk template check` names a bad [[check]] rule."""

from qdesk.store.database import open_store
from qdesk.store.entries import entries_of_year
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit
from tests.cli.conftest import run_qdesk
from tests.plausible import COUNTY, TEMPLATE, make_office, write_template


def _office(tmp_path):
    db = make_office(tmp_path)
    for period, value in (("2025Q1", "10"), ("2025Q2", "12"), ("2025Q3", "11"), ("2025Q4", "9")):
        assert run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", period,
                         "--indicator", "A02", "--value", value).code == 0
    return db


def _figures(db, year=2026):
    with open_store(db) as store:
        return [(r["code"], r["value"], r["note"])
                for r in entries_of_year(store, home_unit(store), year)]


def test_the_plans_rules_are_kept_in_the_database_qdesk_init_made(tmp_path):
    with open_store(make_office(tmp_path)) as store:
        rules = load_plan(store).warn_rules
    assert rules.margin("A03") == 50 and len(rules.checks) == 1


def test_an_unlikely_figure_without_a_note_is_refused_with_exit_3_and_nothing_written(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", "2026Q1",
                     "--indicator", "A02", "--value", "30")
    assert done.code == 3
    assert "A02：30件超出近4期数值范围（9件～12件）20%以上" in done.err
    assert "须说明原因" in done.err and "--note" in done.err
    assert _figures(db) == []


def test_an_unlikely_figure_with_a_note_is_written_with_it_and_the_warning_said(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", "2026Q1",
                     "--indicator", "A02", "--value", "30", "--note", "新开通12315热线")
    assert done.code == 0, done.err
    assert "提示：A02：30件超出近4期数值范围" in done.err
    assert _figures(db) == [("A02", "30", "新开通12315热线")]


def test_a_likely_figure_needs_no_note(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", "2026Q1",
                     "--indicator", "A02", "--value", "13")
    assert done.code == 0 and done.err == ""
    assert _figures(db) == [("A02", "13", None)]


def test_a_broken_check_rule_asks_for_a_note_as_well(tmp_path):
    db = make_office(tmp_path)
    assert run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", "2026Q1",
                     "--indicator", "A02", "--value", "5").code == 0
    done = run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", "2026Q1",
                     "--indicator", "A03", "--value", "6")
    assert done.code == 3 and "A03（6件）应不大于A02（5件）" in done.err
    assert _figures(db) == [("A02", "5", None)]
    assert run_qdesk("set", "--db", db, "--unit", COUNTY[0], "--period", "2026Q1",
                     "--indicator", "A03", "--value", "6", "--note", "含转办件").code == 0


def test_template_check_names_an_unknown_code_in_a_check(tmp_path):
    path = write_template(tmp_path)
    path.write_text(TEMPLATE.replace('left = "A03"', 'left = "B03"'), encoding="utf-8")
    done = run_qdesk("template", "check", path)
    assert done.code == 3
    assert "check.left" in done.err and "“left”的取值“B03”不是本方案的指标代码" in done.err
