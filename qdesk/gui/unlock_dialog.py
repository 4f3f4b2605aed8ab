"""Unlocking a submitted period: the banner over a locked page, and the dialog that asks why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from qdesk.core.errors import QdeskError
from qdesk.core.periods import Period
from qdesk.gui.session import Session
from qdesk.gui.widgets import plain_label, problem_label, Retranslating
from qdesk.store import audit
from qdesk.store.locks import active_locks, unlock_period


class UnlockDialog(Retranslating, QDialog):
    """Says what unlocking `lock` means, asks for the reason, then unlocks it (audited).

    OK stays disabled while the reason is blank; a refusal is shown in place and the dialog
    stays open. `period` is the one the clerk is looking at, if `lock` holds it from outside.
    """

    def __init__(self, session: Session, lock: Period, period: Period | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lock = lock
        self.period = period or lock
        # Other submissions that hold the shown period too: unlocking this one leaves them.
        self._others = [other for other in active_locks(session.store)
                        if other != lock and other.reports(self.period)]
        # Who locked it and when: the newest change of an active lock is its locking.
        self._locked = next((c for c in audit.changes(session.store, table="locks",
                                                      period=str(lock), limit=1)
                             if c.action == "insert"), None)

        self.heading = plain_label()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.explanation = plain_label()
        self.explanation.setWordWrap(True)
        self.submitted = plain_label()
        self.submitted.setWordWrap(True)
        self.submitted.setStyleSheet("color: #555;")
        self.others = plain_label()
        self.others.setWordWrap(True)
        self.others.setStyleSheet("color: #8a5a00;")
        self.reason_label = plain_label()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        lines = self.reason_edit.fontMetrics().lineSpacing()
        self.reason_edit.setFixedHeight(lines * 4 + 12)
        self.reason_label.setBuddy(self.reason_edit)
        self.problem = problem_label()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        # OK unlocks first and closes only if the store took it.
        self.ok_button.clicked.connect(self.submit)
        self.button_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.submitted)
        layout.addWidget(self.others)
        layout.addSpacing(6)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.button_box)

        self.retranslate()
        self.reason_edit.textChanged.connect(self._reason_edited)
        self._reason_edited()
        self.reason_edit.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)

    def retranslate(self) -> None:
        lock = self.lock.label_zh()
        self.setWindowTitle(self.tr("Unlock {period}").format(period=lock))
        self.heading.setText(self.tr("Unlock {period} for correction?").format(period=lock))
        text = self.tr("{period} has been submitted, so its figures and texts are locked. "
                       "Unlocking opens them for correction again.").format(period=lock)
        if self.period != self.lock:
            text += " " + self.tr("The figures of {shown} are part of it.").format(
                shown=self.period.label_zh())
        text += "\n\n" + self.tr("When the corrections are made, submit {period} again: the new "
                                 "submission is marked as a correction (更正). The reason you "
                                 "give is kept in the change history.").format(period=lock)
        self.explanation.setText(text)
        if self._locked is not None:
            self.submitted.setText(self.tr("Locked on {day} by {operator}.").format(
                day=self._locked.at[:10], operator=self._locked.operator))
        self.submitted.setVisible(self._locked is not None)
        if self._others:
            self.others.setText(self.tr(
                "{others} also includes these figures and stays locked: unlock it as well to "
                "change them.").format(others="、".join(o.label_zh() for o in self._others)))
        self.others.setVisible(bool(self._others))
        self.reason_label.setText(self.tr("&Reason for unlocking (required):"))
        self.reason_edit.setPlaceholderText(self.tr(
            "e.g. the superior office returned the report: the denominator of P03 was wrong"))
        self.ok_button.setText(self.tr("&Unlock"))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _reason_edited(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))
        self.problem.hide()

    def submit(self) -> bool:
        """Unlock the period with the reason typed and close; on a refusal show why and stay."""
        try:
            unlock_period(self.session.store, self.lock, self.reason())
        except QdeskError as exc:
            self.problem.setText(self.tr("Not unlocked: {problem}").format(
                problem=exc.render()))
            self.problem.show()
            return False
        self.accept()
        return True


class LockBanner(Retranslating, QFrame):
    """The bar a page shows while its period is locked, with the button that unlocks it.

    `unlocked` carries the period unlocked; the page then reads itself again.
    """

    unlocked = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lock: Period | None = None
        self.period: Period | None = None
        self.dialog: UnlockDialog | None = None
        self.setObjectName("lockBanner")
        self.setStyleSheet("QFrame#lockBanner { background: #fff3cd; border: 1px solid #e0c36a;"
                           " border-radius: 3px; } QFrame#lockBanner QLabel { color: #5c4400; }")
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self.ask_unlock)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.unlock_button.setText(self.tr("Unl&ock…"))
        self.unlock_button.setToolTip(self.tr("Open the submitted period again to correct it "
                                              "(a reason is required)"))

    def text(self) -> str:
        return self.label.text()

    def show_lock(self, lock: Period | None, period: Period, text: str = "") -> None:
        """Show `text` over `period` while `lock` holds it; hide when nothing does."""
        self.lock, self.period = lock, period
        self.label.setText(text if lock is not None else "")
        self.setVisible(lock is not None)

    def ask_unlock(self) -> UnlockDialog | None:
        """Open the unlock dialog over the window (window-modal, so this returns at once)."""
        if self.lock is None:
            return None
        dialog = UnlockDialog(self.session, self.lock, self.period, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lock = self.lock
        dialog.accepted.connect(lambda: self.unlocked.emit(lock))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None
