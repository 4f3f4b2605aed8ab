"""The units page's dialogs: a new unit or a new name, checked as typed; retiring from a day; importing a list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLayout,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from qdesk.core.errors import Problem, QdeskError
from qdesk.core.units import Level, check_unit_name, new_unit
from qdesk.exchange.divisions import division_name
from qdesk.gui.session import Session
from qdesk.gui.unit_list_editor import FIELDS, UnitListEditor, level_text
from qdesk.gui.widgets import (Retranslating, date_edit, plain_label, problem_label,
                               resize_within_screen, to_date)
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.units import (Unit, UnitsImported, add_unit, import_units, rename_unit,
                               retire_unit, subordinates)


class UnitDialog(Retranslating, QDialog):
    """A new unit (code, name, level, credit code), or with `unit` a new name for it.

    Each field is checked as it is typed by the units service's own rules (core.units and a dry
    run of store.units.import_units), its refusal shown under it; OK writes through the
    service and closes, or shows the service's refusal in place and stays open.
    """

    def __init__(self, session: Session, unit: Unit | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.unit = unit
        self.changes: Changes = NOTHING
        self._typed: set[str] = set()        # fields typed in: only theirs are refused as typed
        self.code = QLineEdit(unit.code if unit else "")
        self.code.setMaxLength(20)
        self.name = QLineEdit(unit.name if unit else "")
        self.level = QComboBox()
        self.credit_code = QLineEdit(unit.credit_code or "" if unit else "")
        self.credit_code.setMaxLength(18)
        self.problems = {field: problem_label() for field in FIELDS}
        self.problem = problem_label()
        self.labels = {field: plain_label() for field in FIELDS}
        form = QFormLayout()
        for field, widget in zip(FIELDS, (self.code, self.name, self.level, self.credit_code)):
            self.labels[field].setBuddy(widget)
            form.addRow(self.labels[field], widget)
            form.addRow("", self.problems[field])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if unit is not None:
            for widget in (self.code, self.credit_code):
                widget.setReadOnly(True)
            self.level.setEnabled(False)
        self.retranslate()
        below = subordinates(session.store, session.home)
        chosen = Level(unit.level) if unit else (Level(below[-1].level) if below
                                                   else Level.TOWNSHIP)
        self.level.setCurrentIndex(self.level.findData(chosen.value))
        for field, edit in (("code", self.code), ("name", self.name),
                            ("credit_code", self.credit_code)):
            edit.textEdited.connect(lambda _text, field=field: self._edited(field))
        self.level.activated.connect(lambda _index: self._edited("level"))
        self.check()
        self.name.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 30)
        # The dialog grows and shrinks with the refusals shown under the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New unit") if self.unit is None
                            else self.tr("Rename unit"))
        self.labels["code"].setText(self.tr("&Code:"))
        self.labels["name"].setText(self.tr("&Name:"))
        self.labels["level"].setText(self.tr("&Level:"))
        self.labels["credit_code"].setText(self.tr("C&redit code:"))
        self.name.setPlaceholderText(self.tr("e.g. 胡家镇, 盘山经济开发区, 县教育局"))
        self.credit_code.setPlaceholderText(self.tr("18 characters, for a member unit; may be "
                                                    "left empty"))
        chosen = self.level.currentData()
        self.level.clear()
        for level in Level:
            self.level.addItem(level_text(level), level.value)
        self.level.setCurrentIndex(max(self.level.findData(chosen), 0))
        self._code_hint()

    def chosen_level(self) -> Level:
        return Level(self.level.currentData())

    def _code_hint(self) -> None:
        self.code.setPlaceholderText(
            self.tr("the 6-digit division code (GB/T 2260)")
            if self.chosen_level().keyed_by_division_code
            else self.tr("its statistical code, or any code the office gives: 1 to 20 letters "
                         "and digits"))

    def _edited(self, field: str) -> None:
        self._typed.add(field)
        self.problem.hide()
        self._code_hint()
        if field in ("code", "level") and "name" not in self._typed:
            self._name_from_code()
        self.check()

    def _name_from_code(self) -> None:
        """A county's or prefecture's name as GB/T 2260 gives it, until a name is typed."""
        if self.unit is None and self.chosen_level().keyed_by_division_code:
            self.name.setText(division_name(self.code.text()) or "")

    def refusals(self) -> list[Problem]:
        """What the units service refuses in the fields as they stand (nothing is written)."""
        try:
            if self.unit is not None:
                check_unit_name(self.name.text())
                return []
            unit = new_unit(self.code.text(), self.name.text(), self.chosen_level(),
                            self.credit_code.text())
            import_units(self.session.store, [unit], dry_run=True, strict=True)
        except QdeskError as exc:
            return list(exc.problems)
        return []

    def check(self, every_field: bool = False) -> bool:
        """Show each refused field's reason under it (of the fields typed in, unless
        `every_field`); OK is enabled only when nothing is refused."""
        refused = self.refusals()
        for field, label in self.problems.items():
            texts = [p.message.render() for p in refused if p.field == field]
            label.setText("\n".join(texts))
            label.setVisible(bool(texts) and (every_field or field in self._typed))
        self.ok_button.setEnabled(not refused)
        return not refused

    def submit(self) -> bool:
        """Write through the service and close; on a refusal show it in place and stay."""
        if not self.check(every_field=True):
            return False
        try:
            if self.unit is None:
                self.changes = add_unit(self.session.store, self.code.text(), self.name.text(),
                                        self.chosen_level(), self.credit_code.text() or None)
            else:
                self.changes = rename_unit(self.session.store, self.unit.code, self.name.text())
        except QdeskError as exc:
            self._show_refusal(exc)
            return False
        self.accept()
        return True

    def _show_refusal(self, exc: QdeskError) -> None:
        rest = []
        for p in exc.problems:
            label = self.problems.get(p.field or "")
            if label is None:
                rest.append(p.render())
            else:
                label.setText(p.message.render())
                label.show()
        self.problem.setText("\n".join(rest))
        self.problem.setVisible(bool(rest))


class RetireDialog(Retranslating, QDialog):
    """Retire a unit from a day on (default today), saying what that means; the service's
    refusal (figures after the day) is shown in place."""

    def __init__(self, session: Session, unit: Unit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.unit = unit
        self.changes: Changes = NOTHING
        self.meaning = plain_label()
        self.meaning.setWordWrap(True)
        self.date = date_edit(dt.date.today())
        self.date_label = plain_label()
        self.date_label.setBuddy(self.date)
        self.problem = problem_label()
        self.date.dateChanged.connect(self.problem.hide)
        form = QFormLayout()
        form.addRow(self.date_label, self.date)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.meaning)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Retire %1").replace("%1", self.unit.name))
        self.meaning.setText(self.tr(
            "From this day on, %1 is no longer due: no entry sheet, no 未报送 and no line in "
            "the reports of the periods that begin on or after it. Its figures before that day "
            "stay in every report of their periods. The unit is not deleted and can be "
            "reinstated.").replace("%1", self.unit.name))
        self.date_label.setText(self.tr("&Retired from:"))

    def submit(self) -> bool:
        try:
            self.changes = retire_unit(self.session.store, self.unit.code, to_date(self.date.date()))
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return False
        self.accept()
        return True


class ImportUnitsDialog(Retranslating, QDialog):
    """A list pasted or read from a file, previewed and corrected, then registered all or
    nothing; Save is enabled only when every row passes."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.imported: UnitsImported | None = None
        self.editor = UnitListEditor(session.store)
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.editor.ready_changed.connect(self._ready)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._ready(self.editor.is_ready())
        self.retranslate()
        resize_within_screen(self, 960, 640)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import units"))

    def _ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.problem.hide()

    def submit(self) -> bool:
        try:
            self.imported = self.editor.save()
        except QdeskError as exc:
            self.problem.setText(exc.render())
            self.problem.show()
            return False
        self.accept()
        return True
