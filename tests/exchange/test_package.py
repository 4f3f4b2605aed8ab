"""The submission package: made by the county, checked and imported whole by the superior office."""

import datetime as dt
import io
import json
import sqlite3
import zipfile

import pytest

from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.periods import Period
from qdesk.exchange import package as pkg
from qdesk.exchange.imports import import_files
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.units import add_subordinate
from qdesk.submission import build_package
from tests.exchange.sealing import repack

Q4 = Period.parse("2020Q4")


def rows(store):
    return {t: store.db[t].count for t in ("entries", "packages", "audit")}


def test_the_package_holds_manifest_data_and_report(county_package):
    assert county_package.name == "211122-2020Q4.qdpkg"
    with zipfile.ZipFile(county_package) as archive:
        assert sorted(archive.namelist()) == ["data.json", "manifest.json", "manifest.sig",
                                              "report.pdf"]
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
        assert archive.read("report.pdf").startswith(b"%PDF")
    assert manifest["format"] == "qdesk-package" and manifest["version"] == 3
    assert manifest["sequence"] == 1 and len(bytes.fromhex(manifest["key"])) == 32
    assert manifest["unit"]["code"] == "211122" and manifest["plan"]["id"] == "panjin-2014"
    assert manifest["period"] == "2020Q4"
    assert dt.datetime.fromisoformat(manifest["created_at"]).utcoffset() is not None
    assert {e["period"] for e in data["entries"]} == {"2020Q4", "2020"}
    assert len(data["units"]) == 7 and set(data["narratives"]) >= {"work", "plans"}


def test_making_a_package_records_the_submission_and_locks_the_period(tmp_path):
    from qdesk.demo import build_demo

    build_demo(tmp_path / "c.qdesk")
    with open_store(tmp_path / "c.qdesk") as store:
        build_package(store, Q4, tmp_path)
        assert store.db.execute("SELECT report FROM submissions WHERE period = '2020Q4'"
                                ).fetchone() == ("quarterly",)
        with pytest.raises(LockedPeriodError):
            build_package(store, Q4, tmp_path)


def test_the_superior_imports_the_county_figures(city, county_package):
    summary = import_files(city, [county_package])
    assert summary.written.inserted == 12
    value = city.db.execute("SELECT numerator, denominator FROM entries e JOIN indicators i"
                            " ON i.id = e.indicator_id WHERE i.code = 'P02' AND"
                            " e.period = '2020Q4'").fetchone()
    assert value == (1027, 1047)


def test_a_package_imported_before_is_replaced_only_when_asked(city, county_package, tmp_path):
    import_files(city, [county_package])
    before = rows(city)
    changed = repack(county_package, tmp_path / "211122-2020Q4.qdpkg", files={
        "data.json": lambda b: b.replace(b'"numerator": 1027', b'"numerator": 1020')},
        manifest=lambda m: m.__setitem__("sequence", 2), rehash=True)
    with pytest.raises(InputError, match="--replace"):
        import_files(city, [changed])
    assert rows(city) == before
    import_files(city, [changed], replace=True)
    packages = list(city.db.query("SELECT id, replaced_by FROM packages ORDER BY id"))
    assert [p["replaced_by"] for p in packages] == [packages[1]["id"], None]
    updates = [c for c in trail(city, "entries") if c["action"] == "update"]
    assert updates and updates[-1]["old"]["numerator"] == 1027


BAD = {
    "wrong hash": dict(files={"data.json": lambda b: b.replace(b"1027", b"1028")}),
    "missing file": dict(drop=["report.pdf"]),
    "unknown format": dict(manifest=lambda m: m.__setitem__("format", "other")),
    "unknown version": dict(manifest=lambda m: m.__setitem__("version", 4)),
    "older version": dict(manifest=lambda m: m.__setitem__("version", 2)),
    "another plan": dict(manifest=lambda m: m["plan"].__setitem__("id", "bingtuan-2016")),
    # A package whose unit is not registered is checked whole and refused as UnknownUnits
    # (tests/exchange/test_add_units.py); one whose entries are of another unit, here:
    "another unit's entries": dict(manifest=lambda m: m["unit"].__setitem__("code", "211199")),
    "extra file": dict(extra={"evil.exe": b"MZ"}),
    "absolute path": dict(extra={"/etc/passwd": b"x"}),
    "parent path": dict(extra={"../../x.txt": b"x"}),
}
EXPECTED = {"wrong hash": "校验值", "missing file": "缺少report.pdf", "unknown format": "格式",
            "unknown version": "版本", "older version": "请下级单位升级到本版qdesk后重新导出",
            "another plan": "其他方案",
            "another unit's entries": "其他单位（211122）",
            "extra file": "多余的文件", "absolute path": "路径", "parent path": "路径"}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_package_is_refused_whole(city, county_package, tmp_path, case):
    bad = repack(county_package, tmp_path / "bad.qdpkg", **BAD[case])
    before = rows(city)
    with pytest.raises(InputError) as info:
        import_files(city, [bad])
    assert EXPECTED[case] in info.value.render("zh")
    assert rows(city) == before


def _with_entries(county_package, tmp_path, edit):
    with zipfile.ZipFile(county_package) as archive:
        data = json.loads(archive.read("data.json"))
    edit(data["entries"])
    body = json.dumps(data, ensure_ascii=False).encode()
    return repack(county_package, tmp_path / "bad.qdpkg", files={"data.json": lambda _: body},
                  rehash=True)


@pytest.mark.parametrize("edit,expected", [
    (lambda e: e[0].__setitem__("indicator", "ZZ9"), "指标代码“ZZ9”不存在"),
    (lambda e: e[1].update(numerator=2000), "大于"),
    (lambda e: e.append({**e[0], "indicator": "B01", "period": "2020", "numerator": None,
                         "denominator": None, "value": "2.5"}), "不是整数"),
])
def test_a_value_that_breaks_its_kind_refuses_the_package(city, county_package, tmp_path,
                                                          edit, expected):
    bad = _with_entries(county_package, tmp_path, edit)
    before = rows(city)
    with pytest.raises(InputError) as info:
        import_files(city, [bad])
    assert expected in info.value.render("zh") and rows(city) == before


def test_a_truncated_or_foreign_file_is_refused(city, county_package, tmp_path):
    truncated = tmp_path / "t.qdpkg"
    truncated.write_bytes(county_package.read_bytes()[:5000])
    text = tmp_path / "n.qdpkg"
    text.write_text("not a zip", encoding="utf-8")
    for path in (truncated, text):
        with pytest.raises(InputError, match="数据包"):
            import_files(city, [path])
    assert city.db["packages"].count == 0


def test_unreasonable_sizes_are_refused(city, county_package, monkeypatch):
    monkeypatch.setattr(pkg, "MAX_MEMBER", 1000)
    with pytest.raises(InputError, match="大小不合理"):
        import_files(city, [county_package])


def test_the_same_unit_and_period_twice_in_one_import(city, county_package, tmp_path):
    copy = tmp_path / "copy.qdpkg"
    copy.write_bytes(county_package.read_bytes())
    with pytest.raises(InputError, match="单位和报告期相同"):
        import_files(city, [county_package, copy])
    assert city.db["entries"].count == 0


def test_the_cli_imports_a_package(county_package, tmp_path):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from tests.cli.conftest import run_qdesk

    db = tmp_path / "city.qdesk"
    create_database(db, find_template("panjin-2014"), "211100", "盘锦市")
    with open_store(db) as store:
        add_subordinate(store, "211122", "盘山县", "county")
    assert run_qdesk("import", county_package, "--db", db, "--check").code == 0
    assert sqlite3.connect(db).execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    result = run_qdesk("import", county_package, "--db", db)
    assert result.code == 0 and "新增12条" in result.out
    again = run_qdesk("import", county_package, "--db", db, "--replace")
    assert again.code == 3 and "同一数据包不再重复导入" in again.err


def test_completeness_and_timeliness_of_the_subordinate_units(city, county_package, tmp_path):
    import datetime as dt

    import pdfplumber

    from qdesk.reports.period_report import build_report
    from tests.reports.pdftools import unrotated
    from qdesk.store.completeness import Arrival, arrivals
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit

    add_subordinate(city, "211121", "大洼县", "county")
    import_files(city, [county_package])
    plan, home = load_plan(city), home_unit(city)
    state = {a.unit.code: a for a in arrivals(city, plan, home, Q4)}
    assert state["211122"].arrival is Arrival.LATE           # made today, due 2021-01-05
    assert state["211122"].due == dt.date(2021, 1, 5)
    assert state["211121"].arrival is Arrival.MISSING
    early = repack(county_package, tmp_path / "early.qdpkg",
                   manifest=lambda m: m.update(created_at="2021-01-04T09:00:00+08:00", sequence=2))
    import_files(city, [early], replace=True)
    state = {a.unit.code: a for a in arrivals(city, plan, home, Q4)}
    assert state["211122"].arrival is Arrival.ON_TIME
    out = tmp_path / "targets.pdf"
    build_report(city, "targets", Q4, out, dt.date(2021, 1, 20))
    # The tables are turned on their sheets: read them as drawn.
    with pdfplumber.open(unrotated(out, tmp_path / "drawn.pdf")) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")
    assert "各下级单位报送情况" in text and "按时报送" in text and "未报送" in text


def test_the_report_carries_the_digest_of_data_json_in_its_keywords(county_package):
    from pypdf import PdfReader

    with zipfile.ZipFile(county_package) as archive:
        data, report = archive.read("data.json"), archive.read("report.pdf")
    keywords = PdfReader(io.BytesIO(report)).metadata["/Keywords"]
    assert f"qdesk-data-sha256:{pkg.sha256(data)}" in keywords and "fonts: " in keywords


def test_无此项_goes_upward_as_not_applicable_and_is_imported_as_such(office_master, tmp_path):
    from tests.cli.conftest import run_qdesk

    db, plan = tmp_path / "江都区.qdesk", office_master[1]
    db.write_bytes(office_master[0].read_bytes())
    for args in (("--indicator", "Z01", "--numerator", "90", "--denominator", "100"),
                 ("--indicator", "Z02", "--none", "--note", "本季度无在建工程")):
        assert run_qdesk("set", "--db", db, "--unit", "321012", "--period", "2026Q1",
                         *args).code == 0
    assert run_qdesk("export", "package", "--db", db, "--period", "2026Q1", "--out",
                     tmp_path).code == 0
    package = tmp_path / "321012-2026Q1.qdpkg"
    with zipfile.ZipFile(package) as archive:
        manifest, data = (json.loads(archive.read(n)) for n in ("manifest.json", "data.json"))
    assert manifest["version"] == pkg.VERSION == 3
    entries = {e["indicator"]: e for e in data["entries"]}
    assert entries["Z02"] == {"indicator": "Z02", "unit": "321012", "period": "2026Q1",
                              "numerator": None, "denominator": None, "value": None,
                              "note": "本季度无在建工程", "not_applicable": True}
    assert "not_applicable" not in entries["Z01"]

    city = tmp_path / "扬州市.qdesk"
    assert run_qdesk("init", "--db", city, "--template", plan, "--unit-code", "321000",
                     "--unit-name", "扬州市").code == 0
    result = run_qdesk("import", "--db", city, "--add-units", package)
    assert result.code == 0, result.err
    status = run_qdesk("status", "--db", city, "--period", "2026Q1", "--unit", "321012",
                       "--format", "json").json()
    assert [(r["code"], r["status"]) for r in status][:2] == [("Z01", "met"),
                                                              ("Z02", "not-applicable")]


@pytest.mark.parametrize("edit,expected", [
    (lambda e: e[1].update(not_applicable=True),
     "指标P02（2020Q4）既标为“无此项”又带有数据，数据包自相矛盾"),
    (lambda e: e[1].update(numerator=None, denominator=None, not_applicable="yes"),
     "not_applicable（无此项）应为true或false"),
])
def test_a_package_entry_both_无此项_and_a_figure_is_refused(city, county_package, tmp_path,
                                                          edit, expected):
    bad = _with_entries(county_package, tmp_path, edit)
    with zipfile.ZipFile(bad) as archive:
        assert json.loads(archive.read("data.json"))["entries"][1]["indicator"] == "P02"
    before = rows(city)
    with pytest.raises(InputError) as info:
        import_files(city, [bad])
    text = info.value.render("zh")
    assert expected in text and str(bad) in text and "data.json[2]" in text, text
    assert rows(city) == before


def test_a_package_entry_of_无此项_is_imported_with_no_figure(city, county_package, tmp_path):
    path = _with_entries(county_package, tmp_path, lambda e: e[1].update(
        numerator=None, denominator=None, not_applicable=True))
    import_files(city, [path])
    assert city.db.execute("SELECT e.numerator, e.denominator, e.value FROM entries e JOIN"
                           " indicators i ON i.id = e.indicator_id WHERE i.code = 'P02' AND"
                           " e.period = '2020Q4'").fetchall() == [(None, None, None)]
