"""The command line through its real entry point: exit codes, messages, and that refusals change nothing."""

import sqlite3

import pytest

from qdesk.resources import forms_dir


def snapshot(path):
    conn = sqlite3.connect(path)
    rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("entries", "audit", "targets", "units")}
    conn.close()
    return rows


# --- template check -------------------------------------------------------------------------

def test_template_check_passes_the_shipped_plans(qdesk):
    result = qdesk("template", "check", *sorted(forms_dir().glob("*.toml")))
    assert result.code == 0, result.err
    assert result.out.count("通过") == 3


def test_template_check_reports_file_line_field(qdesk, tmp_path):
    bad = tmp_path / "bad.toml"
    text = (forms_dir() / "bingtuan-2016.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('target = ">= 90"', 'target = ">= 九十"', 1), encoding="utf-8")
    result = qdesk("template", "check", bad)
    assert result.code == 3
    assert "bad.toml，第" in result.err and "indicator.target" in result.err


@pytest.mark.parametrize("edit,expected", [
    (lambda t: t + "\n[[indicator\n", "TOML格式错误"),
    (lambda t: t.replace("[plan]", "[plan]\nowner = \"x\""), "未知字段“owner”"),
    (lambda t: t.replace('numerator = ', 'numerator_x = ', 1), "缺少字段“numerator”"),
    (lambda t: t.replace('target = ">= 90"', 'target = ">= 90"\ntargets = { 2015 = ">= 88" }', 1),
     "不在方案年限"),
])
def test_template_check_refuses_each_bad_template(qdesk, tmp_path, edit, expected):
    bad = tmp_path / "bad.toml"
    bad.write_text(edit((forms_dir() / "bingtuan-2016.toml").read_text(encoding="utf-8")),
                   encoding="utf-8")
    result = qdesk("template", "check", bad)
    assert result.code == 3 and expected in result.err


def test_template_check_in_english(qdesk, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n", encoding="utf-8")
    result = qdesk("template", "check", bad, lang="en")
    assert result.code == 3 and "the [plan] table is missing" in result.err


# --- init -----------------------------------------------------------------------------------

def test_init_makes_a_database_from_a_shipped_plan(qdesk, tmp_path):
    db = tmp_path / "county.qdesk"
    result = qdesk("init", "--db", db, "--template", "bingtuan-2016", "--unit-code", "659001",
                   "--unit-name", "石河子市")
    assert result.code == 0, result.err
    status = qdesk("status", "--db", db, "--period", "2017Q2", "--format", "json")
    assert status.code == 0
    assert {(r["due"], r["status"]) for r in status.json()} == {(True, "no-data"),
                                                                 (False, "not-due")}


def test_init_refuses_a_bad_unit_code_and_leaves_no_file(qdesk, tmp_path):
    db = tmp_path / "county.qdesk"
    result = qdesk("init", "--db", db, "--template", "bingtuan-2016", "--unit-code", "12345",
                   "--unit-name", "某县")
    assert result.code == 3 and "6位数字" in result.err
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_an_existing_file(qdesk, demo_db):
    before = demo_db.read_bytes()
    result = qdesk("init", "--db", demo_db, "--template", "bingtuan-2016", "--unit-code",
                   "659001", "--unit-name", "石河子市")
    assert result.code == 3 and "已存在" in result.err
    assert demo_db.read_bytes() == before


# --- demo -----------------------------------------------------------------------------------

def test_demo_is_a_believable_county(demo_master):
    conn = sqlite3.connect(demo_master)
    units = conn.execute("SELECT level, count(*) FROM units GROUP BY level").fetchall()
    assert dict(units) == {"county": 1, "township": 6, "zone": 1}
    assert conn.execute("SELECT count(*) FROM targets WHERE unit_id IS NOT NULL").fetchone()[0]
    periods = {p for (p,) in conn.execute("SELECT DISTINCT period FROM entries")}
    assert {"2019Q1", "2020Q4", "2019", "2020"} <= periods
    assert conn.execute("SELECT count(*) FROM narratives").fetchone()[0] >= 40
    active = conn.execute("SELECT count(*) FROM members WHERE end_date IS NULL").fetchone()[0]
    assert 28 <= active <= 32
    assert conn.execute("SELECT count(*) FROM adjustments").fetchone()[0] == 3
    conn.close()


def test_demo_latest_quarter_has_met_not_met_and_missing(qdesk, demo_master):
    records = qdesk("status", "--db", demo_master, "--period", "2020Q4", "--format",
                    "json").json()
    statuses = {r["status"] for r in records}
    assert statuses == {"met", "not-met", "no-data"}
    assert sum(r["status"] == "met" for r in records) > len(records) / 2


def test_demo_refuses_an_existing_file_without_force(qdesk, demo_db):
    before = demo_db.read_bytes()
    result = qdesk("demo", "--db", demo_db)
    assert result.code == 3 and "--force" in result.err
    assert demo_db.read_bytes() == before
    assert qdesk("demo", "--db", demo_db, "--force").code == 0


def test_demo_is_the_same_every_time(qdesk, demo_master, tmp_path):
    again = tmp_path / "again.qdesk"
    assert qdesk("demo", "--db", again).code == 0
    for path in (demo_master, again):
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT indicator_id, unit_id, period, numerator, denominator, value"
                            " FROM entries ORDER BY 1, 2, 3").fetchall()
        conn.close()
        if path == demo_master:
            first = rows
    assert rows == first


# --- status ---------------------------------------------------------------------------------

def test_status_json_fields(qdesk, demo_master):
    records = qdesk("status", "--db", demo_master, "--period", "2020Q3", "--format",
                    "json").json()
    rate = next(r for r in records if r["kind"] == "rate" and r["value"] is not None)
    assert set(rate) >= {"code", "name", "kind", "numerator", "denominator", "value", "display",
                         "target", "status", "on_track"}
    whole, _, places = rate["value"].partition(".")
    assert len(places) == 6
    assert rate["on_track"] is None  # 2020 is long over


def test_status_table_in_chinese_and_english(qdesk, demo_master):
    zh = qdesk("status", "--db", demo_master, "--period", "2020Q4")
    assert zh.code == 0 and "盘山县" in zh.out and "达标" in zh.out and "未填报" in zh.out
    en = qdesk("--lang", "en", "status", "--db", demo_master, "--period", "2020Q4")
    assert "not-met" in en.out and "no-data" in en.out


def test_status_as_of_a_day_in_a_running_year(qdesk, demo_master):
    records = qdesk("status", "--db", demo_master, "--period", "2020Q2", "--format", "json",
                    "--as-of", "2020-08-01").json()
    assert any(r["on_track"] is not None for r in records)


@pytest.mark.parametrize("period", ["2020Q5", "20Q1", "2020-1"])
def test_status_refuses_malformed_periods(qdesk, demo_master, period):
    result = qdesk("status", "--db", demo_master, "--period", period)
    assert result.code == 3 and "报告期" in result.err


def test_status_refuses_a_period_outside_the_plan(qdesk, demo_master):
    result = qdesk("status", "--db", demo_master, "--period", "2031Q1")
    assert result.code == 3 and "不在方案年限" in result.err


def test_status_refuses_an_unknown_unit(qdesk, demo_master):
    result = qdesk("status", "--db", demo_master, "--period", "2020Q4", "--unit", "999999")
    assert result.code == 3 and "单位代码“999999”不存在" in result.err


# --- --db that is not a usable database -----------------------------------------------------

def test_db_pointing_at_a_text_file(qdesk, tmp_path):
    text = tmp_path / "readme.txt"
    text.write_text("hello", encoding="utf-8")
    result = qdesk("status", "--db", text, "--period", "2020Q4")
    assert result.code == 3 and "不是qdesk数据库" in result.err
    assert text.read_text(encoding="utf-8") == "hello"


def test_db_pointing_at_a_folder(qdesk, tmp_path):
    result = qdesk("status", "--db", tmp_path, "--period", "2020Q4")
    assert result.code == 3 and "文件夹" in result.err


def test_db_from_a_newer_qdesk(qdesk, demo_db):
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = demo_db.read_bytes()
    result = qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020Q4",
                   "--indicator", "P01", "--numerator", "1", "--denominator", "2")
    assert result.code == 3 and "更新版本" in result.err
    assert demo_db.read_bytes() == before


# --- set ------------------------------------------------------------------------------------

def rate_code(qdesk, db, frequency="quarterly"):
    records = qdesk("status", "--db", db, "--period", "2020Q4", "--format", "json").json()
    return next(r["code"] for r in records if r["kind"] == "rate")


def test_set_a_rate_then_read_it_back_and_find_it_audited(qdesk, demo_db):
    code = rate_code(qdesk, demo_db)
    result = qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020Q4",
                   "--indicator", code, "--numerator", "18469", "--denominator", "20000",
                   "--note", "含专项抽查")
    assert result.code == 0, result.err
    records = qdesk("status", "--db", demo_db, "--period", "2020Q4", "--format", "json").json()
    row = next(r for r in records if r["code"] == code)
    assert (row["numerator"], row["denominator"], row["value"]) == (18469, 20000, "92.345000")
    assert row["display"] in ("92.3", "92.35")
    conn = sqlite3.connect(demo_db)
    old, new, who = conn.execute("SELECT old, new, operator FROM audit WHERE row_key = ?",
                                 [f"211122/2020Q4/{code}"]).fetchall()[-1]
    assert '"numerator": 18469' in new and old and who
    conn.close()


@pytest.mark.parametrize("args,expected", [
    (["--numerator", "101", "--denominator", "100"], "大于"),
    (["--numerator", "0", "--denominator", "0"], "必须大于0"),
    (["--numerator", "abc", "--denominator", "100"], "不是数字"),
    (["--value", "95"], "分子和分母"),
])
def test_set_refuses_bad_rates_and_changes_nothing(qdesk, demo_db, args, expected):
    code = rate_code(qdesk, demo_db)
    before = snapshot(demo_db)
    result = qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020Q4",
                   "--indicator", code, *args)
    assert result.code == 3 and expected in result.err
    assert snapshot(demo_db) == before


def count_code(qdesk, db):
    records = qdesk("status", "--db", db, "--period", "2020", "--format", "json").json()
    return next(r["code"] for r in records if r["kind"] == "count"
                and not r["target"].startswith("=="))


@pytest.mark.parametrize("value,expected", [("-1", "不能为负数"), ("12.5", "不是整数"),
                                            ("十二", "不是数字")])
def test_set_refuses_bad_counts_and_changes_nothing(qdesk, demo_db, value, expected):
    code = count_code(qdesk, demo_db)
    before = snapshot(demo_db)
    result = qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020",
                   "--indicator", code, "--value", value)
    assert result.code == 3 and expected in result.err
    assert snapshot(demo_db) == before


@pytest.mark.parametrize("args,expected", [
    (["--unit", "000000", "--period", "2020Q4", "--indicator", "P01"], "单位代码"),
    (["--unit", "211122", "--period", "2020Q4", "--indicator", "ZZ99"], "指标代码“ZZ99”不存在"),
    (["--unit", "211122", "--period", "2020Q5", "--indicator", "P01"], "报告期"),
])
def test_set_refuses_unknown_codes_and_periods(qdesk, demo_db, args, expected):
    before = snapshot(demo_db)
    result = qdesk("set", "--db", demo_db, *args, "--numerator", "1", "--denominator", "2")
    assert result.code == 3 and expected in result.err
    assert snapshot(demo_db) == before


def test_set_refuses_a_submitted_period(qdesk, demo_db):
    code = rate_code(qdesk, demo_db)
    before = snapshot(demo_db)
    result = qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020Q3",
                   "--indicator", code, "--numerator", "1", "--denominator", "2")
    assert result.code == 3 and "已锁定" in result.err
    assert snapshot(demo_db) == before


def test_set_without_a_figure_is_a_usage_error(qdesk, demo_db):
    result = qdesk("set", "--db", demo_db, "--unit", "211122", "--period", "2020Q4",
                   "--indicator", "P01")
    assert result.code == 2


def test_missing_arguments_are_usage_errors(qdesk):
    assert qdesk("status").code == 2
    assert qdesk("report-nothing").code == 2
