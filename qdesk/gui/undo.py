"""Undo and redo of a page's unsaved edits: each change one step, back to the last save."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack


class Snapshots(Protocol):
    """What an edit history keeps: the unsaved edits of a table or draft, whole, as a value."""

    def snapshot(self) -> object:
        """The unsaved edits as they stand, as a value equal to any other of the same edits."""

    def restore(self, snapshot: object) -> None:
        """Put the edits back as `snapshot` holds them, and show them."""


class EditHistory(QObject):
    """The undo stack of one page's edits, in snapshots of what is unsaved.

    The page calls `note()` after every change the clerk made (a cell typed, a row added):
    whatever changed since the last note is one step. A change of many cells at once (a paste,
    Delete over a selection) is made inside `one_step()`, and so is undone in one. `reset()`
    after a save, a discard or a load: undo goes back to the last save, not beyond it.
    """

    def __init__(self, edits: Snapshots, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._edits = edits
        self._label = label
        self._last = edits.snapshot()
        self._batch = 0
        self._restoring = False

    def note(self) -> None:
        """The clerk changed something: make it a step unless it is part of one under way."""
        if self._restoring or self._batch:
            return
        now = self._edits.snapshot()
        if now != self._last:
            self.stack.push(_Step(self, self._last, now, self._label))
            self._last = now

    @contextmanager
    def one_step(self) -> Iterator[None]:
        """Changes made inside are one step."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            self.note()

    def reset(self) -> None:
        """What is shown now is the start: nothing to undo or redo."""
        self.stack.clear()
        self._last = self._edits.snapshot()

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def _apply(self, snapshot: object) -> None:
        self._restoring = True
        try:
            self._edits.restore(snapshot)
        finally:
            self._restoring = False
        self._last = snapshot


class _Step(QUndoCommand):
    def __init__(self, history: EditHistory, before: object, after: object, label: str) -> None:
        super().__init__(label)
        self._history, self._before, self._after = history, before, after
        self._pushed = True     # pushed after the change was made: its first redo is none

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self._history._apply(self._after)

    def undo(self) -> None:
        self._history._apply(self._before)
