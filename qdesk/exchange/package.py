"""The submission package (DESIGN.md §9): one file per unit and period, sent upward.

`<division code>-<period>.qdpkg` is a zip of manifest.json, manifest.sig (the unit's signature
over the manifest's bytes), data.json (the unit's own entries for the period, its narratives, the
subordinate units it includes) and report.pdf (the period's report as printed, carrying the digest
of data.json in its Keywords), each hashed in the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from qdesk import __version__
from qdesk.core.errors import InputError, Problem, QdeskError
from qdesk.core.i18n import msg
from qdesk.core.numbers import fixed6
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.core.units import NewUnit, new_unit
from qdesk.exchange import signing
from qdesk.store.database import Store
from qdesk.store.entries import CheckedEntry, EntryInput, check_input, entries_of_year
from qdesk.store.keys import (UnitKey, fingerprint, keep_own_key, next_sequence, own_key,
                              unit_key)
from qdesk.store.narratives import narratives
from qdesk.store.plans import load_plan
from qdesk.store.rollups import roll_up
from qdesk.store.units import Unit, home_unit, not_on_roll, subordinates

# Version 3 signs the manifest and numbers the unit's packages; versions 1 and 2 (unsigned,
# unnumbered) are refused, as anyone could have made them.
FORMAT, VERSION = "qdesk-package", 3
UNSIGNED_VERSIONS = (1, 2)
MANIFEST, SIGNATURE, DATA, REPORT = "manifest.json", "manifest.sig", "data.json", "report.pdf"
SUFFIX = ".qdpkg"
# The report's Keywords carry the digest of data.json, so that its figures are the ones shown.
_DATA_KEYWORD = "qdesk-data-sha256:"


def package_name(unit: Unit, period: Period) -> str:
    return f"{unit.division_code or unit.code}-{period}{SUFFIX}"


def is_package(path: Path) -> bool:
    """A file named as a package is read as one (and refused if it is not)."""
    return path.suffix.lower() == SUFFIX


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def package_data(store: Store, unit: Unit, period: Period) -> dict[str, Any]:
    """The unit's own figures that the period's report shows, its narratives, its units.

    A figure the office rolls up from its units goes in as the office's entry, as the report
    shows it, so that the superior rolls it up in turn.
    """
    rolled = [i for i in load_plan(store).indicators if i.rolled_up] if unit.is_office else []
    computed = {i.code for i in rolled}
    rows = [_entry(row["code"], unit, row["period"], row["numerator"], row["denominator"],
                   row["value"], row["note"])
            for row in entries_of_year(store, unit, period.year)
            if period.reports(Period.parse(row["period"])) and row["code"] not in computed]
    combined = roll_up(store, unit, rolled, period, period.year)
    for indicator in rolled:
        for entry_period, m in sorted(combined.measures.get(indicator.code, {}).items(),
                                      key=lambda item: item[0].start):
            if entry_period.year == period.year and period.reports(entry_period):
                value = None if m.denominator is not None or not m.applicable \
                    else _decimal(m.value)
                rows.append(_entry(indicator.code, unit, str(entry_period), m.numerator,
                                   m.denominator, value, None))
    return {"entries": rows,
            "narratives": {s.value: text for s, text in narratives(store, unit, period).items()},
            "units": [{"code": u.code, "name": u.name, "level": u.level}
                      for u in subordinates(store, unit, period)]}


def _entry(code: str, unit: Unit, period: str, numerator: int | None, denominator: int | None,
           value: str | None, note: str | None) -> dict[str, Any]:
    """One entry of data.json; one with no figure is 无此项, and says so."""
    entry = {"indicator": code, "unit": unit.code, "period": period, "numerator": numerator,
             "denominator": denominator, "value": value, "note": note}
    if denominator is None and value is None:
        entry["not_applicable"] = True
    return entry


def _decimal(value: Fraction) -> str:
    """An exact figure as decimal text: exactly where it ends, else to 6 places (a mean of
    three figures)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact.normalize():f}" if Fraction(exact) == value else fixed6(value) or ""


def package_json(content: dict[str, Any]) -> bytes:
    """data.json's bytes, from package_data's content."""
    return json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")


def data_keyword(data: bytes) -> str:
    """The Keywords entry the report carries for data.json's bytes `data`."""
    return _DATA_KEYWORD + sha256(data)


def own_private_key(store: Store) -> bytes:
    """The office's private key, made and kept in its database on first need."""
    kept = own_key(store)
    if kept is None:
        private = signing.new_private_key()
        kept = keep_own_key(store, private, signing.public_key(private))
    return kept[0]


def write_package(store: Store, plan: Plan, unit: Unit, period: Period, data: bytes,
                  report: bytes, out: Path) -> None:
    """Write the unit's package for the period to `out`: `data`, data.json's bytes
    (package_json), and `report`, the period's report as a PDF carrying data_keyword(data);
    every file hashed in the manifest, which bears the unit's next sequence and is signed with
    the office's own key."""
    private = own_private_key(store)
    manifest = {
        "format": FORMAT, "version": VERSION,
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
        "plan": {"id": plan.id, "title": plan.title}, "period": str(period),
        "sequence": next_sequence(store, unit.code),
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "app_version": __version__,
        "key": signing.public_key(private).hex(),
        "files": {DATA: sha256(data), REPORT: sha256(report)},
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, body)
        archive.writestr(SIGNATURE, signing.sign(private, body))
        archive.writestr(DATA, data)
        archive.writestr(REPORT, report)


MAX_MEMBER = 64 * 1024 * 1024      # a report of a few hundred pages; anything bigger is not ours
# A manifest qdesk writes is under 1 KB; every byte of one is kept on record, and in every backup.
MAX_MANIFEST = 16 * 1024
REQUIRED = (MANIFEST, DATA, REPORT)
ALLOWED = (MANIFEST, SIGNATURE, DATA, REPORT)
_HEX64 = re.compile(r"[0-9a-f]{64}")
# The manifest's fields, each a text of at most so many characters, an object of such fields,
# the sequence (an int) or a SHA-256/key in hex (None); no other field is taken.
_MANIFEST_FIELDS: dict[str, Any] = {
    "format": 32, "version": int, "unit": {"code": 64, "name": 100, "level": 32},
    "plan": {"id": 100, "title": 200}, "period": 16, "sequence": int, "created_at": 40,
    "app_version": 40, "key": None, "files": {DATA: None, REPORT: None},
}
_LARGEST_SEQUENCE = 2 ** 53


@dataclass(frozen=True)
class Incoming:
    """A package that has passed every check, ready to be written.

    A package from a unit not registered carries the unit its manifest names as `new_unit`,
    and a stand-in `unit` (id 0) until the import registers it. `new_key` when no key is kept
    for the unit yet: its `public_key` is kept with the package.
    """

    path: Path
    unit: Unit
    period: Period
    manifest: dict[str, Any]
    entries: list[CheckedEntry]
    digest: str
    new_unit: NewUnit | None = None
    sequence: int = 0
    public_key: bytes = b""
    new_key: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def _refuse(path: Path, en: str, zh: str, **args: Any) -> InputError:
    return InputError(Problem(msg(en, zh, **args), str(path)))


def _members(path: Path) -> dict[str, bytes]:
    """The package's files, read safely: only the three names, no paths, no unreasonable sizes."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):  # ValueError: a name marked UTF-8 is not
        raise _refuse(path, "not a submission package (not a zip file, or a damaged one)",
                      "不是有效的报送数据包（不是zip文件或文件已损坏）") from None
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        for name in names:
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") \
                    or ":" in name:
                raise _refuse(path, "the package holds a file with a path ({name})",
                              "数据包中的文件带有路径（{name}），已拒绝", name=name)
            if name not in ALLOWED:
                raise _refuse(path, "the package holds an unexpected file ({name})",
                              "数据包中有多余的文件（{name}）", name=name)
        if len(set(names)) != len(names):
            raise _refuse(path, "the package holds a file twice", "数据包中有重复的文件")
        missing = [n for n in REQUIRED if n not in names]
        if missing:
            raise _refuse(path, "the package lacks {files}", "数据包缺少{files}",
                          files="、".join(missing))
        files = {}
        for info in infos:
            if info.file_size > MAX_MEMBER:
                raise _refuse(path, "{name} claims an unreasonable size ({size} bytes)",
                              "{name}声明的大小不合理（{size}字节）", name=info.filename,
                              size=info.file_size)
            try:
                with archive.open(info) as handle:
                    data = handle.read(MAX_MEMBER + 1)
            # RuntimeError: encrypted; NotImplementedError: a compression zipfile lacks;
            # ValueError: a name marked UTF-8 that is not
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError,
                    NotImplementedError, ValueError):
                raise _refuse(path, "{name} cannot be read: the package is damaged",
                              "无法读取{name}：数据包已损坏", name=info.filename) from None
            if len(data) > MAX_MEMBER:
                raise _refuse(path, "{name} expands to an unreasonable size",
                              "{name}解压后大小不合理", name=info.filename)
            files[info.filename] = data
    return files


def _json(path: Path, name: str, raw: bytes) -> Any:
    """A JSON member whose every text is real text: "\\ud800" reads as a lone surrogate, which
    neither UTF-8 nor the database can hold."""
    try:
        value = json.loads(raw.decode("utf-8"))
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):
        raise _refuse(path, "{name} is not readable", "{name}无法读取", name=name) from None
    return value


def _field(manifest: dict[str, Any], table: str, key: str) -> Any:
    """manifest[table][key], or None when either is missing or not an object."""
    inner = manifest.get(table)
    return inner.get(key) if isinstance(inner, dict) else None


def check_package(store: Store, plan: Plan, path: Path, units: dict[str, Unit]) -> Incoming:
    """Every check of DESIGN.md §9, in the order a clerk would want to hear about them."""
    files = _members(path)
    if len(files[MANIFEST]) > MAX_MANIFEST:
        raise _refuse(path, "manifest.json is larger than {limit} KB: not a manifest qdesk wrote",
                      "manifest.json超过{limit}KB，不是qdesk生成的清单",
                      limit=MAX_MANIFEST // 1024)
    manifest = _json(path, MANIFEST, files[MANIFEST])
    if not isinstance(manifest, dict):
        raise _refuse(path, "manifest.json is not readable", "manifest.json无法读取")
    version = manifest.get("version")
    if manifest.get("format") == FORMAT and version in UNSIGNED_VERSIONS \
            and not isinstance(version, bool):
        raise _refuse(path, "the package was made by an older qdesk (package version {version}), "
                            "unsigned: ask the unit to export it again with this version of qdesk",
                      "数据包由旧版qdesk生成（第{version}版格式，未签名）：请下级单位升级到本版qdesk"
                      "后重新导出", version=str(version))
    if manifest.get("format") != FORMAT or version != VERSION or isinstance(version, bool):
        raise _refuse(path, "unknown package format or version ({format} {version})",
                      "未知的数据包格式或版本（{format} {version}）",
                      format=_shown(manifest.get("format")), version=_shown(version))
    _check_fields(path, manifest, _MANIFEST_FIELDS, "")
    public = bytes.fromhex(manifest["key"])
    signature = files.get(SIGNATURE)
    if signature is None:
        raise _refuse(path, "the package lacks manifest.sig: it is not signed",
                      "数据包缺少manifest.sig（未签名）")
    if not signing.verify(public, signature, files[MANIFEST]):
        raise _refuse(path, "the manifest's signature does not match: the package was altered "
                            "after it was made", "清单签名不符：数据包在生成后被改动过")
    for name in (DATA, REPORT):
        if _field(manifest, "files", name) != sha256(files[name]):
            raise _refuse(path, "{name} does not match its hash: the package was altered or "
                                "damaged", "{name}与其校验值不符：数据包已被改动或损坏",
                          name=name)
    if _report_digest(files[REPORT]) != sha256(files[DATA]):
        raise _refuse(path, "the report does not show these figures: report.pdf carries another "
                            "digest of data.json than the package holds",
                      "报告与数据不符：report.pdf所载data.json的摘要与数据包中的data.json不一致")
    if _field(manifest, "plan", "id") != plan.id:
        raise _refuse(path, "the package is for another plan ({theirs}; this database works to "
                            "{ours})", "数据包属于其他方案（{theirs}，本库方案为{ours}）",
                      theirs=str(_field(manifest, "plan", "id")), ours=plan.id)
    try:
        period = Period.parse(str(manifest.get("period")))
        plan.check_period(period)
    except QdeskError as exc:
        raise InputError(*exc.problems, source=str(path)) from None
    code = str(_field(manifest, "unit", "code"))
    unit = units.get(code)
    new = None
    if unit is None:
        new = _manifest_unit(path, manifest)
        unit = Unit(0, new.code, new.name, new.level, None)
    elif unit.code == home_unit(store).code:
        raise _refuse(path, "the package is from this office's own unit ({code}): only packages "
                            "of subordinate units are imported",
                      "数据包来自本单位（{code}），只能导入下级单位的数据包", code=code)
    else:
        retired = not_on_roll(unit, period)
        if retired is not None:
            raise InputError(Problem(retired, str(path)))
    kept = unit_key(store, code)
    if kept is not None and kept.public_key != public:
        raise _another_key(path, kept, public)
    data = _json(path, DATA, files[DATA])
    try:
        rows = list(data["entries"])
    except (KeyError, TypeError):
        raise _refuse(path, "data.json is not readable", "data.json无法读取") from None
    problems, checked = [], []
    seen: dict[tuple[str, Period], int] = {}
    for number, row in enumerate(rows, start=1):
        try:
            if not isinstance(row, dict) or str(row.get("unit")) != code:
                raise InputError(msg("an entry of another unit ({unit})",
                                     "其他单位（{unit}）的数据", unit=str(row.get("unit")
                                                                  if isinstance(row, dict)
                                                                  else row)))
            entry_period = Period.parse(str(row.get("period")))
            if not period.reports(entry_period):
                raise InputError(msg("an entry of {entry}, outside the package's {period}",
                                     "{entry}的数据不属于数据包的报告期{period}",
                                     entry=str(entry_period), period=str(period)))
            numerator, denominator, typed = (None if row.get(k) is None else str(row[k])
                                             for k in ("numerator", "denominator", "value"))
            note = row.get("note")
            if note is not None and not isinstance(note, str):
                raise InputError(msg("the note is not text", "备注不是文本"))
            none = row.get("not_applicable", False)
            if not isinstance(none, bool):
                raise InputError(msg("not_applicable is neither true nor false",
                                     "not_applicable（无此项）应为true或false"))
            if none and (numerator, denominator, typed) != (None, None, None):
                raise InputError(msg(
                    "{indicator} for {period} is marked 无此项 (not_applicable) and carries a "
                    "figure too: the package contradicts itself; ask the unit to send it again",
                    "指标{indicator}（{period}）既标为“无此项”又带有数据，数据包自相矛盾，"
                    "请下级单位重新报送", indicator=str(row.get("indicator")),
                    period=str(entry_period)))
            indicator, value = check_input(plan, entry_period, EntryInput(
                str(row.get("indicator")), numerator, denominator, typed, note, none))
            first = seen.setdefault((indicator.code, entry_period), number)
            if first != number:
                raise InputError(msg("the same indicator and period as entry {first}",
                                     "与第{first}条数据的指标和报告期重复", first=first))
        except QdeskError as exc:
            problems += [Problem(p.message, str(path), None, f"data.json[{number}]")
                         for p in exc.problems]
            continue
        checked.append(CheckedEntry(unit, entry_period, indicator, value, note))
    if problems:
        raise InputError(*problems[:50])
    return Incoming(path, unit, period, manifest, checked, sha256(path.read_bytes()), new,
                    manifest["sequence"], public, kept is None)


def _shown(value: Any) -> str:
    """A manifest's value as a message names it: a line at most."""
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _check_fields(path: Path, found: dict[str, Any], fields: dict[str, Any], within: str) -> None:
    """Every field of `fields` in `found` and of its shape, and no other (a field not qdesk's
    would be kept on record, and in every backup)."""
    for name in found:
        if name not in fields:
            raise _refuse(path, "manifest.json holds a field qdesk does not write ({name})",
                          "manifest.json中有qdesk不会写入的字段（{name}）",
                          name=_shown(within + name))
    for name, shape in fields.items():
        value, where = found.get(name), within + name
        if name not in found:
            raise _refuse(path, "manifest.json lacks {name}", "manifest.json缺少{name}",
                          name=where)
        if isinstance(shape, dict):
            if not isinstance(value, dict):
                raise _refuse(path, "manifest.json: {name} is not an object",
                              "manifest.json中的{name}不是对象", name=where)
            _check_fields(path, value, shape, where + ".")
        elif shape is int:
            if not isinstance(value, int) or isinstance(value, bool) \
                    or not 0 < value < _LARGEST_SEQUENCE:
                raise _refuse(path, "manifest.json: {name} is not a whole number",
                              "manifest.json中的{name}不是正整数", name=where)
        elif shape is None:
            if not isinstance(value, str) or not _HEX64.fullmatch(value):
                raise _refuse(path, "manifest.json: {name} is not 64 hex digits",
                              "manifest.json中的{name}不是64位十六进制数", name=where)
        elif not isinstance(value, str) or len(value) > shape:
            raise _refuse(path, "manifest.json: {name} is not a text of at most {limit} "
                                "characters", "manifest.json中的{name}不是长度不超过{limit}的文本",
                          name=where, limit=shape)


def _report_digest(report: bytes) -> str | None:
    """The digest of data.json the report's Keywords carry, or None."""
    from pypdf import PdfReader

    try:
        metadata = PdfReader(io.BytesIO(report)).metadata
        keywords = "" if metadata is None else str(metadata.get("/Keywords", ""))
    # pypdf fails on a damaged file in many ways; each means the report carries no digest.
    except Exception:
        return None
    found = re.search(re.escape(_DATA_KEYWORD) + "([0-9a-f]{64})", keywords)
    return found[1] if found else None


def _another_key(path: Path, kept: UnitKey, public: bytes) -> InputError:
    return _refuse(
        path, "the package is signed with another key ({theirs}) than the one kept for unit "
              "{code} since {since} ({ours}): refused. If the unit reinstalled qdesk, confirm the "
              "new fingerprint with it by telephone, then forget the old key (qdesk keys forget "
              "{code} --reason …) and import again",
        "数据包的签名密钥（指纹{theirs}）与本库自{since}起保存的单位{code}的密钥（指纹{ours}）"
        "不同，已拒绝。如该单位重装了qdesk，请电话核对新指纹后先忘记旧密钥（qdesk keys forget "
        "{code} --reason …）再导入", theirs=fingerprint(public), ours=kept.fingerprint,
        code=kept.unit_code, since=kept.first_seen[:10])


def _manifest_unit(path: Path, manifest: dict[str, Any]) -> NewUnit:
    """The unregistered unit a manifest names, as it would be registered; refused (as an
    unknown unit) when the manifest's code, name or level would not pass."""
    code = str(_field(manifest, "unit", "code"))
    fields = [_field(manifest, "unit", key) for key in ("code", "name", "level")]
    try:
        if not all(isinstance(f, str) for f in fields):
            raise InputError(msg("the manifest does not name the unit", "清单中缺少单位信息"))
        return new_unit(*fields)
    except InputError as exc:
        raise InputError(*[Problem(msg(
            "unknown unit code {code!r}, and the manifest's unit cannot be registered: {why}",
            "单位代码“{code}”不存在，且清单中的单位无法登记：{why}", code=code,
            why=p.message), str(path), field=p.field) for p in exc.problems]) from None
