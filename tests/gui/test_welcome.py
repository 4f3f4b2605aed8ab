"""The first-run dialog: create a database from a shipped plan, or open the demo."""

from qdesk.gui.welcome import WelcomeDialog
from qdesk.store.database import open_store
from qdesk.store.plans import load_plan


def test_open_the_demo_builds_it_beside_the_default_database(qtbot, tmp_path):
    dialog = WelcomeDialog(tmp_path / "qdesk.qdesk")
    qtbot.addWidget(dialog)
    dialog.open_demo()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == tmp_path / "demo.qdesk" and dialog.chosen.exists()


def test_create_from_a_shipped_plan(qtbot, tmp_path):
    dialog = WelcomeDialog(tmp_path / "qdesk.qdesk")
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findText("“质量强兵团”活动方案（2016—2018年）"))
    qtbot.keyClicks(dialog.unit_code, "659001")
    dialog.unit_name.setText("石河子市")
    dialog.create_from_plan()
    assert dialog.chosen == tmp_path / "qdesk.qdesk"
    with open_store(dialog.chosen) as store:
        assert load_plan(store).id == "bingtuan-2016"


def test_a_bad_division_code_is_refused_in_place(qtbot, tmp_path):
    dialog = WelcomeDialog(tmp_path / "qdesk.qdesk")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.unit_code, "12345")
    dialog.unit_name.setText("某县")
    dialog.create_from_plan()
    assert dialog.chosen is None and "6位数字" in dialog.message.text()
    assert not (tmp_path / "qdesk.qdesk").exists()
