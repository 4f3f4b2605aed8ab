"""The first-run dialog: open a database, create one from a plan template, or open the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.gui.widgets import ERROR_STYLE


class WelcomeDialog(QDialog):
    """Sets `chosen` to the database to open when accepted."""

    def __init__(self, default: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from qdesk.plans.library import shipped_templates
        from qdesk.plans.template import load_template

        self.default = Path(default)
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Welcome to qdesk"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "There is no database yet. Open one, create one from a plan, or try the demo.")))

        open_button = QPushButton(self.tr("Open a database file…"))
        open_button.clicked.connect(self.open_file)
        layout.addWidget(open_button)

        create = QGroupBox(self.tr("Create a database from a plan"))
        form = QFormLayout(create)
        self.template = QComboBox()
        for path in shipped_templates():
            self.template.addItem(load_template(path).title, path)
        browse = QPushButton(self.tr("Other template file…"))
        browse.clicked.connect(self.browse_template)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Plan"), row)
        self.unit_code = QLineEdit()
        self.unit_code.setPlaceholderText("211122")
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(self.tr("e.g. 盘山县"))
        form.addRow(self.tr("Division code"), self.unit_code)
        form.addRow(self.tr("Unit name"), self.unit_name)
        create_button = QPushButton(self.tr("Create"))
        create_button.clicked.connect(self.create_from_plan)
        form.addRow("", create_button)
        layout.addWidget(create)

        demo = QPushButton(self.tr("Open the demo county"))
        demo.clicked.connect(self.open_demo)
        layout.addWidget(demo)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), str(Path.home()),
                                              self.tr("qdesk databases (*.qdesk);;All files (*)"))
        if path:
            self._accept(Path(path))

    def browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Plan template"), str(Path.home()),
                                              self.tr("Plan templates (*.toml)"))
        if path:
            self.template.addItem(Path(path).name, Path(path))
            self.template.setCurrentIndex(self.template.count() - 1)

    def create_from_plan(self) -> None:
        from qdesk.databases import create_database

        try:
            self.default.parent.mkdir(parents=True, exist_ok=True)
            create_database(self.default, self.template.currentData(), self.unit_code.text(),
                            self.unit_name.text())
        except QdeskError as exc:
            self.message.setText(exc.render())
            return
        self._accept(self.default)

    def open_demo(self) -> None:
        from qdesk.demo import build_demo

        path = self.default.with_name("demo.qdesk")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                build_demo(path)
        except QdeskError as exc:
            self.message.setText(exc.render())
            return
        self._accept(path)

    def _accept(self, path: Path) -> None:
        self.chosen = path
        self.accept()
