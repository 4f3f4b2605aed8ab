"""The settings page: database settings saved and audited; the language per user, applied live."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from qdesk.core.i18n import language as message_language
from qdesk.gui import qsettings
from qdesk.gui.pages.settings import SettingsPage
from qdesk.store.audit import trail
from tests.gui.keyboard import type_text


@pytest.fixture
def user_settings(tmp_path, qapp, monkeypatch):
    """The settings in a file of this test's own, never the real user's."""
    monkeypatch.setenv(qsettings.FILE_VARIABLE, str(tmp_path / "qsettings" / "qdesk.ini"))
    return tmp_path / "qsettings"


def open_page(session, qtbot):
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def retype(qtbot, field, text):
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)


def test_shows_the_settings_and_the_home_unit(session, qtbot, user_settings):
    page = open_page(session, qtbot)
    assert page.operator.text() == "县质量办 李晓燕"
    assert page.superior.text() == "盘锦市质量强市工作领导小组办公室"
    assert page.unit_name.text() == "盘山县"
    assert page.unit_code.text() == "211122"
    assert isinstance(page.unit_code, QLabel)                # shown, not edited
    assert not page.has_unsaved()


def test_changed_operator_and_superior_are_saved_and_audited(session, qtbot, user_settings):
    page = open_page(session, qtbot)
    retype(qtbot, page.operator, "县质量办 王明")
    retype(qtbot, page.superior, "盘锦市市场监督管理局")
    assert page.has_unsaved() and page.save_button.isEnabled()

    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert session.setting("operator") == "县质量办 王明"
    assert session.setting("superior") == "盘锦市市场监督管理局"
    assert session.operator == "县质量办 王明"
    recorded = {row["row_key"]: row for row in trail(session.store, "settings")}
    assert recorded["superior"]["old"] == {"value": "盘锦市质量强市工作领导小组办公室"}
    assert recorded["superior"]["new"] == {"value": "盘锦市市场监督管理局"}
    assert "issuing_organ" not in recorded                  # unchanged settings are not rewritten
    assert not page.has_unsaved()


def test_missing_font_folder_is_warned_about_in_place_but_kept(session, qtbot, user_settings,
                                                               tmp_path):
    page = open_page(session, qtbot)
    missing = tmp_path / "no-such-fonts"
    retype(qtbot, page.font_dir, str(missing))
    assert page.font_warning.isVisibleTo(page)
    assert "does not exist" in page.font_warning.text()

    assert page.save()
    assert session.setting("font_dir") == str(missing)

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "simfang.ttf").write_bytes(b"")
    retype(qtbot, page.font_dir, str(fonts))
    assert not page.font_warning.isVisibleTo(page)


def test_browse_fills_in_the_chosen_font_folder(session, qtbot, user_settings, tmp_path,
                                                monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(tmp_path)))
    page = open_page(session, qtbot)
    qtbot.mouseClick(page.browse, Qt.MouseButton.LeftButton)
    assert page.font_dir.text() == str(tmp_path)
    assert "No TrueType fonts" in page.font_warning.text()
    assert page.has_unsaved()


def test_switching_to_english_applies_and_remembers_it(session, qtbot, user_settings):
    page = open_page(session, qtbot)
    assert page.language.currentData() == "zh_CN"
    with qtbot.waitSignal(page.language_changed) as signal:
        page.language.setCurrentIndex(page.language.findData("en"))
    assert signal.args == ["en"]
    assert qsettings.settings().value("language") == "en"
    assert list(user_settings.rglob("*.conf")) or list(user_settings.rglob("*.ini"))
    assert message_language() == "en"
    assert not page.has_unsaved()                        # nothing for the database to save



def test_switching_language_keeps_settings_typed_before(session, qtbot, user_settings):
    page = open_page(session, qtbot)
    retype(qtbot, page.issuing_organ, "盘山县市场监督管理局")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert session.setting("issuing_organ") == "盘山县市场监督管理局"


def test_the_documents_settings_are_saved_and_audited(session, qtbot, user_settings):
    page = open_page(session, qtbot)
    assert page.letterhead.currentData() == "print" and page.seal.currentData() == "sealed"
    retype(qtbot, page.organ_code, "盘质办")
    retype(qtbot, page.signer, "张华")
    page.cc.clear()
    type_text(qtbot, page.cc, "县政府办公室")
    qtbot.keyClick(page.cc, Qt.Key.Key_Return)
    type_text(qtbot, page.cc, "县市场监管局")
    page.letterhead.setCurrentIndex(page.letterhead.findData("blank"))
    page.seal.setCurrentIndex(page.seal.findData("unsealed"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.problem.isVisibleTo(page)
    assert [session.setting(k) for k in ("organ_code", "signer", "cc", "letterhead", "seal")] == [
        "盘质办", "张华", "县政府办公室\n县市场监管局", "blank", "unsealed"]
    recorded = {row["row_key"]: row for row in trail(session.store, "settings")}
    assert recorded["letterhead"]["new"] == {"value": "blank"}
    assert not page.has_unsaved()


def test_a_phone_with_letters_is_refused_in_place_and_nothing_is_saved(session, qtbot,
                                                                       user_settings):
    page = open_page(session, qtbot)
    before = session.setting("contact_phone")
    retype(qtbot, page.signer, "张华")
    retype(qtbot, page.contact_phone, "0427-call-me")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problem.isVisibleTo(page)
    assert "0427-call-me" in page.problem.text()
    assert session.setting("contact_phone") == before
    assert session.setting("signer") != "张华", "the page's changes are saved whole or not at all"
    assert page.has_unsaved()


def test_a_new_office_sets_where_its_calendar_starts_and_a_bad_period_is_refused(
        county, qtbot, user_settings):
    """From `qdesk init` (no figures yet): the field shows today's quarter as what is in effect;
    a period that is none is refused in place, a real one is saved and moves the calendar."""
    import datetime as dt

    from qdesk.core.periods import Frequency, Period
    from qdesk.views.overview import calendar_from

    page = open_page(county, qtbot)
    today = Period.containing(dt.date.today(), Frequency.QUARTERLY)
    assert page.calendar_from.placeholderText() == str(today)
    retype(qtbot, page.calendar_from, "2024Q5")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problem.isVisibleTo(page) and "2024Q5" in page.problem.text()
    assert county.setting("calendar_from") == ""
    retype(qtbot, page.calendar_from, "2019H1")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.problem.isVisibleTo(page)
    assert calendar_from(county.store, dt.date.today()) == Period.parse("2019H1")
