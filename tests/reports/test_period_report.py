"""The period reports: their text, tables and charts agree with `qdesk status`."""

import datetime as dt
import sqlite3

import pdfplumber
import pytest

from qdesk.core.periods import Period
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan
from qdesk.store.status import period_status
from qdesk.store.units import home_unit
from tests.cli.conftest import run_qdesk
from tests.reports.pdftools import text_lines, under_masthead

SIGNED = dt.date(2021, 1, 4)


def page_text(pdf) -> str:
    return "\n".join("".join(text_lines(p)) for p in pdf.pages)


def test_title_addressee_headings_and_signature(quarterly):
    first = under_masthead(quarterly.pages[0])
    assert "".join(first[:2]) == ("盘山县质量强县工作领导小组办公室关于2020年第四季度质量强县"
                                  "工作情况的报告")
    assert first[2] == "盘锦市质量强市工作领导小组办公室："
    text = page_text(quarterly)
    for heading in ("一、工作开展情况", "二、工作亮点和经验做法", "三、存在问题", "四、下步打算"):
        assert heading in text
    assert "附件：1. 2020年第四季度质量强县主要指标完成情况表" in text
    assert "盘山县质量强县工作领导小组办公室\n2021年1月4日" in "\n".join(
        t for p in quarterly.pages for t in text_lines(p))


def test_opening_paragraph_counts_agree_with_the_statuses(quarterly, demo_master):
    with open_store(demo_master) as store:
        statuses = period_status(store, load_plan(store), home_unit(store),
                                 Period.parse("2020Q4"), SIGNED)
    met = sum(a.status.value == "met" for a in statuses)
    not_met = [a.indicator.name for a in statuses if a.status.value == "not-met"]
    text = page_text(quarterly).replace("\n", "")
    assert f"已达到目标{met}项" in text
    assert f"未达到目标{len(not_met)}项（{'、'.join(not_met)}）" in text
    assert "个百分点" in text and "比上年同期" in text


def test_table_figures_equal_qdesk_status(quarterly, demo_master):
    status = run_qdesk("status", "--db", demo_master, "--period", "2020Q4", "--format", "json")
    expected = {r["name"]: (f"{r['display']}{r['unit']}" if r["display"] else "未填报")
                for r in status.json()}
    found = {}
    for page in quarterly.pages:
        for table in page.extract_tables():
            if table and table[0][:3] == ["序号", "类别", "指标"]:
                for row in table[1:]:
                    found[row[2].replace("\n", "")] = row[5].replace("\n", "")
    assert found == expected


def test_units_table_ranks_subordinates_and_rolls_them_up_as_a_ratio(quarterly, demo_master):
    tables = [[[(c or "").replace("\n", "") for c in row] for row in t]
              for p in quarterly.pages for t in p.extract_tables()
              if t and (t[0][0] or "").replace("\n", "") == "排名"]
    rows = [r for t in tables for r in t[1:]]
    assert [r[0] for r in rows[:-1]] == [str(i) for i in range(1, 8)]
    total = rows[-1]
    assert total[1] == "合计"
    conn = sqlite3.connect(demo_master)
    numerator, denominator = conn.execute(
        "SELECT sum(numerator), sum(denominator) FROM entries e JOIN indicators i"
        " ON i.id = e.indicator_id JOIN units u ON u.id = e.unit_id"
        " WHERE i.code = 'P02' AND e.period = '2020Q4' AND u.parent_id IS NOT NULL").fetchone()
    conn.close()
    header = next(t for t in tables)[0]
    column = next(i for i, h in enumerate(header) if "主要农产品" in h)
    assert total[column] == f"{round(numerator * 1000 / denominator) / 10:.1f}%"


def test_charts_are_embedded_at_print_resolution(quarterly):
    images = [im for p in quarterly.pages for im in p.images]
    assert len(images) == 2
    for image in images:
        width_inches = (image["x1"] - image["x0"]) / 72
        assert image["srcsize"][0] / width_inches >= 290


def test_half_year_annual_and_targets_reports(demo_master, tmp_path):
    titles = {"half-year": ("2020H1", "盘山县质量强县工作领导小组办公室2020年上半年质量强县工作小结"),
              "annual": ("2020", "盘山县质量强县工作领导小组办公室2020年质量强县全年工作总结和"
                                 "2021年工作初步打算"),
              "targets": ("2020", "关于2020年质量强县目标完成情况的报告")}
    with open_store(demo_master) as store:
        for kind, (period, title) in titles.items():
            out = tmp_path / f"{kind}.pdf"
            build_report(store, kind, Period.parse(period), out, SIGNED, register=False)
            with pdfplumber.open(out) as pdf:
                text = page_text(pdf).replace("\n", "")
            assert title in text, kind
            if kind == "annual":
                headings = ["一、2020年工作总结", "（一）工作开展情况", "（二）工作亮点和经验做法",
                            "（三）存在问题", "二、2021年工作初步打算"]
                places = [text.find(h) for h in headings]
                assert -1 not in places and places == sorted(places)
                assert "下步打算" not in text
            if kind == "half-year":
                assert "四、下步打算" in text
            if kind == "targets":
                assert "一、工作开展情况" not in text


@pytest.mark.parametrize("template,code,name,title", [
    ("bingtuan-2016", "659001", "石河子市",
     "石河子市质量工作领导小组办公室关于2017年第三季度质量强市工作情况的报告"),
    ("xinjiang-2018", "650102", "天山区",
     "天山区质量工作领导小组办公室关于2019年第三季度质量提升行动工作情况的报告"),
    ("panjin-2014", "211103", "兴隆台区",
     "兴隆台区质量工作领导小组办公室关于2015年第三季度质量强区工作情况的报告"),
])
def test_a_report_names_its_plans_campaign_at_the_offices_level(tmp_path, template, code, name,
                                                                title):
    db = tmp_path / "office.qdesk"
    assert run_qdesk("init", "--db", db, "--template", template, "--unit-code", code,
                     "--unit-name", name).code == 0
    year = title.split("关于")[1][:4]
    out = tmp_path / "q.pdf"
    result = run_qdesk("report", "quarterly", "--db", db, "--period", f"{year}Q3", "--out", out)
    assert result.code == 0, result.err
    with pdfplumber.open(out) as pdf:
        text = page_text(pdf).replace("\n", "")
    assert text.startswith(title)
    assert f"附件：1. {year}年第三季度{title.split('季度')[1][:-7]}主要指标完成情况表" in text


def test_a_period_without_data_still_gives_a_correct_report(tmp_path):
    db = tmp_path / "empty.qdesk"
    assert run_qdesk("init", "--db", db, "--template", "bingtuan-2016", "--unit-code",
                     "659001", "--unit-name", "石河子市").code == 0
    out = tmp_path / "q.pdf"
    result = run_qdesk("report", "quarterly", "--db", db, "--period", "2017Q3", "--out", out)
    assert result.code == 0, result.err
    with pdfplumber.open(out) as pdf:
        text = page_text(pdf).replace("\n", "")
    assert "已达到目标0项" in text and "未填报" in text and "本期未填写" in text


@pytest.mark.parametrize("args,code,expected", [
    (["weekly", "--period", "2020Q4"], 2, "invalid choice"),
    (["quarterly", "--period", "2020Q5"], 3, "报告期"),
    (["quarterly", "--period", "2031Q1"], 3, "不在方案年限"),
    (["quarterly", "--period", "2020"], 3, "季度报告的报告期应为季度"),
    (["annual", "--period", "2020H1"], 3, "应为年度"),
])
def test_bad_report_requests_are_refused_and_write_nothing(demo_db, tmp_path, args, code,
                                                           expected):
    out = tmp_path / "r.pdf"
    result = run_qdesk("report", *args[:1], "--db", demo_db, *args[1:], "--out", out)
    assert result.code == code and expected in result.err
    assert not out.exists()


def test_an_output_folder_that_does_not_exist(demo_db, tmp_path):
    result = run_qdesk("report", "quarterly", "--db", demo_db, "--period", "2020Q4", "--out",
                       tmp_path / "missing" / "q.pdf")
    assert result.code == 3 and "不存在" in result.err
    assert not (tmp_path / "missing").exists()


def test_an_output_path_that_cannot_be_written(demo_db, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "q.pdf").mkdir()
    result = run_qdesk("report", "quarterly", "--db", demo_db, "--period", "2020Q4", "--out",
                       tmp_path / "out" / "q.pdf")
    assert result.code == 3 and "无法写入" in result.err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["q.pdf"]


def test_a_font_folder_that_points_nowhere_falls_back_and_says_so(demo_master, tmp_path):
    db = tmp_path / "demo.qdesk"
    db.write_bytes(demo_master.read_bytes())
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO settings (key, value) VALUES ('font_dir', '/no/such/fonts')")
    conn.commit()
    conn.close()
    out = tmp_path / "q.pdf"
    result = run_qdesk("report", "quarterly", "--db", db, "--period", "2020Q4", "--out", out)
    assert result.code == 0 and out.exists()
    assert "/no/such/fonts" in result.err


def test_a_long_title_breaks_between_words(demo_master, tmp_path):
    out = tmp_path / "annual.pdf"
    with open_store(demo_master) as store:
        build_report(store, "annual", Period.parse("2020"), out, SIGNED, register=False)
    with pdfplumber.open(out) as pdf:
        lines = under_masthead(pdf.pages[0])
        title = lines[:next(i for i, t in enumerate(lines) if t.endswith("："))]
    assert len(title) > 1
    assert "".join(title) == ("盘山县质量强县工作领导小组办公室2020年质量强县全年工作总结和"
                              "2021年工作初步打算")
    whole = ["办公室", "领导小组", "2020年", "2021年", "质量强县", "全年工作总结和", "工作初步打算"]
    for line, following in zip(title, title[1:]):
        assert not any(w in line + following and w not in line and w not in following
                       for w in whole), (line, following)


def test_a_figure_of_nothing_to_count_shows_as_such_and_is_counted_apart(tmp_path):
    db = tmp_path / "d.qdesk"
    assert run_qdesk("init", "--db", db, "--template", "bingtuan-2016", "--unit-code",
                     "659001", "--unit-name", "石河子市").code == 0
    with open_store(db) as store:
        plan = load_plan(store)
    due = [i for i in plan.indicators if i.frequency.value == "quarterly" and i.kind.value
           != "flag" and not i.rolled_up]
    none, other = due[0], due[1]
    assert run_qdesk("set", "--db", db, "--unit", "659001", "--period", "2017Q3",
                     "--indicator", none.code, "--none").code == 0
    out = tmp_path / "q.pdf"
    assert run_qdesk("report", "quarterly", "--db", db, "--period", "2017Q3", "--out", out,
                     "--date", "2017-10-04").code == 0
    with pdfplumber.open(out) as pdf:
        text = page_text(pdf).replace("\n", "")
        rows = {row[2].replace("\n", ""): row[5].replace("\n", "")
                for page in pdf.pages for table in page.extract_tables()
                if table and table[0][:3] == ["序号", "类别", "指标"] for row in table[1:]}
    assert rows[none.name] == "无此项" and rows[other.name] == "未填报"
    assert f"本期无此项1项（{none.name}）" in text
    assert "已达到目标0项，无未达标指标" in text
