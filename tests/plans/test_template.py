import pytest

from qdesk.core.errors import TemplateError
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.plan import Kind
from qdesk.plans.library import find_template, shipped_templates
from qdesk.plans.template import load_template

GOOD = """\
format = "qdesk-plan"
version = 1

[plan]
id = "test-2016"
title = "测试方案"
start_year = 2016
end_year = 2018
judge = "rounded"

[[deadline]]
report = "quarterly"
months_after = 1
day = 5

[[deadline]]
report = "annual"
month = 12
day = 10

[[indicator]]
code = "P01"
name = "主要工业产品质量监督抽查合格率"
category = "产品质量"
kind = "rate"
numerator = "合格批次"
denominator = "抽查批次"
unit = "%"
decimals = 1
frequency = "quarterly"
target = ">= 90"
targets = { 2016 = ">= 88", 2017 = ">= 89" }
over_units = "ratio"
over_time = "ratio"

[[indicator]]
code = "P02"
name = "特种设备死亡事故"
category = "产品质量"
kind = "count"
unit = "起"
frequency = "annual"
target = "== 0"
over_units = "sum"
over_time = "sum"
"""


def write(tmp_path, text, name="plan.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path, text) -> str:
    with pytest.raises(TemplateError) as info:
        load_template(write(tmp_path, text))
    return info.value.render("zh")


def test_a_good_template_loads(tmp_path):
    plan = load_template(write(tmp_path, GOOD))
    assert (plan.id, plan.start_year, plan.end_year) == ("test-2016", 2016, 2018)
    assert plan.rounding is Rounding.HALF_UP and plan.judge is Judge.ROUNDED
    p01 = plan.indicator("P01")
    assert p01.kind is Kind.RATE and p01.numerator == "合格批次"
    assert str(p01.target_for(2016)) == ">= 88" and str(p01.target_for(2018)) == ">= 90"
    assert plan.indicator("P02").decimals == 0
    assert [d.report.value for d in plan.deadlines] == ["quarterly", "annual"]


def test_malformed_toml_names_the_line(tmp_path):
    text = refusal(tmp_path, GOOD.replace('day = 5', 'day = = 5'))
    assert "plan.toml" in text and "第14行" in text and "TOML格式错误" in text


def test_unknown_key_names_file_line_and_field(tmp_path):
    text = refusal(tmp_path, GOOD.replace('unit = "起"', 'unit = "起"\ncolour = "red"'))
    assert "plan.toml，第42行，indicator.colour：未知字段“colour”" in text


def test_duplicate_code_points_at_both(tmp_path):
    text = refusal(tmp_path, GOOD.replace('code = "P02"', 'code = "P01"'))
    assert "第37行，indicator.code" in text and "首次出现在第22行" in text


def test_rate_without_labels(tmp_path):
    text = refusal(tmp_path, GOOD.replace('numerator = "合格批次"\n', ''))
    assert "indicator.numerator：缺少字段“numerator”" in text


def test_target_that_does_not_parse(tmp_path):
    text = refusal(tmp_path, GOOD.replace('target = ">= 90"', 'target = "九十以上"'))
    assert "第31行，indicator.target：目标“九十以上”无法识别" in text


def test_year_outside_the_plan(tmp_path):
    text = refusal(tmp_path, GOOD.replace('2017 = ">= 89"', '2019 = ">= 89"'))
    assert "indicator.targets.2019：年份2019不在方案年限（2016—2018年）内" in text


def test_a_rate_cannot_be_averaged(tmp_path):
    text = refusal(tmp_path, GOOD.replace('over_units = "ratio"', 'over_units = "mean"', 1))
    assert "indicator.over_units" in text and "不适用于rate" in text


def test_every_problem_is_listed_and_nothing_loads(tmp_path):
    bad = GOOD.replace('target = ">= 90"', 'target = "x"').replace('kind = "count"',
                                                                  'kind = "counter"')
    text = refusal(tmp_path, bad)
    assert "目标“x”" in text and "counter" in text


def test_messages_in_english(tmp_path):
    with pytest.raises(TemplateError) as info:
        load_template(write(tmp_path, GOOD.replace('unit = "起"', 'unit = "起"\ncolour = 1')))
    assert "plan.toml, line 42, indicator.colour: unknown key 'colour'" in info.value.render("en")


def test_format_and_version_are_checked(tmp_path):
    text = refusal(tmp_path, GOOD.replace('version = 1', 'version = 2'))
    assert "不支持的模板版本" in text
    text = refusal(tmp_path, GOOD.replace('"qdesk-plan"', '"other"'))
    assert "format" in text


def test_an_unreadable_file(tmp_path):
    with pytest.raises(TemplateError, match="无法读取"):
        load_template(tmp_path / "missing.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes("title = '测试'".encode("gb18030"))
    with pytest.raises(TemplateError, match="UTF-8"):
        load_template(latin)


def test_deadline_needs_exactly_one_rule(tmp_path):
    text = refusal(tmp_path, GOOD.replace("months_after = 1\n", "months_after = 1\nmonth = 3\n"))
    assert "months_after 与 month 须且只能给出一个" in text


def test_a_deadline_is_only_for_a_report_the_calendar_owes(tmp_path):
    text = refusal(tmp_path, GOOD.replace('report = "annual"', 'report = "targets"'))
    assert "“report”的取值“targets”无效，应为 quarterly | half-year | annual" in text


def test_the_three_seed_plans_are_shipped_and_pass():
    stems = {p.stem for p in shipped_templates()}
    assert {"bingtuan-2016", "panjin-2014", "xinjiang-2018"} <= stems
    for stem in stems:
        plan = load_template(find_template(stem))
        assert plan.id == stem and plan.indicators


def test_bingtuan_states_its_targets():
    plan = load_template(find_template("bingtuan-2016"))
    by_name = {i.name: i for i in plan.indicators}
    industrial = next(i for n, i in by_name.items() if "工业产品" in n)
    assert str(industrial.target_for(2018)) == ">= 90" and industrial.kind is Kind.RATE
    accidents = next(i for i in plan.indicators if i.kind is Kind.COUNT and
                     str(i.target) == "== 0")
    assert "事故" in accidents.name
    assert len(plan.indicators) >= 14
    assert {(d.report.value, d.day) for d in plan.deadlines} == {
        ("quarterly", 5), ("half-year", 10), ("annual", 10)}


def test_panjin_cumulative_award_count():
    plan = load_template(find_template("panjin-2014"))
    award = next(i for i in plan.indicators if "省长质量奖" in i.name)
    assert award.kind is Kind.COUNT and award.over_time.value == "last"
    assert str(award.target_for(2015)) == ">= 2"
    brands = next(i for i in plan.indicators if "名牌" in i.name)
    assert str(brands.target_for(2015)) == ">= 20" and "左右" in brands.note


def test_an_indicator_is_entered_and_in_use_unless_the_template_says_otherwise(tmp_path):
    from qdesk.core.plan import Source
    p02 = load_template(write(tmp_path, GOOD)).indicator("P02")
    assert (p02.source, p02.retired) == (Source.ENTERED, False)
    text = GOOD.replace('over_units = "sum"', 'over_units = "sum"\nsource = "units"\nretired = true')
    p02 = load_template(write(tmp_path, text)).indicator("P02")
    assert (p02.source, p02.rolled_up, p02.retired) == (Source.UNITS, True, True)


def test_a_figure_rolled_up_from_units_that_cannot_be_combined_is_refused_with_line_and_field(
        tmp_path):
    text = refusal(tmp_path, GOOD.replace('over_units = "sum"',
                                          'over_units = "none"\nsource = "units"'))
    assert "plan.toml，第45行，indicator.source：" in text and "“over_units”不能为“none”" in text


def test_a_source_other_than_entered_or_units_and_a_retired_that_is_not_a_boolean_are_refused(
        tmp_path):
    text = refusal(tmp_path, GOOD.replace('over_units = "sum"',
                                          'over_units = "sum"\nsource = "town"\nretired = "yes"'))
    assert "indicator.source：“source”的取值“town”无效，应为 entered | units" in text
    assert "indicator.retired：“retired”应为 true 或 false" in text


def test_source_and_retired_are_written_back_and_read_again(tmp_path):
    from dataclasses import replace

    from qdesk.core.plan import Source
    from qdesk.plans.template_writer import template_text
    plan = load_template(write(tmp_path, GOOD))
    changed = replace(plan, indicators=(replace(plan.indicators[0], source=Source.UNITS),
                                        replace(plan.indicators[1], retired=True)))
    text = template_text(changed)
    assert 'source = "units"' in text and "retired = true" in text
    assert load_template(write(tmp_path, text, "again.toml")) == changed
