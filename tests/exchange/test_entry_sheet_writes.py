"""Entry sheets write, row for row, the figures, audit rows and refusals recorded in golden/.

The record was made by the import as it stood before it was made fast; a change to what an
import writes or refuses shows here as a difference, row by row. Run this module as a script
(`python -m tests.exchange.test_entry_sheet_writes`) only to record a change meant to be made.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from qdesk.core.errors import QdeskError
from qdesk.core.i18n import set_language
from qdesk.databases import create_database
from qdesk.exchange.imports import import_files
from qdesk.plans.library import find_template
from qdesk.store.database import Store, open_store
from qdesk.store.locks import lock_period
from qdesk.store.units import add_subordinate

GOLDEN = Path(__file__).parent / "golden" / "entry_sheet_writes.json"
HEADER = ["单位代码", "指标代码", "报告期", "分子", "分母", "数值", "备注"]
HOME = "652301"
YEAR = 2020
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

# Ways a clerk types a figure, each read as a number; some read as another text of it.
WHOLE_TEXTS = [str, lambda n: f" {n} ", lambda n: str(n).translate(FULL_WIDTH),
               lambda n: f"{n:,}"]
VALUE_TEXTS = ["88.5", "88.50", "１００", "0", "-0", "99.999", "+5", "7", "0.10", "65"]
COUNT_TEXTS = ["3", "3.0", "1,234", "0", "１２", "+4", "-0"]
FLAG_TEXTS = ["是", "否", "1", "0", "yes", "N", "完成", "未完成", "TRUE", "false"]
NOTES = ["", "", "", "复核", "  两边有空格 ", "含,逗号", '含"引号"', "两行\n备注", "   "]


def _units(count: int) -> list[str]:
    return [f"{HOME}{n:03d}" for n in range(1, count + 1)]


def _indicators(store: Store) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in store.execute(
        "SELECT code, kind, frequency FROM indicators ORDER BY position")]


def _periods(frequency: str) -> list[str]:
    return [f"{YEAR}Q{q}" for q in range(1, 5)] if frequency == "quarterly" else [str(YEAR)]


def _figure(rng: random.Random, kind: str) -> tuple[str, str, str]:
    if kind == "rate":
        den = rng.choice([rng.randint(1, 60), rng.randint(900, 2500)])
        num = rng.randint(0, den)
        return rng.choice(WHOLE_TEXTS)(num), rng.choice(WHOLE_TEXTS)(den), ""
    texts = {"value": VALUE_TEXTS, "count": COUNT_TEXTS, "flag": FLAG_TEXTS}[kind]
    return "", "", rng.choice(texts)


def _rows(rng: random.Random, indicators: list[tuple[str, str, str]],
          units: list[str]) -> list[list[str]]:
    return [[unit, code, period, *_figure(rng, kind), rng.choice(NOTES)]
            for unit in units for code, kind, frequency in indicators
            for period in _periods(frequency)]


def _revised(rng: random.Random, rows: list[list[str]],
             indicators: list[tuple[str, str, str]]) -> list[list[str]]:
    """The same rows sent again: some as they were, some changed in figure, note or spelling."""
    kinds = {code: kind for code, kind, _ in indicators}
    revised = []
    for row in rows:
        row = list(row)
        change = rng.random()
        if change < 0.3:
            row[3:6] = _figure(rng, kinds[row[1]])
        elif change < 0.45:
            row[6] = rng.choice(NOTES)
        elif change < 0.55 and row[3]:
            row[3] = row[3].strip().replace(",", "").translate(FULL_WIDTH)
        revised.append(row)
    return revised


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _bad_rows() -> list[list[str]]:
    """One row for each rule a sheet's row can break, and one good row among them."""
    return [
        [f"{HOME}001", "P01", f"{YEAR}Q1", "5", "10", "", ""],
        ["999999", "P01", f"{YEAR}Q1", "5", "10", "", ""],
        [f"{HOME}001", "P01", f"{YEAR}Q5", "5", "10", "", ""],
        [f"{HOME}001", "P01", "2019Q4", "5", "10", "", ""],
        [f"{HOME}001", "P01", f"{YEAR}Q1", "6", "10", "", ""],
        [f"{HOME}001", "X99", f"{YEAR}Q2", "5", "10", "", ""],
        [f"{HOME}001", "P01", str(YEAR), "5", "10", "", ""],
        [f"{HOME}002", "P01", f"{YEAR}Q2", "11", "10", "", ""],
        [f"{HOME}002", "P02", f"{YEAR}Q2", "5", "0", "", ""],
        [f"{HOME}002", "P03", f"{YEAR}Q2", "-1", "10", "", ""],
        [f"{HOME}002", "P04", f"{YEAR}Q2", "5.5", "10", "", ""],
        [f"{HOME}002", "P06", f"{YEAR}Q2", "12a", "", "3", ""],
        [f"{HOME}002", "E01", f"{YEAR}Q2", "1" * 16, "1" * 17, "", ""],
        [f"{HOME}002", "S01", str(YEAR), "", "", "101", ""],
        [f"{HOME}005", "S01", str(YEAR), "1", "", "5", ""],
        [f"{HOME}003", "S01", str(YEAR), "", "", "", ""],
        [f"{HOME}003", "E02", str(YEAR), "", "", "2.5", ""],
        [f"{HOME}004", "E02", str(YEAR), "", "", "-3", ""],
        [f"{HOME}004", "V01", str(YEAR), "", "", "也许", ""],
        [f"{HOME}004", "V02", str(YEAR), "", "", "1e3", ""],
        [f"{HOME}004", "S01", str(YEAR), "", "", "1" * 16, ""],
        [f"{HOME}004", "P05", str(YEAR), "3", "4", "", "控制\x07字符"],
        [f"{HOME}005", "P01", f"{YEAR}Q3", "3", "4", "", ""],
    ]


def _refusal(store: Store, paths: list[Path], folder: Path) -> dict[str, Any]:
    try:
        import_files(store, paths)
    except QdeskError as exc:
        return {"type": type(exc).__name__, "problems": [
            [p.message.zh, p.message.en, p.source and Path(p.source).relative_to(folder).as_posix(),
             p.line, p.field, {k: str(v).replace(f"{folder}{os.sep}", "<folder>/")
                               .replace(str(folder), "<folder>")
                               for k, v in p.message.args.items()}]
            for p in exc.problems]}
    raise AssertionError("the sheet was not refused")


def _dump(db: Path) -> dict[str, list[list[Any]]]:
    """Every entry and its audit rows as stored, but for the clock's reading; the audit rows
    numbered in their order among themselves (registering the units wrote some before them)."""
    conn = sqlite3.connect(db)
    entries = conn.execute(
        "SELECT e.id, u.code, i.code, e.period, e.numerator, e.denominator, e.value, e.note,"
        " e.updated_by FROM entries e JOIN units u ON u.id = e.unit_id"
        " JOIN indicators i ON i.id = e.indicator_id ORDER BY e.id").fetchall()
    audit = conn.execute(
        "SELECT row_number() OVER (ORDER BY id), operator, table_name, row_key, action, old,"
        " new, reason, unit_code, period FROM audit WHERE table_name != 'units' ORDER BY id"
        ).fetchall()
    conn.close()
    return {"entries": [list(r) for r in entries], "audit": [list(r) for r in audit]}


def scenario(folder: Path) -> dict[str, Any]:
    """A sheet of 320 new figures, then two sheets that revise and add to them, then refusals."""
    db = folder / "county.qdesk"
    create_database(db, find_template("xinjiang-2018"), HOME, "昌吉市")
    rng = random.Random(12)
    result: dict[str, Any] = {"summaries": []}
    with open_store(db) as store:
        for n, code in enumerate(_units(12), start=1):
            add_subordinate(store, code, f"第{n}镇", "township")
        indicators = _indicators(store)
        first = _rows(rng, indicators, _units(10))
        sheets = [_write(folder / "first.csv", first)]
        again = [_write(folder / "again.csv", _revised(rng, first[:160], indicators)),
                 _write(folder / "more.csv", _rows(rng, indicators, _units(12)[10:])
                        + _revised(rng, first[160:], indicators))]
        for paths, dry_run in ((sheets, False), (again, True), (again, False)):
            summary = import_files(store, paths, dry_run=dry_run).written
            result["summaries"].append([summary.inserted, summary.updated, summary.unchanged])
        result["refused"] = _refusal(store, [_write(folder / "bad.csv", _bad_rows())], folder)
        lock_period(store, _periods("quarterly")[0])
        result["locked"] = _refusal(store, [_write(folder / "locked.csv", first[:3])], folder)
    return {**result, **_dump(db)}


def _golden_text(record: dict[str, Any]) -> str:
    """One row a line, so a difference reads as the rows that differ."""
    parts = []
    for key, value in record.items():
        rows = value["problems"] if isinstance(value, dict) else value
        body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        if isinstance(value, dict):
            body = f'  {{"type": {json.dumps(value["type"])}, "problems": [\n{body}\n  ]}}'
            parts.append(f"{json.dumps(key)}:\n{body}")
        else:
            parts.append(f"{json.dumps(key)}: [\n{body}\n]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def test_an_import_writes_the_recorded_entries_audit_rows_and_refusals(tmp_path, monkeypatch):
    monkeypatch.setenv("QDESK_OPERATOR", "测试员")
    record = scenario(tmp_path)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert record.keys() == golden.keys()
    for key in golden:
        assert json.loads(json.dumps(record[key], ensure_ascii=False)) == golden[key], key


if __name__ == "__main__":
    import os

    os.environ["QDESK_OPERATOR"] = "测试员"
    set_language("zh")
    with tempfile.TemporaryDirectory() as work:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(_golden_text(scenario(Path(work))), encoding="utf-8")
