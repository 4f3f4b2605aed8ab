"""The GB/T 2260 list as qdesk reads it: names by code, and what lies under a division."""

from qdesk.core.divisions import DivisionList

TEXT = """# a comment line the list opens with
code,name,parent
110000,北京市,
110101,东城区,110000
210000,辽宁省,
211100,盘锦市,210000
211122,盘山县,211100
211102,双台子区,211100
429004,仙桃市,420000
"""


def test_a_division_is_found_by_its_code_with_its_level():
    found = DivisionList.parse(TEXT).get(" 211122 ")
    assert (found.name, found.parent, found.level) == ("盘山县", "211100", "county")
    assert DivisionList.parse(TEXT).get("211199") is None


def test_under_a_prefecture_are_its_counties_in_code_order():
    assert [d.code for d in DivisionList.parse(TEXT).under("211100")] == ["211102", "211122"]


def test_under_a_province_are_its_prefectures_and_its_directly_governed_counties():
    divisions = DivisionList.parse(TEXT)
    assert [(d.name, d.level) for d in divisions.under("210000")] == [("盘锦市", "prefecture")]
    assert [d.name for d in divisions.under("110000")] == ["东城区"]
    assert divisions.under("211122") == []
