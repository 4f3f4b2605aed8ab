"""A failed open leaves nothing of it holding the file, so the offered restore can replace it
(Windows will not replace a file that is open)."""

import os
import sys
from pathlib import Path

import pytest

from qdesk.core.errors import DamagedDatabaseError
from qdesk.store import watch
from qdesk.store.check import check_database
from qdesk.store.database import open_store
from qdesk.store.file_lock import lock_path
from qdesk.store.recovery import backup_now, newest_good_backup, restore_backup


def _damage_schema(path):
    """Scribble over the first page after its header: the schema cannot be read."""
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)
    path.write_bytes(bytes(data))


def _held_open(path):
    """The descriptors of this process on `path`, but the watch's kept header descriptor."""
    key = os.stat(path).st_ino
    held = []
    for name in os.listdir("/proc/self/fd"):
        try:
            stat = os.stat(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if stat.st_ino == key and int(name) not in watch.descriptors():
            held.append(os.readlink(f"/proc/self/fd/{name}"))
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                    reason="the process's open files are listed only where there is /proc; on "
                           "Windows, where a file held open cannot be replaced, the restore "
                           "test after this one proves it")
def test_a_failed_open_of_a_damaged_file_leaves_nothing_holding_it(demo_db):
    _damage_schema(demo_db)
    with pytest.raises(DamagedDatabaseError):
        open_store(demo_db)
    assert _held_open(demo_db) == []
    assert not lock_path(demo_db).exists()


def test_after_a_failed_open_of_a_damaged_file_the_newest_good_backup_is_restored(demo_db):
    with open_store(demo_db) as store:
        good = backup_now(store, "manual")
    _damage_schema(demo_db)
    with pytest.raises(DamagedDatabaseError):
        open_store(demo_db)
    assert newest_good_backup(demo_db) == good
    restore_backup(demo_db, good.path)
    assert check_database(demo_db).ok
    with open_store(demo_db) as store:
        assert store.execute("SELECT count(*) FROM units").fetchone()[0] > 0
    if sys.platform != "win32" and Path("/proc/self/fd").is_dir():
        assert _held_open(demo_db) == []
