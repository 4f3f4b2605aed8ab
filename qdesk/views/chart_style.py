"""The charts' colours, line widths and text sizes: one set for the screen and for paper."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MET = "#2f5597"
NOT_MET = "#c55a11"
NO_DATA = "#7f7f7f"
# 无此项 (not applicable): a slate grey, darker than no data's, so the two part in greyscale too.
NOT_APPLICABLE = "#56687e"
TARGET = "#c00000"
INK = "#1f1f1f"
CHOSEN_PERIOD = "#dddddd"

# Several lines on one chart: each its own colour, marker and dash, so they stay apart when a
# report is printed or copied in black and white. None of the colours is the target's red.
# The last two dashes are matplotlib's (offset, (on, off, ...)): long dashes, dash-dot-dot.
SERIES: tuple[tuple[str, str, str | tuple[float, tuple[float, ...]]], ...] = (
    ("#2f5597", "o", "-"), ("#c55a11", "s", "--"), ("#548235", "^", "-."),
    ("#7030a0", "D", ":"), ("#806000", "v", (0, (8, 2))),
    ("#1f7f8f", "P", (0, (5, 1.5, 1, 1.5, 1, 1.5))))

# A hatch for the bars of figures not met, so they part from the met ones without colour.
NOT_MET_HATCH = "///"
TARGET_DASH: Final = "--"

VALUE_LINE = 1.5
VALUE_MARKER = 4
MISSED_MARKER = 6
TARGET_LINE = 1.2
TARGET_MARK = 1.6
GRID_LINE = 0.3
BAR_HEIGHT = 0.6


@dataclass(frozen=True)
class TextSizes:
    """Text sizes in points, by what the text is."""

    small: float        # figures beside bars, legends, ticks
    label: float        # axis labels, the units' names
    message: float      # a chart's "nothing to show"
    title: float


# On paper no text is smaller than 五号 (10.5 pt) as printed; the report's charts are drawn
# at the size they are printed, so these are the printed sizes.
PAPER = TextSizes(small=10.5, label=10.5, message=12, title=12)
# The screen's charts are small panes read from up close.
SCREEN = TextSizes(small=8, label=9, message=10, title=11)
