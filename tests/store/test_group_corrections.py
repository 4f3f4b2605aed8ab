"""Correcting and withdrawing a leading-group adjustment (更正, 撤销): a later adjustment that
refers to it, never a deletion; the roster as of every date stays derivable."""

import datetime as dt

import pytest

from qdesk.core.errors import InputError
from qdesk.store.audit import trail
from qdesk.store.group import (Change, NewMember, adjust, adjustments, correct, members, planned,
                               planned_withdrawal, roster, withdraw)
from tests.store import test_group
from tests.store.test_group import counts

panjin = test_group.panjin     # the office's group from its founding document

ADJUSTED = dt.date(2015, 3, 2)
WITHDRAWN = dt.date(2015, 6, 1)


def seats(store, group, day):
    return [(line.role.value, line.name, line.post, line.unit)
            for line in roster(store, group.id, day)]


def on_group(store, group, name):
    return next(m for m in members(store, group.id) if m.name == name and m.end is None)


def adjust_once(store, group):
    """赵新 joins, 张素莲 leaves, 王刚 changes post: one adjustment, returned with its id."""
    return adjust(store, group.id, ADJUSTED, "盘政办发〔2015〕8号", "人事变动",
                  add=[NewMember("member", "赵新", "市统计局副局长", "市统计局")],
                  remove=[on_group(store, group, "张素莲").id],
                  change=[Change(on_group(store, group, "王刚").id,
                                 post="市卫生和计划生育委员会主任")])


def test_withdrawing_undoes_exactly_what_the_adjustment_did_from_the_withdrawal_date_on(panjin):
    store, group = panjin
    before = seats(store, group, ADJUSTED - dt.timedelta(days=1))
    original = adjust_once(store, group)
    adjusted = seats(store, group, ADJUSTED)
    withdrawal = withdraw(store, group.id, original, WITHDRAWN, "盘政办发〔2015〕12号",
                          "8号文件调整有误")
    assert seats(store, group, ADJUSTED - dt.timedelta(days=1)) == before
    # The withdrawn document was in force until the withdrawal: the roster then stays as it was.
    assert seats(store, group, WITHDRAWN - dt.timedelta(days=1)) == adjusted
    assert seats(store, group, WITHDRAWN) == before
    history = {a.id: a for a in adjustments(store, group.id)}
    assert history[original].corrected_by == withdrawal
    assert (history[withdrawal].corrects, history[withdrawal].withdraws) == (original, True)
    undone = history[withdrawal]
    assert ([m.name for m in undone.joined], [m.name for m in undone.left],
            [(o.post, n.post) for o, n in undone.changed]) == (
        ["张素莲"], ["赵新"], [("市卫生和计划生育委员会主任", "市卫生和计划生育委员会副主任")])
    recorded = trail(store, "adjustments")[-1]
    assert (recorded["row_key"], recorded["new"]["corrected_by"], recorded["new"]["withdrawn"]) \
        == (str(original), withdrawal, True)
    assert recorded["reason"] == "盘政办发〔2015〕12号 8号文件调整有误"


def test_a_correction_puts_the_members_as_it_says_and_marks_the_original(panjin):
    store, group = panjin
    original = adjust(store, group.id, ADJUSTED, "盘政办发〔2015〕8号", "人事变动",
                      add=[NewMember("member", "赵新", "市统计局局长", "市统计局")])
    fixed = correct(store, group.id, original, dt.date(2015, 3, 9), "盘政办发〔2015〕9号",
                    "更正赵新职务", change=[Change(on_group(store, group, "赵新").id,
                                                   post="市统计局副局长")])
    posts = {line.name: line.post for line in roster(store, group.id, dt.date(2015, 3, 9))}
    assert posts["赵新"] == "市统计局副局长"
    assert {line.name: line.post for line in roster(store, group.id, ADJUSTED)}["赵新"] \
        == "市统计局局长"
    history = {a.id: a for a in adjustments(store, group.id)}
    assert history[original].corrected_by == fixed
    assert (history[fixed].corrects, history[fixed].withdraws) == (original, False)


def test_a_corrected_roster_imported_is_the_correction_of_the_adjustment(panjin):
    """`qdesk group correct`: the group as the corrected roster says, as a correcting adjustment
    that only differs from the original where the roster does."""
    from qdesk.core.roster_text import parse_roster_text
    from qdesk.store.group import import_roster
    from qdesk.store.units import home_unit
    from tests.core.test_roster_text import ATTACHMENT

    store, group = panjin
    original = adjust(store, group.id, ADJUSTED, "盘政办发〔2015〕8号", "人事变动",
                      add=[NewMember("member", "赵新", "市统计局局长", "市统计局")])
    text = ATTACHMENT.replace("丛东日 盘锦出入境检验检疫局副局长\n",
                              "丛东日 盘锦出入境检验检疫局副局长\n赵新 市统计局副局长\n")
    result = import_roster(store, home_unit(store), list(parse_roster_text(text).members),
                           dt.date(2015, 3, 9), "盘政办发〔2015〕9号", "更正赵新职务",
                           corrects=original)
    assert (result.joined, result.left, result.changed) == (0, 0, 1)
    history = {a.id: a for a in adjustments(store, group.id)}
    assert history[original].corrected_by == result.adjustment
    assert [(o.post, n.post) for o, n in history[result.adjustment].changed] == [
        ("市统计局局长", "市统计局副局长")]
    recorded = trail(store, "adjustments")[-1]
    assert (recorded["row_key"], recorded["new"]["corrected_by"], recorded["new"]["withdrawn"]) \
        == (str(original), result.adjustment, False)


def test_withdrawing_an_adjustment_a_later_one_built_on_is_refused_naming_it(panjin):
    store, group = panjin
    original = adjust_once(store, group)
    adjust(store, group.id, dt.date(2015, 4, 1), "盘政办发〔2015〕10号", "",
           change=[Change(on_group(store, group, "赵新").id, post="市统计局局长")])
    before = counts(store), seats(store, group, WITHDRAWN)
    with pytest.raises(InputError) as refused:
        withdraw(store, group.id, original, WITHDRAWN, "盘政办发〔2015〕12号", "")
    assert refused.value.render("zh") == ("盘政办发〔2015〕8号无法撤销：盘政办发〔2015〕10号"
                                          "（2015-04-01）此后又调整了赵新，请先撤销盘政办发〔2015〕10号")
    assert (counts(store), seats(store, group, WITHDRAWN)) == before


def test_withdrawing_a_removal_whose_member_rejoined_since_is_refused(panjin):
    store, group = panjin
    original = adjust_once(store, group)
    adjust(store, group.id, dt.date(2015, 4, 1), "盘政办发〔2015〕10号", "",
           add=[NewMember("member", "张素莲", "市政协副主席")])
    before = counts(store)
    with pytest.raises(InputError, match="盘政办发〔2015〕10号.*张素莲"):
        withdraw(store, group.id, original, WITHDRAWN, "盘政办发〔2015〕12号", "")
    assert counts(store) == before


def test_an_adjustment_is_corrected_or_withdrawn_once_only(panjin):
    store, group = panjin
    original = adjust_once(store, group)
    withdraw(store, group.id, original, WITHDRAWN, "盘政办发〔2015〕12号", "")
    before = counts(store)
    with pytest.raises(InputError) as twice:
        withdraw(store, group.id, original, dt.date(2015, 7, 1), "盘政办发〔2015〕13号", "")
    assert "已由盘政办发〔2015〕12号撤销，不能再次更正或撤销" in twice.value.render("zh")
    with pytest.raises(InputError, match="已由盘政办发〔2015〕12号撤销"):
        correct(store, group.id, original, dt.date(2015, 7, 1), "盘政办发〔2015〕13号", "",
                add=[NewMember("member", "钱立", "市财政局副局长")])
    assert counts(store) == before


@pytest.mark.parametrize("day,expected", [
    (ADJUSTED, "须晚于原调整的日期2015-03-02"),
    (dt.date(2015, 1, 1), "须晚于原调整的日期2015-03-02"),
    (dt.date(2099, 1, 1), "晚于今天"),
])
def test_a_withdrawal_not_after_the_original_or_in_the_future_is_refused(panjin, day, expected):
    store, group = panjin
    original = adjust_once(store, group)
    before = counts(store)
    with pytest.raises(InputError, match=expected):
        withdraw(store, group.id, original, day, "盘政办发〔2015〕12号", "")
    assert counts(store) == before


def test_an_unknown_adjustment_cannot_be_withdrawn(panjin):
    store, group = panjin
    with pytest.raises(InputError, match="没有编号为999的调整"):
        withdraw(store, group.id, 999, WITHDRAWN, "盘政办发〔2015〕12号", "")


def test_the_preview_says_what_would_change_and_writes_nothing(panjin):
    store, group = panjin
    before = counts(store)
    shown = planned(store, group.id, ADJUSTED, " 盘政办发〔2015〕8号 ", "人事变动",
                    add=[NewMember("member", "赵新", "市统计局副局长")],
                    remove=[on_group(store, group, "张素莲").id],
                    change=[Change(on_group(store, group, "王刚").id, post="市卫生健康委主任")])
    assert (shown.doc_number, [m.name for m in shown.joined], [m.name for m in shown.left],
            [(o.name, n.post) for o, n in shown.changed]) == (
        "盘政办发〔2015〕8号", ["赵新"], ["张素莲"], [("王刚", "市卫生健康委主任")])
    assert counts(store) == before
    with pytest.raises(InputError, match="缺少文号"):
        planned(store, group.id, ADJUSTED, "", "", add=[NewMember("member", "赵新", "x")])


def test_the_withdrawal_preview_is_the_inverse_and_writes_nothing(panjin):
    store, group = panjin
    original = adjust_once(store, group)
    before = counts(store)
    shown = planned_withdrawal(store, group.id, original, WITHDRAWN, "盘政办发〔2015〕12号", "")
    assert ([m.name for m in shown.joined], [m.name for m in shown.left], shown.withdraws,
            shown.corrects) == (["张素莲"], ["赵新"], True, original)
    assert counts(store) == before


def test_the_migration_leaves_earlier_adjustments_uncorrected(tmp_path):
    import sqlite_utils

    from qdesk.store.schema import MIGRATIONS, _adjustment_corrections

    db = sqlite_utils.Database(tmp_path / "old.db")
    at = MIGRATIONS.index(_adjustment_corrections)
    for migration in MIGRATIONS[:at]:
        migration(db)
    db.execute("INSERT INTO units (id, code, name, level) VALUES (1, '211122', '盘山县', 'county')")
    db.execute("INSERT INTO groups (id, unit_id, name) VALUES (1, 1, '盘山县质量强县工作领导小组')")
    db.execute("INSERT INTO adjustments (group_id, date, doc_number, created_by, created_at)"
               " VALUES (1, '2020-06-30', '盘县政发〔2020〕5号', 'x', 'x')")
    MIGRATIONS[at](db)
    assert db.execute("SELECT corrects, withdraws FROM adjustments").fetchall() == [(None, 0)]
