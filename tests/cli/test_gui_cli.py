"""`qdesk gui` and the forms that imply it: a database to open, a submission package to import."""

from pathlib import Path

import pytest

from qdesk import cli
from qdesk.cli import _database_alone, build_parser


def parsed(argv):
    return build_parser().parse_args(_database_alone(argv))


@pytest.mark.parametrize("argv", [
    ["--import", "211122-2026Q3.qdpkg"],
    ["--import=211122-2026Q3.qdpkg"],
    ["--lang", "en", "--import", "211122-2026Q3.qdpkg"],
    ["gui", "--import", "211122-2026Q3.qdpkg"],
])
def test_import_alone_opens_the_workbench_to_import_the_package(argv):
    args = parsed(argv)
    assert args.command == "gui" and args.package == Path("211122-2026Q3.qdpkg")
    assert args.path is None and args.db is None


def test_the_package_goes_into_the_database_given_with_it():
    args = parsed(["gui", "--db", "city.qdesk", "--import", "a.qdpkg"])
    assert (args.db, args.package) == (Path("city.qdesk"), Path("a.qdpkg"))


def test_the_headless_import_command_is_still_the_import_command():
    args = parsed(["import", "a.qdpkg", "--db", "city.qdesk"])
    assert args.command == "import" and args.files == [Path("a.qdpkg")]


@pytest.fixture
def started(monkeypatch):
    """What `qdesk gui` asks the workbench to open: (database, package, named), or nothing."""
    from qdesk.gui import app

    asked = []
    monkeypatch.setattr(app, "run", lambda db, package=None, *, named=False:
                        asked.append((db, package, named)) or 0)
    return asked


@pytest.mark.parametrize("argv,database,package,named", [
    # What the installer's file types run: a database opened must exist, so named.
    (["D:/报送/盘山县.qdesk"], "D:/报送/盘山县.qdesk", None, True),
    (["gui", "盘山县.qdesk"], "盘山县.qdesk", None, True),
    (["--import", "D:/u盘/211122-2026Q3.qdpkg"], None, "D:/u盘/211122-2026Q3.qdpkg", False),
    # A package named alone is imported too (Explorer's 打开方式 passes it so).
    (["D:/u盘/211122-2026Q3.QDPKG"], None, "D:/u盘/211122-2026Q3.QDPKG", False),
    (["a.qdpkg", "--db", "city.qdesk"], "city.qdesk", "a.qdpkg", False),
    (["gui", "city.qdesk", "--import", "a.qdpkg"], "city.qdesk", "a.qdpkg", True),
    # --db may name a database still to be set up: not named.
    (["gui", "--db", "new.qdesk"], "new.qdesk", None, False),
    ([], None, None, False),
])
def test_the_workbench_is_asked_to_open_what_the_command_line_names(started, argv, database,
                                                                    package, named):
    assert cli.main(argv) == 0
    assert started == [(database and Path(database), package and Path(package), named)]


@pytest.mark.parametrize("argv", [
    ["gui", "a.qdpkg", "--import", "b.qdpkg"],
    ["gui", "a.qdesk", "--db", "b.qdesk"],
])
def test_two_of_a_kind_are_a_usage_error_and_open_nothing(started, capsys, argv):
    assert cli.main(argv) == cli.EXIT_USAGE
    assert started == [] and "qdesk gui: give" in capsys.readouterr().err
