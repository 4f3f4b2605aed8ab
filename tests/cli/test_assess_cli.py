"""`qdesk assess` end to end on a district made by `qdesk init`: scores by hand equal the command's."""

import sqlite3

import pytest
from openpyxl import load_workbook

from qdesk.core.periods import Period
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import add_subordinate
from tests.plans.test_scheme import HEAD, SCHEME

TOWNS = [("T1", "东城镇"), ("T2", "西城镇"), ("T3", "南城镇")]
# Per town: A01 each quarter (passed, sampled), A02 for the year, C05 each quarter.
FIGURES = {"T1": ((45, 50), "4", ("0", "0", "0", "0")),
           "T2": ((17, 20), "6", ("0", "0", "0", "0")),
           "T3": ((46, 50), "3", ("0", "1", "0", "0"))}


@pytest.fixture
def district(qdesk, tmp_path, request):
    template = tmp_path / "district.toml"
    # A name a spreadsheet would run as a formula, for the export's test.
    scheme = SCHEME.replace('name = "责任落实"', 'name = "=责任落实"') \
        if "export" in request.node.name else SCHEME
    template.write_text(HEAD + scheme, encoding="utf-8")
    db = tmp_path / "d.qdesk"
    assert qdesk("init", "--db", db, "--template", template, "--unit-code", "211102",
                 "--unit-name", "双台子区").code == 0
    with open_store(db) as store:
        plan = load_plan(store)
        add_subordinate(store, "D1", "区市场监管局", "department")
        for code, name in TOWNS:
            town = add_subordinate(store, code, name, "township")
            (passed, sampled), awards, events = FIGURES[code]
            for quarter in range(4):
                set_entries(store, plan, town, Period.parse(f"2020Q{quarter + 1}"),
                            [EntryInput("A01", str(passed), str(sampled)),
                             EntryInput("C05", value=events[quarter])])
            set_entries(store, plan, town, Period.parse("2020"), [EntryInput("A02",
                                                                              value=awards)])
    return db


def decide(qdesk, db):
    for args in (("score", "--unit", "T1", "--item", "K03", "--points", "30"),
                 ("score", "--unit", "T2", "--item", "K03", "--points", "36.5"),
                 ("score", "--unit", "T3", "--item", "K03", "--points", "40"),
                 ("bonus", "--unit", "T2", "--item", "J01", "--count", "3", "--doc",
                  "辽政发〔2020〕3号"),
                 ("penalty", "--unit", "T1", "--item", "F01")):
        done = qdesk("assess", *args, "--db", db, "--year", "2020", "--reason", "考核组评定")
        assert done.code == 0, done.err


def test_the_scores_computed_by_hand_equal_qdesk_assess_and_a_veto_gives_d(qdesk, district):
    decide(qdesk, district)
    result = qdesk("assess", "--db", district, "--year", "2020", "--format", "json")
    assert result.code == 0, result.err
    # T3: A01 92% ≥ 90 → 40; A02 3 in 3..5 → 20; K03 40 → 100, but C05 = 1 breaks == 0 → D.
    # T1: A01 90% → 40; A02 4 → 20; K03 30; penalty 2.5 → 87.5 B.
    # T2: A01 85% → 40 × (85 − 80) / (90 − 80) = 20; A02 6 outside 3..5 → 0; K03 36.5;
    #     bonus 2 × 3 = 6 capped at 4 → 60.5 C.
    assert result.json() == {"year": 2020, "units": [
        {"code": "T3", "name": "南城镇", "total": "100.0", "grade": "D", "rank": 1,
         "veto": "发生区域性、系统性质量安全事件", "bonus": "0.0", "penalty": "0.0",
         "items": [{"code": "K01", "earned": "40.0"}, {"code": "K02", "earned": "20.0"},
                   {"code": "K03", "earned": "40.0"}]},
        {"code": "T1", "name": "东城镇", "total": "87.5", "grade": "B", "rank": 2, "veto": None,
         "bonus": "0.0", "penalty": "2.5",
         "items": [{"code": "K01", "earned": "40.0"}, {"code": "K02", "earned": "20.0"},
                   {"code": "K03", "earned": "30.0"}]},
        {"code": "T2", "name": "西城镇", "total": "60.5", "grade": "C", "rank": 3, "veto": None,
         "bonus": "4.0", "penalty": "0.0",
         "items": [{"code": "K01", "earned": "20.0"}, {"code": "K02", "earned": "0.0"},
                   {"code": "K03", "earned": "36.5"}]}]}


def test_the_table_and_one_units_breakdown(qdesk, district):
    decide(qdesk, district)
    table = qdesk("assess", "--db", district, "--year", "2020")
    assert table.code == 0 and "区市场监管局" not in table.out
    assert [line.split()[2] for line in table.out.splitlines()[1:4]] == ["南城镇", "东城镇", "西城镇"]
    one = qdesk("assess", "--db", district, "--year", "2020", "--unit", "T2")
    assert "40分×（85.0%－80%）÷（90%－80%）＝20.0分" in one.out
    assert "2分×3次，以4分为限＝4.0分" in one.out


def state(db):
    conn = sqlite3.connect(db)
    try:
        return [conn.execute(f"SELECT * FROM {t}").fetchall() for t in
                ("assessment_scores", "assessment_entries", "assessment_publications", "audit")]
    finally:
        conn.close()


@pytest.mark.parametrize("args,words", [
    (("score", "--unit", "T1", "--item", "K03", "--points", "41", "--reason", "x"), "超出"),
    (("score", "--unit", "T1", "--item", "K03", "--points", "-1", "--reason", "x"), "超出"),
    (("score", "--unit", "T1", "--item", "K01", "--points", "5", "--reason", "x"), "按规则计分"),
    (("score", "--unit", "T9", "--item", "K03", "--points", "5", "--reason", "x"), "T9"),
    (("score", "--unit", "D1", "--item", "K03", "--points", "5", "--reason", "x"), "不是2020年度的考核对象"),
    (("bonus", "--unit", "T1", "--item", "J01", "--reason", " "), "理由"),
    (("penalty", "--unit", "T1", "--item", "J01", "--reason", "x"), "扣分项目“J01”不存在"),
    (("bonus", "--unit", "T1", "--item", "J01", "--count", "0", "--reason", "x"), "次数"),
])
def test_bad_decisions_are_refused_with_exit_3_and_nothing_changes(qdesk, district, args, words):
    before = state(district)
    result = qdesk("assess", *args, "--db", district, "--year", "2020")
    assert result.code == 3 and words in result.err
    assert state(district) == before


def test_a_published_year_is_locked_and_unpublishing_needs_a_reason(qdesk, district):
    assert qdesk("assess", "publish", "--db", district, "--year", "2020").code == 0
    before = state(district)
    refused = qdesk("assess", "score", "--db", district, "--year", "2020", "--unit", "T1",
                    "--item", "K03", "--points", "5", "--reason", "x")
    assert refused.code == 3 and "已发布并锁定" in refused.err
    assert qdesk("assess", "unpublish", "--db", district, "--year", "2020",
                 "--reason", "").code == 3
    assert state(district) == before
    assert qdesk("assess", "unpublish", "--db", district, "--year", "2020",
                 "--reason", "T1材料补正").code == 0
    assert qdesk("assess", "score", "--db", district, "--year", "2020", "--unit", "T1",
                 "--item", "K03", "--points", "5", "--reason", "x").code == 0
    with open_store(district) as store:
        reasons = [r[0] for r in store.execute(
            "SELECT reason FROM audit WHERE table_name = 'assessment_publications'")]
    assert reasons == [None, "T1材料补正"]


def test_export_writes_units_by_items_and_keeps_formula_text_as_text(qdesk, district, tmp_path):
    decide(qdesk, district)
    out = tmp_path / "考核.xlsx"
    assert qdesk("assess", "export", "--db", district, "--year", "2020", "--out", out).code == 0
    book = load_workbook(out)
    scores = book.worksheets[0]
    assert [c.value for c in scores[1]][:3] == ["排名", "单位代码", "单位"]
    assert [c.value for c in scores[2]] == [1, "T3", "南城镇", 40, 20, 40, 0, 0, 100, "D",
                                           "发生区域性、系统性质量安全事件"]
    details = book.worksheets[1]
    cells = [c for row in details.iter_rows() for c in row if c.value == "=责任落实"]
    assert len(cells) == 3 and all(c.data_type == "s" for c in cells)
