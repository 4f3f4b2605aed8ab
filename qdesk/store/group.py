"""The leading group (领导小组) in the database: its members and the dated adjustments that change them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qdesk.store import audit
from qdesk.store.database import Store, now
from qdesk.store.units import Unit

ROLES = ("leader", "deputy", "member", "office-director")


@dataclass(frozen=True)
class NewMember:
    role: str
    name: str
    post: str
    unit_name: str = ""
    phone: str = ""


def create_group(store: Store, unit: Unit, name: str, office_seat: str) -> int:
    with store.transaction() as db:
        group_id = db["groups"].insert({"unit_id": unit.id, "name": name,
                                        "office_seat": office_seat}).last_pk
        audit.record(store, "groups", str(group_id), "insert", None,
                     {"name": name, "office_seat": office_seat}, unit_code=unit.code)
    return group_id


def adjust(store: Store, group_id: int, date: dt.date, doc_number: str, reason: str,
           add: list[NewMember] = (), remove: list[int] = ()) -> int:
    """One adjustment: members leave and join on one date under one document, in one transaction."""
    with store.transaction() as db:
        adjustment = db["adjustments"].insert({
            "group_id": group_id, "date": date.isoformat(), "doc_number": doc_number,
            "reason": reason, "created_by": store.operator, "created_at": now()}).last_pk
        for member_id in remove:
            old = db["members"].get(member_id)
            db["members"].update(member_id, {"end_date": date.isoformat(),
                                             "end_adjustment_id": adjustment})
            audit.record(store, "members", str(member_id), "update",
                         {"end_date": old["end_date"]}, {"end_date": date.isoformat()},
                         reason=f"{doc_number} {reason}")
        for member in add:
            position = db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM members WHERE group_id = ?"
                " AND role = ?", [group_id, member.role]).fetchone()[0]
            row = {"group_id": group_id, "role": member.role, "name": member.name,
                   "post": member.post, "unit_name": member.unit_name, "phone": member.phone,
                   "position": position, "start_date": date.isoformat(),
                   "start_adjustment_id": adjustment}
            member_id = db["members"].insert(row).last_pk
            audit.record(store, "members", str(member_id), "insert", None,
                         {k: row[k] for k in ("role", "name", "post", "unit_name", "start_date")},
                         reason=f"{doc_number} {reason}")
    return adjustment
