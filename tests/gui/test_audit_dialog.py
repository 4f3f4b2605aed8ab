"""The change history dialog: the audit trail filtered exactly, newest first, exported to Excel."""

import json

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget

from qdesk.core.periods import Period
from qdesk.gui import audit_dialog as audit_dialog_module
from qdesk.gui.audit_dialog import AuditDialog, ChangesModel, show_audit
from qdesk.store.audit import changes, count_changes
from qdesk.views.change_history import record_label
from qdesk.store.locks import unlock_period
from qdesk.store.settings import set_setting


@pytest.fixture
def dialog(session, qtbot):
    dialog = AuditDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog, column):
    """What a column of the list shows, top to bottom."""
    model = dialog.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def pick(qtbot, combo, text):
    """Choose a filter item by keyboard, as a clerk arrows through a closed combo box."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, f"{text!r} is not offered"


def type_day(qtbot, edit, digits):
    """Type a day into a date field from its year on, as after tabbing into it."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(edit, digits)


def add(session, at, operator="王强", table="entries", key="211122/2020Q4/P03"):
    session.store.db.execute(
        "INSERT INTO audit (at, operator, table_name, row_key, action, old, new, unit_code,"
        " period) VALUES (?, ?, ?, ?, 'update', ?, ?, '211122', '2020Q4')",
        [at, operator, table, key, json.dumps({"numerator": 700, "denominator": 795}),
         json.dumps({"numerator": 721, "denominator": 795})])


def test_the_whole_trail_is_listed_newest_first_and_counted(dialog, session):
    assert dialog.windowTitle() == "Change history"
    assert not dialog.isModal()
    total = count_changes(session.store)
    assert dialog.model.rowCount() == total
    assert dialog.count_label.text() == f"{total} change(s), newest first"
    times = shown(dialog, ChangesModel.TIME)
    assert times == sorted(times, reverse=True)
    assert "T" not in times[0] and "+" not in times[0]           # 2026-12-01 22:57:53
    assert shown(dialog, ChangesModel.RECORD) == [record_label(c) for c in changes(session.store)]
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)] == [
        "Time", "Operator", "Data", "Record", "Action", "Old value", "New value", "Reason",
        "Unit", "Period"]


def test_a_row_reads_in_words_not_json(dialog, session):
    unlock_period(session.store, Period.parse("2020Q3"), "上级退回：P03分母填错")
    dialog.refresh()
    row = [dialog.model.index(0, c).data() for c in range(10)]
    assert row[1:] == ["县质量办 李晓燕", "报告期锁定", "2020Q3", "修改", "锁定：是", "锁定：否",
                       "上级退回：P03分母填错", "", "2020年第三季度"]
    entry = [c.key for c in changes(session.store)].index("211122/2019Q1/P02")
    assert [dialog.model.index(entry, c).data() for c in range(2, 10)] == [
        "填报数据", "P02", "新增", "", "分子：825；分母：825", "", "盘山县",
        "2019年第一季度"]


def test_the_filters_offer_what_the_trail_holds(dialog):
    items = {combo: [combo.itemText(n) for n in range(combo.count())]
             for combo in (dialog.table_combo, dialog.unit_combo, dialog.period_combo,
                           dialog.operator_combo)}
    assert items[dialog.table_combo] == ["All", "填报数据", "目标", "工作情况", "领导小组",
                                         "领导小组成员", "报告期锁定", "单位", "任务台账",
                                         "考核评分", "考核加减分", "考核结果发布"]
    assert items[dialog.unit_combo][:3] == ["All", "盘山县", "高升街道"]
    assert items[dialog.period_combo][:3] == ["All", "2020年第四季度", "2020年第三季度"]
    assert items[dialog.operator_combo] == ["All", "县质量办 李晓燕"]


def test_choosing_a_table_keeps_exactly_its_changes(dialog, session, qtbot):
    pick(qtbot, dialog.table_combo, "工作情况")
    expected = changes(session.store, table="narratives")
    assert shown(dialog, ChangesModel.RECORD) == [record_label(c) for c in expected]
    assert set(shown(dialog, ChangesModel.TABLE)) == {"工作情况"}
    assert dialog.count_label.text() == f"{len(expected)} change(s), newest first"


def test_unit_and_period_together_narrow_the_list_exactly(dialog, session, qtbot):
    pick(qtbot, dialog.unit_combo, "石新镇")
    pick(qtbot, dialog.period_combo, "2019年第一季度")
    expected = changes(session.store, unit_code="211122100", period="2019Q1")
    assert expected
    assert shown(dialog, ChangesModel.RECORD) == [record_label(c) for c in expected]
    assert set(shown(dialog, ChangesModel.UNIT)) == {"石新镇"}
    assert set(shown(dialog, ChangesModel.PERIOD)) == {"2019年第一季度"}


def test_an_operator_sees_only_what_they_changed(session, qtbot):
    set_setting(session.store, "operator", "王强")
    unlock_period(session.store, Period.parse("2020Q3"), "更正P03")
    dialog = AuditDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog.operator_combo, "王强")
    assert shown(dialog, ChangesModel.OPERATOR) == ["王强", "王强"]
    assert shown(dialog, ChangesModel.TABLE) == ["报告期锁定", "设置"]
    assert shown(dialog, ChangesModel.REASON)[0] == "更正P03"


def test_from_and_to_days_bound_the_list_inclusively(session, qtbot):
    for at in ("2031-11-22T23:59:59+08:00", "2031-11-23T08:00:00+08:00",
               "2031-11-24T17:30:00+08:00", "2031-11-25T00:00:00+08:00"):
        add(session, at)
    dialog = AuditDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.from_edit.isEnabled()
    qtbot.mouseClick(dialog.from_check, Qt.MouseButton.LeftButton)
    assert dialog.from_edit.isEnabled()
    type_day(qtbot, dialog.from_edit, "20311123")
    qtbot.mouseClick(dialog.to_check, Qt.MouseButton.LeftButton)
    type_day(qtbot, dialog.to_edit, "20311124")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert shown(dialog, ChangesModel.TIME) == ["2031-11-24 17:30:00", "2031-11-23 08:00:00"]
    assert dialog.count_label.text() == "2 change(s), newest first"

    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert not dialog.from_check.isChecked() and not dialog.to_check.isChecked()
    assert dialog.model.rowCount() == count_changes(session.store)


def test_clear_filters_shows_everything_again(dialog, session, qtbot):
    pick(qtbot, dialog.table_combo, "报告期锁定")
    pick(qtbot, dialog.period_combo, "2020年第四季度")
    assert dialog.model.rowCount() == 0
    assert dialog.count_label.text() == "No change matches the filters."
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert [c.currentText() for c in (dialog.table_combo, dialog.unit_combo,
                                      dialog.period_combo, dialog.operator_combo)] == ["All"] * 4
    assert dialog.model.rowCount() == count_changes(session.store)


def test_a_long_trail_lists_the_newest_and_says_so(session, qtbot, monkeypatch):
    monkeypatch.setattr(audit_dialog_module, "LIMIT", 50)
    dialog = AuditDialog(session)
    qtbot.addWidget(dialog)
    total = count_changes(session.store)
    assert dialog.model.rowCount() == 50
    assert shown(dialog, ChangesModel.RECORD) == [record_label(c) for c in changes(session.store,
                                                                          limit=50)]
    text = dialog.count_label.text()
    assert text.startswith(f"The newest 50 of {total} changes are listed")
    assert f"Export writes all {total}" in text


def test_the_chosen_change_is_shown_in_full_below(dialog, session, qtbot):
    unlock_period(session.store, Period.parse("2020Q3"), "上级退回：P03分母填错")
    dialog.refresh()
    view = dialog.view
    second = dialog.model.index(1, ChangesModel.RECORD)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(second).center())
    first = dialog.model.index(0, ChangesModel.RECORD)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(first).center())
    details = dialog.details.toPlainText()
    assert "上级退回：P03分母填错" in details
    assert "锁定" in details and "是" in details and "否" in details


def test_export_writes_every_matching_change_not_only_those_listed(session, qtbot, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setattr(audit_dialog_module, "LIMIT", 20)
    dialog = AuditDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog.table_combo, "填报数据")
    out = tmp_path / "history"                      # the suffix is added
    dialog.choose_file = lambda: str(out)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=10000)
    written = tmp_path / "history.xlsx"
    assert dialog.message.text() == f"Written: {written}"
    assert dialog.export_button.isEnabled()

    rows = list(openpyxl.load_workbook(written).active.values)
    assert list(rows[0]) == ["时间", "操作人", "数据表", "记录", "操作", "原值", "新值", "理由",
                             "单位", "报告期"]
    expected = changes(session.store, table="entries")
    assert len(expected) > 20 and dialog.model.rowCount() == 20
    assert [r[3] for r in rows[1:]] == [record_label(c) for c in expected]
    assert {r[2] for r in rows[1:]} == {"填报数据"}


def test_export_to_a_missing_folder_says_so_in_place(dialog, qtbot, tmp_path):
    dialog.export_to(tmp_path / "missing" / "h.xlsx")
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=10000)
    assert "不存在" in dialog.message.text()
    assert dialog.message.styleSheet()
    assert not (tmp_path / "missing").exists()


def test_show_audit_opens_one_dialog_beside_the_window_and_reuses_it(session, qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    first = show_audit(session, window)
    assert first.isVisible() and not first.isModal()
    assert window.isEnabled()
    total = first.model.rowCount()
    unlock_period(session.store, Period.parse("2020Q3"), "更正")
    again = show_audit(session, window)
    assert again is first
    assert again.model.rowCount() == total + 1                 # read again when brought back


def test_the_dialog_renders(dialog, tmp_path):
    dialog.resize(1240, 720)
    image = dialog.grab()
    assert image.save(str(tmp_path / "audit.png"))
    assert image.width() >= 1000 and image.height() >= 600


def test_a_history_left_open_after_its_database_closed_only_rewords_itself(dialog, session,
                                                                           qtbot):
    from qdesk.gui.language import install_language

    listed = dialog.model.rowCount()
    session.close()
    install_language(QApplication.instance(), "zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "变更记录", timeout=5_000)
    assert dialog.model.rowCount() == listed
