"""The units' own targets as one workbook: export, fill in, import whole or not at all."""

import pytest
from openpyxl import load_workbook

from qdesk.core.errors import InputError
from qdesk.exchange.unit_targets import import_targets_sheet, write_targets_sheet
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.plans import unit_targets
from qdesk.store.units import add_subordinate

TOWNS = [("211122100", "太平街道"), ("211122101", "沙岭镇"), ("211122102", "高升镇")]


@pytest.fixture
def district(tmp_path):
    """盘山县 made as `qdesk init` makes it, with its three towns added."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    path = tmp_path / "district.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    store = open_store(path)
    for code, name in TOWNS:
        add_subordinate(store, code, name, "township")
    yield store
    store.close()


def exported(store, tmp_path, year=2020):
    return write_targets_sheet(store, year, tmp_path / "targets.xlsx")


def fill(path, cells, *, percent=()):
    """Type into the sheet as a clerk would: {(indicator code, unit code): value}."""
    book = load_workbook(path)
    ws = book.active
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for (indicator, unit), value in cells.items():
        cell = ws.cell(rows.get(indicator) or ws.max_row + 1, columns[unit])
        if cell.row > max(rows.values()):
            ws.cell(cell.row, 1).value = indicator
        cell.value = value
        if (indicator, unit) in percent:
            cell.number_format = "0%"
    book.save(path)
    return path


def snapshot(store):
    return (list(store.query("SELECT * FROM targets ORDER BY id")),
            store.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_the_sheet_has_indicators_down_units_across_and_the_plans_target_beside(district,
                                                                                  tmp_path):
    ws = load_workbook(exported(district, tmp_path)).active
    assert [ws["A1"].value, ws["B1"].value] == ["年度", 2020]
    assert [c.value for c in ws[2]] == ["指标代码", "指标名称", "计量单位", "方案目标",
                                        *[code for code, _ in TOWNS]]
    assert [c.value for c in ws[3]][4:] == [name for _, name in TOWNS]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=4)}
    assert rows["P02"][2:4] == ["%", "≥96%"] and rows["P01"][3] == "＞30%"
    assert rows["E01"][3] == "100%" and rows["P02"][4:] == [None, None, None]


def test_a_filled_sheet_sets_each_units_target_for_the_year_audited(district, tmp_path):
    path = fill(exported(district, tmp_path), {
        ("P02", "211122100"): "≥97%", ("P02", "211122101"): 97, ("P02", "211122102"): "不低于95%",
        ("E04", "211122100"): "3～5项", ("P03", "211122101"): 0.93},
        percent={("P03", "211122101")})
    result = import_targets_sheet(district, path)
    assert (result.year, len(result.written), result.unchanged) == (2020, 5, 0)
    assert result.changes.tables == {"targets", "audit"}
    assert result.changes.units == {"211122100", "211122101", "211122102"}
    towns = {u: district.execute("SELECT id FROM units WHERE code = ?", [u]).fetchone()[0]
             for u, _ in TOWNS}
    first = unit_targets(district, towns["211122100"])
    assert {c: str(t[2020]) for c, t in first.items()} == {"P02": ">= 97", "E04": ">= 3 ~ 5"}
    assert str(unit_targets(district, towns["211122101"])["P02"][2020]) == ">= 97"
    assert str(unit_targets(district, towns["211122101"])["P03"][2020]) == ">= 93"
    assert str(unit_targets(district, towns["211122102"])["P02"][2020]) == ">= 95"
    assert len(trail(district, "targets")) == 5


def test_the_same_sheet_imported_again_changes_nothing(district, tmp_path):
    fill(exported(district, tmp_path), {("P02", "211122100"): "≥97%",
                                        ("E04", "211122101"): "3..5"})
    import_targets_sheet(district, tmp_path / "targets.xlsx")
    again = import_targets_sheet(district, exported(district, tmp_path))
    assert (len(again.written), again.unchanged, bool(again.changes)) == (0, 2, False)
    rows = {r[0].value: [c.value for c in r] for r in
            load_workbook(tmp_path / "targets.xlsx").active.iter_rows(min_row=4)}
    assert rows["P02"][4] == "≥97%" and rows["E04"][5] == "3..5"


def test_check_says_what_would_change_and_changes_nothing(district, tmp_path):
    path = fill(exported(district, tmp_path), {("P02", "211122100"): "≥97%"})
    before = snapshot(district)
    result = import_targets_sheet(district, path, check=True)
    assert len(result.written) == 1 and not result.changes
    assert snapshot(district) == before


def test_units_targets_that_add_up_short_of_the_offices_warn_but_are_saved(district, tmp_path):
    path = fill(exported(district, tmp_path), {("B02", code): 5 for code, _ in TOWNS})
    result = import_targets_sheet(district, path)
    assert len(result.written) == 3
    assert [w.render("zh") for w in result.warnings] == [
        "B02 “辽宁名牌产品”数量：各单位2020年目标合计15项，少于本级目标20项"]


@pytest.mark.parametrize("cells,named", [
    ({("P02", "211122100"): "九十七"}, "E5（太平街道 P02）：目标“九十七”无法识别"),
    ({("P99", "211122100"): "≥97%"}, "A17：指标代码“P99”不存在"),
])
def test_a_bad_cell_refuses_the_whole_sheet_naming_it(district, tmp_path, cells, named):
    path = fill(exported(district, tmp_path), {("P02", "211122101"): "≥97%", **cells})
    before = snapshot(district)
    with pytest.raises(InputError) as info:
        import_targets_sheet(district, path)
    assert named in info.value.render("zh")
    assert snapshot(district) == before


def test_an_unknown_unit_column_is_refused_naming_it(district, tmp_path):
    path = exported(district, tmp_path)
    book = load_workbook(path)
    book.active["H2"] = "211122999"
    book.active["H5"] = "≥97%"
    book.save(path)
    before = snapshot(district)
    with pytest.raises(InputError) as info:
        import_targets_sheet(district, path)
    assert "第2行，H2：下级单位代码“211122999”不存在" in info.value.render("zh")
    assert snapshot(district) == before


def test_every_bad_cell_is_named_at_once(district, tmp_path):
    path = fill(exported(district, tmp_path),
                {("P02", "211122100"): "x", ("P03", "211122102"): "y"})
    with pytest.raises(InputError) as info:
        import_targets_sheet(district, path)
    assert len(info.value.problems) == 2
    assert "G6（高升镇 P03）" in info.value.render("zh")


def test_a_year_outside_the_plan_is_refused(district, tmp_path):
    with pytest.raises(InputError):
        write_targets_sheet(district, 2030, tmp_path / "t.xlsx")
    path = exported(district, tmp_path)
    book = load_workbook(path)
    book.active["B1"] = 2031
    book.save(path)
    with pytest.raises(InputError) as info:
        import_targets_sheet(district, path)
    assert "年度“2031”不在方案年限（2014—2020年）内" in info.value.render("zh")


def test_a_workbook_that_is_not_a_targets_sheet_is_refused(district, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["单位代码", "指标代码"])
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError) as info:
        import_targets_sheet(district, tmp_path / "other.xlsx")
    assert "这不是下级目标表" in info.value.render("zh")
