"""Work off the GUI thread on its own connection; its outcome: Done, Cancelled, Refused or Bug."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generic, TypeAlias, TypeVar, Union

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from qdesk.core.errors import QdeskError
from qdesk.files import disk_full, is_disk_full
from qdesk.gui.session import Session
from qdesk.store.database import Store, open_store

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """The work finished; `value` is what it returned."""

    value: T


@dataclass(frozen=True)
class Cancelled:
    """The clerk pressed Cancel and the work stopped at its next progress point."""


@dataclass(frozen=True)
class Refused:
    """The work refused its input: `error` carries the message fit to show the clerk."""

    error: QdeskError


@dataclass(frozen=True)
class Bug:
    """The work failed because of a program error; `trace` is the traceback for the details."""

    trace: str


Outcome: TypeAlias = Union[Done[T], Cancelled, Refused, Bug]


class _CancelRequested(Exception):
    """Raised by Job.report once the clerk has pressed Cancel."""


class Job:
    """What the work gets in the worker thread: the database's path, its own connection, progress.

    The connection is opened when the work first asks for `store` (work on the file itself, a
    backup or a check, never opens one) and closed when the work ends, in the same thread.
    """

    def __init__(self, path: Path, progress: Callable[[int, str], None],
                 cancelled: Callable[[], bool]) -> None:
        self.path = path
        self._progress = progress
        self._cancelled = cancelled
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.path)
        return self._store

    def report(self, percent: int, text: str) -> None:
        """Say how far the work is; once Cancel is pressed, stop the work here instead."""
        if self._cancelled():
            raise _CancelRequested
        self._progress(percent, text)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


Work: TypeAlias = Callable[[Job], T]


class _Signals(QObject):
    progress = Signal(int, str)
    finished = Signal(object)   # the Outcome


class Worker(QRunnable):
    """Runs work(job) in the pool once started; `finished` gets its Outcome on the GUI thread.

    The job's connection is closed before the outcome is delivered.
    """

    _running: set[Worker] = set()   # held until finished, whoever else holds them

    def __init__(self, session: Session, work: Work[Any],
                 finished: Callable[[Outcome[Any]], None]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.path = session.path
        self.work = work
        self.signals = _Signals()
        self.signals.finished.connect(self._finish)
        self.signals.finished.connect(finished)
        self._cancelled = False

    def start(self) -> Worker:
        Worker._running.add(self)
        QThreadPool.globalInstance().start(self)
        return self

    def cancel(self) -> None:
        self._cancelled = True

    def _finish(self, outcome: Outcome[Any]) -> None:
        Worker._running.discard(self)

    def run(self) -> None:
        job = Job(self.path, self.signals.progress.emit, lambda: self._cancelled)
        outcome: Outcome[Any]
        try:
            outcome = Done(self.work(job))
        except _CancelRequested:
            outcome = Cancelled()
        except QdeskError as exc:
            outcome = Refused(exc)
        except Exception as exc:  # a bug: keep the trace for the details of the message box
            if is_disk_full(exc):  # a full disk no writer worded is still the clerk's to fix
                outcome = Refused(disk_full(getattr(exc, "filename", None) or self.path))
            else:
                outcome = Bug(traceback.format_exc())
        finally:
            job.close()
        self.signals.finished.emit(outcome)


def run_in_background(session: Session, work: Work[T],
                      finished: Callable[[Outcome[T]], None]) -> Worker:
    """Start work in the thread pool with nothing shown: the start checks, loading the charts."""
    return Worker(session, work, finished).start()


def run_with_progress(parent: QWidget, title: str, session: Session, work: Work[T],
                      finished: Callable[[Outcome[T]], None]) -> Worker:
    """Start work in the thread pool behind a window-modal progress dialog that can cancel it."""
    cancel = QCoreApplication.translate("Worker", "Cancel")
    dialog = QProgressDialog(title, cancel, 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(200)

    def progress(percent: int, text: str) -> None:
        dialog.setValue(percent)
        dialog.setLabelText(text)

    def done(outcome: Outcome[T]) -> None:
        dialog.reset()
        finished(outcome)

    worker = Worker(session, work, done)
    dialog.canceled.connect(worker.cancel)
    worker.signals.progress.connect(progress)
    return worker.start()
