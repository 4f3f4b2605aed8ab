"""The leading group page: the roster as of a day, the history of adjustments, the dialog, order."""

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox

from qdesk.core.roster import Role
from qdesk.gui.adjustment_dialog import AdjustmentDialog
from qdesk.gui.pages.group import GroupPage, RosterModel
from qdesk.store.audit import trail
from qdesk.store.group import group_of, members, roster
from tests.gui.keyboard import type_text


def open_page(session, qtbot):
    page = GroupPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def the_group(session):
    return group_of(session.store, session.home)


def shown(page, row, column):
    return page.model.data(page.model.index(row, column))


def shown_names(page):
    return [line.name for line in page.model.lines]


def count(session, table):
    return session.store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def open_dialog(page, qtbot):
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, AdjustmentDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)    # keys go where a clerk types
    return dialog


def fill_new_member(dialog, row, role, name, post, unit):
    combo = dialog.add_table.cellWidget(row, AdjustmentDialog.ADD_ROLE)
    combo.setCurrentIndex(combo.findData(role))
    for column, text in ((AdjustmentDialog.ADD_NAME, name), (AdjustmentDialog.ADD_POST, post),
                         (AdjustmentDialog.ADD_UNIT, unit)):
        dialog.add_table.item(row, column).setText(text)


def test_roster_as_of_today_lists_everyone_in_protocol_order(session, qtbot):
    page = open_page(session, qtbot)
    today = roster(session.store, the_group(session).id, dt.date.today())
    assert page.day() == dt.date.today()
    assert page.model.rowCount() == len(today)
    assert shown_names(page) == [line.name for line in today]
    assert page.model.lines[0].role is Role.LEADER
    assert shown(page, 0, RosterModel.ROLE) == "Leader"
    last = page.model.rowCount() - 1
    assert page.model.lines[last].role is Role.OFFICE_DIRECTOR
    assert shown(page, last, RosterModel.NAME) == today[-1].name + "（兼）"
    assert shown(page, last, RosterModel.ROLE) == "Office director"
    assert page.heading.text() == "盘山县质量强县工作领导小组"
    assert "县市场监督管理局" in page.seat_label.text()
    assert not page.banner.isVisibleTo(page)      # a leader and an office director: no warning


def test_choosing_a_past_date_shows_the_founding_leader(session, qtbot):
    page = open_page(session, qtbot)
    founding_leader = next(m for m in members(session.store, the_group(session).id)
                           if m.role is Role.LEADER and m.start == dt.date(2019, 3, 12))
    assert shown_names(page)[0] != founding_leader.name       # replaced on 2020-06-18

    page.date_edit.setDate(QDate(2019, 6, 1))
    assert shown_names(page)[0] == founding_leader.name
    assert page.model.lines[0].role is Role.LEADER
    assert page.model.rowCount() == len(roster(session.store, the_group(session).id,
                                               dt.date(2019, 6, 1)))

    page.today_button.click()
    assert page.day() == dt.date.today()
    assert shown_names(page)[0] != founding_leader.name


def test_a_date_before_the_group_says_nobody_is_on_it(session, qtbot):
    page = open_page(session, qtbot)
    page.set_day(dt.date(2018, 1, 1))
    assert page.model.rowCount() == 0
    assert page.banner.isVisibleTo(page)
    assert "Nobody" in page.banner.text()


def test_timeline_lists_the_adjustments_newest_first(session, qtbot):
    page = open_page(session, qtbot)
    timeline = page.timeline
    assert timeline.topLevelItemCount() == 3
    assert [timeline.topLevelItem(n).text(0) for n in range(3)] == [
        "2020-06-18", "2019-11-04", "2019-03-12"]
    assert [timeline.topLevelItem(n).text(1) for n in range(3)] == [
        "盘县政办发〔2020〕22号", "盘县政办发〔2019〕47号", "盘县政办发〔2019〕9号"]
    newest = timeline.topLevelItem(0)
    changes = [newest.child(n).text(3) for n in range(newest.childCount())]
    leader_now = page.model.lines[0].name
    assert f"+ {leader_now} (Leader)" in changes
    assert any(text.startswith("− ") for text in changes)


def test_double_clicking_an_adjustment_shows_the_roster_of_its_date(session, qtbot):
    page = open_page(session, qtbot)
    oldest = page.timeline.topLevelItem(2)
    page.timeline.itemActivated.emit(oldest, 0)
    assert page.day() == dt.date(2019, 3, 12)


def test_an_adjustment_adds_and_removes_through_the_dialog(session, qtbot):
    page = open_page(session, qtbot)
    group = the_group(session)
    before = roster(session.store, group.id, dt.date.today())
    leaving = next(line for line in before if line.role is Role.MEMBER)
    audited = len(trail(session.store, "members"))

    dialog = open_dialog(page, qtbot)
    assert dialog.date() == dt.date.today()
    dialog.doc_edit.setFocus()
    type_text(qtbot, dialog.doc_edit, "盘县政办发〔2021〕5号")
    dialog.reason_edit.setFocus()
    type_text(qtbot, dialog.reason_edit, "人事变动")
    fill_new_member(dialog, 0, "member", "张三", "县教育局局长", "县教育局")
    assert dialog.tick(leaving.member_id)
    with qtbot.waitSignal(page.changed, timeout=1000):
        assert dialog.submit() and dialog.submit()      # the preview, then the write
    assert not dialog.isVisible()

    after = roster(session.store, group.id, dt.date.today())
    names = [line.name for line in after]
    assert "张三" in names and leaving.name not in names
    assert len(after) == len(before)
    assert shown_names(page) == names
    assert page.timeline.topLevelItemCount() == 4
    newest = page.timeline.topLevelItem(0)
    assert newest.text(1) == "盘县政办发〔2021〕5号"
    assert {newest.child(n).text(3) for n in range(newest.childCount())} == {
        "+ 张三 (Member)", f"− {leaving.name}"}

    changes = trail(session.store, "members")[audited:]
    assert [c["action"] for c in changes] == ["update"] * (len(changes) - 1) + ["insert"]
    assert changes[0]["row_key"] == str(leaving.member_id)
    assert all(set(c["new"]) == {"position"} for c in changes[1:-1]), \
        "the members after 张三's place (县教育局) move down one"
    assert changes[0]["old"] == {"name": leaving.name, "end_date": None}
    assert changes[0]["new"] == {"name": leaving.name, "end_date": dt.date.today().isoformat()}
    assert changes[-1]["new"]["name"] == "张三"
    assert all(c["reason"] == "盘县政办发〔2021〕5号 人事变动" for c in changes)
    assert all(c["operator"] == session.operator for c in changes)


def test_a_change_of_post_is_recorded_and_shown_in_the_timeline(session, qtbot):
    page = open_page(session, qtbot)
    member = next(line for line in page.model.lines if line.role is Role.MEMBER)
    dialog = open_dialog(page, qtbot)
    dialog.doc_edit.setText("盘县政办发〔2021〕6号")
    assert dialog.choose_member(0, member.member_id)
    post = dialog.change_table.item(0, AdjustmentDialog.CHANGE_POST)
    assert post.text() == member.post                  # the current post, to be edited
    post.setText("县教育局局长")
    assert dialog.submit() and dialog.submit()      # the preview, then the write

    line = next(ln for ln in page.model.lines if ln.name == member.name)
    assert line.post == "县教育局局长" and line.role is Role.MEMBER
    newest = page.timeline.topLevelItem(0)
    assert newest.child(0).text(3) == f"{member.name}: {member.post} → 县教育局局长"


def test_a_future_date_is_refused_in_place_and_nothing_is_written(session, qtbot):
    page = open_page(session, qtbot)
    rows = (count(session, "members"), count(session, "adjustments"), count(session, "audit"))
    dialog = open_dialog(page, qtbot)
    dialog.date_edit.setDate(QDate.currentDate().addDays(10))
    dialog.doc_edit.setText("盘县政办发〔2030〕1号")
    fill_new_member(dialog, 0, "member", "张三", "县教育局局长", "县教育局")

    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.problem.isVisibleTo(dialog)
    assert "晚于今天" in dialog.problem.text()
    assert dialog.date_edit.styleSheet()                   # the field is marked
    assert (count(session, "members"), count(session, "adjustments"),
            count(session, "audit")) == rows
    assert "张三" not in shown_names(page)

    dialog.date_edit.setDate(QDate.currentDate())           # corrected: the mark goes
    assert not dialog.problem.isVisibleTo(dialog)
    assert dialog.submit() and dialog.submit()      # the preview, then the write
    assert "张三" in shown_names(page)


def test_an_empty_document_number_is_refused_in_place(session, qtbot):
    page = open_page(session, qtbot)
    rows = (count(session, "members"), count(session, "adjustments"))
    dialog = open_dialog(page, qtbot)
    assert dialog.tick(page.model.lines[3].member_id)
    dialog.doc_edit.setText("   ")

    assert not dialog.submit()
    assert dialog.isVisible()
    assert "缺少文号" in dialog.problem.text()
    assert dialog.doc_edit.styleSheet()
    assert (count(session, "members"), count(session, "adjustments")) == rows


def test_an_adjustment_that_changes_nobody_is_refused(session, qtbot):
    page = open_page(session, qtbot)
    dialog = open_dialog(page, qtbot)
    dialog.doc_edit.setText("盘县政办发〔2021〕7号")
    assert not dialog.submit()
    assert "没有任何变动" in dialog.problem.text()


def test_cancel_writes_nothing(session, qtbot):
    page = open_page(session, qtbot)
    rows = count(session, "adjustments")
    dialog = open_dialog(page, qtbot)
    dialog.doc_edit.setText("盘县政办发〔2021〕8号")
    fill_new_member(dialog, 0, "member", "张三", "县教育局局长", "县教育局")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    assert count(session, "adjustments") == rows


def test_typing_a_new_member_into_the_table(session, qtbot):
    page = open_page(session, qtbot)
    dialog = open_dialog(page, qtbot)
    row = dialog.add_row()
    table = dialog.add_table
    table.setFocus()
    table.setCurrentCell(row, AdjustmentDialog.ADD_NAME)
    table.editItem(table.item(row, AdjustmentDialog.ADD_NAME))
    editor = table.indexWidget(table.currentIndex())
    assert QApplication.focusWidget() is editor
    type_text(qtbot, editor, "李四")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert [m.name for m in dialog.new_members()] == ["李四"]    # the empty first row is skipped


def test_move_up_reorders_within_a_role(session, qtbot):
    page = open_page(session, qtbot)
    group = the_group(session)
    members_now = [line for line in page.model.lines if line.role is Role.MEMBER]
    first, second = members_now[0], members_now[1]
    audited = len(trail(session.store, "members"))

    row = page.model.row_of(second.member_id)
    page.table.selectRow(row)
    assert page.up_button.isEnabled()
    with qtbot.waitSignal(page.changed, timeout=1000):
        page.up_button.click()

    order = [line.member_id for line in roster(session.store, group.id, dt.date.today())
             if line.role is Role.MEMBER]
    assert order[:2] == [second.member_id, first.member_id]
    assert [line.member_id for line in page.model.lines
            if line.role is Role.MEMBER] == order
    assert page.model.lines[page.table.currentIndex().row()].member_id == second.member_id
    assert len(trail(session.store, "members")) > audited

    # The first of a role cannot go above it into the role before.
    page.table.selectRow(page.model.row_of(second.member_id))
    assert not page.up_button.isEnabled()
    assert page.down_button.isEnabled()
    page.table.selectRow(0)                                 # the leader: alone in the role
    assert not page.up_button.isEnabled() and not page.down_button.isEnabled()


def test_a_database_without_a_group_offers_to_make_one(tmp_path, qtbot):
    from qdesk.databases import create_database
    from qdesk.gui.session import Session
    from qdesk.plans.library import find_template

    create_database(tmp_path / "new.qdesk", find_template("panjin-2014"), "211122", "盘山县")
    session = Session(tmp_path / "new.qdesk")
    try:
        page = open_page(session, qtbot)
        assert page.setup_box.isVisibleTo(page)
        assert not page.new_button.isEnabled()
        assert page.model.rowCount() == 0
        page.seat_edit.setText("县市场监督管理局")
        with qtbot.waitSignal(page.changed, timeout=1000):
            page.create_button.click()
        assert not page.setup_box.isVisibleTo(page)
        assert page.heading.text() == "盘山县质量工作领导小组"
        assert page.new_button.isEnabled()
        assert page.banner.isVisibleTo(page)                  # nobody on it yet
    finally:
        session.close()
