"""`qdesk import` weighs the figures of an entry sheet as the entry grid weighs what a clerk
types: an unlikely figure with no note to say why is written, and listed for the office to ask
the unit; one with a note in the sheet's 备注 is its explanation."""

import csv
import sqlite3

from tests.cli.conftest import run_qdesk
from tests.plausible import make_office

TOWN = ("341822100", "桃州镇")
HEADER = ["单位代码", "指标代码", "报告期", "分子", "分母", "数值", "备注"]
WARNED = "桃州镇（341822100）2026年第一季度 A02 受理投诉件数：30件超出近4期数值范围（9件～12件）20%以上"


def _sheet(path, *rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for code, period, value, note in rows:
            writer.writerow([TOWN[0], code, period, "", "", value, note])
    return path


def _office(tmp_path):
    """The county of `qdesk init` with its town, whose 2025 return came in as a sheet."""
    db = make_office(tmp_path)
    assert run_qdesk("unit", "add", "--db", db, "--code", TOWN[0], "--name", TOWN[1],
                     "--level", "镇").code == 0
    history = _sheet(tmp_path / "2025.csv", *[("A02", p, v, "") for p, v in (
        ("2025Q1", "10"), ("2025Q2", "12"), ("2025Q3", "11"), ("2025Q4", "9"))])
    done = run_qdesk("import", "--db", db, history)
    assert done.code == 0 and "相差较大" not in done.err, done.err
    return db


def _stored(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT e.period, e.value, e.note FROM entries e JOIN indicators i"
                        " ON i.id = e.indicator_id WHERE i.code = 'A02' AND e.period = '2026Q1'"
                        ).fetchall()
    conn.close()
    return rows


def test_an_unlikely_figure_without_a_note_is_imported_and_listed_to_ask_the_unit(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("import", "--db", db, _sheet(tmp_path / "q1.csv",
                                                  ("A02", "2026Q1", "30", "")))
    assert done.code == 0, done.err
    assert "以下1条数据与以往相差较大，且未在备注中说明原因，请向填报单位核实" in done.err
    assert "  " + WARNED in done.err.splitlines()
    assert _stored(db) == [("2026Q1", "30", None)]


def test_a_note_in_the_sheet_is_the_explanation_and_nothing_is_listed(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("import", "--db", db, _sheet(tmp_path / "q1.csv",
                                                  ("A02", "2026Q1", "30", "新开通12315热线")))
    assert done.code == 0 and "相差较大" not in done.err, done.err
    assert _stored(db) == [("2026Q1", "30", "新开通12315热线")]


def test_the_check_lists_it_too_and_writes_nothing(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("import", "--db", db, "--check",
                     _sheet(tmp_path / "q1.csv", ("A02", "2026Q1", "30", "")))
    assert done.code == 0 and "  " + WARNED in done.err.splitlines()
    assert _stored(db) == []


def test_a_sheet_imported_again_unchanged_lists_nothing_again(tmp_path):
    db = _office(tmp_path)
    sheet = _sheet(tmp_path / "q1.csv", ("A02", "2026Q1", "30", ""))
    assert WARNED in run_qdesk("import", "--db", db, sheet).err
    again = run_qdesk("import", "--db", db, sheet)
    assert again.code == 0 and "相差较大" not in again.err, again.err


def test_a_broken_check_rule_of_the_sheets_figures_is_listed_for_both(tmp_path):
    db = _office(tmp_path)
    done = run_qdesk("import", "--db", db, _sheet(tmp_path / "q1.csv", ("A02", "2026Q1", "11", ""),
                                                  ("A03", "2026Q1", "14", "")))
    assert done.code == 0, done.err
    rule = "质量投诉是投诉的一部分，不应多于投诉总数：A03（14件）应不大于A02（11件）"
    lines = done.err.splitlines()
    assert f"  桃州镇（341822100）2026年第一季度 A02 受理投诉件数：{rule}" in lines
    assert f"  桃州镇（341822100）2026年第一季度 A03 其中：质量投诉件数：{rule}" in lines
