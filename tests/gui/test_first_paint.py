"""What waits for the first paint: the work queued after it, and what the start-up leaves for later."""

import os
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QLabel

from qdesk.gui.first_paint import after_first_paint
from qdesk.gui.pages.dashboard import DashboardPage


def test_the_work_runs_once_after_the_widget_has_painted(qtbot):
    label = QLabel("概览")
    qtbot.addWidget(label)
    ran = []
    after_first_paint(label, lambda: ran.append(label.isVisible()))
    qtbot.wait(50)
    assert ran == []
    label.show()
    qtbot.waitUntil(lambda: ran == [True])
    label.update()
    qtbot.wait(50)
    assert ran == [True]


def test_a_widget_never_shown_never_runs_the_work(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    ran = []
    after_first_paint(label, lambda: ran.append(1))
    qtbot.wait(50)
    assert ran == []


def test_the_overview_shows_the_calendars_tally_at_once_and_its_rows_after_the_paint(qtbot,
                                                                                   session):
    page = DashboardPage(session)
    qtbot.addWidget(page)
    assert "overdue" in page.calendar_label.text()
    assert page.calendar_model.rowCount() == 0
    page.show()
    qtbot.waitUntil(lambda: page.calendar_model.rowCount() > 0)


def test_the_first_paint_imports_no_document_file_chart_worker_or_check(demo_db, tmp_path):
    """What only later pages, the charts or the start checks need is imported after the paint."""
    script = textwrap.dedent("""
        import sys
        from qdesk.gui.app import application
        from qdesk.gui.main_window import MainWindow
        from qdesk.gui.session import Session

        app = application()
        window = MainWindow(Session(sys.argv[1]))
        window.show()
        app.processEvents()
        later = ("qdesk.reports", "qdesk.exchange", "matplotlib", "reportlab", "openpyxl",
                 "qdesk.gui.workers", "qdesk.store.check", "qdesk.store.recovery")
        print(sorted(m for m in sys.modules
                     if any(m == name or m.startswith(name + ".") for name in later)))
        window.close()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script, str(demo_db)], env=env,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
