"""The notice of the assessment's results and the self-evaluation report, read back from their PDFs."""

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from qdesk.reports.assessment_report import build_assessment_notice, build_self_evaluation
from qdesk.store.database import open_store
from qdesk.views.assessment_table import assessment_table
from tests.reports.pdftools import TOLERANCE, text_lines, type_area, unrotated

SIGNED = dt.date(2020, 1, 10)


@pytest.fixture(scope="module")
def notice(demo_master, tmp_path_factory):
    out = tmp_path_factory.mktemp("assess") / "notice.pdf"
    with open_store(demo_master, exclusive=False) as store:
        build_assessment_notice(store, 2019, out, SIGNED, register=False)
        table = assessment_table(store, 2019)
    with pdfplumber.open(out) as pdf:
        yield pdf, table


def body_chars(page):
    _, top, _, bottom = type_area(page)
    return [c for c in page.chars if top - 1 <= c["top"] and c["bottom"] <= bottom + 1]


def test_the_notice_has_its_title_the_counts_and_the_signature_date(notice):
    pdf, table = notice
    text = "".join(text_lines(pdf.pages[0]))
    assert "关于2019年度质量工作考核结果的通报" in text
    assert "A等次4个，B等次3个" in text
    assert "2020年1月10日" in "".join(t for p in pdf.pages for t in text_lines(p))


def test_the_attachment_is_the_ranking_table_on_a_landscape_page(notice):
    pdf, table = notice
    turned = [n for n, page in enumerate(pdf.pages) if page.rotation == 270]
    assert turned and turned[-1] >= len(pdf.pages) - 3, "only the 版记 follows the table"
    path = Path(pdf.path)
    with pdfplumber.open(unrotated(path, path.with_name("drawn.pdf"))) as drawn:
        # The page number is drawn turned, to stand upright on the sheet: leave it out.
        lines = text_lines(drawn.pages[turned[-1]].filter(
            lambda o: o["object_type"] != "char" or o["upright"]))
    assert lines[0] == "附件" and "2019年度质量工作考核结果" in lines[1]
    text = "".join(lines)
    for score in table.scores:
        assert score.name in text and f"{score.total}" in text


def test_the_notice_is_set_in_the_official_fonts_inside_the_type_area(notice):
    pdf, _ = notice
    first = pdf.pages[0]
    fonts = {c["fontname"].split("+")[-1] for c in body_chars(first)}
    assert len(fonts) >= 2      # 小标宋 title, 仿宋 body, 黑体 heading, as the other reports
    x0, top, x1, bottom = type_area(first)
    for c in first.chars:
        if c["top"] < bottom:
            assert x0 - TOLERANCE <= c["x0"] and c["x1"] <= x1 + TOLERANCE
            assert c["top"] >= top - 2


def test_the_self_evaluation_reports_the_offices_figures_and_its_score(demo_master, tmp_path):
    out = tmp_path / "self.pdf"
    with open_store(demo_master, exclusive=False) as store:
        build_self_evaluation(store, 2019, out, SIGNED, register=False)
    with pdfplumber.open(out) as pdf:
        text = "".join(t for p in pdf.pages for t in text_lines(p) if not t.startswith("—"))
    assert "盘山县2019年度质量工作自评报告" in text
    assert "一、主要指标完成情况" in text and "三、自评得分情况" in text
    # The demo county's ledger at 2019Q4: its tasks counted, each with its progress.
    assert "二、重点工作任务完成情况" in text and "项重点工作任务中，已完成" in text
    assert "（一）加强宏观质量管理" in text
    assert "自评得分" in text and "特此报告。" in text
    assert "主要农产品质量安全监测合格率" in text
