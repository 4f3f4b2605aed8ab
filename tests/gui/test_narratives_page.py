"""The narratives page: five sections for the home unit, saved as typed, read-only when locked."""


from PySide6.QtGui import QTextCursor

from qdesk.core.narratives import Section
from qdesk.core.periods import Period
from qdesk.gui.pages.narratives import NarrativesPage
from qdesk.store.audit import trail
from qdesk.store.narratives import narratives
from tests.gui.keyboard import type_text
from tests.gui.picking import pick_period


def open_page(session, qtbot):
    page = NarrativesPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def append(qtbot, editor, text):
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, editor, text)


def choose_period(page, text):
    pick_period(page.period_picker, Period.parse(text))


def stored(session, period, section):
    return narratives(session.store, session.home, Period.parse(period)).get(section)


def test_opens_on_the_latest_quarter_with_its_texts(session, qtbot):
    page = open_page(session, qtbot)
    assert page.period() == Period.parse("2020Q4")
    assert page.editors[Section.WORK].toPlainText() == stored(session, "2020Q4", Section.WORK)
    assert not page.editors[Section.WORK].isReadOnly()
    assert not page.banner.isVisibleTo(page)


def test_typing_is_saved_after_a_pause_and_audited(session, qtbot):
    page = open_page(session, qtbot)
    before = stored(session, "2020Q4", Section.PROBLEMS)
    append(qtbot, page.editors[Section.PROBLEMS], "四是宣传覆盖面不够广。")
    assert stored(session, "2020Q4", Section.PROBLEMS) == before   # not on every keystroke

    qtbot.waitUntil(lambda: stored(session, "2020Q4", Section.PROBLEMS)
                    == before + "四是宣传覆盖面不够广。", timeout=3000)
    assert page.saved_label.text().startswith("Saved")
    assert not page.has_unsaved()
    last = trail(session.store, "narratives")[-1]
    assert last["row_key"] == "211122/2020Q4/problems"
    assert last["old"]["body"] == before
    assert last["new"]["body"] == before + "四是宣传覆盖面不够广。"
    assert last["operator"] == session.operator


def test_changing_period_saves_at_once(session, qtbot):
    page = open_page(session, qtbot)
    append(qtbot, page.editors[Section.PLANS], "加强培训。")
    with qtbot.waitSignal(page.changed, timeout=500):
        choose_period(page, "2020")
    assert stored(session, "2020Q4", Section.PLANS).endswith("加强培训。")
    assert page.period() == Period.parse("2020")


def test_character_count_follows_the_text(session, qtbot):
    page = open_page(session, qtbot)
    editor = page.editors[Section.HIGHLIGHTS]
    editor.clear()
    assert page.counts[Section.HIGHLIGHTS].text() == "Characters: 0"
    type_text(qtbot, editor, "质量 强县")
    assert page.counts[Section.HIGHLIGHTS].text() == "Characters: 4"   # the space is not counted
    type_text(qtbot, editor, "，好")
    assert page.counts[Section.HIGHLIGHTS].text() == "Characters: 6"


def test_locked_period_is_read_only_with_a_banner(session, qtbot):
    page = open_page(session, qtbot)
    choose_period(page, "2020Q3")
    before = stored(session, "2020Q3", Section.WORK)
    assert all(editor.isReadOnly() for editor in page.editors.values())
    assert page.banner.isVisibleTo(page)
    assert "2020年第三季度" in page.banner.text()

    append(qtbot, page.editors[Section.WORK], "改动 edit")
    assert page.editors[Section.WORK].toPlainText() == before
    assert page.save()
    assert stored(session, "2020Q3", Section.WORK) == before

    choose_period(page, "2020Q4")
    assert not page.editors[Section.WORK].isReadOnly()
    assert not page.banner.isVisibleTo(page)


def test_discard_restores_the_saved_text(session, qtbot):
    page = open_page(session, qtbot)
    before = page.editors[Section.WORK].toPlainText()
    append(qtbot, page.editors[Section.WORK], "草稿")
    page.discard()
    assert page.editors[Section.WORK].toPlainText() == before
    assert not page.has_unsaved()


def test_leaving_the_page_saves_without_waiting(session, qtbot):
    page = open_page(session, qtbot)
    append(qtbot, page.editors[Section.WORK], "离开前的补充。")
    page.hide()
    assert stored(session, "2020Q4", Section.WORK).endswith("离开前的补充。")
