import pytest

from qdesk.core.errors import DatabaseFileError
from qdesk.store.check import check_database
from tests.factories import tamper


def test_the_demo_database_is_sound(demo_master):
    report = check_database(demo_master)
    assert report.ok and not report.damaged
    text = report.render("zh")
    assert "数据库完好" in text and text.count("正常") == 11


def test_a_rate_above_its_denominator_is_named_with_its_row(demo_db):
    tamper(demo_db, "UPDATE entries SET numerator = denominator + 5 WHERE id = 7")
    report = check_database(demo_db)
    assert not report.ok and not report.damaged
    assert report.counted == {"rate": 1, "figure": 1}     # and the trail holds it otherwise
    assert "第7条填报" in report.render("zh")


def test_entries_outside_the_plan_and_at_the_wrong_frequency_are_named(demo_db):
    tamper(demo_db, "UPDATE entries SET period = '2031Q1' WHERE id = 3",
            "UPDATE entries SET period = substr(period, 1, 4) WHERE id = 4")
    report = check_database(demo_db)
    assert report.counted == {"period": 2, "figure": 4}
    text = report.render("en")
    assert "entry 3" in text and "2031Q1" in text and "entry 4" in text


def test_a_member_who_leaves_before_joining_is_named(demo_db):
    tamper(demo_db, "UPDATE members SET end_date = '2000-01-01' WHERE id = 2")
    report = check_database(demo_db)
    assert report.counted == {"member": 1}
    assert "2000-01-01" in report.render("zh")


def test_a_dangling_reference_is_found_by_the_foreign_key_check(demo_db):
    tamper(demo_db, "PRAGMA foreign_keys = OFF", "DELETE FROM units WHERE id = 3")
    report = check_database(demo_db)
    assert report.counted.get("foreign-key", 0) > 0
    assert "qdesk restore" in report.render("zh")


def test_a_damaged_file_is_reported_as_damaged_not_a_traceback(demo_db):
    data = bytearray(demo_db.read_bytes())
    for offset in range(4096 * 3, 4096 * 8):   # scribble over some pages, leave the header
        data[offset] = 0x5A
    demo_db.write_bytes(bytes(data))
    before = demo_db.read_bytes()
    report = check_database(demo_db)
    assert report.damaged and not report.ok
    assert demo_db.read_bytes() == before


def test_checking_changes_nothing(demo_db):
    before = demo_db.read_bytes()
    check_database(demo_db)
    check_database(demo_db, quick=True)
    assert demo_db.read_bytes() == before


def test_a_file_that_is_not_qdesk_is_refused(tmp_path):
    path = tmp_path / "x.qdesk"
    path.write_text("hello")
    with pytest.raises(DatabaseFileError, match="不是qdesk"):
        check_database(path)


def test_a_yes_no_of_nothing_to_count_is_named(demo_db):
    tamper(demo_db, "UPDATE indicators SET kind = 'flag'"
                     " WHERE id = (SELECT indicator_id FROM entries WHERE id = 9)",
            "UPDATE entries SET numerator = NULL, denominator = NULL, value = NULL WHERE id = 9")
    report = check_database(demo_db)
    assert report.counted == {"flag": 1, "figure": 1}
    assert "第9条填报" in report.render("zh") and "不存在“无此项”" in report.render("zh")
