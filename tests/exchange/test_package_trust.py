"""Packages that cannot be replayed or forged (issue 17 items 2, 3, 11): a unit's packages are
numbered and signed, its key kept from the first one, the report bound to the figures, the
manifest bounded, and a correction replacing the unit's figures for the period whole."""

import json
import shutil
import sqlite3
import zipfile

import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.exchange import package as pkg
from qdesk.exchange import signing
from qdesk.exchange.imports import import_files
from qdesk.store.audit import trail
from qdesk.store.check import check_database
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.keys import fingerprint, forget_unit_key, unit_key, unit_keys
from qdesk.store.locks import unlock_period
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit
from qdesk.submission import build_package
from tests.exchange.sealing import remember, repack
from tests.fuzzing import digest

Q4 = Period.parse("2020Q4")


def p02(store):
    return store.db.execute("SELECT numerator, denominator FROM entries e JOIN indicators i"
                            " ON i.id = e.indicator_id WHERE i.code = 'P02' AND"
                            " e.period = '2020Q4'").fetchone()


def refused(store, paths, **options) -> str:
    """The refusal's Chinese message; the database as it was."""
    before = digest(store)
    with pytest.raises(InputError) as info:
        import_files(store, paths, **options)
    assert digest(store) == before
    return info.value.render("zh")


@pytest.fixture(scope="module")
def two_packages(demo_master, tmp_path_factory):
    """The county's 2020Q4 package saying P02 = 500/1047, then its correction saying 1027/1047,
    made as a clerk makes them: export, unlock with a reason, correct, export again."""
    folder = tmp_path_factory.mktemp("county")
    shutil.copy(demo_master, folder / "county.qdesk")
    made = []
    with open_store(folder / "county.qdesk") as store:
        plan, home = load_plan(store), home_unit(store)
        for number, numerator in enumerate(("500", "1027")):
            if number:
                unlock_period(store, Q4, "P02填错")
            set_entries(store, plan, home, Q4, [EntryInput("P02", numerator, "1047")])
            out = folder / str(number)
            out.mkdir()
            made.append(build_package(store, Q4, out))
    remember(folder / "county.qdesk")
    return made


def test_each_package_a_unit_makes_bears_the_next_sequence(two_packages):
    sequences = []
    for path in two_packages:
        with zipfile.ZipFile(path) as archive:
            sequences.append(json.loads(archive.read("manifest.json"))["sequence"])
    assert sequences == [1, 2]


def test_an_older_package_is_refused_after_a_newer_one_even_with_replace(city, two_packages):
    older, newer = two_packages
    import_files(city, [newer])
    message = refused(city, [older], replace=True)
    assert "第1号" in message and "不晚于已导入的第2号数据包" in message
    assert p02(city) == (1027, 1047)


def test_a_newer_package_replaces_the_older_one(city, two_packages):
    older, newer = two_packages
    import_files(city, [older])
    assert p02(city) == (500, 1047)
    import_files(city, [newer], replace=True)
    assert p02(city) == (1027, 1047)


def test_the_same_package_is_refused_when_imported_again_even_with_replace(city, county_package):
    import_files(city, [county_package])
    for replace in (False, True):
        assert "同一数据包不再重复导入" in refused(city, [county_package], replace=replace)


def test_a_correction_that_drops_an_entry_removes_the_figure_and_the_trail_keeps_it(
        city, county_package, tmp_path):
    import_files(city, [county_package])
    assert p02(city) == (1027, 1047)

    def drop_p02(raw):
        data = json.loads(raw)
        data["entries"] = [e for e in data["entries"]
                           if (e["indicator"], e["period"]) != ("P02", "2020Q4")]
        return json.dumps(data, ensure_ascii=False).encode()

    correction = repack(county_package, tmp_path / "211122-2020Q4.qdpkg",
                        files={"data.json": drop_p02},
                        manifest=lambda m: m.__setitem__("sequence", 2), rehash=True)
    checked = import_files(city, [correction], replace=True, dry_run=True)
    assert [(r.period, r.indicator, r.old[:2]) for r in checked.removed] == [
        (Q4, "P02", (1027, 1047))]
    assert p02(city) == (1027, 1047)
    imported = import_files(city, [correction], replace=True)
    assert len(imported.removed) == 1 and imported.written.unchanged == 11
    assert p02(city) is None
    removal, = [c for c in trail(city, "entries") if c["action"] == "delete"]
    assert removal["row_key"] == "211122/2020Q4/P02" and removal["new"] is None
    assert removal["old"]["numerator"] == 1027 and removal["old"]["denominator"] == 1047
    # The full check follows the trail to the removal: no figure, and so none missing.
    report = check_database(city.path)
    assert report.ok, report.render("en")


def test_a_correction_that_would_remove_a_figure_asks_first_when_figures_may_not_change(
        city, county_package, tmp_path):
    from qdesk.exchange.imports import WouldChange

    import_files(city, [county_package])

    def drop_last(raw):
        data = json.loads(raw)
        data["entries"] = data["entries"][:-1]
        return json.dumps(data, ensure_ascii=False).encode()

    correction = repack(county_package, tmp_path / "211122-2020Q4.qdpkg",
                        files={"data.json": drop_last},
                        manifest=lambda m: m.__setitem__("sequence", 2), rehash=True)
    before = digest(city)
    with pytest.raises(WouldChange) as info:
        import_files(city, [correction], replace=True, overwrite=False)
    assert len(info.value.removed) == 1 and info.value.changes == ()
    assert "导入将修改已有数据1条" in info.value.render("zh") and digest(city) == before


def test_a_forged_package_with_its_hashes_recomputed_is_refused(city, county_package, tmp_path):
    forged = repack(county_package, tmp_path / "forged.qdpkg", files={
        "data.json": lambda b: b.replace(b'"numerator": 1027', b'"numerator": 1')},
        rehash=True, signed=False)
    assert "清单签名不符：数据包在生成后被改动过" in refused(city, [forged])


def test_a_report_that_shows_other_figures_than_data_json_is_refused(city, county_package,
                                                                      tmp_path):
    # The report says 1027/1047; data.json, its hash made to match, says 1/1047.
    body = zipfile.ZipFile(county_package).read("data.json").replace(
        b'"numerator": 1027', b'"numerator": 1')
    forged = repack(county_package, tmp_path / "forged.qdpkg", files={"data.json": lambda _: body},
                    manifest=lambda m: m["files"].__setitem__("data.json", pkg.sha256(body)))
    assert "报告与数据不符" in refused(city, [forged])


def test_a_package_whose_report_carries_no_digest_is_refused(city, county_package, tmp_path):
    from tests.exchange.sealing import with_keyword

    with zipfile.ZipFile(county_package) as archive:
        report = with_keyword(archive.read("report.pdf"), b"").replace(
            b"qdesk-data-sha256:", b"qdesk-other-sha256:")
    forged = repack(county_package, tmp_path / "forged.qdpkg",
                    files={"report.pdf": lambda _: report},
                    manifest=lambda m: m["files"].__setitem__("report.pdf", pkg.sha256(report)))
    assert "报告与数据不符" in refused(city, [forged])


def test_the_first_package_keeps_the_units_key_and_says_its_fingerprint(city, county_package):
    with zipfile.ZipFile(county_package) as archive:
        public = bytes.fromhex(json.loads(archive.read("manifest.json"))["key"])
    checked = import_files(city, [county_package], dry_run=True)
    assert [tuple(k) for k in checked.new_keys] == [("211122", "盘山县", fingerprint(public))]
    assert unit_keys(city) == []
    imported = import_files(city, [county_package])
    assert imported.new_keys == checked.new_keys
    kept = unit_key(city, "211122")
    assert kept.public_key == public and kept.package == county_package.name
    assert [c["action"] for c in trail(city, "signing_keys")] == ["insert"]
    assert "signing_keys" in imported.changes.tables


def _signed_by_another_key(county_package, target, sequence=2):
    other = signing.new_private_key()
    forged = repack(county_package, target, manifest=lambda m: m.update(
        key=signing.public_key(other).hex(), sequence=sequence), signed=False)
    with zipfile.ZipFile(forged) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["manifest.sig"] = signing.sign(other, files["manifest.json"])
    with zipfile.ZipFile(target, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return target, signing.public_key(other)


def test_a_package_signed_with_another_key_is_refused_naming_both_fingerprints(
        city, county_package, tmp_path):
    import_files(city, [county_package])
    kept = unit_key(city, "211122")
    forged, public = _signed_by_another_key(county_package, tmp_path / "211122-2020Q4.qdpkg")
    message = refused(city, [forged], replace=True)
    assert fingerprint(public) in message and kept.fingerprint in message
    assert "qdesk keys forget 211122 --reason" in message


def test_a_forgotten_key_lets_the_units_next_key_be_kept(city, county_package, tmp_path):
    import_files(city, [county_package])
    forged, public = _signed_by_another_key(county_package, tmp_path / "211122-2020Q4.qdpkg")
    forget_unit_key(city, "211122", "重装系统，已电话核对新指纹")
    imported = import_files(city, [forged], replace=True)
    assert imported.new_keys[0].fingerprint == fingerprint(public)
    assert unit_key(city, "211122").public_key == public
    assert [k.forget_reason for k in unit_keys(city, forgotten=True)] == [
        None, "重装系统，已电话核对新指纹"]
    assert [c["action"] for c in trail(city, "signing_keys")] == ["insert", "delete", "insert"]


@pytest.mark.parametrize("reason,unit,expected", [
    ("  ", "211122", "请说明忘记该密钥的原因"),
    ("重装", "211199", "未保存单位211199的密钥"),
])
def test_forgetting_a_key_needs_a_reason_and_a_key(city, county_package, reason, unit, expected):
    import_files(city, [county_package])
    before = digest(city)
    with pytest.raises(InputError) as info:
        forget_unit_key(city, unit, reason)
    assert expected in info.value.render("zh") and digest(city) == before


def test_an_unsigned_package_of_an_older_qdesk_is_refused_asking_to_export_again(
        city, county_package, tmp_path):
    def version_1(manifest):
        del manifest["sequence"], manifest["key"]
        manifest["version"] = 1

    old = repack(county_package, tmp_path / "old.qdpkg", drop=["manifest.sig"], manifest=version_1)
    message = refused(city, [old])
    assert "数据包由旧版qdesk生成（第1版格式，未签名）" in message and "重新导出" in message


def test_a_package_without_its_signature_is_refused(city, county_package, tmp_path):
    bad = repack(county_package, tmp_path / "bad.qdpkg", drop=["manifest.sig"])
    assert "未签名" in refused(city, [bad])


def test_a_manifest_with_a_60_mb_junk_field_is_refused_and_nothing_stored(city, county_package,
                                                                          tmp_path):
    bad = repack(county_package, tmp_path / "junk.qdpkg",
                 manifest=lambda m: m.__setitem__("junk", "x" * (60 * 1024 * 1024)))
    size = city.path.stat().st_size
    assert "manifest.json超过16KB" in refused(city, [bad])
    assert city.path.stat().st_size == size and city.db["packages"].count == 0


@pytest.mark.parametrize("edit,expected", [
    (lambda m: m.__setitem__("junk", "x"), "qdesk不会写入的字段（junk）"),
    (lambda m: m["unit"].__setitem__("extra", 1), "qdesk不会写入的字段（unit.extra）"),
    (lambda m: m["unit"].__setitem__("name", "县" * 101), "unit.name不是长度不超过100的文本"),
    (lambda m: m["plan"].__setitem__("title", "题" * 201), "plan.title不是长度不超过200的文本"),
    (lambda m: m.__setitem__("sequence", 0), "sequence不是正整数"),
    (lambda m: m.__setitem__("sequence", True), "sequence不是正整数"),
    (lambda m: m.pop("sequence"), "manifest.json缺少sequence"),
    (lambda m: m.__setitem__("key", "ab"), "key不是64位十六进制数"),
])
def test_a_manifest_field_beyond_its_bounds_is_refused(city, county_package, tmp_path, edit,
                                                       expected):
    bad = repack(county_package, tmp_path / "bad.qdpkg", manifest=edit)
    assert expected in refused(city, [bad])


def test_only_the_manifests_known_fields_are_kept_on_record(city, county_package):
    import_files(city, [county_package])
    stored = json.loads(city.db.execute("SELECT manifest FROM packages").fetchone()[0])
    assert set(stored) == set(pkg._MANIFEST_FIELDS)
    assert city.db.execute("SELECT sequence FROM packages").fetchone() == (1,)


def test_two_packages_of_a_new_unit_signed_by_two_keys_are_refused(city, county_package,
                                                                   tmp_path):
    def third_quarter(raw):
        data = json.loads(raw)
        data["entries"] = [{**e, "period": "2020Q3"} for e in data["entries"]
                           if e["period"] == "2020Q4"]
        return json.dumps(data, ensure_ascii=False).encode()

    q3 = repack(county_package, tmp_path / "q3.qdpkg", files={"data.json": third_quarter},
                manifest=lambda m: m.__setitem__("period", "2020Q3"), rehash=True)
    forged, public = _signed_by_another_key(q3, tmp_path / "211122-2020Q3.qdpkg")
    message = refused(city, [county_package, forged])
    assert fingerprint(public) in message and "与同一单位的" in message


def test_a_signature_checks_the_very_bytes_signed():
    private = signing.new_private_key()
    public = signing.public_key(private)
    signature = signing.sign(private, b"manifest")
    assert signing.verify(public, signature, b"manifest")
    assert not signing.verify(public, signature, b"manifest ")
    assert not signing.verify(public, signature[:-1], b"manifest")
    assert not signing.verify(signing.public_key(signing.new_private_key()), signature,
                              b"manifest")
    assert len(fingerprint(public).split()) == 8


def test_the_cli_shows_keeps_lists_and_forgets_keys(office_master, tmp_path):
    from tests.cli.conftest import run_qdesk

    db, plan = tmp_path / "江都区.qdesk", office_master[1]
    db.write_bytes(office_master[0].read_bytes())
    shown = run_qdesk("keys", "show", "--db", db)
    assert shown.code == 0 and "本单位签名密钥指纹：" in shown.out
    own = shown.out.strip().split("：")[1]
    assert run_qdesk("set", "--db", db, "--unit", "321012", "--period", "2026Q1", "--indicator",
                     "Z01", "--numerator", "90", "--denominator", "100").code == 0
    assert run_qdesk("export", "package", "--db", db, "--period", "2026Q1", "--out",
                     tmp_path).code == 0
    assert run_qdesk("keys", "show", "--db", db).out.strip().endswith(own)

    city = tmp_path / "扬州市.qdesk"
    assert run_qdesk("init", "--db", city, "--template", plan, "--unit-code", "321000",
                     "--unit-name", "扬州市").code == 0
    package = tmp_path / "321012-2026Q1.qdpkg"
    checked = run_qdesk("import", "--db", city, "--add-units", "--check", package)
    assert checked.code == 0 and f"将保存江都区（321012）的签名密钥，指纹{own}" in checked.out
    imported = run_qdesk("import", "--db", city, "--add-units", package)
    assert imported.code == 0 and f"已保存江都区（321012）的签名密钥，指纹{own}，请与该单位电话核对" \
        in imported.out
    listed = run_qdesk("keys", "list", "--db", city, "--format", "json").json()
    assert [(k["unit"], k["name"], k["fingerprint"], k["forgotten"]) for k in listed] == [
        ("321012", "江都区", own, None)]

    def kept():
        with sqlite3.connect(city) as conn:
            found = (conn.execute("SELECT * FROM signing_keys").fetchall(),
                     conn.execute("SELECT count(*) FROM audit").fetchone())
        conn.close()
        return found

    before = kept()
    for args, expected in ((("321012", "--reason", " "), "请说明忘记该密钥的原因"),
                           (("321099", "--reason", "重装"), "未保存单位321099的密钥")):
        refused = run_qdesk("keys", "forget", "--db", city, *args)
        assert refused.code == 3 and expected in refused.err
    assert kept() == before
    forgotten = run_qdesk("keys", "forget", "--db", city, "321012", "--reason", "重装，已电话核对")
    assert forgotten.code == 0 and own in forgotten.out
    assert run_qdesk("keys", "list", "--db", city).out.strip() == "尚未保存任何下级单位的密钥"
    everything = run_qdesk("keys", "list", "--db", city, "--all").out
    assert "重装，已电话核对" in everything and own in everything
