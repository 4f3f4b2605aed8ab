"""Charts for the reports: matplotlib Figure + Agg (never pyplot), Chinese labels in the report's fonts."""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from qdesk.views import chart_style as style
from qdesk.views.chart_style import INK, MET, NOT_MET, PAPER, TARGET

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from qdesk.core.periods import Period

DPI = 300
_LOADING = threading.Lock()


def load_matplotlib() -> None:
    """Import the parts of matplotlib the charts draw with, one thread at a time.

    Two threads importing matplotlib for the first time at once (the overview loading it in the
    background while a report is built in another worker) can each meet the other's half-made
    modules and fail with "partially initialized module"; once loaded, this costs a lookup.
    """
    with _LOADING:
        for name in ("matplotlib.figure", "matplotlib.font_manager",
                     "matplotlib.backends.backend_agg"):
            importlib.import_module(name)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    shown: str              # the value as the tables show it, at the indicator's decimals
    target: float | None
    met: bool


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


def quarter_tick(period: Period) -> str:
    """A quarter under a chart's axis, in two lines: 2019年 over 一季度."""
    return f"{period.year}年\n{'一二三四'[period.index - 1]}季度"


def wrapped(text: str, width: int) -> str:
    """A label broken into lines of at most `width` characters, as even as the count allows."""
    lines = -(-len(text) // width)
    step = -(-len(text) // lines) if lines else width
    return "\n".join(text[i:i + step] for i in range(0, len(text), step))


def _figure(width_mm: float, height_mm: float) -> Figure:
    load_matplotlib()
    from matplotlib.figure import Figure

    return Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)


def _font(path: Path, size: float) -> FontProperties:
    load_matplotlib()
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(path), size=size)


def _png(figure: Figure) -> bytes:
    load_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


LABEL_CHARS = 10        # an indicator's name beside a bar: lines of at most this many characters
LEGEND_CHARS = 16
LINE_MM = PAPER.label * 1.3 * 25.4 / 72     # one line of a name or a legend


def attainment_height(bars: Sequence[Bar]) -> float:
    """The chart's height in mm: each bar as tall as the longest name beside a bar is broken
    (two lines at least), the title and the legend."""
    lines = max([wrapped(b.label, LABEL_CHARS).count("\n") + 1 for b in bars] + [2])
    return 26 + len(bars) * (lines * LINE_MM + 3)


def attainment_runs(bars: Sequence[Bar], most_mm: float) -> list[list[Bar]]:
    """The bars in order, in runs whose charts are each at most `most_mm` tall (a page's type
    area): a plan of 65 rates would otherwise draw one chart taller than any page. One run, empty,
    when there are no bars."""
    runs: list[list[Bar]] = [[]]
    for bar in bars:
        if runs[-1] and attainment_height([*runs[-1], bar]) > most_mm:
            runs.append([])
        runs[-1].append(bar)
    return runs


def attainment_figure(bars: Sequence[Bar], font: Path, width_mm: float, height_mm: float,
                      title: str) -> Figure:
    """Each rate against its target, legible in black and white: a bar for the value, hatched
    when not met, a dashed line for the target; the figure beside the bar, clear of the line."""
    figure = _figure(width_mm, height_mm)     # loads matplotlib, one thread at a time
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.patheffects import withStroke

    label_font, small = _font(font, PAPER.label), _font(font, PAPER.small)
    names = [wrapped(b.label, LABEL_CHARS) for b in reversed(bars)]
    # The names take what their longest line needs, in points of the printed figure.
    left = (LABEL_CHARS * PAPER.label + 8) / (width_mm / 25.4 * 72)
    bottom = 18 / height_mm
    axes = figure.add_axes((left, bottom, 0.97 - left, 1 - bottom - 8 / height_mm))
    rows = list(reversed(bars))
    values = [b.value for b in bars if b.value is not None] + [b.target for b in bars
                                                                if b.target is not None]
    low = max(0.0, min(values, default=0.0) - 8)
    high = 100.0 + (100.0 - low) * 0.16
    pad = (high - low) * 0.015
    for y, bar in enumerate(rows):
        # The figure's words sit right of both the bar and the target line, so neither strikes them.
        clear = max(v for v in (bar.value, bar.target, low) if v is not None) + pad
        if bar.value is not None:
            axes.barh(y, bar.value - low, left=low, height=style.BAR_HEIGHT,
                      color=MET if bar.met else NOT_MET, edgecolor=INK, linewidth=0.6,
                      hatch=None if bar.met else style.NOT_MET_HATCH)
            axes.text(clear, y, bar.shown, va="center", fontproperties=small, color=INK)
        else:
            axes.text(clear, y, "未填报", va="center", fontproperties=small, color=INK)
        if bar.target is not None:
            # Edged in white, so the dashes show on a bar as dark as they are in greyscale.
            axes.plot([bar.target, bar.target], [y - 0.45, y + 0.45], color=TARGET,
                      linewidth=style.TARGET_MARK, linestyle=style.TARGET_DASH,
                      path_effects=[withStroke(linewidth=style.TARGET_MARK + 1.6,
                                               foreground="white")])
    axes.set_yticks(range(len(rows)), names)
    for tick in [*axes.get_yticklabels(), *axes.get_xticklabels()]:
        tick.set_fontproperties(label_font)
    axes.set_xlim(low, high)
    # A rate's axis ends at 100: the room beyond it holds the figures' words, not a scale.
    axes.set_xticks([t for t in axes.get_xticks() if low <= t <= 100])
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_title(title, fontproperties=_font(font, PAPER.title))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    keys = [Patch(facecolor=MET, edgecolor=INK, linewidth=0.6),
            Patch(facecolor=NOT_MET, edgecolor=INK, linewidth=0.6, hatch=style.NOT_MET_HATCH),
            Line2D([], [], color=TARGET, linewidth=style.TARGET_MARK,
                   linestyle=style.TARGET_DASH)]
    figure.legend(keys, ["达标", "未达标", "目标值"], prop=small, loc="lower center",
                  bbox_to_anchor=(0.5, 1 / height_mm), ncol=3, frameon=False)
    return figure


def attainment_chart(bars: Sequence[Bar], font: Path, width_mm: float, height_mm: float,
                     title: str) -> bytes:
    return _png(attainment_figure(bars, font, width_mm, height_mm, title))


def trend_figure(periods: Sequence[Period], series: Sequence[Series], font: Path,
                 width_mm: float, height_mm: float, title: str) -> Figure:
    """Key rates across the plan's quarters, one line each, each its own marker and dash so
    they part in black and white; gaps where nothing was entered."""
    figure = _figure(width_mm, height_mm)
    bottom = (TICKS_MM + _legend_mm(series)) / height_mm
    axes = figure.add_axes((0.1, bottom, 0.87, 1 - bottom - 8 / height_mm))
    label_font = _font(font, PAPER.label)
    x = range(len(periods))
    for number, line in enumerate(series):
        values = [float("nan") if v is None else v for v in line.values]
        colour, marker, dash = style.SERIES[number % len(style.SERIES)]
        axes.plot(x, values, color=colour, marker=marker, linestyle=dash,
                  markersize=style.MISSED_MARKER, linewidth=style.VALUE_LINE,
                  label=wrapped(line.label, LEGEND_CHARS))
    axes.set_xticks(list(x), [quarter_tick(p) for p in periods])
    for tick in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        tick.set_fontproperties(label_font)
    axes.grid(axis="y", linewidth=style.GRID_LINE)
    figure.legend(*axes.get_legend_handles_labels(), prop=_font(font, PAPER.small),
                  loc="lower center", bbox_to_anchor=(0.5, 1 / height_mm), ncol=2,
                  frameon=False)
    axes.set_title(title, fontproperties=_font(font, PAPER.title))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def trend_chart(periods: Sequence[Period], series: Sequence[Series], font: Path,
                width_mm: float, height_mm: float, title: str) -> bytes:
    return _png(trend_figure(periods, series, font, width_mm, height_mm, title))


TICKS_MM = 14           # the quarters in two lines under the axis


def _legend_mm(series: Sequence[Series]) -> float:
    """The height of the legend under the trend: two entries a row, a row as tall as its
    longest name is broken."""
    lines = [wrapped(s.label, LEGEND_CHARS).count("\n") + 1 for s in series]
    count = -(-len(lines) // 2)      # matplotlib fills the first column first
    rows = [max(lines[row::count]) for row in range(count)]
    return sum(rows) * LINE_MM + count * 1.5 + 2


def trend_height(series: Sequence[Series]) -> float:
    """The chart's height in mm: the plot, the quarters in two lines and the legend below."""
    return 52 + TICKS_MM + _legend_mm(series)
