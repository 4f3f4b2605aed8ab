from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.errors import InputError
from qdesk.core.numbers import (Rounding, display, fixed6, parse_decimal, parse_whole, rate,
                                round_to)


def test_rate_is_exact():
    assert rate(18469, 20000) == Fraction(92345, 1000)


def test_half_up_and_half_even_differ_on_a_half():
    value = rate(18469, 20000)  # 92.345 %
    assert display(value, 2, Rounding.HALF_UP) == "92.35"
    assert display(value, 2, Rounding.HALF_EVEN) == "92.34"


def test_almost_ninety_shows_ninety():
    assert display(rate(179992, 200000), 2, Rounding.HALF_UP) == "90.00"


def test_no_binary_float_error_on_typical_half():
    # 2.675 is 2.67499999... as a float; exact arithmetic rounds it up.
    assert display(Fraction(2675, 1000), 2, Rounding.HALF_UP) == "2.68"
    assert display(Decimal("0.125"), 2, Rounding.HALF_EVEN) == "0.12"


def test_negative_halves_round_away_from_zero_under_half_up():
    assert round_to(Fraction(-5, 2), 0, Rounding.HALF_UP) == Decimal(-3)
    assert round_to(Fraction(-5, 2), 0, Rounding.HALF_EVEN) == Decimal(-2)


def test_display_of_nothing_is_empty():
    assert display(None, 1, Rounding.HALF_UP) == ""


def test_fixed6_writes_six_places():
    assert fixed6(rate(18469, 20000)) == "92.345000"
    assert fixed6(Fraction(1, 3)) == "0.333333"


@given(st.fractions(min_value=-10**6, max_value=10**6), st.integers(0, 4),
       st.sampled_from(list(Rounding)))
def test_rounding_moves_less_than_half_a_step(value, decimals, mode):
    rounded = round_to(value, decimals, mode)
    assert abs(Fraction(rounded) - value) <= Fraction(1, 2 * 10**decimals)
    assert rounded == rounded.quantize(Decimal(1).scaleb(-decimals))


@given(st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, places=4),
       st.integers(0, 3))
def test_half_even_matches_decimal_quantize(value, decimals):
    from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP
    step = Decimal(1).scaleb(-decimals)
    assert round_to(value, decimals, Rounding.HALF_EVEN) == value.quantize(step, ROUND_HALF_EVEN)
    assert round_to(value, decimals, Rounding.HALF_UP) == value.quantize(step, ROUND_HALF_UP)


@pytest.mark.parametrize("text,expected", [("12", "12"), ("12.50", "12.50"), ("-3", "-3"),
                                           ("１２．５", "12.5"), ("1,234", "1234"),
                                           ("1,234.5", "1234.5"), (" 7 ", "7"), (".5", "0.5")])
def test_decimals_are_read_exactly_as_typed(text, expected):
    assert parse_decimal(text) == Decimal(expected)
    assert str(parse_decimal(text)) == expected


@pytest.mark.parametrize("text", ["abc", "", "1,23", "12,34,5", "1.2.3", "1e5", "NaN", "∞",
                                  "12%", "十二"])
def test_text_is_not_a_number(text):
    with pytest.raises(InputError):
        parse_decimal(text)


def test_whole_numbers_refuse_fractions():
    assert parse_whole("1,200") == 1200
    with pytest.raises(InputError, match="不是整数"):
        parse_whole("12.5")
