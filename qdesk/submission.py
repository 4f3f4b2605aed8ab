"""Making the submission package, which needs both a document (reports) and a file (exchange).

The package takes its name only after its submission is recorded and its period locked: a kill
at any moment leaves either nothing (no package, the period open, nothing recorded) or the
submission recorded and locked with its package, which `complete_pending` puts in place at the
next opening if the process stopped just before it did.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError, QdeskError
from qdesk.core.i18n import Msg, msg
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.exchange.package import (REPORT, data_keyword, package_data, package_json,
                                    package_name, sha256, write_package)
from qdesk.files import check_out_file, sync_file, sync_folder, temporary_beside, unwritable
from qdesk.store.database import Store
from qdesk.store.locks import check_unlocked, unlock_period
from qdesk.store.plans import load_plan
from qdesk.store.recovery import backup_now
from qdesk.store.submissions import (Pending, clear_pending, locked_by, note_pending,
                                     pending_packages, record_submission, recorded_digest)
from qdesk.store.units import Unit, home_unit

if TYPE_CHECKING:
    from qdesk.reports.header import Issue


@dataclass(frozen=True)
class Submitted:
    """A package in place under its name, its submission recorded and its period locked."""

    path: Path
    submission: int
    sha256: str


def build_package(store: Store, period: Period, out: Path, today: dt.date | None = None,
                  force: bool = False) -> Path:
    """The package's path; see `submit_package`."""
    return submit_package(store, period, out, force, today).path


def submit_package(store: Store, period: Period, out: Path, force: bool = False,
                   today: dt.date | None = None) -> Submitted:
    """Make the package for the office's own unit and record the submission, which locks the period.

    `out` is the package's file, or the folder it goes in under its conventional name; a file
    there is replaced only with `force`. The period must not be locked already (unlock it, with
    a reason, to send a correction). The package is written beside its name, then the database
    is backed up, then one transaction records the submission, the lock, the report's 发文字号
    and a note of the file; only then does the file take its name.
    """
    plan = load_plan(store)
    plan.check_period(period)
    check_unlocked(store, period)
    unit = home_unit(store)
    kind = ReportKind.of_period(period.frequency)
    target = check_out_file(out, package_name(unit, period), force)
    note = note_pending(store, temporary_beside(target), target)
    try:
        issue = _write_package_file(store, plan, unit, period, kind, note.temporary, target,
                                    today)
        digest = sha256(note.temporary.read_bytes())
        backup_now(store, "submission")
        with store.transaction():
            # Again inside the transaction that locks it: making the package took a while.
            check_unlocked(store, period)
            _take_number(store, issue)
            submission = record_submission(store, unit, period, kind, target.name, digest, note)
    except BaseException:
        note.temporary.unlink(missing_ok=True)
        # A note that cannot be cleared now is cleared at the next opening: its file is gone.
        with suppress(QdeskError, sqlite3.Error):
            clear_pending(store, note)
        raise
    _put_in_place(note, target)
    # The package is in place and recorded: a note left now is cleared at the next opening.
    with suppress(QdeskError, sqlite3.Error):
        clear_pending(store, note)
    return Submitted(target, submission, digest)


def _write_package_file(store: Store, plan: Plan, unit: Unit, period: Period, kind: ReportKind,
                        temporary: Path, target: Path, today: dt.date | None) -> Issue | None:
    """The period's report, and the package around it, written to `temporary` and on the disk.

    The one place that calls the report and the package writers. The report's 发文字号 is only
    reserved here; the submission's transaction takes it.
    """
    from qdesk.reports.period_report import build_report

    data = package_json(package_data(store, unit, period))
    try:
        with tempfile.TemporaryDirectory() as work:
            pdf = Path(work) / REPORT
            result = build_report(store, kind, period, pdf, today, register=False,
                                  keywords=data_keyword(data))
            write_package(store, plan, unit, period, data, pdf.read_bytes(), temporary)
        sync_file(temporary)
    except OSError as exc:
        raise unwritable(target, exc) from None
    return result.issue


def _take_number(store: Store, issue: Issue | None) -> None:
    from qdesk.reports import header

    if issue is not None:
        header.take(store, issue)


def _put_in_place(note: Pending, target: Path) -> None:
    try:
        os.replace(note.temporary, target)
        sync_folder(target.parent)
    except OSError as exc:
        raise InputError(msg(
            "the submission is recorded and the period locked, but the package could not take "
            "its name ({error}); it is kept as {temporary} and put in place when the database "
            "is next opened", "报送已记录、报告期已锁定，但报送包未能改为正式文件名（{error}）；"
            "它暂存为“{temporary}”，下次打开数据库时会自动改名", error=exc.strerror or str(exc),
            temporary=str(note.temporary)), source=str(target)) from None


def complete_pending(store: Store) -> list[Msg]:
    """Finish what a stopped `submit_package` left, as the writer opens the database; what was done.

    A package noted before its submission was recorded is removed: it was never sent. One
    whose submission was recorded takes its name. Where that file is gone (deleted by hand,
    never by qdesk) and no package with its digest has its name, the period is unlocked with a
    reason the audit trail keeps, so that the package can be made again; the submission row
    stays, as every submission does. A note whose folder is not there (a removed USB stick)
    waits for it.
    """
    done: list[Msg] = []
    for note in pending_packages(store):
        if not note.out.parent.is_dir():
            done.append(msg("the package {path} is waiting for its folder: put the drive back "
                            "and open the database again", "报送包“{path}”所在的文件夹不在：请插回"
                            "该磁盘后重新打开数据库", path=str(note.out)))
            continue
        if note.submission is None:
            note.temporary.unlink(missing_ok=True)
        elif note.temporary.exists():
            try:
                _put_in_place(note, note.out)
            except InputError as exc:
                done.append(exc.problems[0].message)
                continue
            done.append(msg("the package {path} was put in place: its submission had been "
                            "recorded when qdesk stopped", "报送包“{path}”已改为正式文件名"
                            "（qdesk停止时报送已记录）", path=str(note.out)))
        elif not _holds(store, note):
            period = _undo(store, note.submission)
            if period is not None:
                done.append(msg("the package of {period} was never written: the period is "
                                "unlocked again; make the package again",
                                "{label}的报送包未能写出，该报告期已重新解锁，请重新生成报送包",
                                period=str(period), label=period.label_zh()))
        clear_pending(store, note)
    return done


def _holds(store: Store, note: Pending) -> bool:
    """Whether the package's name holds the package its submission recorded."""
    recorded = recorded_digest(store, note.submission) if note.submission is not None else None
    try:
        return recorded is not None and sha256(note.out.read_bytes()) == recorded
    except OSError:
        return False


def _undo(store: Store, submission: int | None) -> Period | None:
    period = locked_by(store, submission) if submission is not None else None
    if period is not None:
        unlock_period(store, period, "报送包未能写出（qdesk在报送包改名前停止，且临时文件已不在），"
                                     "自动解锁以便重新报送")
    return period
