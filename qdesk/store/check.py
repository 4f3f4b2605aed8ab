"""Checking a database: SQLite's own integrity and foreign-key checks, then qdesk's rules."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from qdesk.core.errors import DatabaseFileError
from qdesk.core.i18n import Msg, msg
from qdesk.store.backups import connect_read_only
from qdesk.store.database import file_version

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
            count = self.counted.get(check, 0)
            lines.append(_HEADINGS[check].render(lang) + colon + (
                msg("ok", "正常").render(lang) if not count else
                msg("{count} problem(s)", "{count}处问题", count=count).render(lang)))
            lines += ["  - " + f.message.render(lang) for f in self.findings if f.check == check]
            if count > _LISTED:
                lines.append("  " + msg("… and {more} more", "……另有{more}处",
                                        more=count - _LISTED).render(lang))
        lines.append((msg("The database is sound.", "数据库完好。") if self.ok else
                      msg("Restore the newest good backup (qdesk restore) if the file is damaged; "
                          "otherwise correct the rows named above.",
                          "如文件已损坏，请恢复最近的完好备份（qdesk restore）；否则请更正上面列出的数据。")
                      if self.damaged or self.counted.get("foreign-key") else
                      msg("Correct the rows named above.", "请更正上面列出的数据。")).render(lang))
        return "\n".join(lines)


_HEADINGS = {
    "integrity": msg("SQLite integrity", "SQLite完整性"),
    "foreign-key": msg("References between tables", "表间引用"),
    "rate": msg("Rates (numerator within denominator)", "比率（分子不大于分母）"),
    "flag": msg("Yes/no figures (never 无此项)", "是否类指标（不得为“无此项”）"),
    "period": msg("Entries within the plan's periods", "填报期间在方案范围内"),
    "member": msg("Leading-group members' dates", "领导小组成员日期"),
}


def check_database(path: Path, quick: bool = False) -> CheckReport:
    """Check the file at `path`, changing nothing; a file SQLite cannot read is one finding."""
    path = Path(path)
    file_version(path)  # refuses what is not a qdesk file, or from a newer qdesk
    report = CheckReport(path, quick)
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
