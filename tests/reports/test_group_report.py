"""The roster attachment and the adjustment notice, read back from their PDFs."""

import datetime as dt

import pdfplumber
import pytest

from qdesk.core.roster_text import parse_roster_text
from qdesk.reports.group_report import aligned_name, build_adjustment_notice, build_roster
from qdesk.store.database import open_store
from qdesk.store.group import group_of, import_roster, roster
from qdesk.store.units import home_unit
from tests.core.test_roster_text import ATTACHMENT
from qdesk.reports.group_report import NAME_X
from qdesk.reports.layout import BODY_SIZE, LEFT, LETTER_SPACING
from tests.reports.pdftools import lines, text_lines

DAY = dt.date(2014, 5, 26)


@pytest.fixture(scope="module")
def panjin(tmp_path_factory):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template

    path = tmp_path_factory.mktemp("roster") / "p.qdesk"
    create_database(path, find_template("panjin-2014"), "211100", "盘锦市")
    with open_store(path) as store:
        import_roster(store, home_unit(store), list(parse_roster_text(ATTACHMENT).members), DAY,
                      "盘政发〔2014〕17号", "", "盘锦市质量强市工作领导小组", "市质监局")
    return path


def lines_of(path):
    with pdfplumber.open(path) as pdf:
        return [t for page in pdf.pages for t in text_lines(page)
                if not t.startswith("—")]


def test_roster_pdf_text_is_the_roster_in_order(panjin, tmp_path):
    out = tmp_path / "roster.pdf"
    with open_store(panjin) as store:
        build_roster(store, out, DAY)
        people = roster(store, group_of(store, home_unit(store)).id, DAY)
    text = lines_of(out)
    assert text[0] == "附件"
    assert text[1] == "盘锦市质量强市工作领导小组成员名单"
    office = next(i for i, t in enumerate(text) if t.startswith("领导小组下设办公室"))
    body = text[2:office]
    listed = [p for p in people if p.role.value != "office-director"]
    assert body[0] == "组\u3000长：王永威副市长" and body[1] == "副组长：邵炳南市政府副秘书长"
    assert len(body) == len(listed)
    for line, person in zip(body, listed):
        assert aligned_name(person.name) in line and line.endswith(person.post)
    assert "".join(text[office:]) == ("领导小组下设办公室，办公室设在市质监局，"
                                      "办公室主任由冯世宽同志兼任。")


def test_two_character_names_take_a_full_width_space(panjin, tmp_path):
    out = tmp_path / "roster.pdf"
    with open_store(panjin) as store:
        build_roster(store, out, DAY)
    text = "\n".join(lines_of(out))
    assert "王　刚" in text and "张　锐" in text and "张　良" in text
    with open_store(panjin) as store:
        names = {p.name for p in roster(store, group_of(store, home_unit(store)).id, DAY)}
    starts = set()
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            for row in lines(page):
                text = "".join(c["text"] for c in row).replace("\u3000", "")
                name = next((n for n in names if n in text[:8]), None)
                if "同志" in text:       # the office sentence, set as a paragraph
                    continue
                if name:
                    starts.add(round(next(c for c in row if c["text"] == name[0])["x0"]))
    assert starts == {round(LEFT + NAME_X * (BODY_SIZE + LETTER_SPACING))}


def test_the_adjustment_notice(demo_master, tmp_path):
    out = tmp_path / "notice.pdf"
    with open_store(demo_master) as store:
        build_adjustment_notice(store, out, "盘县政办发〔2019〕47号")
    text = "".join(lines_of(out))
    assert "关于调整盘山县质量强县工作领导小组成员的通知" in text
    assert "各成员单位：" in text and "因人事变动调整领导小组成员" in text
    assert "不再担任领导小组成员" in text and "增补" in text
    assert "附件：盘山县质量强县工作领导小组成员名单" in text
    assert "2019年11月4日" in text
    assert "盘山县质量强县工作领导小组成员名单" in text.split("2019年11月4日", 1)[1]


def test_an_unknown_document_number_is_refused(demo_master, tmp_path):
    from qdesk.core.errors import InputError
    with open_store(demo_master) as store, pytest.raises(InputError, match="没有文号"):
        build_adjustment_notice(store, tmp_path / "n.pdf", "不存在〔2019〕1号")
    assert list(tmp_path.iterdir()) == []
