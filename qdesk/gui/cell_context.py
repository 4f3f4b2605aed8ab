"""The entry grid's side panel: the current figure's last figures, last year's, and its history."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from qdesk.gui.widgets import plain_label
from qdesk.views.cell_context import CellContext

# Narrow enough for the grid to keep its columns on a 1366 × 768 screen.
PANEL_WIDTH = 260


def _heading(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CellContextPanel(QScrollArea):
    """Shows a CellContext as it is given; the page computes it for the current cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFixedWidth(PANEL_WIDTH)
        self.title = _heading("")
        self.title.setWordWrap(True)
        self.warnings = plain_label()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00; background: #fff1cc; padding: 4px;")
        self.earlier = plain_label()
        self.year_ago = plain_label()
        self.changes = plain_label()
        for label in (self.earlier, self.year_ago, self.changes):
            label.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.warnings)
        layout.addWidget(_heading(self.tr("Last figures")))
        layout.addWidget(self.earlier)
        layout.addWidget(_heading(self.tr("Same period last year")))
        layout.addWidget(self.year_ago)
        layout.addWidget(_heading(self.tr("Changes of this figure")))
        layout.addWidget(self.changes)
        layout.addStretch(1)
        self.setWidget(body)
        self.show_context(None)

    def show_context(self, context: CellContext | None) -> None:
        """The context of the current row, or a word that there is none."""
        if context is None:
            self.title.setText(self.tr("Choose a figure to see its history."))
            for label in (self.earlier, self.year_ago, self.changes):
                label.clear()
            self.warnings.hide()
            return
        self.title.setText(f"{context.code} {context.name}")
        self.warnings.setVisible(bool(context.warnings))
        self.warnings.setText(self.tr("Unlikely: %1").replace("%1", "\n".join(context.warnings)))
        self.earlier.setText("\n".join(f"{f.label}：{f.text}" for f in context.earlier))
        self.year_ago.setText(f"{context.year_ago.label}：{context.year_ago.text}")
        if not context.changes:
            self.changes.setText(self.tr("Not changed since it was first entered, or never"
                                         " entered."))
            return
        lines = []
        for change in context.changes:
            line = f"{change.at} {change.operator}\n"
            line += (self.tr("%1 → %2").replace("%1", change.old).replace("%2", change.new)
                     if change.old else self.tr("entered: %1").replace("%1", change.new))
            if change.reason:
                line += "\n" + self.tr("why: %1").replace("%1", change.reason)
            lines.append(line)
        self.changes.setText("\n\n".join(lines))
