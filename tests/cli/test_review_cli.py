"""qdesk review list|accept|return through the real entry point: the state each unit's package
is in, exit 3 with nothing changed on a refusal."""

import sqlite3

import pytest

from tests.reviewing import COUNTIES, make_packages


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    return make_packages(tmp_path_factory.mktemp("counties"))


@pytest.fixture
def city(qdesk, packages, tmp_path):
    """盘锦市 from `qdesk init`, its counties added, 盘山县's and 双台子区's packages imported."""
    path = tmp_path / "盘锦市.qdesk"
    assert qdesk("init", "--db", path, "--template", "panjin-2014", "--unit-code", "211100",
                 "--unit-name", "盘锦市").code == 0
    for code, name in COUNTIES.items():
        assert qdesk("unit", "add", "--db", path, "--code", code, "--name", name,
                     "--level", "county").code == 0
    result = qdesk("import", packages.panshan, packages.shuangtaizi, "--db", path)
    assert result.code == 0, result.err
    return path


def reviews(path):
    conn = sqlite3.connect(path)
    rows = (conn.execute("SELECT unit_id, review, review_reason FROM packages ORDER BY id")
            .fetchall(), conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    conn.close()
    return rows


def test_list_shows_every_units_return_and_its_review(qdesk, city):
    assert qdesk("review", "return", "--db", city, "--unit", "211102", "--period", "2018Q1",
                 "--reason", "缺工作情况").code == 0
    table = qdesk("review", "list", "--db", city, "--period", "2018Q1")
    assert table.code == 0
    lines = table.out.splitlines()
    assert lines[0].split() == ["单位代码", "单位名称", "报送情况", "报送方式", "审核"]
    assert lines[1].split()[:2] == ["211122", "盘山县"] and lines[1].split()[-1] == "待审核"
    assert lines[2].split()[-1] == "已退回：缺工作情况"
    assert lines[3].split()[1:3] == ["大洼区", "未报送"] and lines[3].split()[-1] == "—"
    rows = {r["unit"]: r for r in qdesk("review", "list", "--db", city, "--period", "2018Q1",
                                        "--format", "json").json()}
    assert (rows["211102"]["review"], rows["211102"]["reason"]) == ("returned", "缺工作情况")
    assert rows["211122"]["review"] == "pending" and rows["211104"]["review"] is None


def test_accept_marks_the_package_reviewed(qdesk, city):
    result = qdesk("review", "accept", "--db", city, "--unit", "211122", "--period", "2018Q1")
    assert result.code == 0 and "盘山县2018年第一季度的数据包：已审核" in result.out
    assert reviews(city)[0][0][1:] == ("accepted", None)


def test_the_correction_of_a_returned_package_is_pending_again(qdesk, city, packages):
    assert qdesk("review", "return", "--db", city, "--unit", "211122", "--period", "2018Q1",
                 "--reason", "P02填错").code == 0
    assert qdesk("import", packages.panshan_again, "--db", city, "--replace").code == 0
    rows = qdesk("review", "list", "--db", city, "--period", "2018Q1", "--format", "json").json()
    assert rows[0]["review"] == "pending"


@pytest.mark.parametrize("args,words", [
    (["return", "--unit", "211122", "--period", "2018Q1", "--reason", " "], "退回理由"),
    (["accept", "--unit", "211104", "--period", "2018Q1"], "尚未导入大洼区2018年第一季度的数据包"),
    (["accept", "--unit", "999999", "--period", "2018Q1"], "单位代码“999999”不存在"),
    (["accept", "--unit", "211122", "--period", "2018Q5"], "报告期"),
])
def test_a_refused_review_exits_3_with_its_reason_and_changes_nothing(qdesk, city, args, words):
    before = reviews(city)
    result = qdesk("review", args[0], "--db", city, *args[1:])
    assert result.code == 3 and words in result.err, result.err
    assert reviews(city) == before


def test_return_without_a_reason_is_a_usage_error(qdesk, city):
    result = qdesk("review", "return", "--db", city, "--unit", "211122", "--period", "2018Q1")
    assert result.code == 2 and "--reason" in result.err
