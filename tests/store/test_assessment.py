"""The year's assessment decisions and inputs: audited, returning Changes, the units' own targets."""

import datetime as dt

import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.store import assessment
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan, set_unit_target
from qdesk.store.units import add_subordinate, retire_unit
from qdesk.views.assessment_table import assessment_table
from tests.plans.test_scheme import HEAD, SCHEME


@pytest.fixture
def store(tmp_path):
    template = tmp_path / "d.toml"
    template.write_text(HEAD + SCHEME, encoding="utf-8")
    path = tmp_path / "d.qdesk"
    create_database(path, template, "211102", "双台子区")
    with open_store(path) as opened:
        for code in ("T1", "T2"):
            add_subordinate(opened, code, f"{code}镇", "township")
        add_subordinate(opened, "D1", "区市场监管局", "department")
        yield opened


def test_the_scheme_is_saved_and_loaded_with_the_plan(store):
    assert load_plan(store).assessment.items[0].code == "K01"


def test_member_units_and_units_retired_before_the_year_are_not_assessed(store):
    retire_unit(store, "T2", dt.date(2020, 1, 1))
    assert [u.code for u in assessment.assessed_units(store, 2020)] == ["T1"]
    assert [u.code for u in assessment.assessed_units(store, 2019)] == ["T1", "T2"]


def test_a_manual_score_is_audited_returns_its_changes_and_is_replaced_not_added(store):
    plan = load_plan(store)
    changes = assessment.set_manual_score(store, plan, 2020, "T1", "K03", "30", "资料齐全")
    assert changes.tables == {"assessment_scores", "audit"} and changes.units == {"T1"}
    assessment.set_manual_score(store, plan, 2020, "T1", "K03", "32.5", "补充材料")
    assert assessment.manual_scores(store, 2020)[store.execute(
        "SELECT id FROM units WHERE code = 'T1'").fetchone()[0]]["K03"].points == 32.5
    rows = trail(store, "assessment_scores")
    assert [(r["action"], r["old"], r["new"]["points"]) for r in rows] == [
        ("insert", None, "30"), ("update", {"points": "30", "reason": "资料齐全"}, "32.5")]


def test_a_bonus_entry_keeps_its_document_and_can_be_taken_back_with_a_reason(store):
    plan = load_plan(store)
    assessment.add_entry(store, plan, 2020, "T1", "bonus", "J01", 1, "获奖", "辽政发〔2020〕3号")
    [entry] = assessment.entries_of(store, 2020)
    assert entry.doc_number == "辽政发〔2020〕3号"
    with pytest.raises(InputError):
        assessment.remove_entry(store, entry.id, "")
    assessment.remove_entry(store, entry.id, "录入错误")
    assert assessment.entries_of(store, 2020) == []
    assert [r["action"] for r in trail(store, "assessment_entries")] == ["insert", "delete"]


def test_a_year_outside_the_plan_is_refused(store):
    with pytest.raises(InputError, match="不在方案年限"):
        assessment.set_manual_score(store, load_plan(store), 2030, "T1", "K03", "3", "x")


def test_the_units_own_target_is_the_one_scored_against(store):
    plan = load_plan(store)
    t1 = next(u for u in assessment.assessed_units(store, 2020) if u.code == "T1")
    for q in range(1, 5):
        set_entries(store, plan, t1, Period.parse(f"2020Q{q}"), [EntryInput("A01", "85", "100")])
    assert assessment_table(store, 2020).score("T1").items[0].earned == 20
    set_unit_target(store, t1.id, "T1", "A01", ">= 85")
    scored = assessment_table(store, 2020).score("T1").items[0]
    assert scored.earned == 40 and scored.target == "≥85%"


def test_a_july_year_rolls_up_the_second_half_before_and_the_first_half(tmp_path):
    template = tmp_path / "j.toml"
    scheme = (SCHEME.replace("full_marks = 100", 'year = "july"\nfull_marks = 100')
              .replace('indicator = "A02"', 'manual = true', 1))
    template.write_text(HEAD + scheme, encoding="utf-8")
    path = tmp_path / "j.qdesk"
    create_database(path, template, "211102", "双台子区")
    with open_store(path) as store:
        town = add_subordinate(store, "T1", "东城镇", "township")
        plan = load_plan(store)
        figures = {"2020Q3": ("80", "100"), "2020Q4": ("90", "100"), "2021Q1": ("95", "100"),
                   "2021Q2": ("95", "100"), "2021Q3": ("0", "100")}
        for period, (passed, sampled) in figures.items():
            set_entries(store, plan, town, Period.parse(period), [EntryInput("A01", passed,
                                                                             sampled)])
        item = assessment_table(store, 2021).score("T1").items[0]
    # (80 + 90 + 95 + 95) / 400 = 90%: met, so full points; 2021Q3 is the next year's.
    assert item.figure == "90.0%" and item.earned == 40


def test_a_town_with_nothing_to_count_all_year_loses_no_points_on_the_item(store):
    plan = load_plan(store)
    t1 = next(u for u in assessment.assessed_units(store, 2020) if u.code == "T1")
    for q in range(1, 5):
        set_entries(store, plan, t1, Period.parse(f"2020Q{q}"), [EntryInput("A01", none=True)])
    scored = assessment_table(store, 2020).score("T1").items[0]
    assert (scored.figure, scored.earned, scored.missing) == ("无此项", 40, False)
    assert "本年度无此项，不扣分" in scored.how


def test_a_july_year_of_nothing_to_count_is_nothing_to_count(tmp_path):
    template = tmp_path / "j.toml"
    scheme = (SCHEME.replace("full_marks = 100", 'year = "july"\nfull_marks = 100')
              .replace('indicator = "A02"', 'manual = true', 1))
    template.write_text(HEAD + scheme, encoding="utf-8")
    path = tmp_path / "j.qdesk"
    create_database(path, template, "211102", "双台子区")
    with open_store(path) as store:
        town = add_subordinate(store, "T1", "东城镇", "township")
        plan = load_plan(store)
        for period in ("2020Q3", "2020Q4", "2021Q1", "2021Q2"):
            set_entries(store, plan, town, Period.parse(period), [EntryInput("A01", "无")])
        item = assessment_table(store, 2021).score("T1").items[0]
    assert item.figure == "无此项" and item.earned == 40
