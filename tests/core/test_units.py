"""Units' rules: levels and the words files write them with, codes by level, the roll of a period."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.codes import PROVINCES, division_level
from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.core.units import Level, check_unit_code, new_unit, on_roll, parse_level


@pytest.mark.parametrize("word,level", [
    ("镇", "township"), ("街道", "township"), ("乡", "township"), ("开发区", "zone"),
    ("园区", "zone"), ("成员单位", "department"), ("县", "county"), ("区", "county"),
    ("市", "prefecture"), ("省", "province"), ("师", "division"), ("团", "regiment"),
    ("团场", "regiment"), ("township", "township"), ("County", "county"),
    ("乡镇（街道）", "township"), (" 成员单位 ", "department"),
])
def test_the_words_of_unit_lists_name_their_levels(word, level):
    assert parse_level(word) is Level(level)


def test_an_unknown_level_is_refused_naming_the_words_that_are_known():
    with pytest.raises(InputError, match="未知的单位层级“村”.*镇、街道、乡"):
        parse_level("村")


def test_the_bingtuan_and_its_codes_are_accepted():
    assert check_unit_code("660000", Level.PROVINCE) == "660000"
    assert check_unit_code("660100", Level.DIVISION) == "660100"
    assert division_level("660000") == "province"
    assert division_level("660100") == "division"
    assert division_level("660101") == "regiment"
    assert division_level("211100") == "prefecture"


@pytest.mark.parametrize("code,level,reason", [
    ("991122", Level.COUNTY, "省级代码“99”不存在"),
    ("21112", Level.COUNTY, "6位数字"),
    ("石新镇", Level.TOWNSHIP, "1至20位字母或数字"),
    ("A" * 21, Level.DEPARTMENT, "1至20位字母或数字"),
    ("", Level.ZONE, "1至20位字母或数字"),
])
def test_a_code_that_breaks_its_levels_rule_is_refused(code, level, reason):
    with pytest.raises(InputError, match=reason) as info:
        check_unit_code(code, level)
    assert info.value.problems[0].field == "code"


@given(st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_a_six_digit_code_from_county_level_up_passes_exactly_when_its_province_is_known(code):
    for level in (Level.COUNTY, Level.PREFECTURE, Level.PROVINCE, Level.DIVISION):
        if code[:2] in PROVINCES:
            assert check_unit_code(code, level) == code
        else:
            with pytest.raises(InputError):
                check_unit_code(code, level)


@given(st.text(alphabet=st.characters(codec="ascii", categories=("L", "N")), min_size=1,
               max_size=20))
def test_any_code_of_letters_and_digits_keys_a_township_zone_department_or_regiment(code):
    for level in (Level.TOWNSHIP, Level.ZONE, Level.DEPARTMENT, Level.REGIMENT):
        assert check_unit_code(code, level) == code


def test_a_new_unit_names_every_field_that_is_wrong_at_its_row():
    with pytest.raises(InputError) as info:
        new_unit("x y", " ", "township", "91350100M000100Y44", line=7)
    assert {(p.field, p.line) for p in info.value.problems} == {
        ("code", 7), ("name", 7), ("credit_code", 7)}


def test_a_department_may_carry_its_credit_code():
    unit = new_unit("D01", "县市场监管局", "成员单位", "91350100m000100y43")
    assert unit.level is Level.DEPARTMENT and unit.credit_code == "91350100M000100Y43"


def test_a_unit_retired_within_a_period_stays_on_it_and_leaves_the_next():
    retired = dt.date(2026, 7, 1)
    assert on_roll(None, Period.parse("2030Q1"))
    assert on_roll(retired, Period.parse("2026Q2"))
    assert on_roll(retired, Period.parse("2026"))        # its first-half figures count there
    assert not on_roll(retired, Period.parse("2026Q3"))
    assert not on_roll(retired, Period.parse("2026H2"))
    assert on_roll(dt.date(2026, 7, 2), Period.parse("2026Q3"))


def test_an_office_s_area_is_named_by_the_last_character_of_its_name_else_by_its_level():
    from qdesk.core.units import place_word
    assert [place_word(name, level) for name, level in (
        ("盘山县", "county"), ("扬州市江都区", "county"), ("盘锦市", "prefecture"),
        ("第八师", "division"), ("某某", "province"))] == ["县", "区", "市", "师", "省"]


def test_the_units_under_an_office_are_named_together_by_their_levels():
    from qdesk.core.units import units_word
    assert units_word(["township", "township"]) == "各乡镇"
    assert units_word(["township", "zone"]) == "各乡镇和开发区"
    assert units_word(["county"]) == "各县区"
    assert units_word(["township", "department"]) == "各下级单位"
