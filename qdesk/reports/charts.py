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
    target: float | None
    met: bool


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


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


def attainment_chart(bars: Sequence[Bar], font: Path, width_mm: float, height_mm: float,
                     title: str) -> bytes:
    """Each rate against its target: a bar for the value, a red tick for the target."""
    figure = _figure(width_mm, height_mm)
    axes = figure.add_axes((0.36, 0.1, 0.6, 0.8))
    label_font, small = _font(font, PAPER.label), _font(font, PAPER.small)
    rows = list(reversed(bars))
    values = [b.value for b in bars if b.value is not None] + [b.target for b in bars
                                                                if b.target is not None]
    low = max(0.0, min(values, default=0.0) - 8)
    for y, bar in enumerate(rows):
        if bar.value is not None:
            axes.barh(y, bar.value, height=style.BAR_HEIGHT, color=MET if bar.met else NOT_MET)
            axes.text(bar.value + 0.3, y, f"{bar.value:.1f}", va="center", fontproperties=small,
                      color=INK)
        else:
            axes.text(low + 0.5, y, "未填报", va="center", fontproperties=small, color=NOT_MET)
        if bar.target is not None:
            axes.plot([bar.target, bar.target], [y - 0.4, y + 0.4], color=TARGET,
                      linewidth=style.TARGET_MARK)
    axes.set_yticks(range(len(rows)), [b.label for b in rows])
    for tick in axes.get_yticklabels():
        tick.set_fontproperties(label_font)
    axes.set_xlim(low, 102)
    axes.set_xlabel("%（红线为目标值）", fontproperties=label_font)
    axes.set_title(title, fontproperties=_font(font, PAPER.title))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _png(figure)


def trend_chart(periods: Sequence[str], series: Sequence[Series], font: Path, width_mm: float,
                height_mm: float, title: str) -> bytes:
    """Key rates across the plan's periods, one line each; gaps where nothing was entered."""
    figure = _figure(width_mm, height_mm)
    axes = figure.add_axes((0.08, 0.26, 0.9, 0.64))
    label_font = _font(font, PAPER.label)
    x = range(len(periods))
    for number, line in enumerate(series):
        values = [float("nan") if v is None else v for v in line.values]
        colour, marker, dash = style.SERIES[number % len(style.SERIES)]
        axes.plot(x, values, color=colour, marker=marker, linestyle=dash,
                  markersize=style.VALUE_MARKER, linewidth=style.VALUE_LINE, label=line.label)
    axes.set_xticks(list(x), list(periods))
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(label_font)
    axes.set_ylabel("%", fontproperties=label_font)
    axes.grid(axis="y", linewidth=style.GRID_LINE)
    axes.legend(prop=_font(font, PAPER.small), loc="upper center", bbox_to_anchor=(0.5, -0.14),
                ncol=2, frameon=False)
    axes.set_title(title, fontproperties=_font(font, PAPER.title))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _png(figure)
