"""The reports page: choose a kind and a period, build in the background, preview, print, save."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from qdesk.core.periods import Frequency, Period
from qdesk.gui.pages.reports import ReportsPage
from tests.gui.picking import pick_period


def _page(qtbot, session):
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def _previewed(page):
    document = page.document
    return document.status() is QPdfDocument.Status.Ready and document.pageCount() > 0


def test_build_button_previews_the_quarterly_report_for_2020q4(qtbot, session):
    page = _page(qtbot, session)
    assert page.kind() == "quarterly"
    assert page.period() == Period.parse("2020Q4")
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _previewed(page), timeout=60_000)
    assert page.built.path.is_file()
    assert page.built.path.read_bytes().startswith(b"%PDF")
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    assert page.error_label.isHidden()


def _build(qtbot, page):
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _previewed(page) and not page.building(), timeout=60_000)


def _choose_kind(page, kind):
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(kind))


def _offered(page):
    return page.period_picker.periods()


def test_period_list_follows_the_kind_of_report(qtbot, session):
    page = _page(qtbot, session)
    expected = {"quarterly": (Frequency.QUARTERLY, "2020Q4"),
                "half-year": (Frequency.HALF_YEAR, "2020H2"),
                "annual": (Frequency.ANNUAL, "2020"), "targets": (Frequency.ANNUAL, "2020")}
    for kind in ("half-year", "annual", "targets", "quarterly"):
        _choose_kind(page, kind)
        frequency, chosen = expected[kind]
        assert {p.frequency for p in _offered(page)} == {frequency}
        assert page.period() == Period.parse(chosen)
        assert page.period_picker.isVisible()


def test_going_finer_keeps_the_end_of_the_chosen_year(qtbot, session):
    page = _page(qtbot, session)
    _choose_kind(page, "annual")
    pick_period(page.period_picker, Period.parse("2019"))
    _choose_kind(page, "half-year")
    assert page.period() == Period.parse("2019H2")


def test_a_period_of_the_wrong_kind_is_refused_in_place(qtbot, session):
    page = _page(qtbot, session)
    page.build("quarterly", Period.parse("2020"))
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert page.error_label.isVisible()
    text = page.error_label.text()
    assert "2020" in text and "Traceback" not in text
    assert page.built is None
    assert not page.print_button.isEnabled()
    assert page.build_button.isEnabled()


def test_a_second_build_replaces_the_preview(qtbot, session):
    page = _page(qtbot, session)
    _build(qtbot, page)
    first = page.built.path
    _choose_kind(page, "targets")
    _build(qtbot, page)
    assert page.built.kind == "targets" and page.built.period == Period.parse("2020")
    assert page.built.path != first
    assert "2020" in page.info_label.text()


def test_save_as_copies_the_previewed_pdf(qtbot, session, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, session)
    _build(qtbot, page)
    target = tmp_path / "盘山县2020年第四季度报告.pdf"
    offered = []

    def answer(parent, title, path, filters):
        offered.append(Path(path))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == page.built.path.read_bytes()
    assert offered[0].name == "盘山县2020年第四季度报告.pdf"   # named as the clerk would name it
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert offered[1].parent == tmp_path          # and the next time offered where it went


def test_save_as_into_a_missing_folder_says_so_in_place(qtbot, session, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, session)
    _build(qtbot, page)
    target = tmp_path / "no-such-folder" / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "PDF files (*.pdf)"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisible() and str(target) in page.error_label.text()


def test_open_in_viewer_hands_the_file_to_the_desktop(qtbot, session, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page = _page(qtbot, session)
    _build(qtbot, page)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opened] == [page.built.path]


def test_printing_sends_every_page_to_the_printer(qtbot, session, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    page = _page(qtbot, session)
    _build(qtbot, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.status_message, timeout=60_000):
        page.print_to(printer)
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == page.document.pageCount()
    sizes = {(round(printed.pagePointSize(i).width()), round(printed.pagePointSize(i).height()))
             for i in range(printed.pageCount())}
    assert sizes == {(595, 842)}  # A4 sheets; landscape attachment pages are turned on them


def test_nothing_to_print_before_a_build(qtbot, session):
    page = _page(qtbot, session)
    with qtbot.waitSignal(page.status_message) as said:
        page.print_document()
    assert "nothing to print" in said.args[0]


def test_a_program_error_in_the_worker_is_not_shown_as_a_traceback(qtbot, session, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import qdesk.reports.period_report as period_report

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(period_report, "build_report", broken)
    page = _page(qtbot, session)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert page.error_label.isVisible()
    assert "Traceback" not in page.error_label.text()
    boxes = page.findChildren(QMessageBox)
    assert boxes and "RuntimeError: a bug" in boxes[0].detailedText()
    boxes[0].close()


def test_the_stand_in_faces_are_noticed_once_and_again_when_the_fonts_change(
        qtbot, session, tmp_path, monkeypatch):
    import shutil

    from qdesk.reports import fonts
    from qdesk.resources import fonts_dir

    monkeypatch.setattr(fonts, "_default_system_dirs", lambda: ())
    page = _page(qtbot, session)
    assert page.fonts_notice.isHidden()

    _build(qtbot, page)
    assert page.fonts_notice.isVisible()
    assert "FandolFang代替仿宋" in page.fonts_notice.text()
    assert "Qdesk Biaosong代替方正小标宋" in page.fonts_notice.text()
    page.grab().save(str(tmp_path / "reports-notice.png"))

    _build(qtbot, page)
    assert page.fonts_notice.isHidden(), "said once, not on every build"

    system = tmp_path / "Fonts"
    system.mkdir()
    shutil.copyfile(fonts_dir() / "wqy-microhei.ttc", system / "simfang.ttf")
    monkeypatch.setattr(fonts, "_default_system_dirs", lambda: (system,))
    _build(qtbot, page)
    assert page.fonts_notice.isVisible()
    assert "仿宋" not in page.fonts_notice.text().split("：")[1]
    assert "Qdesk Biaosong代替方正小标宋" in page.fonts_notice.text()


def test_no_stand_in_notice_when_the_office_fonts_print_body_and_title(qtbot, session, tmp_path,
                                                                      monkeypatch):
    import shutil

    from qdesk.reports import fonts
    from qdesk.resources import fonts_dir

    system = tmp_path / "Fonts"
    system.mkdir()
    for name in ("simfang.ttf", "STZHONGS.TTF"):
        shutil.copyfile(fonts_dir() / "wqy-microhei.ttc", system / name)
    monkeypatch.setattr(fonts, "_default_system_dirs", lambda: (system,))
    page = _page(qtbot, session)

    _build(qtbot, page)

    assert page.fonts_notice.isHidden()
    assert "STZHONGS.TTF(system)" in page.built.fonts
