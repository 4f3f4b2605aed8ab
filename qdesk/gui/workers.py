"""Long work off the GUI thread: a QRunnable with progress signals, shown with a cancellable dialog."""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from qdesk.core.errors import QdeskError


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel."""


class _Signals(QObject):
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs fn(report) in the pool; report(percent, text) raises Cancelled once cancel() is called."""

    def __init__(self, fn: Callable[[Callable[[int, str], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _report(self, percent: int, text: str) -> None:
        if self._cancelled:
            raise Cancelled
        self.signals.progress.emit(percent, text)

    def run(self) -> None:
        try:
            result = self.fn(self._report)
        except Cancelled:
            self.signals.failed.emit("")
        except QdeskError as exc:
            self.signals.failed.emit(exc.render())
        except Exception:  # a bug: keep the trace for the message box
            self.signals.failed.emit(traceback.format_exc())
        else:
            self.signals.finished.emit(result)


def run_with_progress(parent: QWidget, title: str,
                      fn: Callable[[Callable[[int, str], None]], Any],
                      on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> Task:
    """Start fn in the thread pool behind a modal progress dialog that can cancel it."""
    dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(200)
    task = Task(fn)
    task.setAutoDelete(False)
    dialog.canceled.connect(task.cancel)

    def progress(percent: int, text: str) -> None:
        dialog.setValue(percent)
        dialog.setLabelText(text)

    def done(result: Any) -> None:
        dialog.reset()
        on_done(result)

    def failed(message: str) -> None:
        dialog.reset()
        on_failed(message)

    task.signals.progress.connect(progress)
    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(task)
    return task
