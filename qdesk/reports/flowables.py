"""Text on the document grid: paragraphs broken after GB/T 15834 and set character by character."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TypedDict

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from qdesk.reports.layout import BODY_SIZE, LETTER_SPACING, PITCH
from qdesk.reports.linebreak import Line, break_lines, positions


@dataclass(frozen=True)
class Run:
    """A stretch of text in one font: a paragraph may open with a heading run (（一）… in 楷体)."""

    text: str
    font: str


@dataclass(frozen=True)
class SetLine:
    """A line ready to draw: each character with its font and x offset from the frame's left."""

    chars: tuple[tuple[str, str, float], ...]
    size: float


def _advance_for(size: float, spacing: float, font_of: Callable[[int], str], text: str
                 ) -> Callable[[str], float]:
    cache: dict[tuple[str, str], float] = {}
    # The breaker asks by character; every character of a paragraph is measured in the font
    # of the run that holds its first occurrence, which for CJK text (1 em each) is exact.
    first_font: dict[str, str] = {}
    for index, ch in enumerate(text):
        first_font.setdefault(ch, font_of(index))

    def advance(ch: str) -> float:
        font = first_font.get(ch) or font_of(0)
        key = (ch, font)
        if key not in cache:
            cache[key] = stringWidth(ch, font, size) + spacing
        return cache[key]

    return advance


class Layout(TypedDict, total=False):
    """How `set_lines` places a paragraph, as a caller passes it through by keyword."""

    size: float
    align: str
    first_indent: float
    left: float
    right: float
    spacing: float


def set_lines(runs: list[Run], width: float, size: float = BODY_SIZE, align: str = "justify",
              first_indent: float = 0.0, left: float = 0.0, right: float = 0.0,
              spacing: float = LETTER_SPACING) -> list[SetLine]:
    """Break runs into lines across `width` and place every character.

    align: justify (the body), left, center or right. Indents are in points.
    """
    text = "".join(r.text for r in runs)
    if not text:
        return []
    fonts: list[str] = []
    for run in runs:
        fonts.extend([run.font] * len(run.text))
    advance = _advance_for(size, spacing, lambda i: fonts[i], text)
    # Every advance carries one letter space; the last character's is not ink, so the line
    # may reach `spacing` further (the epsilon keeps an exactly full line from spilling).
    usable = width - left - right + spacing + 1e-6
    lines: list[Line] = break_lines(text, usable, advance, first_indent)
    result = []
    start = 0
    for number, line in enumerate(lines):
        indent = first_indent if number == 0 else 0.0
        if align == "justify":
            xs = positions(line, usable, advance, indent, justify=True)
        else:
            xs = positions(line, usable, advance, indent, justify=False)
            spare = usable - indent - line.natural
            shift = {"left": 0.0, "center": spare / 2, "right": spare}[align]
            xs = [x + shift for x in xs]
        result.append(SetLine(tuple((ch, fonts[start + i], left + x)
                                    for i, (ch, x) in enumerate(zip(line.text, xs))), size))
        start += len(line.text)
    return result


class GridText(Flowable):
    """Lines of text, one grid pitch each, that split between pages at any line."""

    def __init__(self, lines: list[SetLine], keep_first: int = 0) -> None:
        """keep_first: lines that must stay on one page (a heading and two lines of its text)."""
        super().__init__()
        self.lines = lines
        self.keep_first = keep_first

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, len(self.lines) * PITCH

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fit = int((avail_height + 1e-6) // PITCH)
        if fit <= 0 or fit >= len(self.lines) or fit < self.keep_first:
            return []
        return [GridText(self.lines[:fit]), GridText(self.lines[fit:])]

    def draw(self) -> None:
        canvas = self.canv
        top = len(self.lines) * PITCH
        current = None
        for number, line in enumerate(self.lines):
            # Centre the em box in the pitch: the baseline sits 0.12 em above the box bottom.
            baseline = top - (number + 1) * PITCH + (PITCH - line.size) / 2 + 0.12 * line.size
            for ch, font, x in line.chars:
                if (font, line.size) != current:
                    canvas.setFont(font, line.size)
                    current = (font, line.size)
                canvas.drawString(x, baseline, ch)


class BlankLine(Flowable):
    """One empty line of the grid (空一行)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, PITCH

    def draw(self) -> None:
        pass
