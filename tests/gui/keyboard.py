"""Typing as a clerk does: Latin keys one by one, Chinese committed by the input method.

QTest cannot send non-ASCII keys, so Chinese runs go in as input-method events: a pre-edit,
then the commit, to the widget that has the focus (an editor the first key opened), if it
takes input-method text at all.
"""

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
            continue
        target = QApplication.focusWidget() or widget
        if not target.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
            continue        # a read-only widget takes no input-method text, as on a real PC
        QApplication.sendEvent(target, QInputMethodEvent("pinyin", []))
        commit = QInputMethodEvent()
        commit.setCommitString(run)
        QApplication.sendEvent(target, commit)


def type_into(qtbot, edit, text: str) -> None:
    """Click into a field, as a clerk does before typing: its window active, the field focused."""
    edit.window().activateWindow()
    qtbot.waitUntil(edit.window().isActiveWindow)
    edit.setFocus()
    type_text(qtbot, edit, text)
