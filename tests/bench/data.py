"""Realistic data at scale for the benchmarks: a county with many units and years of entries."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from qdesk.core.periods import Frequency, Period
from qdesk.databases import create_database
from qdesk.plans.library import find_template


def county_database(path: Path, entries: int = 100_000, seed: int = 7,
                    years: range = range(2014, 2021)) -> Path:
    """The panjin plan for 盘山县 with as many townships as it takes to hold `entries` figures.

    Figures go in by plain SQL in one transaction: the point is the size of the file the
    benchmarks open, not the entry service (which the tests cover).
    """
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    indicators = conn.execute("SELECT id, kind, frequency FROM indicators").fetchall()
    periods = {f: [p for y in years for p in Period.year_of(y).subperiods(f)]
               for f in Frequency}
    per_unit = sum(len(periods[Frequency(f)]) for _, _, f in indicators)
    units = max(1, entries // per_unit)
    with conn:
        conn.executemany(
            "INSERT INTO units (code, name, level, parent_id, position) VALUES (?, ?, ?, 1, ?)",
            [(f"211122{n:03d}", f"第{n}镇", "township", n) for n in range(1, units)])
        unit_ids = [r[0] for r in conn.execute("SELECT id FROM units")]
        rows = []
        for unit in unit_ids:
            for indicator, kind, frequency in indicators:
                for period in periods[Frequency(frequency)]:
                    if kind == "rate":
                        den = rng.randint(20, 400)
                        rows.append((indicator, unit, str(period), rng.randint(int(den * .85),
                                                                                  den), den, None))
                    else:
                        rows.append((indicator, unit, str(period), None, None,
                                     str(rng.randint(0, 100))))
        conn.executemany(
            "INSERT INTO entries (indicator_id, unit_id, period, numerator, denominator, value,"
            " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'bench', '2026-01-01T00:00:00')",
            rows)
    conn.close()
    return path


PROVINCE = ("210000", "辽宁省")
PROVINCE_YEARS = range(2016, 2021)
PROVINCE_VERSION = 1       # bump when the generator changes, so a cached file is made anew


def province_database(path: Path, counties: int = 150, townships: int = 8, variants: int = 5,
                      seed: int = 7, years: range = PROVINCE_YEARS) -> Path:
    """A provincial office rolling up 150 counties of 8 townships each, five years of figures.

    The seed plan (panjin-2014, 13 indicators) is tracked in `variants` sector variants of each
    indicator (code `P02`, `P02-2`, …), which brings every unit to 775 figures over five years
    and the province to about a million entries. Every county has a leading group of 30.
    """
    create_database(path, find_template("panjin-2014"), *PROVINCE)
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    with conn:
        plan_id, = conn.execute("SELECT value FROM settings WHERE key = 'plan_id'").fetchone()
        seeds = conn.execute("SELECT * FROM indicators ORDER BY position").fetchall()
        names = [d[0] for d in conn.execute("SELECT * FROM indicators").description]
        position = len(seeds)
        for variant in range(2, variants + 1):
            for row in seeds:
                record = dict(zip(names, row))
                old_id = record.pop("id")
                position += 1
                record.update(code=f"{record['code']}-{variant}", position=position,
                              name=f"{record['name']}（第{variant}类）")
                new_id = conn.execute(
                    f"INSERT INTO indicators ({', '.join(record)}) VALUES "
                    f"({', '.join('?' * len(record))})", list(record.values())).lastrowid
                conn.execute("INSERT INTO targets (indicator_id, unit_id, year, expr) SELECT ?,"
                             " unit_id, year, expr FROM targets WHERE indicator_id = ?",
                             [new_id, old_id])
        home, = conn.execute("SELECT id FROM units").fetchone()
        county_ids = []
        for n in range(counties):
            code = f"21{n // 90 + 1:02d}{n % 90 + 10:02d}"
            county_ids.append(conn.execute(
                "INSERT INTO units (code, name, level, parent_id, division_code, position)"
                " VALUES (?, ?, 'county', ?, ?, ?)",
                [code, f"第{n + 1}县", home, code, n + 1]).lastrowid)
            conn.executemany(
                "INSERT INTO units (code, name, level, parent_id, position) VALUES"
                " (?, ?, 'township', ?, ?)",
                [(f"{code}{t:03d}", f"第{n + 1}县第{t}镇", county_ids[-1], t)
                 for t in range(1, townships + 1)])
        _groups(conn, county_ids, rng)
        indicators = conn.execute("SELECT id, kind, frequency FROM indicators"
                                  " WHERE plan_id = ?", [plan_id]).fetchall()
        periods = {f: [str(p) for y in years for p in Period.year_of(y).subperiods(f)]
                   for f in Frequency}
        unit_ids = [r[0] for r in conn.execute("SELECT id FROM units")]
        for unit in unit_ids:
            rows = []
            for indicator, kind, frequency in indicators:
                for period in periods[Frequency(frequency)]:
                    if kind == "rate":
                        den = rng.randint(20, 400)
                        rows.append((indicator, unit, period, rng.randint(int(den * .85), den),
                                     den, None))
                    else:
                        rows.append((indicator, unit, period, None, None,
                                     str(rng.randint(0, 100))))
            conn.executemany(
                "INSERT INTO entries (indicator_id, unit_id, period, numerator, denominator,"
                " value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'bench',"
                " '2026-01-01T00:00:00+08:00')", rows)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    return path


def _groups(conn: sqlite3.Connection, county_ids: list[int], rng: random.Random) -> None:
    """A leading group of 30 per county, made by one adjustment."""
    surnames, given = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗", "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
    for county in county_ids:
        group = conn.execute("INSERT INTO groups (unit_id, name) VALUES (?, ?)",
                             [county, "质量强县工作领导小组"]).lastrowid
        adjustment = conn.execute(
            "INSERT INTO adjustments (group_id, date, doc_number, reason, created_by, created_at)"
            " VALUES (?, '2021-03-01', '县政办发〔2021〕8号', '换届', 'bench',"
            " '2026-01-01T00:00:00+08:00')", [group]).lastrowid
        roles = ["leader"] + ["deputy"] * 3 + ["member"] * 25 + ["office-director"]
        conn.executemany(
            "INSERT INTO members (group_id, role, name, post, unit_name, position, start_date,"
            " start_adjustment_id) VALUES (?, ?, ?, ?, ?, ?, '2021-03-01', ?)",
            [(group, role, rng.choice(surnames) + rng.choice(given) + rng.choice(given),
              "局长", "县市场监管局", i, adjustment) for i, role in enumerate(roles)])


def cached_province() -> Path:
    """The province database, generated once per machine (it takes a minute) and reused."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / "qdesk-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"province-v{PROVINCE_VERSION}.qdesk"
    if not path.exists():
        partial = folder / f".{path.name}.partial"
        partial.unlink(missing_ok=True)
        province_database(partial)
        partial.replace(path)
    return path


def working_copy(path: Path) -> Path:
    """A fresh copy of a cached database, for a benchmark that opens (or changes) it."""
    import shutil
    import tempfile

    folder = Path(tempfile.gettempdir()) / "qdesk-bench" / "work"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Path(shutil.copy(path, folder / path.name))
