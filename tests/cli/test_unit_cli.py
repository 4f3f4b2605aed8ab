"""`qdesk unit …` and `import --add-units` end to end: a county from `qdesk init` gets its towns, a
prefecture its counties, and every bad input is refused with exit 3, nothing changed."""

import sqlite3

import pytest

TOWNS = """单位代码\t单位名称\t层级
211122100\t石新镇\t镇
211122101\t坝墙子镇\t镇
211122400\t盘山经济开发区\t开发区
"""


def snapshot(path):
    conn = sqlite3.connect(path)
    rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("units", "entries", "packages", "audit")}
    conn.close()
    return rows


def ok(result):
    assert result.code == 0, result.err
    return result


@pytest.fixture
def county(qdesk, tmp_path):
    """盘山县 as `qdesk init` makes it, its towns imported from a table pasted from Word."""
    db = tmp_path / "county.qdesk"
    ok(qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", "211122",
             "--unit-name", "盘山县"))
    (tmp_path / "towns.txt").write_text(TOWNS, encoding="utf-8")
    checked = ok(qdesk("unit", "import", "--db", db, tmp_path / "towns.txt", "--check"))
    assert "新增3个单位" in checked.out and len(ok(qdesk("unit", "list", "--db", db,
                                                     "--format", "json")).json()) == 1
    assert "新增3个单位" in ok(qdesk("unit", "import", "--db", db, tmp_path / "towns.txt")).out
    return db


def test_a_county_gets_its_towns_and_departments_and_retires_a_town(qdesk, county, tmp_path):
    ok(qdesk("unit", "add", "--db", county, "--code", "D01", "--name", "县市场监管局",
             "--level", "成员单位", "--credit-code", "91350100M000100Y43"))
    ok(qdesk("unit", "rename", "--db", county, "--code", "211122400",
             "--name", "盘山县经济开发区"))
    ok(qdesk("unit", "reorder", "--db", county, "211122400"))
    listed = ok(qdesk("unit", "list", "--db", county, "--format", "json")).json()
    assert [(u["code"], u["name"], u["level"]) for u in listed] == [
        ("211122", "盘山县", "county"), ("211122400", "盘山县经济开发区", "zone"),
        ("211122100", "石新镇", "township"), ("211122101", "坝墙子镇", "township"),
        ("D01", "县市场监管局", "department")]
    assert "成员单位" in ok(qdesk("unit", "list", "--db", county)).out

    # 坝墙子镇 merged into 石新镇 from 2020-07-01: due for 2020Q2, not for 2020Q3.
    ok(qdesk("set", "--db", county, "--unit", "211122101", "--period", "2020Q2",
             "--indicator", "P02", "--numerator", "9", "--denominator", "10"))
    ok(qdesk("unit", "retire", "--db", county, "--code", "211122101", "--date", "2020-07-01"))
    listed = ok(qdesk("unit", "list", "--db", county, "--all", "--format", "json")).json()
    assert {u["code"]: u["retired_on"] for u in listed}["211122101"] == "2020-07-01"
    assert "211122101" not in ok(qdesk("unit", "list", "--db", county)).out

    for period, folder in (("2020Q2", "q2"), ("2020Q3", "q3")):
        (tmp_path / folder).mkdir()
        ok(qdesk("export", "sheets", "--db", county, "--period", period,
                 "--out", tmp_path / folder))
    assert (tmp_path / "q2" / "211122101-2020Q2-填报表.xlsx").exists()
    assert not (tmp_path / "q3" / "211122101-2020Q3-填报表.xlsx").exists()
    assert (tmp_path / "q3" / "211122100-2020Q3-填报表.xlsx").exists()

    before = snapshot(county)
    sheet = tmp_path / "late.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值\n211122101,P02,2020Q3,9,10,\n",
                     encoding="utf-8")
    refused = qdesk("import", sheet, "--db", county)
    assert refused.code == 3
    assert "late.csv，第2行，单位代码：坝墙子镇（211122101）已于2020-07-01撤销" in refused.err
    refused = qdesk("set", "--db", county, "--unit", "211122101", "--period", "2020Q3",
                    "--indicator", "P02", "--numerator", "9", "--denominator", "10")
    assert refused.code == 3 and "不再报送2020年第三季度的数据" in refused.err
    assert snapshot(county) == before

    status = ok(qdesk("status", "--db", county, "--unit", "211122101", "--period", "2020Q2",
                      "--format", "json")).json()
    assert {r["code"]: r["numerator"] for r in status}["P02"] == 9      # its figures stay


@pytest.mark.parametrize("args,reason", [
    (["add", "--code", "211122100", "--name", "另一个镇", "--level", "镇"],
     "单位代码：单位代码“211122100”已被“石新镇”使用"),
    (["add", "--code", "X01", "--name", "某村", "--level", "村"], "层级：未知的单位层级“村”"),
    (["add", "--code", "991122", "--name", "某县", "--level", "county"],
     "行政区划代码“991122”的省级代码“99”不存在"),
    (["rename", "--code", "211122100", "--name", " "], "单位名称：单位名称为空"),
    (["rename", "--code", "211122999", "--name", "某镇"], "单位代码“211122999”不存在"),
    (["retire", "--code", "211122", "--date", "2020-07-01"], "本单位不能撤销"),
])
def test_each_bad_unit_command_is_refused_and_changes_nothing(qdesk, county, args, reason):
    before = snapshot(county)
    result = qdesk("unit", *args[:1], "--db", county, *args[1:])
    assert result.code == 3 and reason in result.err, result.err
    assert snapshot(county) == before


def test_a_list_with_one_bad_row_is_refused_whole_every_bad_row_named(qdesk, county, tmp_path):
    listed = tmp_path / "more.txt"
    listed.write_text("单位代码\t单位名称\t层级\n211122102\t胡家镇\t镇\n211122103\t\t镇\n"
                      "211122104\t甜水镇\t村\n211122100\t别的镇\t镇\n", encoding="utf-8")
    before = snapshot(county)
    result = qdesk("unit", "import", "--db", county, listed)
    assert result.code == 3
    assert "more.txt，第3行，单位名称：单位名称为空" in result.err
    assert "more.txt，第4行，层级：未知的单位层级“村”" in result.err
    assert "第2行" not in result.err
    assert snapshot(county) == before
    result = qdesk("unit", "import", "--db", county, listed.with_name("towns.txt"))
    assert result.code == 0 and "已登记3个" in result.out        # a list again: nothing twice
    listed.write_text("单位代码\t单位名称\n211122100\t别的镇\n", encoding="utf-8")
    result = qdesk("unit", "import", "--db", county, listed, "--level", "镇")
    assert result.code == 3 and "第2行，单位代码：单位代码“211122100”已被“石新镇”使用" in result.err


def _county_package(qdesk, folder, code, name):
    """A county as `qdesk init` makes it, one figure entered, its 2020Q4 package made."""
    folder.mkdir()
    db = folder / "county.qdesk"
    ok(qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", code,
             "--unit-name", name))
    ok(qdesk("set", "--db", db, "--unit", code, "--period", "2020Q4", "--indicator", "P02",
             "--numerator", "9", "--denominator", "10"))
    ok(qdesk("export", "package", "--db", db, "--period", "2020Q4", "--out", folder))
    package, = folder.glob("*.qdpkg")
    return package


def test_a_prefecture_imports_two_counties_packages_registering_them(qdesk, tmp_path):
    packages = [_county_package(qdesk, tmp_path / "a", "211122", "盘山县"),
                _county_package(qdesk, tmp_path / "b", "211104", "大洼区")]
    city = tmp_path / "city.qdesk"
    ok(qdesk("init", "--db", city, "--template", "panjin-2014", "--unit-code", "211100",
             "--unit-name", "盘锦市"))
    before = snapshot(city)
    refused = qdesk("import", *packages, "--db", city)
    assert refused.code == 3
    assert "qdesk unit add --code 211122 --name 盘山县 --level county" in refused.err
    assert "下级单位“大洼区”（211104，县（市、区））尚未登记" in refused.err
    assert "--add-units" in refused.err
    assert snapshot(city) == before

    checked = ok(qdesk("import", *packages, "--db", city, "--add-units", "--check"))
    assert "将登记2个下级单位" in checked.out and snapshot(city) == before
    imported = ok(qdesk("import", *packages, "--db", city, "--add-units"))
    assert "已登记2个下级单位：211122 盘山县、211104 大洼区" in imported.out
    listed = ok(qdesk("unit", "list", "--db", city, "--format", "json")).json()
    assert [(u["code"], u["level"]) for u in listed] == [
        ("211100", "prefecture"), ("211122", "county"), ("211104", "county")]
    status = ok(qdesk("status", "--db", city, "--unit", "211104", "--period", "2020Q4",
                      "--format", "json")).json()
    assert {r["code"]: r["numerator"] for r in status}["P02"] == 9

    other = tmp_path / "other.qdesk"
    ok(qdesk("init", "--db", other, "--template", "panjin-2014", "--unit-code", "211100",
             "--unit-name", "盘锦市"))
    ok(qdesk("unit", "add", "--db", other, "--code", "211122", "--name", "盘山",
             "--level", "县"))
    before = snapshot(other)
    refused = qdesk("import", *packages, "--db", other, "--add-units")
    assert refused.code == 3 and "已登记为“盘山”，不予改名" in refused.err
    assert snapshot(other) == before


def test_a_county_s_name_is_filled_from_gb2260(qdesk, tmp_path):
    db = tmp_path / "prefecture.qdesk"
    ok(qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", "211100",
             "--unit-name", "盘锦市"))
    ok(qdesk("unit", "add", "--db", db, "--level", "county", "--code", "211122"))
    listed = ok(qdesk("unit", "list", "--db", db, "--format", "json")).json()
    assert (listed[-1]["code"], listed[-1]["name"]) == ("211122", "盘山县")


def test_a_prefecture_registers_all_its_counties_in_one_step(qdesk, tmp_path):
    db = tmp_path / "prefecture.qdesk"
    ok(qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", "211100",
             "--unit-name", "盘锦市"))
    checked = ok(qdesk("unit", "add", "--db", db, "--level", "县", "--all", "--check"))
    assert "211122  盘山县" in checked.out and "新增4个单位" in checked.out
    assert len(ok(qdesk("unit", "list", "--db", db, "--format", "json")).json()) == 1
    ok(qdesk("unit", "add", "--db", db, "--level", "county", "--all"))
    assert [u["name"] for u in ok(qdesk("unit", "list", "--db", db,
                                        "--format", "json")).json()][1:] == [
        "双台子区", "兴隆台区", "大洼区", "盘山县"]
    assert "新增0个单位，已登记4个" in ok(qdesk("unit", "add", "--db", db, "--level", "county",
                                              "--all")).out


@pytest.mark.parametrize(("args", "says"), [
    (("--level", "county", "--code", "211199"), "不在2024年GB/T 2260代码表中，请给出单位名称"),
    (("--level", "township", "--code", "211122100"), "只有县、市、省级单位的名称可由区划代码自动填写"),
    (("--level", "prefecture", "--all"), "“211122”下没有市（州、盟）"),
])
def test_a_name_gb2260_cannot_give_is_refused_and_nothing_changes(qdesk, county, args, says):
    before = snapshot(county)
    refused = qdesk("unit", "add", "--db", county, *args)
    assert refused.code == 3 and says in refused.err
    assert snapshot(county) == before
