"""Shared fixtures: Chinese messages, and the demo database made once and copied for each test."""

import shutil

import pytest

from qdesk.core.i18n import set_language


@pytest.fixture(autouse=True)
def chinese_messages():
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture(scope="session", autouse=True)
def own_qsettings(tmp_path_factory):
    """The workbench's settings in an ini file of the suite's own, for this process and every
    qdesk it starts: never the real user's (on Windows, the registry)."""
    path = tmp_path_factory.mktemp("qsettings") / "qdesk.ini"
    with pytest.MonkeyPatch.context() as patch:
        # qdesk.gui.qsettings.FILE_VARIABLE, named here so that a test without Qt imports none.
        patch.setenv("QDESK_SETTINGS_FILE", str(path))
        yield path


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo database, built once; tests that change it take `demo_db`."""
    from qdesk.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.qdesk"
    build_demo(path)
    return path


@pytest.fixture
def demo_db(demo_master, tmp_path):
    """A fresh copy of the demo database for a test that changes it."""
    path = tmp_path / "demo.qdesk"
    shutil.copy(demo_master, path)
    return path


@pytest.fixture
def demo_store(demo_db):
    """The demo database open, for a test that reads or changes it."""
    from qdesk.store.database import open_store

    store = open_store(demo_db)
    yield store
    store.close()


@pytest.fixture
def hold_elsewhere(tmp_path):
    """Open a database for writing in a child process, as a second qdesk would, and keep it open.

    `hold_elsewhere(path)` returns the child once it holds the file; it is killed at the end. Its
    `holder_pid` is the pid the child itself reports: on Windows a venv's python.exe is a launcher
    that starts the real interpreter as a process of its own, so `child.pid` is not the holder's.
    """
    import subprocess
    import sys
    import textwrap
    import time

    children = []

    def hold(path):
        ready = tmp_path / f"held-{len(children)}"
        child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import os, pathlib, time
            from qdesk.store.database import open_store
            store = open_store({str(path)!r})
            note = pathlib.Path({str(ready)!r} + ".part")
            note.write_text(str(os.getpid()))
            note.replace({str(ready)!r})
            time.sleep(120)
        """)])
        children.append(child)
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert child.poll() is None, "the holder died"
            assert time.monotonic() < deadline, "the holder never held the file"
            time.sleep(0.05)
        child.holder_pid = int(ready.read_text())
        return child

    yield hold
    for child in children:
        child.kill()
        child.wait()


@pytest.fixture
def panjin_county(tmp_path):
    """(store, plan, home, units): 盘山县 made as `qdesk init` makes it on the 盘锦 plan (which has
    tasks), with two townships and two member units of its own, and no figures or ledger."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan
    from qdesk.store.units import add_subordinate, home_unit

    db = tmp_path / "panshan.qdesk"
    create_database(db, find_template("panjin-2014"), "211122", "盘山县")
    store = open_store(db)
    units = [add_subordinate(store, code, name, level) for code, name, level in (
        ("211122100", "石新镇", "township"), ("211122101", "坝墙子镇", "township"),
        ("D01", "市质监局", "department"), ("D02", "市财政局", "department"))]
    yield store, load_plan(store), home_unit(store), units
    store.close()


@pytest.fixture
def full_disk(tmp_path):
    """`full_disk(*files)`: a folder on a small tmpfs holding copies of `files`, then filled to
    the last byte, so that the next write there fails with ENOSPC. Needs Linux and root to
    mount; skipped otherwise. Unmounted at the end."""
    import errno
    import os
    import subprocess
    import sys

    mounted = []

    def make(*files, size=None):
        if not sys.platform.startswith("linux") or os.geteuid() != 0:
            pytest.skip("a full disk is made with a tmpfs mount: needs Linux and root (on "
                        "Windows it would be a small volume of its own, which Wine cannot mount)")
        folder = tmp_path / f"full-{len(mounted)}"
        folder.mkdir()
        room = size or (sum(os.path.getsize(f) for f in files) * 3 + 1024 * 1024)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={room}", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
        mounted.append(folder)
        for source in files:
            shutil.copy(source, folder / os.path.basename(source))
        with open(folder / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        return folder

    yield make
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)
