"""The overview (概览): how the county stands for a period, what lags behind, which reports are due."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QAbstractTableModel, QDate, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, QTimer)
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit, QFrame,
                               QGridLayout, QHBoxLayout, QHeaderView, QMenu, QMessageBox,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from qdesk.core.attainment import Status
from qdesk.core.calendar import Due, DueState
from qdesk.core.errors import QdeskError
from qdesk.core.numbers import Measure, display
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator
from qdesk.gui.file_dialogs import save_file_name
from qdesk.gui.first_paint import after_first_paint
from qdesk.gui.page import Page
from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.widgets import PeriodPicker, plain_label, problem_label, to_date, to_qdate
from qdesk.resources import ui_font_path
from qdesk.store.changes import Changes
from qdesk.store.completeness import Arrival, UnitArrival
from qdesk.store.reviews import Review, review_package
from qdesk.views import chart_style as style
from qdesk.views.chart_style import MET, NO_DATA, NOT_APPLICABLE, NOT_MET, SCREEN, TARGET
from qdesk.views.overview import Overview, Trend, UnitsFigures, behind, not_met

if TYPE_CHECKING:
    from qdesk.gui.review_dialog import ReturnDialog
    from qdesk.gui.workers import Job, Outcome, Worker

# The red of a missed target marks a report overdue; the grey of no data, one already sent.
OVERDUE, DUE_SOON_BACK, SUBMITTED = TARGET, "#fff2cc", NO_DATA


def _load_matplotlib(job: Job) -> None:
    from qdesk.reports.charts import load_matplotlib

    load_matplotlib()


@dataclass(frozen=True)
class Row:
    """One line of a list the page computed: its cells, its key, how it is coloured."""

    cells: tuple[str, ...]
    key: str  # the indicator code or the due state, under Qt.UserRole
    foreground: QBrush | None = None
    background: QBrush | None = None
    coloured: frozenset[int] | None = None  # the columns the foreground applies to; None: all
    bold: frozenset[int] = frozenset()


class RowsModel(QAbstractTableModel):
    """Read-only rows fetched and judged by the services; the model only shows them."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Row] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, number: int) -> Row:
        return self._rows[number]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = self._rows[index.row()], index.column()
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return row.cells[column]
            case Qt.ItemDataRole.UserRole:
                return row.key
            case Qt.ItemDataRole.ForegroundRole if row.coloured is None or column in row.coloured:
                return row.foreground
            case Qt.ItemDataRole.BackgroundRole:
                return row.background
            case Qt.ItemDataRole.FontRole if column in row.bold:
                return self._bold
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class _Count(QFrame):
    """One big number with its caption: 达标 9."""

    def __init__(self, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = plain_label("—")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {colour};")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = plain_label(caption)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(label)


# How long after the page is first shown matplotlib starts loading, in milliseconds.
CHARTS_AFTER_MS = 150
# The units chart names this many units at most (the lowest), and labels bars up to the second.
CHARTED_UNITS = 15
LABELLED_UNITS = 15
# The arrivals line names this many late or missing units, then counts the rest.
NAMED_UNITS = 10


class DashboardPage(Page):
    """Counts of met / not met / no data / 无此项, the indicators behind, two charts, the reporting calendar.

    One "as of" date drives the calendar and the year-to-date progress (on track / behind). It
    starts at today; choosing a period moves it to the day after that period ends (never past
    today), so a past period shows what was overdue or due soon when it closed; Today resets it.
    """

    shows = frozenset({"entries", "reference_figures", "targets", "indicators", "plans",
                       "deadlines", "units", "submissions", "locks", "packages"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._overview: Overview | None = None
        self._units: UnitsFigures | None = None     # on the charted indicator
        self._chosen_indicator: str | None = None
        self.figure: Any = None
        self.canvas: Any = None
        self._charts_coming = False     # matplotlib's loading is scheduled or under way
        self.units_total: Measure | None = None     # the units' figures rolled up, as last drawn

        self.period_picker = PeriodPicker(session)
        self.period_picker.set_period(session.period)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr(
            "The day the reporting calendar and the year-to-date progress are read for. Choosing"
            " a period moves it to the day after the period ends; Today brings it back."))
        self.today_button = QPushButton(self.tr("Today"))

        self.met_count = _Count(self.tr("Met"), MET)
        self.not_met_count = _Count(self.tr("Not met"), NOT_MET)
        self.no_data_count = _Count(self.tr("No data"), NO_DATA)
        self.not_applicable_count = _Count(self.tr("Not applicable"), NOT_APPLICABLE)
        self.not_applicable_count.setToolTip(self.tr(
            "Reported with nothing to count this period: neither met nor not met"))
        self.not_due_label = plain_label()
        self.not_due_label.setWordWrap(True)
        self.message = plain_label()
        self.message.setStyleSheet(f"color: {TARGET};")
        self.message.setWordWrap(True)
        self.message.hide()

        self.arrivals_label = plain_label()
        self.arrivals_label.setWordWrap(True)
        self.arrivals_label.hide()
        # The superior's review of what the units sent, and the 催报 of those still owing.
        self.returned_label = plain_label()
        self.returned_label.setWordWrap(True)
        self.returned_label.setStyleSheet(f"color: {OVERDUE};")
        self.returned_label.hide()
        self.reviews_model = RowsModel(
            [self.tr("Unit"), self.tr("Return"), self.tr("Made on"), self.tr("Review")], self)
        self.reviews_table = self._table(self.reviews_model)
        self.reviews_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setToolTip(self.tr("Mark the selected unit's package reviewed (已审核)"))
        self.return_button = QPushButton(self.tr("Return…"))
        self.return_button.setToolTip(self.tr(
            "Send the selected unit's package back with the reason: its next package is the "
            "correction"))
        self.remind_button = QPushButton(self.tr("Remind…"))
        self.remind_button.setToolTip(self.tr(
            "A notice (催报通知) to the units that have not reported for the period or whose "
            "package was returned"))
        self.review_message = problem_label()
        self.review_info = plain_label()
        self.review_info.setWordWrap(True)
        self.review_info.hide()
        self.reviews_box = QWidget()
        self.return_dialog: ReturnDialog | None = None
        self._task: Worker | None = None
        self._selected_unit: str | None = None
        self.behind_label = plain_label()
        self.behind_model = RowsModel(
            [self.tr("Indicator"), self.tr("Value"), self.tr("Target"), self.tr("State")], self)
        self.behind_table = self._table(self.behind_model)
        self.calendar_label = plain_label()
        self.calendar_model = RowsModel(
            [self.tr("Due"), self.tr("Report"), self.tr("Period"), self.tr("State")], self)
        self.calendar_table = self._table(self.calendar_model)

        self.indicator_combo = QComboBox()
        self.indicator_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator_combo.setMinimumContentsLength(16)
        self.chart_placeholder = plain_label(
            self.tr("The charts are drawn when the page is shown."))
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The office's own figure beside its units' total where the two differ.
        self.both_label = plain_label()
        self.both_label.setWordWrap(True)
        self.both_label.hide()

        self._lay_out()
        self.period_picker.period_changed.connect(self._period_chosen)
        self.date_edit.dateChanged.connect(self.refresh)
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(QDate.currentDate()))
        self.indicator_combo.activated.connect(self._indicator_chosen)
        self.reviews_table.selectionModel().selectionChanged.connect(self._review_chosen)
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button.clicked.connect(self.return_selected)
        self.remind_button.clicked.connect(self.write_reminder)
        if self._read():
            # The calendar's rows take most of the page's first paint, and a clerk reads them after
            # the counts, the calendar's tally and what lags: they follow that paint.
            after_first_paint(self, self._fill_calendar)

    def name(self) -> str:
        return self.tr("Overview")

    # --- layout ----------------------------------------------------------------------------

    def _table(self, model: RowsModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Columns as wide as their first rows, not every row: a province's returns list its 150
        # counties, whose every cell measured made the first paint 30 ms slower.
        header.setResizeContentsPrecision(40)
        header.setStretchLastSection(True)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(plain_label(self.tr("Period:")))
        bar.addWidget(self.period_picker)
        bar.addSpacing(16)
        bar.addWidget(plain_label(self.tr("As of:")))
        bar.addWidget(self.date_edit)
        bar.addWidget(self.today_button)
        bar.addStretch()

        counts = QHBoxLayout()
        for card in (self.met_count, self.not_met_count, self.no_data_count,
                     self.not_applicable_count):
            counts.addWidget(card)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(counts)
        column.addWidget(self.not_due_label)
        column.addWidget(self.arrivals_label)
        column.addWidget(self.returned_label)
        reviews = QVBoxLayout(self.reviews_box)
        reviews.setContentsMargins(0, 0, 0, 0)
        reviews.addWidget(self.reviews_table, 1)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.remind_button)
        reviews.addLayout(buttons)
        reviews.addWidget(self.review_message)
        reviews.addWidget(self.review_info)
        column.addWidget(self.reviews_box, 2)
        column.addWidget(self.behind_label)
        column.addWidget(self.behind_table, 1)
        column.addWidget(self.calendar_label)
        column.addWidget(self.calendar_table, 3)

        right = QWidget()
        charts = QGridLayout(right)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(plain_label(self.tr("Indicator:")), 0, 0)
        charts.addWidget(self.indicator_combo, 0, 1)
        charts.setColumnStretch(1, 1)
        charts.addWidget(self.chart_placeholder, 1, 0, 1, 2)
        charts.setRowStretch(1, 1)
        charts.addWidget(self.both_label, 2, 0, 1, 2)
        self._charts_layout = charts

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    # --- reading ---------------------------------------------------------------------------

    def period(self) -> Period:
        return self.period_picker.period()

    def as_of(self) -> dt.date:
        return to_date(self.date_edit.date())

    def _period_chosen(self) -> None:
        day = min(self.period().end + dt.timedelta(days=1), dt.date.today())
        if day == self.as_of():
            self.refresh()
        else:
            self.date_edit.setDate(to_qdate(day))  # dateChanged refreshes

    def refresh(self) -> None:
        if self._read():
            self._fill_calendar()

    def _read(self) -> bool:
        """Read the overview and show it but for the calendar's rows; False if it was refused."""
        session, day = self.session, self.as_of()
        try:
            overview = Overview(session.store, session.plan, session.home, self.period(), day)
        except QdeskError as exc:
            self.message.setText(exc.render())
            self.message.show()
            return False
        self.message.hide()
        # The charts come after the figures, and may come late: they read only the charted units.
        self._overview = overview
        self._show_counts(overview)
        self._show_behind(overview)
        self._show_calendar(overview.dues, day)
        self._show_arrivals(overview.arrivals)
        self._show_reviews(overview)
        self._fill_indicators(overview)
        if self.canvas is not None:
            self._assess_units()
            self._draw_charts()
        return True

    def _assess_units(self) -> None:
        """The subordinate units on the charted indicator only: a province has 150 counties.

        Only the units chart shows them, so they are read when it is drawn, not at start.
        """
        indicator = self.indicator()
        self._units = (self._overview.units_on(indicator)
                       if self._overview is not None and indicator is not None else None)
        both = self._overview.both_figures(self._units) \
            if self._overview is not None and self._units is not None else None
        self.both_label.setText(both or "")
        self.both_label.setVisible(both is not None)

    def _show_arrivals(self, sent: list[UnitArrival]) -> None:
        """What the subordinate units returned for the period, a package or their figures
        (store.completeness): who is late or has not reported."""
        if not sent:
            self.arrivals_label.hide()
            return
        late = [a.unit.name for a in sent if a.arrival is Arrival.LATE]
        missing = [a.unit.name for a in sent if a.arrival is Arrival.MISSING]
        text = self.tr("Returns from subordinate units: %1 on time, %2 late, %3 missing").replace(
            "%1", str(len(sent) - len(late) - len(missing))).replace(
            "%2", str(len(late))).replace("%3", str(len(missing)))
        if late or missing:
            text += self.tr(" (late: %1; missing: %2)").replace(
                "%1", self._names(late)).replace("%2", self._names(missing))
        self.arrivals_label.setText(text)
        self.arrivals_label.setStyleSheet(f"color: {OVERDUE};" if late or missing else "")
        self.arrivals_label.show()

    # --- the review of what the units sent, and the 催报 -------------------------------------

    def _show_reviews(self, overview: Overview) -> None:
        """Each subordinate unit's return for the period with its review (已审核 / 待审核 /
        已退回：reason), and every period whose package was returned (已退回，待重报)."""
        self.reviews_box.setVisible(bool(overview.arrivals))
        ink, column = QBrush(QColor(OVERDUE)), frozenset({1, 3})
        rows = []
        for a in overview.arrivals:
            made = a.made_on.isoformat() if a.made_on else "—"
            review = a.review.label_zh if a.review is not None else "—"
            owing = not a.reported or a.returned
            rows.append(Row((a.unit.name, a.arrival.label_zh, made, review), a.unit.code,
                            ink if owing else None, coloured=column))
        self.reviews_model.set_rows(rows)
        keys = [row.key for row in rows]
        if self._selected_unit in keys:
            self.reviews_table.selectRow(keys.index(self._selected_unit))
        self._review_chosen()
        waiting = [f"{r.unit.name}{r.period.label_zh()}（{r.reason}）" for r in overview.returned]
        self.returned_label.setText(self.tr("Returned, waiting for the correction: %1").replace(
            "%1", "；".join(waiting)))
        self.returned_label.setVisible(bool(waiting))

    def selected_arrival(self) -> UnitArrival | None:
        rows = self.reviews_table.selectionModel().selectedRows()
        if not rows or self._overview is None:
            return None
        return self._overview.arrivals[rows[0].row()]

    def _review_chosen(self) -> None:
        chosen = self.selected_arrival()
        if chosen is not None:
            self._selected_unit = chosen.unit.code
        reviewable = chosen is not None and chosen.review is not None
        self.accept_button.setEnabled(reviewable and self._task is None)
        self.return_button.setEnabled(reviewable and self._task is None)
        self.remind_button.setEnabled(self._task is None)

    def _reviewed(self, changes: Changes) -> None:
        self.review_message.hide()
        if changes:
            self.changed.emit(changes)
            self.refresh()

    def accept_selected(self) -> None:
        """审核通过: the selected unit's package for the period is reviewed."""
        chosen = self.selected_arrival()
        if chosen is None:
            return
        try:
            changes = review_package(self.session.store, chosen.unit.code, self.period(),
                                     Review.ACCEPTED)
        except QdeskError as exc:
            self.review_message.setText(exc.render())
            self.review_message.show()
            return
        self._reviewed(changes)

    def return_selected(self) -> ReturnDialog | None:
        """退回…: asks the reason in a small dialog (window-modal, so this returns at once)."""
        from qdesk.gui.review_dialog import ReturnDialog

        chosen = self.selected_arrival()
        if chosen is None:
            return None
        dialog = ReturnDialog(self.session, chosen.unit, self.period(), self.window())
        dialog.accepted.connect(lambda: self._reviewed(dialog.changes))
        dialog.finished.connect(self._return_closed)
        dialog.finished.connect(dialog.deleteLater)
        self.return_dialog = dialog
        dialog.open()
        return dialog

    def _return_closed(self) -> None:
        self.return_dialog = None

    def choose_reminder_file(self) -> str:
        """Where to write the reminder; empty if the clerk cancelled. A method so tests can answer."""
        from qdesk.gui.reminder import choose_reminder_file

        return choose_reminder_file(self, self.session, self.period())

    def building(self) -> bool:
        return self._task is not None

    def write_reminder(self) -> None:
        """催报…: the notice to the units that have not reported for the period, or whose package
        was returned, written in a worker; a refusal (nobody to remind) shown in place."""
        from qdesk.gui.reminder import REMINDER_WRITES, write_reminder
        from qdesk.gui.workers import Bug, Cancelled, Done, Refused, run_with_progress

        chosen = self.choose_reminder_file() if self._task is None else ""
        if not chosen:
            return
        period, title = self.period(), self.tr("Writing the reminder")

        def work(job: Job) -> Path:
            job.report(5, title)    # the last point where Cancel stops it: nothing is written yet
            return write_reminder(job.store, period, Path(chosen))

        def finished(outcome: Outcome[Path]) -> None:
            self._task = None
            self._review_chosen()
            self.review_info.hide()
            self.review_message.hide()
            match outcome:
                case Done(out):
                    self.review_info.setText(self.tr("Written: {path}").format(path=out))
                    self.review_info.show()
                    self.status_message.emit(self.review_info.text())
                    self.changed.emit(REMINDER_WRITES)
                case Refused(error):
                    self.review_message.setText(error.render())
                    self.review_message.show()
                case Cancelled():
                    self.status_message.emit(self.tr("Cancelled: nothing was written."))
                case Bug(trace):
                    self.review_message.setText(program_error(self, trace))
                    self.review_message.show()

        self._task = run_with_progress(self, title, self.session, work, finished)
        self._review_chosen()

    def _names(self, names: list[str]) -> str:
        if len(names) <= NAMED_UNITS:
            return "、".join(names) or "—"
        return self.tr("%1 and %n more", "", len(names) - NAMED_UNITS).replace(
            "%1", "、".join(names[:NAMED_UNITS]))

    def _show_counts(self, overview: Overview) -> None:
        counts = overview.counts
        self.met_count.number.setText(str(counts.met))
        self.not_met_count.number.setText(str(counts.not_met))
        self.no_data_count.number.setText(str(counts.no_data))
        self.not_applicable_count.number.setText(str(counts.not_applicable))
        # What the period's report holds that is not typed for the period itself, so that
        # "every indicator is entered" is said only when it is so.
        said = [self.tr("%n indicator(s) are entered for a longer period and shown in this "
                        "period's report (an annual one in the fourth quarter's).", "",
                        counts.from_longer),
                self.tr("%n indicator(s) are rolled up from their shorter periods.", "",
                        counts.from_shorter),
                self.tr("%n indicator(s) of the plan are not reported for this period.", "",
                        counts.not_due),
                self.tr("%n indicator(s) are 无此项 this period.", "", counts.not_applicable)]
        parts = [text for text, count in zip(said, (counts.from_longer, counts.from_shorter,
                                                    counts.not_due, counts.not_applicable))
                 if count]
        text = "".join(part if part.endswith("。") else part + " " for part in parts).strip()
        self.not_due_label.setText(text or self.tr(
            "Every indicator of the plan is entered for this period."))

    def _show_behind(self, overview: Overview) -> None:
        lagging = overview.lagging
        self.behind_label.setText(self.tr("Not met or behind target: %n", "", len(lagging)))
        colour = QBrush(QColor(NOT_MET))
        rows = []
        for a in lagging:
            ind = a.indicator
            standing = []
            if not_met(a):
                standing.append(self.tr("not met"))
            if behind(a):
                standing.append(self.tr("behind target for the year"))
            cells = (ind.name, a.shown or "—",
                     a.target.label(ind.unit) if a.target else "—", ", ".join(standing))
            rows.append(Row(cells, ind.code, colour, coloured=frozenset({3})))
        self.behind_model.set_rows(rows)

    def _show_calendar(self, dues: list[Due], day: dt.date) -> None:
        """The calendar's tally: how many reports are overdue or due soon on `day`."""
        overdue = sum(d.state is DueState.OVERDUE for d in dues)
        soon = sum(d.state is DueState.DUE_SOON for d in dues)
        self.calendar_label.setText(self.tr("Reporting calendar on {day}: {overdue} overdue, "
                                            "{soon} due soon").format(
            day=day.isoformat(), overdue=overdue, soon=soon))

    def _fill_calendar(self) -> None:
        """The calendar's rows, newest first, from the overview last read."""
        if self._overview is None:
            return
        dues = self._overview.dues
        overdue_ink, soon_back = QBrush(QColor(OVERDUE)), QBrush(QColor(DUE_SOON_BACK))
        submitted_ink, state_column = QBrush(QColor(SUBMITTED)), frozenset({3})
        rows = []
        for due in sorted(dues, reverse=True):  # newest first, as every period list here
            cells = (due.date.isoformat(), due.report.label.render(),
                     due.period.label_zh(), self._state_label(due.state))
            match due.state:
                case DueState.OVERDUE:
                    row = Row(cells, due.state.value, foreground=overdue_ink, bold=state_column)
                case DueState.DUE_SOON:
                    row = Row(cells, due.state.value, background=soon_back, bold=state_column)
                case DueState.SUBMITTED:
                    row = Row(cells, due.state.value, foreground=submitted_ink)
                case _:
                    row = Row(cells, due.state.value)
            rows.append(row)
        self.calendar_model.set_rows(rows)

    def _state_label(self, state: DueState) -> str:
        return {DueState.OVERDUE: self.tr("Overdue"), DueState.DUE_SOON: self.tr("Due soon"),
                DueState.SUBMITTED: self.tr("Submitted"),
                DueState.UPCOMING: self.tr("Upcoming")}[state]

    # --- charts ----------------------------------------------------------------------------

    def _fill_indicators(self, overview: Overview) -> None:
        """Rate indicators; the clerk's choice stays, else the first one not met or behind."""
        rates = overview.rates
        codes = [i.code for i in rates]
        charted = overview.charted(self._chosen_indicator)
        wanted = charted.code if charted is not None else None
        combo = self.indicator_combo
        combo.blockSignals(True)
        if [combo.itemData(i) for i in range(combo.count())] != codes:
            combo.clear()
            for ind in rates:
                combo.addItem(f"{ind.code} {ind.name}", ind.code)
        if wanted is not None:
            combo.setCurrentIndex(combo.findData(wanted))
        combo.blockSignals(False)

    def _indicator_chosen(self) -> None:
        self._chosen_indicator = self.indicator_combo.currentData()
        self._assess_units()
        self._draw_charts()

    def indicator(self) -> Indicator | None:
        code = self.indicator_combo.currentData()
        return self.session.plan.indicator(code) if code else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.canvas is None and not self._charts_coming:
            # matplotlib's first import (and its font cache) takes the better part of a second:
            # it happens in the pool while the window is already usable, once the window has
            # painted (the import holds Python's lock much of the time).
            self._charts_coming = True
            QTimer.singleShot(CHARTS_AFTER_MS, self._start_loading)

    def _start_loading(self) -> None:
        from qdesk.gui.workers import run_in_background

        run_in_background(self.session, _load_matplotlib, self._build_charts)

    def _build_charts(self, outcome: Outcome[None]) -> None:
        """Whatever the outcome: an import that failed in the pool fails again here, in sight."""
        self._charts_coming = False
        if self.canvas is not None or not self.isVisible() or self.session.closed:
            return      # closed meanwhile: the next showEvent starts again
        from qdesk.reports.charts import load_matplotlib

        load_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(7, 6))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(360, 320)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(
            lambda at: self.chart_menu().exec(self.canvas.mapToGlobal(at)))
        self._charts_layout.replaceWidget(self.chart_placeholder, self.canvas)
        self.chart_placeholder.deleteLater()
        self.canvas.show()
        self._assess_units()
        self._draw_charts()

    # --- the charts as pictures, for the report the clerk writes in Word or WPS ----------------

    def chart_menu(self) -> QMenu:
        """The charts' right-click menu."""
        menu = QMenu(self)
        menu.addAction(self.tr("Copy picture"), self.copy_chart)
        menu.addAction(self.tr("Save picture as…"), self.save_chart)
        return menu

    def chart_png(self) -> bytes:
        """The charts as shown, at the printed documents' resolution: sharp when printed from
        Word."""
        from qdesk.reports.charts import DPI

        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()

    def copy_chart(self) -> None:
        QApplication.clipboard().setImage(QImage.fromData(self.chart_png()))
        self.status_message.emit(self.tr("The charts are copied: paste them into the document."))

    def save_chart(self) -> None:
        indicator = self.indicator()
        name = f"{self.session.home.name}{indicator.name if indicator else ''}图表.png"
        chosen = save_file_name(self, self.tr("Save the charts as"), name,
                                self.tr("PNG pictures (*.png)"))
        if not chosen:
            return
        try:
            Path(chosen).write_bytes(self.chart_png())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr(
                "Could not save {path}: {error}").format(path=chosen,
                                                         error=exc.strerror or exc))
            return
        self.status_message.emit(self.tr("Saved {path}").format(path=chosen))

    def _draw_charts(self) -> None:
        if self.canvas is None:
            return
        from matplotlib.font_manager import FontProperties

        self.figure.clear()
        fonts = {role: FontProperties(fname=str(ui_font_path()), size=size)
                 for role, size in asdict(SCREEN).items()}
        trend, units = self.figure.subplots(2, 1, height_ratios=[1, 1])
        self._set_margins()
        indicator = self.indicator()
        if indicator is None or self._overview is None or self._units is None:
            for axes in (trend, units):
                axes.set_axis_off()
            trend.text(0.5, 0.5, self.tr("The plan has no rate indicators to chart."),
                       ha="center", va="center", fontproperties=fonts["message"],
                       transform=trend.transAxes)
        else:
            self._draw_trend(trend, self._overview.trend(indicator), fonts)
            self._draw_units(units, self._units, fonts)
        # The bundled Ming font carries bitmap strikes for 11–16 px, which Agg draws as nothing:
        # every text goes out as outlines instead (ticks made later copy this from their first).
        from matplotlib.patheffects import Normal
        from matplotlib.text import Text

        for text in self.figure.findobj(Text):
            text.set_path_effects([Normal()])
        self.canvas.draw_idle()

    def _set_margins(self) -> None:
        """Margins from the longest unit name, in inches: constrained layout measures every
        label at each draw, which costs more than the rest of a province's overview."""
        units = self._overview.units if self._overview is not None else []
        names = [u.name for u in units] or [""]
        width, height = self.figure.get_size_inches()
        left = 0.35 + 0.13 * max(len(self.tr("Total")), *(len(n) for n in names))
        self.figure.subplots_adjust(left=min(0.45, left / width), right=0.97,
                                    top=1 - 0.35 / height, bottom=0.55 / height, hspace=0.55)

    def _draw_trend(self, axes: Any, trend: Trend, fonts: dict[str, Any]) -> None:
        """The indicator quarter by quarter against the target of each year, the period shaded."""
        ind = trend.indicator
        points = trend.points
        x = range(len(points))
        values = [float(p.measure.value) if p.measure else float("nan") for p in points]
        axes.plot(x, values, color=MET, marker="o", markersize=style.VALUE_MARKER,
                  linewidth=style.VALUE_LINE, label=self.tr("Value"))
        for i, point in enumerate(points):
            if point.met is False and point.measure is not None:
                axes.plot([i], [float(point.measure.value)], "o", color=NOT_MET,
                          markersize=style.MISSED_MARKER, zorder=3)
        targets = [p.target for p in points]
        lows = [float(t.low) if t and t.low is not None else float("nan") for t in targets]
        axes.step(x, lows, where="mid", color=TARGET, linestyle="--",
                  linewidth=style.TARGET_LINE, label=self.tr("Target"))
        highs = [float(t.high) if t and t.high is not None else float("nan") for t in targets]
        if any(h == h for h in highs):
            axes.step(x, highs, where="mid", color=TARGET, linestyle="--",
                      linewidth=style.TARGET_LINE)
        if trend.chosen:
            axes.axvspan(trend.chosen[0] - 0.4, trend.chosen[-1] + 0.4, color=style.CHOSEN_PERIOD,
                         zorder=0)
        if not trend.entered:
            axes.text(0.5, 0.5, self.tr("No figures entered"), ha="center", va="center",
                      transform=axes.transAxes, fontproperties=fonts["message"], color=NO_DATA)
        axes.set_xticks(list(x), [str(p.quarter) for p in points])
        for tick in axes.get_xticklabels():
            tick.set_fontproperties(fonts["small"])
            if len(points) > 8:
                tick.set_rotation(45)
        axes.set_ylabel(ind.unit, fontproperties=fonts["label"], rotation=0, labelpad=8)
        axes.set_title(self.tr("{name}: quarter by quarter").format(name=ind.name),
                       fontproperties=fonts["title"])
        axes.legend(prop=fonts["small"], loc="lower left", frameon=False)
        axes.grid(axis="y", linewidth=style.GRID_LINE)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)

    def _draw_units(self, axes: Any, units: UnitsFigures, fonts: dict[str, Any]) -> None:
        """Each subordinate unit's figure for the period, a red tick at its own target.

        A prefecture or province has more units than a chart can name: it shows the lowest
        CHARTED_UNITS, the total still over all of them.
        """
        ind = units.indicator
        if not units.rows:
            axes.set_axis_off()
            axes.text(0.5, 0.5, self.tr("No subordinate units"), ha="center", va="center",
                      transform=axes.transAxes, fontproperties=fonts["message"])
            return
        rows = list(reversed(units.lowest(CHARTED_UNITS)))
        numbers = [float(a.measure.value) for _, a in rows if a.measure]
        numbers += [float(mark) for _, a in rows if a.target for mark in a.target.marks]
        low = max(0.0, min(numbers, default=0.0) - 5)
        top = max(numbers, default=100.0)
        bars = [(y, float(a.measure.value), MET if a.status is Status.MET else NOT_MET)
                for y, (_, a) in enumerate(rows) if a.measure is not None]
        if bars:
            axes.barh([y for y, _, _ in bars], [v - low for _, v, _ in bars], left=low,
                      height=style.BAR_HEIGHT, color=[c for _, _, c in bars])
        labelled = len(rows) <= LABELLED_UNITS
        marks_x: list[float | None] = []
        marks_y: list[float | None] = []
        for y, (_, a) in enumerate(rows):
            if a.measure is not None:
                if labelled:
                    axes.text(float(a.measure.value) + (top - low) * 0.01, y, f"{a.display}",
                              va="center", fontproperties=fonts["small"])
            elif labelled and a.status is Status.NOT_APPLICABLE:
                axes.text(low + (top - low) * 0.01, y, self.tr("Not applicable"), va="center",
                          fontproperties=fonts["small"], color=NOT_APPLICABLE)
            elif labelled:
                axes.text(low + (top - low) * 0.01, y, self.tr("No data"), va="center",
                          fontproperties=fonts["small"], color=NO_DATA)
            if a.target is not None:
                for bound in a.target.marks:
                    marks_x += [float(bound), float(bound), None]
                    marks_y += [y - 0.4, y + 0.4, None]
        if marks_x:
            axes.plot(marks_x, marks_y, color=TARGET, linewidth=style.TARGET_MARK)
        self.units_total = units.total
        if units.total is not None:
            value = float(units.total.value)
            axes.barh(-1, value - low, left=low, height=style.BAR_HEIGHT, color=NO_DATA,
                      hatch="//")
            axes.text(value + (top - low) * 0.01, -1,
                      display(units.total.value, ind.decimals, self.session.plan.rounding),
                      va="center", fontproperties=fonts["small"])
        axes.set_yticks(range(-1, len(rows)), [self.tr("Total"), *(u.name for u, _ in rows)])
        for tick in axes.get_yticklabels():
            tick.set_fontproperties(fonts["label"] if labelled else fonts["small"])
        axes.set_xlim(low, top + (top - low) * 0.08)
        axes.set_xlabel(self.tr("{unit} (red mark: the unit's target)").format(unit=ind.unit),
                        fontproperties=fonts["small"])
        title = self.tr("Units, {period}").format(period=self.period().label_zh())
        if len(rows) < len(units.rows):
            title = self.tr("Units, {period}: the lowest {shown} of {count}").format(
                period=self.period().label_zh(), shown=len(rows), count=len(units.rows))
        axes.set_title(title, fontproperties=fonts["title"])
        for tick in axes.get_xticklabels():
            tick.set_fontproperties(fonts["small"])
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
