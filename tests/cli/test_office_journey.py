"""Issue 13's first day, end to end through the CLI only: a district sets itself up from its
superior's indicator table — its plan, its towns and zone, their own targets from a sheet, their
figures from entry sheets — and a prefecture takes two counties' packages, registering them."""

import openpyxl

from tests.exchange.test_blank_sheet import fill as fill_sheet
from tests.factories import indicator_workbook

TOWNS = "单位代码\t单位名称\t层级\n321012100\t仙女镇\t镇\n321012101\t小纪镇\t镇\n321012400\t江都经济开发区\t开发区\n"


def ok(result):
    assert result.code == 0, result.err
    return result


def fill_targets(path, cells):
    book = openpyxl.load_workbook(path)
    ws = book.active
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for (indicator, unit), value in cells.items():
        ws.cell(rows[indicator], columns[unit]).value = value
    book.save(path)


def district(qdesk, tmp_path):
    """江都区 from the indicator table its superior handed out, with its towns and zone."""
    plan = tmp_path / "jiangdu.toml"
    ok(qdesk("template", "import", indicator_workbook(tmp_path / "指标表.xlsx"), "--out", plan))
    ok(qdesk("template", "check", plan))
    db = tmp_path / "江都区.qdesk"
    ok(qdesk("init", "--db", db, "--template", plan, "--unit-code", "321012",
             "--unit-name", "江都区"))
    (tmp_path / "towns.txt").write_text(TOWNS, encoding="utf-8")
    assert "新增3个单位" in ok(qdesk("unit", "import", "--db", db, tmp_path / "towns.txt")).out
    return db, plan


def test_a_district_sets_itself_up_and_its_towns_report(qdesk, tmp_path):
    db, _ = district(qdesk, tmp_path)

    targets = tmp_path / "目标责任书.xlsx"
    ok(qdesk("targets", "export", "--db", db, "--year", "2026", "--out", targets))
    fill_targets(targets, {("Z01", "321012100"): "91", ("Z01", "321012101"): "不低于92%",
                           ("Z02", "321012100"): 1, ("Z02", "321012101"): 1,
                           ("Z02", "321012400"): 1})
    imported = ok(qdesk("targets", "import", "--db", db, targets))
    assert "各单位2026年目标合计3项，少于本级目标4项" in imported.err, "a warning, not a refusal"

    sheets = tmp_path / "sheets"
    sheets.mkdir()
    ok(qdesk("export", "sheets", "--db", db, "--period", "2026Q1", "--out", sheets))
    by_unit = {p.name.split("-")[0]: p for p in sheets.glob("*.xlsx")}
    assert sorted(by_unit) == ["321012100", "321012101", "321012400"]
    fill_sheet(by_unit["321012100"], {"Z01": (90, 100)})
    fill_sheet(by_unit["321012101"], {"Z01": (93, 100)})
    fill_sheet(by_unit["321012400"], {"Z01": (45, 50)})
    ok(qdesk("import", "--db", db, *by_unit.values()))

    def town(code):
        rows = ok(qdesk("status", "--db", db, "--period", "2026Q1", "--unit", code,
                        "--format", "json")).json()
        return next(r for r in rows if r["code"] == "Z01")

    first, second = town("321012100"), town("321012101")
    assert (first["display"], first["target"], first["status"]) == ("90.0", ">= 91", "not-met")
    assert (second["display"], second["target"], second["status"]) == ("93.0", ">= 92", "met")
    assert town("321012400")["target"] == ">= 88", "a zone without its own takes the plan's"


def test_a_prefecture_takes_two_counties_packages_and_registers_them(qdesk, tmp_path):
    jiangdu, plan = district(qdesk, tmp_path)
    baoying = tmp_path / "宝应县.qdesk"
    ok(qdesk("init", "--db", baoying, "--template", plan, "--unit-code", "321023",
             "--unit-name", "宝应县"))
    packages = tmp_path / "packages"
    packages.mkdir()
    for db, code, figures in ((jiangdu, "321012", ("880", "1000")),
                              (baoying, "321023", ("450", "500"))):
        ok(qdesk("set", "--db", db, "--unit", code, "--period", "2026Q1", "--indicator", "Z01",
                 "--numerator", figures[0], "--denominator", figures[1]))
        ok(qdesk("export", "package", "--db", db, "--period", "2026Q1", "--out", packages))
    sent = sorted(packages.glob("*.qdpkg"))
    assert [p.name for p in sent] == ["321012-2026Q1.qdpkg", "321023-2026Q1.qdpkg"]

    city = tmp_path / "扬州市.qdesk"
    ok(qdesk("init", "--db", city, "--template", plan, "--unit-code", "321000",
             "--unit-name", "扬州市"))
    refused = qdesk("import", "--db", city, *sent)
    assert refused.code == 3 and "--add-units" in refused.err
    assert len(ok(qdesk("unit", "list", "--db", city, "--format", "json")).json()) == 1
    ok(qdesk("import", "--db", city, "--add-units", *sent))
    listed = ok(qdesk("unit", "list", "--db", city, "--format", "json")).json()
    assert [(u["code"], u["name"]) for u in listed] == [
        ("321000", "扬州市"), ("321012", "江都区"), ("321023", "宝应县")]
    counties = [ok(qdesk("status", "--db", city, "--period", "2026Q1", "--unit", code,
                         "--format", "json")).json()[0] for code in ("321012", "321023")]
    assert [(c["numerator"], c["denominator"]) for c in counties] == [(880, 1000), (450, 500)]


def test_a_sheet_imported_again_lists_the_figures_it_would_change_before_changing_them(
        qdesk, tmp_path):
    import shutil

    from tests.exchange.test_blank_sheet import fill_cells

    db, _ = district(qdesk, tmp_path)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    ok(qdesk("export", "sheets", "--db", db, "--period", "2026Q1", "--out", sheets))
    first, second = (sheets / f"{code}-2026Q1-填报表.xlsx" for code in ("321012100", "321012101"))
    blank_first, blank_second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    shutil.copy(first, blank_first)
    shutil.copy(second, blank_second)
    fill_sheet(first, {"Z01": (90, 100)})
    fill_sheet(second, {"Z01": (45, 50)})
    ok(qdesk("import", "--db", db, first, second))

    fill_cells(blank_first, {"Z01": {"分子": 92, "分母": 100}})
    fill_cells(blank_second, {"Z01": {"无此项": "无此项"}})
    checked = ok(qdesk("import", "--db", db, "--check", blank_first, blank_second))
    assert "仙女镇（321012100）2026年第一季度 Z01 产品质量监督抽查合格率：90/100 → 92/100" in checked.out
    assert "小纪镇（321012101）2026年第一季度 Z01 产品质量监督抽查合格率：45/50 → 无此项" in checked.out
    rows = ok(qdesk("status", "--db", db, "--period", "2026Q1", "--unit", "321012100",
                    "--format", "json")).json()
    assert next(r for r in rows if r["code"] == "Z01")["numerator"] == 90, "--check changes nothing"

    imported = ok(qdesk("import", "--db", db, blank_first, blank_second))
    assert "已修改已有数据2条" in imported.out
