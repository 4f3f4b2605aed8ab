"""The audit trail: who changed what, when, from which old value to which new one, and why;
read back filtered, newest first (qdesk.views.change_history words it for a clerk)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import Any, Iterator, NamedTuple

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
# The chain is the trail's: its functions are reached here too.
from qdesk.store.audit_chain import FIELDS, chain_hash
from qdesk.store.audit_chain import GENESIS as GENESIS, canonical as canonical
from qdesk.store.audit_chain import sequence as sequence
from qdesk.store.database import Store, now


class Change(NamedTuple):
    """One change to record: a tuple, which a sheet of 100 000 figures makes in a third of the
    time a frozen dataclass takes. The values are a dict, or the JSON text values_json wrote."""

    table: str
    key: str
    action: str
    old: dict[str, Any] | str | None
    new: dict[str, Any] | str | None
    reason: str | None = None
    unit_code: str | None = None
    period: str | None = None


# The tables the trail records, in the order the change history lists them.
AUDITED_TABLES = ("entries", "reference_figures", "targets", "narratives", "groups", "members",
                  "locks", "packages", "signing_keys", "plans", "indicators", "deadlines", "units",
                  "settings", "tasks", "task_progress", "assessment_scores", "assessment_entries",
                  "assessment_publications", "doc_numbers", "backups")
# What a recorded change does to its row.
ACTIONS = ("insert", "update", "delete")
# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _json(value: dict[str, Any] | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return _ENCODER.encode(value)


# Values values_json writes itself, as the encoder writes them; the encoder writes any other.
_SCALAR_JSON: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "null", int: int.__repr__, str: json.encoder.encode_basestring}


def values_json(*names: str) -> Callable[[Sequence[Any]], str]:
    """The JSON of many records of the same fields, from their values in the order of `names`:
    the very text _json writes for the dict of them, by one format made once.

    A sheet of 100 000 figures records two sets of values for each; the encoder, which makes
    and sorts every dict anew, took most of the audit's time on them.
    """
    order = sorted(range(len(names)), key=names.__getitem__)
    template = "{" + _ENCODER.item_separator.join(
        _ENCODER.encode(names[i]).replace("%", "%%") + _ENCODER.key_separator + "%s"
        for i in order) + "}"

    def encode(values: Sequence[Any]) -> str:
        try:
            return template % tuple([_SCALAR_JSON[type(v)](v)
                                     for v in map(values.__getitem__, order)])
        except KeyError:
            return _ENCODER.encode(dict(zip(names, values)))

    return encode


def record_many(store: Store, changes: list[Change], first_id: int | None = None) -> None:
    """Append changes to the trail in one statement, inside the caller's transaction, each row
    chained to the one before it (audit_chain).

    `first_id` is the id the first change must take (a restore that carries on a sequence);
    ValueError if it is not past the trail's end.
    """
    if not changes:
        return
    at, operator = now(), store.operator
    last = store.conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    last_id, previous = last if last is not None else (0, None)
    if first_id is None:
        first_id = last_id + 1
    elif first_id <= last_id:
        raise ValueError(f"audit row {first_id} is not past the trail's end ({last_id})")
    rows = []
    for row_id, c in enumerate(changes, first_id):
        row = (row_id, at, operator, c.table, c.key, c.action, _json(c.old), _json(c.new),
               c.reason, c.unit_code, c.period)
        previous = chain_hash(previous, row)
        rows.append((*row, previous))
    store.conn.executemany(
        "INSERT INTO audit (id, at, operator, table_name, row_key, action, old, new, reason,"
        " unit_code, period, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def record(store: Store, table: str, key: str, action: str, old: dict[str, Any] | None,
           new: dict[str, Any] | None, *, reason: str | None = None,
           unit_code: str | None = None, period: str | None = None) -> None:
    """Append one change to the trail, inside the caller's transaction."""
    record_many(store, [Change(table, key, action, old, new, reason, unit_code, period)])


def chain_rows(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """The trail's rows in the order written, each its FIELDS then its stored hash, read one at
    a time for checking the chain."""
    yield from conn.execute(f"SELECT {', '.join(FIELDS)}, hash FROM audit ORDER BY id")


def trail(store: Store, table: str | None = None) -> list[dict[str, Any]]:
    """The recorded changes, oldest first, optionally of one table."""
    where, args = ("WHERE table_name = ?", [table]) if table else ("", [])
    rows = store.query(f"SELECT * FROM audit {where} ORDER BY id", args)
    return [{**row, "old": json.loads(row["old"]) if row["old"] else None,
             "new": json.loads(row["new"]) if row["new"] else None} for row in rows]


# --- reading the trail ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Recorded:
    """One change as the trail holds it, with the name of the unit it concerns (if still known)."""

    id: int
    at: str                         # ISO 8601 with offset, as the writer's clock had it
    operator: str
    table: str
    key: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reason: str | None
    unit_code: str | None
    unit_name: str | None
    period: str | None


@dataclass(frozen=True)
class Choices:
    """What the trail holds to filter on: each list sorted as a clerk looks for it."""

    tables: list[str]
    operators: list[str]
    units: list[tuple[str, str | None]]     # (code, name if the unit is still known)
    periods: list[str]                      # newest first


def _where(table: str | None, unit_code: str | None, period: str | None, operator: str | None,
           since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    """The WHERE clause of a filtered read. Days compare on the text of `at` (so its index
    serves them): a change falls on the day its writer's clock showed, whatever the offset, as
    '2026-11-23T23:30:00-05:00' falls on 2026-11-23."""
    clauses, args = [], []
    for column, value in (("table_name", table), ("unit_code", unit_code), ("period", period),
                          ("operator", operator)):
        if value is not None:
            clauses.append(f"a.{column} = ?")
            args.append(value)
    if since is not None:
        clauses.append("a.at >= ?")
        args.append(since.isoformat())
    if until is not None:
        clauses.append("a.at < ?")
        args.append((until + dt.timedelta(days=1)).isoformat())
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def iter_changes(store: Store, *, table: str | None = None, unit_code: str | None = None,
                 period: str | None = None, operator: str | None = None,
                 since: dt.date | None = None, until: dt.date | None = None,
                 limit: int | None = None) -> Iterator[Recorded]:
    """The changes that pass every filter given, newest first, read one at a time (so a long
    trail is never held whole), at most `limit` of them.

    `since` and `until` are calendar days, both included.
    """
    where, args = _where(table, unit_code, period, operator, since, until)
    if limit is not None:
        args.append(limit)
    # Newest first by id, the order they were written in: `at` can go back when a clock is
    # put back or the offset changes.
    rows = store.execute(
        "SELECT a.id, a.at, a.operator, a.table_name, a.row_key, a.action, a.old, a.new,"
        " a.reason, a.unit_code, u.name, a.period FROM audit a"
        f" LEFT JOIN units u ON u.code = a.unit_code {where} ORDER BY a.id DESC"
        + (" LIMIT ?" if limit is not None else ""), args)
    for row in rows:
        yield Recorded(row[0], row[1], row[2], row[3], row[4], row[5],
                       json.loads(row[6]) if row[6] else None,
                       json.loads(row[7]) if row[7] else None, *row[8:])


def changes(store: Store, *, table: str | None = None, unit_code: str | None = None,
            period: str | None = None, operator: str | None = None,
            since: dt.date | None = None, until: dt.date | None = None,
            limit: int | None = None) -> list[Recorded]:
    """The changes that pass every filter given, newest first, at most `limit` of them.

    `since` and `until` are calendar days, both included.
    """
    return list(iter_changes(store, table=table, unit_code=unit_code, period=period,
                             operator=operator, since=since, until=until, limit=limit))


def count_changes(store: Store, *, table: str | None = None, unit_code: str | None = None,
                  period: str | None = None, operator: str | None = None,
                  since: dt.date | None = None, until: dt.date | None = None) -> int:
    """How many changes pass the filters (as `changes` would list them without a limit)."""
    where, args = _where(table, unit_code, period, operator, since, until)
    return store.execute(f"SELECT count(*) FROM audit a {where}", args).fetchone()[0]


def choices(store: Store) -> Choices:
    """The tables, operators, units and periods that occur in the trail."""
    def distinct(column: str) -> list[Any]:
        return [row[0] for row in store.execute(
            f"SELECT DISTINCT {column} FROM audit WHERE {column} IS NOT NULL")]

    names = dict(store.execute("SELECT code, name FROM units").fetchall())
    return Choices(tables=sorted(distinct("table_name"), key=_table_order),
                   operators=sorted(distinct("operator")),
                   units=[(code, names.get(code)) for code in sorted(distinct("unit_code"))],
                   periods=sorted(distinct("period"), key=_period_order, reverse=True))


def _table_order(table: str) -> tuple[int, str]:
    """The audited tables in AUDITED_TABLES order, any other after them, alphabetically."""
    known = table in AUDITED_TABLES
    return (AUDITED_TABLES.index(table) if known else len(AUDITED_TABLES), table)


def _period_order(text: str) -> tuple[int, Any]:
    try:
        return (1, Period.parse(text))
    except InputError:
        return (0, text)        # not a period: after the real ones, newest first
