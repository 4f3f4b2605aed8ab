"""What every page of the workbench offers the main window: refresh, save, unsaved changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from qdesk.gui.session import Session


class Page(QWidget):
    """A view over service calls. The main window asks before leaving one with unsaved changes.

    Subclasses set `name()` (translated, for the navigation list) and override what they support.
    """

    changed = Signal()          # the page wrote to the database: other pages should refresh
    status_message = Signal(str)
    autosave = False            # True: pending changes are saved on leaving, without asking

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def name(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read again from the database (F5, and after another page changed it)."""

    def has_unsaved(self) -> bool:
        return False

    def save(self) -> bool:
        """Ctrl+S: write pending changes; False if they could not be saved (shown in place)."""
        return True

    def discard(self) -> None:
        """Drop pending changes."""

    def find(self) -> None:
        """Ctrl+F: focus the page's search or filter, if it has one."""

    def print_document(self) -> None:
        """Ctrl+P: print what the page shows, if it prints."""
