"""Making a database, or failing to, leaves nothing beside it but the database (no lock note, no
half-made file): on Windows a file still open when it is deleted stays behind."""

import os

import pytest


def _beside(folder):
    return sorted(os.listdir(folder))


def test_making_a_database_leaves_only_the_database_in_its_folder(qdesk, tmp_path):
    folder = tmp_path / "county"
    folder.mkdir()
    done = qdesk("init", "--db", folder / "县.qdesk", "--template", "panjin-2014",
                 "--unit-code", "211122", "--unit-name", "盘山县")
    assert done.code == 0, done.err
    assert _beside(folder) == ["县.qdesk"]
    done = qdesk("demo", "--db", folder / "demo.qdesk")
    assert done.code == 0, done.err
    assert _beside(folder) == ["demo.qdesk", "县.qdesk"]


@pytest.mark.parametrize("template, unit_code", [
    ("bad.toml", "211122"),            # a template that does not load
    ("panjin-2014", "12"),             # a unit code refused while the new file is being filled
])
def test_a_failed_init_leaves_the_folder_as_it_was(qdesk, tmp_path, template, unit_code):
    folder = tmp_path / "county"
    folder.mkdir()
    (tmp_path / "bad.toml").write_text("[plan\nid = ", encoding="utf-8")
    done = qdesk("init", "--db", folder / "县.qdesk", "--template",
                 tmp_path / template if template.endswith(".toml") else template,
                 "--unit-code", unit_code, "--unit-name", "盘山县")
    assert done.code == 3, done.err
    assert "Traceback" not in done.err
    assert _beside(folder) == []
