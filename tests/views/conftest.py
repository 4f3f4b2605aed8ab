"""A county made as `qdesk init` makes it, with its own townships and zone added."""

import pytest

from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan
from qdesk.store.units import add_subordinate, home_unit


@pytest.fixture
def county(tmp_path):
    """(store, plan, home, units): 石河子市 on the 兵团 plan, with four units and no figures."""
    db = tmp_path / "county.qdesk"
    create_database(db, find_template("bingtuan-2016"), "659001", "石河子市")
    store = open_store(db)
    units = [add_subordinate(store, code, name, level) for code, name, level in (
        ("T01", "北泉镇", "township"), ("T02", "石河子镇", "township"),
        ("T03", "老街街道", "township"), ("Z01", "石河子经济技术开发区", "zone"))]
    yield store, load_plan(store), home_unit(store), units
    store.close()
