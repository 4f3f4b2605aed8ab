"""Shared fixtures: Chinese messages, and the demo database made once and copied for each test."""

import shutil

import pytest

from qdesk.core.i18n import set_language


@pytest.fixture(autouse=True)
def chinese_messages():
    set_language("zh")
    yield
    set_language("zh")


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
