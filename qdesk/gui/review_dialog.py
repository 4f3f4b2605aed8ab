"""Returning a subordinate unit's package (退回): the small dialog that asks why."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from qdesk.core.errors import QdeskError
from qdesk.core.periods import Period
from qdesk.gui.session import Session
from qdesk.gui.widgets import Retranslating, plain_label, problem_label
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.reviews import Review, review_package
from qdesk.store.units import Unit


class ReturnDialog(Retranslating, QDialog):
    """Asks the reason, then returns the unit's package for the period (audited); a refusal (a
    blank reason) is shown in place and the dialog stays open. `changes` is what it wrote."""

    def __init__(self, session: Session, unit: Unit, period: Period,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.unit, self.period = session, unit, period
        self.changes: Changes = NOTHING
        self.explanation = plain_label()
        self.explanation.setWordWrap(True)
        self.reason_label = plain_label()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.reason_label.setBuddy(self.reason_edit)
        self.problem = problem_label()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        # OK returns the package first and closes only if the store took it.
        self.ok_button.clicked.connect(self.submit)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.reason_label, self.reason_edit, self.problem,
                       self.button_box):
            layout.addWidget(widget)
        self.retranslate()
        self.reason_edit.textChanged.connect(self.problem.hide)
        self.reason_edit.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 30)

    def retranslate(self) -> None:
        names = {"unit": self.unit.name, "period": self.period.label_zh()}
        self.setWindowTitle(self.tr("Return the package of {unit}").format(**names))
        self.explanation.setText(self.tr(
            "The package {unit} sent for {period} goes back to it for correction: its next "
            "package for the period replaces it and waits for review again.").format(**names))
        self.reason_label.setText(self.tr("&Reason for returning (required):"))
        self.reason_edit.setPlaceholderText(self.tr(
            "e.g. the denominator of P02 does not match the inspection ledger"))
        self.ok_button.setText(self.tr("&Return"))

    def reason(self) -> str:
        return self.reason_edit.toPlainText()

    def submit(self) -> bool:
        """Return the package with the reason typed and close; on a refusal show why and stay."""
        try:
            self.changes = review_package(self.session.store, self.unit.code, self.period,
                                          Review.RETURNED, self.reason())
        except QdeskError as exc:
            self.problem.setText(self.tr("Not returned: {problem}").format(problem=exc.render()))
            self.problem.show()
            return False
        self.accept()
        return True
