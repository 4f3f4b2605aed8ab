"""`qdesk group import` and `qdesk group show` through the real entry point."""

import sqlite3

import pytest

from tests.core.test_roster_text import ATTACHMENT


@pytest.fixture
def county(qdesk, tmp_path):
    db = tmp_path / "p.qdesk"
    assert qdesk("init", "--db", db, "--template", "panjin-2014", "--unit-code", "211100",
                 "--unit-name", "盘锦市").code == 0
    return db


def rows(db):
    conn = sqlite3.connect(db)
    result = conn.execute("SELECT count(*) FROM members").fetchone()[0]
    conn.close()
    return result


def test_import_the_seed_roster_and_show_it_as_json(qdesk, county, tmp_path):
    text = tmp_path / "roster.txt"
    text.write_text(ATTACHMENT, encoding="utf-8")
    result = qdesk("group", "import", "--db", county, text, "--date", "2014-05-26", "--doc",
                   "盘政发〔2014〕17号")
    assert result.code == 0 and "新增31人" in result.out
    people = qdesk("group", "show", "--db", county, "--date", "2014-06-01", "--format",
                   "json").json()
    assert [p["role"] for p in people].count("member") == 27
    assert people[0] == {"role": "leader", "name": "王永威", "post": "副市长", "unit": "",
                         "phone": "", "concurrent": False}
    assert people[-1]["role"] == "office-director" and people[-1]["name"] == "冯世宽"
    assert people[-1]["concurrent"] is True
    assert "王刚" in [p["name"] for p in people]
    table = qdesk("group", "show", "--db", county, "--date", "2014-06-01")
    assert "组长" in table.out and "冯世宽（兼）" in table.out


def test_a_gb18030_file_from_notepad_is_read(qdesk, county, tmp_path):
    text = tmp_path / "roster.txt"
    text.write_bytes(ATTACHMENT.encode("gb18030"))
    assert qdesk("group", "import", "--db", county, text, "--date", "2014-05-26").code == 0


def test_an_unreadable_line_refuses_the_whole_file_naming_it(qdesk, county, tmp_path):
    text = tmp_path / "roster.txt"
    text.write_text(ATTACHMENT.replace("李久顺 市国资委副主任", "李久顺市国资委副主任"),
                    encoding="utf-8")
    result = qdesk("group", "import", "--db", county, text)
    assert result.code == 3 and "roster.txt" in result.err and "李久顺市国资委副主任" in result.err
    assert rows(county) == 0


def test_a_future_date_is_refused(qdesk, county, tmp_path):
    text = tmp_path / "roster.txt"
    text.write_text(ATTACHMENT, encoding="utf-8")
    result = qdesk("group", "import", "--db", county, text, "--date", "2099-01-01")
    assert result.code == 3 and "晚于今天" in result.err and rows(county) == 0


def test_show_on_the_demo_warns_nothing_and_lists_in_protocol_order(qdesk, demo_master):
    people = qdesk("group", "show", "--db", demo_master, "--format", "json").json()
    roles = [p["role"] for p in people]
    assert roles == sorted(roles, key=["leader", "deputy", "member",
                                       "office-director"].index)


def _import_and_adjust(qdesk, county, tmp_path):
    """The founding roster, then 盘政办发〔2015〕8号 adding 赵新 on 2015-03-02 (adjustment #2)."""
    import datetime as dt

    from qdesk.store.database import open_store
    from qdesk.store.group import NewMember, adjust, group_of
    from qdesk.store.units import home_unit

    text = tmp_path / "roster.txt"
    text.write_text(ATTACHMENT, encoding="utf-8")
    assert qdesk("group", "import", "--db", county, text, "--date", "2014-05-26", "--doc",
                 "盘政发〔2014〕17号").code == 0
    with open_store(county) as store:
        group = group_of(store, home_unit(store))
        return adjust(store, group.id, dt.date(2015, 3, 2), "盘政办发〔2015〕8号", "",
                      add=[NewMember("member", "赵新", "市统计局副局长", "市统计局")])


def test_withdraw_undoes_an_adjustment_and_show_lists_it_marked(qdesk, county, tmp_path):
    adjustment = _import_and_adjust(qdesk, county, tmp_path)
    result = qdesk("group", "withdraw", "--db", county, "--adjustment", str(adjustment),
                   "--date", "2015-06-01", "--doc", "盘政办发〔2015〕12号", "--reason", "有误")
    assert result.code == 0 and "盘政办发〔2015〕12号撤销" in result.out
    names = {day: [p["name"] for p in qdesk("group", "show", "--db", county, "--date", day,
                                            "--format", "json").json()]
             for day in ("2015-05-31", "2015-06-01")}
    assert "赵新" in names["2015-05-31"] and "赵新" not in names["2015-06-01"]
    table = qdesk("group", "show", "--db", county, "--date", "2015-06-01").out
    assert f"#{adjustment}  2015-03-02  盘政办发〔2015〕8号  已撤销（盘政办发〔2015〕12号）" in table
    assert f"#{adjustment + 1}  2015-06-01  盘政办发〔2015〕12号  撤销盘政办发〔2015〕8号" in table


def test_withdrawing_twice_is_refused_with_exit_3_and_nothing_changes(qdesk, county, tmp_path):
    adjustment = _import_and_adjust(qdesk, county, tmp_path)
    args = ("group", "withdraw", "--db", county, "--adjustment", str(adjustment), "--date",
            "2015-06-01", "--doc", "盘政办发〔2015〕12号")
    assert qdesk(*args).code == 0
    before = rows(county)
    again = qdesk(*args)
    assert again.code == 3 and "已由盘政办发〔2015〕12号撤销" in again.err
    assert rows(county) == before


def _corrected_roster(tmp_path, post):
    """The founding roster with 赵新 on it as `post`: the group as 盘政办发〔2015〕8号 should have
    made it."""
    text = tmp_path / "corrected.txt"
    text.write_text(ATTACHMENT.replace("丛东日 盘锦出入境检验检疫局副局长\n",
                                       f"丛东日 盘锦出入境检验检疫局副局长\n赵新 {post}\n"),
                    encoding="utf-8")
    return text


def test_correct_puts_the_group_as_the_roster_says_and_show_lists_it_marked(qdesk, county,
                                                                           tmp_path):
    adjustment = _import_and_adjust(qdesk, county, tmp_path)
    result = qdesk("group", "correct", "--db", county, _corrected_roster(tmp_path, "市统计局局长"),
                   "--adjustment", str(adjustment), "--date", "2015-04-01", "--doc",
                   "盘政办发〔2015〕10号", "--reason", "职务有误")
    assert result.code == 0, result.err
    assert "编号2的调整已由盘政办发〔2015〕10号更正，自2015-04-01起生效：新增0人，退出0人，变更1人" in result.out
    posts = {day: {p["name"]: p["post"] for p in qdesk("group", "show", "--db", county, "--date",
                                                        day, "--format", "json").json()}
             for day in ("2015-03-31", "2015-04-01")}
    assert posts["2015-03-31"]["赵新"] == "市统计局副局长"
    assert posts["2015-04-01"]["赵新"] == "市统计局局长"
    table = qdesk("group", "show", "--db", county, "--date", "2015-04-01").out
    assert f"#{adjustment}  2015-03-02  盘政办发〔2015〕8号  已更正（盘政办发〔2015〕10号）" in table
    assert f"#{adjustment + 1}  2015-04-01  盘政办发〔2015〕10号  更正盘政办发〔2015〕8号" in table


@pytest.mark.parametrize("case, args, refusal", [
    ("unknown", ("--adjustment", "99", "--date", "2015-04-01"), "没有编号为99的调整"),
    ("too early", ("--adjustment", "2", "--date", "2015-03-02"), "须晚于原调整的日期2015-03-02"),
    ("no change", ("--adjustment", "2", "--date", "2015-04-01"), "组成与该名单一致"),
])
def test_a_correction_refused_exits_3_and_changes_nothing(qdesk, county, tmp_path, case, args,
                                                          refusal):
    _import_and_adjust(qdesk, county, tmp_path)
    before = (rows(county), _adjustments(county))
    result = qdesk("group", "correct", "--db", county,
                   _corrected_roster(tmp_path, "市统计局副局长"), "--doc", "盘政办发〔2015〕10号",
                   *args)
    assert result.code == 3 and refusal in result.err, result.err
    assert (rows(county), _adjustments(county)) == before


def test_an_adjustment_corrected_once_is_not_corrected_again(qdesk, county, tmp_path):
    adjustment = _import_and_adjust(qdesk, county, tmp_path)
    args = ("--adjustment", str(adjustment), "--date", "2015-04-01", "--doc", "盘政办发〔2015〕10号")
    assert qdesk("group", "correct", "--db", county, _corrected_roster(tmp_path, "市统计局局长"),
                 *args).code == 0
    before = (rows(county), _adjustments(county))
    again = qdesk("group", "correct", "--db", county, _corrected_roster(tmp_path, "市统计局调研员"),
                  *args)
    assert again.code == 3 and "已由盘政办发〔2015〕10号更正" in again.err
    assert (rows(county), _adjustments(county)) == before


def test_correcting_before_any_group_exists_is_refused(qdesk, county, tmp_path):
    text = tmp_path / "roster.txt"
    text.write_text(ATTACHMENT, encoding="utf-8")
    result = qdesk("group", "correct", "--db", county, text, "--adjustment", "1", "--date",
                   "2015-04-01", "--doc", "盘政办发〔2015〕10号")
    assert result.code == 3 and "尚未建立领导小组" in result.err
    assert rows(county) == 0


def _adjustments(db):
    conn = sqlite3.connect(db)
    result = conn.execute("SELECT * FROM adjustments ORDER BY id").fetchall()
    conn.close()
    return result
