"""The half-year report of a district whose figures run through the year: pace, not due, both
figures, a rolled-up figure, on a district made as `qdesk init` makes it."""

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.template import load_template
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan, update_plan
from qdesk.store.units import add_subordinate, home_unit
from tests.factories import UNITS_TEMPLATE, retire_in_template, units_template
from tests.reports.pdftools import tables_by_page, text_lines

Q1, Q2 = Period.parse("2026Q1"), Period.parse("2026Q2")
SIGNED = dt.date(2026, 7, 6)


@pytest.fixture
def half_year(tmp_path):
    """The H1 report of 江都区: 15 awards (D02) by June against >= 20 for the year, the annual
    count D04 not due, D01 rolled up from two towns, D03 entered at 88.8 % while the towns'
    total is 90.6 %, D05 retired without a figure."""
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    out = tmp_path / "h1.pdf"
    with open_store(db) as store:
        text = retire_in_template(UNITS_TEMPLATE, "D05")
        update_plan(store, load_template(units_template(tmp_path, text)), text)
        plan, home = load_plan(store), home_unit(store)
        towns = [add_subordinate(store, "100", "仙女镇", "township"),
                 add_subordinate(store, "101", "小纪镇", "township")]
        for period, awards in ((Q1, "7"), (Q2, "8")):
            set_entries(store, plan, home, period, [EntryInput("D02", value=awards),
                                                     EntryInput("D03", "444", "500")])
            for town, (n, d) in zip(towns, [(90, 100), (45, 50)]):
                set_entries(store, plan, town, period,
                            [EntryInput("D01", str(n), str(d)),
                             EntryInput("D03", str(n + 5), str(d + 5))])
        build_report(store, "half-year", Period.parse("2026H1"), out, SIGNED)
    with pdfplumber.open(out) as pdf:
        yield pdf


def body(pdf):
    """The text of the pages not turned: the letter, without the tables."""
    return "".join(t for page in pdf.pages for t in text_lines(page) if not page.rotation)


def table_rows(pdf):
    """The indicator table's rows by indicator, each row's cells by column head."""
    drawn = tables_by_page(Path(pdf.path), Path(pdf.path).with_name("drawn.pdf"))
    return {row[2]: dict(zip(table[0], row)) for tables in drawn for table in tables
            if table and table[0][:3] == ["序号", "类别", "指标"] for row in table[1:]}


def test_the_opening_counts_only_what_is_due_and_no_count_on_pace_is_not_met(half_year):
    text = body(half_year)
    assert ("确定的4项量化指标，2026年上半年应报送3项，已达到目标2项，"
            "未达到目标1项（食品安全监测合格率），均已填报") in text
    slow = text[text.index("按年度累计进度"):].split("。")[0]
    assert "金龙杯优质工程数" not in slow and "创建质量标杆企业数" not in slow


def test_the_table_shows_the_count_met_on_pace_and_the_annual_count_not_due(half_year):
    rows = table_rows(half_year)
    def cells(name, *heads):
        return [rows[name][head] for head in heads]

    assert cells("金龙杯优质工程数", "本期数值", "状态") == ["15项", "达标"]
    assert cells("创建质量标杆企业数", "状态") == ["本期不填报"]
    assert cells("产品质量监督抽查合格率", "分子/分母", "本期数值", "状态") == [
        "270/300", "90.0%", "达标"]
    assert "质量投诉处理完结率" not in rows       # retired, and without a figure in the period
    assert [name for name, row in rows.items() if row["状态"] == "未达标"] == ["食品安全监测合格率"]


def test_the_office_s_own_figure_and_its_towns_total_are_said_in_one_sentence(half_year):
    assert ("食品安全监测合格率，全区由区市场监管局统计为88.8%，各乡镇合计为90.6%"
            in body(half_year))
