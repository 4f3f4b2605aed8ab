"""The superior's review of each package on record: 待审核 on import, 已审核 or 已退回 with a
reason, back to 待审核 with the unit's correction; refusals change nothing."""

import pytest

from qdesk.core.errors import InputError
from qdesk.exchange.imports import import_files
from qdesk.store.audit import trail
from qdesk.store.completeness import arrivals
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan
from qdesk.store.reviews import Review, returned_packages, review_package, reviews_of
from qdesk.store.units import home_unit
from tests.fuzzing import digest
from tests.reviewing import Q1, city_with_packages, make_city, make_packages


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    return make_packages(tmp_path_factory.mktemp("counties"))


@pytest.fixture(scope="module")
def city_master(tmp_path_factory):
    return make_city(tmp_path_factory.mktemp("city") / "city.qdesk")


@pytest.fixture
def city(city_master, packages, tmp_path):
    with open_store(city_with_packages(city_master, packages, tmp_path)) as store:
        yield store


def state(store, code):
    review = next(r for r in reviews_of(store, Q1).values() if r.unit.code == code)
    return review.state, review.reason


def refused(store, *args) -> str:
    before = digest(store), len(trail(store))
    with pytest.raises(InputError) as info:
        review_package(store, *args)
    assert (digest(store), len(trail(store))) == before
    return info.value.render("zh")


def test_an_imported_package_waits_for_review(city):
    assert state(city, "211122") == (Review.PENDING, None)
    assert state(city, "211102") == (Review.PENDING, None)


def test_accepting_a_package_marks_it_reviewed_with_its_audit_row(city):
    changes = review_package(city, "211122", Q1, Review.ACCEPTED)
    assert state(city, "211122") == (Review.ACCEPTED, None)
    assert changes.touches(["packages"]) and changes.units == {"211122"}
    last = trail(city, "packages")[-1]
    assert (last["row_key"], last["unit_code"], last["period"]) == ("211122/2018Q1", "211122",
                                                                    "2018Q1")
    assert (last["old"]["review"], last["new"]["review"]) == ("pending", "accepted")


def test_returning_a_package_keeps_the_reason_who_and_when(city):
    review_package(city, "211122", Q1, Review.RETURNED, "  P02抽查批次与台账不符  ")
    review = reviews_of(city, Q1)[next(r.unit.id for r in reviews_of(city, Q1).values()
                                       if r.unit.code == "211122")]
    assert (review.state, review.reason) == (Review.RETURNED, "P02抽查批次与台账不符")
    assert review.reviewed_by and review.reviewed_at
    assert review.label_zh == "已退回：P02抽查批次与台账不符"
    assert trail(city, "packages")[-1]["reason"] == "P02抽查批次与台账不符"
    assert [(r.unit.code, r.period) for r in returned_packages(city)] == [("211122", Q1)]


@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_without_a_reason_is_refused_and_nothing_changes(city, reason):
    assert "退回理由" in refused(city, "211122", Q1, Review.RETURNED, reason)
    assert state(city, "211122") == (Review.PENDING, None)


def test_reviewing_a_period_no_package_was_imported_for_is_refused(city):
    assert "尚未导入大洼区2018年第一季度的数据包" in refused(city, "211104", Q1, Review.ACCEPTED)
    assert "尚未导入" in refused(city, "211122", Q1.year_ago(), Review.ACCEPTED)


def test_reviewing_an_unknown_unit_is_refused(city):
    assert "单位代码“999999”不存在" in refused(city, "999999", Q1, Review.ACCEPTED)


def test_a_package_is_not_put_back_to_pending_by_hand(city):
    review_package(city, "211122", Q1, Review.ACCEPTED)
    assert "审核通过或退回" in refused(city, "211122", Q1, Review.PENDING)


def test_the_same_decision_again_changes_nothing(city):
    review_package(city, "211122", Q1, Review.ACCEPTED)
    count = len(trail(city))
    assert not review_package(city, "211122", Q1, Review.ACCEPTED)
    assert len(trail(city)) == count


def test_an_accepted_package_may_be_returned_later_and_the_trail_keeps_both(city):
    review_package(city, "211122", Q1, Review.ACCEPTED)
    review_package(city, "211122", Q1, Review.RETURNED, "漏报亮点")
    assert state(city, "211122") == (Review.RETURNED, "漏报亮点")
    assert [row["new"].get("review") for row in trail(city, "packages")[-2:]] == [
        "accepted", "returned"]


def test_the_correction_of_a_returned_package_waits_for_review_again(city, packages):
    review_package(city, "211122", Q1, Review.RETURNED, "P02填错")
    import_files(city, [packages.panshan_again], replace=True)
    assert state(city, "211122") == (Review.PENDING, None)
    assert returned_packages(city) == []
    # The replaced package keeps its review, and the trail the return and the correction.
    assert city.execute("SELECT review, review_reason FROM packages WHERE replaced_by IS NOT NULL"
                        ).fetchall() == [("returned", "P02填错")]
    returned, corrected = trail(city, "packages")[-2:]
    assert returned["new"]["review"] == "returned" and returned["reason"] == "P02填错"
    assert corrected["action"] == "update" and "sha256" in corrected["new"]


def test_the_completeness_of_a_period_carries_each_units_review(city):
    review_package(city, "211102", Q1, Review.RETURNED, "缺工作情况")
    by_code = {a.unit.code: a for a in arrivals(city, load_plan(city), home_unit(city), Q1)}
    assert by_code["211122"].review.label_zh == "待审核" and not by_code["211122"].returned
    assert by_code["211102"].review.label_zh == "已退回：缺工作情况" and by_code["211102"].returned
    assert by_code["211104"].review is None and not by_code["211104"].reported


def test_the_migration_makes_every_package_on_record_pending(tmp_path):
    import sqlite_utils

    from qdesk.store.schema import MIGRATIONS

    db = sqlite_utils.Database(tmp_path / "old.db")
    at = next(i for i, m in enumerate(MIGRATIONS) if m.__name__ == "_package_reviews")
    for migration in MIGRATIONS[:at]:
        migration(db)
    db.execute("INSERT INTO units (code, name, level) VALUES ('211122', '盘山县', 'county')")
    db.execute("INSERT INTO packages (unit_id, period, file_name, sha256, manifest, imported_by,"
               " imported_at) VALUES (1, '2018Q1', 'a.qdpkg', 'x', '{}', '王强', '2018-04-02')")
    MIGRATIONS[at](db)
    assert db.execute("SELECT review, review_reason FROM packages").fetchall() == [
        ("pending", None)]
    with pytest.raises(Exception, match="CHECK"):
        db.execute("UPDATE packages SET review = 'lost'")
