"""A county's database as `qdesk init` makes it, for the store tests that take `store`."""

import pytest

from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store.database import open_store


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "panshan.qdesk"
    create_database(db, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(db) as store:
        yield store
