"""The 版头, the 发文字号, 签发人, the sealed signature, 附注 and 版记 (DESIGN §14, GB/T 9704 §7),
read back from the PDFs of an office made by `qdesk init`."""

import datetime as dt
import re

import pdfplumber
import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.reports.document import Header, OfficialDocument, date_zh
from qdesk.reports.fonts import find_fonts
from qdesk.reports.layout import AREA_WIDTH, BODY_SIZE, LEFT, LETTER_SPACING, MM, PITCH, TITLE_SIZE
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store
from qdesk.store.doc_numbers import register, withdraw_number
from qdesk.store.settings import set_setting
from qdesk.store.units import add_subordinate
from tests.reports.pdftools import RED, folio, lines, red_line, text_lines, type_area

EM = BODY_SIZE + LETTER_SPACING
SIGNED = dt.date(2020, 4, 3)
ORGAN = "盘山县质量强县工作领导小组办公室"
SETTINGS = {"issuing_organ": ORGAN, "organ_code": "盘质强办", "signer": "王建国",
            "contact": "李晓燕", "contact_phone": "0427-5612345",
            "cc": "盘山县人民政府办公室\n盘山县市场监督管理局", "printed_by": ORGAN}


def office(folder, **settings):
    """盘山县 as `qdesk init` makes it, with two townships, and the header's settings."""
    db = folder / "panshan.qdesk"
    create_database(db, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(db) as store:
        for code, name in (("211122100", "石新镇"), ("211122101", "坝墙子镇")):
            add_subordinate(store, code, name, "township")
        for key, value in {**SETTINGS, **settings}.items():
            set_setting(store, key, value)
    return db


def quarterly(db, out, **options):
    with open_store(db) as store:
        return build_report(store, "quarterly", Period.parse("2020Q1"), out, SIGNED, **options)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("printed")
    db = office(folder)
    result = quarterly(db, folder / "q.pdf")
    with pdfplumber.open(result.path) as pdf:
        yield db, result, pdf


def red_chars(page):
    return [c for c in page.chars if tuple(c["non_stroking_color"]) == RED]


def row_of(page, start):
    return next(r for r in lines(page) if "".join(c["text"] for c in r).startswith(start))


def test_the_mark_is_red_xiaobiaosong_centred_35_mm_under_the_type_area(printed):
    _, _, pdf = printed
    page = pdf.pages[0]
    x0, top, x1, _ = type_area(page)
    mark = red_chars(page)
    assert "".join(c["text"] for c in mark) == f"{ORGAN}文件"
    assert min(c["top"] for c in mark) == pytest.approx(top + 35 * MM, abs=1.5)
    assert (mark[0]["x0"] + mark[-1]["x1"]) / 2 == pytest.approx((x0 + x1) / 2, abs=1)
    assert mark[-1]["x1"] - mark[0]["x0"] <= AREA_WIDTH + 0.5
    assert all(c["size"] <= 22 * MM for c in mark)
    title = next(r for r in lines(page) if r[0]["size"] == pytest.approx(TITLE_SIZE))
    assert {c["fontname"] for c in mark} == {title[0]["fontname"]}, "小标宋, as the title"


def test_the_red_line_is_4_mm_under_the_number_across_the_type_area(printed):
    _, result, pdf = printed
    page = pdf.pages[0]
    line = red_line(page)
    number = row_of(page, result.doc_number)
    assert line["x0"] == pytest.approx(LEFT, abs=0.5)
    assert line["width"] == pytest.approx(AREA_WIDTH, abs=0.5)
    assert line["top"] - number[0]["bottom"] == pytest.approx(4 * MM, abs=1)


def test_the_title_stands_about_two_lines_under_the_red_line(printed):
    _, _, pdf = printed
    page = pdf.pages[0]
    title = next(r for r in lines(page) if r[0]["size"] == pytest.approx(TITLE_SIZE))
    assert 1.7 * PITCH <= title[0]["top"] - red_line(page)["top"] <= 2.3 * PITCH


def test_the_number_follows_the_standard_pattern_and_enters_the_register(printed):
    db, result, _ = printed
    assert result.doc_number == "盘质强办〔2020〕1号"
    assert re.fullmatch(r"盘质强办〔\d{4}〕[1-9]\d*号", result.doc_number)
    with open_store(db) as store:
        [entry] = [n for n in register(store) if n.number == 1]
    assert (entry.kind, entry.issued_on) == ("quarterly", SIGNED)
    assert entry.title.endswith("2020年第一季度质量强县工作情况的报告")


def test_an_upward_report_has_the_signer_right_on_the_numbers_line(printed):
    _, result, pdf = printed
    page = pdf.pages[0]
    row = row_of(page, result.doc_number)
    text = "".join(c["text"] for c in row)
    assert text == f"{result.doc_number}签发人：王建国"
    x0, _, x1, _ = type_area(page)
    assert row[0]["x0"] == pytest.approx(x0 + EM, abs=1), "the number one character in"
    assert row[-1]["x1"] == pytest.approx(x1 - EM, abs=1), "the name ends one character in"
    label, name = row[len(result.doc_number)], row[-1]
    assert label["fontname"] != name["fontname"], "签发人： in 仿宋, the name in 楷体"
    assert "Kai" in name["fontname"] or "kai" in name["fontname"].lower()


def test_a_downward_document_centres_its_number_and_names_no_signer(tmp_path):
    doc = OfficialDocument(find_fonts(system_dirs=[]), Header(
        ORGAN, number="盘质强办〔2020〕3号", signer="王建国", upward=False))
    doc.title("关于2019年度质量工作考核结果的通报")
    path = doc.write(tmp_path / "notice.pdf", "通报", ORGAN)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        row = row_of(page, "盘质强办")
        x0, _, x1, _ = type_area(page)
        assert "".join(c["text"] for c in row) == "盘质强办〔2020〕3号"
        assert (row[0]["x0"] + row[-1]["x1"]) / 2 == pytest.approx((x0 + x1) / 2, abs=1)
        assert "签发人" not in "".join(text_lines(page))


def test_two_reports_take_two_numbers_and_a_withdrawn_one_is_not_given_again(tmp_path):
    db = office(tmp_path)
    first = quarterly(db, tmp_path / "1.pdf")
    with open_store(db) as store:
        withdraw_number(store, "盘质强办", 2020, 1, "数据有误，重新报送")
    second = quarterly(db, tmp_path / "2.pdf")
    assert (first.doc_number, second.doc_number) == ("盘质强办〔2020〕1号", "盘质强办〔2020〕2号")


def test_a_number_given_by_hand_that_is_taken_is_refused_and_nothing_is_written(tmp_path):
    db = office(tmp_path)
    quarterly(db, tmp_path / "1.pdf", doc_number=5)
    with pytest.raises(InputError, match="盘质强办〔2020〕5号已被使用"):
        quarterly(db, tmp_path / "2.pdf", doc_number=5)
    assert not (tmp_path / "2.pdf").exists()
    with open_store(db) as store:
        assert [n.number for n in register(store)] == [5]
    assert quarterly(db, tmp_path / "3.pdf").doc_number == "盘质强办〔2020〕6号"


def test_a_preview_takes_no_number(tmp_path):
    db = office(tmp_path)
    assert quarterly(db, tmp_path / "p.pdf", register=False).doc_number == "盘质强办〔2020〕1号"
    assert quarterly(db, tmp_path / "q.pdf").doc_number == "盘质强办〔2020〕1号"


def test_an_office_without_an_organ_code_prints_no_number_and_says_so(tmp_path):
    db = office(tmp_path, organ_code="")
    result = quarterly(db, tmp_path / "q.pdf")
    assert result.doc_number == ""
    assert [w.render("zh") for w in result.warnings if "机关代字" in w.render("zh")] == [
        "未设置机关代字，文件不编发文字号；请在“设置 → 公文”或用 qdesk settings set organ_code 设置"]
    with pdfplumber.open(result.path) as pdf:
        assert "〔" not in "".join(text_lines(pdf.pages[0]))
        assert "签发人：王建国" in "".join(text_lines(pdf.pages[0]))
    with open_store(db) as store:
        assert register(store) == []


def test_blank_letterhead_leaves_the_mark_and_line_empty_and_keeps_the_title_in_place(
        printed, tmp_path):
    _, _, pdf = printed
    db = office(tmp_path, letterhead="blank")
    result = quarterly(db, tmp_path / "blank.pdf")
    with pdfplumber.open(result.path) as blank:
        page = blank.pages[0]
        assert red_chars(page) == [] and page.lines == []
        titles = [[r[0]["top"] for r in lines(p) if r[0]["size"] == pytest.approx(TITLE_SIZE)]
                  for p in (page, pdf.pages[0])]
        assert titles[0] == pytest.approx(titles[1], abs=0.1)
        number = row_of(page, result.doc_number)
        assert number[0]["top"] == pytest.approx(
            row_of(pdf.pages[0], "盘质强办")[0]["top"], abs=0.1), "printed into the red paper's gap"


def test_no_letterhead_puts_the_title_on_the_first_line(tmp_path):
    db = office(tmp_path, letterhead="none")
    result = quarterly(db, tmp_path / "none.pdf")
    assert result.doc_number == ""
    with pdfplumber.open(result.path) as pdf:
        page = pdf.pages[0]
        first = lines(page)[0]
        assert first[0]["size"] == pytest.approx(TITLE_SIZE)
        assert first[0]["top"] == pytest.approx(type_area(page)[1] + (PITCH - TITLE_SIZE) / 2,
                                                abs=1.5)
        assert red_chars(page) == []


def test_the_report_opens_with_its_occasion_and_closes_with_te_ci_bao_gao(printed):
    _, _, pdf = printed
    rows = [t for p in pdf.pages for t in text_lines(p)]
    text = "".join(rows)
    assert re.search(r"按照《.+?》确定的.+?。现将有关情况报告如下：", text)
    close = rows.index("特此报告。")
    assert close < next(i for i, t in enumerate(rows) if t.startswith("附件："))
    assert close < rows.index(ORGAN)
    page = next(p for p in pdf.pages if "特此报告。" in text_lines(p))
    assert row_of(page, "特此报告")[0]["x0"] == pytest.approx(type_area(page)[0] + 2 * EM, abs=1)


def test_the_sealed_signature_puts_the_date_four_characters_in_and_the_organ_over_it(tmp_path):
    fonts = find_fonts(system_dirs=[])
    rows = {}
    for organ in ("盘山县质量办", ORGAN):
        doc = OfficialDocument(fonts, Header(organ, letterhead="none"))
        doc.paragraph("正文。")
        doc.signature(organ, dt.date(2020, 4, 3))
        with pdfplumber.open(doc.write(tmp_path / f"{organ}.pdf", "t", organ)) as pdf:
            page = pdf.pages[0]
            rows[organ] = (row_of(page, organ), row_of(page, "2020年4月3日"),
                           row_of(page, "正文"), type_area(page)[2])
    short, date, body, right = rows["盘山县质量办"]
    assert date[-1]["x1"] == pytest.approx(right - 4 * EM, abs=1)
    assert (short[0]["x0"] + short[-1]["x1"]) / 2 == pytest.approx(
        (date[0]["x0"] + date[-1]["x1"]) / 2, abs=1)
    assert short[0]["top"] - body[0]["top"] == pytest.approx(3 * PITCH, abs=1), "seal's room"
    assert date[0]["top"] - short[0]["top"] == pytest.approx(PITCH, abs=1)
    long, date, _, right = rows[ORGAN]
    assert date[-1]["x1"] == pytest.approx(right - 4 * EM, abs=1)
    assert long[-1]["x1"] == pytest.approx(right - 2 * EM, abs=1), "too long to centre"


def test_the_unsealed_choice_keeps_the_unsealed_layout(tmp_path):
    doc = OfficialDocument(find_fonts(system_dirs=[]), Header(ORGAN, letterhead="none",
                                                              sealed=False))
    doc.paragraph("正文。")
    doc.signature(ORGAN, dt.date(2020, 4, 3))
    with pdfplumber.open(doc.write(tmp_path / "u.pdf", "t", ORGAN)) as pdf:
        page = pdf.pages[0]
        organ, date = row_of(page, ORGAN), row_of(page, "2020年4月3日")
        right = type_area(page)[2]
        assert organ[-1]["x1"] == pytest.approx(right - 2 * EM, abs=1)
        assert date[0]["x0"] == pytest.approx(organ[0]["x0"] + 2 * EM, abs=1)


def test_the_note_stands_under_the_date_two_characters_in_and_in_parentheses(printed):
    _, _, pdf = printed
    page = next(p for p in pdf.pages if ORGAN in text_lines(p))
    rows = text_lines(page)
    date = rows.index(date_zh(SIGNED))
    assert rows[date + 1] == "（联系人：李晓燕，联系电话：0427-5612345）"
    note = row_of(page, "（联系人")
    assert note[0]["x0"] == pytest.approx(type_area(page)[0] + 2 * EM, abs=1)
    assert note[0]["top"] - row_of(page, date_zh(SIGNED))[0]["top"] == pytest.approx(PITCH, abs=1)


def test_the_colophon_is_at_the_foot_of_the_last_page_which_is_even(printed):
    _, _, pdf = printed
    assert len(pdf.pages) % 2 == 0
    last = pdf.pages[-1]
    assert last.width < last.height
    x0, _, x1, bottom = type_area(last)
    rows = text_lines(last)
    assert "抄送：盘山县人民政府办公室，盘山县市场监督管理局。" in rows
    assert f"{ORGAN}{date_zh(dt.date.today())}印发" in rows
    rules = sorted(last.lines, key=lambda ln: ln["top"])
    assert [round(ln["linewidth"] / MM, 2) for ln in rules] == [0.35, 0.25, 0.35]
    assert all(ln["x0"] == pytest.approx(x0, abs=0.5) and ln["x1"] == pytest.approx(x1, abs=0.5)
               for ln in rules)
    assert rules[-1]["top"] == pytest.approx(bottom, abs=0.5), "the last line on the area's foot"
    printed_row = row_of(last, ORGAN)
    assert printed_row[0]["x0"] == pytest.approx(x0 + 14, abs=1)
    assert printed_row[-1]["x1"] == pytest.approx(x1 - 14, abs=1)
    assert all(c["size"] == 14 for c in printed_row)


def _colophon_document(tmp_path, body_lines):
    """A document of `body_lines` full lines (no 版头) with a 版记."""
    doc = OfficialDocument(find_fonts(system_dirs=[]), Header(
        ORGAN, letterhead="none", cc=("县政府办公室",), printed_by=ORGAN))
    doc.paragraph("质" * (28 * body_lines - 2))
    return doc.write(tmp_path / f"{body_lines}.pdf", "t", ORGAN)


def test_a_document_ending_on_an_odd_page_takes_its_colophon_on_the_even_page_after(tmp_path):
    with pdfplumber.open(_colophon_document(tmp_path, 30)) as pdf:
        assert len(pdf.pages) == 2
        assert "抄送：县政府办公室。" in text_lines(pdf.pages[1])
        assert folio(pdf.pages[1]) == "— 2 —"


def test_a_full_even_last_page_puts_the_colophon_two_pages_on_and_numbers_neither(tmp_path):
    with pdfplumber.open(_colophon_document(tmp_path, 44)) as pdf:
        assert len(pdf.pages) == 4
        assert text_lines(pdf.pages[2]) == [] and folio(pdf.pages[2]) == ""
        assert "抄送：县政府办公室。" in text_lines(pdf.pages[3])
        assert folio(pdf.pages[3]) == ""
        assert folio(pdf.pages[1]) == "— 2 —"


def test_no_colophon_when_neither_copies_nor_printer_are_set(tmp_path):
    doc = OfficialDocument(find_fonts(system_dirs=[]), Header(ORGAN, letterhead="none"))
    doc.paragraph("正文。")
    with pdfplumber.open(doc.write(tmp_path / "n.pdf", "t", ORGAN)) as pdf:
        assert len(pdf.pages) == 1 and pdf.pages[0].lines == []


def test_the_roster_takes_no_header(demo_master, tmp_path):
    from qdesk.reports.group_report import build_roster

    with open_store(demo_master) as store:
        result = build_roster(store, tmp_path / "roster.pdf", dt.date(2020, 12, 31))
    with pdfplumber.open(result.path) as pdf:
        assert all(red_chars(p) == [] and p.lines == [] for p in pdf.pages)
        assert result.doc_number == ""


def test_the_adjustment_notice_prints_its_number_and_one_organ_heads_and_signs_it(
        demo_master, tmp_path):
    from qdesk.reports.group_report import build_adjustment_notice

    with open_store(demo_master) as store:
        result = build_adjustment_notice(store, tmp_path / "n.pdf", "盘县政办发〔2019〕47号")
    assert result.doc_number == "盘县政办发〔2019〕47号"
    with pdfplumber.open(result.path) as pdf:
        page = pdf.pages[0]
        mark = "".join(c["text"] for c in red_chars(page))
        rows = [t for p in pdf.pages for t in text_lines(p)]
        assert "盘县政办发〔2019〕47号" in rows
        assert "签发人" not in "".join(rows)
        signed_by = rows[rows.index(date_zh(dt.date(2019, 11, 4))) - 1]
        assert mark == f"{signed_by}文件"


def test_the_signature_never_stands_alone_on_a_page(tmp_path):
    doc = OfficialDocument(find_fonts(system_dirs=[]), Header(ORGAN, letterhead="none"))
    doc.paragraph("质" * (28 * 22 - 2))
    doc.signature(ORGAN, dt.date(2020, 4, 3))
    with pdfplumber.open(doc.write(tmp_path / "s.pdf", "t", ORGAN)) as pdf:
        rows = text_lines(pdf.pages[-1])
    assert rows[:2] == ["质" * 28] * 2 and rows[2] == ORGAN
