"""帮助 → 用户手册 and F1: the offline user guide, its chapters, links and pictures, in its window."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QTextDocument

from qdesk.gui.guide import CHAPTER_OF_PAGE, CONTENTS, GuideWindow, chapters, links
from qdesk.resources import guide_dir, resources_dir

PAGES = sorted(guide_dir().glob("*.html"))
CHAPTERS = ["第一次使用", "每季度的工作", "报表", "报送与汇总", "备份与恢复", "年度考核", "领导小组",
            "快捷键"]


class _Page(HTMLParser):
    """A page's anchors (<a name>), pictures (<img src>) and text (not its style sheet)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._style = False
        self.names: set[str] = set()
        self.images: list[str] = []
        self.text: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("name"):
            self.names.add(attrs["name"])
        if tag == "img":
            self.images.append(attrs.get("src") or "")
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style:
            self.text.append(data)


@pytest.fixture
def guide(qtbot):
    shown = GuideWindow([("F1", "用户手册"), ("Ctrl+S", "保存")])
    qtbot.addWidget(shown)
    shown.resize(1160, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_guide_is_found_among_the_shipped_resources():
    assert guide_dir() == resources_dir() / "guide"
    assert (guide_dir() / CONTENTS).is_file()
    assert (guide_dir() / "images").is_dir()


def test_the_contents_list_every_chapter_and_each_exists(guide):
    listed = chapters()
    assert [title for _, title in listed] == CHAPTERS
    for file, _ in listed:
        assert (guide_dir() / file).is_file(), file
    shown = [guide.contents.item(row).text() for row in range(guide.contents.count())]
    assert shown == CHAPTERS


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_lands_inside_the_guide_on_a_page_and_place_that_exist(page):
    for href, _ in links(page):
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE), \
            f"{page.name} links out of the guide: {href}"
        file, _, anchor = href.partition("#")
        target = (page.parent / file).resolve() if file else page
        assert target.is_file(), f"{page.name}: {href} leads nowhere"
        assert guide_dir().resolve() in target.parents
        if anchor:
            assert anchor in _Page(target).names, f"{page.name}: {href} has no such place"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_picture_is_a_png_in_the_guides_images(page):
    for src in _Page(page).images:
        path = (page.parent / src).resolve()
        assert path.parent == (guide_dir() / "images").resolve(), src
        assert path.suffix == ".png" and path.is_file(), src
        assert not QImage(str(path)).isNull(), src


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_guide_is_written_in_chinese(page):
    text = "".join(_Page(page).text)
    letters = [c for c in text if c.isalpha()]
    chinese = [c for c in letters if "\u4e00" <= c <= "\u9fff"]
    # Latin letters only where a clerk meets them: qdesk, F1, Ctrl+S, GB/T 2260, .xlsx
    assert len(chinese) > 100 and len(chinese) / len(letters) > 0.75, page.name


def test_every_picture_is_shown_and_the_guide_is_small():
    shown = {(page.parent / src).resolve() for page in PAGES for src in _Page(page).images}
    pictures = set((guide_dir() / "images").resolve().glob("*.png"))
    assert pictures == shown, "a picture no page shows, or one missing"
    total = sum(p.stat().st_size for p in guide_dir().rglob("*") if p.is_file())
    assert total < 3 * 1024 * 1024


def test_each_page_of_the_workbench_has_its_chapter(window):
    assert set(CHAPTER_OF_PAGE) == set(window.page_keys())
    for chapter in CHAPTER_OF_PAGE.values():
        file, _, anchor = chapter.partition("#")
        assert (guide_dir() / file).is_file()
        assert not anchor or anchor in _Page(guide_dir() / file).names, chapter


def test_f1_opens_the_guide_at_the_chapter_of_the_page_shown(window, qtbot):
    assert window.act_guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.act_guide.shortcut() == QKeySequence("F1")
    window.nav.setCurrentRow(window.page_keys().index("entry"))
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.guide is not None and window.guide.isVisible())
    assert window.guide.chapter() == "quarter.html"
    assert window.guide.browser.source().fragment() == "entry"

    window.guide.hide()
    window.nav.setCurrentRow(window.page_keys().index("assessment"))
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(window.guide.isVisible)
    assert window.guide.chapter() == "assessment.html", "the one guide window, at the new chapter"


def test_help_user_guide_opens_it_and_the_shortcuts_chapter_lists_the_windows_own(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from qdesk.gui.app import install_language

    assert window.help_menu.actions()[0] is window.act_guide
    install_language(QApplication.instance(), "zh_CN")
    window.retranslate()
    assert window.act_guide.text() == "用户手册(&U)"
    assert ("F1", "用户手册") in window.shortcuts()
    window.act_guide.trigger()
    qtbot.waitUntil(lambda: window.guide is not None and window.guide.isVisible())
    guide = window.guide
    guide.open("shortcuts.html")
    text = guide.browser.toPlainText()
    for keys, what in window.shortcuts():
        assert keys in text and what in text
    assert "这里列出工作台的全部快捷键" not in text, "the list stands in the placeholder's stead"


def test_a_chapter_shows_its_pictures(guide, qtbot):
    guide.open("quarter.html#entry")
    guide.browser.grab()                    # laid out and painted offscreen
    image = guide.browser.document().resource(QTextDocument.ResourceType.ImageResource.value,
                                              QUrl("images/entry.png"))
    assert isinstance(image, QImage) and not image.isNull()
    assert image.width() <= guide.browser.picture_width() * image.devicePixelRatio()
    assert guide.browser.document().toPlainText().count("\ufffc") >= 5, "every picture placed"


def test_links_between_chapters_are_followed_and_back_and_forward_work(guide, qtbot):
    guide.open(CONTENTS)
    assert guide.chapter() == "index.html"
    assert not guide.back_button.isEnabled()
    guide.browser.follow(QUrl("exchange.html#keys"))
    assert guide.chapter() == "exchange.html"
    assert guide.contents.currentItem().text() == "报送与汇总"
    assert guide.back_button.isEnabled()
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert guide.chapter() == "index.html"
    qtbot.mouseClick(guide.forward_button, Qt.MouseButton.LeftButton)
    assert guide.chapter() == "exchange.html"
    guide.contents.itemClicked.emit(guide.contents.item(4))
    assert guide.chapter() == "backups.html"


def test_a_link_out_of_the_guide_is_not_followed_and_nothing_outside_it_is_read(guide, qtbot,
                                                                                tmp_path):
    guide.open("reports.html")
    with qtbot.waitSignal(guide.browser.refused):
        guide.browser.follow(QUrl("https://www.example.com/"))
    assert guide.chapter() == "reports.html"
    assert "https://www.example.com/" in guide.note.text()
    outside = tmp_path / "other.html"
    outside.write_text("<p>not the guide</p>", encoding="utf-8")
    guide.browser.follow(QUrl.fromLocalFile(str(outside)))
    assert guide.chapter() == "reports.html"
    html = QTextDocument.ResourceType.HtmlResource.value
    assert guide.browser.loadResource(html, QUrl.fromLocalFile(str(outside))) is None
    assert guide.browser.loadResource(html, QUrl("https://www.example.com/")) is None
    assert not guide.browser.openExternalLinks()


def test_a_click_on_a_picture_shows_it_whole(guide, qtbot):
    guide.open("quarter.html")
    guide.browser.follow(QUrl("images/entry.png"))
    assert guide.browser.picture is not None
    qtbot.waitUntil(guide.browser.picture.isVisible)
    assert guide.browser.picture.label.pixmap().width() == 1366
    assert guide.chapter() == "quarter.html"
    guide.browser.picture.close()
