"""The entry sheet (数据填报): a unit's figures for a period as stored, the edits not yet saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Iterable, Mapping

from qdesk.core.attainment import Assessment, assess, first_year_needed
from qdesk.core.entries import check_entry_period, is_none_word
from qdesk.core.errors import QdeskError
from qdesk.core.i18n import Msg, msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT, Measure
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Kind, Plan
from qdesk.core.plausibility import EntryWarning, entry_warnings, with_explanation
from qdesk.core.targets import Target
from qdesk.store.database import Store
from qdesk.store.entries import (EntryInput, check_input, entry_measures, entry_notes,
                                 with_history)
from qdesk.store.plans import unit_targets
from qdesk.store.references import ReferenceInput, check_reference, reference_figures
from qdesk.store.rollups import roll_up
from qdesk.store.units import Unit, home_unit

CATEGORY, CODE, NAME, NUMERATOR, DENOMINATOR, VALUE, TARGET, STATUS, NOTE = range(9)
COLUMN_COUNT = 9
# The office's reference figure (参照值), a column after the others, there only when a row's
# target is judged against one.
REFERENCE = 9
FIGURE_COLUMNS = frozenset({NUMERATOR, DENOMINATOR, VALUE})
FIELD_COLUMN = {"numerator": NUMERATOR, "denominator": DENOMINATOR, "value": VALUE, "note": NOTE}
COLUMN_FIELD = {column: name for name, column in FIELD_COLUMN.items()}

Cell = tuple[int, int, str]   # a shown row, a column, the text typed or pasted into it


class CellState(Enum):
    """How a cell stands, for the grid to shade it."""

    PLAIN = "plain"
    REFUSED = "refused"       # its text is refused: the row cannot be saved
    EDITED = "edited"         # typed or pasted, not saved yet
    COMPUTED = "computed"     # a figure cell that takes no typing (a rate's value)


def parse_block(text: str) -> list[list[str]]:
    """Cells copied from Excel or WPS: one line per row, tabs between cells, a final newline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def _decimal_text(value: Fraction, decimals: int) -> str:
    """A stored decimal back as text, exactly: to the indicator's places (90.90), or more if it
    has more (34.25 on a 1-place indicator stays 34.25)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    exponent = exact.normalize().as_tuple().exponent
    assert isinstance(exponent, int)    # a stored figure is finite: never NaN or infinity
    return f"{exact:.{max(decimals, -exponent)}f}"


def _saved_texts(indicator: Indicator, measure: Measure | None, note: str | None) -> dict[str, str]:
    texts = {"numerator": "", "denominator": "", "value": "", "note": note or ""}
    if measure is None:
        return texts
    if not measure.applicable:      # 无此项 in the first figure cell, as a clerk types it
        texts["numerator" if indicator.kind is Kind.RATE else "value"] = NOT_APPLICABLE_TEXT
    elif indicator.kind is Kind.RATE:
        texts.update(numerator=str(measure.numerator), denominator=str(measure.denominator))
    else:
        texts["value"] = _decimal_text(measure.value, indicator.decimals)
    return texts


def rolled_up_note(reported: int, units: int, not_applicable: int) -> Msg:
    """How many units a rolled-up figure comes from, and how many of them said 无此项."""
    if not_applicable:
        return msg("rolled up: {reported} of {units} units reported ({none} of them 无此项)",
                   "{units}个单位中{reported}个已填报（其中{none}个无此项）", reported=reported,
                   units=units, none=not_applicable)
    return msg("rolled up: {reported} of {units} units reported", "{units}个单位中{reported}个已填报",
               reported=reported, units=units)


@dataclass
class EntryRow:
    """One indicator due in the period: its figure as stored, the edits to it, how it stands."""

    indicator: Indicator
    saved: dict[str, str]                        # field -> text as stored ("" when not entered)
    measures: dict[Period, Measure]              # the unit's entries of the year (and before)
    own_targets: Mapping[int | None, Target] | None
    assessment: Assessment | None = None         # None while the edited input is refused
    edits: dict[str, str] = field(default_factory=dict)
    problems: dict[int, list[str]] = field(default_factory=dict)   # column -> messages
    takes_reference: bool = False                # its target is judged against a reference
    reference: str = ""                          # the office's reference figure, as stored
    reference_note: str | None = None            # where the stored one comes from
    reference_edit: str | None = None            # typed, not saved yet
    not_typed: Msg | None = None                 # why the row takes no typing: rolled up, retired
    reported: int | None = None                  # of a rolled-up figure: units with a figure ...
    units: int | None = None                     # ... of the units due
    current: Measure | None = None               # its figure as it stands, typed or stored
    warnings: list[EntryWarning] = field(default_factory=list)   # why it looks unlikely

    @property
    def reference_text(self) -> str:
        return self.reference if self.reference_edit is None else self.reference_edit

    @property
    def edited(self) -> bool:
        """A figure, a note or the reference figure typed and not saved."""
        return bool(self.edits) or self.reference_edit is not None

    @property
    def is_rate(self) -> bool:
        return self.indicator.kind is Kind.RATE

    @property
    def entered(self) -> bool:
        """A figure is stored, whatever the edits."""
        return bool(self.saved["numerator"] or self.saved["value"])

    def text(self, name: str) -> str:
        return self.edits.get(name, self.saved[name])

    def input(self) -> EntryInput:
        def given(name: str) -> str | None:
            return self.text(name) or None
        if self.is_rate:
            return EntryInput(self.indicator.code, given("numerator"), given("denominator"),
                              None, given("note"))
        return EntryInput(self.indicator.code, None, None, given("value"), given("note"))

    def editable_columns(self) -> tuple[int, ...]:
        if self.not_typed is not None:
            return ()
        return (NUMERATOR, DENOMINATOR, NOTE) if self.is_rate else (VALUE, NOTE)

    @property
    def figure_edited(self) -> bool:
        """A figure typed, not only a note: what an unlikely figure's explanation is asked of."""
        return any(name in self.edits for name in ("numerator", "denominator", "value"))

    def first_problem(self) -> str:
        for column in sorted(self.problems):
            return self.problems[column][0]
        return ""


# A sheet's edits at one moment: per row, in the sheet's order, its edited fields and the
# reference figure typed.
SheetEdits = tuple[tuple[tuple[tuple[str, str], ...], str | None], ...]


class EntrySheet:
    """The indicators due in a period for one unit, in plan order, as the entry grid shows them.

    Every check goes through store.entries.check_input (a reference figure through
    store.references.check_reference) and every status through core.attainment.assess, as the
    row is edited. Rows are counted as shown (after the filter); edits to rows filtered out are
    kept. The edits stay here until they are saved.

    A row whose target is judged against a reference shows the office's reference figure for
    the period in the REFERENCE column: typed on the office's own unit (`edits_references`),
    read-only on the units under it, whose rows it judges all the same.
    """

    def __init__(self, plan: Plan, unit: Unit, period: Period, rows: list[EntryRow], *,
                 read_only: bool = False, filter_text: str = "",
                 edits_references: bool = False) -> None:
        self.plan, self.unit, self.period, self.read_only = plan, unit, period, read_only
        self.edits_references = edits_references and not read_only
        self.today = dt.date.today()
        self._rows = rows
        self._shown: list[int] = []
        self.filter_text = ""
        for row in rows:
            self._check(row)
        self._weigh()
        self.set_filter(filter_text)

    @classmethod
    def load(cls, store: Store, plan: Plan, unit: Unit, period: Period, *,
             read_only: bool = False, edits_of: EntrySheet | None = None,
             filter_text: str = "") -> EntrySheet:
        """The unit's figures for the period, in three queries whatever the number of rows.

        The edits of `edits_of` are carried over when it shows the same unit and period, unless
        the period is read-only now.
        """
        kept: dict[str, EntryRow] = {}
        if edits_of is not None and not read_only \
                and (edits_of.unit.id, edits_of.period) == (unit.id, period):
            kept = {row.indicator.code: row for row in edits_of._rows if row.edited}
        own = unit_targets(store, unit.id)
        first = first_year_needed(plan.indicators, period.year, own)
        # With the figures before, as far back as the last four periods of an annual figure,
        # which a figure is weighed against.
        measures = with_history(store, unit, period,
                                entry_measures(store, unit, first, period.year), first)
        rolled = roll_up(store, unit, [i for i in plan.indicators if i.rolled_up], period, first) \
            if unit.is_office else None
        notes = entry_notes(store, unit, period)
        references = {f.indicator: f for f in reference_figures(store, period)}
        rows: list[EntryRow] = []
        for indicator in plan.indicators:
            try:
                check_entry_period(plan, indicator, period)
            except QdeskError:
                continue
            mine, earlier = measures.get(indicator.code, {}), kept.get(indicator.code)
            not_typed, reported, units = None, None, None
            if rolled is not None and indicator.rolled_up:
                mine = rolled.measures.get(indicator.code, {})
                reported, units = rolled.reported.get(indicator.code, 0), rolled.units
                not_typed = rolled_up_note(reported, units,
                                            rolled.not_applicable.get(indicator.code, 0))
            elif indicator.retired:
                if period not in mine:
                    continue
                not_typed = msg("retired: no longer entered", "已停用，不再填报")
            target = indicator.target_for(period.year, own.get(indicator.code))
            reference = references.get(indicator.code)
            rows.append(EntryRow(
                indicator, _saved_texts(indicator, mine.get(period),
                                        None if not_typed else notes.get(indicator.code)),
                mine, own.get(indicator.code),
                edits=dict(earlier.edits) if earlier and not not_typed else {},
                takes_reference=target is not None and target.takes_reference,
                reference=str(reference.value) if reference else "",
                reference_note=reference.note if reference else None,
                reference_edit=earlier.reference_edit if earlier else None,
                not_typed=not_typed, reported=reported, units=units))
        return cls(plan, unit, period, rows, read_only=read_only, filter_text=filter_text,
                   edits_references=home_unit(store).id == unit.id)

    # --- the rows shown -----------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only the rows whose code or name holds the text; edits to hidden rows are kept."""
        self.filter_text = text.strip().casefold()
        self._shown = [n for n, row in enumerate(self._rows)
                       if self.filter_text in row.indicator.code.casefold()
                       or self.filter_text in row.indicator.name.casefold()]

    def row_count(self) -> int:
        """Rows shown, after the filter."""
        return len(self._shown)

    def row(self, row: int) -> EntryRow:
        return self._rows[self._shown[row]]

    def row_of(self, code: str) -> int:
        """The shown row of an indicator, or -1."""
        return next((n for n, i in enumerate(self._shown) if self._rows[i].indicator.code == code),
                    -1)

    def total(self) -> int:
        """Rows due in the period, shown or filtered out."""
        return len(self._rows)

    def entered_count(self) -> int:
        """Rows with a figure stored (before the edits)."""
        return sum(1 for row in self._rows if row.entered)

    def editable_columns(self, row: int) -> tuple[int, ...]:
        if self.read_only:
            return ()
        item = self.row(row)
        reference = (REFERENCE,) if item.takes_reference and self.edits_references else ()
        return item.editable_columns() + reference

    def has_references(self) -> bool:
        """Whether any row, shown or filtered out, is judged against a reference figure."""
        return any(row.takes_reference for row in self._rows)

    def column_count(self) -> int:
        """The columns shown: the REFERENCE column only where a row takes a reference."""
        return REFERENCE + 1 if self.has_references() else COLUMN_COUNT

    # --- what a cell shows --------------------------------------------------------------------

    def text(self, row: int, column: int) -> str:
        """A cell's text; the status column's is the grid's, in the clerk's language."""
        item = self.row(row)
        indicator = item.indicator
        if column == CATEGORY:
            # The category heads its group: written on the group's first shown row only.
            above = self.row(row - 1).indicator.category if row else None
            return indicator.category if indicator.category != above else ""
        if column == CODE:
            return indicator.code
        if column == NAME:
            return indicator.name
        if column == NOTE and item.not_typed is not None:
            return item.not_typed.render()
        if column in (NUMERATOR, DENOMINATOR, NOTE):
            return item.text(COLUMN_FIELD[column])
        if column == VALUE:
            if item.is_rate:
                return item.assessment.display if item.assessment else ""
            return item.text("value")
        if column == TARGET:
            target = indicator.target_for(self.period.year, item.own_targets)
            return target.label(indicator.unit) if target else ""
        if column == REFERENCE:
            return item.reference_text if item.takes_reference else ""
        return ""

    def cell_state(self, row: int, column: int) -> CellState:
        item = self.row(row)
        if column in item.problems:
            return CellState.REFUSED
        if column == REFERENCE:
            if item.reference_edit is not None:
                return CellState.EDITED
            return CellState.PLAIN if REFERENCE in self.editable_columns(row) \
                or not item.takes_reference else CellState.COMPUTED
        if COLUMN_FIELD.get(column) in item.edits:
            return CellState.EDITED
        if column == NOTE and item.not_typed is not None:
            return CellState.COMPUTED
        if column in FIGURE_COLUMNS and column not in item.editable_columns():
            return CellState.COMPUTED
        return CellState.PLAIN

    # --- editing ------------------------------------------------------------------------------

    def set_texts(self, cells: Iterable[Cell]) -> list[int]:
        """Apply typed or pasted texts to editable cells, then check each row touched again;
        returns the shown rows touched. A text typed back to the stored one is no edit.

        无此项 typed in a figure cell (无, 无此项) empties the row's other figure cells, as a
        figure of 无此项 has none.
        """
        if self.read_only:
            return []
        touched: list[int] = []
        for row, column, text in cells:
            item = self.row(row)
            if column not in self.editable_columns(row):
                continue
            text = text.strip()
            if column == REFERENCE:
                item.reference_edit = None if text == item.reference else text
            else:
                if column in FIGURE_COLUMNS and is_none_word(text):
                    text = NOT_APPLICABLE_TEXT
                    for other in FIGURE_COLUMNS & set(item.editable_columns()) - {column}:
                        self._edit(item, other, "")
                self._edit(item, column, text)
            if row not in touched:
                touched.append(row)
        for row in touched:
            self._check(self.row(row))
        if touched:
            self._weigh()
        return touched

    @staticmethod
    def _edit(item: EntryRow, column: int, text: str) -> None:
        name = COLUMN_FIELD[column]
        if text == item.saved[name]:
            item.edits.pop(name, None)
        else:
            item.edits[name] = text

    def takes_not_applicable(self, row: int) -> bool:
        """Whether a shown row can be marked 无此项: it takes figures typed, and is no yes/no."""
        return self.row(row).indicator.kind is not Kind.FLAG \
            and any(c in FIGURE_COLUMNS for c in self.editable_columns(row))

    def mark_not_applicable(self, row: int) -> bool:
        """Record 无此项 for a shown row (the cell menu's 无此项): False where the row takes no
        figure typed. A yes/no is refused as it would be typed."""
        editable = [c for c in self.editable_columns(row) if c in FIGURE_COLUMNS]
        if not editable:
            return False
        self.set_texts([(row, editable[0], NOT_APPLICABLE_TEXT)])
        return True

    def paste(self, row: int, column: int, block: list[list[str]]) -> list[int]:
        """Fill cells from a block copied in Excel or WPS; returns the shown rows its lines found.

        Line k of the block goes to the k-th shown row from `row` down. Its fields go, in order,
        to that row's editable cells — 分子, 分母, 备注 for a rate; 数值, 备注 otherwise —
        starting at the note if the block was pasted in the 备注 column (or 目标, 状态), at the
        denominator if pasted in a rate's 分母, and at the row's first figure anywhere else.
        Read-only cells take no field; fields left over are dropped. So 分子 分母 columns pasted
        on a rate row fill numerator and denominator, whatever the rows below are. A block
        pasted in the 参照值 column fills only reference figures, each line's first field.
        """
        if self.read_only:
            return []
        cells: list[Cell] = []
        lines = block[:max(0, self.row_count() - row)]
        for offset, fields in enumerate(lines):
            if column == REFERENCE:
                cells += [(row + offset, REFERENCE, fields[0])] if fields else []
                continue
            editable = self.row(row + offset).editable_columns()
            if not editable:
                continue
            if column > VALUE:
                start = NOTE
            elif column == DENOMINATOR and DENOMINATOR in editable:
                start = DENOMINATOR
            else:
                start = editable[0]
            targets = editable[editable.index(start):]
            cells += [(row + offset, c, text) for c, text in zip(targets, fields)]
        self.set_texts(cells)
        return list(range(row, row + len(lines)))

    def discard(self) -> None:
        for row in self._rows:
            row.edits.clear()
            row.reference_edit = None
            self._check(row)
        self._weigh()

    def has_edits(self) -> bool:
        return any(row.edited for row in self._rows)

    def edits(self) -> SheetEdits:
        """Every row's unsaved edits, shown or filtered out, as a value (the grid's undo keeps
        these)."""
        return tuple((tuple(sorted(row.edits.items())), row.reference_edit) for row in self._rows)

    def put_edits(self, edits: SheetEdits) -> list[int]:
        """Put every row's edits back as `edits` holds them and check again the rows that
        change; returns those of them shown."""
        changed = set()
        for n, (row, (fields, reference)) in enumerate(zip(self._rows, edits)):
            if tuple(sorted(row.edits.items())) != fields or row.reference_edit != reference:
                row.edits, row.reference_edit = dict(fields), reference
                self._check(row)
                changed.add(n)
        if changed:
            self._weigh()
        return [shown for shown, n in enumerate(self._shown) if n in changed]

    def edited_count(self) -> int:
        return sum(1 for row in self._rows if row.edited)

    def refused(self) -> list[EntryRow]:
        """The rows whose edited input is refused, shown or filtered out."""
        return [row for row in self._rows if row.problems]

    def changes(self, explanations: Mapping[str, str] | None = None) -> list[EntryInput]:
        """The edited rows as the service takes them, every field of each row; an explanation
        (indicator code -> text) added to the row's note, after what the clerk typed."""
        explanations = explanations or {}
        changes = []
        for row in self._rows:
            if not row.edits:
                continue
            item = row.input()
            explanation = explanations.get(row.indicator.code)
            if explanation:
                item = replace(item, note=with_explanation(item.note, explanation))
            changes.append(item)
        return changes

    def warned(self) -> list[EntryRow]:
        """The rows whose typed figure looks unlikely, shown or filtered out: saving them asks
        for an explanation. A figure stored already, or a row refused, is not asked about."""
        return [row for row in self._rows
                if row.warnings and row.figure_edited and not row.problems]

    def _weigh(self) -> None:
        """Every row's warnings, from the figures as they stand: a typed figure is weighed
        against the unit's last figures and, through the [[check]] rules, against the others."""
        figures: dict[str, dict[Period, Measure]] = {}
        for row in self._rows:
            by_period = {p: m for p, m in row.measures.items() if p != self.period}
            if row.current is not None:
                by_period[self.period] = row.current
            figures[row.indicator.code] = by_period
        found = entry_warnings(self.plan, self.period, figures,
                               [row.indicator.code for row in self._rows if row.not_typed is None])
        for row in self._rows:
            row.warnings = found.get(row.indicator.code, [])

    def reference_changes(self) -> list[ReferenceInput]:
        """The reference figures typed, as store.references takes them (a blank one clears)."""
        return [ReferenceInput(row.indicator.code, row.reference_edit or None, row.reference_note)
                for row in self._rows if row.reference_edit is not None]

    def _check(self, row: EntryRow) -> None:
        """The row's input through check_input, its reference figure through check_reference,
        and its status through assess, which a refused cell leaves unjudged."""
        row.problems = {}
        measures = row.measures
        reference = Fraction(Decimal(row.reference)) if row.reference else None
        if row.reference_edit is not None:
            try:
                _, typed = check_reference(
                    self.plan, self.period,
                    ReferenceInput(row.indicator.code, row.reference_edit or None),
                    frozenset({row.indicator.code}) if row.takes_reference else frozenset())
            except QdeskError as exc:
                row.problems[REFERENCE] = [p.message.render() for p in exc.problems]
            else:
                reference = None if typed is None else Fraction(typed)
        if row.edits:
            try:
                _, value = check_input(self.plan, self.period, row.input(), self.unit.is_office)
            except QdeskError as exc:
                for problem in exc.problems:
                    columns = ([FIELD_COLUMN[problem.field]] if problem.field in FIELD_COLUMN
                               else row.editable_columns())
                    for column in columns:
                        row.problems.setdefault(column, []).append(problem.message.render())
            else:
                measures = {**measures, self.period: value.measure()}
        row.current = measures.get(self.period)
        row.assessment = None if row.problems else assess(
            self.plan, row.indicator, self.period, measures, self.today, row.own_targets,
            reference)
