"""Unit lists as offices have them: pasted from Word or Excel, CSV, xlsx; every bad row named."""

import pytest

from qdesk.core.errors import InputError
from qdesk.core.units import Level
from qdesk.exchange.unit_list import parse_unit_text, read_unit_list

PASTED_FROM_WORD = """单位代码\t单位名称\t层级\t统一社会信用代码
211122100\t石新镇\t镇\t
211122001\t高升街道\t街道\t
211122400\t盘山经济开发区\t开发区\t
D01\t县市场监管局\t成员单位\t11211122MB1234567X
"""


def test_a_table_pasted_from_word_reads_by_its_header_words():
    units = parse_unit_text(PASTED_FROM_WORD.replace("11211122MB1234567X", "91350100M000100Y43"))
    assert [(u.code, u.name, u.level) for u in units] == [
        ("211122100", "石新镇", Level.TOWNSHIP), ("211122001", "高升街道", Level.TOWNSHIP),
        ("211122400", "盘山经济开发区", Level.ZONE), ("D01", "县市场监管局", Level.DEPARTMENT)]
    assert units[3].credit_code == "91350100M000100Y43" and units[0].line == 2


def test_columns_in_another_order_are_found_by_their_words():
    units = parse_unit_text("名称\t代码\n石新镇\t211122100\n")
    assert [(u.code, u.name) for u in units] == [("211122100", "石新镇")]


def test_a_list_without_header_gives_code_then_name_split_by_runs_of_spaces():
    units = parse_unit_text("211122100   石新镇\n\n211122101　坝墙子镇\nD02  县教育局\n",
                            default_level="department")
    assert [(u.code, u.name, u.level) for u in units] == [
        ("211122100", "石新镇", Level.TOWNSHIP), ("211122101", "坝墙子镇", Level.TOWNSHIP),
        ("D02", "县教育局", Level.DEPARTMENT)]
    assert [u.line for u in units] == [1, 3, 4]


def test_a_prefectures_counties_take_their_level_from_their_codes():
    units = parse_unit_text("211122 盘山县\n211104 大洼区\n")
    assert {u.level for u in units} == {Level.COUNTY}


def test_a_list_with_one_bad_row_is_refused_whole_every_bad_row_named():
    text = PASTED_FROM_WORD + "211122102\t\t镇\t\n石新\t某镇\t村\t\n"
    with pytest.raises(InputError) as info:
        parse_unit_text(text, source="towns.txt")
    problems = [(p.line, p.field) for p in info.value.problems]
    assert problems == [(5, "统一社会信用代码"), (6, "单位名称"), (7, "层级")]
    rendered = info.value.render()
    assert "towns.txt，第5行，统一社会信用代码：" in rendered and "未知的单位层级“村”" in rendered


def test_a_row_without_any_level_is_refused_asking_for_one():
    with pytest.raises(InputError, match="第1行，层级：未给出层级"):
        parse_unit_text("D01\t县市场监管局\n")


def test_a_header_without_the_name_column_is_refused():
    with pytest.raises(InputError, match="名单缺少“单位名称”列"):
        parse_unit_text("单位代码\t层级\n211122100\t镇\n")


def test_an_empty_list_is_refused():
    with pytest.raises(InputError, match="名单中没有任何单位"):
        parse_unit_text("\n  \n")


def test_a_csv_list_in_gb18030_as_excel_saves_it(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_bytes("单位代码,单位名称,层级\n211122100,石新镇,镇\n".encode("gb18030"))
    assert [u.name for u in read_unit_list(path)] == ["石新镇"]


def test_a_csv_list_saved_by_excel_as_unicode_text_utf16_with_tabs(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_bytes("\ufeff单位代码\t单位名称\t层级\r\n211122100\t石新镇\t镇\r\n"
                     .encode("utf-16-le"))
    assert [(u.code, u.name) for u in read_unit_list(path)] == [("211122100", "石新镇")]


def test_an_xlsx_list_whose_codes_excel_keeps_as_numbers(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "单位代码", "单位名称", "层级"])
    sheet.append([1, 211122100, "石新镇", "镇"])
    sheet.append([2, 211122101.0, "坝墙子镇", None])
    path = tmp_path / "towns.xlsx"
    book.save(path)
    units = read_unit_list(path)
    assert [(u.code, u.level, u.line) for u in units] == [
        ("211122100", Level.TOWNSHIP, 2), ("211122101", Level.TOWNSHIP, 3)]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "towns.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="不是xlsx工作簿"):
        read_unit_list(path)


def test_each_row_is_checked_on_its_own_and_bad_rows_keep_their_cells():
    from qdesk.exchange.unit_list import listed_units, text_rows

    listed = listed_units(text_rows("单位代码\t单位名称\n211122100\t胡家镇\n21112X!\t坝墙子镇\n"
                                    "211122102\t\n"))
    assert [row.line for row in listed] == [2, 3, 4]
    assert listed[0].unit is not None and listed[0].unit.level.value == "township"
    assert listed[1].unit is None and listed[1].cells["code"] == "21112X!"
    assert [p.field for p in listed[1].problems] == ["单位代码"]
    assert [p.field for p in listed[2].problems] == ["层级"]


def test_rows_without_a_header_are_taken_in_the_columns_order():
    from qdesk.exchange.unit_list import listed_units

    listed = listed_units([(7, ["单位代码", "单位名称", "镇", ""])], header=False)
    assert listed[0].line == 7 and listed[0].unit is None
    assert listed[0].cells == {"code": "单位代码", "name": "单位名称", "level": "镇",
                               "credit_code": ""}


def test_the_list_as_a_whole_is_checked_against_the_units_registered(tmp_path):
    from qdesk.databases import create_database
    from qdesk.exchange.unit_list import check_listed, listed_units, text_rows
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_unit, list_units

    path = tmp_path / "county.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(path) as store:
        add_unit(store, "211122100", "胡家镇", "镇")
        listed = check_listed(store, listed_units(text_rows(
            "211122100\t石新镇\n211122101\t坝墙子镇\n211122101\t东郭镇\n")))
        assert listed[0].unit is None and "胡家镇" in listed[0].problems[0].message.render()
        assert listed[1].unit is not None
        assert listed[2].unit is None and listed[2].problems[0].field == "单位代码"
        assert [u.code for u in list_units(store)] == ["211122", "211122100"]
