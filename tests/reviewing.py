"""A city and its counties as `qdesk init` makes them, the counties' 2018Q1 packages made as their
clerks make them, for the tests of the superior's review (store.reviews)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from qdesk.core.periods import Period

Q1 = Period.parse("2018Q1")
# 盘锦市's counties: 盘山县 sends a package and then its correction, 双台子区 a package, 大洼区 nothing.
COUNTIES = {"211122": "盘山县", "211102": "双台子区", "211104": "大洼区"}


@dataclass(frozen=True)
class Packages:
    panshan: Path           # 盘山县's first package for 2018Q1
    panshan_again: Path     # its correction (sequence 2), P02 corrected
    shuangtaizi: Path


def make_packages(folder: Path) -> Packages:
    """Each county's database from `qdesk init`, a figure entered and its package exported;
    盘山县 then unlocks with a reason, corrects the figure and exports again."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.entries import EntryInput, set_entries
    from qdesk.store.locks import unlock_period
    from qdesk.store.plans import load_plan
    from qdesk.store.units import home_unit
    from qdesk.submission import build_package
    from tests.exchange.sealing import remember

    made = []
    for code, numerators in (("211122", ("40", "45")), ("211102", ("48",))):
        db = folder / f"{code}.qdesk"
        create_database(db, find_template("panjin-2014"), code, COUNTIES[code])
        with open_store(db) as store:
            plan, home = load_plan(store), home_unit(store)
            for number, numerator in enumerate(numerators):
                if number:
                    unlock_period(store, Q1, "P02填错")
                set_entries(store, plan, home, Q1, [EntryInput("P02", numerator, "50")])
                out = folder / f"{code}-{number}"
                out.mkdir()
                made.append(build_package(store, Q1, out))
        remember(db)
    return Packages(made[0], made[1], made[2])


def make_city(path: Path) -> Path:
    """盘锦市 from `qdesk init`, its three counties registered."""
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    with open_store(path) as store:
        for code, name in COUNTIES.items():
            add_subordinate(store, code, name, "county")
    return path


def city_with_packages(master: Path, packages: Packages, folder: Path) -> Path:
    """A fresh copy of the city that has imported 盘山县's and 双台子区's first packages."""
    from qdesk.exchange.imports import import_files
    from qdesk.store.database import open_store

    path = folder / "盘锦市.qdesk"
    shutil.copy(master, path)
    with open_store(path) as store:
        import_files(store, [packages.panshan, packages.shuangtaizi])
    return path
