"""Exchange fixtures: the county's package, and the superior office that imports it."""

import shutil

import pytest

from qdesk.core.periods import Period

from qdesk.store.database import open_store


@pytest.fixture(scope="module")
def county_package(demo_master, tmp_path_factory):
    """The demo county's 2020Q4 submission package, made in a copy of the demo."""
    from qdesk.submission import build_package

    folder = tmp_path_factory.mktemp("county")
    shutil.copy(demo_master, folder / "county.qdesk")
    with open_store(folder / "county.qdesk") as store:
        return build_package(store, Period.parse("2020Q4"), folder)


@pytest.fixture
def city(tmp_path):
    """盘锦市, with 盘山县 under it, ready to import the county's packages."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.units import add_subordinate

    path = tmp_path / "city.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    store = open_store(path)
    add_subordinate(store, "211122", "盘山县", "county")
    yield store
    store.close()
