"""Unlocking a submitted period from the page that shows it: a reason or nothing, then editable."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox

from qdesk.core.documents import ReportKind
from qdesk.core.narratives import Section
from qdesk.core.periods import Period
from qdesk.gui.entry_model import NUMERATOR
from qdesk.gui.pages.narratives import NarrativesPage
from qdesk.gui.unlock_dialog import UnlockDialog
from qdesk.store.audit import trail
from qdesk.store.locks import locking_period, unlock_period
from qdesk.store.narratives import narratives
from qdesk.store.submissions import record_submission
from tests.gui.keyboard import type_text
from tests.gui.picking import pick_period

Q2, Q3, H1 = Period.parse("2020Q2"), Period.parse("2020Q3"), Period.parse("2020H1")
REASON = "上级退回：P03分母填错，需更正"


@pytest.fixture
def page(entry_page):
    return entry_page


def choose_period(page, period):
    pick_period(page.period_picker, period)


def open_dialog(page, qtbot) -> UnlockDialog:
    """Click the banner's Unlock… button; the dialog opens over the window."""
    assert page.banner.unlock_button.isVisible()
    qtbot.mouseClick(page.banner.unlock_button, Qt.MouseButton.LeftButton)
    dialog = page.banner.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.reason_edit      # ready to type the reason
    return dialog


def ok(dialog):
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)


def lock_changes(session):
    return trail(session.store, "locks")


def test_a_locked_period_offers_to_unlock_it(page):
    choose_period(page, Q3)
    assert page.banner.isVisible() and "2020年第三季度" in page.banner.text()
    assert page.banner.unlock_button.isVisible()
    assert page.banner.unlock_button.text() == "Unl&ock…"
    choose_period(page, Period.parse("2020Q4"))
    assert not page.banner.isVisible()


def test_the_dialog_says_what_unlocking_means(page, qtbot):
    choose_period(page, Q3)
    dialog = open_dialog(page, qtbot)
    assert dialog.windowTitle() == "Unlock 2020年第三季度"
    text = dialog.explanation.text()
    assert "has been submitted" in text and "submit 2020年第三季度 again" in text
    assert "correction (更正)" in text
    locked = next(row for row in lock_changes(dialog.session) if row["row_key"] == "2020Q3")
    assert dialog.submitted.text() == f"Locked on {locked['at'][:10]} by 县质量办 李晓燕."
    assert not dialog.others.isVisibleTo(dialog)
    assert ok(dialog).text() == "&Unlock"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.reject()


def test_a_blank_reason_leaves_the_period_locked_and_the_trail_unchanged(page, session,
                                                                          qtbot):
    choose_period(page, Q3)
    before = lock_changes(session)
    dialog = open_dialog(page, qtbot)
    assert not ok(dialog).isEnabled()
    type_text(qtbot, dialog.reason_edit, "   ")
    assert not ok(dialog).isEnabled()                 # blanks are no reason
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.dialog is None)
    assert locking_period(session.store, Q3) == Q3
    assert lock_changes(session) == before
    assert page.banner.isVisible()
    assert page.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_unlocking_with_a_reason_makes_the_grid_editable_and_keeps_the_reason(page, session,
                                                                               qtbot):
    choose_period(page, Q3)
    dialog = open_dialog(page, qtbot)
    type_text(qtbot, dialog.reason_edit, REASON)
    assert ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.dialog is None)

    assert locking_period(session.store, Q3) is None
    last = lock_changes(session)[-1]
    assert (last["row_key"], last["action"], last["reason"]) == ("2020Q3", "update", REASON)
    assert last["new"] == {"locked": False}
    assert not page.banner.isVisible()
    assert page.save_button.isVisible()
    assert "2020年第三季度 is unlocked" in page.message.text()

    # The grid takes a typed figure now, and saves it.
    view = page.view
    index = page.model.index(page.model.row_of("P03"), NUMERATOR)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, "7")
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    qtbot.keyClicks(editor, "00")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    page.ask_explanations = lambda rows: {row.indicator.code: "更正后数据" for row in rows}
    assert page.save()
    assert trail(session.store, "entries")[-1]["new"]["numerator"] == 700

    # Submitted again, it is a correction (更正).
    record_submission(session.store, session.home, Q3, ReportKind.QUARTERLY)
    assert locking_period(session.store, Q3) == Q3
    assert [r["correction"] for r in session.store.db.query(
        "SELECT correction FROM submissions WHERE period = '2020Q3' ORDER BY id")] == [0, 1]


def test_a_refusal_is_shown_in_the_dialog_which_stays_open(page, session, qtbot):
    choose_period(page, Q3)
    dialog = open_dialog(page, qtbot)
    unlock_period(session.store, Q3, "已在别处解锁")          # meanwhile, elsewhere
    type_text(qtbot, dialog.reason_edit, REASON)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "Not unlocked: 2020年第三季度未锁定"
    assert lock_changes(session)[-1]["reason"] == "已在别处解锁"
    dialog.reason_edit.setFocus()
    type_text(qtbot, dialog.reason_edit, "。")
    assert not dialog.problem.isVisible()                   # editing clears the refusal
    dialog.reject()


def test_a_quarter_held_by_its_half_year_too_says_so_and_stays_locked(page, session, qtbot):
    choose_period(page, Q2)
    dialog = open_dialog(page, qtbot)
    assert dialog.lock == Q2
    assert dialog.others.isVisibleTo(dialog)
    assert "2020年上半年" in dialog.others.text()
    type_text(qtbot, dialog.reason_edit, REASON)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.dialog is None)
    # 2020Q2 is open; the half-year report still holds its figures, and the banner names it.
    assert locking_period(session.store, Q2) == H1
    assert page.banner.isVisible() and "2020年上半年" in page.banner.text()
    dialog = open_dialog(page, qtbot)
    assert dialog.lock == H1
    assert "The figures of 2020年第二季度 are part of it." in dialog.explanation.text()
    dialog.reject()


def test_the_narratives_page_unlocks_the_same_way(session, qtbot):
    page = NarrativesPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    pick_period(page.period_picker, Q3)
    assert page.banner.isVisible() and page.editors[Section.WORK].isReadOnly()
    dialog = open_dialog(page, qtbot)
    assert not ok(dialog).isEnabled()
    type_text(qtbot, dialog.reason_edit, "补充工作亮点")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.dialog is None)

    assert not page.banner.isVisible()
    assert not any(editor.isReadOnly() for editor in page.editors.values())
    assert trail(session.store, "locks")[-1]["reason"] == "补充工作亮点"
    editor = page.editors[Section.HIGHLIGHTS]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(qtbot, editor, "新增一条。")
    assert page.save()
    assert narratives(session.store, session.home, Q3)[Section.HIGHLIGHTS].endswith("新增一条。")


def test_the_dialogs_render(page, qtbot, tmp_path):
    choose_period(page, Q2)
    page.grab().save(str(tmp_path / "entry-locked.png"))
    dialog = open_dialog(page, qtbot)
    image = dialog.grab()
    assert image.save(str(tmp_path / "unlock.png"))
    assert image.width() > 300 and image.height() > 200
    dialog.reject()
