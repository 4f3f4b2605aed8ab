import tomllib

import pytest

from qdesk.core.documents import ReportKind, campaign, level_word
from qdesk.core.errors import InputError
from qdesk.core.periods import Frequency, Period


def test_each_report_kind_has_its_period_and_its_names():
    assert [(k.value, k.frequency, k.label.render("zh"), k.label.render("en")) for k in ReportKind] == [
        ("quarterly", Frequency.QUARTERLY, "季度报告", "Quarterly report"),
        ("half-year", Frequency.HALF_YEAR, "半年工作小结", "Half-year summary"),
        ("annual", Frequency.ANNUAL, "全年工作总结", "Annual summary"),
        ("targets", Frequency.ANNUAL, "目标完成情况报告", "Target attainment report")]


def test_only_the_calendar_reports_are_scheduled_and_a_package_carries_its_periods_report():
    assert [k for k in ReportKind if k.scheduled] == [
        ReportKind.QUARTERLY, ReportKind.HALF_YEAR, ReportKind.ANNUAL]
    assert ReportKind.of_period(Frequency.HALF_YEAR) is ReportKind.HALF_YEAR


def test_a_scheduled_report_refuses_a_period_of_another_length():
    with pytest.raises(InputError) as refused:
        ReportKind.QUARTERLY.check_period(Period.parse("2026H1"))
    assert refused.value.render("zh") == "季度报告的报告期应为季度，而不是2026H1"
    ReportKind.TARGETS.check_period(Period.parse("2026Q3"))


def test_an_unknown_kind_is_refused_naming_the_kinds():
    with pytest.raises(InputError) as refused:
        ReportKind.parse("monthly")
    assert "quarterly | half-year | annual | targets" in refused.value.render("en")


def _plan_title(plan_id):
    from qdesk.resources import forms_dir

    with open(forms_dir() / f"{plan_id}.toml", "rb") as f:
        return tomllib.load(f)["plan"]["title"]


@pytest.mark.parametrize("plan_id,name,level,expected", [
    ("panjin-2014", "盘锦市", "prefecture", "质量强市"),
    ("panjin-2014", "盘山县", "county", "质量强县"),
    ("panjin-2014", "兴隆台区", "county", "质量强区"),
    ("bingtuan-2016", "新疆生产建设兵团", "province", "质量强兵团"),
    ("bingtuan-2016", "第八师石河子市", "division", "质量强师"),
    ("bingtuan-2016", "石河子市", "county", "质量强市"),
    ("xinjiang-2018", "江都区", "county", "质量提升行动"),
    ("xinjiang-2018", "新疆维吾尔自治区", "province", "质量提升行动"),
])
def test_a_report_names_the_plans_campaign_at_the_offices_own_level(plan_id, name, level,
                                                                     expected):
    assert campaign(_plan_title(plan_id), name, level) == expected


def test_a_plan_for_quality_revitalisation_keeps_its_name_at_every_level():
    assert campaign("某省质量振兴规划（2021—2025年）", "某县", "county") == "质量振兴"


def test_the_offices_level_is_its_names_last_place_character_else_its_level():
    assert [level_word(n, lv) for n, lv in [("盘山县", "county"), ("兴隆台区", "county"),
                                            ("海城市", "county"), ("盘锦市", "prefecture"),
                                            ("第一师", "division"), ("某地", "prefecture"),
                                            ("某地", "county")]] == [
        "县", "区", "市", "市", "师", "市", "县"]


def test_a_saved_report_is_named_by_its_unit_period_and_kind():
    names = [kind.file_name("盘山县", Period.parse(p)) for kind, p in [
        (ReportKind.QUARTERLY, "2020Q4"), (ReportKind.HALF_YEAR, "2020H1"),
        (ReportKind.ANNUAL, "2020"), (ReportKind.TARGETS, "2020")]]
    assert names == ["盘山县2020年第四季度报告.pdf", "盘山县2020年上半年工作小结.pdf",
                     "盘山县2020年工作总结.pdf", "盘山县2020年目标完成情况报告.pdf"]
