from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.errors import InputError
from qdesk.core.targets import Basis, Target, resolve


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


@pytest.mark.parametrize("text", [">= abc", "=> 90", ">=", "5..3", "≥≥90", "== 1 2", "",
                                  "九十以上", "不低于90%以上", "5～3家", "== last-year"])
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
                                             ("≤5", "<= 5"), ("3～5", ">= 3 ~ 5"), ("＝＝0", "== 0")])
def test_targets_as_documents_write_them_are_read(written, grammar):
    assert str(Target.parse(written)) == grammar


@pytest.mark.parametrize("written,grammar", [
    ("≥90%", ">= 90"), (">=90", ">= 90"), ("不低于90%", ">= 90"), ("90%以上", ">= 90"),
    ("达到90%", ">= 90"), ("至少3家", ">= 3"), ("不高于5%", "<= 5"), ("不超过5", "<= 5"),
    ("5%以下", "<= 5"), ("控制在5%以内", "<= 5"), ("低于3", "< 3"), ("高于30%", "> 30"),
    ("超过30%", "> 30"), ("＝5项", "== 5"), ("== 5", "== 5"),
    ("3～5家", ">= 3 ~ 5"), ("3-5家", ">= 3 ~ 5"), ("争创3-5只", ">= 3 ~ 5"),
    (">= 3 ~ 5", ">= 3 ~ 5"), ("≥3家（争取5家）", ">= 3 ~ 5"), ("3..5", "3..5"),
    ("< last-year", "< last-year"), ("低于上年同期", "< last-year"), ("比上年下降", "< last-year"),
    ("> last-year", "> last-year"), ("高于上年", "> last-year"),
    ("> reference", "> reference"), ("高于全省平均水平", "> reference"),
    ("不低于全省平均", ">= reference"),
])
def test_targets_as_clerks_and_documents_write_them(written, grammar):
    assert str(Target.parse(written)) == grammar


@pytest.mark.parametrize("written,grammar", [("90", ">= 90"), ("95%", ">= 95"), ("100%", "== 100"),
                                             ("0", "== 0"), ("0起", "== 0")])
def test_a_bare_number_means_at_least_it_but_none_and_all_are_exact(written, grammar):
    assert str(Target.parse(written)) == grammar


@pytest.mark.parametrize("plan,typed,own", [(">= 90", "91", ">= 91"), ("≥90%", "91%", ">= 91"),
                                            ("<= 5", "4", "<= 4"), ("< 3", "2", "< 2"),
                                            ("== 0", "1", "== 1"), (">= 3 ~ 5", "4", ">= 4"),
                                            (">= 90", "不低于92", ">= 92")])
def test_a_bare_number_takes_the_comparison_of_the_target_it_stands_in_for(plan, typed, own):
    assert str(Target.parse(typed, like=Target.parse(plan))) == own


def test_one_notation_for_every_form():
    unit = {">= 90": "%", "> 30": "%", "== 100": "%", "3..5": "家", ">= 3 ~ 5": "家",
            "== 0": "起", "== 5": "项", "< last-year": "件", "> reference": "%"}
    assert {g: Target.parse(g).label(u) for g, u in unit.items()} == {
        ">= 90": "≥90%", "> 30": "＞30%", "== 100": "100%", "3..5": "3～5家",
        ">= 3 ~ 5": "≥3家（争取5家）", "== 0": "0起", "== 5": "＝5项", "< last-year": "＜上年同期",
        "> reference": "＞参照值"}


def test_an_aim_is_met_from_its_floor_on_and_never_missed_above_its_aim():
    aim = Target.parse("3～5家")
    assert [aim.is_met_by(n) for n in (2, 3, 4, 5, 6, 9)] == [False, True, True, True, True, True]
    assert not aim.is_met_by(Fraction(299, 100))


def test_a_band_binds_both_its_ends():
    band = Target.parse("3..5")
    assert [band.is_met_by(n) for n in (2, 3, 4, 5, 6)] == [False, True, True, True, False]
    assert band.is_met_by(Fraction(501, 100)) is False


def test_a_relative_target_is_judged_against_its_basis():
    below, above = Target.parse("< last-year"), Target.parse("> last-year")
    assert below.needs_basis and below.low is None and below.marks == ()
    assert below.is_met_by(9, basis=10) and not below.is_met_by(10, basis=10)
    assert above.is_met_by(Fraction(1001, 100), basis=10) and not above.is_met_by(10, basis=10)
    assert Target.parse(">= reference").is_met_by(10, basis=10)
    with pytest.raises(ValueError):
        below.is_met_by(9)


_NUMBERS = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False,
                       allow_infinity=False)
_UNITS = st.sampled_from(["", "%", "家", "项", "天", "万元", "起"])


@st.composite
def targets(draw: st.DrawFn) -> Target:
    form = draw(st.sampled_from(["bound", "band", "aim", "relative"]))
    if form == "relative":
        return Target(draw(st.sampled_from([">=", ">", "<=", "<"])), None,
                      basis=draw(st.sampled_from(list(Basis))))
    low = draw(_NUMBERS)
    if form == "bound":
        return Target(draw(st.sampled_from([">=", ">", "<=", "<", "=="])), low)
    high = draw(_NUMBERS.filter(lambda n: n > low))
    return Target("..", low, high) if form == "band" else Target(">=", low, aim=high)


@given(targets(), _UNITS)
def test_every_target_reads_back_from_its_grammar_and_from_its_label(target, unit):
    assert Target.parse(str(target)) == target
    shown = Target.parse(target.label(unit))
    if target.op == "..":
        # DESIGN §3: 3～5家 typed means the aim, as plans mean it; a band is typed 3..5.
        assert shown == Target(">=", target.low, aim=target.high)
    else:
        assert shown == target


def test_a_band_is_written_back_as_the_grammar_every_other_target_as_shown():
    assert Target.parse("3..5").written("家") == "3..5"
    assert Target.parse(">= 3 ~ 5").written("家") == "≥3家（争取5家）"
    assert Target.parse(">= 90").written("%") == "≥90%"
