"""The leading group's roster (领导小组人员名单) as of any date, derived from dated memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import Msg, msg


class Role(str, Enum):
    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"
    OFFICE_DIRECTOR = "office-director"

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]


_LABELS_ZH = {Role.LEADER: "组长", Role.DEPUTY: "副组长", Role.MEMBER: "成员",
              Role.OFFICE_DIRECTOR: "办公室主任"}

ROLE_ORDER: tuple[Role, ...] = (Role.LEADER, Role.DEPUTY, Role.MEMBER, Role.OFFICE_DIRECTOR)

# What a document or a spreadsheet may write for a role, spaces removed, lower case.
_ROLE_WORDS = {
    "组长": Role.LEADER, "副组长": Role.DEPUTY, "常务副组长": Role.DEPUTY, "成员": Role.MEMBER,
    "办公室主任": Role.OFFICE_DIRECTOR,
    "leader": Role.LEADER, "deputy": Role.DEPUTY, "member": Role.MEMBER,
    "office-director": Role.OFFICE_DIRECTOR, "officedirector": Role.OFFICE_DIRECTOR,
    "office_director": Role.OFFICE_DIRECTOR,
}


def role_from_label(text: str) -> Role | None:
    """The role a label names ("组 长", "常务副组长", "deputy", "office director"), else None."""
    return _ROLE_WORDS.get(normalize_name(text).lower())


@dataclass(frozen=True)
class Member:
    """One person's span in one role; a change of role ends one span and starts another."""

    role: Role
    name: str
    post: str = ""
    unit: str = ""
    phone: str = ""
    position: int = 0
    start: dt.date | None = None
    start_doc: str = ""
    end: dt.date | None = None
    end_doc: str = ""
    id: int | None = None

    @property
    def stored_id(self) -> int:
        """The member's row in the database: only one read from a document has none yet."""
        if self.id is None:
            raise ValueError(f"{self.name} is not on the group in the database yet")
        return self.id

    def active_on(self, day: dt.date) -> bool:
        """On the group that day: from `start` (inclusive) up to `end`, the day it was left."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class RosterLine:
    """One line of the roster as of a day."""

    role: Role
    name: str
    post: str
    unit: str
    phone: str
    concurrent: bool
    member_id: int | None


def normalize_name(text: str) -> str:
    """A name without the spaces documents put inside it to line columns up (王 刚 -> 王刚)."""
    return "".join(text.split())


def roster_on(members: Iterable[Member], day: dt.date) -> list[RosterLine]:
    """The members on the group on `day`, in protocol order; within a role by position, start, name.

    An office director who holds another role that day is marked concurrent (（兼）).
    """
    active = [m for m in members if m.active_on(day)]
    other_roles = {normalize_name(m.name) for m in active if m.role is not Role.OFFICE_DIRECTOR}
    active.sort(key=lambda m: (ROLE_ORDER.index(Role(m.role)), m.position,
                               m.start or dt.date.min, normalize_name(m.name),
                               -1 if m.id is None else m.id))
    return [RosterLine(role=Role(m.role), name=normalize_name(m.name), post=m.post, unit=m.unit,
                       phone=m.phone,
                       concurrent=(Role(m.role) is Role.OFFICE_DIRECTOR
                                   and normalize_name(m.name) in other_roles),
                       member_id=m.id)
            for m in active]


def unit_of(member: Member) -> str:
    """The unit a member sits for: as recorded, else read from the post (县教育局副局长 -> 县教育局)."""
    return normalize_name(member.unit) or split_post(member.post)[0]


def lineup(on_group: Sequence[Member], leaving: Collection[int], joining: Sequence[Member],
           unit_order: Sequence[str] = ()) -> list[Member]:
    """One role's members in their order after an adjustment, joiners placed as the protocol
    places them rather than at the end.

    A joiner takes the place of the member he replaces: himself before a change of post, else
    one leaving from the same unit. Otherwise he sits after the last member of his unit, else
    after the last member whose unit comes before his in the order of the member units
    (`unit_order`, the office's unit list), else at the end. Members that stay keep their order.
    """
    order = sorted(on_group, key=lambda m: (m.position, m.start or dt.date.min,
                                            normalize_name(m.name)))
    slots: list[Member] = list(order)
    vacant = {m.id for m in order if m.id in leaving}

    def rank(unit: str) -> int | None:
        return next((i for i, known in enumerate(unit_order)
                     if unit and (known.endswith(unit) or unit.endswith(known))), None)

    for new in joining:
        name, unit = normalize_name(new.name), unit_of(new)
        replaced = (next((i for i, m in enumerate(slots) if m.id in vacant
                          and normalize_name(m.name) == name), None)
                    if name else None)
        if replaced is None and unit:
            replaced = next((i for i, m in enumerate(slots) if m.id in vacant
                             and unit_of(m) == unit), None)
        if replaced is not None:
            vacant.discard(slots[replaced].id)
            slots[replaced] = new
            continue
        same = [i for i, m in enumerate(slots) if unit and unit_of(m) == unit]
        mine = rank(unit)
        before = ([i for i, m in enumerate(slots)
                   if (theirs := rank(unit_of(m))) is not None and theirs < mine]
                  if mine is not None else [])
        if same:
            slots.insert(same[-1] + 1, new)
        elif before:
            slots.insert(before[-1] + 1, new)
        elif mine is not None and any(rank(unit_of(m)) is not None for m in slots):
            slots.insert(next(i for i, m in enumerate(slots) if rank(unit_of(m)) is not None),
                         new)
        else:
            slots.append(new)
    return [m for m in slots if m.id is None or m.id not in vacant]


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "…"


def _overlap(a: Member, b: Member) -> bool:
    """Whether two valid spans [start, end) share a day; open ends reach forever."""
    a_before_b_ends = a.start is None or b.end is None or a.start < b.end
    b_before_a_ends = b.start is None or a.end is None or b.start < a.end
    return a_before_b_ends and b_before_a_ends


def _span_args(prefix: str, member: Member) -> dict[str, str]:
    return {f"{prefix}_en": Role(member.role).value, f"{prefix}_zh": Role(member.role).label_zh,
            f"{prefix}_start": _day(member.start), f"{prefix}_end": _day(member.end)}


def check_members(members: Sequence[Member]) -> None:
    """Refuse, listing every problem, memberships that cannot all be true.

    A person (by normalized name) may hold one role at a time, except that an office director may
    also be a leader, deputy or member (兼).
    """
    problems: list[Problem] = []
    valid: list[Member] = []
    for index, member in enumerate(members, start=1):
        name = normalize_name(member.name)
        role = Role(member.role)
        ok = True
        if not name:
            problems.append(Problem(msg("entry {index} ({role_en}) has no name",
                                        "第{index}条（{role_zh}）没有姓名", index=index,
                                        role_en=role.value, role_zh=role.label_zh)))
            ok = False
        if member.start is not None and member.end is not None and member.end <= member.start:
            if member.end == member.start:
                message = msg("{role_en} from {start} ends the day it starts: never on the group",
                              "{role_zh}的任职起止日期均为{start}，等于从未任职",
                              start=_day(member.start), role_en=role.value,
                              role_zh=role.label_zh)
            else:
                message = msg("{role_en}: leaves on {end}, before joining on {start}",
                              "{role_zh}的离任日期{end}早于任职日期{start}",
                              start=_day(member.start), end=_day(member.end),
                              role_en=role.value, role_zh=role.label_zh)
            problems.append(Problem(message, field=name or None))
            ok = False
        if ok:
            valid.append(member)

    for i, a in enumerate(valid):
        for b in valid[i + 1:]:
            name = normalize_name(a.name)
            if name != normalize_name(b.name) or not _overlap(a, b):
                continue
            role_a, role_b = Role(a.role), Role(b.role)
            args = {**_span_args("a", a), **_span_args("b", b)}
            if role_a is role_b:
                problems.append(Problem(msg(
                    "{a_en} twice at once: {a_start}–{a_end} and {b_start}–{b_end}",
                    "同时两次担任{a_zh}：{a_start}至{a_end}与{b_start}至{b_end}", **args),
                    field=name))
            elif Role.OFFICE_DIRECTOR not in (role_a, role_b):
                problems.append(Problem(msg(
                    "two roles at once: {a_en} {a_start}–{a_end} and {b_en} {b_start}–{b_end}",
                    "同时担任两个职务：{a_zh}（{a_start}至{a_end}）与{b_zh}（{b_start}至{b_end}）",
                    **args), field=name))
    if problems:
        raise InputError(*problems)


def roster_warnings(lines: Sequence[RosterLine]) -> list[Msg]:
    """What a clerk should know about a day's roster that does not make it wrong."""
    roles = {line.role for line in lines}
    warnings: list[Msg] = []
    if Role.LEADER not in roles:
        warnings.append(msg("the group has no leader", "领导小组没有组长"))
    if Role.OFFICE_DIRECTOR not in roles:
        warnings.append(msg("the group's office has no director", "领导小组办公室没有主任"))
    return warnings


# Titles a post may end with; the longest that fits wins, so 副局长 is not read as 局长 and
# 纪检组长 not as 组长.
TITLES: frozenset[str] = frozenset({
    "市长", "副市长", "常务副市长", "县长", "副县长", "常务副县长", "区长", "副区长", "常务副区长",
    "镇长", "副镇长", "乡长", "副乡长", "旗长", "副旗长", "州长", "副州长",
    "秘书长", "副秘书长", "主任", "副主任", "常务副主任", "专职副主任",
    "局长", "副局长", "常务副局长", "处长", "副处长", "科长", "副科长", "所长", "副所长",
    "站长", "副站长", "院长", "副院长", "馆长", "副馆长", "台长", "副台长", "队长", "副队长",
    "支队长", "副支队长", "大队长", "副大队长", "行长", "副行长", "部长", "副部长",
    "主席", "副主席", "书记", "副书记", "党组书记", "党组副书记", "党委书记", "党委副书记",
    "党组成员", "党委委员", "纪检组长", "纪检组副组长", "纪委书记", "纪检监察组长",
    "调研员", "副调研员", "一级调研员", "二级调研员", "三级调研员", "四级调研员",
    "巡视员", "副巡视员", "一级巡视员", "二级巡视员", "主任科员", "副主任科员",
    "总会计师", "总工程师", "总经济师", "总农艺师", "总畜牧师", "总规划师", "总师",
    "经理", "总经理", "副总经理", "董事长", "副董事长", "理事长", "副理事长", "会长", "副会长",
    "政委", "副政委", "检察长", "副检察长", "庭长", "副庭长",
})
_LONGEST_TITLE = max(len(t) for t in TITLES)


def split_post(post: str) -> tuple[str, str]:
    """(unit, title) of a post as documents write it: 市发展和改革委员会副主任 -> (市发展和改革委员会, 副主任).

    The title is the longest known title the post ends with; a post that is only a title has no
    unit (副市长 -> ("", 副市长)); a post ending in no known title is all title ("", post).
    """
    text = normalize_name(post)
    for size in range(min(_LONGEST_TITLE, len(text)), 0, -1):
        if text[-size:] in TITLES:
            return text[:-size].rstrip("、，,；;"), text[-size:]
    return "", text
