"""qdesk task list|set|export|import|draft through the real entry point: exit codes, nothing changed on refusal."""

import sqlite3

import pytest
from openpyxl import load_workbook


def ledger(path):
    conn = sqlite3.connect(path)
    rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("task_progress", "audit")}
    conn.close()
    return rows


@pytest.fixture
def db(qdesk, tmp_path):
    path = tmp_path / "panshan.qdesk"
    assert qdesk("init", "--db", path, "--template", "panjin-2014", "--unit-code", "211122",
                 "--unit-name", "盘山县").code == 0
    return path


def test_set_then_list_as_table_and_json_filtered(qdesk, db):
    assert qdesk("task", "set", "--db", db, "--period", "2020Q3", "--task", "T04", "--status",
                 "已完成", "--done", "2020-08-01", "--progress", "制度已印发").code == 0
    assert qdesk("task", "set", "--db", db, "--period", "2020Q3", "--task", "T02", "--status",
                 "late").code == 0
    table = qdesk("task", "list", "--db", db, "--period", "2020Q3", "--lead", "市质监局")
    assert table.code == 0 and "T04" in table.out and "T02" not in table.out
    assert "已完成" in table.out and "2020-08-01" in table.out
    listed = qdesk("task", "list", "--db", db, "--period", "2020Q3", "--status", "滞后",
                   "--format", "json").json()
    assert [(t["code"], t["status"]) for t in listed["tasks"]] == [("T02", "late")]


@pytest.mark.parametrize("args,words", [
    (("--task", "T99", "--status", "推进中"), "任务代码“T99”不存在"),
    (("--task", "T01", "--status", "完成"), "状态“完成”无效"),
    (("--task", "T01", "--status", "已完成"), "须填写完成日期"),
    (("--task", "T01", "--status", "已完成", "--done", "2099-01-01"), "晚于今天"),
    (("--task", "T01", "--status", "推进中", "--done", "2020-13-01"), "不是日期"),
    (("--task", "T01", "--status", "推进中", "--unit", "999"), "单位代码“999”不存在"),
])
def test_set_refuses_bad_input_with_exit_3_and_changes_nothing(qdesk, db, args, words):
    before = ledger(db)
    result = qdesk("task", "set", "--db", db, "--period", "2020Q3", *args)
    assert result.code == 3 and words in result.err
    assert ledger(db) == before


def test_a_bad_period_or_status_filter_is_refused(qdesk, db):
    assert qdesk("task", "list", "--db", db, "--period", "2020Q5").code == 3
    assert qdesk("task", "list", "--db", db, "--period", "2030Q1").code == 3
    assert qdesk("task", "list", "--db", db, "--period", "2020Q3", "--status", "x").code == 3


def test_export_fill_import_and_check(qdesk, db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    exported = qdesk("task", "export", "--db", db, "--period", "2020Q3", "--out", folder)
    assert exported.code == 0
    sheet = folder / "市财政局-2020Q3-任务表.xlsx"
    assert str(sheet) in exported.out
    book = load_workbook(sheet)
    book["重点任务"]["F4"].value = "推进中"
    book["重点任务"]["G4"].value = "经费已列支"
    book.save(sheet)
    before = ledger(db)
    checked = qdesk("task", "import", "--db", db, sheet, "--check")
    assert checked.code == 0 and "检查通过" in checked.out and ledger(db) == before
    assert qdesk("task", "import", "--db", db, sheet).code == 0
    listed = qdesk("task", "list", "--db", db, "--period", "2020Q3", "--format", "json").json()
    assert listed["tasks"][1]["progress"] == "经费已列支"
    book["重点任务"]["F4"].value = "大概完成"
    book.save(sheet)
    before = ledger(db)
    refused = qdesk("task", "import", "--db", db, sheet)
    assert refused.code == 3 and "F4" in refused.err and ledger(db) == before
    assert qdesk("task", "export", "--db", db, "--period", "2020Q3", "--out",
                 tmp_path / "missing").code == 3


def test_draft_prints_the_work_section_by_category(qdesk, db):
    qdesk("task", "set", "--db", db, "--period", "2020Q3", "--task", "T09", "--status",
          "推进中", "--progress", "抽查120批次")
    draft = qdesk("task", "draft", "--db", db, "--period", "2020Q3")
    assert draft.code == 0
    assert draft.out.splitlines()[:2] == [
        "（一）强化质量监督管理",
        "加强日常监督检查和产品质量监督抽查，开展产品质量风险管理，及时预警处置。抽查120批次。（推进中）"]
