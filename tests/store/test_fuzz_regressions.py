"""Entries the fuzz tests found mishandled in the store: now refused, with nothing written."""

import pytest

from qdesk.core.errors import InputError
from qdesk.core.periods import Period
from qdesk.store.database import open_store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.plans import load_plan
from qdesk.store.units import find_unit
from tests.fuzzing import digest

Q4 = Period.parse("2020Q4")


@pytest.fixture
def county(demo_db):
    store = open_store(demo_db)
    yield store, load_plan(store), find_unit(store, "211122101")
    store.close()


def refusal(store, *args) -> str:
    before = digest(store)
    with pytest.raises(InputError) as info:
        set_entries(store, *args)
    assert digest(store) == before
    return info.value.render("zh")


@pytest.mark.parametrize("note", ["bad\x01note", "\x00", "Word\x0bline", "\x1b[31m红\x1b[0m"])
def test_a_note_with_a_control_character_is_refused(county, note):
    # it was stored, and `qdesk export xlsx` then failed with openpyxl's IllegalCharacterError
    store, plan, unit = county
    assert "备注中含有控制字符" in refusal(store, plan, unit, Q4,
                                         [EntryInput("P02", "95", "100", note=note)])


def test_tabs_and_line_breaks_in_a_note_are_kept(county, tmp_path):
    from qdesk.exchange.export import export_xlsx

    store, plan, unit = county
    set_entries(store, plan, unit, Q4, [EntryInput("P02", "95", "100", note="复核\t已改\r\n再核")])
    assert store.db.execute("SELECT note FROM entries WHERE unit_id = ? AND period = '2020Q4'"
                            " AND note LIKE '复核%'", [unit.id]).fetchone()[0] == "复核\t已改\r\n再核"
    export_xlsx(store, Q4, tmp_path / "q4.xlsx")


@pytest.mark.parametrize("numerator,denominator", [("1", str(2**63)), ("9" * 20, "9" * 20)])
def test_a_rate_too_large_for_the_database_is_refused_and_nothing_written(county, numerator,
                                                                         denominator):
    # SQLite raised OverflowError ("Python int too large to convert to SQLite INTEGER")
    store, plan, unit = county
    assert "过大" in refusal(store, plan, unit, Q4,
                           [EntryInput("P03", "1", "2"), EntryInput("P02", numerator, denominator)])
