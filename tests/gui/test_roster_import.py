"""Importing a roster on the leading group page: paste or open, read, correct the table, save."""

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox

from qdesk.core.roster import Role
from qdesk.core.roster_text import parse_roster_text
from qdesk.gui.pages.group import GroupPage
from qdesk.gui.roster_import_dialog import RosterImportDialog
from qdesk.store.group import adjustments, group_of, roster
from tests.core.test_roster_text import ATTACHMENT
from tests.gui.keyboard import type_text

DAY = dt.date(2021, 1, 15)
DOC = "盘县政办发〔2021〕3号"
CORRECTED_POST = "市卫生健康委员会副主任"      # 王刚's commission, under its name since 2018


def open_dialog(session, qtbot):
    page = GroupPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.import_button.click()
    dialog = page.import_dialog
    assert isinstance(dialog, RosterImportDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return page, dialog


def paste(qtbot, dialog, text):
    QApplication.clipboard().setText(text)
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.text_edit.toPlainText() == text


def row_of(dialog, name, role=Role.MEMBER):
    return next(row for row in range(dialog.table.rowCount())
                if dialog.table.item(row, RosterImportDialog.NAME).text() == name
                and dialog.table.cellWidget(row, RosterImportDialog.ROLE).currentData()
                == role.value)


def cell(dialog, row, column):
    return dialog.table.item(row, column).text()


def count(session, table):
    return session.store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_reading_a_pasted_roster_fills_the_table_in_document_order(session, qtbot):
    _, dialog = open_dialog(session, qtbot)
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()

    parsed = parse_roster_text(ATTACHMENT)
    table = dialog.table
    assert table.rowCount() == len(parsed.members) == 31
    assert [cell(dialog, row, RosterImportDialog.NAME) for row in range(table.rowCount())] == [
        m.name for m in parsed.members]
    assert [table.cellWidget(row, RosterImportDialog.ROLE).currentData()
            for row in range(table.rowCount())] == [m.role.value for m in parsed.members]
    wang = row_of(dialog, "王刚")                          # "王 刚" in the document
    assert cell(dialog, wang, RosterImportDialog.POST) == "市卫生和计划生育委员会副主任"
    assert cell(dialog, wang, RosterImportDialog.UNIT) == "市卫生和计划生育委员会"
    director = table.rowCount() - 1
    assert table.cellWidget(director, RosterImportDialog.ROLE).currentText() == "Office director"
    assert cell(dialog, director, RosterImportDialog.NAME) == "冯世宽"
    assert dialog.name_edit.text() == "盘锦市质量强市工作领导小组"
    assert dialog.seat_edit.text() == "市质监局"
    assert dialog.count_label.text() == "31 row(s)"
    assert not dialog.read_problem.isVisibleTo(dialog)


def test_saving_the_corrected_roster_makes_the_group_stand_as_it(session, qtbot):
    page, dialog = open_dialog(session, qtbot)
    group = group_of(session.store, session.home)
    before = roster(session.store, group.id, DAY)
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()

    table = dialog.table
    wang = row_of(dialog, "王刚")
    table.setFocus()
    table.setCurrentCell(wang, RosterImportDialog.POST)
    table.editItem(table.item(wang, RosterImportDialog.POST))
    editor = table.indexWidget(table.currentIndex())
    editor.selectAll()
    type_text(qtbot, editor, CORRECTED_POST)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert cell(dialog, wang, RosterImportDialog.UNIT) == "市卫生健康委员会"   # read off the post

    dialog.date_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))
    dialog.doc_edit.setText(DOC)
    dialog.reason_edit.setText("人事变动")
    messages = []
    page.status_message.connect(messages.append)
    with qtbot.waitSignal(page.changed, timeout=1000):
        dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()

    expected = [(m.role, m.name, CORRECTED_POST if m.name == "王刚" else m.post,
                 "市卫生健康委员会" if m.name == "王刚" else m.unit)
                for m in parse_roster_text(ATTACHMENT).members]
    after = roster(session.store, group.id, DAY)
    assert [(line.role, line.name, line.post, line.unit) for line in after] == expected
    assert after[-1].concurrent                              # 冯世宽 deputy and director (兼)
    assert not {line.name for line in before} & {line.name for line in after}
    newest = adjustments(session.store, group.id)[-1]
    assert (newest.date, newest.doc_number, newest.reason) == (DAY, DOC, "人事变动")
    assert len(newest.left) == len(before) and len(newest.joined) == len(expected)
    assert messages == [f"Roster {DOC} imported: 31 joined, {len(before)} left, 0 changed"]
    assert page.heading.text() == "盘锦市质量强市工作领导小组"
    assert page.model.lines[0].name == "王永威"            # today's roster, read again


def test_an_unreadable_line_is_shown_in_red_with_its_number_and_the_table_stays_empty(
        session, qtbot):
    _, dialog = open_dialog(session, qtbot)
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()
    assert dialog.table.rowCount() == 31

    lines = ATTACHMENT.splitlines()
    lines[5] = "秘书长:马树民 市教育局副调研员"                  # line 6: not a role of the group
    dialog.text_edit.setPlainText("\n".join(lines))
    assert not dialog.read()

    assert dialog.table.rowCount() == 0
    assert dialog.read_problem.isVisibleTo(dialog)
    assert "第6行" in dialog.read_problem.text() and "秘书长" in dialog.read_problem.text()
    assert "#b00020" in dialog.read_problem.styleSheet()
    marked = dialog.text_edit.extraSelections()
    assert [mark.cursor.blockNumber() for mark in marked] == [5]

    dialog.text_edit.setPlainText(ATTACHMENT)                # corrected: read again
    assert dialog.read()
    assert dialog.table.rowCount() == 31
    assert not dialog.read_problem.isVisibleTo(dialog)
    assert dialog.text_edit.extraSelections() == []


def test_a_future_date_is_refused_in_place_and_nothing_changes(session, qtbot):
    page, dialog = open_dialog(session, qtbot)
    tables = ("members", "adjustments", "audit", "groups")
    rows = [count(session, table) for table in tables]
    group = group_of(session.store, session.home)
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()
    dialog.date_edit.setDate(QDate.currentDate().addDays(10))
    dialog.doc_edit.setText("盘县政办发〔2030〕1号")

    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.problem.isVisibleTo(dialog)
    assert "晚于今天" in dialog.problem.text()
    assert dialog.date_edit.styleSheet()
    assert [count(session, table) for table in tables] == rows
    assert group_of(session.store, session.home) == group      # not renamed either
    assert page.model.lines[0].name == "谭云飞"

    dialog.date_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))   # corrected: the mark goes
    assert not dialog.problem.isVisibleTo(dialog)
    assert not dialog.date_edit.styleSheet()
    assert dialog.submit()


def test_a_person_listed_twice_in_the_table_is_refused_with_the_row(session, qtbot):
    _, dialog = open_dialog(session, qtbot)
    rows = count(session, "adjustments")
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()
    dialog.doc_edit.setText(DOC)
    second = dialog.table.item(4, RosterImportDialog.NAME)
    second.setText("沈艳丰")                                # row 5 repeats row 4

    assert not dialog.submit()
    assert dialog.isVisible()
    assert "沈艳丰" in dialog.problem.text() and "第5行" in dialog.problem.text()
    assert second.background().color().red() == 255        # the row is marked
    assert count(session, "adjustments") == rows


def test_a_roster_the_group_already_stands_as_is_refused(session, qtbot):
    _, dialog = open_dialog(session, qtbot)
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()
    dialog.date_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))
    dialog.doc_edit.setText(DOC)
    assert dialog.submit()

    page, again = open_dialog(session, qtbot)
    paste(qtbot, again, ATTACHMENT)
    again.read_button.click()
    again.date_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))
    again.doc_edit.setText("盘县政办发〔2021〕4号")
    assert not again.submit()
    assert "无需调整" in again.problem.text()


def test_rows_can_be_added_and_deleted(session, qtbot):
    _, dialog = open_dialog(session, qtbot)
    paste(qtbot, dialog, ATTACHMENT)
    dialog.read_button.click()
    dialog.table.setCurrentCell(1, RosterImportDialog.NAME)      # 邵炳南, deputy
    row = dialog.add_row()
    assert row == 2
    assert dialog.table.cellWidget(row, RosterImportDialog.ROLE).currentData() == "deputy"
    dialog.table.item(row, RosterImportDialog.NAME).setText("张 三")
    dialog.table.item(row, RosterImportDialog.POST).setText("市政府副秘书长")
    dialog.table.setCurrentCell(5, RosterImportDialog.NAME)
    dialog.delete_row()
    assert dialog.count_label.text() == "31 row(s)"

    members = dialog.members()
    assert [(m.role, m.name, m.unit) for m in members[:4]] == [
        (Role.LEADER, "王永威", ""), (Role.DEPUTY, "邵炳南", "市政府"),
        (Role.DEPUTY, "张三", "市政府"), (Role.DEPUTY, "冯世宽", "市质量技术监督局")]
    assert "李建中" not in [m.name for m in members]


def test_a_text_file_is_shown_and_read(session, qtbot, tmp_path):
    _, dialog = open_dialog(session, qtbot)
    path = tmp_path / "名单.txt"
    path.write_bytes(ATTACHMENT.replace("\n", "\r\n").encode("gb18030"))    # as WPS saves it
    assert dialog.load_file(path)
    assert dialog.text_edit.toPlainText().startswith("附件:盘锦市")
    assert dialog.table.rowCount() == 31

    path.write_bytes("组 长:王永威 副市长\n秘书长:张三\n".encode("gb18030"))
    assert not dialog.load_file(path)
    assert "名单.txt" in dialog.read_problem.text() and "第2行" in dialog.read_problem.text()
    assert dialog.table.rowCount() == 0


def test_a_workbook_loads_its_rows_into_the_table(session, qtbot, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["盘山县质量强县工作领导小组人员名单"])
    sheet.append(["职务类别", "姓名", "职务", "单位", "电话"])
    sheet.append(["组长", "王永威", "副县长", "", 13900000000])
    sheet.append(["成员", "沈艳丰", "县发展和改革局副局长", "县发展和改革局", ""])
    sheet.append(["办公室主任", "沈艳丰（兼）", "", "", ""])
    path = tmp_path / "名单.xlsx"
    book.save(path)

    _, dialog = open_dialog(session, qtbot)
    assert dialog.load_file(path)
    assert dialog.table.rowCount() == 3
    assert cell(dialog, 0, RosterImportDialog.PHONE) == "13900000000"
    assert cell(dialog, 2, RosterImportDialog.POST) == "县发展和改革局副局长"
    assert dialog.name_edit.text() == "盘山县质量强县工作领导小组"
    assert dialog.seat_edit.text() == "县市场监督管理局"          # the group's, kept
