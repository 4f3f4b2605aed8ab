"""The 发文字号 register: per organ code and year, each number taken once, in order, never reused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.store import audit
from qdesk.store.database import Store, now


@dataclass(frozen=True)
class DocNumber:
    organ_code: str
    year: int
    number: int
    kind: str = ""
    title: str = ""
    issued_on: dt.date | None = None
    taken_by: str = ""
    withdrawn_reason: str | None = None

    @property
    def text(self) -> str:
        """盘质强办〔2026〕3号 (GB/T 9704 §7.2.5: 六角括号, the year in full, no leading zeros, no 第)."""
        return doc_number_text(self.organ_code, self.year, self.number)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_reason is not None


def doc_number_text(organ_code: str, year: int, number: int) -> str:
    return f"{organ_code}〔{year}〕{number}号"


def next_number(store: Store, organ_code: str, year: int) -> int:
    """The number offered next: one after the highest taken, withdrawn ones included."""
    row = store.execute("SELECT max(number) FROM doc_numbers WHERE organ_code = ? AND year = ?",
                        [organ_code, year]).fetchone()
    return (row[0] or 0) + 1


def check_free(store: Store, organ_code: str, year: int, number: int) -> None:
    """Refuse a number below 1 or one already taken (withdrawn or not): a number is given once."""
    if number < 1:
        raise InputError(Problem(msg("a document number starts at 1, not {number}",
                                     "发文字号的序号从1起，不能是{number}", number=number)))
    row = store.execute("SELECT title, withdrawn_at FROM doc_numbers WHERE organ_code = ? AND"
                        " year = ? AND number = ?", [organ_code, year, number]).fetchone()
    if row:
        taken = doc_number_text(organ_code, year, number)
        raise InputError(Problem(msg(
            "{taken} is already taken ({title}{withdrawn}); the next free number is {next}",
            "{taken}已被使用（{title}{withdrawn_zh}），下一个可用序号为{next}",
            taken=taken, title=row[0], withdrawn=", withdrawn" if row[1] else "",
            withdrawn_zh="，已撤回" if row[1] else "",
            next=next_number(store, organ_code, year))))


def take_number(store: Store, organ_code: str, issued_on: dt.date, kind: str, title: str,
                number: int | None = None) -> DocNumber:
    """Enter a number in the register for a document: the next one, or one given by hand that was
    never taken. The year is the document's date's."""
    year = issued_on.year
    with store.transaction() as db:
        number = next_number(store, organ_code, year) if number is None else number
        check_free(store, organ_code, year, number)
        row = {"organ_code": organ_code, "year": year, "number": number, "kind": kind,
               "title": title, "issued_on": issued_on.isoformat(), "taken_by": store.operator,
               "taken_at": now()}
        db.table("doc_numbers").insert(row)
        audit.record(store, "doc_numbers", doc_number_text(organ_code, year, number), "insert",
                     None, {k: row[k] for k in ("kind", "title", "issued_on")})
    return DocNumber(organ_code, year, number, kind, title, issued_on, store.operator)


def withdraw_number(store: Store, organ_code: str, year: int, number: int, reason: str) -> None:
    """Mark a document withdrawn (撤回) with a reason; its number stays taken."""
    text = doc_number_text(organ_code, year, number)
    if not reason.strip():
        raise InputError(Problem(msg("say why {text} is withdrawn", "请填写撤回{text}的原因",
                                     text=text)))
    row = store.execute("SELECT withdrawn_at FROM doc_numbers WHERE organ_code = ? AND year = ?"
                        " AND number = ?", [organ_code, year, number]).fetchone()
    if row is None:
        raise InputError(Problem(msg("{text} is not in the register", "登记簿中没有{text}",
                                     text=text)))
    if row[0]:
        raise InputError(Problem(msg("{text} is already withdrawn", "{text}已撤回", text=text)))
    with store.transaction() as db:
        db.execute("UPDATE doc_numbers SET withdrawn_by = ?, withdrawn_at = ?, withdraw_reason = ?"
                   " WHERE organ_code = ? AND year = ? AND number = ?",
                   [store.operator, now(), reason.strip(), organ_code, year, number])
        audit.record(store, "doc_numbers", text, "update", {"withdrawn": None},
                     {"withdrawn": reason.strip()}, reason=reason.strip())


def register(store: Store, year: int | None = None) -> list[DocNumber]:
    """The numbers taken, by organ code, year and number; of one year if given."""
    where, args = ("WHERE year = ?", [year]) if year is not None else ("", [])
    rows = store.query(f"SELECT * FROM doc_numbers {where} ORDER BY organ_code, year, number",
                       args)
    return [DocNumber(r["organ_code"], r["year"], r["number"], r["kind"], r["title"],
                      dt.date.fromisoformat(r["issued_on"]), r["taken_by"], r["withdraw_reason"])
            for r in rows]
