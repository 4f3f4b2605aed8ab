"""Entries in the database: the one service that writes a figure, and the reads behind every view."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Any, NamedTuple

from qdesk.core.entries import EntryValue, check_entry_period, check_typed, read_entry
from qdesk.core.errors import DamagedDatabaseError, InputError, Problem
from qdesk.core.i18n import msg
from qdesk.core.numbers import NOT_APPLICABLE, Measure
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Plan
from qdesk.core.plausibility import (EARLIER_PERIODS, EntryWarning, checked_codes,
                                     entry_warnings, weighed_against)
from qdesk.store import audit
from qdesk.store.database import ReadOnlyDatabaseError, Store, now
from qdesk.store.locks import check_unlocked
from qdesk.store.plans import indicator_ids
from qdesk.store.units import Unit, check_on_roll


@dataclass(frozen=True)
class EntryInput:
    """One figure as typed: the texts of the grid cells or the `set` options; `none` for 无此项."""

    indicator: str
    numerator: str | None = None
    denominator: str | None = None
    value: str | None = None
    note: str | None = None
    none: bool = False


# A figure's stored fields, as the audit trail records them, and a stored row split into its
# key and those fields (in C: a sheet of 100 000 rows reads that many).
_FIELDS = ("numerator", "denominator", "value", "note")
_FIELDS_JSON = audit.values_json(*_FIELDS)
_KEY, _FIGURE = itemgetter(0, 1, 2), itemgetter(3, 4, 5, 6)


# What xlsx cannot hold (openpyxl refuses it when exporting): control characters but tab and
# line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check_input(plan: Plan, period: Period, item: EntryInput,
                office: bool = False) -> tuple[Indicator, EntryValue]:
    """Every rule an entry must pass before it is stored: known indicator still entered (and
    typed, for the `office`'s own unit), period, kind."""
    return EntryRules(plan).check(period, item.indicator, item.numerator, item.denominator,
                                  item.value, item.note, office, item.none)


class EntryRules:
    """The rules of check_input for many figures of one plan, as a sheet of them needs.

    Whether an indicator may be entered for a period is found once for each triple, not once a
    figure, and the texts are taken as they are, without an EntryInput around each.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._allowed: dict[tuple[str, Period, bool], Indicator] = {}

    def check(self, period: Period, code: str, numerator: str | None, denominator: str | None,
              value: str | None, note: str | None, office: bool = False,
              none: bool = False) -> tuple[Indicator, EntryValue]:
        """check_input's rules for one figure, given as the texts of its cells."""
        indicator = self._allowed.get((code, period, office))
        if indicator is None:
            indicator = self.plan.indicator(code)
            if indicator is None:
                raise InputError(msg("unknown indicator code {code!r}", "指标代码“{code}”不存在",
                                     code=code))
            check_typed(indicator, office)
            check_entry_period(self.plan, indicator, period)
            self._allowed[code, period, office] = indicator
        checked = read_entry(indicator, numerator, denominator, value, none)
        control = _CONTROL.search(note) if note else None
        if control:
            raise InputError(Problem(msg(
                "the note holds a control character (U+{code:04X}), which no sheet can hold",
                "备注中含有控制字符（U+{code:04X}），表格无法保存", code=ord(control[0])),
                field="note"))
        return indicator, checked


class CheckedEntry(NamedTuple):
    """A figure that has passed every rule, ready to be written (a tuple: a sheet makes 100 000)."""

    unit: Unit
    period: Period
    indicator: Indicator
    value: EntryValue
    note: str | None = None


# A figure's fields as stored: numerator, denominator, value (as text), note.
Stored = tuple[int | None, int | None, str | None, str | None]


class FigureChange(NamedTuple):
    """A figure already stored that a write changes: what it was, what it becomes."""

    unit: Unit
    period: Period
    indicator: Indicator
    old: Stored
    new: Stored


@dataclass(frozen=True)
class WriteSummary:
    inserted: int
    updated: int
    unchanged: int
    updates: tuple[FigureChange, ...] = ()  # the `updated` figures, old and new, in input order

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


def set_entries(store: Store, plan: Plan, unit: Unit, period: Period,
                items: list[EntryInput]) -> int:
    """Check and write figures for one unit and period in one transaction; returns rows changed.

    Nothing is written unless every item passes (a unit retired before the period reports
    nothing); each change goes to the audit trail, and a locked period is refused by write_entries.
    """
    check_on_roll(unit, period)
    checked = [CheckedEntry(unit, period, *check_input(plan, period, item, unit.is_office),
                            item.note)
               for item in items]
    return write_entries(store, checked).changed


def write_entries(store: Store, entries: list[CheckedEntry],
                  dry_run: bool = False) -> WriteSummary:
    """Write checked figures in one transaction, each change audited; or only count them. The
    summary lists the figures already stored that change (`updates`), to say so before.

    The figures already stored are read in one query and compared field by field as stored;
    the changes are written in one statement each, and their audit rows in one more.
    """
    distinct = {e.period for e in entries}
    for period in distinct:
        check_unlocked(store, period)
    ids = indicator_ids(store)
    units = sorted({e.unit.id for e in entries})
    periods = sorted({str(p) for p in distinct})
    found = store.execute(
        "SELECT unit_id, period, indicator_id, numerator, denominator, value, note FROM entries"
        " WHERE unit_id IN (SELECT value FROM json_each(?))"
        " AND period IN (SELECT value FROM json_each(?))",
        [json.dumps(units), json.dumps(periods)]).fetchall()
    stored = dict(zip(map(_KEY, found), map(_FIGURE, found)))
    rows, changes, updates, inserted = [], [], [], 0
    operator, at = store.operator, now()
    for e in entries:
        period_text, code, value = str(e.period), e.indicator.code, e.value
        key = (e.unit.id, period_text, ids[code])
        new = (value.numerator, value.denominator,
               None if value.value is None else str(value.value), (e.note or "").strip() or None)
        old = stored.get(key)
        if old == new:
            continue
        if old is None:
            inserted += 1
        else:
            updates.append(FigureChange(e.unit, e.period, e.indicator, old, new))
        rows.append((*key, *new, operator, at))
        changes.append(audit.Change("entries", f"{e.unit.code}/{period_text}/{code}",
                                    "insert" if old is None else "update",
                                    None if old is None else _FIELDS_JSON(old),
                                    _FIELDS_JSON(new), None, e.unit.code, period_text))
    updated = len(rows) - inserted
    summary = WriteSummary(inserted, updated, len(entries) - inserted - updated, tuple(updates))
    if dry_run or not rows:
        return summary
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT INTO entries (unit_id, period, indicator_id, numerator, denominator, value,"
            " note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (unit_id, period, indicator_id) DO UPDATE SET"
            " numerator = excluded.numerator, denominator = excluded.denominator,"
            " value = excluded.value, note = excluded.note, updated_by = excluded.updated_by,"
            " updated_at = excluded.updated_at", rows)
        audit.record_many(store, changes)
    return summary


# The years before a period its figure is weighed against: an annual one's last four periods.
HISTORY_YEARS = EARLIER_PERIODS


def with_history(store: Store, unit: Unit, period: Period,
                 measures: dict[str, dict[Period, Measure]],
                 since: int | None = None) -> dict[str, dict[Period, Measure]]:
    """The unit's `measures` (those read from year `since` on, the period's own year if not
    given) with its figures of the years before, as far back as a figure is weighed against.

    A damaged figure among those years (DamagedDatabaseError) leaves the history out rather
    than the period: it is refused where its own year is read.
    """
    first = period.year - HISTORY_YEARS
    last = (period.year if since is None else since) - 1
    if last < first:
        return measures
    try:
        earlier = entry_measures(store, unit, first, last)
    except DamagedDatabaseError:
        return measures
    return {code: {**earlier.get(code, {}), **measures.get(code, {})}
            for code in {*earlier, *measures}}


def figure_warnings_of(store: Store, plan: Plan, unit: Unit, period: Period,
                       items: list[EntryInput]) -> dict[str, list[EntryWarning]]:
    """The warnings (core.plausibility) of the figures `items` change, weighed against the
    unit's figures stored before them and with each other: indicator code -> its warnings.

    A figure typed as it is stored changes nothing and warns of nothing; the items, the unit
    and the period are checked first, as set_entries checks them, so a refusal is said before
    a warning.
    """
    if store.read_only:
        raise ReadOnlyDatabaseError(store.path)
    check_on_roll(unit, period)
    check_unlocked(store, period)
    measures = with_history(store, unit, period, entry_measures(store, unit, period.year,
                                                                period.year))
    changed = []
    for item in items:
        indicator, value = check_input(plan, period, item, unit.is_office)
        figures = dict(measures.get(indicator.code, {}))
        if figures.get(period) == value.measure():
            continue
        figures[period] = value.measure()
        measures[indicator.code] = figures
        changed.append(indicator.code)
    return entry_warnings(plan, period, measures, changed)


class ImportWarning(NamedTuple):
    """A figure an import writes that looks unlikely and carries no note to explain it."""

    unit: Unit
    period: Period
    warning: EntryWarning


def import_warnings(store: Store, plan: Plan,
                    entries: list[CheckedEntry]) -> list[ImportWarning]:
    """The warnings of the figures `entries` change that carry no note to explain them, weighed
    against the units' figures stored before them and with each other, as figure_warnings_of
    weighs what a clerk types; read before the entries are written, in one query.

    An import cannot ask the unit that filled the sheet why, so it lists these for the office
    to ask; a note in the sheet's 备注 (or the package's) is the figure's explanation. Of the
    figures read, only those a warning weighs are made exact numbers, each once: a sheet of
    100 000 rows would otherwise spend more on that than on its own writing.
    """
    if not entries:
        return []
    units = {e.unit.code: e.unit for e in entries}
    years = [e.period.year for e in entries]
    registered = {u.id: u.code for u in units.values() if u.id}   # one the import registers: 0
    figures = _stored_figures(store, registered, min(years) - HISTORY_YEARS, max(years))
    changed: dict[tuple[str, Period], list[str]] = defaultdict(list)
    for entry in entries:
        own = figures[(entry.unit.code, entry.indicator.code)]
        value, period = entry.value, entry.period
        was = own.get(period)
        if was is not None and _same(was, value):
            continue
        own[period] = value
        if not entry.note:
            changed[(entry.unit.code, period)].append(entry.indicator.code)
    checked = checked_codes(plan.warn_rules)
    made: dict[tuple[str, str, Period], Measure | None] = {}   # each figure made exact once
    result = []
    for (unit_code, period), codes in changed.items():
        weighed: dict[str, list[Period]] = {}
        for code in codes:
            own = figures[(unit_code, code)]
            indicator = plan.indicator(code)
            if len(own) == 1 or indicator is None:      # the figure alone: nothing to weigh
                continue
            past = [p for p in weighed_against(indicator, period) if p in own]
            if past:
                weighed[code] = [period, *past]
        if checked.intersection(codes):
            for code in checked:
                weighed.setdefault(code, [period])
        exact = {code: {p: m for p in wanted
                        if (m := _exact(figures, made, (unit_code, code), p)) is not None}
                 for code, wanted in weighed.items()}
        found = entry_warnings(plan, period, exact, codes) if exact else {}
        result += [ImportWarning(units[unit_code], period, warning)
                   for code in codes for warning in found.get(code, [])]
    return result


# A figure as read (numerator, denominator, value as text), or as an import brings it (an
# EntryValue, its value a Decimal).
_Raw = tuple[int | None, int | None, str | Decimal | None]


def _stored_figures(store: Store, units: dict[int, str], year_from: int,
                    year_to: int) -> defaultdict[tuple[str, str], dict[Period, _Raw]]:
    """The units' (id -> code) stored figures of those years as read: (unit code, indicator
    code) -> period -> the figure's fields, made a number only where one is weighed (_exact)."""
    figures: defaultdict[tuple[str, str], dict[Period, _Raw]] = defaultdict(dict)
    periods: dict[str, Period] = {}     # a few periods, each read on thousands of rows
    for unit, code, text, numerator, denominator, value in store.execute(
            "SELECT e.unit_id, i.code, e.period, e.numerator, e.denominator, e.value"
            " FROM entries e JOIN indicators i ON i.id = e.indicator_id"
            " WHERE e.unit_id IN (SELECT value FROM json_each(?))"
            " AND e.period >= ? AND e.period < ?",
            [json.dumps(list(units)), str(year_from), str(year_to + 1)]):
        period = periods.get(text)
        if period is None:
            period = periods[text] = Period.parse(text)
        figures[(units[unit], code)][period] = (numerator, denominator, value)
    return figures


def _same(stored: _Raw, value: EntryValue) -> bool:
    """Whether a figure read is the same number as `value`, as exact measures compare: a
    rate's batches alike, a value equal as a decimal (90 and 90.0), or 无此项 both; a stored
    value that is no number is never the same."""
    if stored[0] is not None or value.numerator is not None:
        return stored[0] == value.numerator and stored[1] == value.denominator
    if stored[2] is None or value.value is None:
        return stored[2] is None and value.value is None
    try:
        return Decimal(stored[2]) == value.value
    except ArithmeticError:
        return False


def _exact(figures: dict[tuple[str, str], dict[Period, _Raw]],
           made: dict[tuple[str, str, Period], Measure | None], key: tuple[str, str],
           period: Period) -> Measure | None:
    """The figure of `period` of a unit's indicator (`key`) as an exact measure, made once;
    None if there is none or the stored one is no number: a damaged figure is left out of the
    weighing, as with_history leaves it, and refused where its own period is read."""
    at = (*key, period)
    if at not in made:
        figure = figures[key].get(period)
        try:
            made[at] = None if figure is None else _measure_of(*figure)
        except (ArithmeticError, TypeError, ValueError):
            made[at] = None
    return made[at]


def _measure_of(numerator: int | None, denominator: int | None,
                value: str | Decimal | None) -> Measure:
    """A stored figure's fields as an exact measure (NOT_APPLICABLE for 无此项); raises on a
    figure that is no number."""
    if numerator is not None:
        if denominator is None:
            raise ValueError("a rate's numerator without its denominator")
        return Measure.of_rate(numerator, denominator)
    if value is not None:
        return Measure(Fraction(Decimal(value)))
    return NOT_APPLICABLE


def stored_warnings(store: Store, plan: Plan, unit: Unit,
                    period: Period) -> dict[str, list[EntryWarning]]:
    """The warnings of the unit's figures stored for `period`: those whose note, if any, is
    the explanation an unlikely figure was saved with (a report prints it in 备注)."""
    measures = with_history(store, unit, period, entry_measures(store, unit, period.year,
                                                                period.year))
    return entry_warnings(plan, period, measures,
                          [code for code, figures in measures.items() if period in figures])


class RemovedFigure(NamedTuple):
    """A figure stored that a removal takes away: what it was."""

    unit: Unit
    period: Period
    indicator: str          # its code
    old: Stored


def remove_entries(store: Store, unit: Unit, period: Period, keep: set[tuple[Period, str]],
                   dry_run: bool = False) -> list[RemovedFigure]:
    """Remove the unit's figures of every period `period` reports (the periods a package of
    it covers) but those to `keep` ((period, indicator code)), each removal audited with the
    figure it was; or, in a dry run, only list them. A locked period is refused.
    """
    found = [row for row in store.execute(
        "SELECT e.id, e.period, i.code, e.numerator, e.denominator, e.value, e.note"
        " FROM entries e JOIN indicators i ON i.id = e.indicator_id"
        " WHERE e.unit_id = ? AND substr(e.period, 1, 4) = ? ORDER BY i.position, e.period",
        [unit.id, str(period.year)])
        if period.reports(entry_period := Period.parse(row[1]))
        and (entry_period, row[2]) not in keep]
    removed = [RemovedFigure(unit, Period.parse(row[1]), row[2], (row[3], row[4], row[5], row[6]))
               for row in found]
    if dry_run or not removed:
        return removed
    for locked in {r.period for r in removed}:
        check_unlocked(store, locked)
    with store.transaction() as db:
        db.conn.executemany("DELETE FROM entries WHERE id = ?", [(row[0],) for row in found])
        audit.record_many(store, [audit.Change(
            "entries", f"{unit.code}/{r.period}/{r.indicator}", "delete", _FIELDS_JSON(r.old),
            None, None, unit.code, str(r.period)) for r in removed])
    return removed


def entry_measures(store: Store, unit: Unit, year_from: int,
                   year_to: int) -> dict[str, dict[Period, Measure]]:
    """A unit's entries as exact measures: indicator code -> period -> measure."""
    return entry_measures_of(store, [unit.id], year_from, year_to).get(unit.id, {})


_FEW_INDICATORS = 8


def entry_measures_of(store: Store, unit_ids: list[int], year_from: int, year_to: int,
                      codes: list[str] | None = None) -> dict[int, dict[str, dict[Period, Measure]]]:
    """Several units' entries in one query: unit id -> indicator code -> period -> measure
    (NOT_APPLICABLE for 无此项).

    Of every indicator, or of the indicator `codes` given.
    """
    result: dict[int, dict[str, dict[Period, Measure]]] = defaultdict(lambda: defaultdict(dict))
    # Periods are text that starts with the year: a range on it uses the (unit, period) index.
    sql = ("SELECT e.unit_id, i.code, e.period, e.numerator, e.denominator, e.value"
           " FROM entries e JOIN indicators i ON i.id = e.indicator_id"
           " WHERE e.unit_id IN (SELECT value FROM json_each(?))"
           " AND e.period >= ? AND e.period < ?")
    args: list[object] = [json.dumps(unit_ids), str(year_from), str(year_to + 1)]
    if codes is not None:
        # A few indicators of many units: the (indicator, period) index finds their rows. Many
        # indicators: the (unit, period) index does, and the unary + keeps the planner off the
        # indicator index, which would read every unit's rows of each.
        column = "e.indicator_id" if len(codes) <= _FEW_INDICATORS else "+e.indicator_id"
        sql += (f" AND {column} IN (SELECT id FROM indicators WHERE code IN"
                " (SELECT value FROM json_each(?)))")
        args.append(json.dumps(codes))
    periods: dict[str, Period] = {}     # a few periods, each read on thousands of rows
    for unit, code, text, numerator, denominator, value in store.execute(sql, args):
        try:
            measure = _measure_of(numerator, denominator, value)
        except (ArithmeticError, TypeError, ValueError):
            raise damaged_figure(store, unit, code, text, (numerator, denominator, value)
                                 ) from None
        period = periods.get(text)
        if period is None:
            period = periods[text] = Period.parse(text)
        result[unit][code][period] = measure
    return {unit: dict(by_code) for unit, by_code in result.items()}


def damaged_figure(store: Store, unit_id: int, code: str, period: str,
                   stored: tuple[Any, ...]) -> DamagedDatabaseError:
    """The refusal of a stored figure that is no number (written there outside qdesk, as with
    the sqlite3 shell): a figure cannot be shown, added up or reported from it."""
    row = store.execute("SELECT code FROM units WHERE id = ?", [unit_id]).fetchone()
    numerator, denominator, value = stored
    shown = str(value) if numerator is None else f"{numerator}/{denominator}"
    return DamagedDatabaseError(msg(
        "the figure of {code} for unit {unit} in {period} is not a number ({stored}): the "
        "database was changed outside qdesk. Run `qdesk check`, and restore a good backup "
        "(`qdesk restore`) or enter the figure again",
        "指标{code}（单位{unit}，{period}）保存的数据不是数字（{stored}），数据库曾在qdesk之外被改动。"
        "请运行 qdesk check 检查，并恢复完好的备份（qdesk restore）或重新填报该数据",
        code=code, unit=row[0] if row else unit_id, period=period, stored=shown),
        source=str(store.path))


def entries_of_year(store: Store, unit: Unit, year: int) -> list[dict[str, Any]]:
    """A unit's entries of a year as stored, in the plan's order of indicators, then by period:
    code, period, numerator, denominator, value (the text it was typed as), note."""
    return list(store.query(
        "SELECT i.code, e.period, e.numerator, e.denominator, e.value, e.note FROM entries e"
        " JOIN indicators i ON i.id = e.indicator_id WHERE e.unit_id = ?"
        " AND substr(e.period, 1, 4) = ? ORDER BY i.position, e.period", [unit.id, str(year)]))


def entry_notes(store: Store, unit: Unit, period: Period) -> dict[str, str]:
    return {r["code"]: r["note"] for r in store.query(
        "SELECT i.code, e.note FROM entries e JOIN indicators i ON i.id = e.indicator_id"
        " WHERE e.unit_id = ? AND e.period = ? AND e.note IS NOT NULL", [unit.id, str(period)])}


def first_period_entered(store: Store) -> Period | None:
    """The earliest period any figure was entered for, through the (indicator, period) index:
    within one indicator the periods are of one kind, so the text's order is time's."""
    firsts = [row[0] for row in store.execute(
        "SELECT (SELECT min(period) FROM entries WHERE indicator_id = i.id) FROM indicators i")
        if row[0]]
    return min((Period.parse(text) for text in firsts), key=lambda p: (p.start, -p.months),
               default=None)


def latest_quarter_entered(store: Store) -> Period | None:
    """The newest quarter any figure was entered for.

    Quarterly indicators are entered by quarter only: the newest period of each, found through
    the (indicator, period) index, is read without scanning a million entries.
    """
    row = store.execute(
        "SELECT max((SELECT max(period) FROM entries WHERE indicator_id = i.id))"
        " FROM indicators i WHERE i.frequency = 'quarterly'").fetchone()
    return Period.parse(row[0]) if row and row[0] else None
