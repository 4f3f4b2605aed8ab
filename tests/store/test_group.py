import datetime as dt

import pytest

from qdesk.core.errors import InputError
from qdesk.core.roster import Role
from qdesk.core.roster_text import parse_roster_text
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.group import (Change, NewMember, adjust, adjustments, group_of, import_roster,
                               members, reorder, roster)
from qdesk.store.units import home_unit
from tests.core.test_roster_text import ATTACHMENT

FOUNDED = dt.date(2014, 5, 26)


@pytest.fixture
def panjin(tmp_path):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    path = tmp_path / "p.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    store = open_store(path)
    home = home_unit(store)
    import_roster(store, home, list(parse_roster_text(ATTACHMENT).members), FOUNDED,
                  "盘政发〔2014〕17号", "成立领导小组", "盘锦市质量强市工作领导小组", "市质监局")
    yield store, group_of(store, home)
    store.close()


def counts(store):
    return {t: store.db[t].count for t in ("members", "adjustments", "audit")}


def test_an_imported_roster_stands_from_its_date(panjin):
    store, group = panjin
    assert roster(store, group.id, FOUNDED - dt.timedelta(days=1)) == []
    lines = roster(store, group.id, FOUNDED)
    assert [line.role for line in lines[:3]] == [Role.LEADER, Role.DEPUTY, Role.DEPUTY]
    assert len(lines) == 31 and lines[-1].name == "冯世宽" and lines[-1].concurrent
    assert group.office_seat == "市质监局"


def test_an_adjustment_adds_removes_and_changes_in_one_step(panjin):
    store, group = panjin
    day = dt.date(2015, 3, 2)
    by_name = {m.name: m for m in members(store, group.id)}
    adjust(store, group.id, day, "盘政办发〔2015〕8号", "人事变动",
           add=[NewMember("member", "赵新", "市统计局副局长", "市统计局")],
           remove=[by_name["张素莲"].id],
           change=[Change(by_name["王刚"].id, post="市卫生和计划生育委员会主任")])
    before = {line.name: line for line in roster(store, group.id, day - dt.timedelta(days=1))}
    after = {line.name: line for line in roster(store, group.id, day)}
    assert "张素莲" in before and "张素莲" not in after and "赵新" in after
    assert after["王刚"].post == "市卫生和计划生育委员会主任"
    assert before["王刚"].post == "市卫生和计划生育委员会副主任"
    last = adjustments(store, group.id)[-1]
    assert ([m.name for m in last.joined], [m.name for m in last.left],
            [(o.post, n.post) for o, n in last.changed]) == (
        ["赵新"], ["张素莲"], [("市卫生和计划生育委员会副主任", "市卫生和计划生育委员会主任")])
    assert any(r["reason"].startswith("盘政办发〔2015〕8号") for r in trail(store, "members"))


@pytest.mark.parametrize("kwargs,expected", [
    ({"date": dt.date(2099, 1, 1)}, "晚于今天"),
    ({"doc_number": " "}, "缺少文号"),
    ({"remove": [99999]}, "不在领导小组"),
    ({"add": [NewMember("member", "沈艳丰", "市发改委主任")]}, "沈艳丰"),
    ({"add": [NewMember("chairman", "赵新", "x")]}, "未知的职务类别"),
])
def test_bad_adjustments_are_refused_and_change_nothing(panjin, kwargs, expected):
    store, group = panjin
    before = counts(store)
    args = {"date": dt.date(2015, 3, 2), "doc_number": "盘政办发〔2015〕8号", "reason": "",
            "add": [NewMember("member", "赵新", "市统计局副局长")], **kwargs}
    with pytest.raises(InputError) as info:
        adjust(store, group.id, args.pop("date"), args.pop("doc_number"), args.pop("reason"),
               **args)
    assert expected in info.value.render("zh")
    assert counts(store) == before


def test_reordering_a_role_is_audited(panjin):
    store, group = panjin
    deputies = [line.member_id for line in roster(store, group.id, FOUNDED)
                if line.role is Role.DEPUTY]
    reorder(store, group.id, "deputy", list(reversed(deputies)))
    assert [line.name for line in roster(store, group.id, FOUNDED)
            if line.role is Role.DEPUTY] == ["冯世宽", "邵炳南"]
    assert trail(store, "members")[-1]["new"] == {"position": 1}


def test_importing_the_same_roster_again_is_refused(panjin):
    store, group = panjin
    with pytest.raises(InputError, match="无需调整"):
        import_roster(store, home_unit(store), list(parse_roster_text(ATTACHMENT).members),
                      dt.date(2015, 1, 1), "x", "")


def test_someone_joining_in_two_roles_at_once_counts_twice(demo_master):
    with open_store(demo_master) as store:
        group = group_of(store, home_unit(store))
        founding = adjustments(store, group.id)[0]
    assert len(founding.joined) == 31
    roles = [m.role for m in founding.joined if m.name == founding.joined[2].name]
    assert sorted(r.value for r in roles) == ["deputy", "office-director"]


def test_a_refused_import_leaves_the_group_as_it_was(demo_db):
    with open_store(demo_db) as store:
        home = home_unit(store)
        before = group_of(store, home)
        with pytest.raises(InputError, match="晚于今天"):
            import_roster(store, home, list(parse_roster_text(ATTACHMENT).members),
                          dt.date(2099, 1, 1), "x", "", "盘锦市质量强市工作领导小组", "市质监局")
        assert group_of(store, home) == before


def test_a_successor_stands_in_the_roster_where_the_member_he_replaces_stood(panjin):
    store, group = panjin
    day = dt.date(2015, 3, 2)
    before = [line for line in roster(store, group.id, day) if line.role is Role.MEMBER]
    leaving, neighbour = before[2], before[5]
    by_name = {m.name: m for m in members(store, group.id) if m.end is None}
    audited = len(trail(store))
    adjust(store, group.id, day, "盘政办发〔2015〕9号", "人事变动",
           add=[NewMember("member", "赵新", leaving.post, leaving.unit),
                NewMember("member", "钱立", neighbour.post, neighbour.unit)],
           remove=[by_name[leaving.name].id])
    after = [line.name for line in roster(store, group.id, day) if line.role is Role.MEMBER]
    names = [line.name for line in before]
    assert after == [*names[:2], "赵新", *names[3:6], "钱立", *names[6:]]
    assert [line.name for line in roster(store, group.id, day - dt.timedelta(days=1))
            if line.role is Role.MEMBER] == names, "the roster before the day is as it was"
    assert len(trail(store)) > audited + 3, "the members moved down a place are audited"
