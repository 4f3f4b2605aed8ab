"""A figure the office rolls up from its units goes into its package as the office's entry."""

from fractions import Fraction

from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.exchange.package import package_data
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import add_subordinate, home_unit
from tests.factories import units_template

Q1 = Period.parse("2026Q1")


def test_the_package_carries_the_rolled_up_figure_as_the_office_s_entry(tmp_path):
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    with open_store(db) as store:
        plan, home = load_plan(store), home_unit(store)
        towns = [add_subordinate(store, "100", "仙女镇", "township"),
                 add_subordinate(store, "101", "小纪镇", "township")]
        for town, (n, d) in zip(towns, [(90, 100), (45, 50)]):
            set_entries(store, plan, town, Q1, [EntryInput("D01", str(n), str(d))])
        set_entries(store, plan, home, Q1, [EntryInput("D02", value="7")])
        entries = {e["indicator"]: e for e in package_data(store, home, Q1)["entries"]}
    assert entries["D01"] == {"indicator": "D01", "unit": "321012", "period": "2026Q1",
                              "numerator": 135, "denominator": 150, "value": None, "note": None}
    assert entries["D02"]["value"] == "7" and set(entries) == {"D01", "D02"}


def test_a_rolled_up_decimal_is_written_exactly_and_a_mean_that_does_not_end_to_six_places():
    from qdesk.exchange.package import _decimal
    assert [_decimal(Fraction(v)) for v in ("15", "7/4", "100")] == ["15", "1.75", "100"]
    assert _decimal(Fraction(1, 3)) == "0.333333"


def test_a_rolled_up_figure_of_only_无此项_goes_as_not_applicable_never_as_zero(tmp_path):
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    with open_store(db) as store:
        plan, home = load_plan(store), home_unit(store)
        for code, name in (("100", "仙女镇"), ("101", "小纪镇")):
            town = add_subordinate(store, code, name, "township")
            set_entries(store, plan, town, Q1, [EntryInput("D01", none=True)])
        set_entries(store, plan, home, Q1, [EntryInput("D02", none=True)])
        entries = {e["indicator"]: e for e in package_data(store, home, Q1)["entries"]}
    none = {"unit": "321012", "period": "2026Q1", "numerator": None, "denominator": None,
            "value": None, "note": None, "not_applicable": True}
    assert entries == {"D01": {"indicator": "D01", **none}, "D02": {"indicator": "D02", **none}}
