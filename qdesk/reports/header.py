"""The one place a document's header comes from: the settings of DESIGN §14 and the 发文字号
register, read before the document is built and written to the register once it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import Msg, msg
from qdesk.reports.document import Header
from qdesk.store.database import Store
from qdesk.store.doc_numbers import DocNumber, check_free, doc_number_text, next_number, take_number
from qdesk.store.settings import get_setting
from qdesk.store.units import Unit

NO_ORGAN_CODE = msg("no organ code (机关代字) is set, so the document carries no document number: "
                    "set it under Settings → Documents, or qdesk settings set organ_code",
                    "未设置机关代字，文件不编发文字号；请在“设置 → 公文”或用 qdesk settings set "
                    "organ_code 设置")


@dataclass(frozen=True)
class Issue:
    """A document about to be issued: what its header prints, and the number it takes."""

    header: Header
    organ_code: str
    number: int | None          # None: no 发文字号 (no organ code, or no letterhead at all)
    kind: str
    title: str
    day: dt.date
    warnings: tuple[Msg, ...] = ()


def issuing_organ(store: Store, home: Unit) -> str:
    """发文机关: the setting, else the office a county's quality work is usually done by."""
    return get_setting(store, "issuing_organ", f"{home.name}质量工作领导小组办公室")


def prepare(store: Store, home: Unit, kind: str, title: str, day: dt.date, upward: bool,
            number: int | None = None, fixed_number: str | None = None) -> Issue:
    """The header of a document dated `day`: the next 发文字号 of its year, or `number` given by
    hand (refused if ever taken); `fixed_number` prints a number the register does not give (the
    adjustment notice's, recorded with the adjustment)."""
    organ_code = get_setting(store, "organ_code")
    letterhead = get_setting(store, "letterhead")
    taken: int | None = None
    warnings: tuple[Msg, ...] = ()
    text = fixed_number or ""
    if letterhead != "none" and fixed_number is None:
        if organ_code:
            taken = next_number(store, organ_code, day.year) if number is None else number
            check_free(store, organ_code, day.year, taken)
            text = doc_number_text(organ_code, day.year, taken)
            if store.read_only:
                # Refused before the document is written, not after it, when its number could
                # not be entered in the register.
                raise DatabaseFileError(msg(
                    "this document takes the document number {number} from the register, which "
                    "cannot be written: the database is read-only here. Nothing was written; "
                    "copy the database to a folder you can write in, or choose no letterhead "
                    "in the settings for a document without a number",
                    "该文件要从发文登记中取用发文字号“{number}”，但数据库在此处是只读的，"
                    "无法登记。未生成任何文件；请把数据库复制到可写的文件夹，"
                    "或在设置中选择不用版头（不编发文字号）", number=text), source=str(store.path))
        else:
            warnings = (NO_ORGAN_CODE,)
    cc = tuple(line for line in get_setting(store, "cc").splitlines() if line.strip())
    header = Header(
        organ=issuing_organ(store, home), letterhead=letterhead, number=text,
        signer=get_setting(store, "signer"), upward=upward,
        sealed=get_setting(store, "seal") == "sealed", contact=get_setting(store, "contact"),
        contact_phone=get_setting(store, "contact_phone"), cc=cc,
        printed_by=get_setting(store, "printed_by"), printed_on=dt.date.today())
    return Issue(header, organ_code, taken, kind, title, day, warnings)


def take(store: Store, issue: Issue) -> DocNumber | None:
    """Enter the document's number in the register, now that the document is written (or, for
    a preview, saved or printed); refused if it was taken meanwhile."""
    if issue.number is None:
        return None
    return take_number(store, issue.organ_code, issue.day, issue.kind, issue.title,
                       issue.number)
