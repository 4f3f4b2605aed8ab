"""Shared fixtures: every test starts in Chinese, with its files under tmp_path."""

import pytest

from qdesk.core.i18n import set_language


@pytest.fixture(autouse=True)
def chinese_messages():
    set_language("zh")
    yield
    set_language("zh")
