"""Fuzzing every import: packages, entry sheets (CSV, xlsx) and rosters (text, xlsx).

Whatever arrives is either imported exactly as it is written, or refused with a message for the
clerk (a QdeskError) and the database left exactly as it was: never a traceback, never half.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import struct
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from qdesk.core.errors import QdeskError
from qdesk.core.periods import Period
from qdesk.exchange.imports import import_files
from qdesk.store.entries import EntryInput
from qdesk.store.plans import load_plan
from tests.exchange.sealing import remember, sign, with_keyword
from tests.fuzzing import (FIELD_TEXT, JSON_VALUES, NUMBER_TEXTS, Scratch, assert_refusal,
                           expected_row, fuzz_settings, stored_figure)

Q4 = Period.parse("2020Q4")
PACKAGE_EXAMPLES = 150
SHEET_EXAMPLES = 150
XLSX_EXAMPLES = 75
ROSTER_EXAMPLES = 150


@pytest.fixture(scope="module")
def county_package(demo_master, tmp_path_factory):
    """The demo county's real 2020Q4 package: its three files, as bytes."""
    import shutil

    from qdesk.submission import build_package
    from qdesk.store.database import open_store

    folder = tmp_path_factory.mktemp("county")
    shutil.copy(demo_master, folder / "county.qdesk")
    with open_store(folder / "county.qdesk") as store:
        path = build_package(store, Q4, folder)
    remember(folder / "county.qdesk")
    with zipfile.ZipFile(path) as archive:
        return Files({name: archive.read(name) for name in archive.namelist()})


class Files(dict):
    """A package's files by name; shown by name only in a failing example."""

    def __repr__(self) -> str:
        return f"Files({sorted(self)})"


@pytest.fixture(scope="module")
def city_master(tmp_path_factory):
    """The prefecture the county reports to, with the county as its subordinate unit."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    path = tmp_path_factory.mktemp("city") / "city.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    with open_store(path) as store:
        add_subordinate(store, "211122", "盘山县", "county")
    return path


@pytest.fixture
def city(city_master, tmp_path):
    scratch = Scratch(city_master, tmp_path)
    yield scratch
    scratch.close()


@pytest.fixture
def county(demo_master, tmp_path):
    scratch = Scratch(demo_master, tmp_path)
    yield scratch
    scratch.close()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_zip(path: Path, members: list[tuple[str, bytes]],
              compression: int = zipfile.ZIP_STORED) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")             # a name twice, on purpose
        with zipfile.ZipFile(path, "w", compression) as archive:
            for name, body in members:
                archive.writestr(name, body)
    return path


# --- submission packages ---------------------------------------------------------------------

def import_package(scratch: Scratch, path: Path, replace: bool = False,
                   dry_run: bool = False):
    """The import's summary, or None when it was refused (and the database checked untouched)."""
    scratch.begin()
    try:
        summary = import_files(scratch.store, [path], replace=replace, dry_run=dry_run)
    except QdeskError as exc:
        assert_refusal(exc)
        scratch.assert_unchanged()
        event("refused")
        return None
    event("accepted")
    if dry_run:
        scratch.assert_unchanged()
    return summary


def assert_package_landed(scratch: Scratch, path: Path, data: dict) -> None:
    """Every figure of the package is in the database as the package has it, and on record."""
    store = scratch.store
    plan = load_plan(store)
    rows = data["entries"]
    for row in rows:
        indicator = plan.indicator(row["indicator"])
        texts = [None if row.get(k) is None else str(row[k])
                 for k in ("numerator", "denominator", "value")]
        note = row.get("note")
        assert note is None or isinstance(note, str)
        expected = expected_row(indicator, EntryInput(indicator.code, *texts, note))
        assert expected is not None, f"accepted {row!r}"
        assert stored_figure(store, str(row["unit"]), str(Period.parse(str(row["period"]))),
                             indicator.code) == (*expected, (note or "").strip() or None)
    keys = [(str(r["unit"]), str(Period.parse(str(r["period"]))), r["indicator"]) for r in rows]
    assert len(set(keys)) == len(keys), "a package holding one figure twice was accepted"
    recorded = store.db.execute("SELECT sha256 FROM packages WHERE replaced_by IS NULL"
                                ).fetchall()
    assert recorded == [(sha256(path.read_bytes()),)]


def package_members(files: dict[str, bytes], manifest: dict, data_bytes: bytes | None = None,
                    rehash: bool = True) -> list[tuple[str, bytes]]:
    """The files with the manifest given, signed again with the county's key; with `data_bytes`
    and `rehash`, the report's digest and the manifest's hashes made to match them too."""
    files = dict(files)
    if data_bytes is not None:
        files["data.json"] = data_bytes
        if rehash and isinstance(manifest.get("files"), dict):
            files["report.pdf"] = with_keyword(files["report.pdf"], data_bytes)
            manifest["files"]["data.json"] = sha256(data_bytes)
            manifest["files"]["report.pdf"] = sha256(files["report.pdf"])
    files["manifest.json"] = json.dumps(manifest).encode("utf-8")
    return list(sign(files).items())


MEMBER_NAMES = st.one_of(
    st.sampled_from(["manifest.json", "data.json", "report.pdf", "../manifest.json",
                     "/data.json", "\\report.pdf", "C:/data.json", "c:\\manifest.json",
                     "a/../data.json", "./data.json", "data.json/", "..", "x/manifest.json",
                     "MANIFEST.JSON", "data.json ", "report\u202efdp.pdf", "数据.json",
                     "manifest.json\x00.exe", "../../../../etc/passwd"]),
    st.text(min_size=1, max_size=12)).filter(lambda name: name.split("\x00")[0])


@fuzz_settings(PACKAGE_EXAMPLES)
@given(raw=st.one_of(st.binary(max_size=600),
                     st.binary(max_size=600).map(lambda b: b"PK\x03\x04" + b),
                     st.binary(max_size=600).map(lambda b: b"PK\x05\x06" + b)))
def test_random_bytes_are_refused_as_a_package(city, tmp_path, raw):
    path = tmp_path / "211122-2020Q4.qdpkg"
    path.write_bytes(raw)
    assert import_package(city, path) is None


@fuzz_settings(PACKAGE_EXAMPLES)
@given(members=st.lists(st.tuples(MEMBER_NAMES, st.one_of(
           st.binary(max_size=200), JSON_VALUES.map(lambda v: json.dumps(v).encode()))),
           max_size=5),
       compression=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                    zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
def test_random_zips_are_refused_as_a_package(city, tmp_path, members, compression):
    path = write_zip(tmp_path / "211122-2020Q4.qdpkg", members, compression)
    assert import_package(city, path) is None


@fuzz_settings(PACKAGE_EXAMPLES)
@given(data=st.data())
def test_the_real_package_with_changed_member_names_is_refused_unless_they_are_its_own(
        city, county_package, tmp_path, data):
    members = list(county_package.items())
    edits = data.draw(st.lists(st.tuples(st.sampled_from(["rename", "drop", "twice", "add"]),
                                         st.integers(0, 2), MEMBER_NAMES), max_size=3))
    for action, index, name in edits:
        if not members:
            break
        index %= len(members)
        if action == "rename":
            members[index] = (name, members[index][1])
        elif action == "drop":
            del members[index]
        elif action == "twice":
            members.append(members[index])
        else:
            members.append((name, b"{}"))
    path = write_zip(tmp_path / "211122-2020Q4.qdpkg", members)
    if import_package(city, path) is not None:
        # zipfile reads a name up to a NUL, as the archive's own tools do
        assert sorted(n.split("\x00")[0] for n, _ in members) == sorted(county_package)
        assert_package_landed(city, path, json.loads(county_package["data.json"]))


MANIFEST_KEYS = [("format",), ("version",), ("unit",), ("unit", "code"), ("unit", "name"),
                 ("unit", "level"), ("plan",), ("plan", "id"), ("plan", "title"), ("period",),
                 ("created_at",), ("app_version",), ("sequence",), ("key",), ("files",),
                 ("files", "data.json"),
                 ("files", "report.pdf"), ("files", "other.txt"), ("extra",)]
NEAR_MANIFEST = st.sampled_from([
    "qdesk-package", "qdesk-plan", 1, 2, 0, True, 1.0, "1", "panjin-2014", "bingtuan-2016",
    "PANJIN-2014", " panjin-2014", "2020Q4", "2020Q3", "2020", "2020H2", "2021Q1", "2013Q4",
    "2020Q5", "２０２０Q4", "211122", "211100", "211122101", "999999", " 211122", "", None, [],
    {}, "0" * 64, "\ud800", "county", "盘山县"])
DELETE = object()


def _edit(document: dict, path: tuple, value) -> None:
    """Set (or delete) the value at a path of keys, if the path still leads through objects."""
    for key in path[:-1]:
        document = document.get(key) if isinstance(document, dict) else None
    if not isinstance(document, dict):
        return
    if value is DELETE:
        document.pop(path[-1], None)
    else:
        document[path[-1]] = value


@fuzz_settings(PACKAGE_EXAMPLES)
@given(edits=st.lists(st.tuples(st.sampled_from(MANIFEST_KEYS),
                                st.one_of(NEAR_MANIFEST, JSON_VALUES, st.just(DELETE))),
                      min_size=1, max_size=3),
       replace=st.booleans(), dry_run=st.booleans())
def test_a_changed_manifest_is_refused_or_the_package_imported_exactly(
        city, county_package, tmp_path, edits, replace, dry_run):
    manifest = json.loads(county_package["manifest.json"])
    for path, value in edits:
        if path[-1] == "data.json" and value == "0" * 64:
            value = sha256(county_package["data.json"]).upper()
        _edit(manifest, path, value)
    package = write_zip(tmp_path / "211122-2020Q4.qdpkg",
                        package_members(county_package, manifest))
    if import_package(city, package, replace, dry_run) is not None and not dry_run:
        assert_package_landed(city, package, json.loads(county_package["data.json"]))


ENTRY_FIELDS = ["indicator", "unit", "period", "numerator", "denominator", "value", "note",
                "extra"]
NEAR_ENTRY = st.one_of(
    st.sampled_from(["P01", "P02", "P05", "B01", "X99", "p02", "P02 ", "211122", "211100",
                     "211122101", "2020Q4", "2020", "2020H2", "2020Q3", "2019Q4", "2021Q1",
                     "2020Q5", 0, 1, 95, 1047, 95.5, 95.0, -1, 10**20, 2**63, 1e309, 1e-7,
                     float("nan"), True, False, None, "", "\ud800", "备注\u202e", "\x00"]),
    NUMBER_TEXTS, st.integers(), st.floats(), JSON_VALUES)


@st.composite
def changed_data(draw, original: dict):
    """data.json with some of its figures, or all of it, changed."""
    data = json.loads(json.dumps(original))
    entries = data["entries"]
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["set", "set", "set", "drop", "twice", "add", "delete",
                                       "entries", "whole"]))
        index = draw(st.integers(0, max(len(entries) - 1, 0)))
        if action == "set" and entries and isinstance(entries[index], dict):
            entries[index][draw(st.sampled_from(ENTRY_FIELDS))] = draw(NEAR_ENTRY)
        elif action == "delete" and entries and isinstance(entries[index], dict):
            entries[index].pop(draw(st.sampled_from(ENTRY_FIELDS)), None)
        elif action == "drop" and entries:
            del entries[index]
        elif action == "twice" and entries:
            entries.append(dict(entries[index]) if isinstance(entries[index], dict)
                           else entries[index])
        elif action == "add":
            entries.append(draw(st.one_of(
                st.fixed_dictionaries({k: NEAR_ENTRY for k in ENTRY_FIELDS[:7]}), JSON_VALUES)))
        elif action == "entries":
            data["entries"] = draw(JSON_VALUES)
            break
        elif action == "whole":
            data = draw(JSON_VALUES)
            break
    return data


@fuzz_settings(PACKAGE_EXAMPLES)
@given(data=st.data(), rehash=st.integers(0, 9).map(bool))
def test_changed_figures_are_refused_or_imported_exactly(city, county_package, tmp_path, data,
                                                         rehash):
    original = json.loads(county_package["data.json"])
    changed = data.draw(changed_data(original))
    text = json.dumps(changed, ensure_ascii=data.draw(st.booleans()) or _has_surrogate(changed))
    manifest = json.loads(county_package["manifest.json"])
    package = write_zip(tmp_path / "211122-2020Q4.qdpkg", package_members(
        county_package, manifest, text.encode("utf-8"), rehash))
    if import_package(city, package) is not None:
        assert rehash or changed == original
        assert_package_landed(city, package, changed)


def _has_surrogate(value) -> bool:
    return "\\ud8" in json.dumps(value) or "\\udc" in json.dumps(value)


def _headers(raw: bytes) -> list[tuple[str, int]]:
    """Where the zip's local and central headers start."""
    found = []
    for signature, kind in ((b"PK\x03\x04", "local"), (b"PK\x01\x02", "central"),
                            (b"PK\x05\x06", "end")):
        start = raw.find(signature)
        while start >= 0:
            found.append((kind, start))
            start = raw.find(signature, start + 1)
    return found


# Offsets within each header of the fields a damaged or hostile zip gets wrong.
HEADER_FIELDS = {"local": {"flags": (6, "<H"), "method": (8, "<H"), "crc": (14, "<I"),
                           "compressed": (18, "<I"), "size": (22, "<I"), "name_length": (26, "<H")},
                 "central": {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"),
                             "compressed": (20, "<I"), "size": (24, "<I"),
                             "name_length": (28, "<H"), "offset": (42, "<I")},
                 "end": {"entries": (10, "<H"), "directory_size": (12, "<I"),
                         "directory_offset": (16, "<I")}}


@fuzz_settings(PACKAGE_EXAMPLES)
@given(data=st.data())
def test_a_damaged_or_hostile_zip_is_refused(city, county_package, tmp_path, data):
    members = list(county_package.items())
    members[2] = ("report.pdf", b"%PDF-1.4 short\n")   # small, so the fuzz reaches every header
    manifest = json.loads(county_package["manifest.json"])
    manifest["files"]["report.pdf"] = sha256(members[2][1])
    clean = write_zip(tmp_path / "clean.qdpkg", package_members(dict(members), manifest),
                      data.draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])))
    raw = bytearray(clean.read_bytes())
    headers = _headers(bytes(raw))
    for _ in range(data.draw(st.integers(1, 3))):
        if data.draw(st.integers(0, 3)):
            kind, start = data.draw(st.sampled_from(headers))
            offset, form = data.draw(st.sampled_from(sorted(HEADER_FIELDS[kind].values())))
            width = struct.calcsize(form)
            value = data.draw(st.one_of(
                st.sampled_from([0, 1, 8, 9, 12, 14, 99, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF,
                                 64 * 1024 * 1024 + 1]),
                st.integers(0, 256 ** width - 1)))
            struct.pack_into(form, raw, start + offset, value % 256 ** width)
        else:
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.integers(0, 4)) == 0:
        del raw[data.draw(st.integers(0, len(raw) - 1)):]
    path = tmp_path / "211122-2020Q4.qdpkg"
    path.write_bytes(bytes(raw))
    if import_package(city, path) is not None:
        assert_package_landed(city, path, json.loads(county_package["data.json"]))


# --- entry sheets ------------------------------------------------------------------------------

UNITS = ["211122001", "211122100", "211122101", "211122102", "211122103", "211122104",
         "211122400"]
DUE = [(code, "2020Q4") for code in ("P02", "P03", "P04", "E01", "E02", "E03")] + \
      [(code, "2020") for code in ("P01", "P05", "S01", "S02", "B01", "B02", "E04")]
# Column names a sheet may use, and the field each stands for (DESIGN.md §9, entry_sheet.py).
ALIASES = {"单位代码": "unit", "unit": "unit", "unit_code": "unit", "指标代码": "indicator",
           "indicator": "indicator", "indicator_code": "indicator", "报告期": "period",
           "period": "period", "分子": "numerator", "numerator": "numerator",
           "分母": "denominator", "denominator": "denominator", "数值": "value",
           "value": "value", "备注": "note", "note": "note", "无此项": "none",
           "not_applicable": "none"}
# What a 无此项 column's cell may say: yes, or no (entry_sheet.py); anything else is refused.
NONE_YES = {"无此项", "是", "√", "✓", "1", "y", "yes"}
NONE_NO = {"", "否", "0", "n", "no"}
FIELDS = ["unit", "indicator", "period", "numerator", "denominator", "value", "note"]
CHINESE = ["单位代码", "指标代码", "报告期", "分子", "分母", "数值", "备注"]
ENGLISH = ["unit", "indicator", "period", "numerator", "denominator", "value", "note"]
NEAR_FIELD = {
    "unit": st.sampled_from(["211122", "211100", "999", "", " 211122101 ", "211122101\u200f",
                             "２１１１２２１０１", "211122101.0"]),
    "indicator": st.sampled_from(["X99", "p02", " P02 ", "P02\x00", "Ｐ０２", "", "P01", "B01",
                                  "P02"]),
    "period": st.sampled_from(["2020Q4", "2020", "2020H2", "2020Q3", "2019Q4", "2021Q1",
                               "2020Q5", "２０２０Q4", "2020q4", " 2020Q4 ", "", "2020Q4\u200f"]),
    "numerator": NUMBER_TEXTS, "denominator": NUMBER_TEXTS, "value": NUMBER_TEXTS,
    "note": st.sampled_from(["复核", " 已核实 ", "=1+1", "-2", "@x", "\u202e备注", "a\x00b"]),
}


@st.composite
def sheet_rows(draw):
    """A valid sheet's rows (figures of one year for known units), then some cells changed."""
    keys = draw(st.lists(st.tuples(st.sampled_from(UNITS), st.sampled_from(DUE)), min_size=1,
                         max_size=5, unique=True))
    rows = []
    for unit, (code, period) in keys:
        row = {"unit": unit, "indicator": code, "period": period, "numerator": "",
               "denominator": "", "value": "", "note": draw(st.sampled_from(["", "复核"]))}
        if code.startswith(("P0", "E0")) and period == "2020Q4":
            den = draw(st.integers(1, 2000))
            row.update(numerator=str(draw(st.integers(0, den))), denominator=str(den))
        elif code.startswith(("B", "E")):
            row["value"] = str(draw(st.integers(0, 50)))
        else:
            row["value"] = str(draw(st.decimals(0, 100, places=1)))
        rows.append(row)
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.sampled_from(rows))
        field = draw(st.sampled_from(FIELDS))
        row[field] = draw(st.one_of(NEAR_FIELD[field], FIELD_TEXT))
    return rows


HEADERS = st.one_of(
    st.just(CHINESE), st.just(ENGLISH),
    st.permutations(CHINESE),
    st.lists(st.sampled_from(CHINESE + ENGLISH + ["UNIT", " 分子 ", "unit_code", "指标", "目标",
                                                 "Indicator_Code", "數值", ""]),
             min_size=1, max_size=9),
    st.lists(st.text(max_size=6), max_size=8))


def header_fields(header: list[str]) -> dict[int, str]:
    """Which field each column holds: by its stripped name, or the name in lower case."""
    columns = {}
    for index, name in enumerate(header):
        name = name.strip()
        field = ALIASES.get(name) or ALIASES.get(name.lower())
        if field:
            columns[index] = field
    return columns


def expected_sheet(store, rows: list[dict[str, str]]) -> list[tuple] | None:
    """What a sheet's rows must store (unit, period, code, stored row), or None to refuse it."""
    from qdesk.store.locks import active_locks

    plan = load_plan(store)
    units = {r[0] for r in store.db.execute("SELECT code FROM units")}
    locks = active_locks(store)
    if not rows:
        return None
    out, seen, year = [], set(), None
    for f in rows:
        if f["unit"] not in units:
            return None
        try:
            period = Period.parse(f["period"])
        except QdeskError:
            return None
        year = period.year if year is None else year
        if period.year != year:
            return None
        key = (f["unit"], str(period), f["indicator"])
        indicator = plan.indicator(f["indicator"])
        note = (f.get("note") or "").strip()
        blank = not any((f[c] or "").strip() for c in ("numerator", "denominator", "value"))
        marked = (f.get("none") or "").strip().lower()
        if marked not in NONE_YES | NONE_NO:
            return None
        none, note = _note_says_none(note, blank)
        none = none or marked in NONE_YES
        if blank and not none:
            if indicator is None or note:
                return None         # a note alone would be lost
            continue                # 未填报
        if period.year != year or key in seen or indicator is None \
                or not plan.covers(period.year) or indicator.frequency is not period.frequency \
                or any(lock.reports(period) for lock in locks):
            return None
        seen.add(key)
        row = expected_row(indicator, EntryInput(indicator.code, f["numerator"],
                                                 f["denominator"], f["value"], note, none))
        if row is None:
            return None
        out.append((f["unit"], str(period), indicator.code, (*row, note or None)))
    return out or None          # a sheet of blank rows is refused as empty


def _note_says_none(note: str, blank: bool) -> tuple[bool, str]:
    """无此项 in a 备注: the whole note (无 alone only without figures), or its opening word."""
    if note in ("无此项", "本期无此项") or (note == "无" and blank):
        return True, ""
    for word in ("本期无此项", "无此项"):
        if note.startswith(word) and note[len(word):][:1] in list("：:，,；; "):
            return True, note[len(word):].lstrip("：:，,；; ")
    return False, note


def import_sheet(scratch: Scratch, path: Path, expected: list | None, strict: bool = True):
    """Import one sheet: it must land exactly as expected, or be refused leaving nothing changed.

    Not strict: a refusal is taken even where the expectation was to accept.
    """
    scratch.begin()
    try:
        import_files(scratch.store, [path])
    except QdeskError as exc:
        assert_refusal(exc)
        scratch.assert_unchanged()
        assert not (strict and expected is not None), f"refused a valid sheet: {expected}"
        event("refused")
        return False
    event("accepted")
    assert expected is not None, "accepted a sheet that breaks a rule"
    for unit, period, code, row in expected:
        assert stored_figure(scratch.store, unit, period, code) == row
    return True


def csv_text(header: list[str], table: list[list[str]], terminator: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=terminator).writerows([header, *table])
    return out.getvalue()


@fuzz_settings(SHEET_EXAMPLES)
@given(rows=sheet_rows(), header=HEADERS,
       encoding=st.sampled_from(["utf-8-sig", "utf-8", "gb18030"]),
       terminator=st.sampled_from(["\r\n", "\n"]), blank_lines=st.booleans())
def test_a_csv_sheet_is_imported_exactly_or_refused_whole(county, tmp_path, rows, header,
                                                         encoding, terminator, blank_lines):
    columns = header_fields(header)
    table = [[row.get(columns.get(i), "") if i in columns else "" for i in range(len(header))]
             for row in rows]
    if blank_lines:
        table.insert(len(table) // 2, [" "] * len(header))
    text = csv_text(header, table, terminator)
    raw = text.encode(encoding)
    # GB18030 bytes that are also valid UTF-8 read as UTF-8: no reader can tell them apart.
    assume(encoding != "gb18030" or text.isascii() or not _is_utf8(raw))
    # Each row as the sheet holds it: the last column of a field counts, cells stripped.
    fields = []
    for cells in table:
        if not any(c.strip() for c in cells):
            continue
        fields.append({**{f: "" for f in FIELDS if f != "note"},
                       **{field: cells[i].strip() for i, field in sorted(columns.items())}})
    required = {"unit", "indicator", "period", "numerator", "denominator", "value"}
    expected = (expected_sheet(county.store, fields)
                if required <= set(columns.values()) else None)
    path = tmp_path / "sheet.csv"
    path.write_bytes(raw)
    import_sheet(county, path, expected)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@fuzz_settings(SHEET_EXAMPLES)
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(str.encode),
                     st.text(max_size=200).map(lambda t: t.encode("gb18030")),
                     st.text(max_size=200).map(lambda t: ("单位代码,指标代码,报告期,分子,分母,数值\n"
                                                          + t).encode("gb18030"))),
       suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".xlsm", ".CSV"]))
def test_random_bytes_are_refused_as_an_entry_sheet(county, tmp_path, raw, suffix):
    path = tmp_path / f"sheet{suffix}"
    path.write_bytes(raw)
    import_sheet(county, path, None)



def _as_cell(draw, text: str):
    """A sheet's text as a spreadsheet may hold it: text, a number, or something else entirely."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    choice = draw(st.integers(0, 9))
    if choice <= 4:
        return ILLEGAL_CHARACTERS_RE.sub("", text)
    if choice <= 7:
        try:
            number = float(text)
        except ValueError:
            return ILLEGAL_CHARACTERS_RE.sub("", text)
        return int(number) if number.is_integer() and draw(st.booleans()) else number
    return draw(st.one_of(
        st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(),
        st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
        st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)), st.times(),
        st.sampled_from(["=1+1", "=SUM(A1:A2)", "=A1", "#N/A", "#DIV/0!", "#REF!", "#VALUE!"])))


def _read_back(path: Path) -> list[list[tuple]]:
    """Every cell of the first sheet as openpyxl reads it back: (value, data type)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)   # no file left open
    try:
        return [[(c.value, c.data_type) for c in row] for row in book.worksheets[0].iter_rows()]
    finally:
        book.close()


def _text(value) -> str:
    """A cell as a clerk typed it: 12.0 stored for 12 is 12."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def expected_xlsx(store, cells: list[list[tuple]]) -> list[tuple] | None:
    if not cells:
        return None
    columns = header_fields([str(v or "") for v, _ in cells[0]])
    if not {"unit", "indicator", "period", "numerator", "denominator", "value"} <= set(
            columns.values()):
        return None
    fields = []
    for row in cells[1:]:
        values = {}
        for index, field in sorted(columns.items()):
            value, kind = row[index] if index < len(row) else (None, "n")
            if kind in ("f", "e"):
                return None
            values[field] = _text(value)
        if any(values.values()):
            fields.append({"note": "", **values})
    return expected_sheet(store, fields)


@fuzz_settings(XLSX_EXAMPLES)
@given(data=st.data(), rows=sheet_rows(), header=HEADERS)
def test_an_xlsx_sheet_is_imported_exactly_or_refused_whole(county, tmp_path, data, rows,
                                                           header):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    columns = header_fields(header)
    book = Workbook()
    sheet = book.active
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", h) for h in header])
    for row in rows:
        sheet.append([_as_cell(data.draw, row.get(columns[i], "")) if i in columns else
                      data.draw(st.sampled_from([None, "", "x"])) for i in range(len(header))])
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    import_sheet(county, path, expected_xlsx(county.store, _read_back(path)))


@pytest.fixture(scope="module")
def blank_sheet(demo_master, tmp_path_factory):
    """The blank 2020Q4 entry sheet the demo county sends its first township."""
    import shutil

    from qdesk.exchange.blank_sheet import write_blank_sheets
    from qdesk.store.database import open_store

    folder = tmp_path_factory.mktemp("sheets")
    shutil.copy(demo_master, folder / "county.qdesk")
    with open_store(folder / "county.qdesk") as store:
        return Workbook(write_blank_sheets(store, Q4, folder)[0].read_bytes())


class Workbook(bytes):
    """A workbook file's bytes; shown by size only in a failing example."""

    def __repr__(self) -> str:
        return f"Workbook({len(self)} bytes)"


def _filled(data, raw: bytes):
    """The blank sheet with every figure filled in as asked (numerator ≤ denominator)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw))
    sheet = book.worksheets[0]
    for row in range(2, sheet.max_row + 1):
        den = data.draw(st.integers(1, 2000))
        sheet.cell(row, 4).value = data.draw(st.integers(0, den))
        sheet.cell(row, 5).value = den
        sheet.cell(row, 8).value = data.draw(st.sampled_from([None, "复核", " 已核实 "]))
    return book


def _layout_of(book) -> dict | None:
    from qdesk.exchange.blank_sheet import LAYOUT_SHEET

    if LAYOUT_SHEET not in book.sheetnames:
        return None
    try:
        layout = json.loads(book[LAYOUT_SHEET]["A1"].value)
    except (TypeError, ValueError):
        return None
    return layout if isinstance(layout, dict) else None


@fuzz_settings(XLSX_EXAMPLES)
@given(data=st.data())
def test_a_changed_blank_sheet_is_imported_exactly_or_refused_whole(county, blank_sheet,
                                                                   tmp_path, data):
    from qdesk.exchange.blank_sheet import LAYOUT_SHEET

    book = _filled(data, blank_sheet)
    original = _layout_of(book)
    sheet = book.worksheets[0]
    for _ in range(data.draw(st.integers(0, 3))):
        action = data.draw(st.sampled_from(["cell", "cell", "cell", "delete", "insert",
                                            "layout", "drop layout"]))
        if action == "cell":
            text = data.draw(st.one_of(NUMBER_TEXTS, NEAR_FIELD["unit"], NEAR_FIELD["period"],
                                       NEAR_FIELD["indicator"]))
            sheet.cell(data.draw(st.integers(1, 9)), data.draw(st.integers(1, 13))).value = \
                _as_cell(data.draw, text)
        elif action == "delete":
            sheet.delete_rows(data.draw(st.integers(1, 8)))
        elif action == "insert":
            sheet.insert_rows(data.draw(st.integers(1, 8)))
        elif action == "layout" and LAYOUT_SHEET in book.sheetnames:
            book[LAYOUT_SHEET]["A1"].value = data.draw(st.one_of(
                st.sampled_from(["5", "[1]", "{}", '{"header": 5, "rows": []}',
                                 '{"header": [], "rows": [5]}', '{"rows": [[1]]}', "null",
                                 '{"header": ["单位代码"], "rows": [["x", 1]]}']),
                JSON_VALUES.map(json.dumps)))
        elif action == "drop layout" and LAYOUT_SHEET in book.sheetnames:
            del book[LAYOUT_SHEET]
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    layout = _layout_of(book)
    checked = isinstance(layout, dict) and isinstance(layout.get("header"), list) \
        and isinstance(layout.get("rows"), list) and all(isinstance(r, list)
                                                           for r in layout["rows"])
    expected = expected_xlsx(county.store, _read_back(path))
    # A sheet that still carries its layout is held to it: more may be refused, never less.
    if import_sheet(county, path, expected, strict=not checked) and checked:
        assert layout == original
        cells = _read_back(path)
        assert [v for v, _ in cells[0][:len(layout["header"])]] == layout["header"]
        figures = [r for r in cells[1:] if any(v not in (None, "") for v, _ in r)]
        assert [[_text(v) for v, _ in r[:3]] for r in figures] == layout["rows"]


# A place in a file, drawn without looking at the file's length: a saved workbook's length
# changes with the clock (its compressed timestamps), and what is drawn must not.
_PLACE = st.integers(0, 2 ** 20)


def _damage(data, raw: bytes) -> bytes:
    """A workbook with one of its XML parts broken, or its bytes changed."""
    if data.draw(st.booleans()):
        damaged = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 4))):
            damaged[data.draw(_PLACE) % len(damaged)] = data.draw(st.integers(0, 255))
        return bytes(damaged)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    part = bytearray(parts[name])
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(_PLACE) % (len(part) + 1)
        how = data.draw(st.integers(0, 3))
        if how == 0:
            part[at:at] = data.draw(st.sampled_from([
                b'<', b'>', b'"', b' t="e"', b' t="s"', b' t="b"', b' t="n"', b' r="ZZ0"',
                b' s="999"', b'<v>abc</v>', b'<v>1e999</v>', b'<f>A1</f>', b' xx="1"',
                b'<c r="A1" t="s"><v>9</v></c>', b'&bogus;', b'\x00']))
        elif how == 1:
            del part[at:]
        elif how == 2 and at < len(part):
            part[at] = data.draw(st.integers(32, 126))
        elif len(part) > 1:
            del part[at:at + data.draw(st.integers(1, 40))]
    parts[name] = bytes(part)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, body in parts.items():
            archive.writestr(part_name, body)
    return out.getvalue()


@fuzz_settings(XLSX_EXAMPLES)
@given(data=st.data())
def test_a_damaged_workbook_is_refused_as_a_sheet_and_as_a_roster(county, blank_sheet,
                                                                  tmp_path, data):
    from qdesk.exchange.roster_file import read_roster_file

    book = _filled(data, blank_sheet)
    if data.draw(st.booleans()):
        book.worksheets[0].insert_rows(1)
        for column, name in enumerate(["职务类别", "姓名", "职务"], start=1):
            book.worksheets[0].cell(1, column).value = name
    clean = io.BytesIO()
    book.save(clean)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(_damage(data, clean.getvalue()))
    try:
        expected = expected_xlsx(county.store, _read_back(path))
    except Exception:       # openpyxl cannot read it: qdesk may not take it either
        expected = None
    import_sheet(county, path, expected, strict=False)
    try:
        read_roster_file(path)
    except QdeskError as exc:
        assert_refusal(exc)


# --- rosters -----------------------------------------------------------------------------------

ROSTER_DAY = dt.date(2020, 12, 1)
ROSTER_DOC = "盘县政办发〔2020〕99号"
PEOPLE = st.sampled_from(["王永威", "李晓燕", "张 刚", "欧阳建国", "买买提·艾力", "刘", "赵钱孙李周",
                          "Smith", "王永威（兼）", "陈志强", "周海波", "吴丽华"])
LABELS = st.sampled_from(["组长", "组 长", "副组长", "常务副组长", "成员", "成 员", "办公室主任",
                          "秘书长", "组员", "leader"])
POSTS = st.sampled_from(["", "副县长", "县市场监督管理局局长", "县教育局副局长", "县委常委、副县长",
                         "县政府办公室副主任", "（兼办公室主任）", "(兼)"])
PHONES = st.sampled_from(["", "13800138000", "0427-1234567", "12"])


@st.composite
def roster_lines(draw, people):
    """A roster as pasted from a document: mostly lines of its shape, some of anything."""
    names = st.one_of(PEOPLE, st.sampled_from(people))
    lines = draw(st.lists(st.sampled_from(["附件：盘山县质量强县工作领导小组成员名单", "附件1",
                                           "盘山县质量强县工作领导小组人员名单", ""]), max_size=1))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 9))
        if kind <= 5:
            lines.append(f"{draw(LABELS)}{draw(st.sampled_from(['：', ':', ' ', '']))}"
                         f"{draw(names)} {draw(POSTS)} {draw(PHONES)}")
        elif kind == 6:
            lines.append(f"{draw(names)}  {draw(POSTS)}")
        elif kind == 7:
            lines.append(draw(st.sampled_from([
                "办公室设在县市场监督管理局，办公室主任{}（兼）。", "办公室设在县市场监督管理局，{}同志兼任办公室主任。",
                "领导小组下设办公室，办公室主任由{}担任。", "办公室设在{}"])).format(draw(names)))
        else:
            lines.append(draw(st.text(max_size=20)))
    return lines


def import_roster_file(scratch: Scratch, path: Path) -> None:
    """Read a roster and make the group stand as it says: exactly, or not at all."""
    from qdesk.core.roster import ROLE_ORDER, normalize_name
    from qdesk.exchange.roster_file import read_roster_file
    from qdesk.store.group import group_of, import_roster, roster
    from qdesk.store.units import home_unit

    scratch.begin()
    store = scratch.store
    adjustments = store.db["adjustments"].count
    group = group_of(store, home_unit(store))
    phones = {(line.role, line.name): line.phone for line in roster(store, group.id, ROSTER_DAY)}
    try:
        parsed = read_roster_file(path)
        import_roster(store, home_unit(store), list(parsed.members), ROSTER_DAY, ROSTER_DOC,
                      "换届", parsed.group_name or "", parsed.office_seat or "")
    except QdeskError as exc:
        assert_refusal(exc)
        scratch.assert_unchanged()
        event("refused")
        return
    event("accepted")
    group = group_of(store, home_unit(store))
    # Someone who stays keeps the phone on record when the roster gives none.
    wanted = [(m.role, normalize_name(m.name), m.post, m.unit,
               m.phone or phones.get((m.role, normalize_name(m.name)), m.phone))
              for role in ROLE_ORDER for m in parsed.members if m.role is role]
    assert [(line.role, line.name, line.post, line.unit, line.phone)
            for line in roster(store, group.id, ROSTER_DAY)] == wanted
    assert store.db["adjustments"].count == adjustments + 1
    if parsed.group_name:
        assert group.name == parsed.group_name
    if parsed.office_seat:
        assert group.office_seat == parsed.office_seat


@pytest.fixture(scope="module")
def demo_people(demo_master):
    import sqlite3

    conn = sqlite3.connect(demo_master)
    try:
        return sorted({r[0] for r in conn.execute("SELECT name FROM members")})
    finally:
        conn.close()


@fuzz_settings(ROSTER_EXAMPLES)
@given(data=st.data(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_a_pasted_roster_is_imported_exactly_or_refused_whole(county, demo_people, tmp_path,
                                                              data, encoding, newline):
    lines = data.draw(roster_lines(demo_people))
    raw = newline.join(lines).encode(encoding)
    assume(encoding != "gb18030" or not _is_utf8(raw) or raw.isascii())
    path = tmp_path / "roster.txt"
    path.write_bytes(raw)
    import_roster_file(county, path)


@fuzz_settings(ROSTER_EXAMPLES)
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
       suffix=st.sampled_from([".txt", ".xlsx"]))
def test_random_bytes_are_refused_as_a_roster_or_read_as_text(county, tmp_path, raw, suffix):
    path = tmp_path / f"roster{suffix}"
    path.write_bytes(raw)
    import_roster_file(county, path)


@fuzz_settings(XLSX_EXAMPLES)
@given(data=st.data())
def test_a_roster_workbook_is_imported_exactly_or_refused_whole(county, demo_people, tmp_path,
                                                               data):
    from openpyxl import Workbook as Book
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Book()
    sheet = book.active
    if data.draw(st.booleans()):
        sheet.append([data.draw(st.sampled_from(["附件1：盘山县质量强县工作领导小组成员名单",
                                                 "盘山县质量强县工作领导小组", "名单"]))])
    header = data.draw(st.one_of(
        st.just(["职务类别", "姓名", "职务", "单位", "电话"]),
        st.permutations(["职务类别", "姓名", "职务", "单位", "联系电话"]),
        st.lists(st.sampled_from(["类别", "姓名", "name", "role", "职务", "phone", "单 位", "x"]),
                 max_size=6)))
    sheet.append(header)
    # Mostly cells a clerk would write, some of anything: a sheet of people can be accepted.
    roles = st.one_of(st.sampled_from(["组长", "副组长", "成员", "成员", "办公室主任"]), LABELS)
    names = st.one_of(st.sampled_from(demo_people), st.sampled_from(demo_people), PEOPLE)
    cells = {"职务类别": roles, "类别": roles, "role": roles, "姓名": names, "name": names,
             "职务": POSTS, "电话": PHONES, "联系电话": PHONES, "phone": PHONES}
    for _ in range(data.draw(st.integers(0, 5))):
        texts = [data.draw(cells.get(column, st.text(max_size=6))) for column in header]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", text) if data.draw(st.integers(0, 4))
                      else _as_cell(data.draw, text) for text in texts])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    import_roster_file(county, path)
