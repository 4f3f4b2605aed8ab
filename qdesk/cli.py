"""The `qdesk` command: headless subcommands over the same services as the GUI (DESIGN.md §8)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sqlite3
import sys
import traceback
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Sequence

from qdesk import __version__
from qdesk.core.errors import QdeskError
from qdesk.core.i18n import language, msg, set_language

if TYPE_CHECKING:
    from qdesk.store.changes import Changes
    from qdesk.store.database import Store
    from qdesk.core.attainment import Assessment
    from qdesk.store.units import UnitsImported

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors: exit 2, as DESIGN says
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="qdesk", description="qdesk — 质量工作领导小组办公室工作台")
    parser.add_argument("--version", action="version", version=f"qdesk {__version__}")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="language of messages (default: QDESK_LANG or zh)")
    # --lang is also taken after the subcommand; SUPPRESS keeps one given before it.
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS,
                        help="language of messages")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("gui", help="open the workbench", parents=[common])
    p.add_argument("path", nargs="?", type=Path,
                   help="a database to open (as --db, but it must exist), or a submission "
                        "package (.qdpkg) to import (as --import)")
    p.add_argument("--db", type=Path, help="the database (default: the per-user one)")
    p.add_argument("--import", dest="package", type=Path, metavar="FILE.qdpkg",
                   help="import this submission package once the database is open, through "
                        "报表's import, every question it asks asked (what double-clicking a "
                        "package does)")

    p = sub.add_parser("demo", help="create a demo county database", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("init", help="create a database from a plan template", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--template", required=True,
                   help="a template file, or the id of a shipped plan")
    p.add_argument("--unit-code", required=True, help="6-digit division code of the unit")
    p.add_argument("--unit-name", required=True)

    p = sub.add_parser("template", help="plan templates", parents=[common])
    tsub = p.add_subparsers(dest="template_command", required=True, parser_class=_Parser)
    c = tsub.add_parser("check", help="check template files", parents=[common])
    c.add_argument("files", nargs="+", type=Path)
    c = tsub.add_parser("new", help="a commented skeleton, or a copy of a shipped plan",
                        parents=[common])
    c.add_argument("--out", required=True, type=Path)
    c.add_argument("--from", dest="source", metavar="ID",
                   help="copy this shipped plan (or template file) instead")
    c.add_argument("--id", help="the new plan's id (default: the file's name)")
    c.add_argument("--force", action="store_true", help="replace an existing file")
    c = tsub.add_parser("import", help="an indicator table (.xlsx) as a template",
                        parents=[common])
    c.add_argument("file", type=Path)
    c.add_argument("--out", required=True, type=Path)
    c.add_argument("--id", help="the plan's id (default: the 方案 sheet, else the file's name)")
    c.add_argument("--title", help="the plan's title (default: the 方案 sheet)")
    c.add_argument("--start", type=int, help="the plan's first year (default: the 方案 sheet, "
                                             "else the first year column)")
    c.add_argument("--end", type=int, help="the plan's last year (default: the 方案 sheet, "
                                           "else the last year column)")
    c.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("plan", help="the database's plan", parents=[common])
    psub = p.add_subparsers(dest="plan_command", required=True, parser_class=_Parser)
    c = psub.add_parser("export", help="the plan as a template file", parents=[common])
    c.add_argument("--db", required=True, type=Path)
    c.add_argument("--out", required=True, type=Path)
    c.add_argument("--force", action="store_true", help="replace an existing file")
    c = psub.add_parser("update", help="a new version of the same plan; every figure kept",
                        parents=[common])
    c.add_argument("--db", required=True, type=Path)
    c.add_argument("--template", required=True, type=Path)
    c.add_argument("--check", action="store_true", help="say what would change, change nothing")

    p = sub.add_parser("set", help="enter one figure", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--indicator", required=True)
    p.add_argument("--numerator")
    p.add_argument("--denominator")
    p.add_argument("--value")
    p.add_argument("--none", action="store_true",
                   help="无此项: nothing to count this period (neither met nor not met)")
    p.add_argument("--note")

    _reference_parser(sub, common)
    _settings_parser(sub, common)
    _task_parser(sub, common)
    _assess_parser(sub, common)

    p = sub.add_parser("status", help="status of every indicator for a period", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--period", required=True)
    p.add_argument("--unit")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--as-of", type=_date, help="judge on-track as of this date (default today)")

    p = sub.add_parser("report", help="build a report as a PDF", parents=[common])
    p.add_argument("kind", choices=("quarterly", "half-year", "annual", "targets", "roster",
                                    "adjustment", "assessment", "self-evaluation",
                                    "target-book", "reminder"))
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--period", help="the report's period (quarterly … targets)")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--date", type=_date,
                   help="the date signed (default today); for the roster, the date it stands on")
    p.add_argument("--doc", help="adjustment: the document number of the adjustment (default: the "
                                 "latest adjustment)")
    p.add_argument("--year", type=int, help="assessment, self-evaluation: the assessment year; "
                                            "target-book: the year of the targets")
    p.add_argument("--unit", help="target-book: the unit that signs it (its code)")
    p.add_argument("--doc-number", type=int, metavar="N",
                   help="the 发文字号's number (default: the next of the year in the register)")

    p = sub.add_parser("export", help="a period's figures as a file", parents=[common])
    p.add_argument("format", choices=("xlsx", "csv", "package", "sheets"),
                   help="sheets: blank entry sheets for the subordinate units")
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--period", required=True)
    p.add_argument("--out", required=True, type=Path,
                   help="the file; for a package, the file or the folder it goes in; for sheets, "
                        "the folder they go in")
    p.add_argument("--force", action="store_true", help="replace an existing package file")

    p = sub.add_parser("import", help="submission packages (.qdpkg) or entry sheets (.csv, .xlsx)", parents=[common])
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--check", action="store_true",
                   help="report what would change, change nothing")
    p.add_argument("--replace", action="store_true",
                   help="replace a package imported before for the same unit and period")
    p.add_argument("--add-units", action="store_true",
                   help="register the subordinate offices the packages come from, from their "
                        "manifests")

    p = sub.add_parser("unit", help="the office's units (DESIGN §12)", parents=[common])
    usub = p.add_subparsers(dest="unit_command", required=True, parser_class=_Parser)
    u = usub.add_parser("list", help="the units, the office's own first", parents=[common])
    u.add_argument("--db", required=True, type=Path)
    u.add_argument("--all", action="store_true", help="retired units too")
    u.add_argument("--format", choices=("table", "json"), default="table")
    u = usub.add_parser("add", help="register a unit under the office", parents=[common])
    u.add_argument("--db", required=True, type=Path)
    which = u.add_mutually_exclusive_group(required=True)
    which.add_argument("--code")
    which.add_argument("--all", action="store_true",
                       help="every county (or prefecture) GB/T 2260 lists under the office")
    u.add_argument("--name", help="the unit's name; a county's or prefecture's may be left out, "
                                  "and is taken from GB/T 2260")
    u.add_argument("--level", required=True,
                   help="township|zone|department|county|prefecture|province|division|"
                        "regiment, or 镇、街道、乡、开发区、园区、成员单位、县、区、市、省、师、团")
    u.add_argument("--credit-code", help="18-character unified social credit code")
    u.add_argument("--check", action="store_true", help="with --all: list what would be "
                                                        "added, change nothing")
    u = usub.add_parser("rename", help="give a unit a new name", parents=[common])
    u.add_argument("--db", required=True, type=Path)
    u.add_argument("--code", required=True)
    u.add_argument("--name", required=True)
    u = usub.add_parser("retire", help="retire a unit from a day on: no longer due",
                        parents=[common])
    u.add_argument("--db", required=True, type=Path)
    u.add_argument("--code", required=True)
    u.add_argument("--date", required=True, type=_date, help="the first day it no longer exists")
    u = usub.add_parser("reinstate", help="undo a retirement", parents=[common])
    u.add_argument("--db", required=True, type=Path)
    u.add_argument("--code", required=True)
    u = usub.add_parser("reorder", help="put units in this order (the others follow)",
                        parents=[common])
    u.add_argument("--db", required=True, type=Path)
    u.add_argument("codes", nargs="+")
    u = usub.add_parser("import", help="a list of units: .xlsx, .csv or pasted text",
                        parents=[common])
    u.add_argument("--db", required=True, type=Path)
    u.add_argument("file", type=Path)
    u.add_argument("--level", help="the level of rows that give none")
    u.add_argument("--check", action="store_true", help="check the list, change nothing")

    p = sub.add_parser("group", help="the leading group", parents=[common])
    gsub = p.add_subparsers(dest="group_command", required=True, parser_class=_Parser)
    g = gsub.add_parser("import", help="a roster from pasted text (.txt) or a workbook (.xlsx)", parents=[common])
    g.add_argument("--db", required=True, type=Path)
    g.add_argument("file", type=Path)
    g.add_argument("--date", type=_date, help="the date it takes effect (default today)")
    g.add_argument("--doc", help="the document number (文号) that made it")
    g.add_argument("--reason", default="", help="why (调整事由)")
    g = gsub.add_parser("show", help="the roster on a date", parents=[common])
    g.add_argument("--db", required=True, type=Path)
    g.add_argument("--date", type=_date)
    g.add_argument("--format", choices=("table", "json"), default="table")
    g = gsub.add_parser("correct", help="correct an adjustment (更正): the group as it should "
                        "stand, from a roster file, written as a correcting adjustment",
                        parents=[common])
    g.add_argument("--db", required=True, type=Path)
    g.add_argument("file", type=Path, help="the corrected roster (.txt or .xlsx, as for import)")
    g.add_argument("--adjustment", required=True, type=int,
                   help="the id of the adjustment to correct (qdesk group show lists them)")
    g.add_argument("--date", required=True, type=_date, help="the date it takes effect")
    g.add_argument("--doc", required=True, help="the correcting document's number (文号)")
    g.add_argument("--reason", default="", help="why (更正事由)")
    g = gsub.add_parser("withdraw", help="undo an adjustment by a correcting one (撤销)",
                        parents=[common])
    g.add_argument("--db", required=True, type=Path)
    g.add_argument("--adjustment", required=True, type=int,
                   help="the id of the adjustment to withdraw (qdesk group show lists them)")
    g.add_argument("--date", required=True, type=_date, help="the date it takes effect")
    g.add_argument("--doc", required=True, help="the withdrawing document's number (文号)")
    g.add_argument("--reason", default="", help="why (撤销事由)")

    _targets_parser(sub, common)

    p = sub.add_parser("check", help="integrity and consistency of a database", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--quick", action="store_true", help="SQLite's quick check instead of the full one")

    p = sub.add_parser("backup", help="back the database up now", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--out", type=Path, help="a file of your own (default: the backup folder, in "
                                            "rotation)")
    p.add_argument("--list", action="store_true", help="list the backups in the backup folder")

    p = sub.add_parser("restore", help="put a backup in the database's place (the current file "
                                       "is backed up first)", parents=[common])
    p.add_argument("--db", required=True, type=Path)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("backup", nargs="?", type=Path, help="the backup file")
    which.add_argument("--newest", action="store_true", help="the newest backup that is sound")
    return parser


def _targets_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("targets", help="the units' own targets (目标责任书) as one sheet",
                       parents=[common])
    tsub = p.add_subparsers(dest="targets_command", required=True, parser_class=_Parser)
    t = tsub.add_parser("export", help="units × indicators for a year, the plan's target beside",
                        parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("--year", required=True, type=int)
    t.add_argument("--out", required=True, type=Path)
    t = tsub.add_parser("import", help="a filled targets sheet, all or nothing", parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("file", type=Path)
    t.add_argument("--check", action="store_true",
                   help="report what would change, change nothing")


def _task_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("task", help="the task ledger (重点任务, DESIGN §13)", parents=[common])
    tsub = p.add_subparsers(dest="task_command", required=True, parser_class=_Parser)
    t = tsub.add_parser("list", help="the period's tasks with status, progress and done day",
                        parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("--period", required=True)
    t.add_argument("--unit", help="the unit whose ledger (default: the office's own)")
    t.add_argument("--status", help="only this status (未启动|推进中|已完成|滞后, or its code)")
    t.add_argument("--lead", help="only the tasks this unit leads")
    t.add_argument("--format", choices=("table", "json"), default="table")
    t = tsub.add_parser("set", help="one task's status, progress and done day", parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("--period", required=True)
    t.add_argument("--task", required=True)
    t.add_argument("--unit", help="the unit whose ledger (default: the office's own)")
    t.add_argument("--status", required=True)
    t.add_argument("--progress", default="")
    t.add_argument("--done", default="", help="the day it was done, YYYY-MM-DD")
    t = tsub.add_parser("export", help="one sheet per lead unit, to fill and return",
                        parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("--period", required=True)
    t.add_argument("--out", required=True, type=Path, help="the folder the sheets go in")
    t = tsub.add_parser("import", help="returned task sheets, checked whole", parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("files", nargs="+", type=Path)
    t.add_argument("--check", action="store_true", help="check only, change nothing")
    t = tsub.add_parser("draft", help="the period's 工作开展情况 drawn from the ledger",
                        parents=[common])
    t.add_argument("--db", required=True, type=Path)
    t.add_argument("--period", required=True)


def _assess_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("assess", help="the assessment (考核) of the subordinate units for a year",
                       parents=[common])
    p.add_argument("--db", type=Path)
    p.add_argument("--year", type=int)
    p.add_argument("--unit", help="one unit's breakdown: where every point came from")
    p.add_argument("--format", choices=("table", "json"), default="table")
    asub = p.add_subparsers(dest="assess_command", parser_class=_Parser)
    a = asub.add_parser("score", help="the assessor's points for a manual item", parents=[common])
    a.add_argument("--points", required=True)
    a.add_argument("--reason", required=True)
    for kind in ("bonus", "penalty"):
        b = asub.add_parser(kind, help=f"enter a {kind} with its reason and document",
                            parents=[common])
        b.add_argument("--count", default="1")
        b.add_argument("--reason", required=True)
        b.add_argument("--doc", help="the document number (文号) behind it")
    asub.add_parser("publish", help="publish the year's results, which locks them",
                    parents=[common])
    u = asub.add_parser("unpublish", help="open a published year again, with a reason",
                        parents=[common])
    u.add_argument("--reason", required=True)
    e = asub.add_parser("export", help="the score table as a workbook", parents=[common])
    e.add_argument("--out", required=True, type=Path)
    for name, parser in asub.choices.items():
        parser.add_argument("--db", required=True, type=Path)
        parser.add_argument("--year", required=True, type=int)
        if name in ("score", "bonus", "penalty"):
            parser.add_argument("--unit", required=True)
            parser.add_argument("--item", required=True)


def _reference_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("reference", help="reference figures (参照值: 全省平均) targets compare with",
                       parents=[common])
    rsub = p.add_subparsers(dest="reference_command", required=True, parser_class=_Parser)
    r = rsub.add_parser("set", help="the office's reference figure for an indicator and period, "
                                    "for every unit", parents=[common])
    r.add_argument("--db", required=True, type=Path)
    r.add_argument("--period", required=True)
    r.add_argument("--indicator", required=True)
    r.add_argument("--value", required=True, help="the figure, as a rate's percentage (93.5)")
    r.add_argument("--note", help="where it comes from (省局通报…)")
    r = rsub.add_parser("clear", help="remove a reference figure", parents=[common])
    r.add_argument("--db", required=True, type=Path)
    r.add_argument("--period", required=True)
    r.add_argument("--indicator", required=True)
    r = rsub.add_parser("list", help="the reference figures entered", parents=[common])
    r.add_argument("--db", required=True, type=Path)
    r.add_argument("--period", help="of this period only")
    r.add_argument("--format", choices=("table", "json"), default="table")


def _settings_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("settings", help="the database's settings: operator, issuing organ, "
                                        "签发人, 抄送 … (DESIGN §14)", parents=[common])
    ssub = p.add_subparsers(dest="settings_command", required=True, parser_class=_Parser)
    s = ssub.add_parser("show", help="every setting and its value", parents=[common])
    s.add_argument("--db", required=True, type=Path)
    s = ssub.add_parser("set", help="set one setting (an empty VALUE clears it; 抄送 takes one "
                                    "organ a line)", parents=[common])
    s.add_argument("--db", required=True, type=Path)
    s.add_argument("key")
    s.add_argument("value")
    p = sub.add_parser("keys", help="signing keys: this office's own, its units' (DESIGN §9)",
                       parents=[common])
    ksub = p.add_subparsers(dest="keys_command", required=True, parser_class=_Parser)
    k = ksub.add_parser("show", help="this office's key fingerprint, to give the superior "
                                     "(the key is made on first need)", parents=[common])
    k.add_argument("--db", required=True, type=Path)
    k = ksub.add_parser("list", help="the subordinate units' keys, kept from their first package",
                        parents=[common])
    k.add_argument("--db", required=True, type=Path)
    k.add_argument("--all", action="store_true", help="forgotten keys too")
    k.add_argument("--format", choices=("table", "json"), default="table")
    k = ksub.add_parser("forget", help="forget a unit's key, so its next package brings a new one "
                                       "(after a telephone check)", parents=[common])
    k.add_argument("--db", required=True, type=Path)
    k.add_argument("unit", help="the unit's code")
    k.add_argument("--reason", required=True)
    p = sub.add_parser("review", help="the review (审核) of the packages subordinate units send "
                                      "(DESIGN §9)", parents=[common])
    rsub = p.add_subparsers(dest="review_command", required=True, parser_class=_Parser)
    r = rsub.add_parser("list", help="each subordinate unit's return for the period and its review",
                        parents=[common])
    r.add_argument("--db", required=True, type=Path)
    r.add_argument("--period", required=True)
    r.add_argument("--format", choices=("table", "json"), default="table")
    for decision, said in (("accept", "mark the unit's package for the period reviewed (已审核)"),
                           ("return", "return the unit's package for the period, with the reason "
                                      "(已退回): its next package is the correction")):
        r = rsub.add_parser(decision, help=said, parents=[common])
        r.add_argument("--db", required=True, type=Path)
        r.add_argument("--unit", required=True, help="the unit's code")
        r.add_argument("--period", required=True)
        r.add_argument("--reason", required=decision == "return", default="")
    p = sub.add_parser("docnumbers", help="the 发文字号 register", parents=[common])
    dsub = p.add_subparsers(dest="docnumbers_command", required=True, parser_class=_Parser)
    d = dsub.add_parser("list", help="the numbers taken, with their documents", parents=[common])
    d.add_argument("--db", required=True, type=Path)
    d.add_argument("--year", type=int, help="of this year only")
    d.add_argument("--format", choices=("table", "json"), default="table")
    d = dsub.add_parser("withdraw", help="mark a document withdrawn (its number stays taken)",
                        parents=[common])
    d.add_argument("--db", required=True, type=Path)
    d.add_argument("--year", type=int, required=True)
    d.add_argument("--number", type=int, required=True)
    d.add_argument("--reason", required=True)


def _database_alone(argv: Sequence[str]) -> list[str]:
    """`qdesk PATH` is `qdesk gui PATH`: a first word that is no command but a file's name (one
    that exists, or has a folder or a suffix) opens that file; any other word is a usage error.
    `qdesk --import FILE` is `qdesk gui --import FILE`, as the installer's file types run it."""
    words = list(argv)
    first = 0
    while first < len(words) and words[first].startswith("--lang"):
        first += 1 if "=" in words[first] else 2
    if first < len(words) and words[first].split("=")[0] == "--import":
        words.insert(first, "gui")
    elif first < len(words) and words[first] not in _COMMANDS and not words[first].startswith("-"):
        path = Path(words[first])
        if path.exists() or path.suffix or len(path.parts) > 1:
            words.insert(first, "gui")
    return words


# The options that take what a clerk types: a note, a reason, a name, a title, a document number.
FREE_TEXT = frozenset({"--note", "--reason", "--name", "--unit-name", "--title", "--progress",
                       "--doc"})
_LONG_OPTION = re.compile(r"--[a-z][a-z0-9-]*(=|$)")


def _free_text_joined(argv: Sequence[str]) -> list[str]:
    """`--note -2+3` as `--note=-2+3`: argparse takes a value that begins with '-' for an option
    and refuses the command, though free text may well begin so. A value that looks like a long
    option (`--period`) is left alone, so that a forgotten value is still said to be missing;
    such a text is given as `--note=--period`."""
    words = list(argv)
    joined: list[str] = []
    at = 0
    while at < len(words):
        word = words[at]
        if word == "--":
            return joined + words[at:]
        value = words[at + 1] if at + 1 < len(words) else None
        if (word in FREE_TEXT and value is not None and value.startswith("-")
                and not _LONG_OPTION.match(value)):
            joined.append(f"{word}={value}")
            at += 2
        else:
            joined.append(word)
            at += 1
    return joined


def usable_streams() -> None:
    """Make stdout and stderr able to write Chinese, so no command fails after doing its work.

    Redirected to a file or a pipe on a Western code page (cp1252) or an ASCII locale, they are
    switched to UTF-8, as the bundled program runs anyway (UTF-8 mode): a file gets every
    character. A terminal that cannot show Chinese (a POSIX terminal in the C locale; a Windows
    console is always Unicode) keeps its encoding and shows "?" for what it cannot, since bytes
    of UTF-8 would show as garbage there.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            "质量".encode(stream.encoding or "ascii")
            continue
        except (UnicodeEncodeError, LookupError):
            pass
        try:
            console = stream.isatty()
        except ValueError:      # closed: nothing will be written to it
            continue
        if console:
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="strict")


def main(argv: Sequence[str] | None = None) -> int:
    usable_streams()
    parser = build_parser()
    args = parser.parse_args(
        _database_alone(_free_text_joined(sys.argv[1:] if argv is None else argv)))
    lang = args.lang or os.environ.get("QDESK_LANG", "zh")[:2].lower()
    set_language(lang if lang in ("zh", "en") else "zh")
    if args.command is None:
        args = parser.parse_args(["gui"])
    try:
        return _COMMANDS[args.command](args)
    except QdeskError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_REFUSED
    except sqlite3.Error as exc:  # a failed write: a full disk, a vanished drive; else a bug
        from qdesk.store.database import explain

        explained = explain(getattr(args, "db", None) or Path("qdesk"), exc)
        if explained is None:
            raise
        print(explained.render(), file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # the reader (`| head`) has gone: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # a bug: say so plainly, with the trace for the report
        from qdesk.files import disk_full, is_disk_full

        if is_disk_full(exc):  # a full disk the command's own writer did not word: still no bug
            where = getattr(exc, "filename", None) or getattr(args, "out", None) or "qdesk"
            print(disk_full(where).render(), file=sys.stderr)
            return EXIT_REFUSED
        traceback.print_exc()
        print(msg("qdesk failed unexpectedly; the trace above says where",
                  "qdesk 意外出错，详情见上方的错误跟踪").render(), file=sys.stderr)
        return EXIT_FAILED


def _open(path: Path, exclusive: bool = True) -> Store:
    """The database, its warnings (a network share) said on stderr before the command's output.

    A command that writes first finishes a package a stopped export left (complete_pending),
    then takes the day's first backup, as the workbench does at start; one that cannot be made
    is said, and the command goes on (imports and submissions back up again, and stop if that
    fails).
    """
    from qdesk.store.database import open_store
    from qdesk.store.recovery import start_backup
    from qdesk.store.settings import get_setting

    store = open_store(path, exclusive=exclusive)
    for warning in store.warnings:
        print(warning.render(), file=sys.stderr)
    if exclusive and not store.read_only:
        from qdesk.submission import complete_pending

        for done in complete_pending(store):
            print(done.render(), file=sys.stderr)
        try:
            start_backup(store.path, get_setting(store, "backup_folder"))
        except QdeskError as exc:
            print(exc.render(), file=sys.stderr)
    return store


def _gui(args: argparse.Namespace) -> int:
    from qdesk.exchange.package import is_package
    from qdesk.gui.app import run

    path, package = args.path, args.package
    if path is not None and is_package(path):   # `qdesk FILE.qdpkg` imports it, as --import does
        if package is not None and package != path:
            print("qdesk gui: give one package to import", file=sys.stderr)
            return EXIT_USAGE
        path, package = None, path
    if path and args.db and path != args.db:
        print("qdesk gui: give the database once, as PATH or --db", file=sys.stderr)
        return EXIT_USAGE
    # A file named as PATH is one the clerk opened (double-clicked, or typed alone): it must be
    # there. --db may name a database still to be set up.
    return run(path or args.db, package, named=path is not None)


def _demo(args: argparse.Namespace) -> int:
    from qdesk.demo import build_demo

    summary = build_demo(args.db, force=args.force)
    print(msg("demo database written to {path}: {unit}, plan {plan}, {entries} entries, "
              "latest quarter {latest}",
              "示例数据库已生成：{path}（{unit}，方案“{plan}”，{entries}条填报，最近季度{latest}）",
              **summary).render())
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    path = find_template(args.template)
    create_database(args.db, path, args.unit_code, args.unit_name)
    print(msg("database created: {db}", "数据库已创建：{db}", db=str(args.db)).render())
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    if args.template_command == "new":
        return _template_new(args)
    if args.template_command == "import":
        return _template_import(args)
    from qdesk.plans.template import load_template

    failed = False
    for path in args.files:
        try:
            plan = load_template(path)
        except QdeskError as exc:
            failed = True
            print(exc.render(), file=sys.stderr)
            continue
        print(msg("{path}: ok — {title}, {start}–{end}, {count} indicators",
                  "{path}：通过 — {title}，{start}—{end}年，{count}项指标",
                  path=str(path), title=plan.title, start=plan.start_year, end=plan.end_year,
                  count=len(plan.indicators)).render())
    return EXIT_REFUSED if failed else EXIT_OK


def _template_new(args: argparse.Namespace) -> int:
    from qdesk.files import check_new_file, write_text_whole
    from qdesk.plans.new_template import copy_of, new_plan_id, skeleton

    check_new_file(args.out, args.force)
    if args.source:
        plan_id = args.id or new_plan_id(args.out, Path(args.source).stem)
        write_text_whole(args.out, copy_of(args.source, plan_id))
        said = msg("{path}: a copy of {source} as plan {id}; it passes template check",
                   "已生成“{path}”：方案{source}的副本，方案编号{id}，可直接通过 template check",
                   path=str(args.out), source=args.source, id=plan_id)
    else:
        write_text_whole(args.out, skeleton(args.id or new_plan_id(args.out)))
        said = msg("{path}: a skeleton; fill in every field marked 【必填】, then run "
                   "qdesk template check {path}",
                   "已生成“{path}”：模板骨架。请填写所有标有“【必填】”的字段，然后运行 "
                   "qdesk template check {path}", path=str(args.out))
    print(said.render())
    return EXIT_OK


def _template_import(args: argparse.Namespace) -> int:
    from qdesk.exchange.indicator_table import PlanHead, indicator_table_template
    from qdesk.files import check_new_file, write_text_whole
    from qdesk.plans.new_template import new_plan_id
    from qdesk.plans.template import parse_template

    check_new_file(args.out, args.force)
    text = indicator_table_template(args.file, PlanHead(
        args.id, args.title, args.start, args.end, new_plan_id(args.out) or None))
    write_text_whole(args.out, text)
    plan = parse_template(text.encode("utf-8"), str(args.out))
    print(msg("{path}: plan {id}, {title}, {start}–{end}, {count} indicators",
              "已生成“{path}”：方案{id}，{title}，{start}—{end}年，{count}项指标",
              path=str(args.out), id=plan.id, title=plan.title, start=plan.start_year,
              end=plan.end_year, count=len(plan.indicators)).render())
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    if args.plan_command == "export":
        from qdesk.exchange.plan_file import export_plan
        from qdesk.files import check_new_file

        check_new_file(args.out, args.force)
        with _open(args.db, exclusive=False) as store:
            export_plan(store, args.out, args.force)
        print(msg("written: {path}", "已导出：{path}", path=str(args.out)).render())
        return EXIT_OK
    from qdesk.plans.template import load_template
    from qdesk.store.plans import check_plan_update, update_plan
    from qdesk.views.plan_update import describe

    plan = load_template(args.template)
    text = args.template.read_bytes().decode("utf-8-sig")
    with _open(args.db, exclusive=not args.check) as store:
        changes = check_plan_update(store, plan)
        if not args.check:
            update_plan(store, plan, text)
    for line in describe(changes):
        print(line)
    if changes:
        print((msg("would update the plan (nothing changed)", "检查通过（未做任何修改）")
               if args.check else msg("plan updated; every figure kept",
                                      "方案已更新，已有数据全部保留")).render())
    return EXIT_OK


def _set(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period
    from qdesk.core.plausibility import require_explanations
    from qdesk.store.entries import EntryInput, figure_warnings_of, set_entries
    from qdesk.store.plans import load_plan
    from qdesk.store.units import find_unit

    if args.value is None and args.numerator is None and args.denominator is None \
            and not args.none:
        print("qdesk set: give --numerator and --denominator, --value, or --none",
              file=sys.stderr)
        return EXIT_USAGE
    period = Period.parse(args.period)
    with _open(args.db) as store:
        plan = load_plan(store)
        unit = find_unit(store, args.unit)
        items = [EntryInput(args.indicator, args.numerator, args.denominator, args.value,
                            args.note, args.none)]
        # As the grid asks on saving: an unlikely figure is written only with its explanation.
        warnings = figure_warnings_of(store, plan, unit, period, items)
        require_explanations(warnings, {args.indicator: args.note})
        for found in warnings.values():
            for warning in found:
                print(msg("warning: {code}: {text}", "提示：{code}：{text}",
                          code=warning.indicator, text=warning.message).render(),
                      file=sys.stderr)
        changed = set_entries(store, plan, unit, period, items)
    print(msg("{code} for {unit} in {period}: {what}", "{unit} {period} {code}：{what}",
              code=args.indicator, unit=unit.name, period=str(period),
              what=msg("saved", "已保存") if changed else msg("unchanged", "未变化")).render())
    return EXIT_OK


def _reference(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period
    from qdesk.store.plans import load_plan
    from qdesk.store.references import ReferenceInput, reference_figures, set_references

    period = Period.parse(args.period) if args.period else None
    if args.reference_command == "list":
        with _open(args.db, exclusive=False) as store:
            plan = load_plan(store)
            figures = reference_figures(store, period)
        if args.format == "json":
            print(json.dumps([{"indicator": f.indicator, "period": str(f.period),
                               "value": str(f.value), "note": f.note} for f in figures],
                             ensure_ascii=False, indent=2))
            return EXIT_OK
        zh = language() == "zh"
        rows = [["代码", "指标", "报告期", "参照值", "来源"] if zh
                else ["code", "indicator", "period", "reference", "note"]]
        for f in figures:
            indicator = plan.indicator(f.indicator)
            unit = indicator.unit if indicator else ""
            rows.append([f.indicator, indicator.name if indicator else "",
                         f.period.label_zh() if zh else str(f.period), f"{f.value}{unit}",
                         f.note or ""])
        print(_columns(rows))
        return EXIT_OK
    assert period is not None, "set and clear require --period"
    value = args.value if args.reference_command == "set" else None
    with _open(args.db) as store:
        plan = load_plan(store)
        changed = set_references(store, plan, period, [ReferenceInput(
            args.indicator, value, getattr(args, "note", None))])
    what = (msg("cleared", "已清除") if value is None else msg("saved", "已保存")) if changed \
        else msg("unchanged", "未变化")
    print(msg("reference figure of {code} in {period}: {what}", "{period} {code} 参照值：{what}",
              code=args.indicator, period=str(period), what=what).render())
    return EXIT_OK


def _settings(args: argparse.Namespace) -> int:
    from qdesk.store.settings import KEYS, LABELS, get_setting, set_setting

    if args.settings_command == "show":
        with _open(args.db, exclusive=False) as store:
            rows = [[key, LABELS[key].render(), get_setting(store, key).replace("\n", "；")]
                    for key in KEYS]
        print(_columns(rows))
        return EXIT_OK
    with _open(args.db) as store:
        set_setting(store, args.key, args.value)
        value = get_setting(store, args.key)
    print(msg("{label} ({key}) set to {value!r}", "{label}（{key}）已设为“{value}”",
              label=LABELS[args.key].render(), key=args.key, value=value).render())
    return EXIT_OK


def _keys(args: argparse.Namespace) -> int:
    from qdesk.views.keys import COLUMNS, key_rows, own_key_line

    if args.keys_command == "show":
        from qdesk.exchange.package import own_private_key
        from qdesk.store.keys import own_fingerprint

        # Read while the workbench holds the file; only making the key needs it alone.
        with _open(args.db, exclusive=False) as store:
            made = own_fingerprint(store) is not None
            line = own_key_line(store)
        if not made:
            with _open(args.db) as store:
                own_private_key(store)
                line = own_key_line(store)
        print(line.render())
        return EXIT_OK
    if args.keys_command == "forget":
        from qdesk.store.keys import forget_unit_key

        with _open(args.db) as store:
            forgotten = forget_unit_key(store, args.unit, args.reason)
        print(msg("forgotten: the key {fingerprint} of unit {code}; its next package brings the key "
                  "to keep", "已忘记单位{code}的密钥（指纹{fingerprint}），将保存其下一个数据包的密钥",
                  code=forgotten.unit_code, fingerprint=forgotten.fingerprint).render())
        return EXIT_OK
    with _open(args.db, exclusive=False) as store:
        rows = key_rows(store, forgotten=args.all)
    if args.format == "json":
        print(json.dumps([{"unit": r.unit_code, "name": r.unit_name, "fingerprint": r.fingerprint,
                           "first_seen": r.first_seen, "package": r.package,
                           "forgotten": r.forgotten or None} for r in rows],
                         ensure_ascii=False, indent=2))
    elif rows:
        print(_columns([[c.render() for c in COLUMNS[:5 + args.all]]]
                       + [[r.unit_code, r.unit_name, r.fingerprint, r.first_seen, r.package,
                           r.forgotten][:5 + args.all] for r in rows]))
    else:
        print(msg("no unit's key is kept yet", "尚未保存任何下级单位的密钥").render())
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period
    from qdesk.store.reviews import Review, review_package

    period = Period.parse(args.period)
    if args.review_command != "list":
        decision = Review.ACCEPTED if args.review_command == "accept" else Review.RETURNED
        from qdesk.store.units import find_unit

        with _open(args.db) as store:
            changed = review_package(store, args.unit, period, decision, args.reason)
            name = find_unit(store, args.unit).name
        said = msg("{unit} {period}: accepted", "{unit}{period}的数据包：已审核", unit=name,
                   period=period.label_zh()) if decision is Review.ACCEPTED else msg(
            "{unit} {period}: returned; its next package is the correction",
            "{unit}{period}的数据包：已退回，待重报", unit=name, period=period.label_zh())
        print(said.render() + ("" if changed else msg(" (as before)", "（与原审核结果相同）").render()))
        return EXIT_OK
    from qdesk.store.completeness import arrivals
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit

    with _open(args.db, exclusive=False) as store:
        sent = arrivals(store, load_plan(store), home_unit(store), period)
    if args.format == "json":
        print(json.dumps([{"unit": a.unit.code, "name": a.unit.name, "arrival": a.arrival.value,
                           "channel": a.channel.value if a.channel else None,
                           "review": a.review.state.value if a.review else None,
                           "reason": a.review.reason if a.review else None,
                           "reviewed_by": a.review.reviewed_by if a.review else None,
                           "reviewed_at": a.review.reviewed_at if a.review else None}
                          for a in sent], ensure_ascii=False, indent=2))
    elif sent:
        print(_columns([["单位代码", "单位名称", "报送情况", "报送方式", "审核"]]
                       + [[a.unit.code, a.unit.name, a.arrival.label_zh,
                           a.channel.label_zh if a.channel else "—",
                           a.review.label_zh if a.review else "—"] for a in sent]))
    else:
        print(msg("no subordinate unit reports for {period}", "{period}没有应报送的下级单位",
                  period=period.label_zh()).render())
    return EXIT_OK


def _docnumbers(args: argparse.Namespace) -> int:
    from qdesk.store.doc_numbers import register, withdraw_number
    from qdesk.store.settings import get_setting

    if args.docnumbers_command == "withdraw":
        with _open(args.db) as store:
            code = get_setting(store, "organ_code")
            withdraw_number(store, code, args.year, args.number, args.reason)
        print(msg("withdrawn; the number stays taken", "已撤回，该发文字号不再使用").render())
        return EXIT_OK
    with _open(args.db, exclusive=False) as store:
        taken = register(store, args.year)
    if args.format == "json":
        print(json.dumps([{"doc_number": n.text, "organ_code": n.organ_code, "year": n.year,
                           "number": n.number, "kind": n.kind, "title": n.title,
                           "date": n.issued_on.isoformat() if n.issued_on else None,
                           "operator": n.taken_by, "withdrawn": n.withdrawn_reason}
                          for n in taken], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not taken:
        print(msg("no document number taken yet", "尚未使用任何发文字号").render())
        return EXIT_OK
    zh = language() == "zh"
    rows = [["发文字号", "文件", "成文日期", "经办人", "撤回"] if zh
            else ["number", "document", "date", "operator", "withdrawn"]]
    rows += [[n.text, n.title, n.issued_on.isoformat() if n.issued_on else "", n.taken_by,
              n.withdrawn_reason or ""] for n in taken]
    print(_columns(rows))
    return EXIT_OK


def _task(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period
    from qdesk.core.tasks import TaskProgress, TaskStatus, parse_day
    from qdesk.store.plans import load_plan
    from qdesk.store.tasks import write_progress
    from qdesk.store.units import find_unit
    from qdesk.views.task_ledger import ledger_json, ledger_table, task_ledger, work_draft

    if args.task_command == "import":
        return _task_import(args)
    period = Period.parse(args.period)
    today = dt.date.today()
    if args.task_command in ("list", "draft"):
        with _open(args.db, exclusive=False) as store:
            plan = load_plan(store)
            plan.check_period(period)
            ledger = task_ledger(store, plan, find_unit(store, getattr(args, "unit", None)),
                                 period, today)
        if args.task_command == "draft":
            print(work_draft(ledger))
            return EXIT_OK
        status = TaskStatus.parse(args.status) if args.status else None
        rows = ledger.filtered(status, args.lead)
        if args.format == "json":
            print(json.dumps(ledger_json(ledger, rows), ensure_ascii=False, indent=2))
        else:
            print(_columns(ledger_table(rows)))
        return EXIT_OK
    if args.task_command == "export":
        from qdesk.exchange.task_sheet import write_task_sheets

        with _open(args.db, exclusive=False) as store:
            written = write_task_sheets(store, period, args.out)
        for path in written:
            print(path)
        return EXIT_OK
    with _open(args.db) as store:
        plan = load_plan(store)
        unit = find_unit(store, args.unit)
        row = TaskProgress(args.task, unit.code, period, TaskStatus.parse(args.status),
                           args.progress, parse_day(args.done))
        changes = write_progress(store, plan, [row], today)
    print((msg("saved", "已保存") if changes else msg("unchanged", "未变化")).render())
    return EXIT_OK


def _task_import(args: argparse.Namespace) -> int:
    from qdesk.exchange.task_sheet import import_task_sheets

    with _open(args.db, exclusive=not args.check) as store:
        imported = import_task_sheets(store, args.files, dry_run=args.check)
    print(msg("{verb}: {rows} task rows from {files} sheet(s)",
              "{verb}：{files}个任务表，{rows}项任务进展",
              verb=msg("would import (nothing changed)", "检查通过（未做任何修改）")
              if args.check else msg("imported", "已导入"),
              rows=len(imported.rows), files=len(imported.files)).render())
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period
    from qdesk.store.plans import load_plan
    from qdesk.store.status import period_status, status_record
    from qdesk.store.units import find_unit

    period = Period.parse(args.period)
    with _open(args.db, exclusive=False) as store:
        plan = load_plan(store)
        unit = find_unit(store, args.unit)
        assessments = period_status(store, plan, unit, period, args.as_of)
    records = [status_record(a) for a in assessments]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{unit.name}  {period.label_zh() if language() == 'zh' else period}  {plan.title}")
    print(_table(assessments))
    return EXIT_OK


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(assessments: list[Assessment]) -> str:
    from qdesk.views.entry_sheet import rolled_up_note

    zh = language() == "zh"
    head = (["代码", "指标", "数值", "目标", "状态", "进度"] if zh
            else ["code", "indicator", "value", "target", "status", "on track"])
    rows = []
    for a in assessments:
        ind = a.indicator
        value = a.shown or "—"
        track = {True: "正常" if zh else "on track", False: "滞后" if zh else "behind",
                 None: ""}[a.on_track]
        if a.rolled_up:
            track = " ".join(filter(None, [track, rolled_up_note(
                a.reported or 0, a.units or 0, a.not_applicable or 0).render()]))
        rows.append([ind.code, ind.name, value, a.target.label(ind.unit) if a.target else "",
                     a.status.label_zh if zh else a.status.value, track])
    return _columns([head, *rows])


def _columns(rows: list[list[str]]) -> str:
    """Rows of cells as aligned columns, a wide character taking two places."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _report(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period

    if args.kind in ("assessment", "self-evaluation"):
        from qdesk.reports.assessment_report import build_assessment_notice, build_self_evaluation

        if args.year is None:
            print(f"qdesk report {args.kind}: --year is required", file=sys.stderr)
            return EXIT_USAGE
        build = build_assessment_notice if args.kind == "assessment" else build_self_evaluation
        with _open(args.db) as store:
            result = build(store, args.year, args.out, args.date, args.doc_number)
    elif args.kind == "target-book":
        from qdesk.reports.responsibility import build_responsibility

        if args.year is None or args.unit is None:
            print("qdesk report target-book: --unit and --year are required", file=sys.stderr)
            return EXIT_USAGE
        with _open(args.db, exclusive=False) as store:
            result = build_responsibility(store, args.unit, args.year, args.out, args.date)
    elif args.kind == "reminder":
        from qdesk.reports.reminder import build_reminder

        if not args.period:
            print("qdesk report reminder: --period is required", file=sys.stderr)
            return EXIT_USAGE
        period = Period.parse(args.period)
        with _open(args.db) as store:
            result = build_reminder(store, period, args.out, args.date, args.doc_number)
    elif args.kind in ("roster", "adjustment"):
        from qdesk.reports.group_report import build_adjustment_notice, build_roster

        if args.doc_number is not None:
            print(f"qdesk report {args.kind}: --doc-number is not taken (the roster has no "
                  "number; the notice prints its adjustment's, chosen with --doc)",
                  file=sys.stderr)
            return EXIT_USAGE
        with _open(args.db, exclusive=False) as store:
            if args.kind == "roster":
                result = build_roster(store, args.out, args.date)
            else:
                result = build_adjustment_notice(store, args.out, args.doc, args.date)
    else:
        from qdesk.reports.period_report import build_report

        if not args.period:
            print(f"qdesk report {args.kind}: --period is required", file=sys.stderr)
            return EXIT_USAGE
        period = Period.parse(args.period)
        with _open(args.db) as store:
            result = build_report(store, args.kind, period, args.out, args.date,
                                  args.doc_number)
    for warning in result.warnings:
        print(warning.render(), file=sys.stderr)
    if result.stand_ins is not None:
        print(result.stand_ins.render(), file=sys.stderr)
    print(msg("report written to {path} (fonts: {fonts})", "报告已生成：{path}（字体：{fonts}）",
              path=str(result.path), fonts=result.fonts).render())
    if result.doc_number:
        print(msg("document number: {number}", "发文字号：{number}",
                  number=result.doc_number).render())
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from qdesk.core.periods import Period
    from qdesk.exchange.export import export_csv, export_xlsx
    from qdesk.store.plans import load_plan

    period = Period.parse(args.period)
    # Only a package records a submission; the other exports read.
    with _open(args.db, exclusive=args.format == "package") as store:
        load_plan(store).check_period(period)
        if args.format == "package":
            from qdesk.submission import build_package

            written = str(build_package(store, period, args.out, force=args.force))
        elif args.format == "sheets":
            from qdesk.exchange.blank_sheet import write_blank_sheets

            sheets = write_blank_sheets(store, period, args.out)
            written = msg("{count} sheets in {folder}", "{folder}中的{count}份填报表",
                          count=len(sheets), folder=str(args.out)).render()
        else:
            written = str((export_xlsx if args.format == "xlsx" else export_csv)(store, period,
                                                                                 args.out))
    print(msg("written: {path}", "已导出：{path}", path=written).render())
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from qdesk.exchange.imports import import_files
    from qdesk.store.plans import load_plan
    from qdesk.views.figure_changes import change_lines, removal_lines, warning_lines

    with _open(args.db, exclusive=not args.check) as store:
        imported = import_files(store, args.files, replace=args.replace, dry_run=args.check,
                                add_units=args.add_units)
        plan = load_plan(store)
    summary = imported.written
    if args.check and summary.updates:
        print(msg("figures already stored that would change ({count}):",
                  "将修改的已有数据（{count}条）：", count=len(summary.updates)).render())
        for line in change_lines(summary.updates):
            print("  " + line)
    for key in imported.new_keys:
        print(msg("{verb} the signing key of {name} ({code}), fingerprint {fingerprint}: confirm it "
                  "with the unit by telephone", "{verb}{name}（{code}）的签名密钥，指纹{fingerprint}，"
                  "请与该单位电话核对", verb=msg("would keep", "将保存") if args.check
                  else msg("kept", "已保存"), name=key.unit_name, code=key.unit_code,
                  fingerprint=key.fingerprint).render())
    if imported.removed:
        print(msg("{verb} {count} figure(s) the corrected package no longer holds (the audit trail "
                  "keeps them):", "{verb}更正后的数据包中已没有的数据{count}条（原值记入审计记录）：",
                  verb=msg("would remove", "将删除") if args.check else msg("removed", "已删除"),
                  count=len(imported.removed)).render())
        for line in removal_lines(imported.removed):
            print("  " + line)
    if imported.registered:
        print(msg("{verb} {count} unit(s): {units}", "{verb}{count}个下级单位：{units}",
                  verb=msg("would register", "将登记") if args.check else msg("registered", "已登记"),
                  count=len(imported.registered),
                  units="、".join(f"{u.code} {u.name}" for u in imported.registered)).render())
    print(msg("{verb}: {inserted} new, {updated} changed, {unchanged} unchanged",
              "{verb}：新增{inserted}条，修改{updated}条，未变{unchanged}条",
              verb=msg("would import (nothing changed)", "检查通过（未做任何修改）")
              if args.check else msg("imported", "已导入"),
              inserted=summary.inserted, updated=summary.updated,
              unchanged=summary.unchanged).render())
    if summary.updates and not args.check:
        print(msg("{count} figure(s) already stored were changed; the audit trail keeps what they "
                  "were (qdesk import --check lists them before)",
                  "已修改已有数据{count}条，原值已记入审计记录（导入前可用 qdesk import --check 逐条查看）",
                  count=len(summary.updates)).render())
    if imported.task_sheets:
        print(msg("task sheets: {files}, {rows} task rows", "任务表{files}个，任务进展{rows}项",
                  files=len(imported.task_sheets), rows=imported.task_rows).render())
    if imported.warnings:
        print(msg("{count} figure(s) look unlikely and have no note to say why: ask the unit, "
                  "then give the reason in the sheet's 备注 and import it again, or in the "
                  "workbench's 数据填报",
                  "以下{count}条数据与以往相差较大，且未在备注中说明原因，请向填报单位核实，"
                  "在填报表备注中说明后重新导入，或在工作台“数据填报”中补充说明：",
                  count=len(imported.warnings)).render(), file=sys.stderr)
        for line in warning_lines(plan, imported.warnings):
            print("  " + line, file=sys.stderr)
    return EXIT_OK


def _unit(args: argparse.Namespace) -> int:
    if args.unit_command == "list":
        with _open(args.db, exclusive=False) as store:
            return _unit_list(store, args)
    if args.unit_command == "import":
        return _unit_import(args)
    if args.unit_command == "add" and args.all:
        return _unit_add_all(args)
    from qdesk.core.errors import InputError
    from qdesk.exchange.unit_list import in_columns

    with _open(args.db) as store:
        try:
            changes = _unit_change(store, args)
        except InputError as exc:
            raise in_columns(exc) from None
    print((msg("saved", "已保存") if changes else msg("unchanged", "未变化")).render())
    return EXIT_OK


def _unit_change(store: Store, args: argparse.Namespace) -> Changes:
    from qdesk.store import units

    if args.unit_command == "add":
        if args.name is None:
            from qdesk.core.units import parse_level
            from qdesk.exchange.divisions import named_unit

            named = named_unit(args.code, parse_level(args.level))
            return units.add_unit(store, named.code, named.name, named.level, args.credit_code)
        return units.add_unit(store, args.code, args.name, args.level, args.credit_code)
    if args.unit_command == "rename":
        return units.rename_unit(store, args.code, args.name)
    if args.unit_command == "retire":
        return units.retire_unit(store, args.code, args.date)
    if args.unit_command == "reinstate":
        return units.reinstate_unit(store, args.code)
    return units.reorder_units(store, args.codes)


def _unit_list(store: Store, args: argparse.Namespace) -> int:
    from qdesk.core.units import Level
    from qdesk.store.units import list_units

    listed = list_units(store, retired=args.all)
    if args.format == "json":
        print(json.dumps([{"code": u.code, "name": u.name, "level": u.level,
                           "credit_code": u.credit_code, "home": u.parent_id is None,
                           "retired_on": u.retired_on.isoformat() if u.retired_on else None}
                          for u in listed], ensure_ascii=False, indent=2))
        return EXIT_OK
    zh = language() == "zh"
    head = (["代码", "名称", "层级", "统一社会信用代码", "撤销日期"] if zh
            else ["code", "name", "level", "credit code", "retired on"])
    rows = [head] + [[u.code, u.name, Level(u.level).label_zh if zh else u.level,
                      u.credit_code or "", u.retired_on.isoformat() if u.retired_on else ""]
                     for u in listed]
    print(_columns(rows))
    return EXIT_OK


def _unit_add_all(args: argparse.Namespace) -> int:
    from qdesk.core.units import parse_level
    from qdesk.exchange.divisions import add_divisions

    level = parse_level(args.level)
    with _open(args.db, exclusive=not args.check) as store:
        result = add_divisions(store, level, dry_run=args.check)
    for unit in result.added:
        print(f"{unit.code}  {unit.name}")
    _print_units_imported(result, args.check)
    return EXIT_OK


def _print_units_imported(result: UnitsImported, check: bool) -> None:
    print(msg("{verb}: {added} new, {unchanged} registered before",
              "{verb}：新增{added}个单位，已登记{unchanged}个",
              verb=msg("would import (nothing changed)", "检查通过（未做任何修改）")
              if check else msg("imported", "已导入"),
              added=len(result.added), unchanged=result.unchanged).render())


def _unit_import(args: argparse.Namespace) -> int:
    from qdesk.exchange.unit_list import import_unit_list, read_unit_list

    listed = read_unit_list(args.file, args.level)
    with _open(args.db, exclusive=not args.check) as store:
        result = import_unit_list(store, listed, source=str(args.file), dry_run=args.check)
    _print_units_imported(result, args.check)
    return EXIT_OK


def _group(args: argparse.Namespace) -> int:

    with _open(args.db, exclusive=args.group_command != "show") as store:
        if args.group_command == "import":
            return _group_import(store, args)
        if args.group_command == "withdraw":
            return _group_withdraw(store, args)
        if args.group_command == "correct":
            return _group_correct(store, args)
        return _group_show(store, args)


def _group_withdraw(store: Store, args: argparse.Namespace) -> int:
    from qdesk.core.errors import InputError
    from qdesk.store.group import group_of, withdraw
    from qdesk.store.units import home_unit

    group = group_of(store, home_unit(store))
    if group is None:
        raise InputError(msg("the unit has no leading group yet", "尚未建立领导小组"))
    withdraw(store, group.id, args.adjustment, args.date, args.doc, args.reason)
    print(msg("adjustment #{id} withdrawn by {doc} from {date}",
              "编号{id}的调整已由{doc}撤销，自{date}起生效", id=args.adjustment, doc=args.doc,
              date=args.date.isoformat()).render())
    _print_warnings(store, args.date)
    return EXIT_OK


def _group_correct(store: Store, args: argparse.Namespace) -> int:
    from qdesk.exchange.roster_file import read_roster_file
    from qdesk.store.group import import_roster
    from qdesk.store.units import home_unit

    parsed = read_roster_file(args.file)
    result = import_roster(store, home_unit(store), list(parsed.members), args.date, args.doc,
                           args.reason, parsed.group_name or "", parsed.office_seat or "",
                           corrects=args.adjustment)
    print(msg("adjustment #{id} corrected by {doc} from {date}: {joined} joined, {left} left, "
              "{changed} changed",
              "编号{id}的调整已由{doc}更正，自{date}起生效：新增{joined}人，退出{left}人，变更{changed}人",
              id=args.adjustment, doc=args.doc, date=args.date.isoformat(), joined=result.joined,
              left=result.left, changed=result.changed).render())
    _print_warnings(store, args.date)
    return EXIT_OK


def _group_import(store: Store, args: argparse.Namespace) -> int:
    from qdesk.exchange.roster_file import read_roster_file
    from qdesk.store.group import import_roster
    from qdesk.store.units import home_unit

    parsed = read_roster_file(args.file)
    day = args.date or dt.date.today()
    doc = args.doc or msg("(no document number given)", "（未注明文号）").render()
    result = import_roster(store, home_unit(store), list(parsed.members), day, doc,
                           args.reason, parsed.group_name or "", parsed.office_seat or "")
    print(msg("roster imported as of {date} under {doc}: {joined} joined, {left} left, "
              "{changed} changed",
              "名单已导入（{date}，{doc}）：新增{joined}人，退出{left}人，变更{changed}人",
              date=day.isoformat(), doc=doc, joined=result.joined, left=result.left,
              changed=result.changed).render())
    _print_warnings(store, day)
    return EXIT_OK


def _print_warnings(store: Store, day: dt.date) -> None:
    from qdesk.core.roster import roster_warnings
    from qdesk.store.group import group_of, roster
    from qdesk.store.units import home_unit

    group = group_of(store, home_unit(store))
    if group is not None:
        for warning in roster_warnings(roster(store, group.id, day)):
            print(warning.render(), file=sys.stderr)


def _group_show(store: Store, args: argparse.Namespace) -> int:
    from qdesk.store.group import CorrectionMark, adjustments, correction_mark, group_of, roster
    from qdesk.store.units import home_unit

    day = args.date or dt.date.today()
    group = group_of(store, home_unit(store))
    lines = roster(store, group.id, day) if group else []
    history = adjustments(store, group.id) if group else []
    if args.format == "json":
        print(json.dumps([{"role": line.role.value, "name": line.name, "post": line.post,
                           "unit": line.unit, "phone": line.phone,
                           "concurrent": line.concurrent} for line in lines],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    zh = language() == "zh"
    if group:
        print(f"{group.name}  {day.isoformat()}")
    rows = [[line.role.label_zh if zh else line.role.value,
             line.name + ("（兼）" if line.concurrent else ""), line.post] for line in lines]
    widths = [max((_width(r[i]) for r in rows), default=0) for i in range(3)]
    for row in rows:
        print("  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip())
    if history:
        print(msg("adjustments:", "调整记录：").render())
    words = {CorrectionMark.WITHDRAWN_BY: ("withdrawn by {doc}", "已撤销（{doc}）"),
             CorrectionMark.CORRECTED_BY: ("corrected by {doc}", "已更正（{doc}）"),
             CorrectionMark.WITHDRAWS: ("withdraws {doc}", "撤销{doc}"),
             CorrectionMark.CORRECTS: ("corrects {doc}", "更正{doc}")}
    for a in history:
        marked = correction_mark(a, history)
        state = msg(*words[marked[0]], doc=marked[1]).render() if marked else ""
        print(f"#{a.id}  {a.date.isoformat()}  {a.doc_number}  {state}".rstrip())
    _print_warnings(store, day)
    return EXIT_OK


def _targets(args: argparse.Namespace) -> int:
    from qdesk.exchange.unit_targets import import_targets_sheet, write_targets_sheet

    if args.targets_command == "export":
        with _open(args.db, exclusive=False) as store:
            path = write_targets_sheet(store, args.year, args.out)
        print(msg("written: {path}", "已导出：{path}", path=str(path)).render())
        return EXIT_OK
    with _open(args.db, exclusive=not args.check) as store:
        result = import_targets_sheet(store, args.file, check=args.check)
    for warning in result.warnings:
        print(warning.render(), file=sys.stderr)
    print(msg("{verb} for {year}: {written} changed, {unchanged} unchanged",
              "{verb}（{year}年）：修改{written}项，未变{unchanged}项",
              verb=msg("would import (nothing changed)", "检查通过（未做任何修改）")
              if args.check else msg("targets imported", "目标已导入"),
              year=result.year, written=len(result.written),
              unchanged=result.unchanged).render())
    return EXIT_OK


def _assess(args: argparse.Namespace) -> int:
    from qdesk.store import assessment
    from qdesk.store.plans import load_plan
    from qdesk.views.assessment_table import assessment_table

    if args.db is None or args.year is None:
        print("qdesk assess: --db and --year are required", file=sys.stderr)
        return EXIT_USAGE
    command = args.assess_command
    if command in (None, "export"):
        with _open(args.db, exclusive=False) as store:
            table = assessment_table(store, args.year)
            if command == "export":
                from qdesk.exchange.assessment_export import export_assessment

                print(msg("written: {path}", "已导出：{path}",
                          path=str(export_assessment(table, args.out))).render())
                return EXIT_OK
        return _assess_print(table, args)
    with _open(args.db) as store:
        plan = load_plan(store)
        if command == "score":
            assessment.set_manual_score(store, plan, args.year, args.unit, args.item, args.points,
                                        args.reason)
        elif command in ("bonus", "penalty"):
            assessment.add_entry(store, plan, args.year, args.unit, command, args.item,
                                 args.count, args.reason, args.doc)
        elif command == "publish":
            assessment.publish(store, plan, args.year)
        else:
            assessment.unpublish(store, args.year, args.reason)
    print({"publish": msg("{year}: results published and locked", "{year}年度考核结果已发布并锁定",
                          year=args.year),
           "unpublish": msg("{year}: publication withdrawn", "{year}年度考核结果已撤销发布",
                            year=args.year)}.get(command, msg("saved", "已保存")).render())
    return EXIT_OK


def _assess_print(table: Any, args: argparse.Namespace) -> int:
    if args.unit:
        score = table.score(args.unit)
        if args.format == "json":
            record = table.record()
            print(json.dumps({**record, "units": [u for u in record["units"]
                                                  if u["code"] == args.unit]},
                             ensure_ascii=False, indent=2))
            return EXIT_OK
        print(f"{score.name}（{score.code}）  {table.year_label}  总分{score.total}  "
              f"等次{score.grade}  第{score.rank}名")
        rows = [["代码", "项目", "分值", "数值", "目标", "得分", "计分说明"]]
        rows += [[line.code, line.name, line.worth, line.figure, line.target, line.earned,
                  line.how] for line in table.breakdown(args.unit)]
        print(_columns(rows))
        return EXIT_OK
    if args.format == "json":
        print(json.dumps(table.record(), ensure_ascii=False, indent=2))
        return EXIT_OK
    zh = language() == "zh"
    head = (["排名", "代码", "单位", "总分", "等次", "加分", "扣分", "一票否决"] if zh else
            ["rank", "code", "unit", "total", "grade", "bonus", "penalty", "veto"])
    rows = [head] + [[str(s.rank), s.code, s.name, f"{s.total}", s.grade, table.points(s.bonus),
                      table.points(s.penalty), s.veto or ""] for s in table.scores]
    print(_columns(rows))
    if table.published:
        print(msg("published {at} by {who}", "已于{at}由{who}发布",
                  at=table.published.published_at[:10], who=table.published.published_by
                  ).render())
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from qdesk.store.check import check_database

    report = check_database(args.db, quick=args.quick)
    print(report.render())
    return EXIT_OK if report.ok else EXIT_REFUSED


def _backup(args: argparse.Namespace) -> int:
    from qdesk.store.backups import size_text
    from qdesk.store.recovery import backup_folder, backup_now, backups_of

    if args.list:
        backups = backups_of(args.db)
        print(msg("{count} backup(s) in {folder}", "“{folder}”中有{count}份备份",
                  count=len(backups), folder=str(backup_folder(args.db))).render())
        for backup in backups:
            print(f"{_held_sequence(backup.sequence):>8}  {backup.taken_at:%Y-%m-%d %H:%M:%S}  "
                  f"{_pad(_reason(backup.reason), 10)}{size_text(backup.size):>9}  "
                  f"{backup.path.name}")
        return EXIT_OK
    if args.out:
        from qdesk.files import write_whole
        from qdesk.store.backups import copy_database

        with _open(args.db, exclusive=False) as store:
            path = write_whole(args.out, lambda temporary: copy_database(store.path,
                                                                         Path(temporary)))
    else:
        with _open(args.db, exclusive=False) as store:
            path = backup_now(store, "manual").path
    print(msg("backed up to {path} ({size})", "已备份到：{path}（{size}）", path=str(path),
              size=size_text(path.stat().st_size)).render())
    return EXIT_OK


def _held_sequence(sequence: int) -> str:
    """The content a backup holds as lists show it: #123, or ? for a file that cannot be read."""
    from qdesk.store.backups import UNREADABLE

    return "?" if sequence == UNREADABLE else f"#{sequence}"


def _reason(reason: str) -> str:
    from qdesk.store.backups import reason_label

    return reason_label(reason).render()


def _restore(args: argparse.Namespace) -> int:
    from qdesk.store.recovery import newest_good_backup, restore_backup

    if args.newest:
        backup = newest_good_backup(args.db)
        if backup is None:
            raise QdeskError(msg("there is no sound backup of this database",
                                 "该数据库没有可用的完好备份"), source=str(args.db))
        path = backup.path
    else:
        path = args.backup
    kept = restore_backup(args.db, path)
    print(msg("restored {backup}; the file it replaced is kept as {kept}",
              "已恢复备份“{backup}”；被替换的文件保存为“{kept}”",
              backup=str(path), kept=str(kept)).render())
    return EXIT_OK


_COMMANDS = {"gui": _gui, "demo": _demo, "init": _init, "template": _template, "plan": _plan,
             "set": _set, "reference": _reference, "status": _status, "report": _report, "export": _export,
             "import": _import, "unit": _unit, "group": _group, "targets": _targets, "task": _task,
             "assess": _assess, "settings": _settings, "docnumbers": _docnumbers, "keys": _keys,
             "review": _review,
             "check": _check, "backup": _backup,
             "restore": _restore}
