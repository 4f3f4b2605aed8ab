"""Settings kept in the database: operator, addressee, the document header and footer (DESIGN
§14), font folder and the like, each checked before it is stored."""

from __future__ import annotations

import re
from typing import Callable

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import Msg, msg
from qdesk.core.periods import Period
from qdesk.store import audit
from qdesk.store.database import Store

LETTERHEADS = ("print", "blank", "none")
SEALS = ("sealed", "unsealed")

LABELS: dict[str, Msg] = {
    "operator": msg("operator", "操作员"),
    "superior": msg("superior office", "上级机关"),
    "issuing_organ": msg("issuing organ", "发文机关"),
    "organ_code": msg("organ code", "机关代字"),
    "signer": msg("signer", "签发人"),
    "contact": msg("contact person", "联系人"),
    "contact_phone": msg("contact phone", "联系电话"),
    "cc": msg("copies to", "抄送"),
    "printed_by": msg("printed by", "印发机关"),
    "letterhead": msg("letterhead", "版头"),
    "seal": msg("seal layout", "用印版式"),
    "font_dir": msg("font folder", "字体文件夹"),
    "language": msg("language", "语言"),
    "backup_folder": msg("backup folder", "备份文件夹"),
    "notice_addressee": msg("notice addressee", "通知主送单位"),
    "assessment_addressee": msg("assessment notice addressee", "考核通报主送单位"),
    "calendar_from": msg("reporting calendar from", "报送日历起始报告期"),
}
KEYS = tuple(LABELS)
# What a document takes when a setting is empty: an unset letterhead is printed, an unset seal
# choice is the sealed layout (GB/T 9704 §7.3.5.1), as an office's documents normally are.
DEFAULTS = {"letterhead": "print", "seal": "sealed"}

_PHONE = re.compile(r"[0-9０-９\-－—()（）+ 、,，/转]+")
_MULTI_LINE = {"cc"}


def get_setting(store: Store, key: str, default: str = "") -> str:
    row = store.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row and row[0] else default or DEFAULTS.get(key, "")


def set_setting(store: Store, key: str, value: str) -> None:
    """Store one setting after checking it; a bad value is refused and nothing is written."""
    value = checked(key, value)
    with store.transaction() as db:
        old = get_setting(store, key)
        db.table("settings").upsert({"key": key, "value": value}, pk="key")
        audit.record(store, "settings", key, "update", {"value": old}, {"value": value})


def checked(key: str, value: str) -> str:
    """The value as it is stored (trimmed; 抄送 one organ a line), or a refusal naming the key."""
    if key not in LABELS:
        raise InputError(Problem(msg("no setting {key!r}; the settings are: {known}",
                                     "没有设置项“{key}”，可用的设置项：{known}",
                                     key=key, known="、".join(KEYS))))
    if key in _MULTI_LINE:
        value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
    else:
        if "\n" in value.strip():
            raise _refusal(key, msg("must be one line", "只能填一行"))
        value = value.strip()
    check = _CHECKS.get(key)
    if value and check:
        problem = check(value)
        if problem:
            raise _refusal(key, problem)
    return value


def _refusal(key: str, problem: Msg) -> InputError:
    return InputError(Problem(problem, field=LABELS[key].render()))


def _one_of(choices: tuple[str, ...]) -> Callable[[str], Msg | None]:
    def check(value: str) -> Msg | None:
        if value in choices:
            return None
        return msg("{value!r} is not one of {choices}", "“{value}”不是可选值（{choices}）之一",
                   value=value, choices=" | ".join(choices))
    return check


def _phone(value: str) -> Msg | None:
    digits = sum(ch.isdigit() for ch in value)
    if _PHONE.fullmatch(value) and digits >= 7:
        return None
    return msg("{value!r} is not a telephone number (digits, with - ( ) and spaces)",
               "“{value}”不是电话号码（只能是数字，可带 - （ ） 和空格）", value=value)


def _organ_code(value: str) -> Msg | None:
    if re.search(r"[\s0-9０-９〔〕\[\]（）()号]", value):
        return msg("{value!r} is not an organ code: the code alone (e.g. 盘质强办), without the "
                   "year or a number", "“{value}”不是机关代字：只填代字（如“盘质强办”），不带年份和序号",
                   value=value)
    return None


def _name(value: str) -> Msg | None:
    if re.search(r"[0-9０-９]", value):
        return msg("{value!r} is not a name: it holds digits", "“{value}”不是姓名：含有数字",
                   value=value)
    return None


def _period(value: str) -> Msg | None:
    try:
        Period.parse(value)
    except InputError:
        return msg("{value!r} is not a period such as 2024Q1, 2024H1 or 2024",
                   "“{value}”不是报告期，应如2024Q1、2024H1或2024", value=value)
    return None


_CHECKS: dict[str, Callable[[str], Msg | None]] = {
    "letterhead": _one_of(LETTERHEADS), "seal": _one_of(SEALS), "contact_phone": _phone,
    "organ_code": _organ_code, "signer": _name, "contact": _name, "calendar_from": _period,
}
