"""Where databases live: the per-user folder, and the name a new database is offered there."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qdesk import locations
from qdesk.store.check import check_database


def test_a_new_database_is_offered_the_default_file_while_there_is_none(tmp_path, monkeypatch):
    monkeypatch.setattr(locations, "default_database", lambda: tmp_path / "qdesk.qdesk")
    assert locations.new_database_path() == tmp_path / "qdesk.qdesk"


def test_a_new_database_is_offered_the_first_free_name_beside_it(tmp_path, monkeypatch):
    monkeypatch.setattr(locations, "default_database", lambda: tmp_path / "qdesk.qdesk")
    for name in ("qdesk.qdesk", "qdesk-2.qdesk"):
        (tmp_path / name).write_bytes(b"")
    assert locations.new_database_path() == tmp_path / "qdesk-3.qdesk"


def _fresh_user(home):
    """A user who has never run qdesk: a home of their own, no data folder yet."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QDESK_", "XDG_"))}
    env.update(HOME=str(home), USERPROFILE=str(home), LOCALAPPDATA=str(home / "AppData" / "Local"),
               APPDATA=str(home / "AppData" / "Roaming"), PYTHONIOENCODING="utf-8")
    return env


def _run(env, *args):
    return subprocess.run([sys.executable, *map(str, args)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _default_database(env):
    done = _run(env, "-c", "from qdesk.locations import default_database; "
                           "print(default_database())")
    return Path(done.stdout.strip())


@pytest.mark.parametrize("command", [
    ["demo"],
    ["init", "--template", "panjin-2014", "--unit-code", "211122", "--unit-name", "盘山县"]])
def test_a_first_run_makes_the_data_folder_for_the_default_database(tmp_path, command):
    env = _fresh_user(tmp_path)
    default = _default_database(env)
    assert tmp_path in default.parents and not default.parent.exists()
    done = _run(env, "-m", "qdesk", command[0], "--db", default, *command[1:])
    assert done.returncode == 0, done.stderr
    assert check_database(default).ok


def test_a_missing_folder_outside_the_data_folder_is_still_refused_and_not_made(tmp_path):
    env = _fresh_user(tmp_path / "home")
    typo = tmp_path / "typo" / "qdesk.qdesk"
    done = _run(env, "-m", "qdesk", "demo", "--db", typo)
    assert done.returncode == 3
    assert "不存在" in done.stderr
    assert not typo.parent.exists()
