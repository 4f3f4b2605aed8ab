import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.codes import (CREDIT_ALPHABET, check_credit_code, check_division_code,
                              credit_check_character, division_level)
from qdesk.core.errors import InputError


def test_division_codes():
    assert check_division_code("211122") == "211122"
    assert division_level("211122") == "county"
    assert division_level("211100") == "prefecture"
    assert division_level("210000") == "province"


@pytest.mark.parametrize("code", ["21112", "2111222", "21112a", "991122", "", "２１１１２２"])
def test_bad_division_codes_are_refused(code):
    with pytest.raises(InputError):
        check_division_code(code)


def test_standard_example_credit_code_passes():
    assert check_credit_code("91350100M000100Y43") == "91350100M000100Y43"


@pytest.mark.parametrize("code,reason", [("91350100M000100Y44", "校验码"),
                                         ("91350100M000100Y4", "18位"),
                                         ("91350100M0001O0Y43", "不允许")])
def test_bad_credit_codes_are_refused_with_the_reason(code, reason):
    with pytest.raises(InputError, match=reason):
        check_credit_code(code)


@given(st.text(CREDIT_ALPHABET, min_size=17, max_size=17))
def test_every_wrong_check_character_is_caught(first17):
    right = credit_check_character(first17)
    assert check_credit_code(first17 + right)
    for wrong in set(CREDIT_ALPHABET) - {right}:
        with pytest.raises(InputError):
            check_credit_code(first17 + wrong)
