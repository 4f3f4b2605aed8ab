"""帮助 → 用户手册 (F1): the offline user guide (resources/guide) in a window of its own, with its
contents, back and forward, opened at the chapter of the page the clerk is on."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from qdesk.gui.widgets import plain_label
from qdesk.resources import guide_dir

CONTENTS = "index.html"
SHORTCUTS = "shortcuts.html"
# Where shortcuts.html takes the main window's own list (MainWindow.shortcuts()); what stands
# between the two marks is shown when the guide is opened without it.
SHORTCUTS_BEGIN, SHORTCUTS_END = "<!-- shortcuts -->", "<!-- /shortcuts -->"
# Pictures are shown at most this wide (device-independent pixels), and never wider than the
# page, scaled smoothly here rather than by the text layout; a click on one shows it whole.
IMAGE_WIDTH = 900
WIDTH_STEP = 40     # the page's width is followed in steps, so a resize reloads it seldom

# The chapter F1 opens on each page of the main window (MainWindow.page_keys()).
CHAPTER_OF_PAGE = {
    "dashboard": "quarter.html#overview",
    "entry": "quarter.html#entry",
    "targets": "first-start.html#targets",
    "tasks": "quarter.html#tasks",
    "units": "first-start.html#units",
    "narratives": "quarter.html#narratives",
    "group": "group.html",
    "assessment": "assessment.html",
    "reports": "reports.html",
    "plan": "first-start.html#plan",
    "settings": "first-start.html#settings",
}


class _Links(HTMLParser):
    """The links of a page, in order, with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self._href, self._text = dict(attrs)["href"], []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def links(page: Path) -> list[tuple[str, str]]:
    """(href, text) of every link on a page of the guide."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def chapters() -> list[tuple[str, str]]:
    """(file, title) of each chapter, as the contents page lists them."""
    return [(href, text) for href, text in links(guide_dir() / CONTENTS)
            if href.endswith(".html") and "#" not in href]


def inside_guide(url: QUrl) -> Path | None:
    """The file of the guide a URL names; None for anything else (the web, another folder)."""
    if not url.isLocalFile():
        return None
    path = Path(url.toLocalFile()).resolve()
    root = guide_dir().resolve()
    return path if path == root or root in path.parents else None


def shortcuts_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td><kbd>{html.escape(keys)}</kbd></td><td>{html.escape(what)}</td></tr>"
                    for keys, what in rows)
    return ('<table border="1" cellspacing="0" cellpadding="4">'
            f"<tr><th>按键</th><th>作用</th></tr>{cells}</table>")


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that reads only the guide's own files and follows only links into it.

    `shortcuts`, when given, fills the shortcuts chapter with the main window's own list;
    `refused` carries a link not followed.
    """

    refused = Signal(QUrl)

    def __init__(self, shortcuts: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shortcuts = shortcuts
        self.setOpenLinks(False)            # every link goes through follow()
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.follow)
        self.picture: ImageDialog | None = None     # a picture shown whole, while it is open
        self._fitted = self.picture_width()
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(150)
        self._refit.timeout.connect(self._fit_pictures)

    def picture_width(self) -> int:
        """How wide pictures are shown: the page's width, in steps, at most IMAGE_WIDTH (before
        the page is on screen and its width known, IMAGE_WIDTH)."""
        if not self.isVisible():
            return IMAGE_WIDTH
        room = self.viewport().width() - 2 * int(self.document().documentMargin()) - 24
        return max(WIDTH_STEP * 4, min(IMAGE_WIDTH, room // WIDTH_STEP * WIDTH_STEP))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.picture_width() != self._fitted:
            self._refit.start()

    def _fit_pictures(self) -> None:
        """The page read again with its pictures at the new width, at the same place in it."""
        self._fitted = self.picture_width()
        if self.source().isEmpty():
            return
        bar = self.verticalScrollBar()
        place = bar.value() / max(bar.maximum(), 1)
        self.reload()
        bar.setValue(round(place * bar.maximum()))

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if url.isRelative():
            url = self.source().resolved(url)
        path = inside_guide(url)
        if path is None or not path.is_file():
            return None
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return self._picture(path)
        if kind == QTextDocument.ResourceType.HtmlResource.value:
            return self._page(path)
        return None

    def _page(self, path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        if path.name == SHORTCUTS and self.shortcuts is not None:
            before, _, rest = text.partition(SHORTCUTS_BEGIN)
            _, _, after = rest.partition(SHORTCUTS_END)
            text = before + shortcuts_table(self.shortcuts) + after
        return text

    def _picture(self, path: Path) -> QImage:
        image = QImage(str(path))
        ratio = self.devicePixelRatioF()
        width = self.picture_width()
        if image.width() > width * ratio:
            image = image.scaledToWidth(round(width * ratio),
                                        Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(ratio)
        return image

    def follow(self, url: QUrl) -> None:
        """A link clicked: a chapter or a place in one opens here, a picture opens whole in a
        window of its own; a link out of the guide is not followed."""
        target = self.source().resolved(url) if url.isRelative() else url
        path = inside_guide(target)
        if path is None:
            self.refused.emit(url)
            return
        if path.suffix.lower() == ".png":
            self.picture = ImageDialog(path, self.window())
            self.picture.open()
            return
        self.setSource(target)


class ImageDialog(QDialog):
    """A screenshot of the guide at its own size, scrolled when the screen is smaller."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(path.name)
        self.label = plain_label()
        self.label.setPixmap(QPixmap(str(path)))
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        available = self.screen().availableGeometry().size() * 0.95
        self.resize(self.label.sizeHint().boundedTo(available).expandedTo(QSize(320, 200))
                    + QSize(4, 4))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


class GuideWindow(QWidget):
    """The contents on the left, the chapter on the right, 后退 / 前进 / 目录 above."""

    def __init__(self, shortcuts: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("qdesk user guide"))
        self.browser = GuideBrowser(shortcuts)
        self.contents = QListWidget()
        self.contents.setObjectName("guideContents")
        self.contents.setStyleSheet("QListWidget#guideContents::item { padding: 5px 8px; }")
        for file, title in chapters():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, file)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(self.contents.sizeHintForColumn(0) + 40)
        self.contents.itemActivated.connect(self._chosen)
        self.contents.itemClicked.connect(self._chosen)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.forward_button = QPushButton(self.tr("Forward"))
        self.forward_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.home_button = QPushButton(self.tr("Contents"))
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button.clicked.connect(lambda: self.open(CONTENTS))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.sourceChanged.connect(self._shown)
        self.note = plain_label()
        self.note.setStyleSheet("color: #666;")
        self.browser.refused.connect(self._refused)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)

        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addWidget(self.note, 1)
        split = QSplitter()
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([self.contents.maximumWidth(), IMAGE_WIDTH + 60])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        available = self.screen().availableGeometry()
        self.resize(min(1160, available.width() * 9 // 10),
                    min(820, available.height() * 9 // 10))

    def open(self, chapter: str) -> None:
        """Show `chapter` ("quarter.html", or "quarter.html#entry" for a place in it)."""
        file, _, anchor = chapter.partition("#")
        url = QUrl.fromLocalFile(str(guide_dir() / file))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)

    def open_for_page(self, page_key: str | None) -> None:
        """The chapter about a page of the main window; the contents for any other."""
        self.open(CHAPTER_OF_PAGE.get(page_key or "", CONTENTS))

    def chapter(self) -> str:
        """The file of the chapter shown."""
        return Path(self.browser.source().toLocalFile()).name

    def _chosen(self, item: QListWidgetItem) -> None:
        self.open(str(item.data(Qt.ItemDataRole.UserRole)))

    def _shown(self, url: QUrl) -> None:
        shown = Path(url.toLocalFile()).name
        self.note.clear()
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == shown:
                self.contents.setCurrentRow(row)
                return
        self.contents.clearSelection()

    def _refused(self, url: QUrl) -> None:
        self.note.setText(self.tr("Not opened: the guide follows no link outside it (%1)")
                          .replace("%1", url.toString()))
