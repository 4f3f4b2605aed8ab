from qdesk.core.plan import Kind
from qdesk.core.target_sums import shortfall, shortfall_warnings
from qdesk.core.targets import Target
from tests.factories import indicator, plan



def own(text):
    return {None: Target.parse(text)}


def awards():
    from qdesk.core.periods import Frequency

    return indicator(code="C03", kind=Kind.COUNT, target=">= 4", frequency=Frequency.ANNUAL,
                     unit="项")


def test_three_towns_at_one_award_each_come_short_of_the_districts_four():
    assert shortfall(awards(), 2026, [own(">= 1")] * 3) == (3, 4)


def test_units_that_add_up_to_the_office_target_raise_nothing():
    assert shortfall(awards(), 2026, [own(">= 1"), own(">= 1"), own("2～3项")]) is None
    assert shortfall(awards(), 2026, [own(">= 1"), None, own(">= 1")]) is None  # a unit at 4


def test_only_summed_lower_bounds_are_added():
    rate = indicator(target=">= 90")
    assert shortfall(rate, 2026, [own(">= 1")] * 3) is None
    assert shortfall(awards(), 2026, [own(">= 1"), own("< last-year")]) is None
    assert shortfall(awards(), 2026, []) is None


def test_the_warning_names_the_indicator_and_both_sums():
    warnings = shortfall_warnings(plan(awards()), 2026, [{"C03": own(">= 1")}] * 3)
    assert [w.render("zh") for w in warnings] == [
        "C03 指标C03：各单位2026年目标合计3项，少于本级目标4项"]
