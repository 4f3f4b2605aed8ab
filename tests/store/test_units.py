"""The units service: add, rename, reorder, retire, lists whole or not at all; every write audited."""

import datetime as dt
import sqlite3

import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.core.units import new_unit
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store import units as service
from qdesk.store.audit import trail
from qdesk.store.completeness import Arrival, arrivals
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import (add_unit, home_unit, import_units, list_units, rename_unit,
                               reorder_units, retire_unit, subordinates)

TOWNS = [("211122100", "石新镇"), ("211122101", "坝墙子镇"), ("211122102", "胡家镇")]


@pytest.fixture
def county(tmp_path):
    """盘山县 as `qdesk init` makes it, with three towns."""
    path = tmp_path / "county.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    store = open_store(path)
    for code, name in TOWNS:
        add_unit(store, code, name, "镇")
    yield store
    store.close()


def snapshot(store):
    return {t: store.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("units", "audit", "entries")}


def test_adding_a_unit_registers_it_under_the_office_audited(county):
    changes = add_unit(county, "D01", "县市场监管局", "department", "91350100M000100Y43")
    assert changes.tables == {"units", "audit"} and changes.units == {"D01"}
    unit = service.find_unit(county, "D01")
    assert unit.parent_id == home_unit(county).id and unit.level == "department"
    record = trail(county, "units")[-1]
    assert record["action"] == "insert" and record["new"]["name"] == "县市场监管局"
    assert [u.code for u in list_units(county)] == ["211122", *[c for c, _ in TOWNS], "D01"]


@pytest.mark.parametrize("args,reason", [
    (("211122100", "另一个镇", "township"), "单位代码“211122100”已被“石新镇”使用"),
    (("211122100", "石新镇", "township"), "已被“石新镇”使用"),
    (("211122", "某县", "county"), "已被“盘山县”使用"),
    (("211122199", "胡家镇", "township"), "单位名称“胡家镇”已登记"),
    (("X1", "某单位", "村"), "未知的单位层级"),
    (("991122", "某县", "county"), "省级代码“99”不存在"),
    (("X1", "  ", "township"), "单位名称为空"),
])
def test_a_bad_unit_is_refused_and_nothing_changes(county, args, reason):
    before = snapshot(county)
    with pytest.raises(InputError, match=reason):
        add_unit(county, *args)
    assert snapshot(county) == before


def test_a_list_is_imported_whole_and_again_without_duplicates(county):
    listed = [new_unit("211122103", "沙岭镇", "township", line=2),
              new_unit("211122100", "石新镇", "township", line=3)]
    done = import_units(county, listed)
    assert [u.code for u in done.added] == ["211122103"] and done.unchanged == 1
    assert import_units(county, listed).changes.tables == frozenset()


def test_a_list_with_bad_rows_is_refused_whole_naming_each_row(county):
    before = snapshot(county)
    listed = [new_unit("211122103", "沙岭镇", "township", line=2),
              new_unit("211122100", "别的镇", "township", line=3),
              new_unit("211122103", "甜水镇", "township", line=4)]
    with pytest.raises(InputError) as info:
        import_units(county, listed, source="towns.txt")
    assert [(p.line, p.field) for p in info.value.problems] == [(3, "code"), (4, "code")]
    assert "与第2行重复" in info.value.render()
    assert snapshot(county) == before


def test_renaming_keeps_the_code_and_is_audited(county):
    assert rename_unit(county, "211122100", "石新镇人民政府").units == {"211122100"}
    assert service.find_unit(county, "211122100").name == "石新镇人民政府"
    assert trail(county, "units")[-1]["old"] == {"name": "石新镇"}
    assert not rename_unit(county, "211122100", "石新镇人民政府")


@pytest.mark.parametrize("name,reason", [("", "单位名称为空"), ("  ", "单位名称为空"),
                                         ("胡家镇", "已登记")])
def test_renaming_to_an_empty_or_taken_name_is_refused(county, name, reason):
    before = snapshot(county)
    with pytest.raises(InputError, match=reason):
        rename_unit(county, "211122100", name)
    assert snapshot(county) == before


def test_reordering_puts_the_units_named_first(county):
    changes = reorder_units(county, ["211122102"])
    assert [u.code for u in subordinates(county, home_unit(county))] == [
        "211122102", "211122100", "211122101"]
    assert changes.units == {"211122102", "211122100", "211122101"}
    with pytest.raises(InputError, match="不是本单位的下级单位"):
        reorder_units(county, ["211122"])


def test_a_retired_unit_is_not_due_after_its_date_and_keeps_its_figures(county):
    plan = load_plan(county)
    town = service.find_unit(county, "211122101")
    set_entries(county, plan, town, Period.parse("2020Q2"), [EntryInput("P02", "9", "10")])
    retire_unit(county, "211122101", dt.date(2020, 7, 1))
    home = home_unit(county)
    q2, q3 = Period.parse("2020Q2"), Period.parse("2020Q3")
    assert "211122101" in [u.code for u in subordinates(county, home, q2)]
    assert "211122101" not in [u.code for u in subordinates(county, home, q3)]
    assert "211122101" not in [a.unit.code for a in arrivals(county, plan, home, q3)]
    assert Arrival.MISSING in {a.arrival for a in arrivals(county, plan, home, q2)}
    assert [u.code for u in list_units(county)] == ["211122", "211122100", "211122102"]
    assert "211122101" in [u.code for u in list_units(county, retired=True)]
    assert county.execute("SELECT count(*) FROM entries WHERE unit_id = ?",
                          [town.id]).fetchone()[0] == 1
    assert trail(county, "units")[-1]["new"] == {"retired_on": "2020-07-01"}


def test_an_entry_for_a_retired_unit_after_its_date_is_refused(county):
    plan = load_plan(county)
    retire_unit(county, "211122101", dt.date(2020, 7, 1))
    town = service.find_unit(county, "211122101")
    before = snapshot(county)
    with pytest.raises(InputError, match="已于2020-07-01撤销，不再报送2020年第三季度的数据"):
        set_entries(county, plan, town, Period.parse("2020Q3"), [EntryInput("P02", "9", "10")])
    assert snapshot(county) == before
    set_entries(county, plan, town, Period.parse("2020Q2"), [EntryInput("P02", "9", "10")])


def test_retiring_before_figures_the_unit_has_is_refused(county):
    plan = load_plan(county)
    town = service.find_unit(county, "211122101")
    set_entries(county, plan, town, Period.parse("2020Q3"), [EntryInput("P02", "9", "10")])
    with pytest.raises(InputError, match="已有2020年第三季度的数据，撤销日期最早为2020-07-02"):
        retire_unit(county, "211122101", dt.date(2020, 7, 1))
    with pytest.raises(InputError, match="本单位不能撤销"):
        retire_unit(county, "211122", dt.date(2020, 7, 1))
    retire_unit(county, "211122101", dt.date(2020, 7, 2))


def test_a_reinstated_unit_is_due_again(county):
    retire_unit(county, "211122101", dt.date(2020, 7, 1))
    service.reinstate_unit(county, "211122101")
    assert service.find_unit(county, "211122101").on_roll(Period.parse("2030Q1"))


def test_there_is_no_deleting_a_unit(county):
    assert not [name for name in dir(service) if "delete" in name or "remove" in name]
    town = service.find_unit(county, "211122100")
    set_entries(county, load_plan(county), town, Period.parse("2020Q2"),
                [EntryInput("P02", "9", "10")])
    with pytest.raises(sqlite3.IntegrityError):     # the schema keeps its figures' unit too
        county.execute("DELETE FROM units WHERE id = ?", [town.id])


def test_the_home_unit_may_be_the_bingtuan_itself(tmp_path):
    path = tmp_path / "bingtuan.qdesk"
    create_database(path, find_template("bingtuan-2016"), "660000", "新疆生产建设兵团")
    with open_store(path) as store:
        assert home_unit(store).level == "province"
        add_unit(store, "660100", "第一师", "师")
        add_unit(store, "T101", "一团", "团场")
        assert [u.level for u in list_units(store)] == ["province", "division", "regiment"]
