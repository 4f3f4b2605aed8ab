"""无此项 from the command line, in a district set up as an office sets itself up (issue 15)."""

from tests.cli.test_office_journey import district, ok

FLAG_ROW = ["Z04", "完成年度减排任务", "环境质量", "是否", None, None, "", 0, "年度", "1",
            None, None]


def status_of(qdesk, db, period, unit, code):
    rows = ok(qdesk("status", "--db", db, "--period", period, "--unit", unit,
                    "--format", "json")).json()
    return next(r for r in rows if r["code"] == code)


def test_a_town_with_nothing_to_count_says_so_and_is_neither_met_nor_not_met(qdesk, tmp_path):
    db, _ = district(qdesk, tmp_path)
    said = ok(qdesk("set", "--db", db, "--unit", "321012100", "--period", "2026Q1",
                    "--indicator", "Z01", "--none", "--note", "本季度未开展抽查"))
    assert "已保存" in said.out
    record = status_of(qdesk, db, "2026Q1", "321012100", "Z01")
    assert (record["status"], record["display"], record["value"], record["complete"]) == (
        "not-applicable", "无此项", None, True)
    table = ok(qdesk("status", "--db", db, "--period", "2026Q1", "--unit", "321012100")).out
    assert "无此项" in table and "不适用" in table and "无此项%" not in table
    assert "not-applicable" in ok(qdesk("status", "--db", db, "--period", "2026Q1", "--unit",
                                        "321012100", lang="en")).out


def test_nothing_to_count_beside_a_figure_or_on_a_yes_no_is_refused_and_nothing_changes(
        qdesk, tmp_path):
    db, _ = district(qdesk, tmp_path)
    ok(qdesk("set", "--db", db, "--unit", "321012100", "--period", "2026Q1", "--indicator", "Z01",
             "--numerator", "45", "--denominator", "50"))
    both = qdesk("set", "--db", db, "--unit", "321012100", "--period", "2026Q1",
                 "--indicator", "Z01", "--none", "--numerator", "45", "--denominator", "50")
    assert both.code == 3 and "“无此项”与数据不能同时填写" in both.err
    zero = qdesk("set", "--db", db, "--unit", "321012100", "--period", "2026Q1",
                 "--indicator", "Z01", "--numerator", "0", "--denominator", "0")
    assert zero.code == 3 and "请记为“无此项”" in zero.err
    assert status_of(qdesk, db, "2026Q1", "321012100", "Z01")["display"] == "90.0"
    nothing = qdesk("set", "--db", db, "--unit", "321012100", "--period", "2026Q1",
                    "--indicator", "Z01")
    assert nothing.code == 2 and "--none" in nothing.err


def test_a_yes_no_is_never_nothing_to_count(qdesk, tmp_path):
    from tests.factories import INDICATOR_ROWS, indicator_workbook

    plan = tmp_path / "plan.toml"
    ok(qdesk("template", "import", indicator_workbook(tmp_path / "t.xlsx",
                                                      rows=[*INDICATOR_ROWS, FLAG_ROW]),
             "--out", plan))
    db = tmp_path / "d.qdesk"
    ok(qdesk("init", "--db", db, "--template", plan, "--unit-code", "321012",
             "--unit-name", "江都区"))
    refused = qdesk("set", "--db", db, "--unit", "321012", "--period", "2026",
                    "--indicator", "Z04", "--none")
    assert refused.code == 3 and "“是/否”类指标，不存在“无此项”" in refused.err
    assert status_of(qdesk, db, "2026", "321012", "Z04")["status"] == "no-data"
