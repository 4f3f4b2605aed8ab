"""For the fuzz tests: a scratch copy of a database, its content digest, input strategies."""

from __future__ import annotations

import hashlib
import re
import shutil
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from qdesk.core.entries import NONE_WORDS
from qdesk.core.errors import QdeskError
from qdesk.core.plan import Indicator, Kind
from qdesk.store.database import Store, open_store
from qdesk.store.entries import EntryInput


def fuzz_settings(examples: int) -> settings:
    """Settings for a fuzz test: no deadline (a database write may take a few ms more some
    time), the database fixture shared across the examples of one test."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def digest(store: Store) -> str:
    """Everything in the database, as SQL, hashed: equal digests mean equal content."""
    h = hashlib.sha256()
    for line in store.db.conn.iterdump():
        h.update(line.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Scratch:
    """A working copy of a master database, restored from the master after an accepted change.

    A refused input must leave the copy exactly as it was, so the same copy serves every example
    until one is accepted; only then is it copied afresh.
    """

    def __init__(self, master: Path, folder: Path) -> None:
        self.master = master
        self.path = folder / master.name
        self.store: Store | None = None
        self.reset()

    def begin(self) -> None:
        """Start an example on the master's content: copy it afresh if anything was written."""
        if self.store.db.conn.total_changes != self._written:
            self.reset()

    def reset(self) -> None:
        if self.store is not None:
            self.store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copy(self.master, self.path)
        self.store = open_store(self.path)
        self.before = digest(self.store)
        self._written = self.store.db.conn.total_changes

    def assert_unchanged(self) -> None:
        assert not self.store.db.conn.in_transaction, "a transaction was left open"
        assert digest(self.store) == self.before, "a refused input changed the database"

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def assert_refusal(exc: QdeskError) -> None:
    """A refusal fit to show a clerk: a message in both languages, each printable as UTF-8."""
    for lang in ("zh", "en"):
        text = exc.render(lang)
        assert text.strip()
        text.encode("utf-8")


# Text a clerk, a spreadsheet or a damaged file may put where a figure goes.
NUMBER_TEXTS = st.sampled_from([
    "0", "1", "12", "95", "95.5", "100", "100.0", "101", "-1", "-0", "+5", "0.0", "5.", ".5",
    "1,234", "1,23", "12,34,5", "1,234.5", "９５．５", "１２", "１，２００", "－５", "＋５",
    "1e309", "1e5", "1E+2", "nan", "NaN", "inf", "-inf", "∞", "Infinity", "0x10", "1_000",
    "5²", "²", "①", "٣", "३", "߁", "𝟗", "½", "十二", "9" * 20, "9" * 400, str(2**63),
    str(2**63 - 1), str(10**15), str(10**15 - 1), "0." + "0" * 40 + "1", " 95 ", "\u300095\u3000",
    "\t12\n", "9 5", "\u200f95", "95\u200e", "\u202e59", "\x0095", "9\x005", "\x1f95", "95\x7f",
    "1.2.3", "12%", "", " ", "是", "否", "yes", "No", "TRUE", "true", "完成", "未完成", "Y",
])
NUMBER_ALPHABET = st.sampled_from(list("0123456789０１２３４５６７８９.,．，+-－＋ eE%")
                                  + ["\u3000", "\t", "\n", "\x00", "\u200f", "\u202e", "²", "٣"])
FIELD_TEXT = st.one_of(
    NUMBER_TEXTS,
    st.text(NUMBER_ALPHABET, max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=12),
)


# The rules of DESIGN.md §3 and §4, written out again independently of qdesk.core.entries.
_FULL_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．，＋－"}
_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_FLAGS = {"1": 1, "0": 0, "是": 1, "否": 0, "yes": 1, "no": 0, "y": 1, "n": 0, "true": 1,
          "false": 0, "完成": 1, "未完成": 0}
_LIMIT = Decimal(10) ** 15          # beyond what a county counts, or SQLite stores as an integer
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _number(text: str) -> Decimal | None:
    """A decimal as typed (ASCII or full-width digits, 1,234 grouping), else None."""
    text = text.translate(_FULL_WIDTH).strip()
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _PLAIN.fullmatch(text):
        return None
    number = Decimal(text)
    if abs(number) >= _LIMIT:
        return None
    return abs(number) if number.is_zero() else number


def expected_row(indicator: Indicator, item: EntryInput) -> tuple | None:
    """(numerator, denominator, value) as stored for a valid item, None for one to refuse."""
    if item.note and _CONTROL.search(item.note):
        return None         # a sheet cannot hold it: exporting it would fail
    cells = (item.numerator, item.denominator, item.value)
    if item.none or any(c is not None and c.strip() in NONE_WORDS for c in cells):
        if indicator.kind is Kind.FLAG or any(not _blank(c) and c.strip() not in NONE_WORDS
                                              for c in cells):
            return None
        return None, None, None
    if indicator.kind is Kind.RATE:
        if not _blank(item.value) or _blank(item.numerator) or _blank(item.denominator):
            return None
        num, den = _number(item.numerator), _number(item.denominator)
        if num is None or den is None or num != num.to_integral_value() \
                or den != den.to_integral_value() or num < 0 or not 0 < den or num > den:
            return None
        return int(num), int(den), None
    if not (_blank(item.numerator) and _blank(item.denominator)) or _blank(item.value):
        return None
    if indicator.kind is Kind.FLAG:
        flag = _FLAGS.get(item.value.strip().lower())
        return None if flag is None else (None, None, str(flag))
    number = _number(item.value)
    if number is None:
        return None
    if indicator.kind is Kind.COUNT:
        if number != number.to_integral_value() or number < 0:
            return None
        number = number.to_integral_value()
    elif indicator.unit == "%" and not 0 <= number <= 100:
        return None
    return None, None, str(number)


def stored_figure(store: Store, unit_code: str, period: str, code: str) -> tuple | None:
    """(numerator, denominator, value, note) of one stored entry, None if there is none."""
    return store.db.execute(
        "SELECT e.numerator, e.denominator, e.value, e.note FROM entries e"
        " JOIN units u ON u.id = e.unit_id JOIN indicators i ON i.id = e.indicator_id"
        " WHERE u.code = ? AND e.period = ? AND i.code = ?", [unit_code, period, code]).fetchone()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6)
