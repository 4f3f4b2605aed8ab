"""The charts' colours, line widths and text sizes: one set for the screen and for paper."""

from __future__ import annotations

from dataclasses import dataclass

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
SERIES = (("#2f5597", "o", "-"), ("#c55a11", "s", "--"), ("#548235", "^", "-."),
          ("#7030a0", "D", ":"), ("#806000", "v", "-"), ("#1f7f8f", "P", "--"))

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


PAPER = TextSizes(small=7, label=8, message=9, title=10)
# A screen's pixels are far coarser than print at 300 DPI: its text is a point larger.
SCREEN = TextSizes(small=PAPER.small + 1, label=PAPER.label + 1, message=PAPER.message + 1,
                   title=PAPER.title + 1)
