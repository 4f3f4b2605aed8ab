"""The change history as an xlsx workbook: Chinese headers and names, readable values, no formula."""

import datetime as dt

import openpyxl
import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.exchange.audit_export import HEADER, export_audit_xlsx
from qdesk.exchange.export import FORMULA_STARTS
from qdesk.store import audit
from qdesk.views import change_history
from qdesk.store.database import open_store
from qdesk.store.locks import unlock_period


@pytest.fixture
def store(demo_db):
    store = open_store(demo_db)
    yield store
    store.close()


def read(path):
    sheet = openpyxl.load_workbook(path).active
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


def test_every_change_is_a_row_under_chinese_headers(store, tmp_path):
    found = audit.changes(store)
    out = export_audit_xlsx(found, tmp_path / "变更记录.xlsx")
    sheet, rows = read(out)
    assert sheet.title == "变更记录"
    assert rows[0] == HEADER == ["时间", "操作人", "数据表", "记录", "操作", "原值", "新值",
                                 "理由", "单位", "报告期"]
    assert len(rows) == len(found) + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{len(found) + 1}"
    assert [r[3] for r in rows[1:]] == [change_history.record_label(c) for c in found]     # in the order given


def test_a_stream_of_changes_is_written_as_it_comes(store, tmp_path):
    seen = []
    out = export_audit_xlsx(audit.iter_changes(store, table="entries"), tmp_path / "s.xlsx",
                            progress=seen.append)
    _, rows = read(out)
    expected = audit.changes(store, table="entries")
    assert [r[3] for r in rows[1:]] == [change_history.record_label(c) for c in expected]
    assert seen == [1000 * n for n in range(1, len(expected) // 1000 + 1)]


def test_names_periods_and_values_read_as_a_clerk_reads_them(store, tmp_path):
    unlock_period(store, Period.parse("2020Q3"), "上级退回：P03分母填错")
    found = audit.changes(store)
    sheet, rows = read(export_audit_xlsx(found, tmp_path / "a.xlsx"))
    by_key = {(r[2], c.key, r[4]): r for r, c in zip(rows[1:], found)}

    unlock = rows[1]
    when = dt.datetime.fromisoformat(found[0].at).replace(tzinfo=None)
    assert unlock == [when, "县质量办 李晓燕", "报告期锁定", "2020Q3", "修改", "锁定：是",
                      "锁定：否", "上级退回：P03分母填错", None, "2020年第三季度"]
    assert sheet.cell(2, 1).number_format == "yyyy-mm-dd hh:mm:ss"

    entry = by_key[("填报数据", "211122100/2019Q1/P02", "新增")]
    assert entry[3] == "P02"                        # the unit and period have their columns
    assert entry[5] is None                         # an insert has no old value
    assert entry[6].startswith("分子：") and "；分母：" in entry[6]
    assert "{" not in entry[6] and "null" not in entry[6]
    assert entry[8:] == ["石新镇", "2019年第一季度"]

    leader = by_key[("领导小组成员", "1", "新增")]
    assert leader[3] == "罗刚" and leader[6].startswith("姓名：罗刚；组内职务：组长")
    assert {r[2] for r in rows[1:]} == {"单位", "填报数据", "目标", "工作情况", "领导小组",
                                        "领导小组成员", "报告期锁定", "任务台账", "考核评分",
                                        "考核加减分", "考核结果发布"}
    assert {r[4] for r in rows[1:]} == {"新增", "修改"}


def test_text_that_would_start_a_formula_is_kept_as_text(store, tmp_path):
    for n, start in enumerate(FORMULA_STARTS):
        store.db.execute(
            "INSERT INTO audit (at, operator, table_name, row_key, action, old, new, reason)"
            " VALUES (?, ?, 'settings', 'signature', 'update', ?, ?, ?)",
            [f"2031-01-0{n + 1}T09:00:00+08:00", f"{start}SUM(A1:A9)",
             '{"value": "旧"}', '{"value": "%sHYPERLINK(\\"http://x\\")"}' % start,
             f"{start}1+1"])
    found = audit.changes(store, table="settings")
    sheet, rows = read(export_audit_xlsx(found, tmp_path / "f.xlsx"))
    for row in sheet.iter_rows(min_row=2):
        operator, new, reason = row[1], row[6], row[7]
        assert operator.value.startswith(FORMULA_STARTS)
        for cell in (operator, new, reason):
            assert cell.data_type == "s", cell.value
    assert sorted(r[7] for r in rows[1:]) == sorted(f"{s}1+1" for s in FORMULA_STARTS)


def test_the_file_is_written_whole_or_not_at_all(store, tmp_path):
    store.db.conn.executemany(
        "INSERT INTO audit (at, operator, table_name, row_key, action, new) VALUES"
        " ('2031-01-01T09:00:00+08:00', '王强', 'entries', ?, 'insert', '{\"value\": \"1\"}')",
        [(f"211122/2031Q1/X{n}",) for n in range(1500)])
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "h.xlsx"
    out.write_bytes(b"earlier")
    found = audit.changes(store)

    def stop(done):
        raise KeyboardInterrupt     # as a cancelled worker stops midway

    with pytest.raises(KeyboardInterrupt):
        export_audit_xlsx(found, out, progress=stop)
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in folder.iterdir()] == ["h.xlsx"]
    with pytest.raises(InputError):
        export_audit_xlsx(found, tmp_path / "missing" / "h.xlsx")


def test_an_empty_history_is_a_sheet_with_its_header(tmp_path):
    _, rows = read(export_audit_xlsx([], tmp_path / "e.xlsx"))
    assert rows == [HEADER]


def test_an_entry_of_无此项_is_written_as_无此项(store, tmp_path):
    from tests.factories import add_audit_row

    add_audit_row(store, "2031-01-01T00:00:00+08:00", action="insert",
                  new={"numerator": None, "denominator": None, "value": None, "note": None})
    _, rows = read(export_audit_xlsx(audit.changes(store, limit=1), tmp_path / "a.xlsx"))
    assert rows[1][5:7] == [None, "无此项"]
