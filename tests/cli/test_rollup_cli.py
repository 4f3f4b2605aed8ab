"""`qdesk status`, `set` and `template check` on figures rolled up from units and retired ones."""

import sqlite3

import pytest

from tests.factories import UNITS_TEMPLATE, retire_in_template, units_template


@pytest.fixture
def district(qdesk, tmp_path):
    """A district set up through the CLI: its plan, four towns, three of them reporting D01."""
    db = tmp_path / "district.qdesk"
    assert qdesk("init", "--db", db, "--template", units_template(tmp_path), "--unit-code",
                 "321012", "--unit-name", "扬州市江都区").code == 0
    for code, name in (("100", "仙女镇"), ("101", "小纪镇"), ("102", "武坚镇"), ("103", "樊川镇")):
        assert qdesk("unit", "add", "--db", db, "--code", code, "--name", name,
                     "--level", "镇").code == 0
    for code, n, d in (("100", 90, 100), ("101", 45, 50), ("102", 199, 200)):
        done = qdesk("set", "--db", db, "--unit", code, "--period", "2026Q1", "--indicator",
                     "D01", "--numerator", n, "--denominator", d)
        assert done.code == 0, done.err
    return db


def figures(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT unit_id, period, indicator_id, numerator, denominator, value"
                            " FROM entries ORDER BY 1, 2, 3").fetchall()


def test_status_json_says_how_many_units_a_rolled_up_figure_includes(qdesk, district):
    status = qdesk("status", "--db", district, "--period", "2026Q1", "--format", "json")
    assert status.code == 0, status.err
    by_code = {r["code"]: r for r in status.json()}
    d01 = by_code["D01"]
    assert (d01["numerator"], d01["denominator"], d01["reported"], d01["units"]) == (334, 350,
                                                                                      3, 4)
    assert (by_code["D03"]["reported"], by_code["D03"]["units"]) == (None, None)
    assert by_code["D04"]["status"] == "not-due"


def test_set_refuses_a_figure_for_the_office_on_a_rolled_up_indicator(qdesk, district):
    before = figures(district)
    refused = qdesk("set", "--db", district, "--unit", "321012", "--period", "2026Q1",
                    "--indicator", "D01",
                    "--numerator", "9", "--denominator", "10")
    assert refused.code == 3
    assert "指标D01由下级单位汇总，不能直接填报" in refused.err
    assert figures(district) == before


def test_set_refuses_a_retired_indicator(qdesk, district, tmp_path):
    text = retire_in_template(UNITS_TEMPLATE, "D05")
    new = tmp_path / "new"
    new.mkdir()
    updated = qdesk("plan", "update", "--db", district, "--template", units_template(new, text))
    assert updated.code == 0, updated.err
    before = figures(district)
    refused = qdesk("set", "--db", district, "--unit", "100", "--period", "2026Q1",
                    "--indicator", "D05", "--numerator", "9", "--denominator", "10")
    assert refused.code == 3
    assert "指标D05已停用，不再填报" in refused.err
    assert figures(district) == before


def test_template_check_refuses_a_figure_rolled_up_from_units_that_cannot_be_combined(
        qdesk, tmp_path):
    text = UNITS_TEMPLATE.replace('over_units = "ratio"\nover_time = "ratio"\nsource = "units"',
                                  'over_units = "none"\nover_time = "ratio"\nsource = "units"')
    assert text != UNITS_TEMPLATE
    checked = qdesk("template", "check", units_template(tmp_path, text))
    assert checked.code == 3
    assert "indicator.source" in checked.err and "“over_units”不能为“none”" in checked.err


def test_an_entry_sheet_with_a_figure_for_the_office_on_a_rolled_up_indicator_is_refused_whole(
        qdesk, district, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n"
                     "103,D01,2026Q1,40,50,,\n321012,D01,2026Q1,90,100,,\n", encoding="utf-8-sig")
    before = figures(district)
    refused = qdesk("import", sheet, "--db", district)
    assert refused.code == 3
    assert "第3行" in refused.err and "指标D01由下级单位汇总，不能直接填报" in refused.err
    assert figures(district) == before


def test_the_status_table_says_how_many_units_reported_and_names_not_due_once(qdesk, district):
    table = qdesk("status", "--db", district, "--period", "2026Q1")
    assert table.code == 0, table.err
    d01 = next(line for line in table.out.splitlines() if line.startswith("D01"))
    d04 = next(line for line in table.out.splitlines() if line.startswith("D04"))
    assert "95.4%" in d01 and d01.endswith("4个单位中3个已填报")
    assert d04.count("本期不填报") == 1 and "未填报" not in d04.replace("本期不填报", "")
