"""The overview on screen and the quarterly report on paper show the same figures."""

import math

from qdesk.core.periods import Period
from qdesk.gui.pages.dashboard import DashboardPage
from qdesk.reports import charts
from qdesk.reports.period_report import build_report
from tests.reports.pdftools import tables_by_page

CODE = "P02"


def _charted_page(qtbot, session):
    page = DashboardPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.canvas is not None, timeout=10000)
    combo = page.indicator_combo
    combo.setCurrentIndex(combo.findData(CODE))
    combo.activated.emit(combo.currentIndex())
    assert page.period() == Period.parse("2020Q4")
    return page


def _report(session, tmp_path, monkeypatch):
    """The quarterly report's units table, and the series its trend chart was drawn from."""
    drawn = {}
    draw = charts.trend_chart

    def trend_chart(periods, series, *args):
        drawn.update({line.label: dict(zip(map(str, periods), line.values)) for line in series})
        return draw(periods, series, *args)

    monkeypatch.setattr(charts, "trend_chart", trend_chart)
    out = tmp_path / "q.pdf"
    build_report(session.store, "quarterly", Period.parse("2020Q4"), out)
    tables = [t for page in tables_by_page(out, tmp_path / "drawn.pdf") for t in page
              if t and t[0][0] == "排名"]
    return tables, drawn


def test_the_units_total_and_the_trend_on_screen_are_the_reports(qtbot, session, tmp_path,
                                                               monkeypatch):
    page = _charted_page(qtbot, session)
    indicator = session.plan.indicator(CODE)
    tables, drawn = _report(session, tmp_path, monkeypatch)

    trend, units = page.figure.axes
    shown_total = next(t.get_text() for t in units.texts if t.get_position()[1] == -1)
    header = tables[0][0]
    column = next(i for i, h in enumerate(header) if h == indicator.name)
    printed_total = [r for t in tables for r in t[1:] if r[1] == "合计"][0][column]
    assert printed_total == f"{shown_total}{indicator.unit}"

    line = trend.lines[0]
    quarters = [t.get_text() for t in trend.get_xticklabels()]
    shown = dict(zip(quarters, line.get_ydata()))
    printed = drawn[indicator.name]
    common = set(shown) & set(printed)
    assert len(common) >= 4
    for quarter in common:
        value = printed[quarter]
        assert (math.isnan(shown[quarter]) if value is None else shown[quarter] == value), quarter
