"""Starting the workbench: the application, its font and language, the database, the main window."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from qdesk.core.errors import DamagedDatabaseError, InputError, Problem, QdeskError
from qdesk.core.i18n import msg
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


def run(db: Path | None = None, package: Path | None = None, *, named: bool = False) -> int:
    """Open the workbench on `db`, or the default database; the welcome dialog when there is none.

    A database `named` (double-clicked, or given alone on the command line) must be there: a
    missing one is refused, not set up. With `package`, a submission package, the database must
    be there too, and once it is open and checked 报表's import runs on the package.
    """
    from qdesk.gui.welcome import WelcomeDialog

    app = application()
    path = Path(db) if db else default_database()
    try:
        check_start(path, package, named)
    except QdeskError as exc:
        QMessageBox.critical(None, "qdesk", as_typed(exc.render()))
        return 3
    if not path.exists():
        dialog = WelcomeDialog(path)
        if not dialog.exec() or dialog.chosen is None:
            return 0
        path = dialog.chosen
    window = open_window(path, package)
    if window is None:
        return 3
    window.show_placed()
    return app.exec()


def check_start(path: Path, package: Path | None, named: bool) -> None:
    """Refuse, before anything is opened, a start the clerk can put right: a file named that is
    not there, a package that is no package, a package with no database to go into."""
    from qdesk.exchange.package import is_package

    for given in ([path] if named else []) + ([package] if package is not None else []):
        if not given.exists():
            raise InputError(Problem(msg(
                "the file is not there (moved, renamed or deleted?): nothing was opened",
                "找不到这个文件（是否已被移动、改名或删除？），未打开任何文件"), str(given)))
    if package is None:
        return
    if not is_package(package) or not package.is_file():
        raise InputError(Problem(msg(
            "this is not a submission package (.qdpkg): qdesk opens databases (.qdesk) and "
            "imports packages; nothing was opened",
            "这不是报送包（.qdpkg）。qdesk只能打开数据库（.qdesk）、导入报送包，未打开任何文件"),
            str(package)))
    if not path.exists():
        raise InputError(msg(
            "the package {package} was not imported: there is no database {db} yet. Open qdesk, "
            "set up or open the database, then import the package (Reports → Import…)",
            "报送包“{package}”未导入：数据库“{db}”还不存在。请先打开qdesk，建立或打开数据库，"
            "再在“报表”页用“导入…”导入该报送包", package=package.name, db=str(path)))


def open_window(path: Path, package: Path | None = None) -> MainWindow | None:
    """The main window on `path`, its start checks queued for after its first paint and, once
    they find the file sound, 报表's import of `package`; None when the file cannot be opened
    (the clerk has been told why)."""
    from qdesk.gui.first_paint import after_first_paint
    from qdesk.gui.main_window import MainWindow

    session = open_session(path, package)
    if session is None:
        return None
    window = MainWindow(session)
    if package is None:
        after_first_paint(window, window.start_checks)
    else:
        after_first_paint(window, lambda: window.start_checks(
            then=lambda: window.import_package(package)))
    return window


def open_session(path: Path, package: Path | None = None) -> Session | None:
    """The session on `path`; a damaged file is offered its newest good backup, other refusals
    shown (saying first that `package`, if one waits, was not imported)."""
    from qdesk.gui import damaged
    from qdesk.gui.session import Session
    from qdesk.store.recovery import restore_backup

    try:
        return Session(path)
    except DamagedDatabaseError as exc:
        backup = damaged.ask_restore(None, path, exc.render())
    except QdeskError as exc:
        QMessageBox.critical(None, "qdesk", as_typed(refusal(exc, package)))
        return None
    except sqlite3.DatabaseError as exc:    # SQLite cannot read the file: it is damaged
        backup = damaged.ask_restore(None, path, str(exc))
    if backup is None:
        return None
    try:
        restore_backup(path, backup)
        return Session(path)
    except (QdeskError, sqlite3.DatabaseError) as exc:
        QMessageBox.critical(None, "qdesk", as_typed(refusal(exc, package)))
        return None


def refusal(error: QdeskError | sqlite3.DatabaseError, package: Path | None) -> str:
    """Why the database did not open. With a package waiting to be imported, that it was not;
    and, when another qdesk holds the database, that the package can be imported there."""
    from qdesk.store.file_lock import DatabaseInUseError

    said = error.render() if isinstance(error, QdeskError) else str(error)
    if package is None:
        return said
    lines = [msg("The package {name} was not imported:", "报送包“{name}”未导入：",
                 name=package.name).render(), said]
    if isinstance(error, DatabaseInUseError):
        lines.append(msg("It can also be imported in the qdesk that has the database open: "
                         "Reports → Import….",
                         "也可以在正在使用该数据库的qdesk中，用“报表”页的“导入…”导入它。").render())
    return "\n\n".join(lines)
