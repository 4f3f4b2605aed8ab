"""Imports the fuzz tests found mishandled: each is now refused with a message, or read as meant."""

import io
import json
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.exchange.imports import import_files
from qdesk.exchange.roster_file import read_roster_file
from qdesk.store.database import open_store
from tests.exchange.sealing import repack
from tests.fuzzing import digest

Q4 = Period.parse("2020Q4")


def refused(store, paths) -> str:
    """The refusal's Chinese message; the database must be as it was."""
    before = digest(store)
    with pytest.raises(InputError) as info:
        import_files(store, paths)
    assert digest(store) == before
    return info.value.render("zh")


def with_data(source, target, edit):
    """The package with data.json edited and its hash made to match, as a forger would."""
    with zipfile.ZipFile(source) as archive:
        data = json.loads(archive.read("data.json"))
    edit(data)
    body = json.dumps(data).encode()
    return repack(source, target, files={"data.json": lambda _: body}, rehash=True)


# --- submission packages ---------------------------------------------------------------------

@pytest.mark.parametrize("key", ["plan", "files", "unit"])
@pytest.mark.parametrize("value", [["x"], "text", 5])
def test_a_manifest_part_that_is_not_an_object_is_refused(city, county_package, tmp_path, key,
                                                          value):
    # (manifest.get(key) or {}).get(...) raised AttributeError
    bad = repack(county_package, tmp_path / "bad.qdpkg",
                 manifest=lambda m: m.__setitem__(key, value))
    refused(city, [bad])


@pytest.mark.parametrize("note", [5, ["复核"], {"text": "复核"}, True])
def test_a_note_that_is_not_text_is_refused(city, county_package, tmp_path, note):
    # (note or "").strip() raised AttributeError while writing
    bad = with_data(county_package, tmp_path / "bad.qdpkg",
                    lambda d: d["entries"][0].__setitem__("note", note))
    assert "data.json[1]：备注不是文本" in refused(city, [bad])


@pytest.mark.parametrize("field", ["note", "indicator", "period"])
def test_a_lone_surrogate_in_data_json_is_refused(city, county_package, tmp_path, field):
    # "\ud800" is valid JSON but no text: SQLite (or printing the message) raised
    # UnicodeEncodeError
    bad = with_data(county_package, tmp_path / "bad.qdpkg",
                    lambda d: d["entries"][0].__setitem__(field, "\ud800"))
    assert "data.json无法读取" in refused(city, [bad])


def test_a_deeply_nested_data_json_is_refused(city, county_package, tmp_path):
    body = b"[" * 100_000 + b"]" * 100_000          # json.loads raised RecursionError
    bad = repack(county_package, tmp_path / "bad.qdpkg", files={"data.json": lambda _: body},
                 rehash=True)
    assert "data.json无法读取" in refused(city, [bad])


def test_one_figure_twice_in_a_package_is_refused(city, county_package, tmp_path):
    # the second silently overwrote the first
    bad = with_data(county_package, tmp_path / "bad.qdpkg", lambda d: d["entries"].append(
        {**d["entries"][1], "numerator": 1}))
    message = refused(city, [bad])
    assert "与第2条数据的指标和报告期重复" in message and "data.json[13]" in message


def test_a_package_from_the_importing_office_itself_is_refused(city, county_package, tmp_path):
    # it overwrote the office's own figures
    def own(data):
        for entry in data["entries"]:
            entry["unit"] = "211100"

    bad = with_data(county_package, tmp_path / "own.qdpkg", own)
    bad = repack(bad, tmp_path / "bad.qdpkg",
                 manifest=lambda m: m["unit"].__setitem__("code", "211100"))
    assert "数据包来自本单位（211100）" in refused(city, [bad])


def _patch_headers(raw: bytes, offsets: dict[bytes, tuple[int, int]]) -> bytes:
    """Every local and central header with a 16-bit field set: {signature: (offset, value)}."""
    data = bytearray(raw)
    for signature, (offset, value) in offsets.items():
        start = data.find(signature)
        while start >= 0:
            data[start + offset:start + offset + 2] = value.to_bytes(2, "little")
            start = data.find(signature, start + 1)
    return bytes(data)


@pytest.mark.parametrize("case,offsets", [
    # zipfile raised RuntimeError ("password required") and NotImplementedError
    ("encrypted", {b"PK\x03\x04": (6, 1), b"PK\x01\x02": (8, 1)}),
    ("unknown method", {b"PK\x03\x04": (8, 99), b"PK\x01\x02": (10, 99)}),
    ("strong encryption", {b"PK\x03\x04": (6, 0x41), b"PK\x01\x02": (8, 0x41)}),
])
def test_a_member_zipfile_cannot_open_is_refused(city, county_package, tmp_path, case, offsets):
    bad = tmp_path / "bad.qdpkg"
    bad.write_bytes(_patch_headers(county_package.read_bytes(), offsets))
    assert "无法读取manifest.json：数据包已损坏" in refused(city, [bad])


def test_a_member_name_flagged_utf8_that_is_not_is_refused(city, tmp_path):
    # zipfile raised UnicodeDecodeError
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("manifest.json", b"{}")
    data = raw.getvalue().replace(b"manifest.json", b"manifest\xff.son")
    bad = tmp_path / "bad.qdpkg"
    bad.write_bytes(_patch_headers(data, {b"PK\x03\x04": (6, 0x800), b"PK\x01\x02": (8, 0x800)}))
    assert "数据包" in refused(city, [bad])


# --- entry sheets ------------------------------------------------------------------------------

HEADER = "单位代码,指标代码,报告期,分子,分母,数值,备注"


def test_a_csv_field_longer_than_the_csv_module_reads_is_refused(demo_db, tmp_path):
    # csv.Error ("field larger than field limit") came through as a traceback
    path = tmp_path / "sheet.csv"
    path.write_text(f"{HEADER}\n211122101,P02,2020Q4,1,2,,{'x' * 200_000}\n", encoding="utf-8")
    with open_store(demo_db) as store:
        assert "不是可读取的CSV表格" in refused(store, [path])


def test_a_csv_with_mac_line_endings_is_read(demo_db, tmp_path):
    # a lone "\r" made csv raise "new-line character seen in unquoted field"
    path = tmp_path / "sheet.csv"
    path.write_bytes(f"{HEADER}\r211122101,P02,2020Q4,95,100,,复核\r".encode("utf-8"))
    with open_store(demo_db) as store:
        assert import_files(store, [path]).written.changed == 1


@pytest.fixture
def blank_sheet(demo_db, tmp_path):
    from qdesk.exchange.blank_sheet import write_blank_sheets

    with open_store(demo_db) as store:
        path = write_blank_sheets(store, Q4, tmp_path)[0]
    book = load_workbook(path)
    for row in range(2, book.worksheets[0].max_row + 1):
        book.worksheets[0].cell(row, 4).value = 90
        book.worksheets[0].cell(row, 5).value = 100
    book.save(path)
    return path


@pytest.mark.parametrize("layout", ["5", "[1]", "{}", '{"header": 5, "rows": []}',
                                    '{"header": [], "rows": [5]}', "[" * 20_000])
def test_a_damaged_layout_cell_reads_the_sheet_as_a_plain_one(demo_db, blank_sheet, layout):
    # the layout was used as it came: TypeError, KeyError, RecursionError
    book = load_workbook(blank_sheet)
    book["_qdesk"]["A1"] = layout
    book.save(blank_sheet)
    with open_store(demo_db) as store:
        assert import_files(store, [blank_sheet]).written.changed == 6


def _with_part(path, name, edit):
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = edit(parts[name])
    with zipfile.ZipFile(path, "w") as archive:
        for part, body in parts.items():
            archive.writestr(part, body)
    return path


@pytest.mark.parametrize("name,edit", [
    ("xl/worksheets/sheet1.xml", lambda b: b[:len(b) // 2]),             # ParseError
    ("xl/worksheets/sheet1.xml", lambda b: b.replace(b' r="A2"', b' r="m"', 1)),  # ValueError
    ("xl/worksheets/sheet2.xml", lambda b: b[:len(b) // 2]),             # in the layout sheet
])
def test_a_workbook_with_a_damaged_sheet_is_refused(demo_db, blank_sheet, name, edit):
    _with_part(blank_sheet, name, edit)
    with open_store(demo_db) as store:
        assert "工作簿已损坏，无法读取" in refused(store, [blank_sheet])


def test_a_workbook_without_worksheets_is_refused(demo_db, blank_sheet):
    # book.worksheets[0] raised IndexError
    _with_part(blank_sheet, "xl/workbook.xml",
               lambda b: b[:b.index(b"<sheets>")] + b"<sheets/>" + b[b.index(b"</sheets>") + 9:])
    with open_store(demo_db) as store:
        assert "不是xlsx工作簿" in refused(store, [blank_sheet])


# --- rosters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name,edit", [
    ("xl/worksheets/sheet1.xml", lambda b: b[:len(b) // 2]),             # ParseError
    ("xl/styles.xml", lambda b: b.replace(b"count=", b"counr=", 1)),     # TypeError
    ("[Content_Types].xml", lambda b: b[:len(b) // 2]),                  # ParseError
])
def test_a_damaged_roster_workbook_is_refused(tmp_path, name, edit):
    book = Workbook()
    book.active.append(["职务类别", "姓名", "职务"])
    book.active.append(["组长", "王永威", "副市长"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    _with_part(path, name, edit)
    with pytest.raises(InputError, match="不是可读取的.xlsx工作簿"):
        read_roster_file(path)


def test_a_reimported_roster_takes_a_new_phone_number(demo_db):
    import datetime as dt

    from qdesk.core.roster import Member
    from qdesk.store.group import group_of, import_roster, roster
    from qdesk.store.units import home_unit

    day = dt.date(2020, 12, 1)
    with open_store(demo_db) as store:
        group = group_of(store, home_unit(store))
        lines = roster(store, group.id, day)
        members = [Member(line.role, line.name, line.post, line.unit, line.phone)
                   for line in lines]
        first = members[0]
        members[0] = Member(first.role, first.name, first.post, first.unit, "13800138000")
        import_roster(store, home_unit(store), members, day, "盘县政办发〔2020〕99号", "更新电话")
        assert roster(store, group.id, day)[0].phone == "13800138000"
