"""When the database file is damaged: offering the newest good backup in its place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_restore(parent: QWidget | None, database: Path, detail: str) -> Path | None:
    """The backup the clerk agrees to put in place of the damaged file, or None."""
    # Imported when a file is found damaged: the main window imports this module before it paints.
    from qdesk.store.recovery import newest_good_backup

    backup = newest_good_backup(database)
    if backup is None:
        box = QMessageBox(QMessageBox.Icon.Critical, "qdesk", QCoreApplication.translate(
            "Damaged", "The database file is damaged, and there is no sound backup of it. Make no changes: "
            "copy the file somewhere safe and ask for help."), parent=parent)
        box.setDetailedText(detail)
        box.exec()
        return None
    box = QMessageBox(QMessageBox.Icon.Critical, "qdesk", QCoreApplication.translate(
        "Damaged", "The database file is damaged. qdesk can put the newest sound backup, taken %1, in its "
        "place; the damaged file is kept beside the backups. Figures entered since then must be "
        "entered again.\n\nRestore that backup now?").replace(
            "%1", backup.taken_at.strftime("%Y-%m-%d %H:%M")), parent=parent)
    box.setDetailedText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return backup.path if box.exec() == QMessageBox.StandardButton.Yes else None
