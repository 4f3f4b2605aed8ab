"""催报通知 read back from its PDF: addressed to the units that have not reported, with the
calendar's deadline; refused where there is nobody to remind."""

import pdfplumber
import pytest

from tests.cli.conftest import run_qdesk
from tests.reports.pdftools import TOLERANCE, text_lines, type_area
from tests.store.test_completeness import entered_on, returned


@pytest.fixture(scope="module")
def district_db(tmp_path_factory):
    """江都区: its two towns returned their 2026Q1 sheets, its zone did not."""
    return returned(run_qdesk, tmp_path_factory.mktemp("reminder"))


def reminder(db, out, *args):
    result = run_qdesk("report", "reminder", "--db", db, "--out", out, *args)
    assert result.code == 0, result.err
    with pdfplumber.open(out) as pdf:
        return pdf.pages[0], [t for p in pdf.pages for t in text_lines(p)]


def test_the_reminder_is_addressed_to_the_units_that_have_not_reported(district_db, tmp_path):
    page, lines = reminder(district_db, tmp_path / "r.pdf", "--period", "2026Q1",
                           "--date", "2026-04-08")
    text = "".join(lines)
    assert text.startswith("江都区质量工作领导小组办公室文件"     # the 版头, then the title
                           "关于催报2026年第一季度质量强区工作情况的通知")
    assert "江都经济开发区：" in lines
    assert "应于2026年4月5日前报送" in text
    assert "已有2个单位报送，江都经济开发区已逾期尚未报送" in text
    assert "仙女镇" not in text and "小纪镇" not in text
    assert lines[-3:-1] == ["江都区质量工作领导小组办公室", "2026年4月8日"]
    x0, top, x1, bottom = type_area(page)
    assert all(x0 - TOLERANCE <= c["x0"] and c["x1"] <= x1 + TOLERANCE
               for c in page.chars if c["top"] < bottom)


def test_a_reminder_before_the_deadline_asks_for_the_report_by_it(district_db, tmp_path):
    _, lines = reminder(district_db, tmp_path / "r.pdf", "--period", "2026Q1",
                        "--date", "2026-04-01")
    text = "".join(lines)
    assert "已逾期" not in text and "于2026年4月5日前将填报表和工作情况报送本办公室" in text


def test_a_reminder_lists_every_unit_still_owing_a_later_period(district_db, tmp_path):
    _, lines = reminder(district_db, tmp_path / "r.pdf", "--period", "2026Q2")
    assert "仙女镇、小纪镇、江都经济开发区：" in lines


@pytest.mark.parametrize("period,code,expected", [
    ("2026Q5", 3, "报告期"), ("2041Q1", 3, "不在方案年限"), (None, 2, "--period"),
])
def test_a_reminder_for_a_period_that_does_not_exist_is_refused(district_db, tmp_path, period,
                                                               code, expected):
    args = ["--period", period] if period else []
    result = run_qdesk("report", "reminder", "--db", district_db, *args,
                       "--out", tmp_path / "r.pdf")
    assert result.code == code and expected in result.err
    assert list(tmp_path.iterdir()) == []


def test_no_reminder_when_every_unit_has_reported(district_db, tmp_path):
    copy = tmp_path / "copy.qdesk"
    copy.write_bytes(district_db.read_bytes())
    assert run_qdesk("set", "--db", copy, "--unit", "321012400", "--period", "2026Q1",
                     "--indicator", "Z01", "--numerator", "45", "--denominator", "50").code == 0
    entered_on(copy, "321012400", "2026-04-03")
    result = run_qdesk("report", "reminder", "--db", copy, "--period", "2026Q1",
                       "--out", tmp_path / "r.pdf")
    assert result.code == 3 and "各单位均已报送，无需催报" in result.err
    assert not (tmp_path / "r.pdf").exists()
