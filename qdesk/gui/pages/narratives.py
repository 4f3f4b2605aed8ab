"""工作总结: a period's five written sections for the office's own unit, saved as typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QMessageBox,
                               QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.narratives import Section
from qdesk.core.periods import Period
from qdesk.gui.page import Page
from qdesk.gui.session import Session
from qdesk.gui.unlock_dialog import LockBanner
from qdesk.gui.widgets import (DONE_STYLE, ERROR_STYLE, PeriodPicker, Retranslating, as_typed,
                               plain_label)
from qdesk.views.task_ledger import task_ledger, work_draft
from qdesk.store.changes import Changes
from qdesk.store.locks import locking_period
from qdesk.store.narratives import narratives, save_narrative

AUTOSAVE_MS = 800


def character_count(text: str) -> int:
    """Characters as a document's word count (字数) counts them: spaces and line breaks left out."""
    return sum(1 for ch in text if not ch.isspace())


class NarrativesPage(Retranslating, Page):
    """A period's account, section by section; every pause in typing saves it (audited)."""

    shows = frozenset({"narratives", "locks", "plans", "units"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._period: Period = session.period
        self._loaded: dict[Section, str] = {}
        self._locked_by: Period | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save)

        self.period_label = plain_label()
        self.period_picker = PeriodPicker(session)
        self.period_picker.set_period(self._period)
        self.period_picker.period_changed.connect(self._period_chosen)
        self.unit_label = plain_label()
        self.saved_label = plain_label()
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(self.draft_from_ledger)
        self.banner = LockBanner(session)
        self.banner.unlocked.connect(self._unlocked)

        self.titles: dict[Section, QLabel] = {}
        self.counts: dict[Section, QLabel] = {}
        self.editors: dict[Section, QPlainTextEdit] = {}
        sections = QWidget()
        grid = QGridLayout(sections)
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(4)
        for n, section in enumerate(Section):
            title = plain_label()
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            count = plain_label()
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(110)
            editor.textChanged.connect(lambda s=section: self._edited(s))
            title.setBuddy(editor)
            grid.addWidget(title, 2 * n, 0)
            grid.addWidget(count, 2 * n, 1)
            grid.addWidget(editor, 2 * n + 1, 0, 1, 2)
            grid.setRowStretch(2 * n + 1, 1)
            self.titles[section], self.counts[section], self.editors[section] = title, count, editor
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(sections)

        top = QHBoxLayout()
        top.addWidget(self.period_label)
        top.addWidget(self.period_picker)
        top.addSpacing(16)
        top.addWidget(self.unit_label)
        top.addStretch(1)
        top.addWidget(self.saved_label)
        top.addWidget(self.draft_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)

        self.retranslate()
        self._load()

    def name(self) -> str:
        return self.tr("Narratives")

    def section_label(self, section: Section) -> str:
        return {Section.WORK: self.tr("Work done"),
                Section.HIGHLIGHTS: self.tr("Highlights"),
                Section.PRACTICES: self.tr("Practices and experience"),
                Section.PROBLEMS: self.tr("Problems"),
                Section.PLANS: self.tr("Next steps")}[section]

    def period(self) -> Period:
        return self._period

    def retranslate(self) -> None:
        self.period_label.setText(self.tr("Period:"))
        self.unit_label.setText(self.tr("Unit: {unit}").format(unit=self.session.home.name))
        self.draft_button.setText(self.tr("Draft from the task ledger"))
        self.draft_button.setToolTip(self.tr(
            "Fill “Work done” with the period's task progress, by category, to edit before "
            "printing"))
        for section in Section:
            self.titles[section].setText(self.section_label(section))
            self.editors[section].setPlaceholderText(
                "" if self._locked_by else self.tr("Write this section here; it is saved as "
                                                   "you type."))
            self._count(section)
        self._show_lock()

    def confirm(self, text: str) -> bool:
        """Yes or No before text is replaced; a method so tests can answer."""
        return QMessageBox.question(self, self.tr("Please confirm"), as_typed(text)) \
            == QMessageBox.StandardButton.Yes

    def draft_from_ledger(self) -> None:
        """Fill 工作开展情况 with a draft from the period's task ledger, for the clerk to edit;
        asking first when the section already holds text."""
        ledger = task_ledger(self.session.store, self.session.plan, self.session.home,
                             self._period, dt.date.today())
        draft = work_draft(ledger)
        if not draft:
            self.status_message.emit(self.tr("The task ledger holds nothing for this period."))
            return
        editor = self.editors[Section.WORK]
        if editor.toPlainText().strip() and not self.confirm(self.tr(
                "Replace the text of “Work done” with a draft from the task ledger?")):
            return
        editor.setPlainText(draft)
        editor.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page keeps what was typed, without waiting for the debounce.
        if self.has_unsaved():
            self.save()
        super().hideEvent(event)

    def refresh(self) -> None:
        if self.save():
            self._load()

    def has_unsaved(self) -> bool:
        return any(editor.toPlainText() != self._loaded.get(section, "")
                   for section, editor in self.editors.items())

    def discard(self) -> None:
        self._timer.stop()
        self._load()

    def save(self) -> bool:
        """Write every changed section of the shown period; False (shown in place) if refused."""
        self._timer.stop()
        changed = {section: editor.toPlainText() for section, editor in self.editors.items()
                   if editor.toPlainText() != self._loaded.get(section, "")}
        if not changed:
            return True
        try:
            with self.session.store.transaction():
                for section, body in changed.items():
                    save_narrative(self.session.store, self.session.home, self._period,
                                   section, body)
        except QdeskError as exc:
            self.saved_label.setStyleSheet(ERROR_STYLE)
            self.saved_label.setText(self.tr("Not saved"))
            self.saved_label.setToolTip(as_typed(exc.render()))
            self.status_message.emit(self.tr("Not saved: {problem}").format(problem=exc.render()))
            return False
        self._loaded.update(changed)
        self.saved_label.setStyleSheet(DONE_STYLE)
        self.saved_label.setText(self.tr("Saved {time}").format(
            time=dt.datetime.now().strftime("%H:%M")))
        self.saved_label.setToolTip("")
        self.changed.emit(Changes.of("narratives", "audit", units=[self.session.home.code],
                                     periods=[self._period]))
        return True

    def _period_chosen(self, period: Period) -> None:
        if period == self._period:
            return
        if not self.save():     # stay on the period whose text could not be saved
            self.period_picker.blockSignals(True)
            self.period_picker.set_period(self._period)
            self.period_picker.blockSignals(False)
            return
        self._period = period
        self._load()

    def _load(self) -> None:
        self._timer.stop()
        store = self.session.store
        self._loaded = narratives(store, self.session.home, self._period)
        self._locked_by = locking_period(store, self._period)
        for section, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setPlainText(self._loaded.get(section, ""))
            editor.blockSignals(False)
            editor.setReadOnly(self._locked_by is not None)
            editor.setStyleSheet("QPlainTextEdit { background: #f4f4f4; color: #444; }"
                                 if self._locked_by else "")
        self.draft_button.setEnabled(self._locked_by is None)
        self.saved_label.setStyleSheet("color: #666;")
        self.saved_label.setText("" if self._locked_by else
                                 self.tr("Changes are saved as you type"))
        self.saved_label.setToolTip("")
        self.retranslate()

    def _show_lock(self) -> None:
        if self._locked_by is None:
            self.banner.show_lock(None, self._period)
            return
        if self._locked_by == self._period:
            text = self.tr("{period} has been submitted, so these texts are read-only. Unlock "
                           "the period (with a reason) to change them.")
        else:
            text = self.tr("{period} is locked because {lock} has been submitted, so these texts "
                           "are read-only. Unlock it (with a reason) to change them.")
        self.banner.show_lock(self._locked_by, self._period, text.format(
            period=self._period.label_zh(), lock=self._locked_by.label_zh()))

    def _unlocked(self, lock: Period) -> None:
        """The period was unlocked (with a reason): its texts can be corrected now."""
        self._load()
        self.changed.emit(Changes.of("locks", "audit", periods=[lock]))
        self.status_message.emit(self.tr("{period} is unlocked: correct the texts, then submit it"
                                         " again (it is marked as a correction).").format(
            period=lock.label_zh()))

    def _edited(self, section: Section) -> None:
        self._count(section)
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(self.tr("Editing…") if self.has_unsaved() else "")
        self._timer.start()

    def _count(self, section: Section) -> None:
        n = character_count(self.editors[section].toPlainText())
        self.counts[section].setText(self.tr("Characters: %n", "", n))
        self.counts[section].setToolTip(self.tr("Spaces and line breaks are not counted"))
