"""Making the submission package, which needs both a document (reports) and a file (exchange)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from qdesk.core.documents import ReportKind
from qdesk.core.periods import Period
from qdesk.exchange.package import (REPORT, data_keyword, package_data, package_json,
                                    package_name, sha256, write_package)
from qdesk.files import check_folder
from qdesk.store.database import Store
from qdesk.store.locks import check_unlocked
from qdesk.store.plans import load_plan
from qdesk.store.recovery import backup_now
from qdesk.store.submissions import record_submission
from qdesk.store.units import home_unit


def build_package(store: Store, period: Period, folder: Path,
                  today: dt.date | None = None) -> Path:
    """Make the package for the office's own unit and record the submission, which locks the period.

    The period must not be locked already (unlock it, with a reason, to send a correction).
    """
    from qdesk.reports.period_report import build_report

    plan = load_plan(store)
    plan.check_period(period)
    folder = check_folder(folder)
    check_unlocked(store, period)
    unit = home_unit(store)
    report_kind = ReportKind.of_period(period.frequency)
    out = folder / package_name(unit, period)
    data = package_json(package_data(store, unit, period))
    with tempfile.TemporaryDirectory(dir=folder) as work:
        pdf = Path(work) / REPORT
        build_report(store, report_kind, period, pdf, today, keywords=data_keyword(data))
        temporary = Path(work) / out.name
        write_package(store, plan, unit, period, data, pdf.read_bytes(), temporary)
        os.replace(temporary, out)
    backup_now(store, "submission")
    record_submission(store, unit, period, report_kind, out.name, sha256(out.read_bytes()))
    return out
