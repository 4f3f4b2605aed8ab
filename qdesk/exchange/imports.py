"""The one import of what units send: submission packages and entry sheets, checked whole, written together."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace as replace_fields
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Sequence

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.units import NewUnit
from qdesk.exchange.entry_sheet import MAX_PROBLEMS, SheetRow, check_rows, read_rows
from qdesk.exchange.package import Incoming, check_package, is_package
from qdesk.exchange.task_sheet import is_task_sheet, read_task_sheets
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store
from qdesk.store.entries import (CheckedEntry, FigureChange, ImportWarning, RemovedFigure,
                                 WriteSummary, import_warnings, remove_entries, write_entries)
from qdesk.store.keys import fingerprint, keep_unit_key
from qdesk.store.locks import check_unlocked
from qdesk.store.packages import Standing, imported_on, record_package, standing_packages
from qdesk.store.plans import load_plan
from qdesk.store.recovery import backup_now
from qdesk.store.tasks import write_progress
from qdesk.store.units import Unit, import_units, units_by_code


class ImportedBefore(InputError):
    """Packages for a unit and period whose package was imported before: they replace the earlier
    ones only when asked (CLI: --replace; the workbench asks the clerk to confirm)."""

    def __init__(self, packages: Sequence[Incoming]) -> None:
        self.packages: tuple[Incoming, ...] = tuple(packages)
        super().__init__(*[Problem(msg(
            "{unit} {period} was imported before: import again with --replace (in the "
            "workbench: confirm) to replace it", "{unit}{period}的数据包此前已导入，如需替换请加 "
            "--replace（工作台中需确认）", unit=p.unit.name, period=str(p.period)), str(p.path))
            for p in self.packages])


class UnknownUnits(InputError):
    """Packages from subordinate offices not yet registered: they are registered from the
    packages' manifests only when asked (CLI: --add-units; the workbench asks the clerk)."""

    def __init__(self, units: Sequence[NewUnit], paths: Sequence[Path]) -> None:
        self.units: tuple[NewUnit, ...] = tuple(units)
        super().__init__(*[Problem(msg(
            "{name} ({code}, {level}) is not registered: register it with `qdesk unit add "
            "--code {code} --name {name} --level {level}`, or import with --add-units (in the "
            "workbench: confirm)", "下级单位“{name}”（{code}，{label}）尚未登记：请先运行 "
            "qdesk unit add --code {code} --name {name} --level {level} 登记，或导入时加 "
            "--add-units（工作台中需确认）", name=u.name, code=u.code, level=u.level.value,
            label=u.level.label_zh), str(path)) for u, path in zip(self.units, paths)])


class WouldChange(InputError):
    """An import that would change figures already stored, refused unless they may be changed
    (the workbench lists them and asks the clerk first; `qdesk import` changes them and says how
    many, `--check` lists them)."""

    def __init__(self, changes: Sequence[FigureChange],
                 removed: Sequence[RemovedFigure] = ()) -> None:
        self.changes: tuple[FigureChange, ...] = tuple(changes)
        self.removed: tuple[RemovedFigure, ...] = tuple(removed)
        super().__init__(Problem(msg(
            "the import would change {count} figure(s) already stored",
            "导入将修改已有数据{count}条", count=len(self.changes) + len(self.removed))))


class NewKey(NamedTuple):
    """A unit's key kept from its first package: its fingerprint to confirm by telephone."""

    unit_code: str
    unit_name: str
    fingerprint: str


@dataclass(frozen=True)
class Imported:
    """What an import wrote, or in a dry run would write (and then changed nothing)."""

    packages: tuple[Path, ...]
    sheets: tuple[Path, ...]
    replaced: int               # packages that replaced one imported before
    written: WriteSummary
    changes: Changes
    registered: tuple[NewUnit, ...] = ()    # units registered from the packages' manifests
    task_sheets: tuple[Path, ...] = ()      # returned task sheets (exchange.task_sheet)
    task_rows: int = 0                      # the ledger rows they hold
    removed: tuple[RemovedFigure, ...] = ()  # figures a replacing package no longer holds
    new_keys: tuple[NewKey, ...] = ()        # units' keys kept from their first package
    warnings: tuple[ImportWarning, ...] = ()  # figures that look unlikely, with no note to say why

    @property
    def files(self) -> int:
        return len(self.packages) + len(self.sheets) + len(self.task_sheets)


def import_files(store: Store, paths: Sequence[Path], *, replace: bool = False,
                 dry_run: bool = False, add_units: bool = False, overwrite: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> Imported:
    """Check every file, then write them all in one transaction, or nothing.

    A file named *.qdpkg is a submission package, a workbook made by `task export` a task sheet
    (its ledger rows written by store.tasks.write_progress), any other an entry sheet (CSV or
    xlsx). A unit
    and period whose package was imported before is replaced only with `replace` (else
    ImportedBefore, naming the packages), and replaced whole: a figure the new package no longer
    holds is removed; the earlier package stays on record, marked as replaced, and the audit
    trail keeps the figures it had. A package imported before (the same file), or one no newer
    (by its sequence) than the package on record, is refused, with `replace` too. A unit's key
    is kept from its first package (`new_keys`, to confirm by telephone). A package from a subordinate office
    not registered is refused (UnknownUnits, naming them) unless `add_units`, which registers
    it from its manifest, in the same transaction, once every other check has passed; with
    `add_units`, a package whose code is registered under another name is refused, never
    renamed. `progress(checked, files)` is called before each file is checked and once all
    are; a worker may raise from it to stop, and nothing has been written then. Figures already
    stored are changed only with `overwrite` (else WouldChange, listing them); the summary lists
    every one changed, or in a dry run every one that would be.
    """
    with _cycle_collector_paused():
        return _import(store, [Path(p) for p in paths], replace, dry_run, add_units, overwrite,
                       progress)


def _import(store: Store, paths: list[Path], replace: bool, dry_run: bool, add_units: bool,
            overwrite: bool, progress: Callable[[int, int], None] | None) -> Imported:
    packages = [p for p in paths if is_package(p)]
    task_sheets = [p for p in paths if not is_package(p) and is_task_sheet(p)]
    sheets = [p for p in paths if not is_package(p) and p not in task_sheets]
    plan, units = load_plan(store), units_by_code(store)

    def checking(done: int) -> None:
        if progress is not None:
            progress(done, len(paths))

    incoming: list[Incoming] = []
    for done, path in enumerate(packages):
        checking(done)
        incoming.append(check_package(store, plan, path, units))
    _refuse_a_unit_and_period_twice(incoming)
    rows: list[SheetRow] = []
    for done, path in enumerate(sheets, start=len(packages)):
        checking(done)
        rows += read_rows(path)
    from_sheets = check_rows(plan, units, rows, sheets)
    today = dt.date.today()
    ledger = read_task_sheets(store, plan, task_sheets, today) if task_sheets else []
    checking(len(paths))
    _refuse_a_figure_twice(incoming, from_sheets)
    standing = standing_packages(store)
    _refuse_replayed(store, incoming, standing)
    new_keys = _new_keys(incoming)
    earlier = [item for item in incoming if (item.unit.id, item.period) in standing]
    if earlier and not replace:
        raise ImportedBefore(earlier)
    new_units = _new_units(incoming, add_units)
    if new_units:
        import_units(store, new_units, dry_run=True)    # a code or name taken is refused here
    entries = [e for item in incoming for e in item.entries] + from_sheets
    dropped = _replace_whole(store, earlier, dry_run=True)
    if dry_run or not overwrite:
        for period in {row.period for row in ledger}:
            check_unlocked(store, period)
        would = write_entries(store, entries, dry_run=True)
        if dry_run:
            return Imported(tuple(packages), tuple(sheets), len(earlier), would, NOTHING,
                            tuple(new_units), tuple(task_sheets), len(ledger), tuple(dropped),
                            tuple(new_keys), tuple(import_warnings(store, plan, entries)))
        if would.updates or dropped:
            raise WouldChange(would.updates, dropped)
    # Weighed once the import is sure to go on: the workbench's first try of an import that
    # changes stored figures is refused (WouldChange) and tried again once the clerk agrees.
    warned = tuple(import_warnings(store, plan, entries))
    for period in {e.period for e in entries} | {row.period for row in ledger} \
            | {r.period for r in dropped}:
        # before the backup: a refusal takes none
        check_unlocked(store, period)
    backup_now(store, "import")
    with store.transaction():
        registered = NOTHING
        if new_units:
            registered = import_units(store, new_units).changes
            incoming = _registered(incoming, units_by_code(store))
            entries = [e for item in incoming for e in item.entries] + from_sheets
        removed = _replace_whole(store, earlier)
        written = write_entries(store, entries)
        for item in incoming:
            on_record = standing.get((item.unit.id, item.period))
            record_package(store, item.unit, item.period, item.path.name, item.digest,
                           item.manifest, None if on_record is None else on_record.id)
        kept = {item.unit.code: item for item in incoming if item.new_key}
        for item in kept.values():
            keep_unit_key(store, item.unit.code, item.public_key, item.path.name)
        tasks = write_progress(store, plan, ledger, today) if ledger else NOTHING
    return Imported(tuple(packages), tuple(sheets), len(earlier), written,
                    _changes(incoming, entries, written, removed) | registered | tasks,
                    tuple(new_units), tuple(task_sheets), len(ledger), tuple(removed),
                    tuple(new_keys), warned)


def _replace_whole(store: Store, replacing: list[Incoming],
                   dry_run: bool = False) -> list[RemovedFigure]:
    """The figures of each replaced unit and period that its new package no longer holds,
    removed (or, in a dry run, listed): a correction replaces the figures it corrects whole."""
    return [removed for item in replacing
            for removed in remove_entries(store, item.unit, item.period,
                                          {(e.period, e.indicator.code) for e in item.entries},
                                          dry_run)]


def _refuse_replayed(store: Store, incoming: list[Incoming],
                     standing: dict[tuple[int, Period], Standing]) -> None:
    """A package imported before, or older than the unit's package on record for its period,
    is refused, `replace` or not: it would put back figures the unit has since corrected."""
    problems = []
    for item in incoming:
        on_record = standing.get((item.unit.id, item.period))
        before = imported_on(store, item.digest)
        if before is not None:
            problems.append(Problem(msg(
                "this package was imported before (on {day}): the same package is not imported "
                "twice", "该数据包已于{day}导入过，同一数据包不再重复导入", day=before[:10]),
                str(item.path)))
        elif on_record is not None and on_record.sequence is not None \
                and item.sequence <= on_record.sequence:
            problems.append(Problem(msg(
                "this package of {unit} {period} is older than the one on record (package "
                "number {theirs}, on record {ours}): refused, so as not to put back figures the "
                "unit has corrected since", "该数据包（{unit}{period}，第{theirs}号）不晚于已导入的"
                "第{ours}号数据包，已拒绝，以免用旧数据覆盖下级单位已更正的数据",
                unit=item.unit.name, period=str(item.period), theirs=item.sequence,
                ours=on_record.sequence), str(item.path)))
    if problems:
        raise InputError(*problems[:MAX_PROBLEMS])


def _new_keys(incoming: list[Incoming]) -> list[NewKey]:
    """The keys to keep, one for each unit with none kept yet; two packages of one such unit
    signed with two keys are refused."""
    first: dict[str, Incoming] = {}
    for item in incoming:
        if not item.new_key:
            continue
        seen = first.setdefault(item.unit.code, item)
        if seen.public_key != item.public_key:
            raise InputError(Problem(msg(
                "the package is signed with another key ({theirs}) than {other} of the same "
                "unit ({ours})", "数据包的签名密钥（指纹{theirs}）与同一单位的{other}（指纹{ours}）"
                "不同", theirs=item.fingerprint, other=str(seen.path),
                ours=fingerprint(seen.public_key)), str(item.path)))
    return [NewKey(item.unit.code, item.unit.name, item.fingerprint) for item in first.values()]


def _new_units(incoming: list[Incoming], add_units: bool) -> list[NewUnit]:
    """The units the packages come from that are not registered, once each.

    Without `add_units`, UnknownUnits naming them; with it, a package whose registered unit has
    another name than its manifest gives is refused, as are two packages naming one new code
    differently.
    """
    new: dict[str, tuple[NewUnit, Path]] = {}
    problems = []
    for item in incoming:
        if item.new_unit is None:
            name = item.manifest["unit"].get("name")
            if add_units and name != item.unit.name:
                problems.append(Problem(msg(
                    "the package names unit {code} {theirs}, but {code} is registered as {ours}: "
                    "nothing was renamed; rename the unit first if its name has changed",
                    "数据包中单位{code}的名称为“{theirs}”，而本库中该代码已登记为“{ours}”，不予"
                    "改名；如单位已更名，请先修改单位名称", code=item.unit.code,
                    theirs=str(name), ours=item.unit.name), str(item.path)))
            continue
        first = new.setdefault(item.new_unit.code, (item.new_unit, item.path))
        if first[0] != item.new_unit:
            problems.append(Problem(msg(
                "the package names unit {code} otherwise than {other} does",
                "数据包中单位{code}的名称或层级与{other}不同", code=item.new_unit.code,
                other=str(first[1])), str(item.path)))
    if problems:
        raise InputError(*problems[:MAX_PROBLEMS])
    if new and not add_units:
        raise UnknownUnits([u for u, _ in new.values()], [p for _, p in new.values()])
    return [u for u, _ in new.values()]


def _registered(incoming: list[Incoming], units: dict[str, Unit]) -> list[Incoming]:
    """The packages of units just registered, with their units as registered."""
    result = []
    for item in incoming:
        if item.new_unit is not None:
            unit = units[item.unit.code]
            item = replace_fields(item, unit=unit, entries=[e._replace(unit=unit)
                                                            for e in item.entries])
        result.append(item)
    return result


def _refuse_a_unit_and_period_twice(incoming: list[Incoming]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for item in incoming:
        key = (item.unit.code, str(item.period))
        if key in seen:
            raise InputError(Problem(msg("the same unit and period as {other}",
                                         "与{other}的单位和报告期相同", other=str(seen[key])),
                                     str(item.path)))
        seen[key] = item.path


def _refuse_a_figure_twice(incoming: list[Incoming], from_sheets: list[CheckedEntry]) -> None:
    """A figure comes from one file: a sheet may not hold one of a package imported with it."""
    if not incoming:        # then a long sheet need not be walked
        return
    in_packages = {(e.unit.code, e.period, e.indicator.code): item.path
                   for item in incoming for e in item.entries}
    problems = [Problem(msg(
        "{indicator} of {unit} for {period} is in the package {package} too: import a figure "
        "from one file only", "{unit}{period}的指标{indicator}也在数据包{package}中，"
        "同一数据只能从一个文件导入", indicator=e.indicator.code, unit=e.unit.code,
        period=str(e.period), package=str(in_packages[key])))
        for e in from_sheets
        if (key := (e.unit.code, e.period, e.indicator.code)) in in_packages]
    if problems:
        raise InputError(*problems[:MAX_PROBLEMS])


def _changes(incoming: list[Incoming], entries: list[CheckedEntry], written: WriteSummary,
             removed: list[RemovedFigure]) -> Changes:
    tables = (["entries"] if written.changed or removed else []) \
        + (["packages"] if incoming else []) \
        + (["signing_keys"] if any(i.new_key for i in incoming) else [])
    if not tables:
        return NOTHING
    return Changes.of(*tables, "audit",
                      units={e.unit.code for e in entries} | {i.unit.code for i in incoming},
                      periods={e.period for e in entries} | {i.period for i in incoming})


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while files become entries and audit rows.

    A sheet of 100 000 rows makes about a million small objects and no cycle among them; the
    collector, woken again and again as they pile up, would walk them all each time, which was
    a sixth of the import. It runs again, as it was, once the files are in.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
