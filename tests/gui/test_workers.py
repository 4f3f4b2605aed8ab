"""The background runner: work on a connection of its own, and its four typed outcomes."""

import threading

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.gui.workers import (Bug, Cancelled, Done, Refused, run_in_background,
                               run_with_progress)


def _outcome(qtbot, start):
    """Start the work with a callback that records its outcome; wait for the outcome."""
    outcomes = []
    worker = start(outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
    assert len(outcomes) == 1
    return worker, outcomes[0]


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_done_carries_the_value_read_on_a_connection_of_its_own(qtbot, session):
    seen = {}

    def work(job):
        seen["store"] = job.store
        seen["thread"] = threading.current_thread()
        return job.store.execute("SELECT count(*) FROM units").fetchone()[0]

    _, outcome = _outcome(qtbot, lambda done: run_in_background(session, work, done))
    assert outcome == Done(session.store.execute("SELECT count(*) FROM units").fetchone()[0])
    assert seen["store"] is not session.store and seen["store"].closed
    assert seen["thread"] is not threading.main_thread()


def test_work_on_the_file_itself_opens_no_connection(qtbot, session):
    _, outcome = _outcome(qtbot, lambda done: run_in_background(
        session, lambda job: job.path, done))
    assert outcome == Done(session.path)


def test_a_full_disk_no_writer_worded_arrives_as_a_refusal_saying_so(qtbot, session):
    import errno

    def work(job):
        raise OSError(errno.ENOSPC, "No space left on device", "2026Q3.pdf")

    _, outcome = _outcome(qtbot, lambda done: run_in_background(session, work, done))
    assert isinstance(outcome, Refused)
    assert "磁盘已满" in outcome.error.render() and "2026Q3.pdf" in outcome.error.render()


def test_a_refusal_arrives_as_refused_with_its_error(qtbot, session):
    error = InputError(msg("no such unit", "没有此单位"))

    def work(job):
        raise error

    _, outcome = _outcome(qtbot, lambda done: run_in_background(session, work, done))
    assert isinstance(outcome, Refused) and outcome.error is error


def test_a_program_error_arrives_as_a_bug_with_its_traceback(qtbot, session):
    def work(job):
        job.store.execute("SELECT nothing FROM nowhere")

    _, outcome = _outcome(qtbot, lambda done: run_in_background(session, work, done))
    assert isinstance(outcome, Bug)
    assert outcome.trace.startswith("Traceback") and "OperationalError" in outcome.trace


def test_cancel_in_the_progress_dialog_stops_the_work_at_its_next_progress_point(
        qtbot, session, parent):
    reached, go_on, after = threading.Event(), threading.Event(), []

    def work(job):
        job.report(10, "reading")
        reached.set()
        go_on.wait(10)
        job.report(50, "writing")
        after.append("written")
        return "written"

    outcomes = []
    run_with_progress(parent, "Working", session, work, outcomes.append)
    assert reached.wait(10)
    parent.findChild(QProgressDialog).findChild(QPushButton).click()   # its Cancel button
    go_on.set()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
    assert outcomes == [Cancelled()] and after == []


def test_the_progress_dialog_shows_how_far_the_work_is_and_goes_when_it_is_done(
        qtbot, session, parent):
    reported, go_on = threading.Event(), threading.Event()

    def work(job):
        job.report(40, "Reading the figures…")
        reported.set()
        go_on.wait(10)
        return 7

    outcomes = []
    run_with_progress(parent, "Working", session, work, outcomes.append)
    dialog = parent.findChild(QProgressDialog)
    assert reported.wait(10)
    qtbot.waitUntil(lambda: dialog.value() == 40, timeout=5_000)
    assert dialog.labelText() == "Reading the figures…"
    go_on.set()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
    assert outcomes == [Done(7)] and not dialog.isVisible()


def test_the_progress_dialog_offers_cancel_in_the_workbench_language(qtbot, session, parent):
    from PySide6.QtWidgets import QApplication

    from qdesk.gui.language import install_language

    go_on, outcomes = threading.Event(), []
    install_language(QApplication.instance(), "zh_CN")
    try:
        run_with_progress(parent, "Working", session, lambda job: go_on.wait(10), outcomes.append)
        assert parent.findChild(QProgressDialog).findChild(QPushButton).text() == "取消"
    finally:
        go_on.set()
        qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
