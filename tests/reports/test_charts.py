"""The report's charts, read back from their matplotlib figures: printed sizes, styles, words."""

import pytest

from qdesk.core.periods import Period
from qdesk.reports.charts import (DPI, Bar, Series, attainment_figure, attainment_height,
                                  attainment_runs, quarter_tick, trend_figure, trend_height,
                                  wrapped)
from qdesk.reports.fonts import Role, find_fonts
from qdesk.reports.period_report import CHART_MOST_HEIGHT, CHART_WIDTH
from qdesk.views import chart_style as style

WU_HAO = 10.5
LONG = "规模以上工业企业主要产品质量国家监督抽查合格率"


@pytest.fixture(scope="module")
def font():
    return find_fonts(system_dirs=[])[Role.HEI].path


def drawn(figure):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return figure, canvas.get_renderer()


def texts(figure):
    """The texts the figure draws: a tick's label only where its tick is within the axis."""
    from matplotlib.text import Text

    hidden = set()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            hidden |= {id(label) for tick in axis.get_major_ticks()
                       if not low - 1e-9 <= tick.get_loc() <= high + 1e-9
                       for label in (tick.label1, tick.label2)}
    return [t for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


BARS = [Bar("主要农产品质量安全监测合格率", 98.1, "98.1%", 96, True),
        Bar("重点食品质量安全监测合格率", 88.8, "88.8%", 90, False),
        Bar(LONG, 89.6, "89.6%", 90, False),
        Bar("大中型工程项目一次验收合格率", 100.0, "100.00%", 100, True),
        Bar("建设工程质量投诉处理完结率", None, "", 95, False)]


@pytest.fixture(scope="module")
def bars(font):
    return drawn(attainment_figure(BARS, font, CHART_WIDTH, attainment_height(BARS),
                                   "主要比率指标完成情况（%）"))


QUARTERS = [Period.parse(f"{y}Q{q}") for y in (2019, 2020) for q in range(1, 5)]
SERIES = [Series(name, [90 + (n + i) % 7 for i in range(len(QUARTERS))])
          for n, name in enumerate([LONG, "重点食品质量安全监测合格率", "产品质量省级以上监督抽查合格率",
                                    "大中型工程项目一次验收合格率", "服务业顾客满意度"])]


@pytest.fixture(scope="module")
def trend(font):
    return drawn(trend_figure(QUARTERS, SERIES, font, CHART_WIDTH, trend_height(SERIES),
                              "重点比率指标逐季走势（%）"))


def test_the_charts_are_drawn_at_the_width_the_report_prints_them(quarterly):
    images = [im for p in quarterly.pages for im in p.images]
    for image in images:
        printed_mm = (image["x1"] - image["x0"]) / 72 * 25.4
        assert printed_mm == pytest.approx(CHART_WIDTH, abs=0.5)
        assert image["srcsize"][0] / DPI * 25.4 == pytest.approx(CHART_WIDTH, abs=0.5)


@pytest.mark.parametrize("chart", ["bars", "trend"])
def test_no_text_is_smaller_than_五号_as_printed(chart, request):
    figure, _ = request.getfixturevalue(chart)
    # Drawn at the width it is printed: a point of the figure is a point on paper.
    scale = CHART_WIDTH / (figure.get_figwidth() * 25.4)
    assert scale == pytest.approx(1)
    sizes = [t.get_fontsize() * scale for t in texts(figure)]
    assert len(sizes) > 10 and min(sizes) >= WU_HAO


@pytest.mark.parametrize("chart", ["bars", "trend"])
def test_no_text_is_turned_or_cut_off(chart, request):
    figure, renderer = request.getfixturevalue(chart)
    page = figure.bbox
    for text in texts(figure):
        assert text.get_rotation() == 0, text.get_text()
        box = text.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1, text.get_text()
        assert page.y0 <= box.y0 and box.y1 <= page.y1, text.get_text()


@pytest.mark.parametrize("chart", ["bars", "trend"])
def test_no_two_texts_overlap(chart, request):
    figure, renderer = request.getfixturevalue(chart)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(figure)]
    for n, (text, box) in enumerate(boxes):
        for other, other_box in boxes[n + 1:]:
            assert not box.overlaps(other_box), (text, other)


def test_bars_not_met_are_hatched_and_the_target_is_a_dashed_line_named_in_the_legend(bars):
    figure, _ = bars
    axes = figure.axes[0]
    hatches = [p.get_hatch() for p in axes.patches]
    assert hatches == [None if b.met else style.NOT_MET_HATCH
                       for b in reversed(BARS) if b.value is not None]
    targets = [line for line in axes.lines if line.get_color() == style.TARGET]
    assert len(targets) == len(BARS)
    assert all(line.get_linestyle() == style.TARGET_DASH for line in targets)
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["达标", "未达标", "目标值"]


def test_no_figure_beside_a_bar_is_struck_by_its_target_line(bars):
    figure, renderer = bars
    axes = figure.axes[0]
    words = [t for t in axes.texts]
    assert {t.get_text() for t in words} == {b.shown for b in BARS if b.value is not None} | {
        "未填报"}
    for line in axes.lines:
        box = line.get_window_extent(renderer)
        for word in words:
            assert not box.overlaps(word.get_window_extent(renderer)), word.get_text()


def test_long_names_beside_the_bars_are_broken_into_lines_and_kept_whole(bars):
    figure, _ = bars
    names = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert names == [wrapped(b.label, 10) for b in reversed(BARS)]
    assert all(len(line) <= 10 for name in names for line in name.split("\n"))
    assert [name.replace("\n", "") for name in names] == [b.label for b in reversed(BARS)]


def test_each_series_has_its_own_marker_and_dash(trend):
    figure, _ = trend
    lines = figure.axes[0].lines
    assert len(lines) == len(SERIES)
    assert [line.get_marker() for line in lines] == [m for _, m, _ in style.SERIES[:len(SERIES)]]
    assert len({line.get_marker() for line in lines}) == len(SERIES)
    # Told apart by their dashes too, as a black-and-white print draws them.
    assert len({str(dash) for _, _, dash in style.SERIES}) == len(style.SERIES)


def test_quarters_read_as_the_calendar_names_them(trend):
    figure, _ = trend
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert ticks[0] == "2019年\n一季度" and ticks[-1] == "2020年\n四季度"
    assert quarter_tick(Period.parse("2021Q3")) == "2021年\n三季度"
    assert not any("Q" in t for t in ticks)


def test_a_label_is_broken_evenly():
    assert wrapped("一二三四五六七八九十甲乙", 10) == "一二三四五六\n七八九十甲乙"
    assert wrapped("一二三", 10) == "一二三"


def test_many_rates_are_charted_in_runs_each_no_taller_than_a_page_in_their_order():
    bars = [Bar(f"{b.label}（第{n}类）", b.value, b.shown, b.target, b.met)
            for n in range(17) for b in BARS]                           # 68 rates
    runs = attainment_runs(bars, CHART_MOST_HEIGHT)
    assert len(runs) > 1 and [bar for run in runs for bar in run] == bars
    assert all(attainment_height(run) <= CHART_MOST_HEIGHT for run in runs)
    assert attainment_height(bars) > CHART_MOST_HEIGHT
    assert attainment_runs(BARS, CHART_MOST_HEIGHT) == [BARS]
    assert attainment_runs([], CHART_MOST_HEIGHT) == [[]]
