"""A unit's correction of a returned package comes in as a new package, which waits for review
again; the package it replaced keeps its review, and the trail both."""

import pytest

from qdesk.exchange.imports import ImportedBefore, import_files
from qdesk.store.audit import trail
from qdesk.store.database import open_store
from qdesk.store.reviews import Review, returned_packages, review_package, reviews_of
from tests.reviewing import Q1, city_with_packages, make_city, make_packages


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    return make_packages(tmp_path_factory.mktemp("counties"))


@pytest.fixture
def city(packages, tmp_path):
    master = make_city(tmp_path / "master.qdesk")
    with open_store(city_with_packages(master, packages, tmp_path)) as store:
        yield store


def test_reimporting_a_returned_package_with_replace_resets_it_to_pending(city, packages):
    review_package(city, "211122", Q1, Review.RETURNED, "P02填错")
    with pytest.raises(ImportedBefore):
        import_files(city, [packages.panshan_again])
    assert [r.unit.code for r in returned_packages(city)] == ["211122"]
    imported = import_files(city, [packages.panshan_again], replace=True)
    assert imported.replaced == 1
    standing = {r.unit.code: r for r in reviews_of(city, Q1).values()}
    assert (standing["211122"].state, standing["211122"].reason) == (Review.PENDING, None)
    assert standing["211102"].state is Review.PENDING
    assert city.execute("SELECT review, review_reason FROM packages WHERE replaced_by IS NOT NULL"
                        ).fetchall() == [("returned", "P02填错")]
    assert [r["new"].get("review") for r in trail(city, "packages")
            if r["unit_code"] == "211122"][-2:] == ["returned", None]
