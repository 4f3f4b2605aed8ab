"""The 催报通知 as every page offers it: its save dialog with the name a clerk gives it, and the
work a worker runs to write it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from qdesk.core.periods import Period
from qdesk.gui.file_dialogs import save_file_name
from qdesk.gui.session import Session
from qdesk.store.changes import Changes
from qdesk.store.database import Store

# Writing the notice takes the next 发文字号.
REMINDER_WRITES = Changes.of("doc_numbers", "audit")


def reminder_file_name(session: Session, period: Period) -> str:
    """盘山县2018年第一季度催报通知.pdf"""
    return f"{session.home.name}{period.label_zh()}催报通知.pdf"


def choose_reminder_file(parent: QWidget, session: Session, period: Period) -> str:
    """Where to write the period's reminder; empty if the clerk cancelled."""
    # In the reports page's context, where these strings were first translated.
    return save_file_name(parent, QCoreApplication.translate("ReportsPage", "Save the reminder as"),
                          reminder_file_name(session, period),
                          QCoreApplication.translate("ReportsPage", "PDF documents (*.pdf)"))


def write_reminder(store: Store, period: Period, out: Path) -> Path:
    """The notice to the units that have not reported for the period, or whose package was
    returned (reports.reminder), written to `out`; run in a worker."""
    from qdesk.reports.reminder import build_reminder

    return build_reminder(store, period, out).path
