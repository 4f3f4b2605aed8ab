"""The overview page: counts, the indicators behind, the reporting calendar, the charts."""

import datetime as dt
import subprocess
import sys
from pathlib import Path
from collections import Counter

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor

from qdesk.core.attainment import Status
from qdesk.core.periods import Period
from qdesk.gui.pages.dashboard import OVERDUE, DashboardPage
from qdesk.store.status import period_status


def _page(qtbot, session):
    page = DashboardPage(session)
    qtbot.addWidget(page)
    return page


def _counts(page):
    return {Status.MET: int(page.met_count.number.text()),
            Status.NOT_MET: int(page.not_met_count.number.text()),
            Status.NO_DATA: int(page.no_data_count.number.text()),
            Status.NOT_APPLICABLE: int(page.not_applicable_count.number.text())}


# The statuses the page counts on its cards; what is not due it names in a line.
COUNTED = (Status.MET, Status.NOT_MET, Status.NO_DATA, Status.NOT_APPLICABLE)


def _expected(session, text):
    statuses = period_status(session.store, session.plan, session.home, Period.parse(text))
    counts = Counter(a.status for a in statuses if a.figure.due)
    return {status: counts[status] for status in COUNTED}


def test_opens_on_the_latest_quarter_with_figures(qtbot, session):
    page = _page(qtbot, session)
    assert page.period() == Period.parse("2020Q4")


def test_counts_equal_the_period_status_for_2020q4(qtbot, session):
    page = _page(qtbot, session)
    statuses = period_status(session.store, session.plan, session.home, Period.parse("2020Q4"))
    assert all(a.figure.due for a in statuses)
    every = Counter(a.status for a in statuses)
    assert _counts(page) == {status: every[status] for status in COUNTED}
    assert _counts(page)[Status.NOT_MET] >= 1


def test_behind_list_names_the_indicator_not_met_in_2020q4(qtbot, session):
    page = _page(qtbot, session)
    model = page.behind_table.model()
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert "重点食品质量安全监测合格率" in names
    not_met = {a.indicator.name for a in period_status(
        session.store, session.plan, session.home, Period.parse("2020Q4"))
        if a.status is Status.NOT_MET}
    assert not_met <= set(names)


def test_switching_the_period_updates_the_counts(qtbot, session):
    page = _page(qtbot, session)
    before = _counts(page)
    page.period_picker.set_period(Period.parse("2020Q3"))
    assert _counts(page) == _expected(session, "2020Q3")
    assert _counts(page) != before


def test_choosing_a_period_moves_the_calendar_to_the_day_after_it(qtbot, session):
    page = _page(qtbot, session)
    assert page.as_of() == dt.date.today()
    page.period_picker.set_period(Period.parse("2020Q3"))
    assert page.as_of() == dt.date(2020, 10, 1)
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.as_of() == dt.date.today()


def test_calendar_shows_an_overdue_report_in_red(qtbot, session):
    page = _page(qtbot, session)
    page.date_edit.setDate(QDate(2021, 1, 20))
    model = page.calendar_table.model()
    rows = {(model.index(r, 0).data(), model.index(r, 2).data()): r
            for r in range(model.rowCount())}
    row = rows[("2021-01-05", "2020年第四季度")]  # the 2020Q4 report, due 2021-01-05, never sent
    assert model.index(row, 3).data() == "Overdue"
    for column in range(model.columnCount()):
        colour = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole).color()
        assert colour == QColor(OVERDUE)
    overdue = sum(model.index(r, 3).data() == "Overdue" for r in range(model.rowCount()))
    assert f"{overdue} overdue" in page.calendar_label.text()


def test_calendar_highlights_a_report_due_soon(qtbot, session):
    page = _page(qtbot, session)
    page.date_edit.setDate(QDate(2020, 12, 1))  # the 2020 annual summary is due 12-10
    model = page.calendar_table.model()
    soon = [r for r in range(model.rowCount()) if model.index(r, 3).data() == "Due soon"]
    assert [model.index(r, 0).data() for r in soon] == ["2020-12-10"]
    assert model.index(soon[0], 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(soon[0], 3).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(soon[0], 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_charts_are_drawn_once_the_page_is_shown(qtbot, session):
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    page = _page(qtbot, session)
    assert page.canvas is None
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.canvas is not None)
    assert isinstance(page.canvas, FigureCanvasQTAgg)
    assert page.canvas.isVisible()
    trend, units = page.figure.axes
    assert "重点食品质量安全监测合格率" in trend.get_title()
    assert [t.get_text() for t in units.get_yticklabels()][-1] == session.units()[1].name


def test_choosing_an_indicator_redraws_its_trend(qtbot, session):
    page = _page(qtbot, session)
    page.show()
    qtbot.waitUntil(lambda: page.canvas is not None)
    combo = page.indicator_combo
    combo.setCurrentIndex(combo.findData("P02"))
    combo.activated.emit(combo.currentIndex())
    assert "主要农产品质量安全监测合格率" in page.figure.axes[0].get_title()
    page.period_picker.set_period(Period.parse("2020Q3"))
    assert combo.currentData() == "P02"


def test_importing_the_page_does_not_import_matplotlib():
    out = subprocess.run(
        [sys.executable, "-c",
         "import qdesk.gui.pages.dashboard, sys; print('matplotlib' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_returns_from_the_units_are_tallied_sheets_and_packages_alike(qtbot, session, tmp_path):
    from qdesk.databases import create_database
    from qdesk.gui.session import Session
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    page = DashboardPage(session)
    qtbot.addWidget(page)
    # The demo county's townships return their figures in sheets: they count as reported.
    assert not page.arrivals_label.isHidden() and "0 missing" in page.arrivals_label.text()
    db = tmp_path / "city.qdesk"
    create_database(db, find_template("panjin-2014"), "211100", "盘锦市")
    with open_store(db) as store:
        add_subordinate(store, "211122", "盘山县", "county")
    city = Session(db)
    try:
        page = DashboardPage(city)
        qtbot.addWidget(page)
        assert not page.arrivals_label.isHidden()
        assert "1 missing" in page.arrivals_label.text()
        assert "盘山县" in page.arrivals_label.text()
    finally:
        city.close()


def test_the_units_chart_ends_with_their_total_as_a_ratio_of_sums(qtbot, session):
    import sqlite3

    page = DashboardPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.canvas is not None, timeout=10000)
    conn = sqlite3.connect(session.path)
    code = page.indicator_combo.currentData()
    numerator, denominator = conn.execute(
        "SELECT sum(numerator), sum(denominator) FROM entries e JOIN indicators i"
        " ON i.id = e.indicator_id JOIN units u ON u.id = e.unit_id WHERE i.code = ?"
        " AND e.period = ? AND u.parent_id IS NOT NULL",
        [code, str(page.period())]).fetchone()
    conn.close()
    total = page.units_total
    assert (total.numerator, total.denominator) == (numerator, denominator)


def _with_无此项(county):
    """昌吉市 in 2019Q4: its own P01 met, P04 not met, P06 无此项; on P01 one town 无此项 and one
    town a figure."""
    from qdesk.store.entries import EntryInput, set_entries

    q4 = Period.parse("2019Q4")
    store, plan = county.store, county.plan
    set_entries(store, plan, county.home, q4, [EntryInput("P01", "99", "100"),
                                               EntryInput("P04", "80", "100"),
                                               EntryInput("P06", "无此项")])
    first, second = county.units(q4)[1:]
    set_entries(store, plan, first, q4, [EntryInput("P01", "无")])
    set_entries(store, plan, second, q4, [EntryInput("P01", "45", "50")])
    return q4, first, second


def test_the_counts_show_无此项_apart_from_met_not_met_and_no_data(qtbot, county):
    q4, _, _ = _with_无此项(county)
    page = _page(qtbot, county)
    page.period_picker.set_period(q4)
    assert _counts(page) == _expected(county, "2019Q4")
    assert _counts(page)[Status.NOT_APPLICABLE] == 1
    assert _counts(page)[Status.MET] == 1 and _counts(page)[Status.NOT_MET] == 1
    names = [page.behind_model.index(r, 0).data() for r in range(page.behind_model.rowCount())]
    assert county.plan.indicator("P06").name not in names
    # Not "every indicator is entered": one is 无此项, and the annual ones are the year's.
    said = page.not_due_label.text()
    assert "1 indicator(s) are 无此项 this period." in said and "Every indicator" not in said
    annual = sum(i.frequency.value == "annual" for i in county.plan.indicators)
    assert f"{annual} indicator(s) are entered for a longer period" in said


def test_a_unit_s_无此项_is_named_on_the_units_chart_and_never_drawn_as_a_bar(qtbot, county):
    q4, none_town, figure_town = _with_无此项(county)
    page = _page(qtbot, county)
    page.resize(1366, 768)
    page.show()
    page.period_picker.set_period(q4)
    qtbot.waitUntil(lambda: page.canvas is not None, timeout=10000)
    page.indicator_combo.setCurrentIndex(page.indicator_combo.findData("P01"))
    page.indicator_combo.activated.emit(page.indicator_combo.currentIndex())
    _, units = page.figure.axes
    ticks = {t.get_text(): y for y, t in zip(units.get_yticks(), units.get_yticklabels())}
    bars = {round(bar.get_y() + bar.get_height() / 2) for bar in units.patches}
    assert ticks[figure_town.name] in bars and ticks["Total"] in bars
    assert ticks[none_town.name] not in bars
    said = {round(t.get_position()[1]): t.get_text() for t in units.texts}
    assert said[ticks[none_town.name]] == "Not applicable"
    assert (page.units_total.numerator, page.units_total.denominator) == (45, 50)


def _charted(qtbot, session):
    page = _page(qtbot, session)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.canvas is not None, timeout=10000)
    return page


def test_right_click_copies_the_charts_to_the_clipboard_for_word(qtbot, session):
    from PySide6.QtWidgets import QApplication

    page = _charted(qtbot, session)
    QApplication.clipboard().clear()
    said = []
    page.status_message.connect(said.append)
    copy, save = page.chart_menu().actions()
    assert [copy.text(), save.text()] == ["Copy picture", "Save picture as…"]
    copy.trigger()
    image = QApplication.clipboard().image()
    width, height = page.figure.get_size_inches() * 300
    assert (image.width(), image.height()) == (round(width), round(height))
    assert len({image.pixel(x, image.height() // 3) for x in range(0, image.width(), 7)}) > 3
    assert said and "copied" in said[0]


def test_save_picture_writes_the_png_where_the_clerk_chose(qtbot, session, tmp_path,
                                                           monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _charted(qtbot, session)
    offered = []

    def answer(parent, title, path, filters):
        offered.append(Path(path).name)
        return str(tmp_path / "chart.png"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    page.chart_menu().actions()[1].trigger()
    assert offered == [f"盘山县{page.indicator().name}图表.png"]
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
