"""Saving unlikely figures: the dialog that lists them and asks for the explanation of each."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QLineEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from qdesk.gui.widgets import plain_label, problem_label
from qdesk.views.entry_sheet import EntryRow


class ExplainDialog(QDialog):
    """One line a warned figure: its code, name and warnings, and the explanation to keep as its
    note; or one explanation for all. OK with one left blank is refused in place."""

    def __init__(self, rows: list[EntryRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Explain unlikely figures"))
        intro = plain_label(self.tr(
            "These figures are far from the unit's own history, or break a rule of the plan."
            " Check them; to save them as they are, say why. The explanation is kept as the"
            " figure's note and printed in the report's 备注."))
        intro.setWordWrap(True)
        self.edits: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for line, row in enumerate(rows):
            code = row.indicator.code
            what = plain_label(f"{code} {row.indicator.name}\n"
                               + "\n".join(w.message.render() for w in row.warnings))
            what.setWordWrap(True)
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("Why the figure is right"))
            grid.addWidget(what, line * 2, 0)
            grid.addWidget(edit, line * 2 + 1, 0)
            self.edits[code] = edit
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.all_edit = QLineEdit()
        self.all_edit.setPlaceholderText(self.tr("Or one explanation for every figure above"))
        self.problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save with explanations"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.all_edit)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)
        for edit in (*self.edits.values(), self.all_edit):
            edit.textChanged.connect(self.problem.hide)

    def explanations(self) -> dict[str, str]:
        """Indicator code -> its explanation: its own, else the one for all ("" for none)."""
        common = self.all_edit.text().strip()
        return {code: edit.text().strip() or common for code, edit in self.edits.items()}

    def submit(self) -> bool:
        """Accept when every figure is explained; else say which is not, and stay open."""
        missing = [code for code, text in self.explanations().items() if not text]
        if missing:
            self.problem.setText(self.tr("Not saved: explain %1, or give one explanation for"
                                         " all.").replace("%1", "、".join(missing)))
            self.problem.show()
            self.edits[missing[0]].setFocus()
            return False
        self.accept()
        return True
