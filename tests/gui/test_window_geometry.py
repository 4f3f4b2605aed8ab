"""The main window placed as a clerk starts it: maximised on the available area the first time, as
left every time after."""

from PySide6.QtCore import QRect, Qt

from qdesk.gui import qsettings
from qdesk.gui.main_window import MainWindow, normal_geometry
from qdesk.gui.session import Session


def test_the_normal_size_is_nine_tenths_of_the_available_area_centred():
    laptop = QRect(0, 0, 1366, 728)          # 1366 × 768 less a 40-pixel taskbar
    assert normal_geometry(laptop) == QRect(68, 36, 1229, 655)
    second_screen = QRect(1920, 0, 1920, 1040)
    assert normal_geometry(second_screen) == QRect(2016, 52, 1728, 936)


def test_the_first_start_is_maximised_on_the_screens_available_area(session, qtbot):
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_placed()
    qtbot.waitExposed(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    window.showNormal()
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowMaximized)
    available = window.screen().availableGeometry()
    assert window.geometry().height() == normal_geometry(available).height()


def test_the_window_opens_again_as_the_clerk_left_it(demo_db, qtbot):
    first = MainWindow(Session(demo_db))
    qtbot.addWidget(first)
    first.show_placed()
    first.showNormal()
    first.resize(first.minimumWidth() + 10, 500)
    qtbot.waitUntil(lambda: first.height() == 500)
    first.close()
    assert qsettings.settings().value(qsettings.GEOMETRY) is not None
    second = MainWindow(Session(demo_db))     # the first closed its session with itself
    qtbot.addWidget(second)
    second.show_placed()
    assert not second.windowState() & Qt.WindowState.WindowMaximized
    # Its height as left; its width here is kept inside the offscreen screen, narrower (800)
    # than the window's least width.
    assert second.height() == 500
    second.close()
