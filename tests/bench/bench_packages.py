"""Benchmark: a prefecture imports 150 county packages and rolls them up (budget 5 s).

The packages are made the way build_package makes them (manifest signed with each county's own
key, data.json, report.pdf, hashes); the report inside is a stand-in PDF of realistic size carrying
the digest of data.json, since import checks its hash and its Keywords, not its pages.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BUDGET = 5.0
COUNTIES = 150
RUNS = 3


_PLACEHOLDER = "0" * 64


def _report(rng: random.Random) -> bytes:
    """A PDF of about 300 KB whose Keywords hold a placeholder digest, which each package's own
    replaces in place (the same length: the cross-reference offsets stay right)."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0, invariant=1)
    canvas.setKeywords("fonts: bench; qdesk-data-sha256:" + _PLACEHOLDER)
    for _ in range(40):
        for line in range(60):
            canvas.drawString(20, 20 + 12 * line, "%x" % rng.getrandbits(400))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _packages(folder: Path, plan, period) -> list[Path]:
    from qdesk.core.plan import Kind
    from qdesk.exchange import signing
    from qdesk.exchange.package import (DATA, FORMAT, MANIFEST, REPORT, SIGNATURE, VERSION,
                                        sha256)

    rng = random.Random(150)
    blank = _report(rng)
    paths = []
    for n in range(COUNTIES):
        code = f"21{n // 10 + 11:02d}{n % 10 + 21:02d}"
        entries = []
        for ind in plan.indicators:
            entry_period = period if ind.frequency.value == "quarterly" else period.enclosing(
                ind.frequency)
            if not period.reports(entry_period):
                continue
            if ind.kind is Kind.RATE:
                den = rng.randint(100, 900)
                entries.append({"indicator": ind.code, "unit": code, "period": str(entry_period),
                                "numerator": rng.randint(int(den * .88), den),
                                "denominator": den, "value": None, "note": None})
            else:
                value = "1" if ind.kind is Kind.FLAG else str(rng.randint(0, 99))
                entries.append({"indicator": ind.code, "unit": code, "period": str(entry_period),
                                "numerator": None, "denominator": None, "value": value,
                                "note": None})
        data = json.dumps({"entries": entries, "narratives": {}, "units": []},
                          ensure_ascii=False).encode()
        report = blank.replace(_PLACEHOLDER.encode(), sha256(data).encode())
        private = signing.new_private_key()
        manifest = {"format": FORMAT, "version": VERSION,
                    "unit": {"code": code, "name": f"第{n + 1}县", "level": "county"},
                    "plan": {"id": plan.id, "title": plan.title}, "period": str(period),
                    "sequence": 1,
                    "created_at": dt.datetime(2021, 1, 3, 9).astimezone().isoformat(),
                    "app_version": "bench", "key": signing.public_key(private).hex(),
                    "files": {DATA: sha256(data), REPORT: sha256(report)}}
        body = json.dumps(manifest).encode()
        path = folder / f"{code}-{period}.qdpkg"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, body)
            archive.writestr(SIGNATURE, signing.sign(private, body))
            archive.writestr(DATA, data)
            archive.writestr(REPORT, report)
        paths.append(path)
    return paths


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from qdesk.core.periods import Period
    from qdesk.core.rollup import over_units
    from qdesk.databases import create_database
    from qdesk.exchange.imports import import_files
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan
    from qdesk.store.status import statuses_of
    from qdesk.store.units import add_subordinate, home_unit, subordinates

    period = Period.parse("2020Q4")
    times = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "city.qdesk"
            create_database(db, find_template("panjin-2014"), "211100", "盘锦市")
            with open_store(db) as store:
                plan = load_plan(store)
                paths = _packages(Path(folder), plan, period)
                for path in paths:
                    add_subordinate(store, path.name[:6], path.name[:6], "county")
                start = time.perf_counter()
                import_files(store, paths)
                units = subordinates(store, home_unit(store))
                every = statuses_of(store, plan, units, period)
                totals = {ind.code: over_units(ind, [a.measure for u in units
                                                     for a in every[u.id]
                                                     if a.indicator.code == ind.code
                                                     and a.measure])
                          for ind in plan.indicators}
                times.append(time.perf_counter() - start)
                assert store.db["packages"].count == COUNTIES and totals["P02"] is not None
    figure = statistics.median(times)
    print(f"import {COUNTIES} county packages and roll them up: {figure:.2f} s "
          f"(median of {RUNS}); budget {BUDGET:.1f} s -> {figure / BUDGET:.2f} of budget "
          f"[{'ok' if figure <= BUDGET else 'MISSED'}]")
    return 0 if figure <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
