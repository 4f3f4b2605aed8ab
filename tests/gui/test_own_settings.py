"""The test suite keeps the workbench's settings in a file of its own, never the real user's
(on Windows Qt keeps those in the registry, which QSettings.setPath does not move)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from qdesk.gui import qsettings
from qdesk.gui.app import APPLICATION, ORGANIZATION

ROOT = Path(__file__).resolve().parents[2]


def test_the_suites_settings_are_an_ini_file_of_its_own_not_the_users_native_store(
        own_qsettings):
    stored = qsettings.settings()
    assert stored.format() == QSettings.Format.IniFormat
    assert Path(stored.fileName()) == own_qsettings
    assert Path(QSettings(ORGANIZATION, APPLICATION).fileName()) != own_qsettings


def _python(env, *args):
    done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


SENTINEL = ("from PySide6.QtCore import QSettings; s = QSettings('qdesk', 'qdesk'); "
            "s.setValue('sentinel', 'the user\\'s own'); s.sync(); print(s.fileName())")
READ = "from PySide6.QtCore import QSettings; print(QSettings('qdesk', 'qdesk').value('sentinel'))"


@pytest.mark.skipif(sys.platform == "win32", reason="the registry cannot be moved to a temporary "
                    "home, so the sentinel would be written in the real user's settings")
def test_the_gui_fixtures_leave_the_real_users_settings_as_they_were(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QDESK_", "XDG_")) and k != "PYTEST_ADDOPTS"}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), QT_QPA_PLATFORM="offscreen")
    where = Path(_python(env, "-c", SENTINEL).strip())
    assert home in where.parents
    _python(env, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
            str(tmp_path / "run"),
            "tests/gui/test_settings_page.py::test_switching_to_english_applies_and_remembers_it",
            "tests/gui/test_main_window.py::"
            "test_the_recent_files_list_the_open_one_first_and_open_another")
    assert _python(env, "-c", READ).strip() == "the user's own"
