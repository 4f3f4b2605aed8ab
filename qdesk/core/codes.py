"""Codes of units: 6-digit administrative division codes (GB/T 2260), credit codes (GB 32100)."""

from __future__ import annotations

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg

# Province-level prefixes of GB/T 2260: the first two digits of every valid division code; 66 is
# the 兵团's (新疆生产建设兵团), which statistics key as a province of its own.
BINGTUAN = "66"
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "66", "71", "81", "82",
})

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_division_code(code: str) -> str:
    """A 6-digit division code with a known province prefix, or InputError."""
    text = code.strip() if isinstance(code, str) else ""
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        raise InputError(msg("division code {code!r} is not 6 digits",
                             "行政区划代码“{code}”不是6位数字", code=str(code)))
    if text[:2] not in PROVINCES:
        raise InputError(msg("division code {code!r} has no province {prefix!r}",
                             "行政区划代码“{code}”的省级代码“{prefix}”不存在",
                             code=text, prefix=text[:2]))
    return text


def division_level(code: str) -> str:
    """province, prefecture or county, read from where the code's zeros start; for the 兵团's
    codes, province (660000), division (师, 66xx00) or regiment (团场)."""
    if code.endswith("0000"):
        return "province"
    if code.startswith(BINGTUAN):
        return "division" if code.endswith("00") else "regiment"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def credit_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015, mod 31)."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def check_credit_code(code: str) -> str:
    """An 18-character unified social credit code with a correct check character, or InputError."""
    text = code.strip().upper() if isinstance(code, str) else ""
    if len(text) != 18:
        raise InputError(msg("credit code {code!r} is not 18 characters",
                             "统一社会信用代码“{code}”不是18位", code=str(code)))
    bad = [c for c in text if c not in CREDIT_ALPHABET]
    if bad:
        raise InputError(msg("credit code {code!r} holds {char!r}, which credit codes never use",
                             "统一社会信用代码“{code}”含有不允许的字符“{char}”",
                             code=text, char=bad[0]))
    expected = credit_check_character(text[:17])
    if text[17] != expected:
        raise InputError(msg("credit code {code!r} fails its check character (expected {want})",
                             "统一社会信用代码“{code}”校验码错误（应为{want}）",
                             code=text, want=expected))
    return text
