"""A demo database and its quarterly report, made once for the report tests."""

import datetime as dt

import pdfplumber
import pytest

from qdesk.core.periods import Period
from qdesk.demo import build_demo
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store

SIGNED = dt.date(2021, 1, 4)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "demo.qdesk"
    build_demo(path)
    return path


@pytest.fixture(scope="session")
def quarterly_pdf(demo_path):
    out = demo_path.parent / "quarterly.pdf"
    with open_store(demo_path) as store:
        build_report(store, "quarterly", Period.parse("2020Q4"), out, SIGNED)
    return out


@pytest.fixture(scope="session")
def quarterly(quarterly_pdf):
    with pdfplumber.open(quarterly_pdf) as pdf:
        yield pdf
