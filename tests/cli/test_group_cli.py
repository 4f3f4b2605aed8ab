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
