"""The first start: open a file or the demo, or set up a new office's database step by step."""

from __future__ import annotations

from enum import IntEnum
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QCommandLinkButton, QFileDialog,
                               QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QRadioButton, QVBoxLayout, QWidget,
                               QWizard, QWizardPage)

from qdesk.core.errors import QdeskError
from qdesk.core.plan import Plan
from qdesk.gui.file_dialogs import open_file_name
from qdesk.gui.unit_list_editor import UnitListEditor
from qdesk.gui.widgets import as_typed, plain_label, problem_label, resize_within_screen

class Step(IntEnum):
    START = 0
    LOCATION = 1
    OPERATOR = 2
    PLAN = 3
    UNIT = 4
    SUBORDINATES = 5


def _database_file(text: str) -> Path:
    """The file a clerk named, with the .qdesk ending added when they gave none."""
    path = Path(text.strip()).expanduser()
    return path if path.suffix else path.with_suffix(".qdesk")


def _refuse(label: QLabel, error: QdeskError | OSError) -> None:
    label.setText(error.render() if isinstance(error, QdeskError) else str(error))
    label.show()


class StartPage(QWizardPage):
    """Set up a new office (the wizard's next steps), open a file, or open the demo."""

    def __init__(self, wizard: WelcomeDialog) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to qdesk"))
        self.setSubTitle(self.tr("There is no database yet. Set one up for your office, open "
                                 "one you have, or look around the demo county first."))
        self.new_button = QCommandLinkButton(
            self.tr("&Set up a new database"),
            self.tr("Where to save it, your name, the plan and your office's unit: a few steps, "
                    "each of which can be changed later."))
        self.open_button = QCommandLinkButton(
            self.tr("&Open a database file…"),
            self.tr("A .qdesk file made on this or another computer."))
        self.demo_button = QCommandLinkButton(
            self.tr("Open the &demo county"),
            self.tr("A county with two years of figures, to try every page without risk."))
        self.new_button.clicked.connect(wizard.next)
        self.open_button.clicked.connect(wizard.open_file)
        self.demo_button.clicked.connect(wizard.open_demo)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        for button in (self.new_button, self.open_button, self.demo_button):
            layout.addWidget(button)
        layout.addWidget(self.problem)
        layout.addStretch(1)


class LocationPage(QWizardPage):
    """Where the new database is saved: the per-user folder offered, any other place chosen."""

    def __init__(self, wizard: WelcomeDialog, offered: Path) -> None:
        super().__init__()
        self.dialog = wizard
        self.setTitle(self.tr("Where to save the database"))
        self.setSubTitle(self.tr("All of the office's work is kept in this one file. The folder "
                                 "offered is your own on this computer; back it up or move it "
                                 "as you would any file."))
        self.path = QLineEdit(str(offered))
        self.path.setMinimumWidth(420)
        self.browse = QPushButton(self.tr("&Choose another place…"))
        self.browse.clicked.connect(self.choose)
        self.path.textEdited.connect(self._edited)
        self.path.textChanged.connect(self.completeChanged)
        self.problem = problem_label()
        label = plain_label(self.tr("&File:"))
        label.setBuddy(self.path)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.replace = False     # the clerk has agreed to replace the file that is there

    def chosen(self) -> Path:
        return _database_file(self.path.text())

    def choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the new database as"), str(self.chosen()),
            self.tr("qdesk databases (*.qdesk);;All files (*)"))
        if path:
            self.path.setText(str(_database_file(path)))
            # The save dialog has already asked about a file that is there.
            self.replace = self.chosen().exists()
            self.problem.hide()

    def _edited(self) -> None:
        self.replace = False
        self.problem.hide()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = self.chosen()
        if path.is_dir():
            self.problem.setText(self.tr("“%1” is a folder: name a file in it.").replace(
                "%1", str(path)))
            self.problem.show()
            return False
        if path.exists() and not self.replace:
            self.replace = self.dialog.ask_replace(path)
            return self.replace
        return True


class OperatorPage(QWizardPage):
    """The operator's name, which the audit trail records with every change."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Who works on it"))
        self.setSubTitle(self.tr("Your name goes into the change history beside every figure you "
                                 "enter or change. You may leave it empty and set it later under "
                                 "Settings; until then the computer's login name is recorded."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 县质量办 张三"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Operator:"), self.name)


class PlanPage(QWizardPage):
    """The plan the office works to: a shipped one, or a template file or a superior's indicator
    table (xlsx), checked when chosen."""

    def __init__(self) -> None:
        super().__init__()
        from qdesk.plans.library import shipped_templates
        from qdesk.plans.template import load_template

        self.setTitle(self.tr("The plan"))
        self.setSubTitle(self.tr("The plan your office works to: its indicators, targets and "
                                 "reporting calendar. Take a shipped plan, or a template file or "
                                 "an indicator table (xlsx) your superior office sent; it can be "
                                 "updated later."))
        self.shipped_choice = QRadioButton(self.tr("A &shipped plan:"))
        self.file_choice = QRadioButton(self.tr("A &template file:"))
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.shipped_choice)
        self.choices.addButton(self.file_choice)
        self.shipped = QComboBox()
        self._plans: dict[Path, Plan] = {}
        for path in shipped_templates():
            plan = load_template(path)
            self._plans[path] = plan
            self.shipped.addItem(plan.title, path)
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("no file chosen"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self.choose_file)
        self.details = plain_label()
        self.details.setWordWrap(True)
        self.problem = problem_label()
        grid = QGridLayout()
        grid.addWidget(self.shipped_choice, 0, 0)
        grid.addWidget(self.shipped, 0, 1, 1, 2)
        grid.addWidget(self.file_choice, 1, 0)
        grid.addWidget(self.file, 1, 1)
        grid.addWidget(self.browse, 1, 2)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.details)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.shipped_choice.setChecked(True)
        self.choices.buttonToggled.connect(self._update)
        self.shipped.currentIndexChanged.connect(self._pick_shipped)
        self._file_path: Path | None = None
        self._converted = tempfile.TemporaryDirectory(prefix="qdesk-plan-",
                                                      ignore_cleanup_errors=True)
        self._update()

    def template(self) -> Path | None:
        """The template file of the plan chosen, once it has passed its check."""
        if self.shipped_choice.isChecked():
            return self.shipped.currentData()
        return self._file_path if self._file_path in self._plans else None

    def choose_file(self) -> None:
        path = open_file_name(self, self.tr("Plan template"),
                              self.tr("Plan templates and indicator tables (*.toml *.xlsx)"))
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        """Check the template file at once; a refusal is shown here and the file not taken."""
        from qdesk.plans.template import load_template

        self.file.setText(str(path))
        self.file_choice.setChecked(True)
        try:
            template = self._as_template(path)
            self._file_path = template
            self._plans[template] = load_template(template)
        except QdeskError as exc:
            self._file_path = None
            _refuse(self.problem, exc)
        else:
            self.problem.hide()
        self._update()

    def _as_template(self, path: Path) -> Path:
        """A template file as it is; an indicator table made into one, as `qdesk template
        import` makes it (its 方案 sheet, or the file's name, gives the plan's id)."""
        if path.suffix.lower() != ".xlsx":
            return path
        from qdesk.exchange.indicator_table import PlanHead, indicator_table_template
        from qdesk.plans.template import PLAN_ID

        plan_id = path.stem.lower() if PLAN_ID.fullmatch(path.stem.lower()) else "plan"
        text = indicator_table_template(path, PlanHead(default_id=plan_id))
        template = Path(self._converted.name) / f"{path.stem}.toml"
        template.write_text(text, encoding="utf-8")
        return template

    def _pick_shipped(self) -> None:
        self.shipped_choice.setChecked(True)
        self._update()

    def _update(self) -> None:
        chosen = self.template()
        plan = self._plans.get(chosen) if chosen is not None else None
        if plan is None:
            self.details.clear()
        else:
            parts = [part for part in (plan.issuer, plan.doc_number) if part]
            parts.append(self.tr("%1–%2").replace("%1", str(plan.start_year)).replace(
                "%2", str(plan.end_year)))
            parts.append(self.tr("%1 indicators").replace("%1", str(len(plan.indicators))))
            self.details.setText(f"{plan.title}\n{'　'.join(parts)}")
        if self.shipped_choice.isChecked():
            self.problem.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.template() is not None


class UnitPage(QWizardPage):
    """The office's own unit; leaving it creates the database, or shows why not in place."""

    def __init__(self, wizard: WelcomeDialog) -> None:
        super().__init__()
        self.dialog = wizard
        self.setTitle(self.tr("Your office's unit"))
        self.setSubTitle(self.tr("The county, district, city or 兵团 division the office works "
                                 "for, by its 6-digit administrative division code (GB/T 2260)."))
        self.code = QLineEdit()
        self.code.setPlaceholderText("211122")
        self.code.setMaxLength(6)
        self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("0" * 14))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 盘山县"))
        self.problem = problem_label()
        form = QFormLayout(self)
        form.addRow(self.tr("&Division code:"), self.code)
        form.addRow(self.tr("Unit &name:"), self.name)
        form.addRow(self.problem)
        for edit in (self.code, self.name):
            edit.textEdited.connect(self.problem.hide)
            edit.textChanged.connect(self.completeChanged)
        # The database is made on leaving this step: there is no going back to change it, and
        # the office may open it here or go on to register its units.
        self.setCommitPage(True)
        self.setFinalPage(True)

    def isComplete(self) -> bool:
        return bool(self.code.text().strip() and self.name.text().strip())

    def validatePage(self) -> bool:
        return self.dialog.create_database()


class SubordinatesPage(QWizardPage):
    """The units under the office, pasted as a list and previewed; skipped when left empty.

    The database exists by now (made on leaving the unit step): the list is checked against
    it and registered in it, all or nothing, when the wizard finishes.
    """

    def __init__(self, wizard: WelcomeDialog) -> None:
        super().__init__()
        self.dialog = wizard
        self.setTitle(self.tr("The units under your office"))
        self.setSubTitle(self.tr("Its townships, streets, zones and member units (a prefecture: "
                                 "its counties). Paste their list now, or skip this step and add "
                                 "them later on the Units page."))
        self.editor = UnitListEditor()
        self.editor.ready_changed.connect(self._changed)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problem)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open"))

    def initializePage(self) -> None:
        from qdesk.store.database import open_store

        assert self.dialog.chosen is not None, "the unit step made the database"
        self.editor.store = open_store(self.dialog.chosen)

    def _changed(self) -> None:
        self.problem.hide()
        self.setButtonText(QWizard.WizardButton.FinishButton,
                           self.tr("&Open") if self.editor.is_empty()
                           else self.tr("Save the units and &open"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.editor.is_empty() or self.editor.is_ready()

    def validatePage(self) -> bool:
        """Register the list, if one is read; the file is then let go, before it is opened."""
        if not self.editor.is_empty():
            try:
                self.editor.save()
            except QdeskError as exc:
                _refuse(self.problem, exc)
                return False
        self.close_store()
        return True

    def close_store(self) -> None:
        if self.editor.store is not None:
            self.editor.store.close()
            self.editor.store = None


class WelcomeDialog(QWizard):
    """Sets `chosen` to the database to open when accepted.

    With `welcome`, it opens on the first-start choices; without, straight on the set-up
    (文件 → 新建数据库… in a running workbench).
    """

    def __init__(self, offered: Path, parent: QWidget | None = None,
                 welcome: bool = True) -> None:
        super().__init__(parent)
        self.offered = Path(offered)
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Welcome to qdesk") if welcome
                            else self.tr("New database"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("&Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create and &open"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create and &go on"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.start = StartPage(self)
        self.location = LocationPage(self, self.offered)
        self.operator = OperatorPage()
        self.plan = PlanPage()
        self.unit = UnitPage(self)
        self.subordinates = SubordinatesPage(self)
        if welcome:
            self.setPage(Step.START, self.start)
        for step, page in ((Step.LOCATION, self.location), (Step.OPERATOR, self.operator),
                           (Step.PLAN, self.plan), (Step.UNIT, self.unit),
                           (Step.SUBORDINATES, self.subordinates)):
            self.setPage(step, page)
        self.setStartId(Step.START if welcome else Step.LOCATION)
        resize_within_screen(self, 760, 520)

    def done(self, result: int) -> None:
        super().done(result)
        if not self.isVisible():        # cancelled on the units step: let go of the file
            self.subordinates.close_store()

    def ask_replace(self, path: Path) -> bool:
        """Whether to replace a file that is there; a method of its own so tests can answer it."""
        answer = QMessageBox.question(
            self, self.tr("Replace the file?"),
            as_typed(self.tr("“%1” is already there. Replace it with the new, empty database? "
                             "What it holds now will be lost.").replace("%1", str(path))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def create_database(self) -> bool:
        """The database, as the steps chose it; a refusal is shown on the unit step."""
        from qdesk.databases import create_database

        path = self.location.chosen()
        template = self.plan.template()
        assert template is not None, "the plan step lets nobody on without a plan"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_database(path, template, self.unit.code.text(), self.unit.name.text(),
                            force=self.location.replace, operator=self.operator.name.text())
        except (QdeskError, OSError) as exc:
            _refuse(self.unit.problem, exc)
            return False
        self.chosen = path
        return True

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), str(Path.home()),
                                              self.tr("qdesk databases (*.qdesk);;All files (*)"))
        if path:
            self._open(Path(path))

    def open_demo(self) -> None:
        from qdesk.demo import build_demo

        path = self.offered.with_name("demo.qdesk")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                build_demo(path)
        except (QdeskError, OSError) as exc:
            _refuse(self.start.problem, exc)
            return
        self._open(path)

    def _open(self, path: Path) -> None:
        self.chosen = path
        self.accept()
