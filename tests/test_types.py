"""mypy over qdesk/ with the configuration in pyproject.toml (every function typed), for the
platform this runs on and for the other: the code's Windows branches are checked on Linux too."""

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_qdesk_type_checks_with_every_function_typed(monkeypatch, platform):
    monkeypatch.chdir(ROOT)
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                "--platform", platform,
                                "--cache-dir", str(ROOT / ".mypy_cache" / platform)])
    assert status == 0, out + err
