from qdesk.core.periods import Period
from qdesk.store.changes import NOTHING, Changes


def test_changes_combine_their_tables_units_and_periods():
    a = Changes.of("entries", units=["211122"], periods=[Period.parse("2026Q1")])
    b = Changes.of("audit", "locks", periods=[Period.parse("2026Q2")])
    both = a | b
    assert both.tables == {"entries", "audit", "locks"}
    assert both.units == {"211122"}
    assert both.periods == {Period.parse("2026Q1"), Period.parse("2026Q2")}


def test_nothing_changed_is_false_and_touches_no_table():
    assert not NOTHING
    assert not NOTHING.touches(["entries"])
    assert Changes.of("members").touches(["entries", "members"])
