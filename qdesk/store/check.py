"""Checking a database: SQLite's own integrity and foreign-key checks, then qdesk's rules; the
full check also follows the audit trail's hash chain and holds the figures and locks to it."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import Msg, msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT
from qdesk.store.audit import ACTIONS, AUDITED_TABLES, chain_rows, chain_hash, values_json
from qdesk.store.backups import connect_read_only
from qdesk.store.database import file_version
from qdesk.store.schema import AUDIT_CHAINED

# How many findings of one kind are listed; the rest are counted.
_LISTED = 50

_PERIOD_SHAPE = {"annual": "[0-9][0-9][0-9][0-9]",
                 "half-year": "[0-9][0-9][0-9][0-9]H[12]",
                 "quarterly": "[0-9][0-9][0-9][0-9]Q[1-4]"}


@dataclass(frozen=True)
class Finding:
    check: str          # a key of _HEADINGS: "integrity", "foreign-key", "rate" …
    message: Msg


@dataclass
class CheckReport:
    path: Path
    quick: bool
    findings: list[Finding] = field(default_factory=list)
    counted: dict[str, int] = field(default_factory=dict)   # findings per check, listed or not
    broken_at: int | None = None    # the first audit row off the chain, if any
    chained: bool = True            # False for a file from before the chain: its trail unchecked

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def damaged(self) -> bool:
        """SQLite itself finds the file broken: only a backup can repair it."""
        return any(f.check == "integrity" for f in self.findings)

    def add(self, check: str, message: Msg) -> None:
        self.counted[check] = self.counted.get(check, 0) + 1
        if self.counted[check] <= _LISTED:
            self.findings.append(Finding(check, message))

    def render(self, lang: str | None = None) -> str:
        how = (msg("quick check", "快速检查") if self.quick else msg("full check", "完整检查"))
        lines = [msg("Checked {path} ({how})", "已检查“{path}”（{how}）", path=str(self.path),
                     how=how.render(lang)).render(lang)]
        colon = msg(": ", "：").render(lang)
        for check in _HEADINGS:
            if check in _FULL_ONLY and (self.quick or not self.chained):
                continue
            count = self.counted.get(check, 0)
            problems = msg("{count} problem(s)", "{count}处问题", count=count)
            if count and check in _FULL_ONLY:
                problems = msg("{count} problem(s), changed outside qdesk",
                               "{count}处问题，曾在qdesk之外被改动", count=count)
            lines.append(_HEADINGS[check].render(lang) + colon + (
                problems if count else msg("ok", "正常")).render(lang))
            lines += ["  - " + f.message.render(lang) for f in self.findings if f.check == check]
            if count > _LISTED:
                lines.append("  " + msg("… and {more} more", "……另有{more}处",
                                        more=count - _LISTED).render(lang))
        if not self.quick and not self.chained:
            lines.append(msg("Audit trail: not checked, as the file is from an older qdesk; qdesk "
                             "makes its trail a chain when it next opens the file for writing",
                             "审计记录：未检查，该文件由旧版qdesk写入；qdesk下次以可写方式打开"
                             "该文件时会为其审计记录建链").render(lang))
        lines.append(self.verdict().render(lang))
        return "\n".join(lines)

    def verdict(self) -> Msg:
        """The report's last word: sound, or what was found and what to do."""
        restore = msg("Restore the newest good backup (qdesk restore) and compare it with this "
                      "file before working on.",
                      "请恢复最近的完好备份（qdesk restore），与本文件核对后再继续工作。")
        if self.ok:
            return msg("The database is sound.", "数据库完好。")
        if self.broken_at is not None:
            return msg("The audit trail is broken at row {row}: the database was changed outside "
                       "qdesk. {restore}", "审计记录在第{row}条处断开：数据库曾在qdesk之外被改动。"
                       "{restore}", row=self.broken_at, restore=restore)
        if any(self.counted.get(check) for check in _FULL_ONLY):
            return msg("Figures or locks differ from the audit trail: the database was changed "
                       "outside qdesk. {restore}", "数据或锁定与审计记录不符：数据库曾在qdesk之外"
                       "被改动。{restore}", restore=restore)
        if self.damaged or self.counted.get("foreign-key"):
            return msg("Restore the newest good backup (qdesk restore) if the file is damaged; "
                       "otherwise correct the rows named above.",
                       "如文件已损坏，请恢复最近的完好备份（qdesk restore）；否则请更正上面列出的数据。")
        return msg("Correct the rows named above.", "请更正上面列出的数据。")


_HEADINGS = {
    "integrity": msg("SQLite integrity", "SQLite完整性"),
    "foreign-key": msg("References between tables", "表间引用"),
    "rate": msg("Rates (numerator within denominator)", "比率（分子不大于分母）"),
    "flag": msg("Yes/no figures (never 无此项)", "是否类指标（不得为“无此项”）"),
    "period": msg("Entries within the plan's periods", "填报期间在方案范围内"),
    "member": msg("Leading-group members' dates", "领导小组成员日期"),
    "trail-kind": msg("Audit trail rows of known kinds", "审计记录的类别"),
    "chain": msg("Audit trail chain (no row changed, inserted or deleted)",
                 "审计记录链（无记录被改动、插入或删除）"),
    "number": msg("Figures are numbers", "数据均为数字"),
    "figure": msg("Figures as the audit trail last records them", "数据与审计记录的最后一次修改一致"),
    "lock": msg("Locks as submissions and the audit trail record them", "锁定与报送及审计记录一致"),
}
# What only the full check looks at: the whole trail is read for it. A finding there means the
# file was written by something other than qdesk, which records every change it makes.
_FULL_ONLY = frozenset({"trail-kind", "chain", "number", "figure", "lock"})


def check_database(path: Path, quick: bool = False) -> CheckReport:
    """Check the file at `path`, changing nothing; a file SQLite cannot read is one finding."""
    path = Path(path)
    # Refuses what is not a qdesk file, or one from a newer qdesk.
    report = CheckReport(path, quick, chained=(file_version(path) or 0) >= AUDIT_CHAINED)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise DatabaseFileError(msg("cannot open the database: {error}", "无法打开数据库：{error}",
                                    error=str(exc)), source=str(path)) from None
    try:
        _integrity(conn, report)
        if not report.damaged:
            _foreign_keys(conn, report)
            _rules(conn, report)
            if not quick and report.chained:
                _against_trail(conn, report)
    except sqlite3.DatabaseError as exc:
        report.add("integrity", msg("SQLite cannot read the file: {error}",
                                    "SQLite无法读取该文件：{error}", error=str(exc)))
    finally:
        conn.close()
    return report


def _integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    pragma = "quick_check" if report.quick else "integrity_check"
    for row, in conn.execute(f"PRAGMA {pragma}({_LISTED})"):
        if row != "ok":
            report.add("integrity", msg("{detail}", "{detail}", detail=row))


def _foreign_keys(conn: sqlite3.Connection, report: CheckReport) -> None:
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        report.add("foreign-key", msg(
            "{table} row {rowid} refers to a {parent} row that does not exist",
            "{table}表第{rowid}条记录引用的{parent}记录不存在",
            table=table, rowid=rowid, parent=parent))


def _rules(conn: sqlite3.Connection, report: CheckReport) -> None:
    for entry, unit, period, code, numerator, denominator in conn.execute(
            "SELECT e.id, u.code, e.period, i.code, e.numerator, e.denominator FROM entries e"
            " JOIN indicators i ON i.id = e.indicator_id JOIN units u ON u.id = e.unit_id"
            " WHERE e.denominator IS NOT NULL AND (e.denominator <= 0 OR e.numerator < 0"
            " OR e.numerator > e.denominator) ORDER BY e.id"):
        report.add("rate", msg(
            "entry {entry} ({unit}, {period}, {code}): {numerator}/{denominator} is not a rate",
            "第{entry}条填报（{unit}，{period}，{code}）：{numerator}/{denominator}不是有效比率",
            entry=entry, unit=unit, period=period, code=code, numerator=numerator,
            denominator=denominator))
    for entry, unit, period, code in conn.execute(
            "SELECT e.id, u.code, e.period, i.code FROM entries e"
            " JOIN indicators i ON i.id = e.indicator_id JOIN units u ON u.id = e.unit_id"
            " WHERE i.kind = 'flag' AND e.numerator IS NULL AND e.value IS NULL ORDER BY e.id"):
        report.add("flag", msg(
            "entry {entry} ({unit}, {period}, {code}): a yes/no is never 无此项",
            "第{entry}条填报（{unit}，{period}，{code}）：“是/否”类指标不存在“无此项”",
            entry=entry, unit=unit, period=period, code=code))
    plan = conn.execute("SELECT p.start_year, p.end_year FROM plans p JOIN settings s"
                        " ON s.key = 'plan_id' AND s.value = p.id").fetchone()
    if plan is None:
        report.add("period", msg("the database names no plan", "数据库中没有方案"))
        return
    shape = " ".join(f"WHEN '{kind}' THEN e.period GLOB '{glob}'"
                     for kind, glob in _PERIOD_SHAPE.items())
    for entry, unit, period, code, frequency in conn.execute(
            "SELECT e.id, u.code, e.period, i.code, i.frequency FROM entries e"
            " JOIN indicators i ON i.id = e.indicator_id JOIN units u ON u.id = e.unit_id"
            f" WHERE NOT (CASE i.frequency {shape} ELSE 0 END)"
            " OR CAST(substr(e.period, 1, 4) AS INTEGER) NOT BETWEEN ? AND ? ORDER BY e.id",
            plan):
        report.add("period", msg(
            "entry {entry} ({unit}, {code}): period {period} is not a {frequency} period of the "
            "plan ({start}–{end})",
            "第{entry}条填报（{unit}，{code}）：报告期{period}不是方案（{start}—{end}年）内的{frequency}期",
            entry=entry, unit=unit, code=code, period=period, frequency=frequency,
            start=plan[0], end=plan[1]))
    for member, name, start, end in conn.execute(
            "SELECT id, name, start_date, end_date FROM members"
            " WHERE end_date IS NOT NULL AND end_date < start_date ORDER BY id"):
        report.add("member", msg(
            "member {member} ({name}) leaves on {end}, before joining on {start}",
            "成员{member}（{name}）的退出日期{end}早于加入日期{start}",
            member=member, name=name, end=end, start=start))


# --- against the audit trail ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Figures:
    """A table of figures the trail records, in SQL over `source`: a row's trail key, its id, a
    label for the clerk, and its columns in the order of the trail's `fields`."""

    table: str
    source: str
    key: str
    id: str
    label: str
    columns: str
    fields: tuple[str, ...]


_FIGURE_TABLES = (
    _Figures("entries", "entries e JOIN units u ON u.id = e.unit_id"
             " JOIN indicators i ON i.id = e.indicator_id",
             "u.code || '/' || e.period || '/' || i.code", "e.id",
             "u.code || ', ' || e.period || ', ' || i.code",
             "e.numerator, e.denominator, e.value, e.note",
             ("numerator", "denominator", "value", "note")),
    _Figures("reference_figures", "reference_figures r JOIN indicators i ON i.id = r.indicator_id",
             "r.period || '/' || i.code", "r.id", "r.period || ', ' || i.code", "r.value, r.note",
             ("value", "note")),
    # A unit's own targets (目标责任书); the plan's, from its template, are the plan's text.
    _Figures("targets", "targets t JOIN units u ON u.id = t.unit_id"
             " JOIN indicators i ON i.id = t.indicator_id",
             "u.code || '/' || i.code || '/' || ifnull(t.year, '*')", "t.id",
             "u.code || ', ' || i.code || ', ' || ifnull(t.year, '*')", "t.expr", ("expr",)),
)
_TABLE_NAMES = {"entries": msg("entry", "填报"), "reference_figures": msg("reference figure", "参照值"),
                "targets": msg("target", "目标")}
# The last change the trail records of each key of a table (SQLite keeps it, not Python: a
# million figures would take half a gigabyte in dicts).
_LAST = ("WITH last AS (SELECT row_key, max(id) AS id FROM audit WHERE table_name = ?"
         " GROUP BY row_key) ")


@dataclass
class _Locks:
    """What the trail records of each period's locks: how many it took, and the last change."""

    taken: Counter[str] = field(default_factory=Counter)
    last: dict[str, str | None] = field(default_factory=dict)   # period -> new


def _against_trail(conn: sqlite3.Connection, report: CheckReport) -> None:
    locks = _chain(conn, report)
    _numbers(conn, report)
    for figures in _FIGURE_TABLES:
        _figures(conn, report, figures)
    _locks(conn, report, locks)


def _chain(conn: sqlite3.Connection, report: CheckReport) -> _Locks:
    """Follow the chain row by row, naming every row whose hash is not the one its fields and
    the row before it make: a row changed is named, and a row deleted names the one after it."""
    tables, actions = frozenset(AUDITED_TABLES), frozenset(ACTIONS)
    locks, previous = _Locks(), None
    for *fields, stored in chain_rows(conn):
        row_id, at, table, key, action, new = (fields[0], fields[1], fields[3], fields[4],
                                               fields[5], fields[7])
        if chain_hash(previous, fields) != stored:
            if report.broken_at is None:
                report.broken_at = row_id
            report.add("chain", msg(
                "audit row {row} ({table} {key}, {at}) is off the chain: it was changed or "
                "inserted, or the row before it deleted, outside qdesk",
                "第{row}条审计记录（{table} {key}，{at}）与记录链不符：该记录或其前一条记录曾在"
                "qdesk之外被改动、插入或删除", row=row_id, table=table, key=key, at=at))
        previous = stored
        if table not in tables or action not in actions:
            report.add("trail-kind", msg(
                "audit row {row}: no qdesk change is a {action} of {table}",
                "第{row}条审计记录：qdesk不会记录“{table}”的“{action}”", row=row_id,
                action=action, table=table))
        if table == "locks":
            locks.last[key] = new
            if action == "insert":
                locks.taken[key] += 1
    return locks


def _numbers(conn: sqlite3.Connection, report: CheckReport) -> None:
    """Every figure a number, as the readers of figures need it (a text written by SQL is not)."""
    for entry, unit, period, code, numerator, denominator, value in conn.execute(
            "SELECT e.id, u.code, e.period, i.code, e.numerator, e.denominator, e.value"
            " FROM entries e JOIN indicators i ON i.id = e.indicator_id"
            " JOIN units u ON u.id = e.unit_id WHERE typeof(e.numerator) NOT IN ('integer', 'null')"
            " OR typeof(e.denominator) NOT IN ('integer', 'null') OR e.value IS NOT NULL"
            " ORDER BY e.id"):
        if not _is_number(value, numerator, denominator):
            stored = value if numerator is None else f"{numerator}/{denominator}"
            report.add("number", msg(
                "entry {entry} ({unit}, {period}, {code}): {stored!r} is not a number",
                "第{entry}条填报（{unit}，{period}，{code}）：“{stored}”不是数字",
                entry=entry, unit=unit, period=period, code=code, stored=stored))
    for row, period, code, value in conn.execute(
            "SELECT r.id, r.period, i.code, r.value FROM reference_figures r"
            " JOIN indicators i ON i.id = r.indicator_id ORDER BY r.id"):
        if not _is_number(value, None, None):
            report.add("number", msg(
                "reference figure {row} ({period}, {code}): {value!r} is not a number",
                "第{row}条参照值（{period}，{code}）：“{value}”不是数字",
                row=row, period=period, code=code, value=value))


def _is_number(value: Any, numerator: Any, denominator: Any) -> bool:
    if numerator is not None or denominator is not None:
        return type(numerator) is int and type(denominator) is int
    if value is None:
        return True
    try:
        return isinstance(value, str) and Decimal(value).is_finite()
    except InvalidOperation:
        return False


def _figures(conn: sqlite3.Connection, report: CheckReport, figures: _Figures) -> None:
    """Every figure equal to the new value of the last change the trail records for its key;
    none the trail says was deleted, none it never recorded, none it records gone missing."""
    encode = values_json(*figures.fields)
    name = _TABLE_NAMES[figures.table]
    for row_id, label, audit_row, new, *values in conn.execute(
            _LAST + f"SELECT {figures.id}, {figures.label}, a.id, a.new, {figures.columns}"
            f" FROM {figures.source} LEFT JOIN last ON last.row_key = {figures.key}"
            f" LEFT JOIN audit a ON a.id = last.id ORDER BY {figures.id}", [figures.table]):
        what = {"what": name, "row": row_id, "label": label, "stored": _shown(figures, values)}
        if audit_row is None:
            report.add("figure", msg(
                "{what} {row} ({label}) is {stored}, but the audit trail records no change of it",
                "第{row}条{what}（{label}）为{stored}，但审计记录中没有它的任何修改", **what))
        elif new is None:
            report.add("figure", msg(
                "{what} {row} ({label}) is {stored}, but the last change the audit trail "
                "records (row {audit}) deletes it",
                "第{row}条{what}（{label}）为{stored}，但审计记录的最后一次修改（第{audit}条）已将其删除",
                audit=audit_row, **what))
        elif encode(values) != new and not _same(figures, values, new):
            report.add("figure", msg(
                "{what} {row} ({label}) is {stored}, but the last change the audit trail "
                "records (row {audit}) makes it {recorded}",
                "第{row}条{what}（{label}）为{stored}，但审计记录的最后一次修改（第{audit}条）为"
                "{recorded}", audit=audit_row, recorded=_shown(figures, _recorded(figures, new)),
                **what))
    for audit_row, key, new in conn.execute(
            _LAST + "SELECT a.id, a.row_key, a.new FROM last JOIN audit a ON a.id = last.id"
            f" WHERE a.new IS NOT NULL AND last.row_key NOT IN"
            f" (SELECT {figures.key} FROM {figures.source}) ORDER BY a.id", [figures.table]):
        report.add("figure", msg(
            "{what} {key} is missing, but the last change the audit trail records of it "
            "(row {audit}) makes it {recorded}",
            "{what}“{key}”不存在，但审计记录的最后一次修改（第{audit}条）为{recorded}",
            what=name, key=key, audit=audit_row,
            recorded=_shown(figures, _recorded(figures, new))))


def _recorded(figures: _Figures, new: str) -> list[Any]:
    try:
        recorded = json.loads(new)
    except ValueError:
        return [new]
    if not isinstance(recorded, dict):
        return [recorded]
    return [recorded.get(f) for f in figures.fields]


def _same(figures: _Figures, values: list[Any], new: str) -> bool:
    """The stored values against a change recorded in another JSON spelling (an older qdesk's)."""
    return _recorded(figures, new) == list(values)


def _shown(figures: _Figures, values: list[Any]) -> str:
    """A figure as the clerk typed it: a rate as numerator/denominator, 无此项 by its name (in
    English too, as the sheets write it), any other value quoted."""
    if figures.table != "entries":
        return repr(values[0])
    numerator, denominator, value = values[:3]
    if numerator is not None:
        return f"{numerator}/{denominator}"
    return NOT_APPLICABLE_TEXT if value is None else repr(value)


def _locks(conn: sqlite3.Connection, report: CheckReport, locks: _Locks) -> None:
    """Every lock taken as the trail records it, still held or released as its last lock change
    says, and every submission's lock there (a lock is released, never deleted)."""
    rows: Counter[str] = Counter()
    held: set[str] = set()
    for period, unlocked_at in conn.execute("SELECT period, unlocked_at FROM locks"):
        rows[period] += 1
        if unlocked_at is None:
            held.add(period)
    for period in sorted(set(rows) | set(locks.taken) | set(locks.last)):
        if rows[period] != locks.taken[period]:
            report.add("lock", msg(
                "{period}: the audit trail records {taken} lock(s) taken, the locks table holds "
                "{rows}", "{period}：审计记录中锁定{taken}次，锁定表中有{rows}条",
                period=period, taken=locks.taken[period], rows=rows[period]))
        locked = _locked(locks.last.get(period))
        if locked != (period in held):
            report.add("lock", msg(
                "{period} is {state}, but the last lock change the audit trail records {says}",
                "{period}{state_zh}，但审计记录的最后一次锁定修改为{says_zh}", period=period,
                state="locked" if period in held else "not locked",
                state_zh="已锁定" if period in held else "未锁定",
                says="locks it" if locked else "leaves it unlocked",
                says_zh="锁定" if locked else "未锁定"))
    for submission, unit, period in conn.execute(
            "SELECT s.id, u.code, s.period FROM submissions s JOIN units u ON u.id = s.unit_id"
            " WHERE NOT EXISTS (SELECT 1 FROM locks l WHERE l.submission_id = s.id) ORDER BY s.id"):
        report.add("lock", msg(
            "submission {submission} ({unit}, {period}) has no lock",
            "第{submission}次报送（{unit}，{period}）没有对应的锁定", submission=submission,
            unit=unit, period=period))


def _locked(new: str | None) -> bool:
    try:
        return new is not None and json.loads(new).get("locked") is True
    except (ValueError, AttributeError):
        return False
