"""Reports (报表报送): build a period's official PDF in the background, preview, print, open, save it;
export the period, make its submission package or blank entry sheets, import what units send."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, replace as with_fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QFrame, QGroupBox, QHBoxLayout, QMessageBox,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from qdesk.core.documents import ReportKind
from qdesk.core.errors import QdeskError
from qdesk.core.periods import Period
from qdesk.gui.file_dialogs import existing_folder, open_file_names, save_file_name
from qdesk.gui.page import Page
from qdesk.gui.pdf_preview import choose_printer, pdf_view, print_pdf
from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.widgets import ERROR_STYLE, PeriodPicker, as_typed, plain_label, resize_within_screen
from qdesk.gui.workers import (Bug, Cancelled, Done, Job, Outcome, Refused, Worker,
                               run_with_progress)
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store

if TYPE_CHECKING:
    from qdesk.exchange.imports import Imported, WouldChange
    from qdesk.gui.figure_changes_dialog import FigureChangesDialog
    from qdesk.reports.header import Issue

T = TypeVar("T")
# The unlikely figures an import lists in place; the rest are counted (qdesk import lists all).
IMPORT_WARNINGS_SHOWN = 8


@dataclass(frozen=True)
class Built:
    """A report the page previews: the file and what it is."""

    path: Path
    kind: ReportKind
    period: Period
    fonts: str
    warnings: tuple[str, ...]
    stand_ins: str | None  # which bundled faces printed the body or the title, if any did
    issue: Issue | None = None      # its 发文字号, entered in the register when saved or printed


class ReportsPage(Page):
    """Choose a kind and a period of that kind, build the PDF in a worker, preview it in place."""

    shows = frozenset({"settings", "doc_numbers"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._folder = tempfile.TemporaryDirectory(prefix="qdesk-reports-",
                                                   ignore_cleanup_errors=True)
        self._builds = 0
        self._task: Worker | None = None
        self.built: Built | None = None
        self._fonts_noticed: str | None = None  # the fonts the stand-in notice was shown for
        self.changes_dialog: FigureChangesDialog | None = None  # open while it asks
        self.register_dialog: QDialog | None = None
        self.keys_dialog: QDialog | None = None

        self.kind_combo = QComboBox()
        for kind in ReportKind:
            self.kind_combo.addItem(kind.label.render(), kind.value)
        self.period_picker = self._period_picker(ReportKind.QUARTERLY)
        self.number_label = plain_label(self.tr("Doc. No.:"))
        self.number_box = QSpinBox()
        self.number_box.setRange(1, 9999)
        self.numbers_button = QPushButton(self.tr("Register…"))
        self.numbers_button.setToolTip(self.tr("The document numbers taken (发文字号登记)"))
        self.build_button = QPushButton(self.tr("Build"))
        self.build_button.setDefault(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.open_button = QPushButton(self.tr("Open in viewer"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.xlsx_button = QPushButton(self.tr("Excel workbook…"))
        self.csv_button = QPushButton(self.tr("CSV…"))
        self.package_button = QPushButton(self.tr("Submission package…"))
        self.sheets_button = QPushButton(self.tr("Blank entry sheets…"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.keys_button = QPushButton(self.tr("Units' keys…"))
        self.keys_button.setToolTip(self.tr(
            "The subordinate units' signing keys (下级单位密钥), each kept from its first package"))
        # The fingerprint the superior confirms by telephone, beside the package that carries it.
        self.key_label = plain_label()
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reminder_button = QPushButton(self.tr("Reminder to units…"))
        self.reminder_button.setToolTip(self.tr(
            "A notice (催报通知) to the subordinate units that have not reported for the period, "
            "with its deadline"))
        self.error_label = plain_label()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.info_label = plain_label(self.tr("Choose a report and its period, then Build."))
        self.info_label.setWordWrap(True)
        self.fonts_notice = plain_label()
        self.fonts_notice.setWordWrap(True)
        self.fonts_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.fonts_notice.setMargin(4)
        self.fonts_notice.hide()

        self.document, self.view = pdf_view(self)
        self.zoom_combo = QComboBox()
        self.zoom_combo.addItem(self.tr("Fit width"), QPdfView.ZoomMode.FitToWidth)
        self.zoom_combo.addItem(self.tr("Whole page"), QPdfView.ZoomMode.FitInView)
        self.zoom_combo.addItem(self.tr("Actual size"), QPdfView.ZoomMode.Custom)
        self._zoom_chosen()

        self._lay_out()
        self._set_previewing(False)
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.zoom_combo.currentIndexChanged.connect(self._zoom_chosen)
        self.build_button.clicked.connect(self.build_chosen)
        self.numbers_button.clicked.connect(self.show_register)
        self.keys_button.clicked.connect(self.show_unit_keys)
        self._offer_number()
        self._show_own_key()
        self.print_button.clicked.connect(self.print_document)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.save_button.clicked.connect(self.save_as)
        self.xlsx_button.clicked.connect(lambda: self.export_file("xlsx"))
        self.csv_button.clicked.connect(lambda: self.export_file("csv"))
        self.package_button.clicked.connect(self.make_package)
        self.sheets_button.clicked.connect(self.write_sheets)
        self.import_button.clicked.connect(self.import_files)
        self.reminder_button.clicked.connect(self.write_reminder)

    def name(self) -> str:
        return self.tr("Reports")

    def _lay_out(self) -> None:
        self._bar = QHBoxLayout()
        self._bar.addWidget(plain_label(self.tr("Report:")))
        self._bar.addWidget(self.kind_combo)
        self._bar.addWidget(plain_label(self.tr("Period:")))
        self._bar.addWidget(self.period_picker)
        self._bar.addWidget(self.number_label)
        self._bar.addWidget(self.number_box)
        self._bar.addWidget(self.numbers_button)
        self._bar.addWidget(self.build_button)
        self._bar.addStretch()
        export = QGroupBox(self.tr("Export"))
        export_row = QHBoxLayout(export)
        for button in self._export_buttons():
            export_row.addWidget(button)
        exchange = QHBoxLayout()
        exchange.addWidget(export)
        exchange.addWidget(self.import_button)
        exchange.addWidget(self.keys_button)
        exchange.addWidget(self.reminder_button)
        exchange.addStretch()
        # What acts on the document shown stands right above it, so no row is wider than a
        # 1366 × 768 screen at 125 % in either language.
        preview = QHBoxLayout()
        preview.addWidget(self.zoom_combo)
        for button in (self.print_button, self.open_button, self.save_button):
            preview.addWidget(button)
        preview.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar)
        layout.addLayout(exchange)
        layout.addWidget(self.key_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info_label)
        layout.addWidget(self.fonts_notice)
        layout.addLayout(preview)
        layout.addWidget(self.view, 1)

    # --- choosing --------------------------------------------------------------------------

    def kind(self) -> ReportKind:
        return ReportKind(self.kind_combo.currentData())

    def period(self) -> Period:
        return self.period_picker.period()

    def _period_picker(self, kind: ReportKind, near: Period | None = None) -> PeriodPicker:
        """The plan's periods of the kind's frequency only, at the one where `near` ends.

        `near` defaults to the latest quarter with figures: 2020Q4 gives 2020H2 and 2020.
        """
        frequency = kind.frequency
        near = near or self.session.period
        combo = PeriodPicker(self.session, frequency)
        combo.set_period(Period.containing(near.end, frequency))
        return combo

    def _kind_chosen(self) -> None:
        kind = self.kind()
        if self.period().frequency is kind.frequency:
            return
        combo = self._period_picker(kind, self.period())
        self._bar.replaceWidget(self.period_picker, combo)
        self.period_picker.deleteLater()
        self.period_picker = combo
        combo.show()

    def _zoom_chosen(self) -> None:
        mode = self.zoom_combo.currentData()
        self.view.setZoomMode(mode)
        if mode is QPdfView.ZoomMode.Custom:
            self.view.setZoomFactor(1.0)

    # --- building --------------------------------------------------------------------------

    def build_chosen(self) -> None:
        self.build(self.kind(), self.period())

    def build(self, kind: ReportKind | str, period: Period) -> None:
        """Build a report in a worker; the kind and period are checked by the service itself."""
        if self._task is not None:
            return
        kind = ReportKind.parse(kind)
        self._builds += 1
        folder = Path(self._folder.name) / str(self._builds)
        folder.mkdir()
        out = folder / f"{self.session.home.code}-{period}-{kind.value}.pdf"
        building = self.tr("Building the report…")
        number = self.number_box.value() if self.number_box.isEnabled() else None

        def work(job: Job) -> Built:
            job.report(5, building)
            from qdesk.reports.period_report import build_report

            # A preview takes no number: it is taken when the report is saved or printed.
            result = build_report(job.store, kind, period, out, dt.date.today(), number,
                                  register=False)
            job.report(100, building)  # a Cancel pressed meanwhile drops the file
            return Built(result.path, kind, period, result.fonts,
                         tuple(w.render() for w in result.warnings),
                         result.stand_ins.render() if result.stand_ins else None, result.issue)

        self.error_label.hide()
        self.info_label.setText(building)
        self._set_busy(True)
        self._task = run_with_progress(self, self.tr("Building the report"), self.session, work,
                                       self._finished_building)

    def building(self) -> bool:
        return self._task is not None

    def _finished_building(self, outcome: Outcome[Built]) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(outcome, Done):
            self._built(outcome.value)
            return
        self._show_failure(outcome, self.tr("Building was cancelled."),
                           self.tr("The report could not be built because of a program error."))
        self.info_label.setText(self.tr("No report was built.") if self.built is None else
                                self.tr("The preview still shows the report built before."))

    def _built(self, built: Built) -> None:
        self.document.close()
        error = self.document.load(str(built.path))
        if error is not QPdfDocument.Error.None_:
            self._show_error(self.tr("The report was built but cannot be shown ({error}): {path}")
                             .format(error=error.name, path=built.path))
            self.built = None
            self._set_previewing(False)
            self.info_label.clear()
            return
        self.built = built
        self._set_previewing(True)
        text = self.tr("{report}, {period}: %n page(s).", "", self.document.pageCount()).format(
            report=built.kind.label.render(), period=built.period.label_zh())
        self.info_label.setText("\n".join([text, *built.warnings]))
        self.info_label.setToolTip(as_typed(self.tr("Fonts: {fonts}").format(fonts=built.fonts)))
        self._notice_stand_ins(built)
        self.status_message.emit(self.tr("Report built: {file}").format(file=built.path.name))

    def _notice_stand_ins(self, built: Built) -> None:
        """Say once which bundled faces stood in; again only when the fonts found change."""
        fresh = built.stand_ins is not None and built.fonts != self._fonts_noticed
        if fresh:
            self._fonts_noticed = built.fonts
            self.fonts_notice.setText(built.stand_ins or "")
        self.fonts_notice.setVisible(fresh)

    def _show_failure(self, outcome: Cancelled | Refused | Bug, cancelled: str, bug: str) -> None:
        """A refusal's message in place; a program error in place and, with its trace, in a box."""
        match outcome:
            case Cancelled():
                self.status_message.emit(cancelled)
            case Refused(error):
                self._show_error(error.render())
            case Bug(trace):
                self._show_error(program_error(self, trace, bug))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _export_buttons(self) -> tuple[QPushButton, ...]:
        return (self.xlsx_button, self.csv_button, self.package_button, self.sheets_button)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.build_button, *self._export_buttons(), self.import_button,
                       self.reminder_button):
            button.setEnabled(not busy)

    def _set_previewing(self, on: bool) -> None:
        for button in (self.print_button, self.open_button, self.save_button):
            button.setEnabled(on)

    # --- using the PDF ---------------------------------------------------------------------

    def open_in_viewer(self) -> None:
        if self.built is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.built.path)))

    def save_as(self) -> None:
        if self.built is None:
            return
        chosen = save_file_name(
            self, self.tr("Save the report as"),
            self.built.kind.file_name(self.session.home.name, self.built.period),
            self.tr("PDF files (*.pdf)"))
        if not chosen or not self.issue():
            return
        try:
            shutil.copyfile(self.built.path, chosen)
        except OSError as exc:
            self._show_error(self.tr("Could not save {path}: {error}").format(
                path=chosen, error=exc.strerror or exc))
            return
        self.error_label.hide()
        self.status_message.emit(self.tr("Saved {path}").format(path=chosen))

    def issue(self) -> bool:
        """Enter the previewed report's 发文字号 in the register, once, as it leaves the
        workbench (saved or printed); False, said in place, if it was taken meanwhile."""
        from qdesk.reports.header import take

        if self.built is None or self.built.issue is None or self.built.issue.number is None:
            return True
        try:
            taken = take(self.session.store, self.built.issue)
        except QdeskError as exc:
            self._show_error(exc.render() + "\n" + self.tr("Build the report again to give it "
                                                          "the next number."))
            return False
        self.built = with_fields(self.built, issue=None)
        self._offer_number()
        if taken is not None:
            self.info_label.setText(self.tr("Document number {number} entered in the "
                                            "register").format(number=taken.text))
        self.changed.emit(Changes.of("doc_numbers", "audit"))
        return True

    def _offer_number(self) -> None:
        """The next 发文字号 of the year, editable; none without an organ code or letterhead."""
        from qdesk.store.doc_numbers import next_number

        code = self.session.setting("organ_code")
        year = dt.date.today().year
        numbered = bool(code) and self.session.setting("letterhead") != "none"
        self.number_box.setEnabled(numbered)
        if numbered:
            self.number_box.setPrefix(f"{code}〔{year}〕")
            self.number_box.setSuffix("号")
            self.number_box.setValue(next_number(self.session.store, code, year))
            self.number_box.setToolTip(self.tr("The next number is offered; another one never "
                                               "taken may be typed instead."))
        else:
            self.number_box.setPrefix("")
            self.number_box.setSuffix("")
            self.number_box.setSpecialValueText(self.tr("none"))
            self.number_box.setValue(self.number_box.minimum())
            self.number_box.setToolTip(self.tr("No organ code is set (Settings → Documents), "
                                               "or the letterhead is off: no document number."))

    def refresh(self) -> None:
        if self._task is None:
            self._offer_number()
            self._show_own_key()

    def _show_own_key(self) -> None:
        from qdesk.views.keys import own_key_line

        self.key_label.setText(own_key_line(self.session.store).render())

    def show_unit_keys(self) -> QDialog:
        """下级单位密钥: the units' keys, and forgetting one with a reason."""
        from qdesk.gui.keys_dialog import UnitKeysDialog
        from qdesk.views.keys import key_rows, own_key_line

        store = self.session.store
        dialog = UnitKeysDialog(key_rows(store, forgotten=True), own_key_line(store).render(),
                                self.forget_key, self)
        dialog.finished.connect(dialog.deleteLater)
        self.keys_dialog = dialog
        dialog.open()
        return dialog

    def forget_key(self, unit_code: str, reason: str) -> None:
        def forget(store: Store) -> str:
            from qdesk.store.keys import forget_unit_key

            return forget_unit_key(store, unit_code, reason).fingerprint

        self._run(self.tr("Forgetting the key"), forget,
                  lambda old: self.tr("The key of {code} (fingerprint {fingerprint}) is "
                                      "forgotten: its next package brings the key to keep.")
                  .format(code=unit_code, fingerprint=old),
                  Changes.of("signing_keys", "audit", units=[unit_code]))

    def show_register(self) -> QDialog:
        """The 发文字号 register in a small dialog: number, document, date, operator, withdrawal."""
        from qdesk.store.doc_numbers import register

        taken = register(self.session.store)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Document number register"))
        table = QTableWidget(len(taken), 5, dialog)
        table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Document"),
                                         self.tr("Dated"), self.tr("Operator"),
                                         self.tr("Withdrawn")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for row, entry in enumerate(taken):
            cells = [entry.text, entry.title,
                     entry.issued_on.isoformat() if entry.issued_on else "", entry.taken_by,
                     entry.withdrawn_reason or ""]
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        empty = plain_label(self.tr("No document number has been taken yet."))
        empty.setVisible(not taken)
        layout.addWidget(empty)
        layout.addWidget(table)
        layout.addWidget(buttons)
        resize_within_screen(dialog, 900, 420)
        self.register_dialog = dialog
        dialog.open()
        return dialog

    def print_document(self) -> None:
        """Ctrl+P: the print dialog, then the previewed PDF page by page in a worker."""
        if self.built is None:
            self.status_message.emit(self.tr("Build a report first: there is nothing to print."))
            return
        printer = choose_printer(self, self.built.path, self.document.pageCount())
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Worker | None:
        """Print the previewed PDF at true size on whole sheets; landscape pages are turned."""
        if self.built is None or self._task is not None or not self.issue():
            return None
        path = str(self.built.path)
        printing = self.tr("Printing page {page} of {pages}…")

        def work(job: Job) -> int:
            return print_pdf(job, path, printer, printing)

        def finished(outcome: Outcome[int]) -> None:
            self._task = None
            if isinstance(outcome, Done):
                self.status_message.emit(self.tr("Sent %n page(s) to the printer.", "",
                                                 outcome.value))
            else:
                self._show_failure(outcome, self.tr("Printing was cancelled."),
                                   self.tr("Printing failed because of a program error."))

        self._task = run_with_progress(self, self.tr("Printing"), self.session, work, finished)
        return self._task

    # --- exchanging with other offices -----------------------------------------------------

    def choose_file(self, kind: str) -> str:
        """The file to export the period to ("xlsx" or "csv"); empty if the clerk cancelled."""
        filters = {"xlsx": self.tr("Excel workbooks (*.xlsx)"), "csv": self.tr("CSV files (*.csv)")}
        name = f"{self.session.home.code}-{self.period()}.{kind}"
        return save_file_name(self, self.tr("Export the period as"), name, filters[kind])

    def choose_package_file(self) -> str:
        """Where to write the package, under its conventional name unless the clerk changes it;
        empty if the clerk cancelled. A method so tests can answer."""
        from qdesk.exchange.package import package_name

        name = package_name(self.session.home, self.period())
        return save_file_name(self, self.tr("Save the submission package as"), name,
                              self.tr("Submission packages (*.qdpkg)"))

    def choose_folder(self) -> str:
        return existing_folder(self, self.tr("Choose the folder to write to"))

    def choose_import_files(self) -> list[str]:
        return open_file_names(
            self, self.tr("Import packages or entry sheets"),
            self.tr("Submission packages and entry sheets (*.qdpkg *.csv *.xlsx)"))

    def confirm(self, text: str) -> bool:
        """Yes or No before a step that cannot simply be undone; a method so tests can answer."""
        return QMessageBox.question(self, self.tr("Please confirm"), as_typed(text)) \
            == QMessageBox.StandardButton.Yes

    def export_file(self, kind: str) -> None:
        """The office's own sheet of the chosen period as an xlsx workbook or a CSV file."""
        chosen = self.choose_file(kind) if self._task is None else ""
        if not chosen:
            return
        period = self.period()

        def export(store: Store) -> Path:
            from qdesk.exchange.export import export_csv, export_xlsx

            return (export_xlsx if kind == "xlsx" else export_csv)(store, period, Path(chosen))

        self._run(self.tr("Exporting"), export,
                  lambda out: self.tr("Written: {path}").format(path=out))

    def make_package(self) -> None:
        """The submission package of the chosen period; recording it locks the period."""
        if self._task is not None:
            return
        period = self.period()
        if not self.confirm(self.tr(
                "Making the submission package records the submission of {period} and locks the "
                "period: its figures cannot be changed until it is unlocked with a reason. "
                "Make the package?").format(period=period.label_zh())):
            return
        chosen = self.choose_package_file()
        if not chosen:
            return

        def package(store: Store) -> Path:
            from qdesk.submission import build_package

            # The save dialog asked before replacing a file: the clerk said yes.
            return build_package(store, period, Path(chosen), force=True)

        def said(out: Path) -> str:
            self._show_own_key()
            return self.tr("Written: {path}\n{period} is submitted and locked.").format(
                path=out, period=period.label_zh())

        self._run(self.tr("Making the submission package"), package, said,
                  Changes.of("submissions", "locks", "audit", periods=[period]))

    def write_sheets(self) -> None:
        """One blank entry workbook per subordinate unit for the chosen period."""
        chosen = self.choose_folder() if self._task is None else ""
        if not chosen:
            return
        period = self.period()

        def sheets(store: Store) -> list[Path]:
            from qdesk.exchange.blank_sheet import write_blank_sheets

            return write_blank_sheets(store, period, Path(chosen))

        self._run(self.tr("Writing blank entry sheets"), sheets,
                  lambda paths: self.tr("Written: %n blank entry sheet(s) in {folder}", "",
                                        len(paths)).format(folder=chosen))

    def choose_reminder_file(self) -> str:
        """Where to write the reminder; empty if the clerk cancelled. A method so tests can answer."""
        from qdesk.gui.reminder import choose_reminder_file

        return choose_reminder_file(self, self.session, self.period())

    def write_reminder(self) -> None:
        """催报通知 to the units that have not reported for the chosen period."""
        chosen = self.choose_reminder_file() if self._task is None else ""
        if not chosen:
            return
        period = self.period()

        from qdesk.gui.reminder import REMINDER_WRITES, write_reminder

        self._run(self.tr("Writing the reminder"),
                  lambda store: write_reminder(store, period, Path(chosen)),
                  lambda out: self.tr("Written: {path}").format(path=out), REMINDER_WRITES)

    def import_files(self) -> None:
        chosen = self.choose_import_files() if self._task is None else []
        if chosen:
            self.import_paths([Path(p) for p in chosen])

    def import_paths(self, paths: list[Path], replace: bool = False,
                     add_units: bool = False, overwrite: bool = False) -> None:
        """Submission packages and filled entry sheets: all checked first, then all written.

        Packages imported before are replaced, subordinate offices not yet registered are
        registered from their packages, and figures already stored are changed, only after the
        clerk says yes (to the last, in the list of every figure changed)."""
        importing = self.tr("Importing")

        def import_all(job: Job) -> Imported:
            from qdesk.exchange.imports import import_files

            def progress(checked: int, files: int) -> None:
                # Cancel stops it here, while files are still being checked: nothing is written.
                job.report(5 + 90 * checked // max(files, 1), importing)

            return import_files(job.store, paths, replace=replace, add_units=add_units,
                                overwrite=overwrite, progress=progress)

        def refused(error: QdeskError) -> bool:
            from qdesk.exchange.imports import ImportedBefore, UnknownUnits, WouldChange

            if isinstance(error, ImportedBefore):
                question = self.tr("Replace the packages imported before?") + "\n\n" + error.render()
                again = (True, add_units, overwrite)
            elif isinstance(error, UnknownUnits):
                question = self.tr("Register the new subordinate units?") + "\n\n" + "\n".join(
                    f"{u.code}  {u.name}" for u in error.units)
                again = (replace, True, overwrite)
            elif isinstance(error, WouldChange):
                self._show_error(error.render())
                self.info_label.setText(self.tr("Nothing was imported."))
                self._ask_to_change(error, lambda: self.import_paths(paths, replace, add_units,
                                                                     True))
                return True
            else:
                return False
            self._show_error(error.render())
            self.info_label.setText(self.tr("Nothing was imported."))
            if self.confirm(question):
                self.import_paths(paths, *again)
            return True

        self._start(importing, import_all, self._imported, lambda imported: imported.changes,
                    nothing=self.tr("Nothing was imported."), refused=refused)

    def _ask_to_change(self, refusal: WouldChange, go_on: Callable[[], None]) -> None:
        """The list of every figure the import would change, open beside the page (window
        modal); `go_on` runs on 继续导入, and 取消 leaves the refusal in place."""
        from qdesk.gui.figure_changes_dialog import FigureChangesDialog
        from qdesk.views.figure_changes import change_lines, removal_lines

        dialog = FigureChangesDialog(change_lines(refusal.changes)
                                     + removal_lines(refusal.removed), self)
        self.changes_dialog = dialog
        dialog.accepted.connect(go_on)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _imported(self, imported: Imported) -> str:
        text = self.tr("Imported %n file(s): {new} new, {changed} changed, {unchanged} unchanged.",
                       "", imported.files).format(new=imported.written.inserted,
                                                  changed=imported.written.updated,
                                                  unchanged=imported.written.unchanged)
        if imported.replaced:
            text += "\n" + self.tr("%n package(s) replaced the one(s) imported before.", "",
                                    imported.replaced)
        if imported.registered:
            text += "\n" + self.tr("%n new subordinate unit(s) registered.", "",
                                    len(imported.registered))
        if imported.removed:
            text += "\n" + self.tr("%n figure(s) the corrected package no longer holds were "
                                    "removed (the change history keeps them).", "",
                                    len(imported.removed))
        for key in imported.new_keys:
            text += "\n" + self.tr("Kept the signing key of {name} ({code}), fingerprint "
                                    "{fingerprint}: confirm it with the unit by telephone.").format(
                name=key.unit_name, code=key.unit_code, fingerprint=key.fingerprint)
        if imported.warnings:
            from qdesk.views.figure_changes import warning_lines

            text += "\n" + self.tr("%n figure(s) look unlikely and have no note to say why: ask "
                                    "the unit, then explain them in 数据填报 or import the sheet "
                                    "again with the reason in its 备注.", "",
                                    len(imported.warnings))
            text += "".join("\n  " + line for line in warning_lines(
                self.session.plan, imported.warnings, limit=IMPORT_WARNINGS_SHOWN))
        return text

    def _run(self, title: str, fn: Callable[[Store], T], said: Callable[[T], str],
             changes: Changes = NOTHING, nothing: str = "") -> None:
        """fn(store) in a worker on its own connection, said in place; `changes`, what it wrote."""

        def work(job: Job) -> T:
            job.report(5, title)  # the last point where Cancel stops it: nothing is written yet
            return fn(job.store)

        self._start(title, work, said, lambda _: changes, nothing)

    def _start(self, title: str, work: Callable[[Job], T], said: Callable[[T], str],
               wrote: Callable[[T], Changes], nothing: str = "",
               refused: Callable[[QdeskError], bool] | None = None) -> None:
        """work(job) behind a progress dialog; its result said in place and what it wrote
        announced; a refusal that `refused` handles is left to it."""
        nothing = nothing or self.tr("Nothing was written.")

        def finished(outcome: Outcome[T]) -> None:
            self._task = None
            self._set_busy(False)
            match outcome:
                case Done(value):
                    text = said(value)
                    self.error_label.hide()
                    self.info_label.setText(text)
                    self.status_message.emit(text.splitlines()[0])
                    changed = wrote(value)
                    if changed:
                        self.changed.emit(changed)
                case Refused(error) if refused is not None and refused(error):
                    pass
                case _:
                    self._show_failure(outcome, self.tr("Cancelled: nothing was written."),
                                       self.tr("The work could not be finished because of a "
                                               "program error."))
                    self.info_label.setText(nothing)

        self.error_label.hide()
        self.info_label.setText(title + "…")
        self._set_busy(True)
        self._task = run_with_progress(self, title, self.session, work, finished)

