from decimal import Decimal
from fractions import Fraction

import pytest

from qdesk.core.errors import InputError
from qdesk.core.targets import Target, resolve


@pytest.mark.parametrize("text,inside,outside", [
    (">= 90", [90, 95], [Fraction(89996, 1000)]),
    ("> 30", [Fraction(3001, 100)], [30]),
    ("<= 5", [5, 0], [Fraction(501, 100)]),
    ("< 5", [Fraction(499, 100)], [5]),
    ("== 0", [0], [1]),
    ("== 100", [100], [Fraction(9999, 100)]),
    ("3..5", [3, 4, 5], [Fraction(299, 100), 6]),
    (">=92.5", [Fraction(925, 10)], [Fraction(9249, 100)]),
])
def test_target_grammar(text, inside, outside):
    target = Target.parse(text)
    assert all(target.is_met_by(v) for v in inside)
    assert not any(target.is_met_by(v) for v in outside)


@pytest.mark.parametrize("text", [">= abc", "=> 90", "90", ">=", "5..3", "≥≥90", "== 1 2", "",
                                  "90%以上"])
def test_unparseable_targets_are_refused(text):
    with pytest.raises(InputError) as info:
        Target.parse(text)
    assert ">= N" in info.value.render("en")


def test_targets_print_as_written_and_as_documents_write_them():
    assert str(Target.parse(">=90")) == ">= 90"
    assert Target.parse(">= 90").label("%") == "≥90%"
    assert Target.parse("== 100").label("%") == "100%"
    assert Target.parse("3..5").label("项") == "3～5项"


def test_target_resolution_order():
    standing, y2017 = Target.parse(">= 90"), Target.parse(">= 89")
    own, own2017 = Target.parse(">= 92"), Target.parse(">= 91")
    assert resolve(standing, {2017: y2017}, 2018) is standing
    assert resolve(standing, {2017: y2017}, 2017) is y2017
    assert resolve(standing, {2017: y2017}, 2017, {None: own}) is own
    assert resolve(standing, {2017: y2017}, 2017, {None: own, 2017: own2017}) is own2017
    assert resolve(standing, {2017: y2017}, 2018, {2017: own2017}) is standing


def test_decimal_bounds_are_exact():
    assert Target.parse(">= 0.1").low == Decimal("0.1")
    assert Target.parse(">= 0.1").is_met_by(Fraction(1, 10))


@pytest.mark.parametrize("written,grammar", [("≥90", ">= 90"), ("≥ 96%", ">= 96"), ("＞30", "> 30"),
                                             ("≤5", "<= 5"), ("3～5", "3..5"), ("＝＝0", "== 0")])
def test_targets_as_documents_write_them_are_read(written, grammar):
    assert str(Target.parse(written)) == grammar
