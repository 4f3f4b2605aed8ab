from decimal import Decimal

import pytest

from qdesk.core.entries import (NONE_ENTRY, check_entry_period, check_reference_period,
                                 read_entry, read_reference)
from qdesk.core.errors import InputError
from qdesk.core.numbers import NOT_APPLICABLE
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Kind
from tests.factories import indicator, plan

RATE = indicator()
COUNT = indicator(code="B01", kind=Kind.COUNT, target=">= 2")
VALUE = indicator(code="S01", kind=Kind.VALUE, target=">= 80", unit="%", over_units="mean",
                  over_time="mean")
DAYS = indicator(code="V01", kind=Kind.VALUE, target=">= 280", unit="天", over_units="mean",
                 over_time="mean")
FLAG = indicator(code="V02", kind=Kind.FLAG, target="== 1", unit="", over_units="min",
                 over_time="last")


def refusal(*args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_entry(*args, **kwargs)
    return info.value.render("zh")


def test_a_rate_is_two_whole_numbers():
    value = read_entry(RATE, "1,846", "2000")
    assert (value.numerator, value.denominator) == (1846, 2000)


def test_numerator_above_denominator_is_refused():
    assert "大于抽查批次" in refusal(RATE, "101", "100")


def test_zero_denominator_is_refused():
    assert "抽查批次必须大于0" in refusal(RATE, "0", "0")


def test_a_rate_refuses_a_value_and_text_and_fractions():
    assert "分子和分母" in refusal(RATE, value="95")
    assert "不是数字" in refusal(RATE, "abc", "100")
    assert "不是整数" in refusal(RATE, "9.5", "100")
    assert "不能为负数" in refusal(RATE, "-1", "100")


def test_every_problem_is_reported_at_once():
    problems = refusal(RATE, "abc", "")
    assert "不是数字" in problems and "缺少抽查批次" in problems


def test_counts_are_whole_and_not_negative():
    assert read_entry(COUNT, value="3").value == 3
    assert read_entry(COUNT, value="12.0").value == 12
    assert "不是整数" in refusal(COUNT, value="12.5")
    assert "不能为负数" in refusal(COUNT, value="-1")


def test_values_are_kept_as_typed_and_percentages_stay_in_range():
    assert read_entry(VALUE, value="85.25").value == Decimal("85.25")
    assert read_entry(DAYS, value="300").value == 300
    assert "超出0至100" in refusal(VALUE, value="101")
    assert "不是数字" in refusal(VALUE, value="八十")


def test_flags():
    assert read_entry(FLAG, value="是").value == 1
    assert read_entry(FLAG, value="0").value == 0
    assert "是/否" in refusal(FLAG, value="maybe")


def test_entry_periods_follow_the_indicator_frequency_and_the_plan():
    p = plan(RATE, COUNT, start=2024, end=2027)
    check_entry_period(p, RATE, Period.parse("2026Q3"))
    with pytest.raises(InputError, match="按季度填报"):
        check_entry_period(p, RATE, Period.parse("2026"))
    with pytest.raises(InputError, match="不在方案年限"):
        check_entry_period(p, RATE, Period.parse("2030Q1"))
    annual = indicator(code="A", frequency=Frequency.ANNUAL)
    with pytest.raises(InputError, match="按年度填报"):
        check_entry_period(plan(annual), annual, Period.parse("2026Q4"))


def test_a_rates_reference_figure_is_its_percentage_as_typed():
    rate = indicator(code="P05")
    assert read_reference(rate, " 93.50 ") == Decimal("93.50")
    assert read_reference(rate, "93.5%") == Decimal("93.5")


@pytest.mark.parametrize("text, words", [
    ("", "缺少参照值"), ("高", "不是数字"), ("101", "超出0至100"), ("-1", "不能为负数")])
def test_a_rates_reference_figure_that_is_no_percentage_is_refused(text, words):
    with pytest.raises(InputError) as caught:
        read_reference(indicator(code="P05"), text)
    assert words in caught.value.render("zh")
    assert caught.value.problems[0].field == "reference"


def test_a_counts_reference_figure_may_be_an_average_but_not_negative():
    count = indicator(code="C01", kind=Kind.COUNT, unit="件", decimals=0)
    assert read_reference(count, "3.5") == Decimal("3.5")
    with pytest.raises(InputError, match="不能为负数"):
        read_reference(count, "-2")


def test_a_values_reference_figure_may_be_negative():
    value = indicator(code="V01", kind=Kind.VALUE, unit="亿元", decimals=1)
    assert read_reference(value, "-1.5") == Decimal("-1.5")


def test_a_reference_figure_is_for_the_indicators_own_periods_or_longer_ones():
    quarterly = indicator(code="P05")
    annual = indicator(code="P06", frequency=Frequency.ANNUAL)
    the_plan = plan(quarterly, annual)
    check_reference_period(the_plan, quarterly, Period.parse("2026Q3"))
    check_reference_period(the_plan, quarterly, Period.parse("2026"))
    with pytest.raises(InputError, match="2026Q3"):
        check_reference_period(the_plan, annual, Period.parse("2026Q3"))
    with pytest.raises(InputError, match="不在方案年限"):
        check_reference_period(the_plan, quarterly, Period.parse("2030"))


@pytest.mark.parametrize("cells", [{"numerator": "无"}, {"numerator": "无此项", "denominator": " "},
                                   {"denominator": "本期无此项"}, {"none": True}])
def test_nothing_to_count_is_typed_as_a_word_in_any_figure_cell_or_asked_for(cells):
    value = read_entry(RATE, **cells)
    assert value == NONE_ENTRY and not value.applicable
    assert value.measure() is NOT_APPLICABLE
    assert read_entry(COUNT, value="无") == NONE_ENTRY


def test_nothing_to_count_with_a_figure_in_the_same_row_is_refused():
    assert "“无此项”与数据不能同时填写" in refusal(RATE, "无", "100")
    assert "“无此项”与数据不能同时填写" in refusal(COUNT, value="3", none=True)


def test_a_yes_no_is_never_nothing_to_count():
    assert "不存在“无此项”" in refusal(FLAG, value="无此项")
    assert "不存在“无此项”" in refusal(FLAG, none=True)


def test_a_zero_denominator_says_how_to_record_nothing_to_count():
    assert "请记为“无此项”" in refusal(RATE, "0", "0")
    with pytest.raises(InputError) as info:
        read_entry(RATE, "0", "0")
    assert "--none" in info.value.render("en")
