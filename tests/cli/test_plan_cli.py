"""qdesk plan export and plan update on a database made by qdesk init, and qdesk PATH."""

import os
import sqlite3
from pathlib import Path

import pytest

from qdesk.cli import _database_alone, build_parser
from qdesk.plans.template import load_template
from tests.factories import indicator_workbook

NEW_INDICATOR = '''
[[indicator]]
code = "Z04"
name = "质量安全事故起数"
category = "质量安全"
kind = "count"
unit = "起"
decimals = 0
frequency = "annual"
target = "== 0"
over_units = "sum"
over_time = "sum"
'''


def snapshot(path):
    conn = sqlite3.connect(path)
    rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("plans", "indicators", "targets", "deadlines", "entries", "audit")}
    conn.close()
    return rows


def figures(path):
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT i.code, e.period, e.numerator, e.denominator, e.value FROM entries"
                        " e JOIN indicators i ON i.id = e.indicator_id ORDER BY 1, 2").fetchall()
    conn.close()
    return rows


@pytest.fixture
def district(qdesk, tmp_path):
    """江都区 set up as a new office would: its plan from the superior's table, two figures."""
    template = tmp_path / "jiangdu.toml"
    assert qdesk("template", "import", indicator_workbook(tmp_path / "t.xlsx"), "--out",
                 template).code == 0
    db = tmp_path / "jiangdu.qdesk"
    result = qdesk("init", "--db", db, "--template", template, "--unit-code", "321012",
                   "--unit-name", "扬州市江都区")
    assert result.code == 0, result.err
    for args in (["--indicator", "Z01", "--period", "2026Q1", "--numerator", "45",
                  "--denominator", "50"],
                 ["--indicator", "Z02", "--period", "2026", "--value", "1"]):
        done = qdesk("set", "--db", db, "--unit", "321012", *args)
        assert done.code == 0, done.err
    return db


def exported(qdesk, db, tmp_path, edit=lambda text: text, name="exported.toml"):
    out = tmp_path / name
    result = qdesk("plan", "export", "--db", db, "--out", out, "--force")
    assert result.code == 0, result.err
    out.write_text(edit(out.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def test_plan_export_writes_a_template_that_loads_to_the_databases_plan(qdesk, district,
                                                                        tmp_path):
    out = exported(qdesk, district, tmp_path)
    assert qdesk("template", "check", out).code == 0
    assert load_template(out) == load_template(tmp_path / "jiangdu.toml")
    again = qdesk("plan", "export", "--db", district, "--out", out)
    assert again.code == 3 and "已存在" in again.err


def test_plan_export_of_the_demo_loads_to_its_plan(qdesk, demo_db, tmp_path):
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan

    out = exported(qdesk, demo_db, tmp_path)
    with open_store(demo_db, exclusive=False) as store:
        assert load_template(out) == load_plan(store)


def added_and_retargeted(text):
    return text.replace('target = ">= 90"', 'target = ">= 92"', 1) + NEW_INDICATOR


def test_an_update_that_adds_an_indicator_and_changes_a_target_keeps_every_figure(
        qdesk, district, tmp_path):
    before = figures(district)
    new = exported(qdesk, district, tmp_path, added_and_retargeted)
    check = qdesk("plan", "update", "--db", district, "--template", new, "--check")
    assert check.code == 0, check.err
    assert "新增指标 Z04 质量安全事故起数" in check.out
    assert "修改指标 Z01：目标值：>= 90 → >= 92" in check.out and "未做任何修改" in check.out
    assert load_template(exported(qdesk, district, tmp_path, name="now.toml")).indicator(
        "Z04") is None

    result = qdesk("plan", "update", "--db", district, "--template", new)
    assert result.code == 0, result.err and "已有数据全部保留" in result.out
    assert figures(district) == before
    status = {r["code"]: r for r in qdesk("status", "--db", district, "--period", "2026Q1",
                                          "--format", "json").json()}
    assert status["Z01"]["value"] == "90.000000" and status["Z01"]["status"] == "met"
    updated = load_template(exported(qdesk, district, tmp_path, name="now.toml"))
    assert str(updated.indicator("Z01").target) == ">= 92"
    assert "Z04" in {r["code"] for r in qdesk("status", "--db", district, "--period", "2026",
                                              "--format", "json").json()}
    conn = sqlite3.connect(district)
    audited = conn.execute("SELECT table_name, row_key, action FROM audit"
                           " WHERE table_name = 'indicators' ORDER BY id").fetchall()
    conn.close()
    assert audited == [("indicators", "Z04", "insert"), ("indicators", "Z01", "update")]


def test_an_unchanged_template_says_so(qdesk, district, tmp_path):
    result = qdesk("plan", "update", "--db", district, "--template",
                   exported(qdesk, district, tmp_path))
    assert result.code == 0 and "方案无变化" in result.out


def without_z01(text):
    start = text.index('[[indicator]]\ncode = "Z01"')
    return text[:start] + text[text.index("[[indicator]]", start + 1):]


@pytest.mark.parametrize("edit,expected", [
    (lambda t: t.replace('id = "jiangdu-2026"', 'id = "other-2026"'), "other-2026"),
    (without_z01, "指标Z01已有填报数据，不能删除"),
    (lambda t: t.replace('kind = "count"', 'kind = "value"', 1).replace(
        'over_units = "sum"', 'over_units = "mean"', 1), "不能修改其类型"),
    (lambda t: t.replace('unit = "项"', 'unit = "个"'), "不能修改其计量单位"),
    (lambda t: t.replace("start_year = 2026", "start_year = 2027").replace(
        'targets = { 2026 = ">= 88" }\n', ""), "不能覆盖已有的2026—2026年"),
])
def test_a_refused_update_exits_3_and_changes_nothing(qdesk, district, tmp_path, edit,
                                                     expected):
    new = exported(qdesk, district, tmp_path, edit)
    before = snapshot(district)
    result = qdesk("plan", "update", "--db", district, "--template", new)
    assert result.code == 3 and expected in result.err, result.err
    assert snapshot(district) == before


def test_a_bad_template_is_refused_with_its_line(qdesk, district, tmp_path):
    new = exported(qdesk, district, tmp_path, lambda t: t + "\n[[indicator]]\ncode = 1\n")
    result = qdesk("plan", "update", "--db", district, "--template", new)
    assert result.code == 3 and "exported.toml，第" in result.err


def test_a_template_with_windows_line_ends_exports_with_one_line_end_a_line(qdesk, district,
                                                                         tmp_path):
    """A template saved by Notepad (CRLF) is stored as written; exporting it again writes each
    line end once, the platform's, not CR CR LF (a blank line after every line)."""
    lines = exported(qdesk, district, tmp_path).read_text(encoding="utf-8")
    template = tmp_path / "notepad.toml"
    template.write_bytes(lines.encode("utf-8").replace(b"\n", b"\r\n"))
    db = tmp_path / "notepad.qdesk"
    assert qdesk("init", "--db", db, "--template", template, "--unit-code", "321012",
                 "--unit-name", "扬州市江都区").code == 0
    out = tmp_path / "again.toml"
    assert qdesk("plan", "export", "--db", db, "--out", out).code == 0
    assert out.read_bytes() == lines.encode("utf-8").replace(b"\n", os.linesep.encode())


@pytest.mark.parametrize("argv,path", [
    (["county.qdesk"], "county.qdesk"),
    (["--lang", "en", "county.qdesk"], "county.qdesk"),
    (["gui", "county.qdesk"], "county.qdesk"),
    (["folder/county"], "folder/county"),
])
def test_a_database_path_alone_opens_the_workbench_on_it(argv, path):
    args = build_parser().parse_args(_database_alone(argv))
    assert args.command == "gui" and args.path == Path(path)


def test_the_commands_and_a_mistyped_one_are_not_taken_for_paths():
    assert _database_alone(["status", "--db", "x"]) == ["status", "--db", "x"]
    assert _database_alone(["report-nothing"]) == ["report-nothing"]
    assert _database_alone(["--version"]) == ["--version"]
    assert build_parser().parse_args(["gui", "--db", "x.qdesk"]).db.name == "x.qdesk"
