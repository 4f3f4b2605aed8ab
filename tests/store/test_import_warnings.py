"""What an import lists as unlikely is what the entry grid warns of for the same figures
(store.entries.import_warnings against figure_warnings_of), whatever the unit's history."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdesk.core.periods import Period
from qdesk.store.database import open_store
from qdesk.store.entries import (CheckedEntry, EntryInput, check_input, figure_warnings_of,
                                 import_warnings, set_entries)
from qdesk.store.plans import load_plan
from qdesk.store.units import add_subordinate
from tests.fuzzing import fuzz_settings
from tests.plausible import make_office

HISTORY = [Period.parse(f"2025Q{q}") for q in range(1, 5)]
NOW = Period.parse("2026Q1")


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    """A town of the county `qdesk init` made, in a store kept open for every example."""
    store = open_store(make_office(tmp_path_factory.mktemp("office")))
    unit = add_subordinate(store, "341822100", "桃州镇", "township")
    yield store, load_plan(store), unit
    store.close()


counts = st.integers(min_value=0, max_value=60).map(str)
rates = st.integers(min_value=1, max_value=200).flatmap(
    lambda batches: st.tuples(st.integers(min_value=0, max_value=batches).map(str),
                              st.just(str(batches))))


@fuzz_settings(60)
@given(history=st.lists(st.tuples(counts, rates), min_size=4, max_size=4),
       complaints=counts, quality=st.none() | counts, rate=rates)
def test_an_import_lists_what_the_grid_warns_of(town, history, complaints, quality, rate):
    store, plan, unit = town
    for period, (count, (passed, batches)) in zip(HISTORY, history):
        set_entries(store, plan, unit, period, [EntryInput("A02", value=count),
                                                EntryInput("A01", passed, batches)])
    items = [EntryInput("A02", value=complaints), EntryInput("A01", *rate)]
    if quality is not None:
        items.append(EntryInput("A03", value=quality))
    checked = [CheckedEntry(unit, NOW, *check_input(plan, NOW, item, unit.is_office))
               for item in items]

    listed = import_warnings(store, plan, checked)

    grid = figure_warnings_of(store, plan, unit, NOW, items)
    assert [(w.unit.code, w.period, w.warning) for w in listed] == [
        (unit.code, NOW, warning) for code in [i.indicator.code for i in checked]
        for warning in grid.get(code, [])]


def test_a_figure_with_a_note_is_not_listed(town):
    store, plan, unit = town
    for period in HISTORY:
        set_entries(store, plan, unit, period, [EntryInput("A02", value="10")])
    indicator, value = check_input(plan, NOW, EntryInput("A02", value="40"), unit.is_office)
    assert [w.warning.indicator for w in import_warnings(
        store, plan, [CheckedEntry(unit, NOW, indicator, value)])] == ["A02"]
    assert import_warnings(store, plan, [CheckedEntry(unit, NOW, indicator, value, "新开热线")]) == []
