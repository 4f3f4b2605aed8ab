"""A figure that is no number, written into the file outside qdesk, shown on the entry page as
what it is (the file changed outside qdesk; run qdesk check), not a crash."""

import sqlite3

from qdesk.core.periods import Period
from qdesk.gui.pages.entry import EntryPage
from qdesk.store.entries import EntryInput, set_entries
from tests.gui.test_entry import choose_period

YEAR = Period.parse("2019")


def test_a_figure_that_is_no_number_is_named_on_the_entry_page_in_place(county, qtbot):
    set_entries(county.store, county.plan, county.home, YEAR,
                [EntryInput("S02", "10", "12"), EntryInput("S01", None, None, "85")])
    conn = sqlite3.connect(county.path)
    with conn:
        conn.execute("UPDATE entries SET value = 'abc' WHERE value IS NOT NULL")
    conn.close()
    page = EntryPage(county)
    qtbot.addWidget(page)
    page.show()
    choose_period(page, YEAR)
    assert "指标S01（单位652301，2019）保存的数据不是数字（abc）" in page.message.text()
    assert "qdesk check" in page.message.text()
    assert page.model.rowCount() == 0 and not page.save_button.isVisible()
    choose_period(page, Period.parse("2020Q1"))     # a year it can read is shown again
    assert page.model.rowCount() > 0 and page.message.text() == ""
