"""An indicator table (xlsx) read into a plan: its columns, the 方案 sheet, and every bad cell named."""

import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Frequency
from qdesk.core.plan import Kind, OverTime, OverUnits
from qdesk.core.targets import Target
from qdesk.exchange.indicator_table import (PlanHead, cell_text, indicator_table_template,
                                            read_indicator_table)
from qdesk.plans.template import parse_template
from tests.factories import INDICATOR_HEADER, INDICATOR_ROWS, indicator_workbook


def refusal(path, head=PlanHead()):
    with pytest.raises(InputError) as refused:
        read_indicator_table(path, head)
    return refused.value.render("zh")


def test_a_table_becomes_a_plan_with_the_plan_sheet_fields(tmp_path):
    plan = read_indicator_table(indicator_workbook(tmp_path / "t.xlsx"))
    assert (plan.id, plan.title, plan.doc_number, plan.start_year, plan.end_year) == (
        "jiangdu-2026", "江都区质量强区工作方案", "江都政办发〔2026〕8号", 2026, 2030)
    rate, count, value = plan.indicators
    assert (rate.kind, rate.numerator, rate.unit, rate.decimals, rate.frequency) == (
        Kind.RATE, "合格批次", "%", 1, Frequency.QUARTERLY)
    assert rate.target == Target.parse(">= 90") and rate.targets == {2026: Target.parse(">= 88")}
    assert (count.kind, count.over_units, count.over_time) == (Kind.COUNT, OverUnits.SUM,
                                                               OverTime.SUM)
    assert value.frequency is Frequency.HALF_YEAR and value.targets == {2027: Target.parse(">= 81")}
    assert [d.report.value for d in plan.deadlines] == ["quarterly", "half-year", "annual"]


def test_the_template_written_loads_back_to_the_same_plan(tmp_path):
    path = indicator_workbook(tmp_path / "t.xlsx")
    text = indicator_table_template(path)
    assert parse_template(text.encode("utf-8"), "t.toml") == read_indicator_table(path)


def test_options_override_the_plan_sheet_and_the_span_defaults_to_the_year_columns(tmp_path):
    path = indicator_workbook(tmp_path / "t.xlsx", plan_rows=None)
    plan = read_indicator_table(path, PlanHead(title="某区方案", default_id="t"))
    assert (plan.id, plan.title, plan.start_year, plan.end_year) == ("t", "某区方案", 2026, 2027)
    plan = read_indicator_table(indicator_workbook(tmp_path / "u.xlsx"),
                                PlanHead("other-2026", None, 2025, 2031))
    assert (plan.id, plan.start_year, plan.end_year) == ("other-2026", 2025, 2031)


def test_english_words_are_read(tmp_path):
    row = ["E1", "满意度", "服务", "value", None, None, "%", 1, "annual", "> 30", None, None]
    [indicator] = read_indicator_table(indicator_workbook(tmp_path / "t.xlsx", rows=[row])).indicators
    assert (indicator.kind, indicator.frequency) == (Kind.VALUE, Frequency.ANNUAL)


def test_a_cell_excel_shows_as_a_percentage_reads_as_the_clerk_typed_it():
    assert cell_text(0.85, "0%") == "85%" and cell_text(0.905, "0.0%") == "90.5%"
    assert cell_text(90, "General") == "90" and cell_text(2.0, "General") == "2"


def test_a_missing_column_refuses_the_whole_file(tmp_path):
    header = [h for h in INDICATOR_HEADER if h != "填报频次"]
    rows = [[c for i, c in enumerate(r) if INDICATOR_HEADER[i] != "填报频次"]
            for r in INDICATOR_ROWS]
    message = refusal(indicator_workbook(tmp_path / "t.xlsx", rows=rows, header=header))
    assert "[指标]，第2行" in message and "缺少列：填报频次" in message


def test_a_duplicate_code_is_named_with_the_row_it_repeats(tmp_path):
    rows = [*INDICATOR_ROWS, ["Z01", "又一项", "产品质量", "计数", None, None, "项", 0, "年度",
                              ">= 1", None, None]]
    message = refusal(indicator_workbook(tmp_path / "t.xlsx", rows=rows))
    assert "第6行，指标代码：指标代码“Z01”重复（首次出现在第3行）" in message


def test_every_bad_cell_is_named_at_once(tmp_path):
    rows = [["Z01", "合格率", "产品质量", "比率", "合格批次", None, "%", 9, "每月", "九十",
             "> 88", None],
            ["Z02", "", "工程质量", "计数", "x", None, "项", 0, "年度", ">= 4", None, "很多"]]
    message = refusal(indicator_workbook(tmp_path / "t.xlsx", rows=rows))
    for expected in ("第3行，分母名称：比率指标须填写分子名称和分母名称",
                     "第3行，小数位数：“9”应为0至6之间的整数", "第3行，填报频次：“每月”无效",
                     "第3行，目标值：目标“九十”", "第4行，指标名称：不能为空",
                     "第4行，分子名称：只有比率指标才有分子、分母",
                     "第4行，2027年目标：目标“很多”"):
        assert expected in message, expected


def test_a_year_column_outside_the_span_and_a_missing_title_are_refused(tmp_path):
    path = indicator_workbook(tmp_path / "t.xlsx", plan_rows=[["起始年份", 2027],
                                                               ["终止年份", 2030],
                                                               ["负责人", "张三"]])
    message = refusal(path, PlanHead(default_id="t"))
    assert "2026年目标：年份2026不在方案年限（2027—2030年）内" in message
    assert "缺少方案名称" in message and "[方案]，第3行：“负责人”不是方案的字段" in message


def test_a_file_that_is_no_workbook_is_refused(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_text("指标代码,指标名称", encoding="utf-8")
    assert "不是可读取的.xlsx工作簿" in refusal(path)


def test_the_plan_sheet_gives_rounding_and_judging_in_a_clerks_words(tmp_path):
    rows = [["方案编号", "t-2026"], ["方案名称", "方案"], ["修约方式", "修约"], ["判定方式", "修约值"]]
    plan = read_indicator_table(indicator_workbook(tmp_path / "t.xlsx", plan_rows=rows))
    assert (plan.rounding.value, plan.judge.value) == ("half-even", "rounded")
    rows[2] = ["修约方式", "五舍六入"]
    message = refusal(indicator_workbook(tmp_path / "u.xlsx", plan_rows=rows))
    assert "[方案]，第3行：“五舍六入”无效" in message
