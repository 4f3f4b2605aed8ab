"""`qdesk settings` and `qdesk docnumbers`, and `qdesk report --doc-number`, on a district made by
`qdesk init` from its superior's indicator table."""

import pdfplumber
import pytest

from tests.cli.test_office_journey import district, ok
from tests.reports.pdftools import text_lines


@pytest.fixture
def jiangdu(qdesk, tmp_path):
    db, _ = district(qdesk, tmp_path)
    for key, value in (("issuing_organ", "江都区质量强区工作领导小组办公室"), ("organ_code", "江质强办"),
                       ("signer", "陈立"), ("cc", "江都区人民政府办公室\n扬州市市场监督管理局")):
        said = ok(qdesk("settings", "set", "--db", db, key, value)).out
        assert said.startswith(("发文机关", "机关代字", "签发人", "抄送"))
    return db


def test_settings_show_lists_every_setting_with_its_value(qdesk, jiangdu):
    rows = {row.split()[0]: row.split()[1:] for row in
            ok(qdesk("settings", "show", "--db", jiangdu)).out.splitlines()}
    assert rows["organ_code"] == ["机关代字", "江质强办"]
    assert rows["cc"] == ["抄送", "江都区人民政府办公室；扬州市市场监督管理局"]
    assert rows["letterhead"] == ["版头", "print"], "unset, the letterhead is printed"
    assert rows["contact"] == ["联系人"]


@pytest.mark.parametrize("key, value, said", [
    ("colour", "red", "没有设置项“colour”"),
    ("letterhead", "red", "“red”不是可选值（print | blank | none）之一"),
    ("contact_phone", "0514-abcdefg", "不是电话号码"),
    ("seal", "yes", "不是可选值（sealed | unsealed）"),
    ("calendar_from", "2024Q5", "“2024Q5”不是报告期，应如2024Q1、2024H1或2024"),
])
def test_a_bad_setting_is_refused_with_exit_3_and_nothing_changes(qdesk, jiangdu, key, value,
                                                                  said):
    before = ok(qdesk("settings", "show", "--db", jiangdu)).out
    refused = qdesk("settings", "set", "--db", jiangdu, key, value)
    assert refused.code == 3 and said in refused.err
    assert ok(qdesk("settings", "show", "--db", jiangdu)).out == before


def test_reports_take_numbers_in_order_and_the_register_lists_them(qdesk, jiangdu, tmp_path):
    first = ok(qdesk("report", "quarterly", "--db", jiangdu, "--period", "2026Q1", "--out",
                     tmp_path / "q1.pdf", "--date", "2026-04-03"))
    assert "发文字号：江质强办〔2026〕1号" in first.out
    ok(qdesk("report", "quarterly", "--db", jiangdu, "--period", "2026Q1", "--out",
             tmp_path / "q1b.pdf", "--date", "2026-04-04", "--doc-number", "5"))
    listed = ok(qdesk("docnumbers", "list", "--db", jiangdu, "--format", "json")).json()
    assert [(n["doc_number"], n["kind"], n["date"]) for n in listed] == [
        ("江质强办〔2026〕1号", "quarterly", "2026-04-03"),
        ("江质强办〔2026〕5号", "quarterly", "2026-04-04")]
    assert listed[0]["title"].startswith("江都区质量强区工作领导小组办公室关于2026年第一季度")
    with pdfplumber.open(tmp_path / "q1b.pdf") as pdf:
        assert "江质强办〔2026〕5号签发人：陈立" in text_lines(pdf.pages[0])
    table = ok(qdesk("docnumbers", "list", "--db", jiangdu, "--year", "2026")).out
    assert "江质强办〔2026〕5号" in table


def test_a_withdrawn_number_is_never_given_again(qdesk, jiangdu, tmp_path):
    ok(qdesk("report", "quarterly", "--db", jiangdu, "--period", "2026Q1", "--out",
             tmp_path / "q1.pdf", "--date", "2026-04-03"))
    ok(qdesk("docnumbers", "withdraw", "--db", jiangdu, "--year", "2026", "--number", "1",
             "--reason", "数据有误"))
    refused = qdesk("report", "quarterly", "--db", jiangdu, "--period", "2026Q1", "--out",
                    tmp_path / "again.pdf", "--date", "2026-04-05", "--doc-number", "1")
    assert refused.code == 3 and "江质强办〔2026〕1号已被使用" in refused.err and "已撤回" in refused.err
    assert not (tmp_path / "again.pdf").exists()
    assert "江质强办〔2026〕2号" in ok(qdesk("report", "quarterly", "--db", jiangdu, "--period",
                                          "2026Q1", "--out", tmp_path / "q2.pdf",
                                          "--date", "2026-04-05")).out
    listed = ok(qdesk("docnumbers", "list", "--db", jiangdu, "--format", "json")).json()
    assert [n["withdrawn"] for n in listed] == ["数据有误", None]


def test_without_an_organ_code_the_report_says_it_has_no_number(qdesk, tmp_path):
    db, _ = district(qdesk, tmp_path)
    done = ok(qdesk("report", "quarterly", "--db", db, "--period", "2026Q1", "--out",
                    tmp_path / "q.pdf", "--date", "2026-04-03"))
    assert done.err.count("未设置机关代字") == 1
    assert "发文字号" not in done.out
    assert ok(qdesk("docnumbers", "list", "--db", db)).out.strip() == "尚未使用任何发文字号"
