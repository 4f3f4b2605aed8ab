"""Making a new database: built beside its final place and moved there whole, or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from qdesk.core.errors import DatabaseFileError, InputError
from qdesk.core.i18n import msg
from qdesk.core.plan import Plan
from qdesk.locations import make_data_dir_for
from qdesk.store.database import Store, open_store
from qdesk.store.file_lock import FileLock
from qdesk.store.plans import save_plan
from qdesk.store.units import add_home_unit


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
