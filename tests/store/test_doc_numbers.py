"""The 发文字号 register: numbers in order per organ code and year, never reused."""

import datetime as dt

import pytest

from qdesk.core.errors import InputError
from qdesk.store import audit
from qdesk.store.doc_numbers import (DocNumber, doc_number_text, next_number, register,
                                     take_number, withdraw_number)
from qdesk.store.schema import MIGRATIONS

DAY = dt.date(2026, 3, 2)


def test_the_text_uses_hexagonal_brackets_and_no_leading_zeros_or_di():
    assert doc_number_text("盘质强办", 2026, 3) == "盘质强办〔2026〕3号"
    assert DocNumber("盘质强办", 2026, 12).text == "盘质强办〔2026〕12号"


def test_two_documents_take_two_numbers_in_order(store):
    assert next_number(store, "盘质强办", 2026) == 1
    first = take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    second = take_number(store, "盘质强办", DAY, "assessment", "考核通报")
    assert (first.number, second.number) == (1, 2)
    assert next_number(store, "盘质强办", 2026) == 3
    assert [(n.text, n.kind, n.title, n.issued_on) for n in register(store)] == [
        ("盘质强办〔2026〕1号", "quarterly", "一季度报告", DAY),
        ("盘质强办〔2026〕2号", "assessment", "考核通报", DAY)]


def test_each_year_and_each_organ_code_counts_from_one(store):
    take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    assert next_number(store, "盘质强办", 2027) == 1
    assert next_number(store, "盘市监", 2026) == 1
    assert take_number(store, "盘质强办", dt.date(2027, 1, 5), "annual", "年报").text \
        == "盘质强办〔2027〕1号"


def test_an_entry_keeps_the_operator_and_is_audited(store):
    taken = take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    assert taken.taken_by == store.operator
    rows = audit.trail(store, "doc_numbers")
    assert rows[-1]["row_key"] == "盘质强办〔2026〕1号"
    assert rows[-1]["new"]["title"] == "一季度报告"


def test_a_number_given_by_hand_is_taken_if_never_taken_and_the_next_follows_it(store):
    take_number(store, "盘质强办", DAY, "quarterly", "一季度报告", number=7)
    assert next_number(store, "盘质强办", 2026) == 8


def test_a_number_given_by_hand_that_is_taken_is_refused_and_nothing_changes(store):
    take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    before = register(store)
    with pytest.raises(InputError, match="盘质强办〔2026〕1号已被使用.*下一个可用序号为2"):
        take_number(store, "盘质强办", DAY, "annual", "年报", number=1)
    assert register(store) == before


def test_a_number_below_one_is_refused(store):
    with pytest.raises(InputError, match="从1起"):
        take_number(store, "盘质强办", DAY, "annual", "年报", number=0)
    assert register(store) == []


def test_a_withdrawn_number_is_marked_with_its_reason_and_never_reused(store):
    take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    withdraw_number(store, "盘质强办", 2026, 1, "数据有误")
    [entry] = register(store)
    assert entry.withdrawn and entry.withdrawn_reason == "数据有误"
    assert next_number(store, "盘质强办", 2026) == 2
    with pytest.raises(InputError, match="已撤回"):
        take_number(store, "盘质强办", DAY, "quarterly", "一季度报告（更正）", number=1)
    assert len(register(store)) == 1


def test_a_withdrawal_without_a_reason_or_of_an_unknown_number_is_refused(store):
    take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    with pytest.raises(InputError, match="原因"):
        withdraw_number(store, "盘质强办", 2026, 1, "  ")
    with pytest.raises(InputError, match="登记簿中没有"):
        withdraw_number(store, "盘质强办", 2026, 5, "错号")
    assert not register(store)[0].withdrawn


def test_the_register_lists_one_year(store):
    take_number(store, "盘质强办", DAY, "quarterly", "一季度报告")
    take_number(store, "盘质强办", dt.date(2027, 1, 5), "annual", "年报")
    assert [n.year for n in register(store, 2027)] == [2027]


def test_the_migration_makes_the_signature_the_issuing_organ(tmp_path):
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "old.db")
    for migration in MIGRATIONS[:8]:
        migration(db)
    db.execute("INSERT INTO settings VALUES ('signature', '盘山县质量强县工作领导小组办公室')")
    MIGRATIONS[8](db)
    assert dict(db.execute("SELECT key, value FROM settings").fetchall()) == {
        "issuing_organ": "盘山县质量强县工作领导小组办公室"}
    assert "doc_numbers" in db.table_names()
