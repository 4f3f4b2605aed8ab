"""The change history worded for a clerk: tables, records, actions and values."""

from qdesk.core.narratives import Section
from qdesk.store.audit import changes
from qdesk.store.settings import set_setting
from qdesk.views import change_history
from qdesk.views.change_history import fields, new_text, old_text, record_label
from tests.factories import add_audit_row


def test_old_and_new_values_read_as_labelled_text(demo_store):
    add_audit_row(demo_store, "2031-01-01T00:00:00+08:00",
        old={"numerator": 700, "denominator": 795, "value": None, "note": None},
        new={"numerator": 721, "denominator": 795, "value": None, "note": "复核后更正"})
    change = changes(demo_store, limit=1)[0]
    # A field empty on both sides is left out; one emptied or filled reads （空） on that side.
    assert old_text(change) == "分子：700；分母：795；备注：（空）"
    assert new_text(change) == "分子：721；分母：795；备注：复核后更正"
    assert old_text(change, "en") == "numerator: 700; denominator: 795; note: (empty)"
    assert fields(change) == [("分子", "700", "721"), ("分母", "795", "795"),
                              ("备注", "（空）", "复核后更正")]


def test_a_figure_of_nothing_to_count_reads_as_such(demo_store):
    add_audit_row(demo_store, "2031-01-01T00:00:00+08:00",
        old={"numerator": 700, "denominator": 795, "value": None, "note": None},
        new={"numerator": None, "denominator": None, "value": None, "note": "本季度未抽检"})
    change = changes(demo_store, limit=1)[0]
    assert old_text(change) == "分子：700；分母：795；备注：（空）"
    assert new_text(change) == "无此项；备注：本季度未抽检"

def test_an_insert_has_no_old_text_and_members_read_as_people(demo_store):
    leader = next(c for c in changes(demo_store, table="members") if c.key == "1"
                  and c.action == "insert")
    assert old_text(leader) == ""
    # The empty unit name is left out, the role is named as the roster names it.
    assert new_text(leader) == "姓名：罗刚；组内职务：组长；职务：县委常委、副县长；任职日期：2019-03-12"
    assert new_text(leader, "en") == ("name: 罗刚; role: leader; post: 县委常委、副县长; "
                                      "from: 2019-03-12")
    lock = changes(demo_store, table="locks", period="2019Q1")[0]
    assert new_text(lock) == "锁定：是" and new_text(lock, "en") == "locked: yes"


def test_tables_and_actions_have_the_names_a_clerk_uses(demo_store):
    assert [change_history.table_label(t) for t in ("entries", "targets", "members", "narratives",
                                           "locks", "settings")] == [
        "填报数据", "目标", "领导小组成员", "工作情况", "报告期锁定", "设置"]
    assert [change_history.action_label(a) for a in ("insert", "update", "delete")] == [
        "新增", "修改", "删除"]
    assert change_history.table_label("entries", "en") == "Figures"
    assert change_history.table_label("something_new") == "something_new"


def test_a_record_is_named_as_a_clerk_names_it(demo_store):
    set_setting(demo_store, "superior", "盘锦市质量强市工作领导小组办公室")
    recorded = {c.table: c for c in changes(demo_store)}
    assert record_label(recorded["entries"]) == recorded["entries"].key.split("/")[2]
    assert record_label(recorded["narratives"], "zh") in {s.label_zh for s in Section}
    assert record_label(recorded["settings"], "zh") == "上级机关"
    assert record_label(recorded["settings"], "en") == "superior office"
    member = recorded["members"]
    assert record_label(member) == ((member.new or {}).get("name")
                                    or (member.old or {}).get("name"))



def test_a_target_change_reads_in_the_one_notation(demo_store):
    add_audit_row(demo_store, "2031-01-01T00:00:00+08:00", table="targets",
                  key="211122101/P02/2020", old={"expr": ">= 3 ~ 5"}, new={"expr": "< last-year"})
    change = changes(demo_store, limit=1)[0]
    assert (old_text(change), new_text(change)) == ("目标：≥3（争取5）", "目标：＜上年同期")


def test_an_entry_of_无此项_reads_as_无此项_not_as_empty_figures(demo_store):
    add_audit_row(demo_store, "2031-01-01T00:00:00+08:00",
        old={"numerator": 700, "denominator": 795, "value": None, "note": None},
        new={"numerator": None, "denominator": None, "value": None, "note": "停产"})
    change = changes(demo_store, limit=1)[0]
    assert old_text(change) == "分子：700；分母：795；备注：（空）"
    assert new_text(change) == "无此项；备注：停产"
    assert new_text(change, "en") == "无此项; note: 停产"
