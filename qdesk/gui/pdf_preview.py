"""A built PDF document, previewed before it leaves the workbench: printing it true to size in a
worker, and a window that previews one document and prints or saves it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QPushButton,
                               QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.i18n import msg
from qdesk.gui.program_error import program_error
from qdesk.gui.session import Session
from qdesk.gui.widgets import ERROR_STYLE, Retranslating, plain_label, resize_within_screen
from qdesk.gui.workers import (Bug, Cancelled, Done, Job, Outcome, Refused, Worker,
                               run_with_progress)

PRINT_DPI_CAP = 600  # an A4 page at 1200 dpi is a 560 MB image; 600 dpi prints text crisply


def pdf_view(parent: QWidget) -> tuple[QPdfDocument, QPdfView]:
    """A document and the view that shows it as the workbench previews PDFs: every page, one
    under the other."""
    document = QPdfDocument(parent)
    view = QPdfView(parent)
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setPageSpacing(12)
    return document, view


def choose_printer(parent: QWidget, path: Path, pages: int) -> QPrinter | None:
    """The print dialog for a PDF of `pages` pages; the printer chosen, or None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, pages)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def print_pdf(job: Job, path: str, printer: QPrinter, printing: str) -> int:
    """Print a PDF's pages (the printer's from–to range) at true size on whole sheets, as the
    work of a worker; `printing` words the progress ("… page {page} of {pages}…"). The count
    of pages sent."""
    printer.setFullPage(True)  # the PDF carries its own GB/T 9704 margins
    document = QPdfDocument()
    document.load(path)
    count = document.pageCount()
    first = max(printer.fromPage(), 1) - 1
    last = (printer.toPage() or count) - 1
    pages = list(range(first, min(last, count - 1) + 1))
    painter = QPainter()
    if not painter.begin(printer):
        raise QdeskError(msg("the printer could not be started: check that it is on"
                             " and connected", "打印机无法启动，请检查打印机是否开启并已连接"))
    try:
        for number, page in enumerate(pages):
            job.report(100 * number // len(pages), printing.format(page=number + 1,
                                                                   pages=len(pages)))
            if number:
                printer.newPage()
            print_page(painter, printer, document, page)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
        document.close()
    return len(pages)


def print_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """One PDF page (from 0) rendered at the printer's resolution onto the whole sheet, true to size."""
    dpi = min(printer.resolution(), PRINT_DPI_CAP)
    points = document.pagePointSize(page)
    sheet = printer.pageLayout().fullRectPixels(printer.resolution())
    turn = (points.width() > points.height()) != (sheet.width() > sheet.height())
    image = document.render(page, QSize(round(points.width() / 72 * dpi),
                                        round(points.height() / 72 * dpi)))
    painter.save()
    width, height = sheet.width(), sheet.height()
    if turn:
        # GB/T 9704 §10.2: a landscape table's head lies at the binding edge of an odd page and
        # the outer edge of an even one, which is the sheet's left either way: turn it
        # counter-clockwise.
        painter.translate(0, height)
        painter.rotate(-90)
        width, height = height, width
    size = image.size().scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio)
    painter.drawImage(QRect((width - size.width()) // 2, (height - size.height()) // 2,
                            size.width(), size.height()), image)
    painter.restore()


class PdfPreviewDialog(Retranslating, QDialog):
    """One built document shown page by page, to print or save; `choose_file` asks where to
    save it (the page's own choose_* method, which tests answer)."""

    def __init__(self, session: Session, path: Path, title: str,
                 choose_file: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.title = title
        self.choose_file = choose_file
        self.saved: Path | None = None
        self._task: Worker | None = None

        self.document, self.view = pdf_view(self)
        self.zoom_combo = QComboBox()
        self.info_label = plain_label()
        self.error_label = plain_label()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)

        bar = QHBoxLayout()
        bar.addWidget(self.info_label, 1)
        bar.addWidget(self.zoom_combo)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.zoom_combo.currentIndexChanged.connect(self._zoom_chosen)
        self._zoom_chosen()
        self.document.load(str(path))
        self.info_label.setText(self.tr("{title}: %n page(s).", "",
                                        self.document.pageCount()).format(title=title))
        resize_within_screen(self, 900, 720)

    def retranslate(self) -> None:
        self.setWindowTitle(self.title)
        chosen = self.zoom_combo.currentIndex()
        self.zoom_combo.blockSignals(True)
        self.zoom_combo.clear()
        self.zoom_combo.addItem(self.tr("Fit width"), QPdfView.ZoomMode.FitToWidth)
        self.zoom_combo.addItem(self.tr("Whole page"), QPdfView.ZoomMode.FitInView)
        self.zoom_combo.setCurrentIndex(max(chosen, 0))
        self.zoom_combo.blockSignals(False)
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as…"))

    def _zoom_chosen(self) -> None:
        self.view.setZoomMode(self.zoom_combo.currentData())

    def save_as(self) -> Path | None:
        """Copy the document where the clerk says; None if cancelled or it failed (said in place)."""
        chosen = self.choose_file()
        if not chosen:
            return None
        try:
            shutil.copyfile(self.path, chosen)
        except OSError as exc:
            self._show_error(self.tr("Could not save {path}: {error}").format(
                path=chosen, error=exc.strerror or exc))
            return None
        self.error_label.hide()
        self.saved = Path(chosen)
        self.info_label.setText(self.tr("Saved {path}").format(path=chosen))
        return self.saved

    def print_document(self) -> None:
        """The print dialog, then the document page by page in a worker."""
        printer = choose_printer(self, self.path, self.document.pageCount())
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Worker | None:
        if self._task is not None:
            return None
        path = str(self.path)
        printing = self.tr("Printing page {page} of {pages}…")

        def finished(outcome: Outcome[int]) -> None:
            self._task = None
            match outcome:
                case Done(pages):
                    self.info_label.setText(self.tr("Sent %n page(s) to the printer.", "", pages))
                case Refused(error):
                    self._show_error(error.render())
                case Cancelled():
                    self.info_label.setText(self.tr("Printing was cancelled."))
                case Bug(trace):
                    self._show_error(program_error(self, trace, self.tr(
                        "Printing failed because of a program error.")))

        self._task = run_with_progress(self, self.tr("Printing"), self.session,
                                       lambda job: print_pdf(job, path, printer, printing),
                                       finished)
        return self._task

    def printing(self) -> bool:
        return self._task is not None

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
