import re
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdesk.reports.linebreak import Line, break_lines, positions

# 28 characters of 3号 with about -0.2 pt letter spacing: 27 full-width characters fit, 28 do not.
WIDTH = 28 * 15.8
EPSILON = 1e-6

# The marks of the brief, written out here so the tests do not trust the module's own sets.
CLOSING = "。，、；：？！）》」』】〕〗〉”’…—·％‰℃" + ",.;:?!)]}%"
OPENING = "（《「『【〔〖〈“‘" + "([{"

FILLER = ("质量工作领导小组办公室按照年度计划对各单位质量指标完成情况进行了统计分析现将有关情况通报如下"
          "各单位要高度重视认真对照目标查找差距")

# Runs that must never be split, as long as they fit on a line.
DASHES = re.compile(r"—{2,}|…{2,}")
WORDS = re.compile(r"[0-9A-Za-z]+(?:(?:[./:\-]|(?<=[0-9]),(?=[0-9]))[0-9A-Za-z]+)*%?")


def advance(ch: str) -> float:
    return 8.0 if ch.isascii() else 16.0


def width_of(text: str) -> float:
    return sum(map(advance, text))


def cjk(count: int) -> str:
    assert count <= len(FILLER)
    return FILLER[:count]


def breaks(lines: list[Line]) -> list[int]:
    """Offsets in the paragraph where one line ends and the next starts."""
    offsets, offset = [], 0
    for line in lines[:-1]:
        offset += len(line.text)
        offsets.append(offset)
    return offsets


def assert_unsplit(pattern: re.Pattern[str], text: str, lines: list[Line], width: float) -> None:
    cuts = breaks(lines)
    for match in pattern.finditer(text):
        if width_of(match.group()) <= width:
            assert not [cut for cut in cuts if match.start() < cut < match.end()], match.group()


def assert_laid_out(lines: list[Line], text: str, width: float = WIDTH,
                    first_indent: float = 0.0) -> None:
    """What holds for any paragraph: nothing lost, nothing overhangs, runs kept whole."""
    assert "".join(line.text for line in lines) == text
    assert all(line.text for line in lines)
    assert [line.last for line in lines] == [False] * (len(lines) - 1) + [True]
    for index, line in enumerate(lines):
        assert line.natural == pytest.approx(width_of(line.text))
        room = width - first_indent if index == 0 else width
        assert line.natural <= room + EPSILON
    assert_unsplit(DASHES, text, lines, width)
    assert_unsplit(WORDS, text, lines, width)


def assert_keeps_the_rules(lines: list[Line]) -> None:
    for line in lines[1:]:
        assert line.text[0] not in CLOSING, line.text
    for line in lines[:-1]:
        assert line.text[-1] not in OPENING, line.text


# Each line but the last breaks at a trap: the naive break would put a closing mark at the start
# of the next line, an opening mark at the end of this one, or cut a dash, an ellipsis or a number.
TEMPTING_LINES = [
    cjk(26),                          # "为，": the comma would start the next line
    "为，" + cjk(24),                 # "成。": the full stop would start the next line
    "成。" + cjk(23),                 # "好。”": the quote pulls down "。" and then "好"
    "好。”" + cjk(23),                # "“要": the opening quote would end the line
    "“要”" + cjk(23),                 # "（一）": the opening bracket would end the line
    "（一）" + cjk(22),               # "是——": the dash would be split
    "是——" + cjk(22),                 # "等……": the ellipsis would be split
    "等……" + cjk(22),                 # "92.35%，": the number would be split
    "92.35%，" + cjk(20) + "GB/T ",   # "9704-2012" would be split
    "9704-2012" + cjk(20),            # "(P0123)": the ")" would start the next line
    "(P0123)" + cjk(10) + "。",
]
TEMPTING = "".join(TEMPTING_LINES)


def test_tempting_paragraph_breaks_before_each_trap():
    lines = break_lines(TEMPTING, WIDTH, advance)
    assert [line.text for line in lines] == TEMPTING_LINES
    # Every break came early: each line still had room for the next character.
    for line, after in zip(lines, lines[1:]):
        assert line.natural + advance(after.text[0]) <= WIDTH


def test_tempting_paragraph_keeps_every_rule():
    lines = break_lines(TEMPTING, WIDTH, advance)
    assert_laid_out(lines, TEMPTING)
    assert_keeps_the_rules(lines)


@pytest.mark.parametrize("mark", list(CLOSING))
def test_closing_mark_never_starts_a_line(mark):
    # The mark is the first character that no longer fits; the unit before it goes down with it.
    fill, before = (cjk(26), "为") if advance(mark) == 16.0 else (cjk(25), "abcde")
    lines = break_lines(fill + before + mark + cjk(5), WIDTH, advance)
    assert [line.text for line in lines] == [fill, before + mark + cjk(5)]


@pytest.mark.parametrize("mark", list(OPENING))
def test_opening_mark_never_ends_a_line(mark):
    # The mark just fits as the last character; the character after it does not.
    text = (cjk(26) if advance(mark) == 16.0 else cjk(26) + "ab") + mark + cjk(5)
    lines = break_lines(text, WIDTH, advance)
    assert len(lines) == 2
    assert lines[1].text.startswith(mark + cjk(1))


def test_two_closing_marks_pull_two_characters_down():
    text = cjk(25) + "好。”" + cjk(3)
    assert [line.text for line in break_lines(text, WIDTH, advance)] == [cjk(25), "好。”" + cjk(3)]


def test_space_never_starts_a_line():
    # The space is the first character that no longer fits: the word before it goes down too.
    lines = break_lines(cjk(25) + "abcde " + cjk(5), WIDTH, advance)
    assert [line.text for line in lines] == [cjk(25), "abcde " + cjk(5)]


def test_latin_run_wider_than_the_line_is_broken_by_characters():
    run = "x" * 100
    lines = break_lines(cjk(10) + run + cjk(2), WIDTH, advance)
    # The run starts on the first line, fills every line it crosses, and no line overhangs.
    assert [line.text for line in lines] == [cjk(10) + "x" * 35, "x" * 55, "x" * 10 + cjk(2)]
    assert_laid_out(lines, cjk(10) + run + cjk(2))


def test_run_without_a_legal_break_wider_than_the_line_keeps_its_dashes_whole():
    text = "好" + "，——" * 20
    lines = break_lines(text, WIDTH, advance)
    assert_laid_out(lines, text)


def test_first_indent_narrows_only_the_first_line():
    lines = break_lines(cjk(60), WIDTH, advance, first_indent=32.0)
    assert [len(line.text) for line in lines] == [25, 27, 8]


def test_empty_text_gives_no_lines():
    assert break_lines("", WIDTH, advance) == []


def test_short_text_is_one_last_line():
    assert break_lines("好。", WIDTH, advance) == [Line("好。", 32.0, True)]


def test_ten_pages_break_in_well_under_twenty_milliseconds():
    text = (TEMPTING * 20)[:5000]
    best = min(_timed(lambda: break_lines(text, WIDTH, advance, 32.0)) for _ in range(5))
    # Generous against a loaded test machine; the measured time is a few milliseconds.
    assert best < 0.02


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# --- positions -------------------------------------------------------------------------------

def test_justified_line_ends_exactly_at_the_width():
    lines = break_lines(TEMPTING, WIDTH, advance)
    for line in lines[:-1]:
        xs = positions(line, WIDTH, advance)
        assert xs[0] == 0.0
        assert xs[-1] + advance(line.text[-1]) == pytest.approx(WIDTH, abs=1e-6)


def test_justified_first_line_starts_at_its_indent():
    line = break_lines(cjk(60), WIDTH, advance, first_indent=32.0)[0]
    xs = positions(line, WIDTH, advance, indent=32.0)
    assert xs[0] == 32.0
    assert xs[-1] + advance(line.text[-1]) == pytest.approx(WIDTH, abs=1e-6)


def test_last_line_is_not_justified():
    line = break_lines(TEMPTING, WIDTH, advance)[-1]
    assert line.last
    assert positions(line, WIDTH, advance, indent=10.0) == [
        10.0 + width_of(line.text[:index]) for index in range(len(line.text))]


def test_unjustified_line_follows_the_advances():
    line = break_lines(TEMPTING, WIDTH, advance)[0]
    xs = positions(line, WIDTH, advance, justify=False)
    assert xs == [16.0 * index for index in range(len(line.text))]


# --- properties ------------------------------------------------------------------------------

ideographs = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
latin_words = st.one_of(
    st.text(string.ascii_letters + string.digits, min_size=1, max_size=10),
    st.sampled_from(["92.35%", "GB/T", "9704-2012", "P01", "2026", "3.14", "1,000"]),
)


@st.composite
def items(draw) -> str:
    """An ideograph or a Latin word, with at most one opening mark before it and one closing mark
    (or "——" or "……") after it. A Latin word always ends in a space so two never run together:
    every boundary between items is then a legal break."""
    opening = draw(st.sampled_from(["", *OPENING]))
    latin = draw(st.booleans())
    base = draw(latin_words if latin else ideographs)
    closing = draw(st.sampled_from(["", *CLOSING, "——", "……"]))
    space = " " if latin or draw(st.integers(0, 9)) == 0 else ""
    return opening + base + closing + space


well_formed = st.lists(items(), min_size=1, max_size=150)
indents = st.sampled_from([0.0, 32.0])


@settings(max_examples=300)
@given(well_formed, indents)
def test_well_formed_paragraphs_keep_every_rule(pieces, first_indent):
    text = "".join(pieces)
    lines = break_lines(text, WIDTH, advance, first_indent)
    assert_laid_out(lines, text, first_indent=first_indent)
    assert_keeps_the_rules(lines)


@settings(max_examples=300)
@given(well_formed, indents)
def test_lines_are_only_as_short_as_the_widest_unbreakable_piece_forces(pieces, first_indent):
    # A line ends only when the next run with no legal break in it does not fit, and no such run
    # is wider than one item (a word or an ideograph with its marks).
    text = "".join(pieces)
    widest = max(map(width_of, pieces))
    lines = break_lines(text, WIDTH, advance, first_indent)
    for index, line in enumerate(lines[:-1]):
        room = WIDTH - first_indent if index == 0 else WIDTH
        assert line.natural > room - widest - EPSILON


any_characters = st.one_of(
    ideographs,
    st.sampled_from(CLOSING + OPENING),
    st.sampled_from(string.ascii_letters + string.digits),
    st.just(" "),
)


@settings(max_examples=300)
@given(st.text(any_characters, max_size=400), indents)
def test_any_text_is_laid_out_whole_without_overhang(text, first_indent):
    lines = break_lines(text, WIDTH, advance, first_indent)
    if text:
        assert_laid_out(lines, text, first_indent=first_indent)
    else:
        assert lines == []


@settings(max_examples=300)
@given(st.text(any_characters, max_size=400), st.booleans())
def test_any_text_only_breaks_against_the_rules_when_a_run_fills_the_line(text, narrow):
    # When a break falls where the rules forbid it, the line before must be full to within one
    # unit: the breaker only does that inside a run with no legal break that is wider than a line.
    width = 8 * 15.8 if narrow else WIDTH
    lines = break_lines(text, width, advance)
    for line, after in zip(lines, lines[1:]):
        if after.text[0] in CLOSING or line.text[-1] in OPENING:
            assert line.natural + width_of(_first_unit(after.text)) > width - EPSILON


def _first_unit(text: str) -> str:
    match = DASHES.match(text) or WORDS.match(text)
    return match.group() if match else text[0]


@settings(max_examples=300)
@given(well_formed, indents)
def test_positions_increase_and_justified_lines_end_at_the_width(pieces, first_indent):
    lines = break_lines("".join(pieces), WIDTH, advance, first_indent)
    for index, line in enumerate(lines):
        indent = first_indent if index == 0 else 0.0
        xs = positions(line, WIDTH, advance, indent)
        assert xs[0] == indent
        assert all(a < b for a, b in zip(xs, xs[1:]))
        end = xs[-1] + advance(line.text[-1])
        if line.last:
            assert end == pytest.approx(indent + line.natural, abs=1e-6)
        elif len(line.text) > 1:
            assert end == pytest.approx(WIDTH, abs=1e-6)
