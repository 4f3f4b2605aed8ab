"""Exchange fixtures: the superior office that imports the county's packages."""

import pytest

from qdesk.store.database import open_store


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
