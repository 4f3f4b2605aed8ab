"""The demo's quarterly report, made once for the report tests."""

import datetime as dt

import pdfplumber
import pytest

from qdesk.core.periods import Period
from qdesk.reports.period_report import build_report
from qdesk.store.database import open_store
from tests.reports.pdftools import tables_by_page

SIGNED = dt.date(2021, 1, 4)


@pytest.fixture(scope="session")
def quarterly_pdf(demo_master):
    out = demo_master.parent / "quarterly.pdf"
    with open_store(demo_master) as store:
        # The master is shared: a report of it takes no number from its register.
        build_report(store, "quarterly", Period.parse("2020Q4"), out, SIGNED, register=False)
    return out


@pytest.fixture(scope="session")
def quarterly(quarterly_pdf):
    with pdfplumber.open(quarterly_pdf) as pdf:
        yield pdf


@pytest.fixture(scope="session")
def quarterly_tables(quarterly_pdf):
    """The report's tables, page by page, read from its pages as drawn (a turned table's rows
    read across)."""
    return tables_by_page(quarterly_pdf, quarterly_pdf.with_name("quarterly-drawn.pdf"))
