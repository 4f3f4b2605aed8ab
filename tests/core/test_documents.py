import pytest

from qdesk.core.documents import ReportKind
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
