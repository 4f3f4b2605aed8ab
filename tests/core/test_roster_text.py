import datetime as dt

import pytest

from qdesk.core.errors import InputError
from qdesk.core.roster import Member, Role, roster_on
from qdesk.core.roster_text import ParsedRoster, group_name_of, is_person_name, parse_roster_text

# The attachment of 盘政发〔2014〕17号 (seed document 001_fca6e7407590ffad.txt), as published:
# half-width colons and brackets, two-character names spaced out to line up.
ATTACHMENT = """\
附件:盘锦市质量强市工作领导小组人员名单
组 长:王永威 副市长
副组长:邵炳南 市政府副秘书长
冯世宽 市质量技术监督局副局长
成 员:沈艳丰 市发展和改革委员会副主任
李建中 市经济和信息化委员会副主任
马树民 市教育局副调研员
杨文森 市科技局副局长
宫锡强 市公安局副局长
刘可佳 市财政局副局长
张密堂 市人力资源和社会保障局副局长
王立远 市环境保护局副局长
刘念东 市住房和城乡建设委员会副主任
秦德林 市交通局副局长
李金山 市农村经济委员会副调研员
李世财 市畜牧兽医局副局长
宗克昌 市水利局副局长
冯大庆 市海洋与渔业局副局长
沈国刚 市服务业委员会副主任
王 刚 市卫生和计划生育委员会副主任
李久顺 市国资委副主任
张 锐 市地税局副局长
许凤艳 市工商行政管理局副局长
张 良 市质量技术监督局纪检组长
史学昌 市文化广电局副局长
侯连春 市安全生产监督管理局副局长
董云飞 市食品药品监督管理局副局长
张素莲 市统计局副局长
王恩凯 市旅游局副局长
李铁义 市国税局总会计师
丛东日 盘锦出入境检验检疫局副局长
领导小组下设办公室,办公室设在市质监局,办公室主任冯世宽(兼)。
"""

L, D, M, O = Role.LEADER, Role.DEPUTY, Role.MEMBER, Role.OFFICE_DIRECTOR
EXPECTED = [
    (L, "王永威", "副市长", ""),
    (D, "邵炳南", "市政府副秘书长", "市政府"),
    (D, "冯世宽", "市质量技术监督局副局长", "市质量技术监督局"),
    (M, "沈艳丰", "市发展和改革委员会副主任", "市发展和改革委员会"),
    (M, "李建中", "市经济和信息化委员会副主任", "市经济和信息化委员会"),
    (M, "马树民", "市教育局副调研员", "市教育局"),
    (M, "杨文森", "市科技局副局长", "市科技局"),
    (M, "宫锡强", "市公安局副局长", "市公安局"),
    (M, "刘可佳", "市财政局副局长", "市财政局"),
    (M, "张密堂", "市人力资源和社会保障局副局长", "市人力资源和社会保障局"),
    (M, "王立远", "市环境保护局副局长", "市环境保护局"),
    (M, "刘念东", "市住房和城乡建设委员会副主任", "市住房和城乡建设委员会"),
    (M, "秦德林", "市交通局副局长", "市交通局"),
    (M, "李金山", "市农村经济委员会副调研员", "市农村经济委员会"),
    (M, "李世财", "市畜牧兽医局副局长", "市畜牧兽医局"),
    (M, "宗克昌", "市水利局副局长", "市水利局"),
    (M, "冯大庆", "市海洋与渔业局副局长", "市海洋与渔业局"),
    (M, "沈国刚", "市服务业委员会副主任", "市服务业委员会"),
    (M, "王刚", "市卫生和计划生育委员会副主任", "市卫生和计划生育委员会"),
    (M, "李久顺", "市国资委副主任", "市国资委"),
    (M, "张锐", "市地税局副局长", "市地税局"),
    (M, "许凤艳", "市工商行政管理局副局长", "市工商行政管理局"),
    (M, "张良", "市质量技术监督局纪检组长", "市质量技术监督局"),
    (M, "史学昌", "市文化广电局副局长", "市文化广电局"),
    (M, "侯连春", "市安全生产监督管理局副局长", "市安全生产监督管理局"),
    (M, "董云飞", "市食品药品监督管理局副局长", "市食品药品监督管理局"),
    (M, "张素莲", "市统计局副局长", "市统计局"),
    (M, "王恩凯", "市旅游局副局长", "市旅游局"),
    (M, "李铁义", "市国税局总会计师", "市国税局"),
    (M, "丛东日", "盘锦出入境检验检疫局副局长", "盘锦出入境检验检疫局"),
]
DAY = dt.date(2014, 5, 26)


@pytest.fixture(scope="module")
def seed():
    return parse_roster_text(ATTACHMENT, "001.txt")


def test_the_seed_attachment_has_one_leader_two_deputies_27_members_and_a_director(seed):
    counts = {role: sum(m.role is role for m in seed.members) for role in Role}
    assert counts == {L: 1, D: 2, M: 27, O: 1}


def test_every_name_post_and_unit_of_the_seed_is_read_right(seed):
    listed = [(m.role, m.name, m.post, m.unit) for m in seed.members if m.role is not O]
    assert listed == EXPECTED


def test_spaced_two_character_names_are_read_as_names(seed):
    posts = {m.name: m.post for m in seed.members}
    assert posts["王刚"] == "市卫生和计划生育委员会副主任"
    assert posts["张锐"] == "市地税局副局长"
    assert posts["张良"] == "市质量技术监督局纪检组长"
    assert not {"王", "张"} & set(posts)


def test_positions_count_within_each_role_in_document_order(seed):
    for role in Role:
        assert [m.position for m in seed.members if m.role is role] == list(
            range(sum(m.role is role for m in seed.members)))


def test_the_seed_title_group_and_office_seat(seed):
    assert seed.title == "盘锦市质量强市工作领导小组人员名单"
    assert seed.group_name == "盘锦市质量强市工作领导小组"
    assert seed.office_seat == "市质监局"


def test_the_seed_office_director_is_the_deputy_serving_concurrently(seed):
    director = seed.members[-1]
    assert (director.role, director.name, director.post, director.unit) == (
        O, "冯世宽", "市质量技术监督局副局长", "市质量技术监督局")
    assert all(m.start is None and m.end is None for m in seed.members)
    lines = roster_on(seed.members, DAY)
    assert len(lines) == 31
    assert [(line.role, line.name, line.concurrent) for line in lines if line.concurrent] == [
        (O, "冯世宽", True)]
    assert [line.role for line in lines] == [L, D, D] + [M] * 27 + [O]


def test_full_width_colons_spaces_brackets_and_blank_lines():
    text = ("附件\n\n盘山县质量工作领导小组成员名单\n组\u3000长：李明 县长\n\n"
            "副组长：赵强 副县长\n成　员：王\u3000刚 县市场监管局局长\n"
            "钱多多 县财政局局长 13800000000\n"
            "领导小组下设办公室，办公室设在县市场监管局，办公室主任王刚（兼）。\n")
    parsed = parse_roster_text(text)
    assert parsed.title == "盘山县质量工作领导小组成员名单"
    assert parsed.group_name == "盘山县质量工作领导小组"
    assert parsed.office_seat == "县市场监管局"
    assert [(m.role, m.name, m.post, m.unit, m.phone) for m in parsed.members] == [
        (L, "李明", "县长", "", ""),
        (D, "赵强", "副县长", "", ""),
        (M, "王刚", "县市场监管局局长", "县市场监管局", ""),
        (M, "钱多多", "县财政局局长", "县财政局", "13800000000"),
        (O, "王刚", "县市场监管局局长", "县市场监管局", ""),
    ]


def test_a_role_label_followed_by_spaces_instead_of_a_colon():
    parsed = parse_roster_text("组  长  李明  县长\n成 员 王 刚 县财政局局长\n办公室主任 王刚（兼）\n")
    assert [(m.role, m.name, m.post) for m in parsed.members] == [
        (L, "李明", "县长"), (M, "王刚", "县财政局局长"), (O, "王刚", "县财政局局长")]


def test_an_office_director_line_with_a_label_and_a_post():
    parsed = parse_roster_text("组长:李明 县长\n办公室主任:张三 市场监管局局长\n")
    assert parsed.members[1] == Member(
        role=O, name="张三", post="市场监管局局长", unit="市场监管局", position=0)
    assert parsed.office_seat is None and parsed.title is None and parsed.group_name is None
    assert not roster_on(parsed.members, DAY)[1].concurrent


def test_an_office_director_label_marked_concurrent_takes_the_post_of_the_other_line():
    parsed = parse_roster_text("副组长:冯世宽 市质监局局长\n办公室主任：冯世宽（兼）\n")
    assert [(m.role, m.post) for m in parsed.members] == [(D, "市质监局局长"), (O, "市质监局局长")]


def test_a_deputy_written_as_also_office_director():
    parsed = parse_roster_text("常务副组长:冯世宽 市质监局局长（兼办公室主任）\n")
    assert [(m.role, m.name, m.post) for m in parsed.members] == [
        (D, "冯世宽", "市质监局局长"), (O, "冯世宽", "市质监局局长")]


def test_other_wordings_of_the_office_sentence():
    parsed = parse_roster_text("组长:李明 县长\n副组长:冯世宽 县质监局局长\n"
                               "领导小组办公室设在县质监局，冯世宽同志兼任办公室主任。")
    assert parsed.office_seat == "县质监局"
    assert (parsed.members[-1].role, parsed.members[-1].name) == (O, "冯世宽")
    seat_only = parse_roster_text("组长:李明 县长\n领导小组下设办公室，办公室设在县质监局。")
    assert seat_only.office_seat == "县质监局" and len(seat_only.members) == 1


def refusal(text, source="名单.txt"):
    with pytest.raises(InputError) as info:
        parse_roster_text(text, source)
    return info.value


def test_unreadable_lines_refuse_the_whole_text_naming_each_line():
    text = ATTACHMENT.replace("李久顺 市国资委副主任", "李久顺市国资委副主任") + "盘锦市人民政府\n2014年5月26日\n"
    error = refusal(text)
    assert [(p.source, p.line) for p in error.problems] == [
        ("名单.txt", 21), ("名单.txt", 33), ("名单.txt", 34)]
    rendered = error.render("zh").splitlines()
    assert rendered[0].startswith("名单.txt，第21行：") and "李久顺市国资委副主任" in rendered[0]
    assert "盘锦市人民政府" in rendered[1] and "2014年5月26日" in rendered[2]
    assert "line 33" in error.render("en")


@pytest.mark.parametrize("line, why", [
    ("顾 问:张三 某局局长", "不是领导小组的职务"),
    ("组长:王 市卫生局副局长", "不是姓名"),
    ("组长:欧阳诸葛明 县长", "超过姓名长度"),
    ("成员:张三（兼） 某局局长", "（兼）只用于"),
    ("领导小组下设办公室，办公室设在县质监局，办公室主任由县质监局局长兼任。", "办公室主任的姓名"),
])
def test_lines_that_cannot_be_read(line, why):
    text = "组长:李明 县长\n" + line + "\n"
    [problem] = refusal(text).problems
    assert problem.line == 2 and why in problem.message.render("zh")
    assert line.strip() in problem.message.render("zh")


def test_a_label_alone_starts_the_role_of_the_lines_below():
    parsed = parse_roster_text("组长:李明 县长\n成 员:\n王刚 县财政局局长\n张锐 县统计局局长\n")
    assert [(m.role, m.name, m.position) for m in parsed.members] == [
        (L, "李明", 0), (M, "王刚", 0), (M, "张锐", 1)]


def test_a_name_before_any_role_is_refused():
    [problem] = refusal("附件:名单\n李明 县长\n").problems
    assert problem.line == 2 and "没有职务" in problem.message.render("zh")


def test_a_text_with_no_members_is_refused():
    [problem] = refusal("附件:盘锦市质量强市工作领导小组人员名单\n\n").problems
    assert "未读到任何成员" in problem.message.render("zh") and problem.source == "名单.txt"


def test_a_person_listed_twice_is_refused_with_both_lines():
    [problem] = refusal("组长:李明 县长\n成员:王刚 县财政局局长\n李明 县长\n").problems
    assert problem.line == 3 and "第1行" in problem.message.render("zh")


def test_a_concurrent_director_without_another_role_is_refused():
    [problem] = refusal("组长:李明 县长\n领导小组下设办公室,办公室设在市质监局,办公室主任冯世宽(兼)。\n").problems
    assert problem.line == 2 and "冯世宽" in problem.message.render("zh")


@pytest.mark.parametrize("title, group", [
    ("盘锦市质量强市工作领导小组人员名单", "盘锦市质量强市工作领导小组"),
    ("盘山县质量工作领导小组组成人员名单", "盘山县质量工作领导小组"),
    ("某县质量工作领导小组", "某县质量工作领导小组"),
])
def test_group_name_of_a_title(title, group):
    assert group_name_of(title) == group


def test_person_names():
    assert all(is_person_name(n) for n in ("王刚", "冯世宽", "欧阳娜娜", "买买提·艾力"))
    assert not any(is_person_name(n) for n in ("王", "欧阳诸葛明", "1.王刚", "王 刚", ""))


def test_parsed_roster_is_a_value():
    assert parse_roster_text("组长:李明 县长") == ParsedRoster(
        None, None, None, parse_roster_text("组 长：李明\u3000县长").members)
