"""设置: who works on the file, to whom reports go, the documents' header and footer (公文), fonts,
and the language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QFormLayout, QFrame,
                               QGroupBox, QHBoxLayout, QLabel, QLayout, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.gui import qsettings
from qdesk.gui.backup_panel import BackupPanel
from qdesk.gui.language import install_language
from qdesk.gui.page import Page
from qdesk.gui.session import Session
from qdesk.gui.widgets import ERROR_STYLE, plain_label, Retranslating
from qdesk.store.changes import Changes
from qdesk.store.settings import LETTERHEADS, SEALS
from qdesk.views.overview import unset_calendar_from

# The database settings this page edits, in the order they are written.
EDITED = ("operator", "superior", "issuing_organ", "organ_code", "signer", "contact",
          "contact_phone", "cc", "printed_by", "letterhead", "seal", "font_dir", "backup_folder",
          "calendar_from")
_FONT_SUFFIXES = {".ttf", ".ttc"}


def font_dir_problem(text: str) -> str | None:
    """What is wrong with a font folder, as a key: "missing", "no-fonts", or None when fine."""
    if not text.strip():
        return None
    folder = Path(text.strip()).expanduser()
    if not folder.is_dir():
        return "missing"
    try:
        if not any(p.suffix.lower() in _FONT_SUFFIXES for p in folder.iterdir()):
            return "no-fonts"
    except OSError:
        return "missing"
    return None


def _leading_widget(row: QLayout) -> QWidget:
    """The field of a row laid out with a button or a stretch beside it: its first widget."""
    item = row.itemAt(0)
    widget = item.widget() if item is not None else None
    assert widget is not None, "a row's layout starts with its field"
    return widget


class SettingsPage(Retranslating, Page):
    """The office's settings: kept in the database (audited), except the language, kept per user."""

    shows = frozenset({"settings"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.operator = QLineEdit()
        self.unit_name = self._read_only(session.home.name)
        self.unit_code = self._read_only(session.home.code)
        self.superior = QLineEdit()
        self.issuing_organ = QLineEdit()
        self.organ_code = QLineEdit()
        self.signer = QLineEdit()
        self.contact = QLineEdit()
        self.contact_phone = QLineEdit()
        self.cc = QPlainTextEdit()
        self.cc.setTabChangesFocus(True)
        self.cc.setFixedHeight(self.cc.fontMetrics().lineSpacing() * 4 + 12)
        self.printed_by = QLineEdit()
        self.calendar_from = QLineEdit()
        self.letterhead = QComboBox()
        for value in LETTERHEADS:
            self.letterhead.addItem("", value)
        self.seal = QComboBox()
        for value in SEALS:
            self.seal.addItem("", value)
        self.font_dir = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.font_warning = plain_label()
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet("color: #a15c00;")
        self.font_warning.hide()
        self.language = QComboBox()
        # Each language is named in itself, so a clerk can find their own in either interface.
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.database = self._read_only(str(session.path))
        self.backup_folder = QLineEdit()
        self.browse_backups = QPushButton()
        self.browse_backups.clicked.connect(self._browse_backups)
        self.backups = BackupPanel(session)
        self.backups.restore_requested.connect(self.restore_requested)
        self.backups.history_requested.connect(self.history_requested)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.problem = plain_label()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()

        font_row = QHBoxLayout()
        font_row.addWidget(self.font_dir, 1)
        font_row.addWidget(self.browse)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_folder, 1)
        backup_row.addWidget(self.browse_backups)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addStretch(1)

        self.groups: dict[str, QGroupBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}
        rows: dict[str, tuple[tuple[str, QWidget | QLayout], ...]] = {
            "office": (("unit_name", self.unit_name), ("unit_code", self.unit_code),
                       ("operator", self.operator)),
            "reports": (("superior", self.superior), ("font_dir", font_row),
                        ("calendar_from", self.calendar_from)),
            "documents": (("issuing_organ", self.issuing_organ), ("organ_code", self.organ_code),
                          ("signer", self.signer), ("letterhead", self.letterhead),
                          ("seal", self.seal), ("contact", self.contact),
                          ("contact_phone", self.contact_phone), ("cc", self.cc),
                          ("printed_by", self.printed_by)),
            "workbench": (("language", language_row), ("database", self.database)),
            "backups": (("backup_folder", backup_row), ("backup_list", self.backups)),
        }
        content = QWidget()
        content.setMaximumWidth(860)
        inner = QVBoxLayout(content)
        for group_key, fields in rows.items():
            group = QGroupBox()
            form = QFormLayout(group)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            for key, field in fields:
                box = QVBoxLayout()
                box.setSpacing(2)
                if isinstance(field, QWidget):
                    box.addWidget(field)
                    buddy = field
                else:
                    box.addLayout(field)
                    buddy = _leading_widget(field)
                if key == "font_dir":
                    box.addWidget(self.font_warning)
                hint = plain_label()
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #666;")
                box.addWidget(hint)
                self.hints[key] = hint
                self.labels[key] = plain_label()
                self.labels[key].setBuddy(buddy)
                form.addRow(self.labels[key], box)
            self.groups[group_key] = group
            inner.addWidget(group)

        inner.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        inner.addLayout(buttons)
        inner.addStretch(1)
        # The groups are taller than a 768-pixel screen leaves the page: they scroll.
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.addWidget(content, 1)
        row.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.retranslate()
        self._load()
        for field in self._fields().values():
            field.textChanged.connect(self._edited)
        self.cc.textChanged.connect(self._edited)
        for combo in self._choices().values():
            combo.currentIndexChanged.connect(self._edited)
        self.language.currentIndexChanged.connect(self._language_chosen)

    def name(self) -> str:
        return self.tr("Settings")

    @staticmethod
    def _read_only(text: str) -> QLabel:
        label = plain_label(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def _fields(self) -> dict[str, QLineEdit]:
        return {"operator": self.operator, "superior": self.superior,
                "issuing_organ": self.issuing_organ, "organ_code": self.organ_code,
                "signer": self.signer, "contact": self.contact,
                "contact_phone": self.contact_phone, "printed_by": self.printed_by,
                "font_dir": self.font_dir, "backup_folder": self.backup_folder,
                "calendar_from": self.calendar_from}

    def _choices(self) -> dict[str, QComboBox]:
        return {"letterhead": self.letterhead, "seal": self.seal}

    def _values(self) -> dict[str, str]:
        """What the page shows, as the settings store it (抄送 one organ a line)."""
        values = {key: field.text().strip() for key, field in self._fields().items()}
        values["cc"] = "\n".join(line.strip() for line in self.cc.toPlainText().splitlines()
                                 if line.strip())
        values.update({key: combo.currentData() for key, combo in self._choices().items()})
        return {key: values[key] for key in EDITED}

    def retranslate(self) -> None:
        texts = {
            "operator": (self.tr("Operator:"),
                         self.tr("Your name, as the audit trail records every change.")),
            "unit_name": (self.tr("Unit:"),
                          self.tr("Set when the database was created.")),
            "unit_code": (self.tr("Unit code:"),
                          self.tr("The division code the unit was created with; it names the "
                                  "submission packages.")),
            "superior": (self.tr("Superior office:"),
                         self.tr("The addressee (主送机关) of the reports sent upward.")),
            "issuing_organ": (self.tr("Issuing organ:"),
                              self.tr("发文机关: the red mark of the letterhead and the name "
                                      "above the date of each document.")),
            "organ_code": (self.tr("Organ code:"),
                           self.tr("机关代字 of the document numbers: 盘质强办 gives "
                                   "盘质强办〔2026〕3号. Not set: documents carry no number.")),
            "signer": (self.tr("Signer:"),
                       self.tr("签发人, printed on the reports sent to the superior.")),
            "letterhead": (self.tr("Letterhead:"),
                           self.tr("Blank leaves the mark's and the red line's room empty, for "
                                   "paper with a printed red letterhead.")),
            "seal": (self.tr("Seal:"),
                     self.tr("Sealed: the date four characters in from the right and room for "
                             "the seal over the organ and the date.")),
            "contact": (self.tr("Contact person:"),
                        self.tr("附注 under the date: 联系人 and 联系电话.")),
            "contact_phone": (self.tr("Contact phone:"), ""),
            "cc": (self.tr("Copies to:"),
                   self.tr("抄送, one organ a line; printed in the 版记 on the last page.")),
            "printed_by": (self.tr("Printed by:"),
                           self.tr("印发机关 of the 版记. Neither this nor copies set: no 版记.")),
            "font_dir": (self.tr("Font folder:"),
                         self.tr("Where the office's own fonts are (仿宋, 黑体, 楷体, 方正小标宋), "
                                 "if not installed in the system; TrueType .ttf or .ttc.")),
            "calendar_from": (self.tr("Calendar from:"),
                              self.tr("The first period kept in qdesk, such as 2024Q1: the "
                                      "overview's reporting calendar owes no report before it. "
                                      "Not set: the first period with figures.")),
            "language": (self.tr("Language:"),
                         self.tr("Applies at once; remembered for your user account on this "
                                 "computer, not in the database.")),
            "database": (self.tr("Database file:"), ""),
            "backup_folder": (self.tr("Backup folder:"),
                              self.tr("Best on another disk or a USB drive. Not set: a folder "
                                      "beside the database.")),
            "backup_list": (self.tr("Backups:"), ""),
        }
        self.groups["office"].setTitle(self.tr("Office"))
        self.groups["reports"].setTitle(self.tr("Reports"))
        self.groups["documents"].setTitle(self.tr("Documents"))
        for combo, names in ((self.letterhead, (self.tr("Printed in red"),
                                                self.tr("Blank, for red letterhead paper"),
                                                self.tr("None"))),
                             (self.seal, (self.tr("Sealed"), self.tr("Unsealed")))):
            for index, name in enumerate(names):
                combo.setItemText(index, name)
        self.groups["workbench"].setTitle(self.tr("Workbench"))
        self.groups["backups"].setTitle(self.tr("Backup and restore"))
        for key, (label, hint) in texts.items():
            self.labels[key].setText(label)
            self.hints[key].setText(hint)
            self.hints[key].setVisible(bool(hint))
        self.operator.setPlaceholderText(self.tr("e.g. 县质量办 张三"))
        self.superior.setPlaceholderText(self.tr("e.g. 市质量强市工作领导小组办公室"))
        self.issuing_organ.setPlaceholderText(self.tr("e.g. 县质量强县工作领导小组办公室"))
        self.organ_code.setPlaceholderText(self.tr("e.g. 盘质强办"))
        self.contact_phone.setPlaceholderText(self.tr("e.g. 0427-5612345"))
        self.font_dir.setPlaceholderText(self.tr("Not set: system fonts, then the bundled ones"))
        self.browse.setText(self.tr("Browse…"))
        self.backup_folder.setPlaceholderText(self.tr("Not set: beside the database"))
        self.browse_backups.setText(self.tr("Browse…"))
        self.save_button.setText(self.tr("Save"))
        self.discard_button.setText(self.tr("Discard changes"))
        self._check_font_dir()

    def refresh(self) -> None:
        if not self.has_unsaved():
            self._load()
        self.backups.reload()

    def backups_taken(self) -> None:
        self.backups.reload()

    def has_unsaved(self) -> bool:
        return bool(self._changes())

    def discard(self) -> None:
        self._load()

    def save(self) -> bool:
        """Write the changed settings, each audited, in one transaction."""
        changes = self._changes()
        if not changes:
            return True
        try:
            with self.session.store.transaction():
                for key, value in changes.items():
                    self.session.set_setting(key, value)
        except QdeskError as exc:
            message = self.tr("Not saved: {problem}").format(problem=exc.render())
            self.problem.setText(message)
            self.problem.show()
            self.status_message.emit(message)
            return False
        self.problem.hide()
        self._update_buttons()
        if "backup_folder" in changes:
            self.backups.reload()
        self.status_message.emit(self.tr("Settings saved"))
        self.changed.emit(Changes.of("settings", "audit"))
        return True

    def _changes(self) -> dict[str, str]:
        return {key: value for key, value in self._values().items()
                if value != self.session.setting(key)}

    def _load(self) -> None:
        for key, field in self._fields().items():
            field.blockSignals(True)
            field.setText(self.session.setting(key))
            field.blockSignals(False)
        self.cc.blockSignals(True)
        self.cc.setPlainText(self.session.setting("cc"))
        self.cc.blockSignals(False)
        for key, combo in self._choices().items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(self.session.setting(key))))
            combo.blockSignals(False)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(qsettings.language())))
        self.language.blockSignals(False)
        # Shown while it is empty: the period the calendar starts from when nothing is set.
        self.calendar_from.setPlaceholderText(
            str(unset_calendar_from(self.session.store, dt.date.today())))
        self.problem.hide()
        self._check_font_dir()
        self._update_buttons()

    def _edited(self) -> None:
        self._check_font_dir()
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.has_unsaved()
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)

    def _check_font_dir(self) -> None:
        problem = font_dir_problem(self.font_dir.text())
        if problem == "missing":
            self.font_warning.setText(self.tr(
                "This folder does not exist. It is kept, but reports use the system and bundled "
                "fonts until it does."))
        elif problem == "no-fonts":
            self.font_warning.setText(self.tr(
                "No TrueType fonts (.ttf, .ttc) in this folder; reports use the system and "
                "bundled fonts."))
        self.font_warning.setVisible(problem is not None)

    def _browse(self) -> None:
        start = self.font_dir.text().strip()
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Font folder"), start if Path(start).is_dir() else str(Path.home()))
        if folder:
            self.font_dir.setText(folder)

    def _browse_backups(self) -> None:
        start = self.backup_folder.text().strip()
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Backup folder"),
            start if Path(start).is_dir() else str(self.session.path.parent))
        if folder:
            self.backup_folder.setText(folder)

    def _language_chosen(self, index: int) -> None:
        lang = self.language.itemData(index)
        # The main window rebuilds its pages in the new language: keep what was typed here.
        if self.has_unsaved():
            self.save()
        qsettings.settings().setValue(qsettings.LANGUAGE, lang)
        app = QApplication.instance()
        assert app is not None, "a page is shown only inside the running application"
        install_language(app, lang)
        self.language_changed.emit(lang)
