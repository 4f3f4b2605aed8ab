"""Exchange fixtures: the county's package, and the superior office that imports it."""

import shutil

import pytest

from qdesk.core.periods import Period

from qdesk.store.database import open_store
from tests.exchange.sealing import remember, repack


@pytest.fixture(scope="module")
def county_package(demo_master, tmp_path_factory):
    """The demo county's 2020Q4 submission package, made in a copy of the demo."""
    from qdesk.submission import build_package

    folder = tmp_path_factory.mktemp("county")
    shutil.copy(demo_master, folder / "county.qdesk")
    with open_store(folder / "county.qdesk") as store:
        package = build_package(store, Period.parse("2020Q4"), folder)
    remember(folder / "county.qdesk")
    return package


@pytest.fixture
def county_correction(county_package, tmp_path):
    """The county's next package for the same period, its figures as before (sequence 2)."""
    (tmp_path / "correction").mkdir()
    return repack(county_package, tmp_path / "correction" / county_package.name,
                  manifest=lambda m: m.__setitem__("sequence", 2))


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


# A plan of every kind, each entered quarterly, as a district's superior hands it out.
EVERY_KIND = [
    ["Z01", "产品质量监督抽查合格率", "产品质量", "比率", "合格批次", "抽查批次", "%", 1, "季度",
     ">= 90", None, None],
    ["Z02", "优质工程数", "工程质量", "计数", None, None, "项", 0, "季度", ">= 1", None, None],
    ["Z03", "公共服务质量满意度", "服务质量", "数值", None, None, "分", 1, "季度", "≥80", None,
     None],
    ["Z04", "完成质量提升任务", "服务质量", "是否", None, None, None, 0, "季度", ">= 1", None,
     None],
]
TOWNS = "单位代码\t单位名称\t层级\n321012100\t仙女镇\t镇\n321012101\t小纪镇\t镇\n"


@pytest.fixture(scope="module")
def office_master(tmp_path_factory):
    """江都区 as an office makes it with `qdesk init`: a plan of every kind, two towns; and its plan."""
    from tests.cli.conftest import run_qdesk
    from tests.factories import indicator_workbook

    folder = tmp_path_factory.mktemp("office")
    plan, db = folder / "jiangdu.toml", folder / "江都区.qdesk"
    (folder / "towns.txt").write_text(TOWNS, encoding="utf-8")
    for args in (("template", "import", indicator_workbook(folder / "指标表.xlsx", EVERY_KIND),
                  "--out", plan),
                 ("init", "--db", db, "--template", plan, "--unit-code", "321012",
                  "--unit-name", "江都区"),
                 ("unit", "import", "--db", db, folder / "towns.txt")):
        result = run_qdesk(*args)
        assert result.code == 0, result.err
    return db, plan


@pytest.fixture
def office_db(office_master, tmp_path):
    """A fresh copy of the office's database."""
    path = tmp_path / "江都区.qdesk"
    shutil.copy(office_master[0], path)
    return path
