"""The submission package (DESIGN.md §9): one file per unit and period, sent upward.

`<division code>-<period>.qdpkg` is a zip of manifest.json, data.json (the unit's own entries for
the period, its narratives, the subordinate units it includes) and report.pdf (the period's
report as printed), each hashed in the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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
from qdesk.store.database import Store
from qdesk.store.entries import CheckedEntry, EntryInput, check_input, entries_of_year
from qdesk.store.narratives import narratives
from qdesk.store.plans import load_plan
from qdesk.store.rollups import roll_up
from qdesk.store.units import Unit, home_unit, not_on_roll, subordinates

# Version 2 adds an entry's "not_applicable" (无此项). A package holding none is written as
# version 1, which an office still on a version-1 qdesk reads as before; one holding 无此项 is
# version 2, which that office refuses by its version, rather than misreading the empty figure.
FORMAT, VERSION = "qdesk-package", 2
VERSIONS = (1, 2)
MANIFEST, DATA, REPORT = "manifest.json", "data.json", "report.pdf"
SUFFIX = ".qdpkg"


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


def write_package(store: Store, plan: Plan, unit: Unit, period: Period, report: bytes,
                  out: Path) -> None:
    """Write the unit's package for the period to `out`, with `report`, the period's report as a
    PDF, beside its figures; every file hashed in the manifest."""
    content = package_data(store, unit, period)
    data = json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")
    none = any(entry.get("not_applicable") for entry in content["entries"])
    manifest = {
        "format": FORMAT, "version": VERSION if none else 1,
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
        "plan": {"id": plan.id, "title": plan.title}, "period": str(period),
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "app_version": __version__,
        "files": {DATA: sha256(data), REPORT: sha256(report)},
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        archive.writestr(DATA, data)
        archive.writestr(REPORT, report)


MAX_MEMBER = 64 * 1024 * 1024      # a report of a few hundred pages; anything bigger is not ours
ALLOWED = (MANIFEST, DATA, REPORT)


@dataclass(frozen=True)
class Incoming:
    """A package that has passed every check, ready to be written.

    A package from a unit not registered carries the unit its manifest names as `new_unit`,
    and a stand-in `unit` (id 0) until the import registers it.
    """

    path: Path
    unit: Unit
    period: Period
    manifest: dict[str, Any]
    entries: list[CheckedEntry]
    digest: str
    new_unit: NewUnit | None = None


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
        missing = [n for n in ALLOWED if n not in names]
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
    manifest = _json(path, MANIFEST, files[MANIFEST])
    if not isinstance(manifest, dict):
        raise _refuse(path, "manifest.json is not readable", "manifest.json无法读取")
    if manifest.get("format") != FORMAT or manifest.get("version") not in VERSIONS \
            or isinstance(manifest.get("version"), bool):
        raise _refuse(path, "unknown package format or version ({format} {version})",
                      "未知的数据包格式或版本（{format} {version}）",
                      format=str(manifest.get("format")), version=str(manifest.get("version")))
    for name in (DATA, REPORT):
        if _field(manifest, "files", name) != sha256(files[name]):
            raise _refuse(path, "{name} does not match its hash: the package was altered or "
                                "damaged", "{name}与其校验值不符：数据包已被改动或损坏",
                          name=name)
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
    return Incoming(path, unit, period, manifest, checked, sha256(path.read_bytes()), new)


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
