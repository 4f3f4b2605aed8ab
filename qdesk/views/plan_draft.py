"""The plan as the plan editor holds it: every field as typed, checked as a template file is."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from copy import deepcopy
from dataclasses import dataclass, field

from qdesk.core.documents import ReportKind
from qdesk.core.errors import InputError, TemplateError
from qdesk.core.i18n import Msg, msg
from qdesk.core.plan import Kind, OverTime, OverUnits, Plan
from qdesk.core.plan_changes import HELD_BY_FIGURES, PlanChanges, compare, plan_record
from qdesk.core.rollup import DEFAULT_ROLLUP, kind_allows
from qdesk.core.targets import Target
from qdesk.plans.template import parse_template
from qdesk.plans.template_writer import (Fields, Value, deadline_fields, indicator_fields,
                                         assessment_lines, render_template, task_fields)

SCHEDULED = tuple(kind for kind in ReportKind if kind.scheduled)
HEAD_KEYS = ("id", "title", "issuer", "doc_number", "start_year", "end_year", "rounding", "judge")
INDICATOR_KEYS = ("code", "name", "category", "kind", "numerator", "denominator", "unit",
                  "decimals", "frequency", "target", "over_units", "over_time", "responsible",
                  "note", "source", "retired")
DEADLINE_KEYS = ("months_after", "month", "day")
TASK_KEYS = ("code", "text", "category", "lead", "deadline")
# Keys the template holds as whole numbers: what is typed there is written as a number when it
# reads as one, else as text, and the loader says what is wrong with it.
_WHOLE = {"start_year", "end_year", "decimals", "months_after", "month", "day"}
# Keys the template holds as true/false: typed "true" is written as true, anything else as text.
_FLAGS = {"retired"}

# Where a problem stands: ("plan", 0, key), ("deadline", index in SCHEDULED, key) or
# ("indicator", row, key) or ("task", row, key); key "targets.2026" is a year's own target, None the table as a whole.
Place = tuple[str, int, str | None]


@dataclass
class IndicatorDraft:
    """One row of the editor's indicator table."""

    fields: dict[str, str]                      # key -> text as typed; "" where not given
    targets: dict[int, str] = field(default_factory=dict)   # year -> its own target as typed
    saved: str | None = None                    # its code in the saved plan; None if added here


@dataclass
class TaskDraft:
    """One row of the editor's task table."""

    fields: dict[str, str]                      # key -> text as typed; "" where not given
    saved: str | None = None                    # its code in the saved plan; None if added here


@dataclass(frozen=True)
class DraftEdits:
    """A draft's fields as they stood at one moment: compared, and put back, whole."""

    head: dict[str, str]
    deadlines: dict[ReportKind, dict[str, str]]
    indicators: list[IndicatorDraft]
    tasks: list[TaskDraft]


@dataclass(frozen=True)
class Checked:
    """The draft judged: the plan it describes, or the loader's problems at their places."""

    plan: Plan | None
    problems: dict[Place | None, list[Msg]]     # None: a problem that names no field
    refusals: tuple[Msg, ...] = ()              # what the figures entered forbid (plan update)
    changes: PlanChanges | None = None

    @property
    def ok(self) -> bool:
        """It can be saved as the plan's new version."""
        return self.plan is not None and not self.refusals


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None or isinstance(value, Mapping) else str(value)


def _target_text(text: str, unit: str) -> str:
    """A target as a clerk would type it (≥90%), where that reads back to the same target."""
    target = Target.parse(text)
    written = target.written(unit)
    try:
        return written if Target.parse(written) == target else text
    except InputError:
        return text


def _value(key: str, text: str) -> Value:
    text = text.strip()
    if not text:
        return None
    if key in _FLAGS:
        return {"true": True, "false": False}.get(text, text)
    if key in _WHOLE:
        try:
            return int(text)
        except ValueError:
            return text
    return text


class PlanDraft:
    """The saved plan's fields as texts a clerk edits, checked after every change by building
    the template text (plans.template_writer) and loading it (plans.template), as `template
    check` does; then compared with the saved plan as `plan update` compares it."""

    def __init__(self, saved: Plan, figure_years: Mapping[str, tuple[int, int]],
                 tasks_with_progress: Collection[str] = ()) -> None:
        self.saved = saved
        self.figure_years = dict(figure_years)
        self.tasks_with_progress = frozenset(tasks_with_progress)
        self.tasks = [TaskDraft({key: _text(value) for key, value in task_fields(t).items()},
                                t.code) for t in saved.tasks]
        self.head = {key: _text(value) for key, value in plan_record(saved).items()}
        self.deadlines: dict[ReportKind, dict[str, str]] = {
            d.report: {key: _text(deadline_fields(d)[key]) for key in DEADLINE_KEYS}
            for d in saved.deadlines}
        self.indicators = [
            IndicatorDraft({key: _text(value) for key, value in indicator_fields(i).items()
                            if key != "targets"},
                           {year: str(t) for year, t in i.targets.items()}, i.code)
            for i in saved.indicators]
        for row in self.indicators:
            unit = row.fields["unit"]
            if row.fields["target"]:
                row.fields["target"] = _target_text(row.fields["target"], unit)
            row.targets = {year: _target_text(text, unit) for year, text in row.targets.items()}
        self._saved_text = self.template()
        self.checked = self.check()

    # --- what the clerk changes ----------------------------------------------------------------

    def set_head(self, key: str, text: str) -> None:
        if key == "id":
            raise InputError(msg("the plan's id cannot change: an update is a new version of "
                                 "the same plan", "方案编号不能修改：更新只能是同一方案的新版本"))
        self.head[key] = text
        self._changed()

    def set_deadline(self, report: ReportKind, fields: Mapping[str, str] | None) -> None:
        """The report's rule (months_after and day, or month and day); None: it has none."""
        if fields is None:
            self.deadlines.pop(report, None)
        else:
            self.deadlines[report] = {key: fields.get(key, "") for key in DEADLINE_KEYS}
        self._changed()

    def set_field(self, row: int, key: str, text: str) -> None:
        """Change one field of an indicator; a kind whose roll-up no longer fits takes the
        kind's own, and a rate's labels go with the rate."""
        why = self.held(row, key)
        if why is not None:
            raise InputError(why)
        fields = self.indicators[row].fields
        fields[key] = text
        if key == "kind" and text in {k.value for k in Kind}:
            kind = Kind(text)
            units_rule, time_rule = DEFAULT_ROLLUP[kind]
            if not _fits(kind, fields["over_units"], OverUnits):
                fields["over_units"] = units_rule.value
            if not _fits(kind, fields["over_time"], OverTime):
                fields["over_time"] = time_rule.value
            if kind is not Kind.RATE:
                fields["numerator"] = fields["denominator"] = ""
            elif not fields["unit"].strip():
                fields["unit"] = "%"
        self._changed()

    def set_year_target(self, row: int, year: int, text: str) -> None:
        """An indicator's own target for one year; empty: the year follows the standing one."""
        if text.strip():
            self.indicators[row].targets[year] = text
        else:
            self.indicators[row].targets.pop(year, None)
        self._changed()

    def add(self, after: int | None = None) -> int:
        """A new indicator after row `after` (at the end if None), of its category; its row."""
        row = len(self.indicators) if after is None else after + 1
        category = self.indicators[row - 1].fields["category"] if 0 < row else ""
        units_rule, time_rule = DEFAULT_ROLLUP[Kind.COUNT]
        fields = dict.fromkeys(INDICATOR_KEYS, "")
        fields.update(category=category, kind=Kind.COUNT.value, frequency="annual",
                      over_units=units_rule.value, over_time=time_rule.value)
        self.indicators.insert(row, IndicatorDraft(fields))
        self._changed()
        return row

    def remove(self, row: int) -> None:
        """Drop an indicator; refused for one that has figures."""
        why = self.held(row, None)
        if why is not None:
            raise InputError(why)
        del self.indicators[row]
        self._changed()

    def retire(self, row: int, retired: bool = True) -> None:
        """Retire an indicator (kept with its figures, no longer entered), or restore it."""
        self.indicators[row].fields["retired"] = "true" if retired else ""
        self._changed()

    def retired(self, row: int) -> bool:
        return self.indicators[row].fields["retired"] == "true"

    def move(self, row: int, by: int) -> int:
        """Move an indicator up (by < 0) or down; its new row."""
        to = min(max(row + by, 0), len(self.indicators) - 1)
        self.indicators.insert(to, self.indicators.pop(row))
        self._changed()
        return to

    def set_task(self, row: int, key: str, text: str) -> None:
        """Change one field of a task; a task with progress keeps its code."""
        if key == "code":
            why = self.task_held(row)
            if why is not None:
                raise InputError(why)
        self.tasks[row].fields[key] = text
        self._changed()

    def add_task(self, after: int | None = None) -> int:
        """A new task after row `after` (at the end if None), of its category and lead; its row."""
        row = len(self.tasks) if after is None else after + 1
        fields = dict.fromkeys(TASK_KEYS, "")
        if 0 < row:
            above = self.tasks[row - 1].fields
            fields.update(category=above["category"], lead=above["lead"])
        self.tasks.insert(row, TaskDraft(fields))
        self._changed()
        return row

    def remove_task(self, row: int) -> None:
        """Drop a task; refused for one with progress recorded."""
        why = self.task_held(row)
        if why is not None:
            raise InputError(why)
        del self.tasks[row]
        self._changed()

    def move_task(self, row: int, by: int) -> int:
        """Move a task up (by < 0) or down; its new row."""
        to = min(max(row + by, 0), len(self.tasks) - 1)
        self.tasks.insert(to, self.tasks.pop(row))
        self._changed()
        return to

    def task_held(self, row: int) -> Msg | None:
        """Why a task cannot be removed or recoded: its ledger rows are kept by its code."""
        code = self.tasks[row].saved
        if code is None or code not in self.tasks_with_progress:
            return None
        return msg("task {code} has progress recorded: it is kept, with its code",
                   "任务{code}已有进展记录，不能删除或修改代码", code=code)

    # --- what the editor shows -----------------------------------------------------------------

    def held(self, row: int, key: str | None) -> Msg | None:
        """Why a field (None: the indicator itself, to remove it) cannot change: its figures
        are read by it, as `plan update` refuses; None when it can."""
        code = self.indicators[row].saved
        if code is None or code not in self.figure_years:
            return None
        if key is None:
            return msg("{code} has figures and cannot be removed; it is kept with them",
                       "指标{code}已有填报数据，不能删除，只能保留", code=code)
        if key == "code" or key in HELD_BY_FIGURES:
            label = HELD_BY_FIGURES[key] if key in HELD_BY_FIGURES else msg("code", "指标代码")
            return msg("{code} has figures, which are kept by its {field_en}: it cannot change",
                       "指标{code}已有填报数据，数据按其{field_zh}保存，不能修改", code=code,
                       field_en=label.en, field_zh=label.zh)
        return None

    def years(self) -> list[int]:
        """The years the table gives a column: the span typed, and any year holding a target."""
        years = {year for row in self.indicators for year in row.targets}
        start, end = _value("start_year", self.head["start_year"]), \
            _value("end_year", self.head["end_year"])
        if isinstance(start, int) and isinstance(end, int) and 0 <= end - start <= 50:
            years.update(range(start, end + 1))
        return sorted(years)

    def target_label(self, row: int, year: int | None = None) -> str:
        """A target cell as every screen shows it (≥90%、3～5家); as typed if it does not parse."""
        draft = self.indicators[row]
        text = draft.fields["target"] if year is None else draft.targets.get(year, "")
        try:
            return Target.parse(text).label(draft.fields["unit"]) if text.strip() else ""
        except InputError:
            return text

    def problems_at(self, place: Place) -> list[Msg]:
        return self.checked.problems.get(place, [])

    def has_changes(self) -> bool:
        return self.template() != self._saved_text

    def edits(self) -> DraftEdits:
        """Everything the clerk can change, as a copy (the editor's undo keeps these)."""
        return DraftEdits(deepcopy(self.head), deepcopy(self.deadlines),
                          deepcopy(self.indicators), deepcopy(self.tasks))

    def put_edits(self, edits: DraftEdits) -> None:
        """Put the draft back as `edits` holds it, and judge it again."""
        self.head, self.deadlines = deepcopy(edits.head), deepcopy(edits.deadlines)
        self.indicators, self.tasks = deepcopy(edits.indicators), deepcopy(edits.tasks)
        self._changed()

    def template(self) -> str:
        """The draft as template text, every field as typed."""
        return self._with_scheme(render_template(*self._tables()[:4]))

    def _with_scheme(self, text: str) -> str:
        """The editor does not edit the assessment scheme: it is carried as saved, so a save
        keeps it (and an indicator it scores cannot be removed under it)."""
        if self.saved.assessment is None:
            return text
        return text + "\n" + "\n".join(assessment_lines(self.saved.assessment)) + "\n"

    # --- checking -------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.checked = self.check()

    def _tables(self) -> tuple[Fields, list[Fields], list[Fields], list[Fields], list[int]]:
        head = {key: _value(key, self.head[key]) for key in HEAD_KEYS}
        reports = [n for n, report in enumerate(SCHEDULED) if report in self.deadlines]
        deadlines: list[Fields] = [
            {"report": SCHEDULED[n].value,
             **{key: _value(key, self.deadlines[SCHEDULED[n]][key]) for key in DEADLINE_KEYS}}
            for n in reports]
        indicators: list[Fields] = []
        for row in self.indicators:
            fields: dict[str, Value] = {key: _value(key, row.fields[key])
                                        for key in INDICATOR_KEYS}
            # A unit may be empty (a flag's), and a target left empty is missing, as in a file.
            fields["unit"] = row.fields["unit"].strip()
            fields["targets"] = {str(year): text for year, text in sorted(row.targets.items())}
            indicators.append(fields)
        tasks: list[Fields] = [{key: _value(key, row.fields[key]) for key in TASK_KEYS}
                               for row in self.tasks]
        return head, deadlines, indicators, tasks, reports

    def check(self) -> Checked:
        """Judge the draft by the template loader's rules, then by what the figures forbid."""
        head, deadlines, indicators, tasks, reports = self._tables()
        text = render_template(head, deadlines, indicators, tasks)
        try:
            plan = parse_template(text.encode("utf-8"), "")
        except TemplateError as exc:
            places = _places(text, reports)
            problems: dict[Place | None, list[Msg]] = {}
            for problem in exc.problems:
                place = _place(places, problem.line, problem.field)
                problems.setdefault(place, []).append(problem.message)
            return Checked(None, problems)
        changes = compare(self.saved, plan)
        refusals = tuple(changes.refusals(self.figure_years, self.tasks_with_progress))
        if refusals or self.saved.assessment is None:
            return Checked(plan, {}, refusals, changes)
        # The scheme, carried as saved, is judged once the indicators pass: one it scores
        # that the draft removed or renamed is said for the whole plan.
        try:
            plan = parse_template(self._with_scheme(text).encode("utf-8"), "")
        except TemplateError as exc:
            return Checked(None, {None: [p.message for p in exc.problems]})
        return Checked(plan, {}, (), changes)


def _fits(kind: Kind, text: str, rules: type[OverUnits] | type[OverTime]) -> bool:
    try:
        return kind_allows(kind, rules(text))
    except ValueError:
        return False


def _places(text: str, reports: list[int]) -> dict[int, tuple[str, int]]:
    """Line number -> the table it stands in (its section and index) of the text written."""
    places: dict[int, tuple[str, int]] = {}
    section, counts = "", {"plan": -1, "deadline": -1, "indicator": -1, "task": -1}
    for number, line in enumerate(text.splitlines(), start=1):
        header = {"[plan]": "plan", "[[deadline]]": "deadline",
                  "[[indicator]]": "indicator", "[[task]]": "task"}.get(line)
        if header is not None:
            section = header
            counts[section] += 1
        if section:
            index = counts[section]
            places[number] = (section, reports[index] if section == "deadline" else index)
    return places


def _place(places: Mapping[int, tuple[str, int]], line: int | None,
           label: str | None) -> Place | None:
    """Where the loader's problem stands: the table its line is in, the key its field names."""
    if line is None or line not in places:
        return None
    section, index = places[line]
    prefix = f"{section}."
    key = label[len(prefix):] if label and label.startswith(prefix) else None
    return section, index, key
