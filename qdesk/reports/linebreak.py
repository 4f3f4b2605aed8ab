"""Line breaking of Chinese paragraphs by GB/T 15834 (避头尾), and inter-character justification."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# Closing marks (GB/T 15834 点号 and closing 标号), full- and half-width: none may start a line.
NO_START = frozenset("。，、；：？！）》」』】〕〗〉”’…—·％‰℃］｝" ",.;:?!)]}%")
# Opening quotes and brackets: none may end a line.
NO_END = frozenset("（《「『【〔〖〈“‘［｛" "([{")

# A space at the head of a line would read as an indent, so it stays at the end of the line before.
_GLUED_TO_PREVIOUS = NO_START | frozenset(" \u3000")


def _one_of(chars: frozenset[str]) -> str:
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


# The units that are never split: a run of "——" or "……", a Latin word or a number (with its
# decimal point, thousands separators, sign, "/" of "GB/T", "-" of "9704-2012" and trailing
# percent), otherwise a single character.
_UNIT_PATTERN = (
    r"—{2,}|…{2,}"
    r"|(?:[-+](?=[0-9]))?[0-9A-Za-z]+(?:(?:[./:\-_&']|(?<=[0-9]),(?=[0-9]))[0-9A-Za-z]+)*%?"
    r"|."
)
_UNIT = re.compile(_UNIT_PATTERN, re.DOTALL)
# Runs with no legal break inside: a break is legal between two units unless the first is an
# opening mark or the second starts with a closing mark or a space. So a run is any opening marks,
# one unit, then every unit glued to it. Matching these in one regex keeps ten pages in C.
_RUN = re.compile(
    f"{_one_of(NO_END)}*(?:{_UNIT_PATTERN})(?:—{{2,}}|…{{2,}}|{_one_of(_GLUED_TO_PREVIOUS)})*",
    re.DOTALL,
)

# Float sums of advances such as 28 × 15.8 land a hair either side of the width.
_EPSILON = 1e-6


@dataclass(frozen=True)
class Line:
    text: str
    natural: float  # sum of the advances of its characters
    last: bool  # last line of the paragraph (not justified)


class _Advances(dict[str, float]):
    """The caller's advance function, asked once per distinct character of a paragraph."""

    def __init__(self, advance: Callable[[str], float]) -> None:
        super().__init__()
        self._advance = advance

    def __missing__(self, ch: str) -> float:
        width = self[ch] = self._advance(ch)
        return width

    def of(self, text: str) -> float:
        return sum(map(self.__getitem__, text))


class _Filler:
    """Lines being filled greedily; the first line is `first_indent` narrower than the rest."""

    def __init__(self, width: float, first_indent: float) -> None:
        self.width = width
        self.room = width - first_indent
        self.lines: list[tuple[str, float]] = []
        self.parts: list[str] = []
        self.natural = 0.0

    def fits(self, advance: float) -> bool:
        return self.natural + advance <= self.room + _EPSILON

    def add(self, text: str, advance: float) -> None:
        self.parts.append(text)
        self.natural += advance

    def new_line(self) -> None:
        self.lines.append(("".join(self.parts), self.natural))
        self.parts = []
        self.natural = 0.0
        self.room = self.width

    def place(self, text: str, advance: float) -> bool:
        """Put `text` on this line or, if it fits a whole line, on the next; False if it fits neither."""
        if self.fits(advance):
            self.add(text, advance)
            return True
        if self.parts and advance <= self.width + _EPSILON:
            self.new_line()
            self.add(text, advance)
            return True
        return False


def break_lines(
    text: str, width: float, advance: Callable[[str], float], first_indent: float = 0.0
) -> list[Line]:
    """Break one paragraph into lines of at most `width` points, filled greedily.

    first_indent = extra space before the first line (e.g. two characters of 首行缩进), taken from its
    width. A line that would start with a closing mark takes the unit before it along (and so on),
    which is the same as breaking only where the rules allow; only a run with no legal break that is
    wider than a whole line is broken between its units, and a unit wider than a line between its
    characters.
    """
    if not text:
        return []
    advances = _Advances(advance)
    filler = _Filler(width, first_indent)
    for run in _RUN.findall(text):
        if filler.place(run, advances.of(run)):
            continue
        # No break in this run is legal and it is wider than a line: the least harm is to keep its
        # units whole and fill the lines, as a typesetter would with an over-long word.
        for unit in _UNIT.findall(run):
            if filler.place(unit, advances.of(unit)):
                continue
            for ch in unit:
                if not filler.place(ch, advances[ch]):
                    # A character wider than the room of an empty line fits nowhere; it stands
                    # alone rather than be lost.
                    if filler.parts:
                        filler.new_line()
                    filler.add(ch, advances[ch])
    filler.new_line()
    count = len(filler.lines)
    return [
        Line(line_text, natural, index == count - 1)
        for index, (line_text, natural) in enumerate(filler.lines)
    ]


def positions(
    line: Line,
    width: float,
    advance: Callable[[str], float],
    indent: float = 0.0,
    justify: bool = True,
) -> list[float]:
    """x offset of each character of the line from the left of the type area.

    When justify and not line.last, the spare space (width - indent - natural) is spread evenly over
    the gaps between characters so the last character ends exactly at `width`; otherwise characters
    follow each other from `indent`.
    """
    gaps = len(line.text) - 1
    spread = 0.0
    if justify and not line.last and gaps > 0:
        # Never negative: a line already wider than its room is set as it is, not squeezed.
        spread = max(0.0, width - indent - line.natural) / gaps
    offsets: list[float] = []
    x = indent
    for index, ch in enumerate(line.text):
        offsets.append(x + index * spread)
        x += advance(ch)
    return offsets
