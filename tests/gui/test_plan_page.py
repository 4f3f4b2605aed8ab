"""方案: the plan editor, on a county made as `qdesk init` makes it, with figures entered."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

from qdesk.core.errors import InputError
from qdesk.core.targets import Target
from qdesk.gui.pages.plan import PlanEditorPage
from qdesk.plans.template import load_template
from qdesk.store.audit import trail
from qdesk.store.plans import check_plan_update, load_plan
from tests.gui.keyboard import type_into, type_text

PLAN_PAGE = 9


def figures(store):
    return list(store.query(
        "SELECT e.unit_id, e.period, i.code, e.numerator, e.denominator, e.value"
        " FROM entries e JOIN indicators i ON i.id = e.indicator_id ORDER BY 1, 2, 3"))


def open_page(session, qtbot):
    page = PlanEditorPage(session)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def cell(page, code, key):
    model = page.model
    row = next(n for n, r in enumerate(model.draft.indicators) if r.fields["code"] == code)
    return model.index(row, model.column_of(key))


def type_cell(qtbot, page, index, text):
    """Open the cell's editor as a double-click does, type over it and press Enter."""
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None)


def choose_cell(qtbot, page, index, value):
    """Open the cell's list, choose the entry holding `value` and press Enter."""
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(value))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None)


def test_an_indicator_added_and_a_target_changed_are_saved_with_every_figure_kept(
        district, qtbot):
    from qdesk.gui.main_window import MainWindow

    window = MainWindow(district)
    qtbot.addWidget(window)
    window.ask_unsaved = lambda page: QMessageBox.StandardButton.Discard
    window.show()
    window.nav.setCurrentRow(1)
    entry = window.current_page()
    window.nav.setCurrentRow(PLAN_PAGE)
    page = window.current_page()
    assert isinstance(page, PlanEditorPage)
    before, audited = figures(district.store), len(trail(district.store))

    page.table.setCurrentIndex(cell(page, "P02", "code"))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    new_row = page.table.currentIndex().row()
    assert new_row == 2 and not page.save_button.isEnabled()    # code, name, target missing
    for key, text in (("code", "P09"), ("name", "食品抽检合格率"), ("target", "不低于95%")):
        type_cell(qtbot, page, page.model.index(new_row, page.model.column_of(key)), text)
    choose_cell(qtbot, page, cell(page, "P09", "frequency"), "quarterly")
    type_cell(qtbot, page, cell(page, "P02", "target"), "≥97%")
    assert cell(page, "P02", "target").data() == "≥97%"
    assert page.save_button.isEnabled() and page.has_unsaved()
    assert "P09" in page.pending.text()

    with qtbot.waitSignal(page.changed) as emitted:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert {"plans", "indicators"} <= emitted.args[0].tables
    assert not page.has_unsaved() and not page.save_button.isEnabled()
    plan = load_plan(district.store)
    assert plan.indicator("P02").target == Target.parse(">= 97")
    assert [i.code for i in plan.indicators][:3] == ["P01", "P02", "P09"]
    assert plan.indicator("P09").target == Target.parse(">= 95")
    assert figures(district.store) == before
    assert len(trail(district.store)) > audited
    assert district.plan == plan                    # the session reads the new version
    assert entry.model.period.frequency.value == "quarterly"
    assert entry.model.row(entry.model.row_of("P09")).indicator.name == "食品抽检合格率"


def test_a_target_that_does_not_parse_is_marked_in_place_and_save_is_disabled(district, qtbot):
    page = open_page(district, qtbot)
    target = cell(page, "P03", "target")
    type_cell(qtbot, page, target, "九成")
    assert target.data() == "九成"
    assert target.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "九成" in target.data(Qt.ItemDataRole.ToolTipRole)
    assert page.problem.isVisible() and "P03" in page.problem.text()
    assert not page.save_button.isEnabled()
    assert not page.save() and load_plan(district.store) == district.plan
    type_cell(qtbot, page, target, "90%以上")
    assert target.data() == "≥90%" and page.save_button.isEnabled()
    assert not page.problem.isVisible()


def test_the_kind_and_unit_of_an_indicator_with_figures_cannot_change_nor_can_it_go(
        district, qtbot):
    page = open_page(district, qtbot)
    for key in ("code", "kind", "unit", "frequency"):
        index = cell(page, "P02", key)
        assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert "已有填报数据" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert not page.model.setData(index, "count")
    page.table.setCurrentIndex(cell(page, "P02", "kind"))
    page.table.edit(cell(page, "P02", "kind"))
    assert page.table.indexWidget(cell(page, "P02", "kind")) is None
    assert not page.remove_button.isEnabled()
    assert "P02" in page.remove_button.toolTip()
    page.table.setCurrentIndex(cell(page, "P03", "kind"))       # P03 has no figures
    assert page.remove_button.isEnabled()
    assert page.model.flags(cell(page, "P03", "kind")) & Qt.ItemFlag.ItemIsEditable


def test_shrinking_the_span_over_figures_is_refused_with_the_services_message(district, qtbot):
    page = open_page(district, qtbot)
    audited = len(trail(district.store))
    page.end_year.setValue(2015)                    # B01 and P02 have figures of 2016
    shrunk = page.draft.checked.plan
    with pytest.raises(InputError) as service:
        check_plan_update(district.store, shrunk)
    assert service.value.render() in page.problem.text()
    assert not page.save_button.isEnabled()
    with qtbot.assertNotEmitted(page.changed):
        assert not page.save()
    assert load_plan(district.store) == district.plan
    assert len(trail(district.store)) == audited
    page.end_year.setValue(2021)                    # extending the span is allowed
    assert page.save() and load_plan(district.store).end_year == 2021


def test_the_plans_own_fields_and_its_calendar_are_typed_checked_and_saved(district, qtbot):
    page = open_page(district, qtbot)
    type_into(qtbot, page.title, "")
    page.title.selectAll()
    qtbot.keyClick(page.title, Qt.Key.Key_Delete)
    assert "title" in page.problem.text() and not page.save_button.isEnabled()
    type_into(qtbot, page.title, "盘山县质量强县工作方案")
    page.doc_number.selectAll()
    type_into(qtbot, page.doc_number, "盘山政发〔2015〕3号")
    page.deadline_rows[1].rule.setCurrentIndex(page.deadline_rows[1].AFTER)
    page.deadline_rows[1].number.setValue(0)
    page.deadline_rows[1].day.setValue(40)
    assert page.deadline_rows[1].day.toolTip() and not page.save_button.isEnabled()
    page.deadline_rows[1].day.setValue(15)
    assert page.save()
    plan = load_plan(district.store)
    assert plan.title == "盘山县质量强县工作方案" and plan.doc_number == "盘山政发〔2015〕3号"
    half = next(d for d in plan.deadlines if d.report.value == "half-year")
    assert (half.months_after, half.month, half.day) == (0, None, 15)
    assert {row["table_name"] for row in trail(district.store)[-3:]} >= {"plans", "deadlines"}


def test_discarding_and_leaving_with_unsaved_changes(district, qtbot):
    from qdesk.gui.main_window import MainWindow

    window = MainWindow(district)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(PLAN_PAGE)
    page = window.current_page()
    type_cell(qtbot, page, cell(page, "P01", "name"), "改过的名称")
    asked = []
    window.ask_unsaved = lambda p: asked.append(p) or QMessageBox.StandardButton.Cancel
    window.nav.setCurrentRow(0)
    assert asked == [page] and window.current_page() is page
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    assert not page.has_unsaved()
    assert cell(page, "P01", "name").data() == district.plan.indicator("P01").name


def test_export_writes_a_template_that_loads_back_as_the_plan(district, qtbot, monkeypatch,
                                                              tmp_path):
    page = open_page(district, qtbot)
    type_cell(qtbot, page, cell(page, "P01", "name"), "改过的名称")
    out = tmp_path / "下发" / "plan.toml"
    out.parent.mkdir()
    monkeypatch.setattr(page, "choose_export_file", lambda: str(out))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert not out.exists() and "Save or discard" in page.problem.text()
    assert page.save()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert load_template(out) == load_plan(district.store)
    assert load_template(out).indicator("P01").name == "改过的名称"
