"""Making a database from a plan template, as `qdesk init` and the welcome dialog do."""

import pytest

from qdesk.core.errors import InputError
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store.audit import changes
from qdesk.store.database import open_store
from qdesk.store.settings import get_setting


def test_the_operator_given_is_set_and_named_by_the_trail_from_its_first_row(tmp_path):
    path = tmp_path / "new.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县",
                    operator=" 县质量办 王芳 ")
    with open_store(path) as store:
        assert get_setting(store, "operator") == "县质量办 王芳"
        assert {row.operator for row in changes(store)} == {"县质量办 王芳"}


def test_no_operator_leaves_the_setting_empty(tmp_path):
    path = tmp_path / "new.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(path) as store:
        assert get_setting(store, "operator") == ""
        assert changes(store, table="settings") == []


def test_a_refused_unit_writes_no_file_and_no_operator(tmp_path):
    path = tmp_path / "new.qdesk"
    with pytest.raises(InputError):
        create_database(path, find_template("panjin-2014"), "12345", "某县", operator="王芳")
    assert not path.exists()
