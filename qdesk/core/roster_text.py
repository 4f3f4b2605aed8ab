"""Reading a leading group's roster pasted from a Word document (the 附件 of a founding document)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import Msg, msg
from qdesk.core.roster import Member, Role, normalize_name, role_from_label, split_post

_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_DOT = "·•‧・"
# A Chinese name: 2–4 characters; a minority name may be longer, its parts joined by a middle dot.
_NAME = re.compile(rf"{_CJK}{{2,4}}|{_CJK}+(?:[{_DOT}]{_CJK}+)+")
_SPACE = r"[ \t\u3000\u00a0]"
_CONCURRENT = re.compile(r"[(（]\s*兼\s*[)）]")
# "（兼办公室主任）" after a deputy's post: the same person also directs the office.
_ALSO_DIRECTOR = re.compile(r"[(（]\s*兼(?:任)?\s*(?:领导小组)?\s*办公室主任\s*[)）]")
_PHONE = re.compile(r"[0-9][0-9\-－—]{6,}")
_COLON = "[:：]"
_ATTACHMENT = re.compile(rf"^附\s*件\s*[0-9一二三四五六七八九十]*\s*(?:{_COLON}\s*(.*))?$")
_TITLE_ENDINGS = ("组成人员名单", "成员名单", "人员名单", "名单")
_ROLE_LABELS = ("常务副组长", "副组长", "办公室主任", "组长", "成员")
_ROLE_LABEL = "|".join(rf"{_SPACE}*".join(label) for label in _ROLE_LABELS)
_ROLE_LINE = re.compile(rf"^({_ROLE_LABEL}){_SPACE}*(?:{_COLON}|{_SPACE}(?={_SPACE}*\S))\s*(.*)$")
_LABEL_LINE = re.compile(rf"^(\S(?:{_SPACE}?\S){{0,7}}?){_SPACE}*{_COLON}\s*(.*)$")
_OFFICE_LINE = re.compile(r"办公室设在|下设办公室")
_SEAT = re.compile(r"办公室设在\s*([^，,。；;、()（）\s]+)")
_NAME_IN_SENTENCE = rf"{_CJK}(?:{_SPACE}?{_CJK}){{1,3}}?"
_AFTER_NAME = r"(?:同志)?\s*(?:兼任|担任)?\s*(?:[(（]\s*兼\s*[)）])?\s*(?:[，,。；;]|$)"
_DIRECTOR = (
    re.compile(rf"办公室主任\s*(?:由|为|{_COLON})?\s*({_NAME_IN_SENTENCE}){_AFTER_NAME}"),
    re.compile(rf"(?:^|[由，,。；;:：\s])({_NAME_IN_SENTENCE})(?:同志)?\s*兼任(?:领导小组)?办公室主任"),
)


@dataclass(frozen=True)
class ParsedRoster:
    """A roster read from a document or a sheet, before it is dated and stored."""

    title: str | None
    group_name: str | None
    office_seat: str | None
    members: tuple[Member, ...]


@dataclass(frozen=True)
class ListedMember:
    """One person as one line of a document (or one row of a sheet) lists them."""

    role: Role
    name: str
    post: str
    line: int
    unit: str = ""
    phone: str = ""
    concurrent: bool = False  # written with （兼）: an office director who holds another role


def group_name_of(title: str) -> str:
    """The group a roster's title names: 盘锦市质量强市工作领导小组人员名单 -> 盘锦市质量强市工作领导小组."""
    for ending in _TITLE_ENDINGS:
        if title.endswith(ending) and len(title) > len(ending):
            return title[: -len(ending)]
    return title


def is_person_name(name: str) -> bool:
    """2–4 Chinese characters, or longer parts joined by a middle dot (买买提·艾力)."""
    return _NAME.fullmatch(name) is not None


def assemble_members(listed: Sequence[ListedMember], source: str | None = None,
                     what: tuple[str, str] = ("line", "行")) -> tuple[Member, ...]:
    """Members in listing order, positions counted within each role, units read off posts.

    An office director listed without a post (or marked （兼）) takes the post of the line that
    lists the same person in another role. A person listed twice in one role, or in two roles
    other than office director, is refused: one roster cannot say both.
    """
    problems: list[Problem] = []
    other_role: dict[str, ListedMember] = {}
    for item in listed:
        if item.role is not Role.OFFICE_DIRECTOR:
            earlier = other_role.get(item.name)
            if earlier is not None:
                problems.append(Problem(_listed_twice(item, earlier, what), source, item.line))
            else:
                other_role[item.name] = item
    directors: dict[str, ListedMember] = {}
    for item in listed:
        if item.role is Role.OFFICE_DIRECTOR:
            earlier = directors.get(item.name)
            if earlier is not None:
                problems.append(Problem(_listed_twice(item, earlier, what), source, item.line))
            directors.setdefault(item.name, item)
            if item.concurrent and item.name not in other_role:
                problems.append(Problem(msg(
                    "{name} is marked (兼) but holds no other role in the list",
                    "{name}标注为（兼），但名单中没有其担任的其他职务", name=item.name),
                    source, item.line))
    if problems:
        raise InputError(*problems)

    members: list[Member] = []
    counts: dict[Role, int] = {}
    for item in listed:
        post, unit, phone = item.post, item.unit, item.phone
        if item.role is Role.OFFICE_DIRECTOR and (item.concurrent or not post):
            other = other_role.get(item.name)
            if other is not None:
                post = post or other.post
                unit = unit or other.unit
                phone = phone or other.phone
        position = counts.get(item.role, 0)
        counts[item.role] = position + 1
        members.append(Member(role=item.role, name=item.name, post=post,
                              unit=unit or split_post(post)[0], phone=phone, position=position))
    return tuple(members)


def _listed_twice(item: ListedMember, earlier: ListedMember, what: tuple[str, str]) -> Msg:
    return msg("{name} is listed again as {role_en}, already {earlier_en} on {what_en} {line}",
               "{name}重复列出为{role_zh}，第{line}{what_zh}已列为{earlier_zh}",
               name=item.name, role_en=item.role.value, role_zh=item.role.label_zh,
               earlier_en=earlier.role.value, earlier_zh=earlier.role.label_zh,
               line=earlier.line, what_en=what[0], what_zh=what[1])


class _Unreadable(Exception):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


def _read_person(rest: str, role: Role, number: int) -> list[ListedMember]:
    """The person on a role line after its label, or on a continuation line: name, post, phone."""
    also_director = _ALSO_DIRECTOR.search(rest) is not None
    rest = _ALSO_DIRECTOR.sub(" ", rest)
    concurrent = _CONCURRENT.search(rest) is not None
    rest = _CONCURRENT.sub(" ", rest)
    tokens = rest.split()
    if not tokens:
        raise _Unreadable(msg("no name", "没有姓名"))
    if len(tokens) >= 2 and len(tokens[0]) == 1 and len(tokens[1]) == 1 \
            and re.fullmatch(_CJK, tokens[0]) and re.fullmatch(_CJK, tokens[1]):
        name, tokens = tokens[0] + tokens[1], tokens[2:]
    else:
        name, tokens = tokens[0], tokens[1:]
    if not is_person_name(name):
        if re.fullmatch(rf"{_CJK}+", name) and len(name) > 4:
            raise _Unreadable(msg("{name!r} is longer than a name (2–4 characters)",
                                  "“{name}”超过姓名长度（2至4个字）", name=name))
        raise _Unreadable(msg("{name!r} is not a name", "“{name}”不是姓名", name=name))
    phone = ""
    if tokens and _PHONE.fullmatch(tokens[-1]):
        phone, tokens = tokens[-1], tokens[:-1]
    post = "".join(tokens)
    if concurrent and role is not Role.OFFICE_DIRECTOR:
        raise _Unreadable(msg("(兼) marks only an office director who holds another role",
                              "（兼）只用于兼任其他职务的办公室主任"))
    found = [ListedMember(role, name, post, number, phone=phone, concurrent=concurrent)]
    if also_director:
        if role is Role.OFFICE_DIRECTOR:
            raise _Unreadable(msg("an office director marked as also office director",
                                  "办公室主任又标注兼任办公室主任"))
        found.append(ListedMember(Role.OFFICE_DIRECTOR, name, post, number, phone=phone,
                                  concurrent=True))
    return found


def _read_office(line: str, number: int) -> tuple[str | None, ListedMember | None]:
    """The office seat and director of a sentence like 办公室设在市质监局,办公室主任冯世宽(兼)。"""
    seat_match = _SEAT.search(line)
    seat = seat_match[1] if seat_match else None
    director = None
    for pattern in _DIRECTOR:
        if found := pattern.search(line):
            name = normalize_name(found[1])
            director = ListedMember(Role.OFFICE_DIRECTOR, name, "", number,
                                    concurrent=bool(_CONCURRENT.search(line))
                                    or "兼任" in line)
            break
    if director is None and "办公室主任" in line:
        raise _Unreadable(msg("cannot find the office director's name",
                              "无法读出办公室主任的姓名"))
    if seat is None and director is None:
        raise _Unreadable(msg("names neither the office seat nor its director",
                              "未写明办公室所在单位或办公室主任"))
    return seat, director


def parse_roster_text(text: str, source: str | None = None) -> ParsedRoster:
    """A roster pasted from a document, or InputError naming every line that cannot be read.

    Reads "组 长:王永威 副市长"-style lines (a line without a label continues the role above),
    the "附件:…名单" title, and the office sentence "办公室设在市质监局,办公室主任冯世宽(兼)。".
    """
    title: str | None = None
    office_seat: str | None = None
    role: Role | None = None
    listed: list[ListedMember] = []
    problems: list[Problem] = []

    def refuse(number: int, line: str, why: Msg) -> None:
        message = msg("cannot read {line_text!r}: " + why.en, "无法读取“{line_text}”：" + why.zh,
                      line_text=line, **why.args)
        problems.append(Problem(message, source, number))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            if attachment := _ATTACHMENT.match(line):
                if attachment[1] and attachment[1].strip() and title is None:
                    title = attachment[1].strip()
                continue
            if not listed and title is None and line.endswith("名单") \
                    and not re.search(_COLON, line):
                title = line
                continue
            if _OFFICE_LINE.search(line) and not _ROLE_LINE.match(line):
                seat, director = _read_office(line, number)
                office_seat = office_seat or seat
                if director is not None:
                    listed.append(director)
                continue
            if labelled := _ROLE_LINE.match(line):
                role = role_from_label(labelled[1])
                assert role is not None
                if labelled[2].strip():
                    listed.extend(_read_person(labelled[2], role, number))
                continue
            if unknown := _LABEL_LINE.match(line):
                raise _Unreadable(msg(
                    "{label!r} is not a role of the group (组长, 副组长, 成员, 办公室主任)",
                    "“{label}”不是领导小组的职务（组长、副组长、成员、办公室主任）",
                    label=unknown[1]))
            if role is None:
                raise _Unreadable(msg("a name before any role (组长:, 副组长:, 成员:)",
                                      "姓名之前没有职务（组长：、副组长：、成员：）"))
            listed.extend(_read_person(line, role, number))
        except _Unreadable as exc:
            refuse(number, line, exc.message)
    if problems:
        raise InputError(*problems)
    if not listed:
        raise InputError(Problem(msg("no members found: expected lines like 组长:王永威 副市长",
                                     "未读到任何成员：应为“组长：王永威 副市长”这样的行"),
                                 source))
    members = assemble_members(listed, source)
    return ParsedRoster(title=title, group_name=group_name_of(title) if title else None,
                        office_seat=office_seat, members=members)

