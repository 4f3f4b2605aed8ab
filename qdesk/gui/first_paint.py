"""Work that waits for a widget's first paint, so the window is on screen before it runs."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Watches one widget until it paints, then queues the work once and lets go of it."""

    def __init__(self, widget: QWidget, work: Callable[[], object]) -> None:
        super().__init__(widget)
        self._work = work
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued, not called: the paint finishes and reaches the screen first. With the widget
            # as context, the work is dropped if the widget goes away before it runs.
            QTimer.singleShot(0, watched, self._work)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, work: Callable[[], object]) -> None:
    """Run `work` on the GUI thread, once, after `widget` next paints: its first paint, when this
    is called before the widget is shown. A widget never shown never runs it."""
    _FirstPaint(widget, work)
