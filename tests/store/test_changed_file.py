"""The database file changed under an open store: copied over from a backup, or read by a SQLite browser."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from qdesk.core.periods import Period
from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store import database
from qdesk.store.database import file_version, open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit
from qdesk.store.watch import FileChangedError

Q1 = Period.parse("2020Q1")

# Another process, as a SQLite browser is: it opens the file, reads, and closes when told.
READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
for line in sys.stdin:
    if line.strip() == "read":
        try:
            rows = conn.execute("SELECT numerator FROM entries ORDER BY id").fetchall()
        except sqlite3.Error as exc:
            print("error", exc, flush=True)
        else:
            print(" ".join(str(r[0]) for r in rows), flush=True)
    else:
        break
conn.close()
print("closed", flush=True)
"""


class Reader:
    def __init__(self, path):
        self.process = subprocess.Popen([sys.executable, "-c", READER, str(path)], text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self):
        self.process.stdin.write("read\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().split()

    def close(self):
        self.process.stdin.write("close\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "closed"
        self.process.wait(10)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "panshan.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    return path


def write(store, numerator):
    set_entries(store, load_plan(store), home_unit(store), Q1,
                [EntryInput("P02", str(numerator), "100")])


def numerators(path):
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT numerator FROM entries ORDER BY id")]
    finally:
        conn.close()


def copy_over(store, path, tmp_path, numerator):
    """A backup holding `numerator`, then later work left in the log, then the backup copied over."""
    write(store, numerator)
    backup = tmp_path / "backup.qdesk"
    store.conn.execute(f"VACUUM INTO '{backup}'")
    for later in range(numerator + 1, numerator + 30):
        write(store, later)
    assert (path.parent / f"{path.name}-wal").stat().st_size > 0
    shutil.copyfile(backup, path)  # in place, as a copy-over from a backup folder is
    return backup


def test_a_write_to_a_file_copied_over_the_open_database_is_refused_and_the_copy_kept(db, tmp_path):
    store = open_store(db)
    backup = copy_over(store, db, tmp_path, 70)
    with pytest.raises(FileChangedError) as refused:
        write(store, 50)
    assert "changed by another program" in refused.value.render("en")
    assert "nothing was saved" in refused.value.render("en")
    assert "已被其他程序更改" in refused.value.render("zh")
    store.close()
    assert db.read_bytes() == backup.read_bytes()
    assert numerators(db) == [70]
    assert not (db.parent / f"{db.name}-wal").exists()


def test_a_copy_over_is_refused_and_kept_while_a_browser_reads_the_file(db, tmp_path):
    store = open_store(db)
    reader = Reader(db)
    assert reader.read() == []
    backup = copy_over(store, db, tmp_path, 70)
    with pytest.raises(FileChangedError):
        write(store, 50)
    store.close()
    reader.read()  # an error, or the copied-in figures: the file was replaced under the browser
    # The browser is the last one out now: it must find no log of ours to copy into the file.
    reader.close()
    assert numerators(db) == [70]
    assert db.read_bytes() == backup.read_bytes()


def test_reading_the_header_keeps_the_log_of_the_open_database_from_a_browser_closing(db):
    store = open_store(db)
    write(store, 70)
    reader = Reader(db)
    assert reader.read() == ["70"]
    file_version(db)
    # Had the header read dropped our locks, the browser would take itself for the last one
    # out, copy the log into the file and delete it under the open store.
    reader.close()
    assert (db.parent / f"{db.name}-wal").exists()
    write(store, 71)
    assert numerators(db) == [71]
    store.close()


def test_qdesk_checkpoints_the_log_itself_and_its_own_connections_do_not_count_as_another_program(
        db, monkeypatch):
    monkeypatch.setattr(database, "CHECKPOINT_AT", 0)
    first, second = open_store(db), open_store(db)
    assert first.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    before = db.read_bytes()
    write(second, 70)  # a worker's own connection writes and checkpoints into the file
    assert db.read_bytes() != before
    write(first, 71)
    second.close()
    write(first, 72)
    first.close()
    assert numerators(db) == [72]


def test_a_file_copied_over_while_closed_opens_as_it_is(db, tmp_path):
    store = open_store(db)
    write(store, 70)
    store.conn.execute(f"VACUUM INTO '{tmp_path / 'backup.qdesk'}'")
    write(store, 71)
    store.close()
    shutil.copyfile(tmp_path / "backup.qdesk", db)
    with open_store(db) as store:
        write(store, 72)
    assert numerators(db) == [72]


def test_without_the_log_on_a_network_share_each_save_is_ours_and_a_copy_over_refused(
        db, tmp_path, monkeypatch):
    monkeypatch.setattr(database, "on_network_share", lambda path: True)
    store = open_store(db)
    assert store.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    write(store, 70)
    store.conn.execute(f"VACUUM INTO '{tmp_path / 'backup.qdesk'}'")
    write(store, 71)  # every commit writes the file itself: not taken for another program's
    shutil.copyfile(tmp_path / "backup.qdesk", db)
    with pytest.raises(FileChangedError):
        write(store, 72)
    store.close()
    assert numerators(db) == [70]


def test_garbage_read_inside_a_transaction_from_a_file_overwritten_meanwhile_says_why(db):
    store = open_store(db)
    size = db.stat().st_size
    with pytest.raises(FileChangedError):
        with store.transaction():
            with db.open("r+b") as handle:    # another program writes over the pages
                handle.seek(4096)
                handle.write(b"\xa5" * (size - 4096))
            list(store.query("SELECT * FROM audit"))
    store.close()


# Another qdesk process, the writer, as the workbench is: a write it checkpoints into the file,
# then one left in its log; it closes when told.
WRITER = """
import sys
from qdesk.core.periods import Period
from qdesk.store import database
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import home_unit

store = open_store(sys.argv[1])
def write(numerator):
    set_entries(store, load_plan(store), home_unit(store), Period.parse("2020Q1"),
                [EntryInput("P02", str(numerator), "100")])
database.CHECKPOINT_AT = 0
write(60)
database.CHECKPOINT_AT = 1 << 30
write(61)
print("written", flush=True)
sys.stdin.readline()
store.close()
"""


def test_a_reader_closing_after_another_qdesk_wrote_leaves_that_writers_log_alone(db):
    reader = open_store(db, exclusive=False)
    assert reader.lock is None
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert writer.stdout.readline().strip() == "written"
        # The file changed under the reader, as files do under a reader: it is not ours to mend.
        reader.close()
        assert (db.parent / f"{db.name}-wal").stat().st_size > 0
    finally:
        writer.communicate("close\n", timeout=30)
    assert writer.returncode == 0
    assert numerators(db) == [61]
