"""Inputs the fuzz tests found mishandled in core: each is now refused, or read as meant."""

import datetime as dt
from decimal import Decimal

import pytest

from qdesk.core.calendar import due_date
from qdesk.core.documents import ReportKind
from qdesk.core.entries import read_entry
from qdesk.core.errors import InputError
from qdesk.core.numbers import parse_decimal
from qdesk.core.periods import Period
from qdesk.core.plan import Deadline, Kind
from tests.factories import indicator

RATE = indicator()
COUNT = indicator(code="B01", kind=Kind.COUNT, target=">= 2")
PERCENT = indicator(code="S01", kind=Kind.VALUE, target=">= 80", unit="%", over_units="mean",
                    over_time="mean")
DAYS = indicator(code="V01", kind=Kind.VALUE, target=">= 280", unit="天", over_units="mean",
                 over_time="mean")


@pytest.mark.parametrize("text", ["٣", "३", "5²", "²", "①", "𝟗", "½"])
def test_digits_of_other_scripts_superscripts_and_circled_digits_are_not_numbers(text):
    # NFKC read "5²" as 52 and "①" as 1; \d read Arabic-Indic digits.
    with pytest.raises(InputError, match="不是数字"):
        parse_decimal(text)


def test_full_width_digits_and_separators_are_still_read():
    assert parse_decimal("９５．５") == Decimal("95.5")
    assert parse_decimal("１，２００") == Decimal("1200")
    assert parse_decimal("－５") == Decimal("-5")


@pytest.mark.parametrize("numerator,denominator", [("9" * 20, "9" * 21),
                                                   ("0", str(2**63)),
                                                   ("1", "1" + "0" * 15)])
def test_a_rate_beyond_fifteen_digits_is_refused(numerator, denominator):
    # 2**63 and up made SQLite raise OverflowError when the entry was written.
    with pytest.raises(InputError) as info:
        read_entry(RATE, numerator, denominator)
    assert "过大" in info.value.render("zh")


def test_fifteen_digits_are_still_a_figure():
    value = read_entry(RATE, "9" * 15, "9" * 15)
    assert value.denominator == 10**15 - 1


@pytest.mark.parametrize("item,text", [(COUNT, "1" + "0" * 15), (DAYS, "-" + "9" * 16),
                                       (DAYS, "1" * 400)])
def test_a_value_beyond_fifteen_digits_is_refused(item, text):
    with pytest.raises(InputError) as info:
        read_entry(item, value=text)
    assert "过大" in info.value.render("zh")


@pytest.mark.parametrize("item,text,stored", [(COUNT, "-0", "0"), (PERCENT, "-0.0", "0.0"),
                                              (DAYS, "-0", "0"), (PERCENT, "－０", "0")])
def test_minus_zero_is_stored_as_zero(item, text, stored):
    assert str(read_entry(item, value=text).value) == stored


@pytest.mark.parametrize("deadline,period,due", [
    (Deadline(ReportKind.QUARTERLY, 31, months_after=1), "2020Q1", dt.date(2020, 4, 30)),
    (Deadline(ReportKind.QUARTERLY, 31, months_after=1), "2020Q2", dt.date(2020, 7, 31)),
    (Deadline(ReportKind.QUARTERLY, 30, months_after=2), "2019Q4", dt.date(2020, 2, 29)),
    (Deadline(ReportKind.HALF_YEAR, 31, month=6), "2021H1", dt.date(2021, 6, 30)),
])
def test_a_due_day_the_month_lacks_is_the_months_last_day(deadline, period, due):
    # A template may say day = 31 (templates allow 1..31): the calendar raised ValueError.
    assert due_date(deadline, Period.parse(period)) == due
