import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdesk.core.errors import InputError
from qdesk.core.roster import (ROLE_ORDER, Member, Role, check_members, lineup, normalize_name,
                               role_from_label, roster_on, roster_warnings, split_post)

D = dt.date(2020, 3, 1)
DAY = dt.timedelta(days=1)


def member(name, role=Role.MEMBER, start=None, end=None, position=0, id=None, post=""):
    return Member(role=role, name=name, post=post, position=position, start=start, end=end, id=id)


def names_on(members, day):
    return [(line.role, line.name) for line in roster_on(members, day)]


def test_role_labels_and_protocol_order():
    assert [r.label_zh for r in ROLE_ORDER] == ["组长", "副组长", "成员", "办公室主任"]
    assert ROLE_ORDER == (Role.LEADER, Role.DEPUTY, Role.MEMBER, Role.OFFICE_DIRECTOR)
    assert Role("office-director") is Role.OFFICE_DIRECTOR


@pytest.mark.parametrize("label, role", [("组 长", Role.LEADER), ("副组长", Role.DEPUTY),
                                         ("常务副组长", Role.DEPUTY), ("成　员", Role.MEMBER),
                                         ("办公室主任", Role.OFFICE_DIRECTOR),
                                         ("Office-Director", Role.OFFICE_DIRECTOR),
                                         ("leader", Role.LEADER), ("顾问", None)])
def test_role_from_label(label, role):
    assert role_from_label(label) is role


def test_normalize_name_removes_ascii_and_full_width_spaces():
    assert normalize_name("王 刚") == "王刚"
    assert normalize_name("王\u3000刚 ") == "王刚"
    assert normalize_name("冯世宽") == "冯世宽"


def test_a_member_removed_on_d_is_on_the_roster_the_day_before_but_not_on_d():
    people = [member("王刚", end=D)]
    assert names_on(people, D - DAY) == [(Role.MEMBER, "王刚")]
    assert names_on(people, D) == []


def test_a_member_added_on_d_is_on_the_roster_on_d_but_not_the_day_before():
    people = [member("张锐", start=D)]
    assert names_on(people, D - DAY) == []
    assert names_on(people, D) == [(Role.MEMBER, "张锐")]


def test_a_change_of_role_on_d_shows_the_old_role_before_and_the_new_one_from_d():
    people = [member("张良", Role.MEMBER, end=D, id=1), member("张良", Role.DEPUTY, start=D, id=2)]
    check_members(people)
    assert names_on(people, D - DAY) == [(Role.MEMBER, "张良")]
    assert names_on(people, D) == [(Role.DEPUTY, "张良")]


def test_members_with_no_dates_are_always_on():
    assert names_on([member("李四")], dt.date(1990, 1, 1)) == [(Role.MEMBER, "李四")]


def test_roster_is_in_protocol_order_then_position_then_start_then_name():
    people = [
        member("办公", Role.OFFICE_DIRECTOR),
        member("成乙", position=1),
        member("成甲", position=0, start=dt.date(2019, 1, 1)),
        member("成丙", position=0, start=dt.date(2018, 1, 1)),
        member("副二", Role.DEPUTY, position=0),
        member("副一", Role.DEPUTY, position=0),
        member("组长甲", Role.LEADER),
    ]
    assert [name for _, name in names_on(people, D)] == [
        "组长甲", "副一", "副二", "成丙", "成甲", "成乙", "办公"]


def test_roster_lines_carry_post_unit_phone_and_id_with_the_name_normalized():
    people = [Member(Role.MEMBER, "王 刚", "市卫生和计划生育委员会副主任", "市卫生和计划生育委员会",
                     "0427-1234567", id=7)]
    [line] = roster_on(people, D)
    assert (line.name, line.post, line.unit, line.phone, line.member_id, line.concurrent) == (
        "王刚", "市卫生和计划生育委员会副主任", "市卫生和计划生育委员会", "0427-1234567", 7, False)


def test_an_office_director_is_concurrent_only_while_holding_another_role():
    people = [member("冯世宽", Role.DEPUTY, end=D), member("冯世宽", Role.OFFICE_DIRECTOR)]
    check_members(people)
    before = roster_on(people, D - DAY)
    assert [(line.role, line.concurrent) for line in before] == [
        (Role.DEPUTY, False), (Role.OFFICE_DIRECTOR, True)]
    after = roster_on(people, D)
    assert [(line.role, line.concurrent) for line in after] == [(Role.OFFICE_DIRECTOR, False)]


def test_warnings_for_a_roster_without_leader_or_office_director():
    lines = roster_on([member("成甲")], D)
    assert [w.render("zh") for w in roster_warnings(lines)] == ["领导小组没有组长", "领导小组办公室没有主任"]
    full = roster_on([member("组长甲", Role.LEADER), member("办公", Role.OFFICE_DIRECTOR)], D)
    assert roster_warnings(full) == []


def test_check_members_accepts_a_valid_group_with_a_concurrent_director():
    check_members([member("组长甲", Role.LEADER), member("冯世宽", Role.DEPUTY),
                   member("冯世宽", Role.OFFICE_DIRECTOR), member("王刚", end=D),
                   member("王刚", start=D)])


def problems_of(members):
    with pytest.raises(InputError) as info:
        check_members(members)
    return info.value.problems


def test_check_members_refuses_an_empty_name():
    [problem] = problems_of([member(" \u3000", Role.DEPUTY)])
    assert "没有姓名" in problem.message.render("zh") and "副组长" in problem.message.render("zh")
    assert "no name" in problem.message.render("en")


def test_check_members_refuses_an_end_before_the_start():
    [problem] = problems_of([member("王刚", start=D, end=D - DAY)])
    assert problem.field == "王刚"
    assert "早于" in problem.message.render("zh") and "2020-02-29" in problem.message.render("zh")


def test_check_members_refuses_an_end_on_the_start_day_as_never_served():
    [problem] = problems_of([member("王刚", start=D, end=D)])
    assert problem.field == "王刚"
    assert "从未任职" in problem.message.render("zh") and "never" in problem.message.render("en")


def test_check_members_refuses_the_same_role_twice_in_overlapping_spans():
    [problem] = problems_of([member("王刚", end=D + DAY), member("王 刚", start=D)])
    assert problem.field == "王刚"
    assert "两次担任成员" in problem.message.render("zh")


def test_check_members_refuses_two_ordinary_roles_at_once():
    [problem] = problems_of([member("张良", Role.DEPUTY, start=D),
                             member("张良", Role.MEMBER, end=D + DAY)])
    assert problem.field == "张良"
    text = problem.message.render("zh")
    assert "两个职务" in text and "副组长" in text and "成员" in text


def test_check_members_refuses_two_overlapping_office_director_spans_of_one_person():
    [problem] = problems_of([member("冯世宽", Role.OFFICE_DIRECTOR),
                             member("冯世宽", Role.OFFICE_DIRECTOR, start=D)])
    assert "两次担任办公室主任" in problem.message.render("zh")


def test_check_members_lists_every_problem_at_once():
    problems = problems_of([member(""), member("王刚", start=D, end=D),
                            member("张良", Role.LEADER), member("张良", Role.DEPUTY)])
    assert [p.field for p in problems] == [None, "王刚", "张良"]


def test_spans_that_touch_do_not_overlap():
    check_members([member("王刚", end=D), member("王刚", Role.DEPUTY, start=D, end=D + DAY),
                   member("王刚", start=D + DAY)])


@pytest.mark.parametrize("post, split", [
    ("市发展和改革委员会副主任", ("市发展和改革委员会", "副主任")),
    ("副市长", ("", "副市长")),
    ("盘锦出入境检验检疫局副局长", ("盘锦出入境检验检疫局", "副局长")),
    ("市质量技术监督局纪检组长", ("市质量技术监督局", "纪检组长")),
    ("市国税局总会计师", ("市国税局", "总会计师")),
    ("市政府副秘书长", ("市政府", "副秘书长")),
    ("市教育局副调研员", ("市教育局", "副调研员")),
    ("市场监管局局长", ("市场监管局", "局长")),
    ("县委宣传部副部长", ("县委宣传部", "副部长")),
    ("常务副县长", ("", "常务副县长")),
    ("市质监局党组成员", ("市质监局", "党组成员")),
    ("市卫生和计划生育委员会 副主任", ("市卫生和计划生育委员会", "副主任")),
    ("联络员", ("", "联络员")),
    ("", ("", "")),
])
def test_split_post_by_the_longest_known_title(post, split):
    assert split_post(post) == split


# Property: any valid history of adjustments gives rosters that list no one twice (except an
# office director who also holds another role) and list each span exactly on its days.

NAMES = ("王刚", "张锐", "张良", "冯世宽", "李四")
ORDINARY = (Role.LEADER, Role.DEPUTY, Role.MEMBER)
BASE = dt.date(2014, 5, 26)


@st.composite
def histories(draw):
    """Spans made by random joins, leaves and changes of role, each valid when it is made."""
    spans: list[dict] = []
    events: list[tuple[dt.date | None, str, str, Role]] = []
    day: dt.date | None = None  # None: the founding roster, "from the beginning"
    founding = draw(st.integers(0, 6))
    for index in range(draw(st.integers(0, 25))):
        if index >= founding:  # later events come in date order, several on a day at times
            day = (day or BASE) + dt.timedelta(days=draw(st.sampled_from((0, 1, 2, 17))))
        name = draw(st.sampled_from(NAMES))
        open_spans = [s for s in spans if s["name"] == name and s["end"] is None]
        held = {s["role"] for s in open_spans}
        options = []
        for role in ROLE_ORDER:
            if role not in held and (role is Role.OFFICE_DIRECTOR or not held & set(ORDINARY)):
                options.append(("join", role, None))
        for s in open_spans:
            if day is not None and (s["start"] is None or s["start"] < day):
                options.append(("leave", s["role"], s))
                if s["role"] is not Role.OFFICE_DIRECTOR:
                    options += [("change", to, s) for to in ORDINARY if to is not s["role"]]
        if not options:
            continue
        kind, role, span = draw(st.sampled_from(options))
        if kind in ("leave", "change"):
            span["end"] = day
            events.append((day, "leave", name, span["role"]))
        if kind in ("join", "change"):
            spans.append({"name": name, "role": role, "start": day, "end": None})
            events.append((day, "join", name, role))
    members = [Member(role=s["role"], name=s["name"], start=s["start"], end=s["end"],
                      position=draw(st.integers(0, 3)), id=i)
               for i, s in enumerate(spans)]
    return members, events


def replay(events, day):
    """Who holds which role on `day`, from the events up to and including it."""
    state: set[tuple[str, Role]] = set()
    for when, kind, name, role in events:
        if when is not None and when > day:
            break
        if kind == "join":
            state.add((name, role))
        else:
            state.discard((name, role))
    return state


@settings(max_examples=200, deadline=None)
@given(histories())
def test_any_valid_history_gives_consistent_rosters(history):
    members, events = history
    check_members(members)
    dates = {when for when, *_ in events if when is not None} | {BASE}
    days = sorted({d + k * DAY for d in dates for k in (-1, 0, 1)})
    for day in days:
        lines = roster_on(members, day)
        assert {(line.name, line.role) for line in lines} == replay(events, day)
        roles_of = Counter(line.name for line in lines)
        for line in lines:
            if roles_of[line.name] > 1:
                assert roles_of[line.name] == 2
                others = {other.role for other in lines if other.name == line.name}
                assert Role.OFFICE_DIRECTOR in others
            if line.role is Role.OFFICE_DIRECTOR:
                assert line.concurrent == (roles_of[line.name] == 2)
            else:
                assert not line.concurrent
        assert [ROLE_ORDER.index(line.role) for line in lines] == sorted(
            ROLE_ORDER.index(line.role) for line in lines)
        listed = {line.member_id for line in lines}
        for m in members:
            on = (m.start or dt.date.min) <= day < (m.end or dt.date.max)
            assert (m.id in listed) == on


def _on(name, unit, position, id_):
    return Member(Role.MEMBER, name, f"{unit}副局长", unit, position=position,
                  start=dt.date(2019, 3, 12), id=id_)


GROUP = [_on("邵伟", "县发展和改革局", 0, 1), _on("杜刚", "县教育局", 1, 2),
         _on("朱立新", "县农业农村局", 2, 3), _on("白文博", "县交通运输局", 3, 4),
         _on("杜丽华", "县商务局", 4, 5)]


def _joiner(name, unit, post=None):
    return Member(Role.MEMBER, name, post or f"{unit}副局长", unit, start=dt.date(2019, 11, 4))


def test_a_successor_takes_the_place_of_the_member_he_replaces():
    placed = lineup(GROUP, {2}, [_joiner("苏振宇", "县教育局")])
    assert [m.name for m in placed] == ["邵伟", "苏振宇", "朱立新", "白文博", "杜丽华"]


def test_a_joiner_sits_after_the_last_member_of_his_unit_not_at_the_end():
    placed = lineup(GROUP, {4}, [_joiner("郭春梅", "", post="县农业农村局副局长")])
    assert [m.name for m in placed] == ["邵伟", "杜刚", "朱立新", "郭春梅", "杜丽华"]


def test_a_joiner_from_a_new_unit_follows_the_order_of_the_member_units():
    units = ["盘山县发展和改革局", "盘山县教育局", "盘山县农业农村局", "盘山县水利局",
             "盘山县交通运输局", "盘山县商务局"]
    placed = lineup(GROUP, set(), [_joiner("曾学军", "县水利局")], units)
    assert [m.name for m in placed] == ["邵伟", "杜刚", "朱立新", "曾学军", "白文博", "杜丽华"]
    first = lineup(GROUP, set(), [_joiner("某人", "县档案局")], ["县档案局", *units])
    assert first[0].name == "某人", "before every member whose unit comes after it"
    assert lineup(GROUP, set(), [_joiner("某人", "县档案局")], units)[-1].name == "某人"


def test_a_member_changing_post_keeps_his_place():
    placed = lineup(GROUP, {3}, [_joiner("朱立新", "县农业农村局", post="县农业农村局局长")])
    assert [m.name for m in placed] == ["邵伟", "杜刚", "朱立新", "白文博", "杜丽华"]
    assert placed[2].post == "县农业农村局局长"
