import datetime as dt
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook

from qdesk.core.errors import InputError
from qdesk.core.roster import Role, roster_on
from qdesk.exchange.roster_xlsx import read_roster_xlsx

L, D, M, O = Role.LEADER, Role.DEPUTY, Role.MEMBER, Role.OFFICE_DIRECTOR


def workbook(path, *rows, extra_sheet=False):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    if extra_sheet:
        book.create_sheet("其他").append(["职务类别", "姓名"])
    book.save(path)
    return path


def test_a_roster_sheet_with_a_title_and_headers_in_any_order(tmp_path):
    path = workbook(
        tmp_path / "名单.xlsx",
        ["附件：盘锦市质量强市工作领导小组人员名单"],
        [],
        ["序号", "姓名", "职务类别", "单位", "职务", "电话"],
        [1, "王永威", "组 长", None, "副市长", None],
        [2, "邵炳南", "副组长", "", "市政府副秘书长", "0427-2821000"],
        [3, "冯世宽", "副组长", "市质量技术监督局", "市质量技术监督局副局长", 13904270000],
        [4, "王 刚", "成员", None, "市卫生和计划生育委员会副主任", None],
        [],
        [5, "张锐", "成　员", "盘锦市地方税务局", "市地税局副局长", None],
        [6, "冯世宽（兼）", "办公室主任", None, None, None],
        extra_sheet=True)
    parsed = read_roster_xlsx(path)
    assert parsed.title == "盘锦市质量强市工作领导小组人员名单"
    assert parsed.group_name == "盘锦市质量强市工作领导小组"
    assert parsed.office_seat is None
    assert [(m.role, m.name, m.post, m.unit, m.phone, m.position) for m in parsed.members] == [
        (L, "王永威", "副市长", "", "", 0),
        (D, "邵炳南", "市政府副秘书长", "市政府", "0427-2821000", 0),
        (D, "冯世宽", "市质量技术监督局副局长", "市质量技术监督局", "13904270000", 1),
        (M, "王刚", "市卫生和计划生育委员会副主任", "市卫生和计划生育委员会", "", 0),
        (M, "张锐", "市地税局副局长", "盘锦市地方税务局", "", 1),
        (O, "冯世宽", "市质量技术监督局副局长", "市质量技术监督局", "13904270000", 0),
    ]
    director = roster_on(parsed.members, dt.date(2014, 5, 26))[-1]
    assert (director.role, director.concurrent) == (O, True)


def test_english_headers_and_role_words(tmp_path):
    path = workbook(tmp_path / "roster.xlsx",
                    ["Role", "Name", "Post", "Unit", "Phone"],
                    ["leader", "李明", "县长", "", ""],
                    ["deputy", "赵强", "副县长", "", ""],
                    ["member", "钱多多", "县财政局局长", "", ""],
                    ["office-director", "孙悦", "县市场监管局副局长", "", ""])
    parsed = read_roster_xlsx(path)
    assert parsed.title is None and parsed.group_name is None
    assert [(m.role, m.name, m.unit) for m in parsed.members] == [
        (L, "李明", ""), (D, "赵强", ""), (M, "钱多多", "县财政局"), (O, "孙悦", "县市场监管局")]


def test_an_office_director_row_marked_concurrent_in_the_role_column(tmp_path):
    path = workbook(tmp_path / "名单.xlsx",
                    ["职务类别", "姓名", "职务"],
                    ["副组长", "冯世宽", "市质监局局长"],
                    ["办公室主任(兼)", "冯世宽", ""])
    assert [(m.role, m.post) for m in read_roster_xlsx(path).members] == [
        (D, "市质监局局长"), (O, "市质监局局长")]


def refusal(path):
    with pytest.raises(InputError) as info:
        read_roster_xlsx(path)
    return info.value


def test_unreadable_rows_are_refused_naming_row_and_column(tmp_path):
    path = workbook(tmp_path / "名单.xlsx",
                    ["姓名", "职务类别", "职务"],
                    ["王永威", "组长", "副市长"],
                    ["张三", "顾问", "某局局长"],
                    ["盘锦市人民政府", "成员", ""],
                    [None, "成员", "市教育局副调研员"],
                    ["李四（兼）", "成员", "市科技局副局长"])
    error = refusal(path)
    assert [(p.line, p.field) for p in error.problems] == [
        (3, "职务类别"), (4, "姓名"), (5, "姓名"), (6, "职务类别")]
    assert all(p.source == str(path) for p in error.problems)
    first = error.render("zh").splitlines()[0]
    assert first.startswith(f"{path}，第3行，职务类别：") and "顾问" in first


def test_a_person_on_two_rows_in_two_roles_is_refused_naming_the_rows(tmp_path):
    path = workbook(tmp_path / "名单.xlsx",
                    ["职务类别", "姓名", "职务"],
                    ["组长", "李明", "县长"],
                    ["成员", "李明", "县长"])
    [problem] = refusal(path).problems
    assert problem.line == 3 and "第2行" in problem.message.render("zh")


def test_a_sheet_without_the_header_is_refused(tmp_path):
    path = workbook(tmp_path / "名单.xlsx", ["名字", "职位"], ["李明", "县长"])
    [problem] = refusal(path).problems
    assert "表头" in problem.message.render("zh")


def test_a_sheet_with_only_a_header_is_refused(tmp_path):
    path = workbook(tmp_path / "名单.xlsx", ["职务类别", "姓名"])
    assert "没有成员" in refusal(path).render("zh")


@pytest.mark.parametrize("name, content", [("名单.xlsx", b"not a zip file"),
                                           ("名单.txt", "组长:李明 县长".encode()),
                                           ("名单.xlsx", None)])
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    [problem] = refusal(path).problems
    assert problem.source == str(path) and "工作簿" in problem.message.render("zh")


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    [problem] = refusal(path).problems
    assert "工作簿" in problem.message.render("zh")


def test_openpyxl_is_imported_only_when_a_workbook_is_read():
    code = "import qdesk.exchange.roster_xlsx, sys; print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
