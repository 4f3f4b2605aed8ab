"""The main window: navigation between the pages, menus and shortcuts, the status bar, memory of where the clerk was."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QByteArray, QEvent, QRect, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (QApplication, QFileDialog, QFrame, QHBoxLayout, QListWidget,
                               QMainWindow, QMessageBox, QScrollArea, QStackedWidget, QWidget)

from qdesk import __version__
from qdesk.core.errors import QdeskError
from qdesk.gui import qsettings
from qdesk.gui.damaged import ask_restore
from qdesk.gui.page import Page
from qdesk.gui.session import Session
from qdesk.gui.widgets import as_typed, plain_label
from qdesk.store.changes import Changes
from qdesk.store.watch import listen

if TYPE_CHECKING:
    from qdesk.gui.guide import GuideWindow
    from qdesk.gui.workers import Outcome, Worker
    from qdesk.store.backups import Backup
    from qdesk.store.check import CheckReport


def _pages() -> list[tuple[str, Callable[[Session], Page]]]:
    """(key, factory) of every page, in navigation order; imported when first opened."""

    def factory(module: str, name: str) -> Callable[[Session], Page]:
        def make(session: Session) -> Page:
            import importlib
            return getattr(importlib.import_module(f"qdesk.gui.pages.{module}"), name)(session)
        return make

    return [("dashboard", factory("dashboard", "DashboardPage")),
            ("entry", factory("entry", "EntryPage")),
            ("targets", factory("targets", "TargetsPage")),
            ("tasks", factory("tasks", "TasksPage")),
            ("units", factory("units", "UnitsPage")),
            ("narratives", factory("narratives", "NarrativesPage")),
            ("group", factory("group", "GroupPage")),
            ("assessment", factory("assessment", "AssessmentPage")),
            ("reports", factory("reports", "ReportsPage")),
            ("plan", factory("plan", "PlanEditorPage")),
            ("settings", factory("settings", "SettingsPage"))]


def _page_frame() -> QScrollArea:
    """Where a page is shown: it scrolls when the window is smaller than the page's least size
    (a 1366 × 768 screen at 125 %), so nothing is cut off and the window never needs to be
    larger than the screen."""
    frame = QScrollArea()
    frame.setWidgetResizable(True)
    frame.setFrameShape(QFrame.Shape.NoFrame)
    return frame


def normal_geometry(available: QRect) -> QRect:
    """The window's size when not maximised, the first time: nine tenths of the screen's
    available area, centred in it."""
    width, height = available.width() * 9 // 10, available.height() * 9 // 10
    return QRect(available.x() + (available.width() - width) // 2,
                 available.y() + (available.height() - height) // 2, width, height)


class MainWindow(QMainWindow):
    """Pages are built the first time they are opened, so the window is usable at once."""

    # A write refused because another program changed the file, from whichever thread tried it.
    file_changed = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.file_changed_box: QMessageBox | None = None
        self._abandoned = False     # the file changed under it: edits can be saved nowhere
        self.file_changed.connect(self._on_file_changed, Qt.ConnectionType.QueuedConnection)
        self._stop_listening = listen(self._tell_file_changed)
        self.settings = qsettings.settings()
        self._factories = _pages()
        self._built: dict[int, Page] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                               "QListWidget#navigation::item { padding: 9px 14px; }")
        self.stack = QStackedWidget()
        for _ in self._factories:
            self.stack.addWidget(_page_frame())
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._status_db, self._status_plan = plain_label(), plain_label()
        self._status_operator = plain_label()
        for label in (self._status_db, self._status_plan, self._status_operator):
            self.statusBar().addPermanentWidget(label)
        self._build_menus()
        qsettings.remember_file(session.path)
        self.retranslate()
        self.nav.currentRowChanged.connect(self._navigate)
        self._current = -1
        self.successor: MainWindow | None = None
        self.start_result: tuple[CheckReport, Backup | None] | None = None  # once start_checks ran
        self._after_checks: Callable[[], object] | None = None  # what start_checks runs once done
        self.finished_box: QMessageBox | None = None  # what start_checks finished, if anything
        self.shortcuts_box: QMessageBox | None = None  # 帮助 → 快捷键, while it is open
        self.guide: GuideWindow | None = None    # 帮助 → 用户手册, once opened
        last = int(self.settings.value(qsettings.PAGE) or 0)
        self.nav.setCurrentRow(last if 0 <= last < len(self._factories) else 0)

    def show_placed(self) -> None:
        """Shown as the clerk left it: its size, its screen, maximised or not (restoreGeometry
        moves it onto a screen that is still there). The first time, maximised on the available
        area (inside the taskbar), with most of that area as its size for when the clerk
        restores it down."""
        geometry = self.settings.value(qsettings.GEOMETRY)
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self.show()
            return
        self.setGeometry(normal_geometry(self.screen().availableGeometry()))
        self.showMaximized()

    # --- pages --------------------------------------------------------------------------------

    def page(self, index: int) -> Page:
        if index not in self._built:
            page = self._factories[index][1](self.session)
            page.changed.connect(self._on_changed)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            page.language_changed.connect(self._on_language_changed)
            page.restore_requested.connect(self.restore_from)
            page.history_requested.connect(self.show_history)
            self.frame(index).setWidget(page)
            if page.edit_history is not None:
                self.undo_group.addStack(page.edit_history.stack)
            self._built[index] = page
        return self._built[index]

    def frame(self, index: int) -> QScrollArea:
        frame = self.stack.widget(index)
        assert isinstance(frame, QScrollArea), "the stack holds a frame for every page"
        return frame

    def current_page(self) -> Page | None:
        return self._built.get(self._current)

    def _navigate(self, index: int) -> None:
        if index == self._current:
            return
        leaving = self.current_page()
        if leaving is not None and not self._settle(leaving):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._current)
            self.nav.blockSignals(False)
            return
        built = index in self._built
        page = self.page(index)         # a page reads the database when it is built
        self.stack.setCurrentIndex(index)
        self._current = index
        # None (Qt's nullptr) is no stack: a page without edits to undo.
        edits = page.edit_history
        self.undo_group.setActiveStack(
            edits.stack if edits is not None else None)  # type: ignore[arg-type]
        self.settings.setValue(qsettings.PAGE, index)
        if built:
            page.refresh()

    def ask_unsaved(self, page: Page) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel; a method of its own so tests can answer it."""
        return QMessageBox.question(
            self, self.tr("Unsaved changes"),
            as_typed(self.tr("The page “%1” has changes that are not saved. Save them?")
                     .replace("%1", page.name())),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def _settle(self, page: Page) -> bool:
        """Before leaving a page with unsaved changes: save, discard, or stay."""
        if not page.has_unsaved():
            return True
        if page.autosave:
            return page.save()
        answer = self.ask_unsaved(page)
        if answer == QMessageBox.StandardButton.Save:
            return page.save()
        if answer == QMessageBox.StandardButton.Discard:
            page.discard()
            return True
        return False

    def _on_changed(self, changes: Changes) -> None:
        """Refresh the other built pages that show what a page wrote (unless they hold edits)."""
        sender = self.sender()
        for page in self._built.values():
            if page is not sender and changes.touches(page.shows) and not page.has_unsaved():
                page.refresh()
        self._update_status()

    def _on_language_changed(self) -> None:
        """Rebuild every page in the new language (the settings page has just saved)."""
        current = self._current
        for index in list(self._built):
            page = self.frame(index).takeWidget()
            if page is not None:
                page.deleteLater()
        self._built.clear()
        self.retranslate()
        self._current = -1
        self._navigate(current)

    # --- menus, status bar --------------------------------------------------------------------

    def _action(self, shortcut: QKeySequence.StandardKey | None, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _focus_action(self, keys: QKeySequence.StandardKey) -> QAction:
        """编辑 → 剪切, 复制 …: the keys sent to the widget with the focus (a cell, a field), which
        does what they do there. The menu shows the keys without taking them (a shortcut of the
        menu's own only), so the widget still gets them when typed."""
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self._send_keys(QKeySequence(keys)))
        return action

    def _send_keys(self, keys: QKeySequence) -> None:
        target = self.focusWidget()
        if target is None or keys.isEmpty():
            return
        combination = keys[0]      # type: ignore[index]  # PySide6 has it; its stubs do not
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, combination.key(),
                                                     combination.keyboardModifiers()))

    def _word_undo(self) -> None:
        """撤销/重做 name the step they would take, and are enabled only when there is one."""
        group = self.undo_group
        self.act_undo.setEnabled(group.canUndo())
        self.act_redo.setEnabled(group.canRedo())
        self.act_undo.setText(self.tr("&Undo %1").replace("%1", group.undoText()).strip())
        self.act_redo.setText(self.tr("&Redo %1").replace("%1", group.redoText()).strip())

    def _build_menus(self) -> None:
        self.act_new = self._action(QKeySequence.StandardKey.New, self.new_database)
        self.act_open = self._action(QKeySequence.StandardKey.Open, self.open_database)
        self.act_save = self._action(QKeySequence.StandardKey.Save, self.save)
        self.act_print = self._action(QKeySequence.StandardKey.Print, self.print_document)
        self.act_quit = self._action(QKeySequence.StandardKey.Quit, self.close)
        self.undo_group = QUndoGroup(self)
        self.act_undo = self._action(QKeySequence.StandardKey.Undo, self.undo_group.undo)
        self.act_redo = self._action(None, self.undo_group.redo)
        # Ctrl+Y as Office and WPS have it, and Ctrl+Shift+Z as Linux programs do.
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_group.canUndoChanged.connect(lambda _can: self._word_undo())
        self.undo_group.canRedoChanged.connect(lambda _can: self._word_undo())
        self.undo_group.undoTextChanged.connect(lambda _text: self._word_undo())
        self.undo_group.redoTextChanged.connect(lambda _text: self._word_undo())
        self.act_cut, self.act_copy, self.act_paste, self.act_select_all = (
            self._focus_action(key) for key in (
                QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy,
                QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll))
        self.act_find = self._action(QKeySequence.StandardKey.Find, self.focus_search)
        self.act_refresh = self._action(QKeySequence.StandardKey.Refresh, self.refresh)
        self.act_about = self._action(None, self.about)
        self.act_shortcuts = self._action(None, self.show_shortcuts)
        self.act_guide = self._action(QKeySequence.StandardKey.HelpContents, self.show_guide)
        self.act_history = self._action(None, self.show_history)
        self.act_backups = self._action(None, self.show_backups)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.act_new)
        self.file_menu.addAction(self.act_open)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._list_recent)
        self.file_menu.addSeparator()
        for action in (self.act_save, self.act_print):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self.edit_menu = self.menuBar().addMenu("")
        for action in (self.act_undo, self.act_redo):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        for action in (self.act_cut, self.act_copy, self.act_paste, self.act_select_all):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_find)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addAction(self.act_refresh)
        self.tools_menu = self.menuBar().addMenu("")
        self.tools_menu.addAction(self.act_history)
        self.tools_menu.addAction(self.act_backups)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.act_guide)
        self.help_menu.addAction(self.act_shortcuts)
        self.help_menu.addAction(self.act_about)

    def page_keys(self) -> list[str]:
        """The pages' keys, in navigation order ("dashboard", "entry", …)."""
        return [key for key, _ in self._factories]

    def page_names(self) -> list[str]:
        return [self.tr("Overview"), self.tr("Data entry"), self.tr("Indicators and targets"),
                self.tr("Key tasks"), self.tr("Units"), self.tr("Work summaries"),
                self.tr("Leading group"), self.tr("Assessment"), self.tr("Reports"),
                self.tr("Plan"), self.tr("Settings")]

    def retranslate(self) -> None:
        title = self.tr("qdesk — Quality office workbench")
        if self.session.store.read_only:
            title = self.tr("%1 (read-only)").replace("%1", title)
        self.setWindowTitle(title)
        row = self.nav.currentRow()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.addItems(self.page_names())
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.act_history.setText(self.tr("Change &history…"))
        self.act_backups.setText(self.tr("&Backup and restore…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_new.setText(self.tr("&New database…"))
        self.act_open.setText(self.tr("&Open database…"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.act_save.setText(self.tr("&Save"))
        self.act_print.setText(self.tr("&Print…"))
        self.act_quit.setText(self.tr("E&xit"))
        self._word_undo()
        self.act_cut.setText(self.tr("Cu&t"))
        self.act_copy.setText(self.tr("&Copy"))
        self.act_paste.setText(self.tr("&Paste"))
        self.act_select_all.setText(self.tr("Select &all"))
        self.act_find.setText(self.tr("&Find"))
        self.act_refresh.setText(self.tr("&Refresh"))
        self.act_about.setText(self.tr("&About qdesk"))
        self.act_shortcuts.setText(self.tr("&Keyboard shortcuts"))
        self.act_guide.setText(self.tr("&User guide"))
        self._update_status()

    def _update_status(self) -> None:
        shown = self.tr("Database: %1 (read-only)") if self.session.store.read_only else \
            self.tr("Database: %1")
        self._status_db.setText(shown.replace("%1", str(self.session.path)))
        self._status_plan.setText(self.tr("Plan: %1").replace("%1", self.session.plan.title))
        self._status_operator.setText(self.tr("Operator: %1").replace(
            "%1", self.session.operator))

    # --- commands -----------------------------------------------------------------------------

    def save(self) -> None:
        page = self.current_page()
        if page is not None and page.save():
            self.statusBar().showMessage(self.tr("Saved"), 4000)

    def print_document(self) -> None:
        page = self.current_page()
        if page is not None:
            page.print_document()

    def focus_search(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_search()

    def refresh(self) -> None:
        page = self.current_page()
        if page is not None and self._settle(page):
            page.refresh()

    def new_database(self) -> None:
        """The guided set-up of a new database, which then opens in this window's place."""
        from qdesk.gui.welcome import WelcomeDialog
        from qdesk.locations import new_database_path

        page = self.current_page()
        if page is not None and not self._settle(page):
            return
        dialog = WelcomeDialog(new_database_path(), self, welcome=False)
        dialog.accepted.connect(lambda: self.open_path(dialog.chosen))
        self.setup = dialog     # tests drive it; the window holds it while it is open
        dialog.open()

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"),
                                              str(self.session.path.parent),
                                              self.tr("qdesk databases (*.qdesk);;All files (*)"))
        if path:
            self.open_path(Path(path))

    def _list_recent(self) -> None:
        """The recent files, this one first; one no longer there is marked, and dropped when
        chosen."""
        self.recent_menu.clear()
        for number, path in enumerate(qsettings.recent_files(), start=1):
            text = f"&{number} {path.name}    {path.parent}"
            if not path.exists():
                text += self.tr(" (not found)")
            action = self.recent_menu.addAction(text)
            if path == self.session.path.resolve():
                action.setCheckable(True)
                action.setChecked(True)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))

    def open_recent(self, path: Path) -> None:
        if path == self.session.path.resolve():
            return
        if not path.exists():
            qsettings.forget_file(path)
            self.statusBar().showMessage(self.tr(
                "“%1” is no longer there; it is removed from the recent files.").replace(
                    "%1", str(path)), 15000)
            return
        self.open_path(path)

    def open_path(self, path: Path | None) -> MainWindow | None:
        """A new window on the database at `path` takes this one's place, once the page is settled."""
        if path is None:
            return None
        page = self.current_page()
        if page is not None and not self._settle(page):
            return None
        try:
            session = Session(Path(path))
        except QdeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot open"), as_typed(exc.render()))
            return None
        return self._hand_over(session)

    def _hand_over(self, session: Session) -> MainWindow:
        """A new window on `session` takes this one's place."""
        window = MainWindow(session)
        self.successor = window     # a parentless window lives while something holds it
        window.restoreGeometry(self.saveGeometry())
        window.show()
        self.close()
        return window

    def show_history(self) -> None:
        from qdesk.gui.audit_dialog import show_audit

        show_audit(self.session, self)

    def show_backups(self) -> None:
        self.nav.setCurrentRow(len(self._factories) - 1)

    def import_package(self, package: Path) -> None:
        """报表 shown, and its import run on `package` as if the clerk had chosen it there: what
        a package double-clicked in Explorer does. Every question that import asks is asked."""
        from qdesk.gui.pages.reports import ReportsPage

        index = [key for key, _ in self._factories].index("reports")
        self.nav.setCurrentRow(index)
        page = self.page(index)
        assert isinstance(page, ReportsPage), "the reports key names the reports page"
        page.import_paths([package])

    # --- keeping the file safe ----------------------------------------------------------------

    def start_checks(self, then: Callable[[], object] | None = None) -> Worker:
        """At start, a package a stopped export left is finished; then, off the GUI thread,
        SQLite's quick check and the day's first backup; then `then`, unless the check found
        the file damaged."""
        # Imported here, not at the top: the first paint of the window does not need them.
        from qdesk.gui.workers import Job, run_in_background
        from qdesk.store.check import check_database
        from qdesk.store.recovery import start_backup
        from qdesk.submission import complete_pending

        for warning in self.session.store.warnings:
            QMessageBox.warning(self, "qdesk", as_typed(warning.render()))
        finished: list[str] = []
        if not self.session.store.read_only:    # a read-only file has no package to finish
            try:
                finished = [done.render() for done in complete_pending(self.session.store)]
            except QdeskError as exc:
                finished = [exc.render()]
        if finished:
            # Not modal: the checks go on; plain text, since it names the clerk's own paths.
            self.finished_box = QMessageBox(QMessageBox.Icon.Information, "qdesk",
                                            "\n".join(finished), parent=self)
            self.finished_box.setTextFormat(Qt.TextFormat.PlainText)
            self.finished_box.open()
            self._on_changed(Changes.of("submissions", "locks", "audit"))
        setting = self.session.setting("backup_folder")
        read_only = self.session.store.read_only

        def work(job: Job) -> tuple[CheckReport, Backup | None]:
            checked = check_database(job.path, quick=True)
            # A read-only file cannot change here: there is nothing to back up.
            fresh = checked.ok and not read_only
            return checked, start_backup(job.path, setting) if fresh else None

        # Kept here, not in a closure: a bound method's connection goes with the window.
        self._after_checks = then
        return run_in_background(self.session, work, self._checked)

    def _checked(self, outcome: Outcome[tuple[CheckReport, Backup | None]]) -> None:
        from qdesk.gui.workers import Bug, Done, Refused

        then, self._after_checks = self._after_checks, None
        match outcome:
            case Done(result):
                self._show_checked(result)
                if result[0].damaged:   # nothing more goes into a damaged file
                    return
            case Refused(error):
                self._backup_failed(error.render())
            case Bug(trace):
                self._backup_failed(trace.strip().splitlines()[-1])
        if then is not None:
            then()

    def _backup_failed(self, problem: str) -> None:
        self.statusBar().showMessage(self.tr("The day's backup could not be made: %1").replace(
            "%1", problem), 30000)

    def _show_checked(self, result: tuple[CheckReport, Backup | None]) -> None:
        self.start_result = result
        report, backup = result
        if report.damaged:
            chosen = ask_restore(self, self.session.path, report.render())
            if chosen is not None:
                self.restore_from(chosen)
        elif backup is not None:
            self.statusBar().showMessage(self.tr("Today's backup is made: %1").replace(
                "%1", backup.path.name), 8000)
            for page in self._built.values():     # 设置 may already list the backups
                page.backups_taken()

    def restore_from(self, backup: Path) -> MainWindow | None:
        """Close the database, put the backup in its place, and reopen it in a new window."""
        from qdesk.store.recovery import restore_backup

        page = self.current_page()
        if page is not None and not self._settle(page):
            return None
        path = self.session.path
        self.session.close()
        try:
            kept = restore_backup(path, backup)
        except QdeskError as exc:
            QMessageBox.warning(self, self.tr("Not restored"), as_typed(exc.render()))
            kept = None
        window = self._open_again(path)
        if window is not None and kept is not None:
            window.statusBar().showMessage(self.tr(
                "Backup restored; the file it replaced is kept as %1").replace(
                    "%1", str(kept)), 30000)
        return window

    def _tell_file_changed(self, path: Path) -> None:
        try:
            self.file_changed.emit(str(path))
        except RuntimeError:
            pass  # the window is gone already (its C++ half deleted): nobody left to ask

    def _on_file_changed(self, path: str) -> None:
        """Offer to reopen the file as the other program left it, or to close it."""
        if Path(path) != self.session.path or self.file_changed_box is not None:
            return
        self._abandoned = True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Database file changed"), self.tr(
            "The database file “%1” was changed by another program while it was open here "
            "(copied over, or restored from elsewhere). What was just done was not saved. "
            "Reopen the file to work on what it holds now, or close it.").replace("%1", path),
            QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        reopen = box.addButton(self.tr("Reopen"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Close"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _: self.reopen() if box.clickedButton() is reopen
                             else self.close())
        self.file_changed_box = box
        box.open()

    def reopen(self) -> MainWindow | None:
        """A new window on the file as it is now; edits not saved here cannot go into it."""
        self._abandoned = True
        path = self.session.path
        self.session.close()
        return self._open_again(path)

    def _open_again(self, path: Path) -> MainWindow | None:
        """A new window on `path` in place of this one; None, with this one closed, if the file
        cannot be opened."""
        try:
            session = Session(path)
        except QdeskError as exc:
            QMessageBox.critical(self, "qdesk", as_typed(exc.render()))
            self.close()
            return None
        return self._hand_over(session)

    def about(self) -> None:
        """The version, and where this clerk's files are: what a support call asks first."""
        from qdesk.locations import data_dir

        lines = [self.tr("qdesk %1 — the workbench of a county quality office.").replace(
                     "%1", __version__),
                 self.tr("Database: %1").replace("%1", str(self.session.path)),
                 self.tr("Data folder: %1").replace("%1", str(data_dir()))]
        QMessageBox.about(self, self.tr("About qdesk"), "\n".join(lines))

    def shortcuts(self) -> list[tuple[str, str]]:
        """(keys, what they do): the menus' own, then the data entry grid's."""
        native = QKeySequence.SequenceFormat.NativeText
        # The menu's own text, without its accelerator: 保存(&S) and &Save alike.
        rows = [(action.shortcut().toString(native), re.sub(r"\(&\w\)|&", "", action.text()))
                for menu in (self.file_menu, self.edit_menu, self.view_menu, self.help_menu)
                for action in menu.actions() if not action.shortcut().isEmpty()]
        grid = self.tr("Data entry: %1")
        rows += [(keys, grid.replace("%1", what)) for keys, what in (
            (self.tr("Enter, Tab"), self.tr("the next cell")),
            (QKeySequence(QKeySequence.StandardKey.Paste).toString(native),
             self.tr("paste a block copied from Excel or WPS")),
            (QKeySequence(QKeySequence.StandardKey.Copy).toString(native),
             self.tr("copy the selected cells")),
            (self.tr("Delete"), self.tr("clear the selected cells")))]
        return rows

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{what}</td></tr>"
                       for keys, what in self.shortcuts())
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Keyboard shortcuts"),
                          f"<table>{rows}</table>", QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        self.shortcuts_box = box
        box.open()

    def show_guide(self) -> GuideWindow:
        """F1: the user guide, at the chapter about the page shown, beside this window."""
        from qdesk.gui.guide import GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(self.shortcuts(), self)
        keys = self.page_keys()
        self.guide.open_for_page(keys[self._current] if 0 <= self._current < len(keys) else None)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.current_page()
        # A window handing over has settled its page already (and may have closed its database).
        if self.successor is None and not self._abandoned and page is not None \
                and not self._settle(page):
            event.ignore()
            return
        self.settings.setValue(qsettings.GEOMETRY, self.saveGeometry())
        self._stop_listening()
        self.session.close()
        event.accept()
