"""What every page offers the main window: refresh, save, unsaved changes, and its signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from qdesk.gui.session import Session
from qdesk.gui.undo import EditHistory


class Page(QWidget):
    """A view over service calls. The main window asks before leaving one with unsaved changes.

    Subclasses set `name()` (translated, for the navigation list), the tables they show, and
    override what they support. Every signal is the main window's to answer; a page emits those
    it has a use for.
    """

    changed = Signal(object)          # Changes: the page wrote them; pages showing them refresh
    status_message = Signal(str)
    language_changed = Signal(str)    # "zh_CN" or "en": the main window rebuilds every page
    restore_requested = Signal(Path)  # the main window closes the database, restores, reopens
    history_requested = Signal()      # the main window shows the change history
    autosave = False                  # True: pending changes are saved on leaving, without asking
    edit_history: EditHistory | None = None   # its unsaved edits' undo and redo (编辑 → 撤销), if any
    shows: frozenset[str] = frozenset()   # the tables whose changes the page refreshes for

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def name(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read again from the database (F5, and after another page changed what it shows)."""

    def backups_taken(self) -> None:
        """The day's first backup was taken in the background: a page listing backups reads them."""

    def has_unsaved(self) -> bool:
        return False

    def save(self) -> bool:
        """Ctrl+S: write pending changes; False if they could not be saved (shown in place)."""
        return True

    def discard(self) -> None:
        """Drop pending changes."""

    def focus_search(self) -> None:
        """Ctrl+F: focus the page's search or filter, if it has one."""

    def print_document(self) -> None:
        """Ctrl+P: print what the page shows, if it prints."""
