"""Making a new database: built beside its final place and moved there whole, or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from qdesk.core.errors import DatabaseFileError, InputError
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.locations import make_data_dir_for
from qdesk.store.database import Store, open_store
from qdesk.store.file_lock import FileLock
from qdesk.store.plans import save_plan
from qdesk.store.units import Unit, add_home_unit


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def build_new(target: Path, fill: Callable[[Store], None], force: bool = False) -> None:
    """Create a database at `target` by running `fill` on a fresh file, then moving it in place.

    An existing file is refused unless `force`; a failure leaves the existing file as it was.
    """
    target = Path(target)
    if target.is_dir():
        raise DatabaseFileError(msg("this is a folder, not a database file",
                                    "这是一个文件夹，不是数据库文件"), source=str(target))
    if target.exists() and not force:
        raise InputError(msg("{path} already exists: choose another file, or add --force to "
                             "replace it", "文件“{path}”已存在：请换一个文件名，或加 --force 覆盖",
                             path=str(target)))
    make_data_dir_for(target)
    if not target.parent.is_dir():
        raise DatabaseFileError(msg("the folder {folder} does not exist",
                                    "文件夹“{folder}”不存在", folder=str(target.parent)),
                                source=str(target))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.new")
    lock = FileLock.acquire(target)     # never replace a file another qdesk is working on
    _remove(temporary)
    try:
        with open_store(temporary, create=True) as store:
            fill(store)
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.execute("PRAGMA journal_mode = DELETE")
        _remove(target)
        os.replace(temporary, target)
    finally:
        _remove(temporary)
        lock.release()


def seed(store: Store, plan: Plan, template_text: str, unit_code: str, unit_name: str) -> None:
    """Fill a new database with its plan and the office's own unit."""
    save_plan(store, plan, template_text)
    add_home_unit(store, unit_code, unit_name)


def date_as_kept(store: Store, units: list[Unit], entered: Callable[[Unit, Period], str],
                 submitted: Callable[[Period], str]) -> None:
    """Date the figures and the reports upward of a database built in a day from the records of
    years past (the demo) as the office made them: each unit's figures of a period entered at
    entered(unit, period), each report upward at submitted(period), both ISO 8601 times. The
    completeness table reads these days; the figures do not change, so nothing is audited."""
    with store.transaction() as db:
        for unit in units:
            for text, in db.execute("SELECT DISTINCT period FROM entries WHERE unit_id = ?"
                                    " ORDER BY period", [unit.id]).fetchall():
                db.execute("UPDATE entries SET updated_at = ? WHERE unit_id = ? AND period = ?",
                           [entered(unit, Period.parse(text)), unit.id, text])
        for submission, text in db.execute("SELECT id, period FROM submissions ORDER BY id"
                                           ).fetchall():
            db.execute("UPDATE submissions SET created_at = ? WHERE id = ?",
                       [submitted(Period.parse(text)), submission])
