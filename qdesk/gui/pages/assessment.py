"""考核: the year's ranking table, one unit's breakdown, the assessor's decisions, publication, and
the score table's workbook and the two documents; every figure from views.assessment_table."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QInputDialog,
                               QLineEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from qdesk.core.errors import QdeskError
from qdesk.gui.file_dialogs import save_file_name
from qdesk.gui.page import Page
from qdesk.gui.session import Session
from qdesk.gui.widgets import plain_label, problem_label, Retranslating
from qdesk.gui.workers import Done, Job, Outcome, Refused, run_with_progress
from qdesk.store import assessment
from qdesk.store.changes import Changes
from qdesk.views.assessment_table import AssessmentTable, assessment_table


class DecisionDialog(Retranslating, QDialog):
    """A manual score (kind "score"), a bonus or a penalty for one unit, with reason and 文号."""

    def __init__(self, session: Session, table: AssessmentTable, unit_code: str, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.table, self.unit_code, self.kind = session, table, unit_code, kind
        self.item = QComboBox()
        scheme = table.scheme
        choices = ([(i.code, i.name, i.points) for i in scheme.items if i.rule.value == "manual"]
                   if kind == "score" else
                   [(e.code, e.name, e.points) for e in (scheme.bonuses if kind == "bonus"
                                                         else scheme.penalties)])
        for code, name, points in choices:
            self.item.addItem(f"{code} {name}（{points.normalize():f}分）", code)
        self.value = QLineEdit("" if kind == "score" else "1")
        self.reason = QLineEdit()
        self.doc = QLineEdit()
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.changes: Changes | None = None
        self.retranslate()

    def retranslate(self) -> None:
        while self.form.rowCount():
            self.form.takeRow(0)
        titles = {"score": self.tr("Manual score"), "bonus": self.tr("Bonus"),
                  "penalty": self.tr("Penalty")}
        self.setWindowTitle(titles[self.kind])
        self.form.addRow(self.tr("Item"), self.item)
        self.form.addRow(self.tr("Points") if self.kind == "score" else self.tr("Times"),
                         self.value)
        self.form.addRow(self.tr("Reason"), self.reason)
        if self.kind != "score":
            self.form.addRow(self.tr("Document number"), self.doc)
        self.doc.setVisible(self.kind != "score")

    def save(self) -> None:
        store, plan, year = self.session.store, self.session.plan, self.table.year
        try:
            if self.kind == "score":
                self.changes = assessment.set_manual_score(
                    store, plan, year, self.unit_code, self.item.currentData(), self.value.text(),
                    self.reason.text())
            else:
                self.changes = assessment.add_entry(
                    store, plan, year, self.unit_code, self.kind, self.item.currentData(),
                    self.value.text(), self.reason.text(), self.doc.text())
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return
        self.accept()


class AssessmentPage(Retranslating, Page):
    shows = frozenset({"entries", "targets", "units", "plans", "assessment_scores",
                       "assessment_entries", "assessment_publications"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.year_label = plain_label()
        self.year = QComboBox()
        plan = session.plan
        for year in range(plan.end_year, plan.start_year - 1, -1):
            self.year.addItem(str(year), year)
        chosen = self.year.findData(min(plan.end_year, session.period.year))
        self.year.setCurrentIndex(max(0, chosen))
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state = plain_label()
        self.ranking = self._table()
        self.ranking.itemSelectionChanged.connect(self._show_breakdown)
        self.breakdown = self._table()
        self.score_button, self.bonus_button = QPushButton(), QPushButton()
        self.penalty_button, self.publish_button = QPushButton(), QPushButton()
        self.export_button, self.notice_button = QPushButton(), QPushButton()
        self.self_button = QPushButton()
        for button, slot in ((self.score_button, lambda: self.decide("score")),
                             (self.bonus_button, lambda: self.decide("bonus")),
                             (self.penalty_button, lambda: self.decide("penalty")),
                             (self.publish_button, self.toggle_publication),
                             (self.export_button, self.export),
                             (self.notice_button, lambda: self.document("assessment")),
                             (self.self_button, lambda: self.document("self-evaluation"))):
            button.clicked.connect(slot)
        self.problem = problem_label()
        self.message = plain_label()
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.state, 1)
        for button in (self.export_button, self.notice_button, self.self_button):
            top.addWidget(button)
        buttons = QHBoxLayout()
        for button in (self.score_button, self.bonus_button, self.penalty_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ranking)
        split.addWidget(self.breakdown)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(self.message)
        self.table: AssessmentTable | None = None
        self.retranslate()
        self.refresh()

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget(0, 0)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        return table

    def name(self) -> str:
        return self.tr("Assessment")

    def retranslate(self) -> None:
        self.year_label.setText(self.tr("Year"))
        self.score_button.setText(self.tr("Manual score…"))
        self.bonus_button.setText(self.tr("Bonus…"))
        self.penalty_button.setText(self.tr("Penalty…"))
        self.export_button.setText(self.tr("Export Excel…"))
        self.notice_button.setText(self.tr("Notice of results…"))
        self.self_button.setText(self.tr("Self-evaluation…"))
        self._update_state()

    def selected_year(self) -> int:
        return int(self.year.currentData())

    def refresh(self) -> None:
        self.problem.hide()
        chosen = self._selected_code()
        try:
            self.table = assessment_table(self.session.store, self.selected_year())
        except QdeskError as exc:
            self.table = None
            self.problem.setText(exc.render())
            self.problem.show()
        self._fill(self.ranking, self.table.header() if self.table else [],
                   self.table.rows() if self.table else [])
        codes = [s.code for s in self.table.scores] if self.table else []
        if codes:
            self.ranking.selectRow(codes.index(chosen) if chosen in codes else 0)
            self._show_breakdown()      # selecting the row selected before signals nothing
        else:
            self._fill(self.breakdown, [], [])
        self._update_state()

    def _selected_code(self) -> str | None:
        rows = self.ranking.selectionModel().selectedRows() if self.ranking.model() else []
        if not rows or self.table is None or rows[0].row() >= len(self.table.scores):
            return None
        return self.table.scores[rows[0].row()].code

    def _fill(self, widget: QTableWidget, header: list[str], rows: list[list[str]]) -> None:
        widget.clear()
        widget.setColumnCount(len(header))
        widget.setHorizontalHeaderLabels(header)
        widget.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                widget.setItem(r, c, QTableWidgetItem(text))
        widget.resizeColumnsToContents()
        widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _show_breakdown(self) -> None:
        code = self._selected_code()
        if code is None or self.table is None:
            return
        header = [self.tr("Code"), self.tr("Item"), self.tr("Worth"), self.tr("Figure"),
                  self.tr("Target"), self.tr("Earned"), self.tr("How")]
        self._fill(self.breakdown, header, [[l.code, l.name, l.worth, l.figure, l.target,
                                             l.earned, l.how]
                                            for l in self.table.breakdown(code)])

    def _update_state(self) -> None:
        published = self.table.published if self.table else None
        self.state.setText(self.tr("Published {0} by {1}: locked").format(
            published.published_at[:10], published.published_by) if published else
            self.tr("Not published"))
        self.publish_button.setText(self.tr("Withdraw publication…") if published
                                    else self.tr("Publish results"))
        for button in (self.score_button, self.bonus_button, self.penalty_button):
            button.setEnabled(self.table is not None and published is None)

    def decide(self, kind: str) -> None:
        code = self._selected_code()
        if code is None or self.table is None:
            return
        dialog = DecisionDialog(self.session, self.table, code, kind, self)
        if dialog.exec() and dialog.changes:
            self._changed(dialog.changes)

    def toggle_publication(self) -> None:
        if self.table is None:
            return
        try:
            if self.table.published is None:
                changes = assessment.publish(self.session.store, self.session.plan,
                                             self.selected_year())
            else:
                reason, ok = QInputDialog.getText(
                    self, self.tr("Withdraw publication"),
                    self.tr("Why are the published results opened again?"))
                if not ok:
                    return
                changes = assessment.unpublish(self.session.store, self.selected_year(), reason)
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return
        self._changed(changes)

    def _changed(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    def export(self) -> None:
        year = self.selected_year()
        path = save_file_name(self, self.tr("Export Excel"),
                              f"{self.session.home.name}{year}年度考核结果.xlsx", "Excel (*.xlsx)")
        if path:
            self._run(Path(path), self._export_work(Path(path), year))

    def document(self, kind: str) -> None:
        year = self.selected_year()
        name = f"{year}年度考核结果通报.pdf" if kind == "assessment" else f"{year}年度自评报告.pdf"
        path = save_file_name(self, self.tr("Save the document"), self.session.home.name + name,
                              "PDF (*.pdf)")
        if path:
            self._run(Path(path), self._document_work(Path(path), year, kind))

    @staticmethod
    def _export_work(out: Path, year: int) -> Callable[[Job], Path]:
        def work(job: Job) -> Path:
            from qdesk.exchange.assessment_export import export_assessment

            return export_assessment(assessment_table(job.store, year), out)
        return work

    @staticmethod
    def _document_work(out: Path, year: int, kind: str) -> Callable[[Job], Path]:
        def work(job: Job) -> Path:
            from qdesk.reports.assessment_report import (build_assessment_notice,
                                                         build_self_evaluation)

            build = build_assessment_notice if kind == "assessment" else build_self_evaluation
            return build(job.store, year, out).path
        return work

    def _run(self, out: Path, work: Callable[[Job], Path]) -> None:
        def finished(outcome: Outcome[Path]) -> None:
            if isinstance(outcome, Done):
                self.message.setText(self.tr("Written: {0}").format(str(outcome.value)))
            elif isinstance(outcome, Refused):
                self.problem.setText(outcome.error.render())
                self.problem.show()

        run_with_progress(self, self.tr("Writing"), self.session, work, finished)
