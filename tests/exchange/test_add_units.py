"""import --add-units: a prefecture registers the counties whose packages it imports, from their manifests."""

import datetime as dt

import pytest

from qdesk.core.errors import InputError
from qdesk.databases import create_database
from qdesk.exchange.imports import UnknownUnits, import_files
from qdesk.plans.library import find_template
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.units import add_unit, find_unit, retire_unit


@pytest.fixture
def prefecture(tmp_path):
    """盘锦市 as `qdesk init` makes it: no county registered yet."""
    path = tmp_path / "city.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    store = open_store(path)
    yield store
    store.close()


def snapshot(store):
    return {t: store.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("units", "entries", "packages", "audit")}


def test_a_package_from_an_unregistered_county_is_refused_saying_how_to_register_it(
        prefecture, county_package):
    before = snapshot(prefecture)
    with pytest.raises(UnknownUnits) as info:
        import_files(prefecture, [county_package])
    assert [(u.code, u.name, u.level) for u in info.value.units] == [("211122", "盘山县", "county")]
    text = info.value.render()
    assert "下级单位“盘山县”（211122，县（市、区））尚未登记" in text
    assert "qdesk unit add --code 211122 --name 盘山县 --level county" in text
    assert "--add-units" in text
    assert snapshot(prefecture) == before


def test_add_units_registers_the_county_and_imports_its_package_in_one_go(
        prefecture, county_package):
    checked = import_files(prefecture, [county_package], add_units=True, dry_run=True)
    assert [u.code for u in checked.registered] == ["211122"]
    assert prefecture.execute("SELECT count(*) FROM units").fetchone()[0] == 1

    imported = import_files(prefecture, [county_package], add_units=True)
    county = find_unit(prefecture, "211122")
    assert (county.name, county.level) == ("盘山县", "county")
    assert imported.written.inserted > 0 and {"units", "entries", "packages"} <= imported.changes.tables
    assert "211122" in imported.changes.units
    assert trail(prefecture, "units")[-1]["new"]["name"] == "盘山县"
    assert prefecture.execute("SELECT count(*) FROM entries WHERE unit_id = ?",
                              [county.id]).fetchone()[0] == imported.written.inserted


def test_add_units_never_renames_a_unit_registered_under_another_name(prefecture, county_package):
    add_unit(prefecture, "211122", "盘山县（旧）", "county")
    before = snapshot(prefecture)
    with pytest.raises(InputError, match="已登记为“盘山县（旧）”，不予改名"):
        import_files(prefecture, [county_package], add_units=True)
    assert snapshot(prefecture) == before


def test_a_new_countys_name_taken_by_another_code_is_refused(prefecture, county_package):
    add_unit(prefecture, "211199", "盘山县", "county")
    before = snapshot(prefecture)
    with pytest.raises(InputError, match="单位名称“盘山县”已登记"):
        import_files(prefecture, [county_package], add_units=True)
    assert snapshot(prefecture) == before


def test_a_package_of_a_retired_county_after_its_date_is_refused(prefecture, county_package):
    add_unit(prefecture, "211122", "盘山县", "county")
    retire_unit(prefecture, "211122", dt.date(2020, 10, 1))
    before = snapshot(prefecture)
    with pytest.raises(InputError, match="已于2020-10-01撤销，不再报送2020年第四季度的数据"):
        import_files(prefecture, [county_package])
    assert snapshot(prefecture) == before
