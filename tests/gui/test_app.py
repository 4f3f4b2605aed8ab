"""Opening the workbench's database: held by another qdesk, or damaged."""

from qdesk.gui import app as qdesk_app
from qdesk.gui import damaged


def test_a_database_held_by_another_qdesk_is_refused_naming_the_holder(demo_db, hold_elsewhere,
                                                                      monkeypatch):
    child = hold_elsewhere(demo_db)
    shown = []
    monkeypatch.setattr(qdesk_app.QMessageBox, "critical",
                        lambda parent, title, text: shown.append(text))
    before = demo_db.read_bytes()
    assert qdesk_app.open_session(demo_db) is None
    assert f"进程{child.holder_pid}" in shown[0]
    assert demo_db.read_bytes() == before


def test_a_file_sqlite_cannot_read_is_offered_its_newest_good_backup(demo_db, monkeypatch):
    from qdesk.store.database import open_store
    from qdesk.store.recovery import backup_now

    with open_store(demo_db) as store:
        good = backup_now(store, "manual")
    data = bytearray(demo_db.read_bytes())
    data[1024 * 4:] = b"\x5a" * (len(data) - 1024 * 4)     # every page after the first
    demo_db.write_bytes(bytes(data))
    asked = []

    def answer(parent, path, detail):
        asked.append(detail)
        return good.path

    monkeypatch.setattr(damaged, "ask_restore", answer)
    session = qdesk_app.open_session(demo_db)
    try:
        assert asked, "the clerk was not asked"
        assert session is not None
        assert session.store.db.execute("SELECT count(*) FROM entries").fetchone()[0] > 300
    finally:
        if session is not None:
            session.close()


def test_latin_text_is_in_the_platforms_ui_face_and_cjk_in_the_bundled_sans_behind_it(qapp):
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics

    system = QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)).family()
    assert qdesk_app.install_font(qapp) == "WenQuanYi Micro Hei"
    assert qapp.font().families() == [system, "WenQuanYi Micro Hei"]
    assert QFontInfo(qapp.font()).family() == system != "AR PL UMing CN"
    assert QFontMetrics(QFont("WenQuanYi Micro Hei")).inFont("报")
    qdesk_app.install_font(qapp)                # again (the tests' fixture did it first): the same
    assert qapp.font().families() == [system, "WenQuanYi Micro Hei"]
