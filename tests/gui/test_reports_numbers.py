"""The reports page offers the next 发文字号 before printing, takes it when the report leaves the
workbench, and lists the register."""

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog

from qdesk.store.doc_numbers import register, take_number
from tests.gui.test_reports_page import _build, _page


def _save(qtbot, page, monkeypatch, target):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "PDF files (*.pdf)"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)


def _year_numbers(session):
    return [n.number for n in register(session.store)]


def test_the_next_number_is_offered_and_a_preview_takes_none(qtbot, session):
    page = _page(qtbot, session)
    assert page.number_box.isEnabled()
    assert page.number_box.text().startswith("盘质强办〔") and page.number_box.text().endswith("1号")
    _build(qtbot, page)
    assert page.built.issue.header.number.endswith("〕1号")
    assert register(session.store) == []


def test_saving_takes_the_number_once_and_the_next_is_offered(qtbot, session, tmp_path,
                                                              monkeypatch):
    page = _page(qtbot, session)
    _build(qtbot, page)
    _save(qtbot, page, monkeypatch, tmp_path / "a.pdf")
    _save(qtbot, page, monkeypatch, tmp_path / "b.pdf")
    assert _year_numbers(session) == [1], "the same document saved twice keeps its one number"
    assert "〕1号" in page.info_label.text()
    assert page.number_box.value() == 2
    assert (tmp_path / "b.pdf").is_file()


def test_a_number_typed_by_hand_is_printed_and_taken(qtbot, session, tmp_path, monkeypatch):
    page = _page(qtbot, session)
    page.number_box.selectAll()
    qtbot.keyClicks(page.number_box.lineEdit(), "7")
    assert page.number_box.value() == 7
    _build(qtbot, page)
    assert page.built.issue.header.number.endswith("〕7号")
    _save(qtbot, page, monkeypatch, tmp_path / "a.pdf")
    assert _year_numbers(session) == [7]
    assert page.number_box.value() == 8


def test_a_number_taken_meanwhile_is_refused_in_place_and_nothing_is_saved(
        qtbot, session, tmp_path, monkeypatch):
    page = _page(qtbot, session)
    _build(qtbot, page)
    issue = page.built.issue
    take_number(session.store, issue.organ_code, issue.day, "annual", "另一份文件", 1)
    _save(qtbot, page, monkeypatch, tmp_path / "a.pdf")
    assert page.error_label.isVisible() and "已被使用" in page.error_label.text()
    assert not (tmp_path / "a.pdf").exists()
    assert _year_numbers(session) == [1]


def test_a_taken_number_typed_by_hand_is_refused_at_build(qtbot, session):
    page = _page(qtbot, session)
    _build(qtbot, page)
    issue = page.built.issue
    take_number(session.store, issue.organ_code, issue.day, "annual", "另一份文件", 3)
    page.number_box.setValue(3)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert page.error_label.isVisible() and "3号已被使用" in page.error_label.text()


def test_without_an_organ_code_no_number_is_offered(qtbot, session):
    session.set_setting("organ_code", "")
    page = _page(qtbot, session)
    assert not page.number_box.isEnabled()
    assert page.number_box.text() == page.number_box.specialValueText() != ""
    _build(qtbot, page)
    assert any("机关代字" in w or "organ code" in w for w in page.built.warnings)


def test_the_register_lists_the_numbers_taken(qtbot, session, tmp_path, monkeypatch):
    page = _page(qtbot, session)
    _build(qtbot, page)
    _save(qtbot, page, monkeypatch, tmp_path / "a.pdf")
    qtbot.mouseClick(page.numbers_button, Qt.MouseButton.LeftButton)
    dialog = page.register_dialog
    assert dialog is not None and dialog.isVisible()
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == 1
    assert table.item(0, 0).text().endswith("〕1号")
    assert "2020年第四季度" in table.item(0, 1).text()


def test_printing_takes_the_number(qtbot, session, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    page = _page(qtbot, session)
    _build(qtbot, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(72)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.status_message, timeout=60_000):
        page.print_to(printer)
    qtbot.waitUntil(lambda: not page.building(), timeout=60_000)
    assert _year_numbers(session) == [1]
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == page.document.pageCount()
