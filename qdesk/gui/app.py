"""Starting the workbench: the application, its font and language, the database, the main window."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from qdesk.core.errors import DamagedDatabaseError, QdeskError
from qdesk.gui.language import install_language
from qdesk.gui.qsettings import APPLICATION, ORGANIZATION, language
from qdesk.gui.widgets import as_typed
from qdesk.locations import default_database
from qdesk.resources import resources_dir, ui_font_path

if TYPE_CHECKING:
    from qdesk.gui.main_window import MainWindow
    from qdesk.gui.session import Session


def install_font(app: QApplication) -> str:
    """Make the platform's own UI face the application font, with the bundled CJK sans face
    (WenQuanYi Micro Hei) behind it for whatever glyphs it lacks, so no text shows as boxes and
    Latin text is never set in a CJK face's Latin glyphs."""
    font_id = QFontDatabase.addApplicationFont(str(ui_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return ""
    # The platform font may be an alias ("Sans Serif" on Linux), which a list of families skips
    # over: name the face it resolves to (Segoe UI, Microsoft YaHei UI, DejaVu Sans, …).
    platform = QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)).family()
    font = QFont(app.font())
    font.setFamilies([platform, families[0]] if platform != families[0] else [families[0]])
    app.setFont(font)
    return families[0]


def application() -> QApplication:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("qdesk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "qdesk.png")))
    install_font(app)
    install_language(app, language())
    return app


def run(db: Path | None = None) -> int:
    """Open the workbench on `db`, or the default database; the welcome dialog when there is none."""
    from qdesk.gui.welcome import WelcomeDialog

    app = application()
    path = Path(db) if db else default_database()
    if not path.exists():
        dialog = WelcomeDialog(path)
        if not dialog.exec() or dialog.chosen is None:
            return 0
        path = dialog.chosen
    window = open_window(path)
    if window is None:
        return 3
    window.show_placed()
    return app.exec()


def open_window(path: Path) -> MainWindow | None:
    """The main window on `path`, its start checks queued for after its first paint; None when
    the file cannot be opened (the clerk has been told why)."""
    from qdesk.gui.first_paint import after_first_paint
    from qdesk.gui.main_window import MainWindow

    session = open_session(path)
    if session is None:
        return None
    window = MainWindow(session)
    after_first_paint(window, window.start_checks)
    return window


def open_session(path: Path) -> Session | None:
    """The session on `path`; a damaged file is offered its newest good backup, other refusals shown."""
    from qdesk.gui import damaged
    from qdesk.gui.session import Session
    from qdesk.store.recovery import restore_backup

    try:
        return Session(path)
    except DamagedDatabaseError as exc:
        backup = damaged.ask_restore(None, path, exc.render())
    except QdeskError as exc:
        QMessageBox.critical(None, "qdesk", as_typed(exc.render()))
        return None
    except sqlite3.DatabaseError as exc:    # SQLite cannot read the file: it is damaged
        backup = damaged.ask_restore(None, path, str(exc))
    if backup is None:
        return None
    try:
        restore_backup(path, backup)
        return Session(path)
    except (QdeskError, sqlite3.DatabaseError) as exc:
        QMessageBox.critical(None, "qdesk", as_typed(exc.render() if isinstance(exc, QdeskError)
                                                     else str(exc)))
        return None
