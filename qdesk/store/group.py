"""The leading group (领导小组) in the database: members, and the dated adjustments that change them.

A person's time on the group is one row from the adjustment that brought them in to the one that
took them out; a change of post or role ends one row and starts another on the same date, so the
roster as of any date is derived from the rows (core.roster) and never stored twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.roster import (Member, Role, RosterLine, check_members, lineup, normalize_name,
                               roster_on)
from qdesk.store import audit
from qdesk.store.database import Store, insert_row, now
from qdesk.store.recovery import backup_now
from qdesk.store.units import Unit, list_units


@dataclass(frozen=True)
class Group:
    id: int
    unit_id: int
    name: str
    office_seat: str


@dataclass(frozen=True)
class NewMember:
    role: str
    name: str
    post: str
    unit_name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Change:
    """A new post, role, unit or phone for a member on the group; None keeps the old one."""

    member_id: int
    role: str | None = None
    post: str | None = None
    unit_name: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Adjustment:
    """One dated event under one document, with who joined, who left and who changed."""

    id: int
    date: dt.date
    doc_number: str
    reason: str
    joined: tuple[Member, ...] = ()
    left: tuple[Member, ...] = ()
    changed: tuple[tuple[Member, Member], ...] = field(default=())
    corrects: int | None = None         # the adjustment this one corrects or withdraws
    withdraws: bool = False             # it undoes exactly what `corrects` did (撤销)
    corrected_by: int | None = None     # the later adjustment that corrects or withdraws this one


class CorrectionMark(str, Enum):
    """How an adjustment stands to a correcting one, as the timeline and `group show` mark it."""

    WITHDRAWN_BY = "withdrawn-by"       # 已撤销 by a later adjustment
    CORRECTED_BY = "corrected-by"       # 已更正 by a later adjustment
    WITHDRAWS = "withdraws"             # it withdraws an earlier one (撤销)
    CORRECTS = "corrects"               # it corrects an earlier one (更正)


def correction_mark(adjustment: Adjustment,
                    history: Sequence[Adjustment]) -> tuple[CorrectionMark, str] | None:
    """The mark of `adjustment` among the group's adjustments and the other document's number
    (文号): the later one that corrects or withdraws it, else the earlier one it corrects."""
    by_id = {a.id: a for a in history}
    later = by_id.get(adjustment.corrected_by) if adjustment.corrected_by is not None else None
    if later is not None:
        return (CorrectionMark.WITHDRAWN_BY if later.withdraws else CorrectionMark.CORRECTED_BY,
                later.doc_number)
    earlier = by_id.get(adjustment.corrects) if adjustment.corrects is not None else None
    if earlier is not None:
        return (CorrectionMark.WITHDRAWS if adjustment.withdraws else CorrectionMark.CORRECTS,
                earlier.doc_number)
    return None


def group_of(store: Store, unit: Unit) -> Group | None:
    row = next(store.query("SELECT * FROM groups WHERE unit_id = ?", [unit.id]), None)
    return Group(row["id"], row["unit_id"], row["name"], row["office_seat"] or "") if row else None


def create_group(store: Store, unit: Unit, name: str, office_seat: str) -> int:
    with store.transaction() as db:
        group_id = insert_row(db, "groups", {"unit_id": unit.id, "name": name,
                                             "office_seat": office_seat})
        audit.record(store, "groups", str(group_id), "insert", None,
                     {"name": name, "office_seat": office_seat}, unit_code=unit.code)
    return group_id


def ensure_group(store: Store, unit: Unit, name: str, office_seat: str) -> Group:
    """The unit's group, made if it has none; its name and office seat updated if given."""
    group = group_of(store, unit)
    if group is None:
        return Group(create_group(store, unit, name, office_seat), unit.id, name, office_seat)
    if (name and name != group.name) or (office_seat and office_seat != group.office_seat):
        new = {"name": name or group.name, "office_seat": office_seat or group.office_seat}
        with store.transaction() as db:
            db.table("groups").update(group.id, new)
            audit.record(store, "groups", str(group.id), "update",
                         {"name": group.name, "office_seat": group.office_seat}, new,
                         unit_code=unit.code)
        return replace(group, name=new["name"], office_seat=new["office_seat"])
    return group


def _member(row: dict[str, Any], docs: dict[int, str]) -> Member:
    return Member(Role(row["role"]), row["name"], row["post"] or "", row["unit_name"] or "",
                  row["phone"] or "", row["position"],
                  dt.date.fromisoformat(row["start_date"]), docs.get(row["start_adjustment_id"], ""),
                  dt.date.fromisoformat(row["end_date"]) if row["end_date"] else None,
                  docs.get(row["end_adjustment_id"], ""), row["id"])


def _rows(store: Store, group_id: int) -> list[tuple[dict[str, Any], Member]]:
    docs = {r["id"]: r["doc_number"] for r in store.query(
        "SELECT id, doc_number FROM adjustments WHERE group_id = ?", [group_id])}
    return [(r, _member(r, docs)) for r in store.query(
        "SELECT * FROM members WHERE group_id = ? ORDER BY id", [group_id])]


def members(store: Store, group_id: int) -> list[Member]:
    """Every row of the group, past and present."""
    return [member for _, member in _rows(store, group_id)]


def roster(store: Store, group_id: int, day: dt.date) -> list[RosterLine]:
    return roster_on(members(store, group_id), day)


def adjustments(store: Store, group_id: int) -> list[Adjustment]:
    """The group's history, oldest first: who each adjustment brought in, took out or changed."""
    started: dict[int, list[Member]] = defaultdict(list)
    ended: dict[int, list[Member]] = defaultdict(list)
    for row, member in _rows(store, group_id):
        started[row["start_adjustment_id"]].append(member)
        if row["end_adjustment_id"] is not None:
            ended[row["end_adjustment_id"]].append(member)
    result = []
    rows = list(store.query("SELECT * FROM adjustments WHERE group_id = ? ORDER BY date, id",
                            [group_id]))
    corrected_by = {a["corrects"]: a["id"] for a in rows if a["corrects"] is not None}
    for a in rows:
        joined = list(started[a["id"]])
        left, changed = [], []
        for old in ended[a["id"]]:
            # A change of post or role ends one row and starts another for the same person.
            new = next((m for m in joined if normalize_name(m.name) == normalize_name(old.name)),
                       None)
            if new is None:
                left.append(old)
            else:
                joined.remove(new)
                changed.append((old, new))
        result.append(Adjustment(a["id"], dt.date.fromisoformat(a["date"]), a["doc_number"],
                                 a["reason"] or "", tuple(joined), tuple(left), tuple(changed),
                                 a["corrects"], bool(a["withdraws"]), corrected_by.get(a["id"])))
    return result


@dataclass(frozen=True)
class _Checked:
    """An adjustment found sound, not yet written: the rows as they stand, those it ends, and
    the spans it starts (first the joiners, then, in order, each changed member's new span)."""

    current: dict[int, Member]
    ending: set[int]
    starting: list[Member]


def _check(store: Store, group_id: int, date: dt.date, doc_number: str,
           add: Sequence[NewMember], remove: Sequence[int], change: Sequence[Change],
           today: dt.date | None) -> _Checked:
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not doc_number or not doc_number.strip():
        problems.append(Problem(msg("the document number (文号) is missing", "缺少文号"),
                                field="doc_number"))
    if date > today:
        problems.append(Problem(msg("the adjustment date {date} is in the future",
                                    "调整日期{date}晚于今天", date=date.isoformat()), field="date"))
    if not (add or remove or change):
        problems.append(Problem(msg("the adjustment changes nobody", "本次调整没有任何变动")))
    current = {m.stored_id: m for m in members(store, group_id)}
    for member_id in [*remove, *(c.member_id for c in change)]:
        member = current.get(member_id)
        if member is None or not member.active_on(date):
            problems.append(Problem(msg("member #{id} is not on the group on {date}",
                                        "编号{id}的成员在{date}不在领导小组中",
                                        id=member_id, date=date.isoformat()), field="member"))
        elif member.start is not None and member.start > date:
            problems.append(Problem(msg("{name} joined after {date}", "{name}在{date}之后才加入",
                                        name=member.name, date=date.isoformat()),
                                    field=member.name))
    for new in add:
        if new.role not in [r.value for r in Role]:
            problems.append(Problem(msg("unknown role {role!r}", "未知的职务类别“{role}”",
                                        role=new.role), field=new.name or "role"))
    if problems:
        raise InputError(*problems)
    ending = set(remove) | {c.member_id for c in change}
    after = [m if m.id not in ending else _ended(m, date) for m in current.values()]
    starting = [Member(Role(n.role), normalize_name(n.name), n.post, n.unit_name, n.phone,
                       start=date) for n in add]
    for c in change:
        old = current[c.member_id]
        starting.append(Member(Role(c.role) if c.role else old.role, old.name,
                               old.post if c.post is None else c.post,
                               old.unit if c.unit_name is None else c.unit_name,
                               old.phone if c.phone is None else c.phone, old.position,
                               start=date))
    check_members(after + starting)
    return _Checked(current, ending, starting)


def adjust(store: Store, group_id: int, date: dt.date, doc_number: str, reason: str,
           add: Sequence[NewMember] = (), remove: Sequence[int] = (),
           change: Sequence[Change] = (), today: dt.date | None = None, *,
           corrects: int | None = None, withdraws: bool = False) -> int:
    """One adjustment: members join, leave and change post or role on one date under one document.

    Checked whole before anything is written (a document number, a date not in the future,
    members who are on the group that day, no one on it twice), then applied in one transaction
    and audited. `corrects` names the adjustment this one corrects (withdraws, if `withdraws`);
    correct() and withdraw() check it.
    """
    checked = _check(store, group_id, date, doc_number, add, remove, change, today)
    current, ending, starting = checked.current, checked.ending, checked.starting

    with store.transaction() as db:
        adjustment = insert_row(db, "adjustments", {
            "group_id": group_id, "date": date.isoformat(), "doc_number": doc_number.strip(),
            "reason": reason, "created_by": store.operator, "created_at": now(),
            "corrects": corrects, "withdraws": int(withdraws)})
        why = f"{doc_number.strip()} {reason}".strip()
        for member_id in sorted(ending):
            db.table("members").update(member_id, {"end_date": date.isoformat(),
                                                   "end_adjustment_id": adjustment})
            # The name too, so the change history says who left, not only which row.
            name = current[member_id].name
            audit.record(store, "members", str(member_id), "update",
                         {"name": name, "end_date": None},
                         {"name": name, "end_date": date.isoformat()}, reason=why)
        units = [u.name for u in list_units(store) if u.level == "department"]
        places: dict[int, int] = {}
        for role in Role:
            placed = lineup([m for m in current.values() if m.role is role and m.active_on(date)],
                            ending, [m for m in starting if m.role is role], units)
            for position, member in enumerate(placed):
                if member.id is None:
                    places[id(member)] = position
                elif member.position != position:
                    db.table("members").update(member.id, {"position": position})
                    audit.record(store, "members", str(member.id), "update",
                                 {"position": member.position}, {"position": position}, reason=why)
        for member in starting:
            row = {"group_id": group_id, "role": member.role.value, "name": member.name,
                   "post": member.post, "unit_name": member.unit, "phone": member.phone,
                   "position": places[id(member)], "start_date": date.isoformat(),
                   "start_adjustment_id": adjustment}
            member_id = insert_row(db, "members", row)
            audit.record(store, "members", str(member_id), "insert", None,
                         {k: row[k] for k in ("role", "name", "post", "unit_name", "start_date")},
                         reason=why)
    return adjustment


def _ended(member: Member, date: dt.date) -> Member:
    return Member(member.role, member.name, member.post, member.unit, member.phone,
                  member.position, member.start, member.start_doc, date, "", member.id)


def planned(store: Store, group_id: int, date: dt.date, doc_number: str, reason: str,
            add: Sequence[NewMember] = (), remove: Sequence[int] = (),
            change: Sequence[Change] = (), today: dt.date | None = None, *,
            corrects: int | None = None, withdraws: bool = False) -> Adjustment:
    """What adjust() would write, checked as it checks (and refused as it refuses), unwritten:
    the preview a clerk confirms. Its id is 0."""
    if corrects is not None:
        _correctable(store, group_id, corrects, date)
    checked = _check(store, group_id, date, doc_number, add, remove, change, today)
    joined = tuple(checked.starting[:len(add)])
    changed = tuple((checked.current[c.member_id], new)
                    for c, new in zip(change, checked.starting[len(add):]))
    left = tuple(checked.current[i] for i in dict.fromkeys(remove))
    return Adjustment(0, date, doc_number.strip(), reason, joined, left, changed, corrects,
                      withdraws)


def _correctable(store: Store, group_id: int, adjustment_id: int, date: dt.date) -> Adjustment:
    """The adjustment to correct or withdraw on `date`; refused if unknown, already corrected,
    or not earlier than the correction."""
    history = {a.id: a for a in adjustments(store, group_id)}
    original = history.get(adjustment_id)
    if original is None:
        raise InputError(msg("the group has no adjustment #{id}", "领导小组没有编号为{id}的调整",
                             id=adjustment_id))
    if original.corrected_by is not None:
        later = history[original.corrected_by]
        raise InputError(msg(
            "{doc} of {date} was already corrected by {later}: correct {later} instead",
            "{doc}（{date}）已由{later}{how}，不能再次更正或撤销；如需改动，请更正{later}",
            doc=original.doc_number, date=original.date.isoformat(), later=later.doc_number,
            how="撤销" if later.withdraws else "更正"))
    if date <= original.date:
        raise InputError(Problem(msg("a correction must be dated after the adjustment it "
                                     "corrects ({date})", "更正或撤销的日期须晚于原调整的日期{date}",
                                     date=original.date.isoformat()), field="date"))
    return original


def withdrawal(store: Store, group_id: int, adjustment_id: int,
               date: dt.date) -> tuple[list[NewMember], list[int], list[Change]]:
    """What undoes an adjustment from `date` on: those it brought in leave, those it took out
    rejoin as they were, those it changed go back; refused, naming the later adjustment, when
    one has since touched a person it concerns (that one must be withdrawn first)."""
    original = _correctable(store, group_id, adjustment_id, date)
    history = {a.id: a for a in adjustments(store, group_id)}
    rows = _rows(store, group_id)

    def since(name: str, later_id: int) -> InputError:
        later = history[later_id]
        return InputError(msg(
            "{doc} cannot be withdrawn: {later} of {later_date} has since changed {name}; "
            "withdraw {later} first",
            "{doc}无法撤销：{later}（{later_date}）此后又调整了{name}，请先撤销{later}",
            doc=original.doc_number, later=later.doc_number,
            later_date=later.date.isoformat(), name=name))

    ended_later = {row["id"]: row["end_adjustment_id"] for row, _ in rows}
    for member in [*original.joined, *(new for _, new in original.changed)]:
        if ended_later[member.stored_id] is not None:
            raise since(member.name, ended_later[member.stored_id])
    for old in [*original.left, *(old for old, _ in original.changed)]:
        rejoined = next((row["start_adjustment_id"] for row, m in rows
                         if normalize_name(m.name) == normalize_name(old.name)
                         and row["start_adjustment_id"] not in (None, original.id)
                         and m.start is not None and m.start >= original.date), None)
        if rejoined is not None:
            raise since(old.name, rejoined)
    add = [NewMember(m.role.value, m.name, m.post, m.unit, m.phone) for m in original.left]
    remove = [m.stored_id for m in original.joined]
    change = [Change(new.stored_id, role=old.role.value if old.role is not new.role else None,
                     post=old.post if old.post != new.post else None,
                     unit_name=old.unit if old.unit != new.unit else None,
                     phone=old.phone if old.phone != new.phone else None)
              for old, new in original.changed]
    return add, remove, change


def planned_withdrawal(store: Store, group_id: int, adjustment_id: int, date: dt.date,
                       doc_number: str, reason: str,
                       today: dt.date | None = None) -> Adjustment:
    """What withdraw() would write, unwritten, for the clerk to confirm."""
    add, remove, change = withdrawal(store, group_id, adjustment_id, date)
    return planned(store, group_id, date, doc_number, reason, add, remove, change, today,
                   corrects=adjustment_id, withdraws=True)


def withdraw(store: Store, group_id: int, adjustment_id: int, date: dt.date, doc_number: str,
             reason: str, today: dt.date | None = None) -> int:
    """撤销: a new adjustment under its own document that undoes exactly what an earlier one did,
    from its own date on; the earlier one stays in the history, marked withdrawn, audited.

    The roster before `date` stays as it stood (the withdrawn document was in force then), so
    a roster printed in between can be printed again alike.
    """
    add, remove, change = withdrawal(store, group_id, adjustment_id, date)
    return _correcting(store, group_id, adjustment_id, date, doc_number, reason, add, remove,
                       change, today, withdraws=True)


def correct(store: Store, group_id: int, adjustment_id: int, date: dt.date, doc_number: str,
            reason: str, add: Sequence[NewMember] = (), remove: Sequence[int] = (),
            change: Sequence[Change] = (), today: dt.date | None = None) -> int:
    """更正: a new adjustment under its own document that puts the members as it says, referring
    to the earlier one it corrects, which stays in the history, marked corrected, audited."""
    _correctable(store, group_id, adjustment_id, date)
    return _correcting(store, group_id, adjustment_id, date, doc_number, reason, add, remove,
                       change, today, withdraws=False)


def _correcting(store: Store, group_id: int, adjustment_id: int, date: dt.date,
                doc_number: str, reason: str, add: Sequence[NewMember], remove: Sequence[int],
                change: Sequence[Change], today: dt.date | None, withdraws: bool) -> int:
    with store.transaction():
        written = adjust(store, group_id, date, doc_number, reason, add, remove, change, today,
                         corrects=adjustment_id, withdraws=withdraws)
        audit.record(store, "adjustments", str(adjustment_id), "update", {"corrected_by": None},
                     {"corrected_by": written, "doc_number": doc_number.strip(),
                      "withdrawn": withdraws},
                     reason=f"{doc_number.strip()} {reason}".strip())
    return written


def reorder(store: Store, group_id: int, role: str, member_ids: list[int]) -> None:
    """Set the order of a role's members (as the document lists them), audited."""
    with store.transaction() as db:
        for position, member_id in enumerate(member_ids):
            row = db.table("members").get(member_id)
            if row["group_id"] != group_id or row["role"] != role:
                raise InputError(msg("member #{id} is not a {role} of this group",
                                     "编号{id}的成员不属于本领导小组的该职务类别",
                                     id=member_id, role=role))
            if row["position"] != position:
                db.table("members").update(member_id, {"position": position})
                audit.record(store, "members", str(member_id), "update",
                             {"position": row["position"]}, {"position": position})


@dataclass(frozen=True)
class ImportResult:
    adjustment: int
    joined: int
    left: int
    changed: int


def import_roster(store: Store, unit: Unit, roster_members: list[Member], date: dt.date,
                  doc_number: str, reason: str, group_name: str = "", office_seat: str = "",
                  today: dt.date | None = None, *, corrects: int | None = None) -> ImportResult:
    """Make the group as of `date` equal to a roster read from a document, as one adjustment.

    People not on the roster leave, new ones join, those whose post or role differs change; the
    order within each role follows the document. With `corrects`, the adjustment is the 更正 of
    that earlier one (as correct() writes it): refused as correct() refuses, and the earlier one
    stays in the history, marked corrected.
    """
    backup_now(store, "import")
    with store.transaction():       # a refused import leaves the group's name and seat as they were
        return _import(store, unit, roster_members, date, doc_number, reason, group_name,
                       office_seat, today, corrects)


def _import(store: Store, unit: Unit, roster_members: list[Member], date: dt.date,
            doc_number: str, reason: str, group_name: str, office_seat: str,
            today: dt.date | None, corrects: int | None) -> ImportResult:
    if corrects is not None:
        existing = group_of(store, unit)
        if existing is None:
            raise InputError(msg("the unit has no leading group yet", "尚未建立领导小组"))
        _correctable(store, existing.id, corrects, date)
    group = ensure_group(store, unit, group_name or f"{unit.name}质量工作领导小组", office_seat)
    on_group = [m for m in members(store, group.id) if m.active_on(date)]
    by_key = {(normalize_name(m.name), m.role): m for m in on_group}
    add, change, kept = [], [], set()
    for wanted in roster_members:
        key = (normalize_name(wanted.name), wanted.role)
        have = by_key.get(key)
        if have is None:
            add.append(NewMember(wanted.role.value, wanted.name, wanted.post, wanted.unit,
                                 wanted.phone))
        else:
            kept.add(have.stored_id)
            # A roster without phone numbers (pasted from a document) keeps the ones on record.
            phone = wanted.phone if wanted.phone and wanted.phone != have.phone else None
            if (have.post, have.unit) != (wanted.post, wanted.unit) or phone:
                change.append(Change(have.stored_id, post=wanted.post, unit_name=wanted.unit,
                                     phone=phone))
    remove = [m.stored_id for m in on_group if m.stored_id not in kept]
    if not (add or remove or change):
        raise InputError(msg("the group already stands as this roster on {date}",
                             "领导小组在{date}的组成与该名单一致，无需调整", date=date.isoformat()))
    adjustment = (adjust(store, group.id, date, doc_number, reason, add, remove, change, today)
                  if corrects is None else
                  _correcting(store, group.id, corrects, date, doc_number, reason, add, remove,
                              change, today, withdraws=False))
    for role in Role:
        order = [normalize_name(m.name) for m in roster_members if m.role is role]
        now_on = {normalize_name(m.name): m.stored_id for m in members(store, group.id)
                  if m.active_on(date) and m.role is role}
        reorder(store, group.id, role.value, [now_on[n] for n in order if n in now_on])
    return ImportResult(adjustment, len(add), len(remove), len(change))
