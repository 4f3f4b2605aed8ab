"""The context of a figure on the entry sheet, Qt-free: its last figures, last year's, its changes
from the audit trail, and its warnings."""

from qdesk.core.periods import Period
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.settings import set_setting
from qdesk.store.units import home_unit
from qdesk.views.cell_context import cell_context
from qdesk.views.entry_sheet import VALUE, EntrySheet
from tests.plausible import make_office

NOW = Period.parse("2026Q1")


def test_a_cells_context_holds_its_history_and_who_changed_it_from_what(tmp_path):
    with open_store(make_office(tmp_path)) as store:
        plan, home = load_plan(store), home_unit(store)
        for period, value in (("2025Q1", "10"), ("2025Q3", "12"), ("2025Q4", "无")):
            set_entries(store, plan, home, Period.parse(period), [EntryInput("A02", value=value)])
        set_setting(store, "operator", "张三")
        set_entries(store, plan, home, NOW, [EntryInput("A02", value="10")])
        set_setting(store, "operator", "李四")
        set_entries(store, plan, home, NOW, [EntryInput("A02", value="11")])
        sheet = EntrySheet.load(store, plan, home, NOW)
        row = sheet.row_of("A02")
        context = cell_context(store, sheet, row)
        assert [(str(f.period), f.text) for f in context.earlier] == [
            ("2025Q4", "无此项"), ("2025Q3", "12件"), ("2025Q2", "未填报"), ("2025Q1", "10件")]
        assert (context.year_ago.label, context.year_ago.text) == ("2025年第一季度", "10件")
        assert [(c.operator, c.old, c.new) for c in context.changes] == [
            ("李四", "数值：10", "数值：11"), ("张三", "", "数值：10")]
        assert context.warnings == ()
        sheet.set_texts([(row, VALUE, "40")])
        assert cell_context(store, sheet, row).warnings == (
            "40件超出近2期数值范围（10件～12件）20%以上",)   # the two with a figure
