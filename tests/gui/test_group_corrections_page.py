"""The leading group page: the preview asked before an adjustment is written, withdrawing one,
and the roster and the notice built, previewed and saved as PDFs."""

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from qdesk.core.roster import Role
from qdesk.gui.pages.group import GroupPage
from qdesk.store.audit import trail
from qdesk.store.group import NewMember, adjust, adjustments, ensure_group, group_of, roster
from tests.gui.test_group_page import count, fill_new_member, open_dialog, open_page


def text_of(path):
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture
def own_office(tmp_path):
    """An office made with qdesk init, its group founded by one document in 2020."""
    from qdesk.databases import create_database
    from qdesk.gui.session import Session
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from qdesk.store.units import home_unit

    path = tmp_path / "panshan.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    with open_store(path) as store:
        group = ensure_group(store, home_unit(store), "盘山县质量强县工作领导小组", "县市场监管局")
        adjust(store, group.id, dt.date(2020, 6, 30), "盘县政发〔2020〕5号", "成立领导小组",
               add=[NewMember("leader", "李明", "县长"),
                    NewMember("deputy", "王刚", "副县长"),
                    NewMember("member", "赵新", "县统计局局长", "县统计局")])
    session = Session(path)
    yield session
    session.close()


def test_the_preview_lists_the_changes_and_cancel_writes_nothing(session, qtbot):
    page = open_page(session, qtbot)
    leaving = next(line for line in page.model.lines if line.role is Role.MEMBER)
    rows = count(session, "adjustments"), count(session, "members"), count(session, "audit")
    dialog = open_dialog(page, qtbot)
    dialog.doc_edit.setText("盘县政办发〔2021〕5号")
    fill_new_member(dialog, 0, "member", "张三", "县教育局局长", "县教育局")
    assert dialog.tick(leaving.member_id)

    assert dialog.submit()
    assert dialog.previewing() and dialog.preview.isVisibleTo(dialog)
    assert dialog.preview.lines() == ["+ 张三 (Member)", f"− {leaving.name}"]
    assert dialog.preview.question.text() == "Write it?"
    assert (count(session, "adjustments"), count(session, "members"),
            count(session, "audit")) == rows

    dialog.button_box.rejected.emit()               # Cancel: back to editing, nothing written
    assert dialog.isVisible() and not dialog.previewing()
    assert dialog.new_members()[0].name == "张三"    # what was typed is still there
    dialog.button_box.rejected.emit()
    assert not dialog.isVisible()
    assert (count(session, "adjustments"), count(session, "members"),
            count(session, "audit")) == rows


def test_withdrawing_writes_a_correcting_adjustment_and_the_roster_changes(own_office, qtbot):
    session = own_office
    page = open_page(session, qtbot)
    group = group_of(session.store, session.home)
    original = adjust(session.store, group.id, dt.date(2021, 3, 1), "盘县政办发〔2021〕3号",
                      "人事变动", add=[NewMember("member", "钱立", "县财政局局长", "县财政局")])
    page.refresh()
    assert page.select_adjustment(original)
    assert page.withdraw_button.isEnabled()
    dialog = page.withdraw_adjustment()
    assert [dialog.did_list.item(n).text() for n in range(dialog.did_list.count())] == [
        "+ 钱立 (Member)"]
    dialog.date_edit.setDate(dt.date(2021, 4, 1))
    dialog.doc_edit.setText("盘县政办发〔2021〕4号")
    dialog.reason_edit.setText("3号文件有误")
    assert dialog.submit()
    assert dialog.preview.lines() == ["− 钱立"]
    assert count(session, "adjustments") == 2
    with qtbot.waitSignal(page.changed, timeout=1000):
        assert dialog.submit()

    names = {day: [line.name for line in roster(session.store, group.id, day)]
             for day in (dt.date(2021, 3, 31), dt.date(2021, 4, 1))}
    assert names == {dt.date(2021, 3, 31): ["李明", "王刚", "赵新", "钱立"],
                     dt.date(2021, 4, 1): ["李明", "王刚", "赵新"]}
    history = {a.doc_number: a for a in adjustments(session.store, group.id)}
    assert history["盘县政办发〔2021〕3号"].corrected_by == history["盘县政办发〔2021〕4号"].id
    assert trail(session.store, "adjustments")[-1]["new"]["withdrawn"] is True
    texts = [page.timeline.topLevelItem(n).text(3) for n in range(3)]
    assert texts[0].startswith("[Withdraws 盘县政办发〔2021〕3号]")
    assert texts[1].startswith("[Withdrawn by 盘县政办发〔2021〕4号]")
    page.select_adjustment(original)
    assert not page.withdraw_button.isEnabled() and not page.correct_button.isEnabled()


def test_withdrawing_what_a_later_adjustment_built_on_is_refused_in_place(own_office, qtbot):
    session = own_office
    page = open_page(session, qtbot)
    page.select_adjustment(adjustments(session.store, page.group.id)[0].id)
    dialog = page.withdraw_adjustment()
    adjust(session.store, page.group.id, dt.date(2021, 3, 1), "盘县政办发〔2021〕3号", "",
           remove=[next(line.member_id for line in page.model.lines if line.name == "赵新")])
    rows = count(session, "adjustments"), count(session, "audit")
    dialog.doc_edit.setText("盘县政办发〔2021〕4号")
    assert not dialog.submit()
    assert dialog.isVisible() and not dialog.previewing()
    assert "盘县政办发〔2021〕3号" in dialog.problem.text() and "请先撤销" in dialog.problem.text()
    assert (count(session, "adjustments"), count(session, "audit")) == rows


def test_a_correction_from_the_page_is_previewed_then_written_referring_to_the_original(
        own_office, qtbot):
    session = own_office
    page = open_page(session, qtbot)
    founding = adjustments(session.store, page.group.id)[0]
    page.select_adjustment(founding.id)
    dialog = page.correct_adjustment()
    assert "盘县政发〔2020〕5号" in dialog.windowTitle()
    dialog.doc_edit.setText("盘县政发〔2020〕6号")
    zhao = next(line.member_id for line in page.model.lines if line.name == "赵新")
    assert dialog.choose_member(0, zhao)
    dialog.change_table.item(0, 2).setText("县统计局副局长")
    assert dialog.submit()
    assert dialog.preview.lines() == ["赵新: 县统计局局长 → 县统计局副局长"]
    assert dialog.submit()
    fixed = adjustments(session.store, page.group.id)[-1]
    assert (fixed.corrects, fixed.withdraws) == (founding.id, False)
    assert {line.name: line.post for line in page.model.lines}["赵新"] == "县统计局副局长"


def test_printing_the_roster_previews_it_and_saves_a_pdf_with_the_names(own_office, qtbot,
                                                                          tmp_path):
    page = open_page(own_office, qtbot)
    page.set_day(dt.date(2020, 6, 30))
    offered = []
    page.choose_roster_file = lambda: offered.append(True) or str(tmp_path / "名单.pdf")
    page.print_document()                                   # Ctrl+P
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=60_000)
    preview = page.preview_dialog
    assert preview.document.pageCount() >= 1
    assert preview.save_as() == tmp_path / "名单.pdf" and offered
    text = text_of(tmp_path / "名单.pdf")
    assert "盘山县质量强县工作领导小组成员名单" in text
    assert all(name in text.replace("\u3000", "").replace(" ", "") for name in ("李明", "王刚", "赵新"))


def test_the_roster_and_notice_file_names_say_what_they_hold(own_office, qtbot, monkeypatch):
    from qdesk.gui.pages import group as group_page

    offered = []
    monkeypatch.setattr(group_page, "save_file_name",
                        lambda parent, title, name, filters: offered.append(name) or "")
    page = open_page(own_office, qtbot)
    page.set_day(dt.date(2020, 6, 30))
    page.choose_roster_file()
    page.choose_notice_file()
    assert offered == ["盘山县质量强县工作领导小组名单（2020-06-30）.pdf",
                       "关于调整盘山县质量强县工作领导小组成员的通知.pdf"]


def test_printing_the_notice_of_the_chosen_adjustment_saves_a_pdf_naming_who_joined(
        own_office, qtbot, tmp_path):
    page = open_page(own_office, qtbot)
    assert isinstance(page, GroupPage)
    page.select_adjustment(adjustments(own_office.store, page.group.id)[0].id)
    page.choose_notice_file = lambda: str(tmp_path / "通知.pdf")
    page.print_notice_button.click()
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=60_000)
    assert page.preview_dialog.save_as() == Path(tmp_path / "通知.pdf")
    text = "".join(text_of(tmp_path / "通知.pdf").split()).replace("\u3000", "")
    assert "关于调整盘山县质量强县工作领导小组成员的通知" in text
    assert "增补李明（县长）为领导小组组长" in text and "盘县政发〔2020〕5号" in text
