"""The GB/T 9704 engine, read back from the PDFs it writes."""

import datetime as dt
import re

import pdfplumber
import pypdf
import pytest

from qdesk.core.errors import InputError
from qdesk.reports.document import Attachment, OfficialDocument, TableSpec, balanced_lines, date_zh
from qdesk.reports.fonts import Role, find_fonts
from qdesk.reports.layout import (AREA_WIDTH, BODY_SIZE, CHARS_PER_LINE, FOLIO_GAP,
                                  LINES_PER_PAGE, PAGE_HEIGHT, PAGE_WIDTH, TITLE_SIZE, MM)
from qdesk.reports.linebreak import NO_END, NO_START
from tests.reports.pdftools import (folio, lines, red_line, table_rows, text_lines, type_area,
                                   unrotated)

FILLER = "质量工作领导小组办公室按照年度计划对各单位质量指标完成情况进行统计分析现将有关情况通报如下"
TEMPTING = ("各单位要认真对照目标查找差距，明确责任。质量是一个国家和地区经济实力、文明程度的综合反映。"
            "习近平总书记强调要“切实把推动发展的立足点转到提高质量和效益上来”，“推动中国制造向中国创造"
            "转变”（见《质量发展纲要（2011—2020年）》）——全面落实……持续推进；按照GB/T 9704-2012"
            "的要求，抽查合格率达到92.35%，比上年同期提高1.6个百分点！“质量强县”活动（2016—2018年）"
            "取得明显成效：各单位要“对标一流”、“争创一流”。") * 3


@pytest.fixture(scope="module")
def fonts():
    return find_fonts(system_dirs=[])


def write(doc, tmp_path, name="doc.pdf"):
    path = doc.write(tmp_path / name, "测试文件", "测试单位")
    return path


@pytest.fixture(scope="module")
def full_page(fonts, tmp_path_factory):
    doc = OfficialDocument(fonts)
    doc.paragraph(FILLER * 30)
    path = write(doc, tmp_path_factory.mktemp("full"))
    with pdfplumber.open(path) as pdf:
        yield pdf


def test_a_full_body_page_has_22_lines_of_28_characters(full_page):
    page = full_page.pages[0]
    rows = lines(page)
    body = [r for r in rows if r[0]["top"] < type_area(page)[3]]
    assert len(body) == LINES_PER_PAGE
    assert [len(r) for r in body[1:]] == [CHARS_PER_LINE] * (LINES_PER_PAGE - 1)
    assert len(body[0]) == CHARS_PER_LINE - 2         # 首行缩进二字
    assert all(c["size"] == pytest.approx(BODY_SIZE, abs=0.01) for r in body for c in r)


def test_line_pitch_and_letter_spacing(full_page):
    rows = [r for r in lines(full_page.pages[0]) if len(r) == CHARS_PER_LINE]
    pitches = [b[0]["bottom"] - a[0]["bottom"] for a, b in zip(rows, rows[1:])]
    assert all(p == pytest.approx(28.95, abs=0.1) for p in pitches)
    steps = [b["x0"] - a["x0"] for a, b in zip(rows[0], rows[0][1:])]
    assert all(s == pytest.approx(BODY_SIZE - 0.2, abs=0.05) for s in steps)


def test_a4_and_every_character_inside_the_type_area(full_page, quarterly):
    for pdf in (full_page, quarterly):
        for page in pdf.pages:
            assert {round(page.width, 1), round(page.height, 1)} == {
                round(PAGE_WIDTH, 1), round(PAGE_HEIGHT, 1)}
            x0, top, x1, bottom = type_area(page)
            for ch in page.chars:
                if ch["top"] > bottom:          # the page number
                    continue
                assert x0 - 0.6 <= ch["x0"] and ch["x1"] <= x1 + 0.6, ch["text"]
                assert top - 0.6 <= ch["top"] and ch["bottom"] <= bottom + 0.6, ch["text"]


def test_margins_are_37_top_and_28_left(full_page):
    page = full_page.pages[0]
    first = lines(page)[1]
    assert first[0]["x0"] == pytest.approx(28 * MM, abs=0.6)
    assert first[-1]["x1"] == pytest.approx(28 * MM + AREA_WIDTH, abs=0.6)
    assert lines(page)[0][0]["top"] >= 37 * MM


def test_page_numbers_alternate_sides(full_page):
    for page in full_page.pages:
        number = page.page_number
        assert folio(page) == f"— {number} —"
        chars = [c for c in page.chars if c["top"] > type_area(page)[3]]
        x0, _, x1, bottom = type_area(page)
        assert min(c["top"] for c in chars) == pytest.approx(bottom + FOLIO_GAP, abs=1.5)
        assert all(c["size"] == pytest.approx(14, abs=0.01) for c in chars)
        if number % 2:
            assert max(c["x1"] for c in chars) == pytest.approx(x1 - 14, abs=1)
        else:
            assert min(c["x0"] for c in chars) == pytest.approx(x0 + 14, abs=1)
    assert len(full_page.pages) >= 2


def test_no_line_starts_or_ends_with_forbidden_punctuation(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    for shift in range(6):
        doc.paragraph("质" * shift + TEMPTING)
    with pdfplumber.open(write(doc, tmp_path)) as pdf:
        all_lines = [t for page in pdf.pages for t in text_lines(page)[:-1]]
    assert len(all_lines) > 60
    assert not [t for t in all_lines if t[0] in NO_START]
    assert not [t for t in all_lines if t[-1] in NO_END]
    joined = "".join(all_lines)
    assert joined.count("——") == TEMPTING.count("——") * 6
    assert joined.count("……") == TEMPTING.count("……") * 6


def test_every_font_is_embedded_and_no_base_font_is_used(quarterly_pdf):
    reader = pypdf.PdfReader(quarterly_pdf)
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            seen.add(font["/BaseFont"])
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])
    assert not {f for f in seen if "Helvetica" in f or "Times" in f}


def test_the_fonts_used_are_written_into_the_metadata(quarterly_pdf):
    info = pypdf.PdfReader(quarterly_pdf).metadata
    assert "仿宋=" in info["/Keywords"] and "小标宋=" in info["/Keywords"]


def test_a_character_the_font_lacks_is_drawn_by_one_that_has_it(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph("减少−0.2个百分点，沿用𠮷字。")
    with pdfplumber.open(write(doc, tmp_path)) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "−" in text


def test_title_is_balanced_and_never_leaves_a_lone_character(fonts):
    from qdesk.reports.fonts import register
    register(fonts)
    font = fonts[Role.XBS].name
    title = "盘山县质量强县工作领导小组办公室关于2020年第四季度质量强县工作情况的报告"
    parts = balanced_lines(title, font, TITLE_SIZE, AREA_WIDTH)
    assert "".join(parts) == title and len(parts) == 2
    assert abs(len(parts[0]) - len(parts[1])) <= 3
    for extra in range(1, 25):
        parts = balanced_lines("质" * (20 + extra), font, TITLE_SIZE, AREA_WIDTH)
        assert min(map(len, parts)) >= max(map(len, parts)) - 2 and min(map(len, parts)) > 1


def test_date_is_written_without_zero_padding():
    assert date_zh(dt.date(2026, 11, 23)) == "2026年11月23日"
    assert date_zh(dt.date(2021, 1, 4)) == "2021年1月4日"


def test_signature_and_date_sit_right_with_the_date_two_characters_in(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph(FILLER)
    doc.signature("盘山县质量强县工作领导小组办公室", dt.date(2021, 1, 4))
    with pdfplumber.open(write(doc, tmp_path)) as pdf:
        rows = lines(pdf.pages[0])
    issuer = next(r for r in rows if "".join(c["text"] for c in r).startswith("盘山县"))
    date = next(r for r in rows if "".join(c["text"] for c in r) == "2021年1月4日")
    x1 = type_area(pdf.pages[0])[2]
    em = BODY_SIZE - 0.2
    assert issuer[-1]["x1"] == pytest.approx(x1 - 2 * em, abs=1)
    assert date[0]["x0"] == pytest.approx(issuer[0]["x0"] + 2 * em, abs=1)


def test_headings_use_their_fonts(quarterly):
    page = quarterly.pages[0]
    rows = lines(page.crop((0, red_line(page)["top"], page.width, page.height)))
    title = rows[0]
    assert all(c["size"] == pytest.approx(TITLE_SIZE, abs=0.01) for c in title)
    heading = next(r for page in quarterly.pages[:2] for r in lines(page)
                   if "".join(c["text"] for c in r) == "一、工作开展情况")
    assert all("WenQuanYi" in c["fontname"] for c in heading)
    addressee = "".join(c["text"] for c in rows[2])
    assert addressee.endswith("：")


def test_table_header_repeats_on_every_page_and_wide_tables_are_landscape(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph(FILLER)
    rows = [[str(i), f"单位{i}", "98.5%", "达标"] for i in range(80)]
    doc.attach(Attachment("测试表", [TableSpec(["序号", "单位", "数值", "状态"], rows,
                                               [1, 4, 2, 2])], landscape=True))
    path = write(doc, tmp_path)
    with pdfplumber.open(unrotated(path, tmp_path / "drawn.pdf")) as pdf:
        table_pages = pdf.pages[1:]
        assert len(table_pages) >= 3
        for page in table_pages:
            assert page.width > page.height
            assert "序号单位数值状态" in "".join(text_lines(page))
            x0, top, x1, bottom = type_area(page)
            for ch in page.chars:
                if ch["upright"]:               # the page number stands turned, off the area
                    assert x0 - 0.6 <= ch["x0"] and ch["x1"] <= x1 + 0.6, ch["text"]
                    assert top - 0.6 <= ch["top"] and ch["bottom"] <= bottom + 0.6, ch["text"]
        assert text_lines(table_pages[0])[0] == "附件"


def test_a_landscape_page_is_a_portrait_sheet_turned_with_its_number_at_the_foot(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph(FILLER)
    rows = [[str(i), f"单位{i}", "98.5%", "达标"] for i in range(60)]
    doc.attach(Attachment("测试表", [TableSpec(["序号", "单位", "数值", "状态"], rows,
                                               [1, 4, 2, 2])], landscape=True))
    path = write(doc, tmp_path)
    turned = pypdf.PdfReader(path).pages[1:]
    assert len(turned) >= 2
    for page in turned:
        # Drawn landscape, turned a quarter counter-clockwise: the table's head to the left.
        assert page.rotation == 270
        assert page.mediabox.width > page.mediabox.height
    # pdfplumber turns each page as a viewer or a printer does: the sheet is portrait A4 and
    # its number sits where a portrait page's does, odd right, even left.
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            assert (round(page.width, 1), round(page.height, 1)) == (
                round(PAGE_WIDTH, 1), round(PAGE_HEIGHT, 1))
            assert folio(page) == f"— {page.page_number} —"
            chars = [c for c in page.chars if c["top"] > type_area(page)[3]]
            x0, _, x1, bottom = type_area(page)
            assert all(c["upright"] for c in chars)
            assert min(c["top"] for c in chars) == pytest.approx(bottom + FOLIO_GAP, abs=1.5)
            if page.page_number % 2:
                assert max(c["x1"] for c in chars) == pytest.approx(x1 - 14, abs=1)
            else:
                assert min(c["x0"] for c in chars) == pytest.approx(x0 + 14, abs=1)
            # The table's text runs up the sheet, the header row nearest the left edge.
            body = [c for c in page.chars if c["top"] <= bottom]
            assert body and not any(c["upright"] for c in body)
            header = [c for c in body if c["text"] in "序号"]
            assert max(c["x1"] for c in header) < min(c["x0"] for c in body
                                                      if c["text"] == "达")


def _table_document(fonts, tmp_path, before: int, count: int, landscape: bool):
    doc = OfficialDocument(fonts)
    doc.paragraph("质量")
    rows = [[str(i), f"单位{i}", "98.5%", "达标"] for i in range(1, count)]
    rows.append(["", "合计", "98.5%", ""])
    doc.attach(Attachment("测试表", [FILLER[:28] * before, TableSpec(
        ["序号", "单位", "数值", "状态"], rows, [1, 4, 2, 2], caption="一、测试")],
        landscape=landscape))
    path = write(doc, tmp_path, f"t{before}-{count}-{landscape}.pdf")
    with pdfplumber.open(unrotated(path, tmp_path / "drawn.pdf")) as pdf:
        return [[row[1] for row in table_rows(page)[1:]] for page in pdf.pages[1:]]


@pytest.mark.parametrize("landscape", [True, False])
def test_no_page_holds_a_lone_table_row_and_the_total_is_never_first(fonts, tmp_path,
                                                                     landscape):
    seen_breaks = 0
    for before in (0, 6, 11):
        for count in range(12, 34, 3):
            pages = [rows for rows in _table_document(fonts, tmp_path, before, count, landscape)
                     if rows]
            assert sum(len(rows) for rows in pages) == count
            seen_breaks += len(pages) - 1
            for rows in pages:
                assert len(rows) >= 2, pages
                assert rows[0] != "合计", pages
            assert all(len(rows) >= 3 for rows in pages[:-1]), pages
    assert seen_breaks > 10


def test_a_table_that_would_start_with_two_rows_at_a_page_foot_starts_on_the_next(fonts,
                                                                                   tmp_path):
    for before in range(12, 19):
        pages = _table_document(fonts, tmp_path, before, 20, landscape=False)
        assert pages[0] == [] or len(pages[0]) >= 3
    assert any(pages[0] == [] for pages in [_table_document(fonts, tmp_path, b, 20, False)
                                            for b in range(12, 19)])


def test_header_cells_are_as_wide_as_their_words(fonts, tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from qdesk.reports.document import column_widths
    spec = TableSpec(["序号", "指标名称", "上年同期", "责任单位"], [], [1, 30, 1, 1])
    hei = fonts[Role.HEI].name
    widths = column_widths(spec, 600, hei)
    assert sum(widths) == pytest.approx(600)
    for header, width in zip(spec.header, widths):
        assert width >= stringWidth(header, hei, 12) + 6
    doc = OfficialDocument(fonts)
    doc.attach(Attachment("表", [TableSpec(spec.header, [["1", "甲", "1", "乙"]], spec.widths)],
                          landscape=True))
    with pdfplumber.open(unrotated(write(doc, tmp_path), tmp_path / "drawn.pdf")) as pdf:
        page = pdf.pages[-1]
        assert table_rows(page)[0] == list(spec.header)
        assert any("上年同期" in line and "责任单位" in line for line in text_lines(page))


def test_a_long_header_is_set_in_balanced_lines_never_breaking_a_figure(fonts, tmp_path):
    header = ["序号", "主要农产品质量安全监测合格率（15分）", "上年同期"]
    doc = OfficialDocument(fonts)
    doc.attach(Attachment("表", [TableSpec(header, [["1", "15.0", "14.0"]], [1, 2, 1])]))
    with pdfplumber.open(write(doc, tmp_path)) as pdf:
        page = pdf.pages[-1]
        head = [line for line in text_lines(page) if line[:1] in "主序" or "15" in line
                or "合格率" in line]
    lines = [line for line in (line.removeprefix("序号").removesuffix("上年同期")
                               for line in head if "15.0" not in line) if line]
    assert "".join(lines) == header[1]
    assert len(lines) >= 2 and any("15分" in line for line in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 3


def test_the_same_face_draws_greater_or_equal_in_the_body_and_the_tables(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph("目标值≥90%，实际≤5%。")
    doc.attach(Attachment("表", [TableSpec(["目标", "状态"], [["≥90%", "达标"]], [1, 1],
                                           emphasis={(0, 0)})]))
    with pdfplumber.open(write(doc, tmp_path)) as pdf:
        faces = {c["fontname"] for page in pdf.pages for c in page.chars if c["text"] in "≥≤"}
        song = {c["fontname"] for c in pdf.pages[-1].chars if c["text"] == "达"}
        hei = {c["fontname"] for c in pdf.pages[-1].chars if c["text"] == "目"}
    # The table's 黑体 cell and the 仿宋 body both draw them in the tables' Song face.
    assert hei != song
    assert faces == song


def test_a_missing_output_folder_is_refused_and_nothing_is_written(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph(FILLER)
    with pytest.raises(InputError, match="不存在"):
        doc.write(tmp_path / "nowhere" / "x.pdf", "t", "a")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_leaves_no_half_written_file(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph(FILLER)
    target = tmp_path / "x.pdf"
    target.mkdir()
    with pytest.raises(InputError, match="是文件夹，不是文件"):
        doc.write(target, "t", "a")
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_the_attachment_note_is_never_split_between_pages(fonts, tmp_path):
    doc = OfficialDocument(fonts)
    doc.paragraph("一" * (28 * 20 - 2))     # 20 lines: a blank line and one of the note fit
    doc.attachment_note(["2019年第三季度质量提升行动主要指标完成情况表",
                         "2019年第三季度质量提升行动主要指标完成情况图"])
    with pdfplumber.open(write(doc, tmp_path)) as pdf:
        first, second = ("".join(text_lines(p)) for p in pdf.pages[:2])
    assert "附件" not in first
    assert "附件：1. 2019年第三季度质量提升行动主要指标完成情况表" in second.replace("\n", "")
    assert "2. 2019年第三季度质量提升行动主要指标完成情况图" in second
