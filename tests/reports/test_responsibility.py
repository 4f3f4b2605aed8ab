"""目标责任书 read back from its PDF: a town's targets for a year, the plan's and its own, and the
two parties' signature blocks."""

import pdfplumber
import pytest

from qdesk.reports.document import EM
from tests.cli.conftest import run_qdesk
from tests.cli.test_office_journey import district, fill_targets, ok
from tests.reports.pdftools import TOLERANCE, lines, text_lines, type_area

TOWN = "321012100"


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letter")
    db, _ = district(run_qdesk, folder)
    targets = folder / "targets.xlsx"
    ok(run_qdesk("targets", "export", "--db", db, "--year", "2026", "--out", targets))
    fill_targets(targets, {("Z01", TOWN): "91"})
    ok(run_qdesk("targets", "import", "--db", db, targets))
    out = folder / "letter.pdf"
    ok(run_qdesk("report", "target-book", "--db", db, "--unit", TOWN, "--year", "2026",
                 "--out", out))
    with pdfplumber.open(out) as pdf:
        yield pdf, db


def whole_text(pdf):
    return "".join(t for p in pdf.pages for t in text_lines(p))


def test_the_letter_names_both_parties_and_the_towns_targets_for_the_year(letter):
    pdf, _ = letter
    first = text_lines(pdf.pages[0])
    assert first[0] == "仙女镇2026年度质量强区目标责任书"
    assert first[1:3] == ["甲方：江都区质量工作领导小组办公室", "乙方：仙女镇"]
    text = whole_text(pdf)
    assert "1.产品质量监督抽查合格率：≥91%（方案目标≥88%）。" in text.replace(" ", "")
    assert "2.扬子杯优质工程数：≥4项。" in text.replace(" ", ""), "the plan's where it has none"
    assert "有效期至2026年12月31日" in text


def test_each_party_has_its_seal_name_signature_and_date_line_side_by_side(letter):
    pdf, _ = letter
    page = pdf.pages[-1]
    x0, _, _, _ = type_area(page)
    rows = {"".join(c["text"] for c in line): line for line in lines(page)}
    for left, right in (("甲方（盖章）", "乙方（盖章）"), ("江都区质量工作领导小组办公室", "仙女镇"),
                        ("负责人（签字）：", "负责人（签字）：")):
        line = rows[left + right]
        assert abs(line[0]["x0"] - x0) < TOLERANCE
        assert abs(line[len(left)]["x0"] - (x0 + 15 * EM)) < 1.5
    dates = [t for t in rows if t.replace(" ", "").replace("\u3000", "") == "年月日年月日"]
    assert len(dates) == 1, "a blank date line under each party, written by hand"
    signature = list(rows).index("负责人（签字）：负责人（签字）：")
    assert list(rows).index(dates[0]) > signature


def test_the_letter_stays_inside_the_type_area(letter):
    pdf, _ = letter
    for page in pdf.pages:
        x0, top, x1, bottom = type_area(page)
        for c in page.chars:
            if c["top"] < bottom:
                assert x0 - TOLERANCE <= c["x0"] and c["x1"] <= x1 + TOLERANCE
                assert c["top"] >= top - 2


@pytest.mark.parametrize("args,expected", [
    (["--unit", "999999999", "--year", "2026"], "单位代码“999999999”不存在"),
    (["--unit", "321012", "--year", "2026"], "本级单位"),
    (["--unit", TOWN, "--year", "2040"], "不在方案年限"),
])
def test_a_letter_for_a_unit_or_year_that_does_not_exist_is_refused(letter, tmp_path, args,
                                                                    expected):
    _, db = letter
    out = tmp_path / "letter.pdf"
    result = run_qdesk("report", "target-book", "--db", db, *args, "--out", out)
    assert result.code == 3 and expected in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_letter_with_a_unit_retired_before_the_year_is_refused(letter, tmp_path):
    _, db = letter
    copy = tmp_path / "copy.qdesk"
    copy.write_bytes(db.read_bytes())
    ok(run_qdesk("unit", "retire", "--db", copy, "--code", TOWN, "--date", "2026-01-01"))
    result = run_qdesk("report", "target-book", "--db", copy, "--unit", TOWN, "--year",
                       "2027", "--out", tmp_path / "letter.pdf")
    assert result.code == 3 and "已撤销" in result.err
    assert not (tmp_path / "letter.pdf").exists()


def test_a_letter_without_its_unit_or_year_is_a_usage_error(letter, tmp_path):
    _, db = letter
    result = run_qdesk("report", "target-book", "--db", db, "--year", "2026",
                       "--out", tmp_path / "letter.pdf")
    assert result.code == 2 and "--unit" in result.err


def test_the_signatures_stay_on_one_page_with_the_last_paragraph_in_the_demo_county(tmp_path):
    db = tmp_path / "demo.qdesk"
    ok(run_qdesk("demo", "--db", db))
    out = tmp_path / "book.pdf"     # 13 targets: the signatures fall near a page's end
    ok(run_qdesk("report", "target-book", "--db", db, "--unit", "211122100", "--year", "2020",
                 "--out", out))
    with pdfplumber.open(out) as pdf:
        pages = ["".join(text_lines(p)).replace(" ", "").replace("\u3000", "")
                 for p in pdf.pages]
    last = pages[-1]
    assert "本责任书一式两份" in last and "甲方（盖章）" in last and last.count("年月日") == 2
