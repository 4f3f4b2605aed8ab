"""An official document (公文) in the GB/T 9704 layout, built from parts and written as a PDF."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence, Unpack

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, Image,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph, Table,
                                TableStyle)

from qdesk import __version__
from qdesk.files import write_whole
from qdesk.reports.flowables import BlankLine, GridText, Layout, Run, SetLine, set_lines
from qdesk.reports.fonts import FontSet, Role, register
from qdesk.reports.layout import (AREA_HEIGHT, AREA_WIDTH, BODY_SIZE, BOTTOM, FOLIO_GAP,
                                  FOLIO_SIZE, LANDSCAPE_AREA_HEIGHT, LANDSCAPE_AREA_WIDTH,
                                  LANDSCAPE_BOTTOM, LANDSCAPE_HEIGHT, LANDSCAPE_LEFT,
                                  LANDSCAPE_ROTATION, LEFT, LETTER_SPACING, PAGE_HEIGHT,
                                  PAGE_WIDTH, PITCH, RIGHT, TABLE_SIZE, TITLE_SIZE)
from qdesk.reports.linebreak import NO_END, NO_START

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

EM = BODY_SIZE + LETTER_SPACING     # one character step of the body
HEADING_FONTS = {1: Role.HEI, 2: Role.KAI, 3: Role.FANGSONG, 4: Role.FANGSONG}


def date_zh(day: dt.date) -> str:
    """成文日期 in Arabic numerals without zero padding: 2026年11月23日."""
    return f"{day.year}年{day.month}月{day.day}日"


HEADER_WORD = 6      # characters: a longer header without a newline is a phrase, not a word


@dataclass
class TableSpec:
    """A table of an attachment: the header row repeats on every page it runs over."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]          # relative column widths
    align: Sequence[str] = ()        # per column: left | center | right
    caption: str | None = None
    emphasis: set[tuple[int, int]] = field(default_factory=set)   # (row, column) set in 黑体

    @property
    def phrases(self) -> set[int]:
        """The columns whose header is a phrase (an indicator's name), set in balanced lines;
        any other header is a word (序号, 上年同期, 未达标原因), broken only at its newlines."""
        return {column for column, header in enumerate(self.header)
                if "\n" not in header and len(header) > HEADER_WORD}


@dataclass
class ChartSpec:
    png: bytes
    width_mm: float
    height_mm: float


@dataclass
class Attachment:
    title: str
    parts: Sequence[TableSpec | ChartSpec | Flowable | str] = field(default_factory=list)
    landscape: bool = False


class OfficialDocument:
    """A document built in reading order: title, addressee, body, attachment note, signature, attachments."""

    def __init__(self, fonts: FontSet) -> None:
        register(fonts)
        self.fonts = fonts
        self.story: list[Flowable] = []
        self.attachments: list[Attachment] = []
        self._fs = fonts[Role.FANGSONG].name
        self._glyphs = _Glyphs(fonts)
        self._heading: list[SetLine] = []

    def font(self, role: Role) -> str:
        return self.fonts[role].name

    def _set(self, runs: list[Run], width: float = AREA_WIDTH, **layout: Unpack[Layout]
             ) -> list[SetLine]:
        return set_lines(self._glyphs.cover(runs), width, **layout)

    def _add(self, lines: list[SetLine]) -> None:
        """Add lines to the story; a pending heading goes with them and keeps two of their lines."""
        keep = 0
        if self._heading:
            keep = len(self._heading) + min(2, len(lines))
            lines, self._heading = self._heading + lines, []
        self.story.append(GridText(lines, keep))

    def _flush(self) -> None:
        if self._heading:
            self._add([])

    def title(self, text: str | Sequence[str]) -> None:
        """2号小标宋, centred, broken into balanced lines, then one blank line.

        Give the title as words to keep them whole across lines (词意完整).
        """
        font = self.font(Role.XBS)
        lines = balanced_lines(text, font, TITLE_SIZE, AREA_WIDTH)
        for line in lines:
            self._add(self._set([Run(line, font)], size=TITLE_SIZE, align="center",
                                spacing=0.0))
        self.story.append(BlankLine())

    def addressee(self, text: str) -> None:
        text = text.rstrip("：:") + "："
        self._add(self._set([Run(text, self._fs)], align="left"))

    def paragraph(self, text: str, lead: str | None = None, lead_level: int = 2) -> None:
        """A body paragraph, first line indented two characters; `lead` opens it in a heading font."""
        runs = [Run(lead, self.font(HEADING_FONTS[lead_level]))] if lead else []
        runs.append(Run(text, self._fs))
        self._add(self._set(runs, first_indent=2 * EM))

    def paragraph_lines(self, text: str, width: float = AREA_WIDTH) -> list[SetLine]:
        """A body paragraph's lines, for a part of an attachment."""
        return self._set([Run(text, self._fs)], width, first_indent=2 * EM)

    def add_lines(self, lines: list[SetLine]) -> None:
        self._add(lines)

    def heading(self, level: int, text: str) -> None:
        """一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋; indented two characters, kept with what follows."""
        self._heading += self._set([Run(text, self.font(HEADING_FONTS[level]))],
                                   first_indent=2 * EM)

    def label(self, text: str, role: Role = Role.HEI) -> None:
        """A line flush left in one font: "附件" heading a standalone attachment."""
        self._add(self._set([Run(text, self.font(role))], align="left"))

    def column_lines(self, cells: Sequence[tuple[float, str]],
                     width: float = AREA_WIDTH) -> list[SetLine]:
        """One entry set in columns, x in characters from the left; the last cell wraps under itself."""
        *fixed, (last_x, last_text) = cells
        lines = self._set([Run(last_text, self._fs)], width, align="left", left=last_x * EM)
        lead = [ch for x, text in fixed
                for ch in self._set([Run(text, self._fs)], width, align="left",
                                    left=x * EM)[0].chars] if fixed else []
        if not lines:
            return [SetLine(tuple(lead), BODY_SIZE)] if lead else []
        return [SetLine(tuple(lead) + lines[0].chars, BODY_SIZE), *lines[1:]]

    def columns(self, cells: Sequence[tuple[float, str]]) -> None:
        self._add(self.column_lines(cells))

    def blank(self) -> None:
        self._flush()
        self.story.append(BlankLine())

    def attachment_note(self, titles: Sequence[str]) -> None:
        """附件：1. XXX under the body after a blank line, names aligned after the colon."""
        if not titles:
            return
        self._flush()
        self.story.append(BlankLine())
        label = "附件："
        hang = stringWidth(label, self._fs, BODY_SIZE) + len(label) * LETTER_SPACING
        for number, name in enumerate(titles, start=1):
            text = name if len(titles) == 1 else f"{number}. {name}"
            if number == 1:
                runs, indent = [Run(label + text, self._fs)], -hang
            else:
                runs, indent = [Run(text, self._fs)], 0.0
            self._add(self._set(runs, align="left", left=2 * EM + hang, first_indent=indent))

    def signature(self, issuer: str, day: dt.date) -> None:
        """署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2).

        The issuer ends two characters from the right, the date below it starts two characters
        right of the issuer's first; a date longer than that pushes both left so that the date
        ends two characters from the right.
        """
        date = date_zh(day)
        width_of = lambda s: stringWidth(s, self._fs, BODY_SIZE) + (len(s) - 1) * LETTER_SPACING
        right_edge = AREA_WIDTH - 2 * EM
        issuer_x = right_edge - width_of(issuer)
        date_x = issuer_x + 2 * EM
        if date_x + width_of(date) > right_edge:
            date_x = right_edge - width_of(date)
            issuer_x = date_x - 2 * EM
        self._flush()
        self.story.append(BlankLine())
        lines = (self._set([Run(issuer, self._fs)], align="left", left=issuer_x)
                 + self._set([Run(date, self._fs)], align="left", left=date_x))
        self.story.append(GridText(lines, keep_first=len(lines)))

    def attach(self, attachment: Attachment) -> None:
        self.attachments.append(attachment)

    def _attachment_story(self, number: int, attachment: Attachment) -> list[Flowable]:
        width = LANDSCAPE_AREA_WIDTH if attachment.landscape else AREA_WIDTH
        story: list[Flowable] = [
            NextPageTemplate("landscape" if attachment.landscape else "portrait"), PageBreak()]
        label = "附件" if len(self.attachments) == 1 else f"附件{number}"
        story.append(GridText(self._set([Run(label, self.font(Role.HEI))], width,
                                        align="left")))
        story.append(BlankLine())
        for line in balanced_lines(attachment.title, self.font(Role.XBS), TITLE_SIZE, width):
            story.append(GridText(self._set([Run(line, self.font(Role.XBS))], width,
                                            size=TITLE_SIZE, align="center", spacing=0.0)))
        story.append(BlankLine())
        for part in attachment.parts:
            if isinstance(part, TableSpec):
                story.extend(self._table(part, width))
            elif isinstance(part, ChartSpec):
                story.append(_chart(part))
            elif isinstance(part, Flowable):
                story.append(part)
            else:
                story.append(GridText(self._set([Run(part, self._fs)], width,
                                                first_indent=2 * EM)))
        return story

    def _table(self, spec: TableSpec, width: float) -> list[Flowable]:
        song, hei = self.font(Role.SONG), self.font(Role.HEI)
        aligns = {"left": TA_LEFT, "center": TA_CENTER, "right": 2}
        column_align = list(spec.align) or ["center"] * len(spec.header)

        def cell(text: str, font: str, align: str) -> Paragraph:
            style = ParagraphStyle("cell", fontName=font, fontSize=TABLE_SIZE,
                                   leading=TABLE_SIZE * 1.3, alignment=aligns[align],
                                   wordWrap="CJK")
            markup = "<br/>".join(
                "".join(run.text if run.font == font else
                        f'<font name="{run.font}">{run.text}</font>'
                        for run in self._glyphs.cover([Run(_escape(line), font)]))
                for line in text.split("\n"))
            return Paragraph(markup, style)

        widths = column_widths(spec, width, hei)
        # A phrase breaks between characters but never inside a figure (15分); a point less than
        # the cell's width, so the cell's own wrap finds nothing more to break.
        header = ["\n".join(balanced_lines(re.findall(r"[0-9A-Za-z.%]+|.", h), hei, TABLE_SIZE,
                                           w - 2 * CELL_PADDING - 1))
                  if c in spec.phrases else h
                  for c, (h, w) in enumerate(zip(spec.header, widths))]
        data = [[cell(h, hei, "center") for h in header]]
        data += [[cell(v, hei if (r, c) in spec.emphasis else song, column_align[c])
                  for c, v in enumerate(row)] for r, row in enumerate(spec.rows)]
        table = _PrintTable(data, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), song, TABLE_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ]))
        story: list[Flowable] = []
        if spec.caption:
            caption = GridText(self._set([Run(spec.caption, self.font(Role.HEI))], width,
                                         align="left"))
            story.append(_Captioned(caption, table))
        else:
            story.append(table)
        story.append(_GapAfterTable())
        return story

    def write(self, path: str | os.PathLike[str], title: str, author: str,
              subject: str = "") -> Path:
        """Write the PDF through a temporary file beside it, so no half-written file is left."""
        self._flush()
        story = list(self.story)
        for number, attachment in enumerate(self.attachments, start=1):
            story.extend(self._attachment_story(number, attachment))
        return write_whole(Path(path), lambda temporary: _template(
            temporary, self, title, author, subject).build(story))


ONE_FACE = "≥≤"


class _Glyphs:
    """Which registered font draws a character: its own, else the first that has the glyph.

    The office's fonts may lack a rare character (a township's name, a symbol); the bundled
    fonts stand in for it so no character is ever drawn as an empty box.
    """

    def __init__(self, fonts: FontSet) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont

        from qdesk.reports.fonts import find_fonts

        bundled = find_fonts(system_dirs=[])
        register(bundled)
        names = [c.name for c in fonts.fonts.values()] + [c.name for c in bundled.fonts.values()]
        self._maps = {name: getFont(name).face.charToGlyph for name in dict.fromkeys(names)}
        self._order = list(self._maps)
        # The faces draw ≥ and ≤ each its own way (a slanted bar, a double one): one face draws
        # them everywhere, the Song face of the tables where it has them.
        song = fonts[Role.SONG].name
        self._one_face = {ch: next((f for f in [song, *self._order] if ord(ch) in self._maps[f]),
                                   song) for ch in ONE_FACE}

    def font_for(self, ch: str, font: str) -> str:
        code = ord(ch)
        if ch in self._one_face:
            return self._one_face[ch]
        if code in self._maps.get(font, {}) or ch.isspace():
            return font
        return next((f for f in self._order if code in self._maps[f]), font)

    def cover(self, runs: list[Run]) -> list[Run]:
        result: list[Run] = []
        for run in runs:
            for ch in run.text:
                font = self.font_for(ch, run.font)
                if result and result[-1].font == font:
                    result[-1] = Run(result[-1].text + ch, font)
                else:
                    result.append(Run(ch, font))
        return result


CELL_PADDING = 3
# A page holds at least this many rows of a table, or the table starts on the next page; a
# page break leaves at least TABLE_ROWS_AFTER rows for the next, so the 合计 never stands alone.
TABLE_ROWS_BEFORE, TABLE_ROWS_AFTER = 3, 2


def column_widths(spec: TableSpec, width: float, font: str) -> list[float]:
    """Column widths as the spec shares them out, each widened to hold its words whole.

    A header breaks only where it says (a newline), a phrase's (spec.phrases) anywhere; a
    centred column holds figures and short words (1027/1047, 未填报), which never break either.
    Words are measured in `font`, the 黑体 of the headers and of an emphasised cell.
    The columns that have room to spare give it up, in proportion to their spare room.
    """
    total = sum(spec.widths)
    shares = [width * w / total for w in spec.widths]
    align = list(spec.align) or ["center"] * len(spec.header)

    def widest(texts: Iterable[str], face: str) -> float:
        return max((stringWidth(line, face, TABLE_SIZE) for text in texts
                    for line in text.split("\n")), default=0.0)

    need = [max(2 * TABLE_SIZE if column in spec.phrases else widest([header], font),
                widest([row[column] for row in spec.rows], font)
                if align[column] == "center" else 0.0) + 2 * CELL_PADDING + 0.5
            for column, header in enumerate(spec.header)]
    deficit = sum(max(n - s, 0.0) for s, n in zip(shares, need))
    spare = [max(s - n, 0.0) for s, n in zip(shares, need)]
    if deficit == 0 or deficit > sum(spare):
        return shares
    return [n if n >= s else s - deficit * room / sum(spare)
            for s, n, room in zip(shares, need, spare)]


class _PrintTable(Table):
    """A table that breaks across pages only where each side keeps enough rows.

    The rows on a page (besides the repeated header) are at least TABLE_ROWS_BEFORE, else none
    at all, and at least TABLE_ROWS_AFTER are carried over, so no row, and no 合计, is alone.
    """

    def _getFirstPossibleSplitRowPosition(self, availHeight: float,
                                          ignoreSpans: int = 0) -> int:
        split_at: int = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        rows, head = len(self._rowHeights), int(self.repeatRows)
        if split_at >= rows:
            return split_at
        split_at = min(split_at, rows - TABLE_ROWS_AFTER)
        return split_at if split_at - head >= TABLE_ROWS_BEFORE else 0


class _Captioned(Flowable):
    """A table's caption and the table, the caption never left at the foot of a page alone."""

    def __init__(self, caption: GridText, table: Table) -> None:
        super().__init__()
        self.caption, self.table = caption, table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, above = self.caption.wrap(avail_width, avail_height)
        width, below = self.table.wrap(avail_width, avail_height - above)
        self._heights = above, below
        return max(width, avail_width), above + below

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, above = self.caption.wrap(avail_width, avail_height)
        parts = self.table.split(avail_width, avail_height - above)
        return [self.caption, *parts] if parts else []

    def draw(self) -> None:
        _, below = self._heights
        self.caption.drawOn(self.canv, 0, below)
        self.table.drawOn(self.canv, 0, 0)


class _GapAfterTable(Flowable):
    """A blank line after a table, or what is left of the page: it never starts a page of its own."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, max(0.0, min(PITCH, avail_height))

    def draw(self) -> None:
        pass


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chart(spec: ChartSpec) -> Flowable:
    from io import BytesIO

    from qdesk.reports.layout import MM
    return Image(BytesIO(spec.png), width=spec.width_mm * MM, height=spec.height_mm * MM)


def balanced_lines(text: str | Sequence[str], font: str, size: float, width: float) -> list[str]:
    """A title broken into as few lines as fit, as even as possible (梯形/菱形), words kept whole.

    `text` may come as words (segments) that should not be split (词意完整); lines break only
    between them, choosing the breaks that make the longest line shortest. A word longer than
    a line is cut by characters. A lone last character cannot happen unless a word is one.
    """
    advance = lambda ch: stringWidth(ch, font, size)
    words: list[str] = []
    for segment in ([text] if isinstance(text, str) else text):
        if sum(map(advance, segment)) <= width and not isinstance(text, str):
            words.append(segment)
        else:
            words.extend(segment)
    widths = [sum(map(advance, w)) for w in words]
    count = len(words)
    # best[i] = (lines, longest line) for words[i:], and where its first line ends.
    best: list[tuple[int, float]] = [(0, 0.0)] * (count + 1)
    cut = [count] * (count + 1)
    for start in range(count - 1, -1, -1):
        best[start] = (count + 1, float("inf"))
        line = 0.0
        for end in range(start + 1, count + 1):
            line += widths[end - 1]
            if line > width + 1e-6:
                break
            if end < count and (words[end][:1] in NO_START or words[end - 1][-1:] in NO_END):
                continue
            rest_lines, rest_longest = best[end]
            candidate = (rest_lines + 1, max(line, rest_longest))
            if candidate < best[start]:
                best[start], cut[start] = candidate, end
    lines, start = [], 0
    while start < count:
        lines.append("".join(words[start:cut[start]]))
        start = cut[start]
    return lines


def _folio(canvas: Canvas, font: str) -> None:
    """— N —, 4号宋体, 7 mm under the type area; odd pages on the right, even on the left, one character in."""
    number = canvas.getPageNumber()
    text = f"— {number} —"
    width = stringWidth(text, font, FOLIO_SIZE)
    baseline = BOTTOM - FOLIO_GAP - FOLIO_SIZE * 0.88
    x = LEFT + AREA_WIDTH - FOLIO_SIZE - width if number % 2 else LEFT + FOLIO_SIZE
    canvas.setFont(font, FOLIO_SIZE)
    canvas.drawString(x, baseline, text)


def _portrait_page(canvas: Canvas, font: str) -> None:
    canvas.saveState()
    _folio(canvas, font)
    canvas.restoreState()


def _landscape_page(canvas: Canvas, font: str) -> None:
    """A landscape page printed as a portrait sheet: its number drawn in the sheet's own place."""
    canvas.saveState()
    # The sheet's coordinates on the landscape page: its bottom edge is the page's left one.
    canvas.transform(0, -1, 1, 0, 0, LANDSCAPE_HEIGHT)
    _folio(canvas, font)
    canvas.restoreState()


def _template(path: str, document: OfficialDocument, title: str, author: str,
              subject: str) -> BaseDocTemplate:
    song = document.font(Role.SONG)
    # A frame a hair taller than 22 pitches, so 22 lines of float arithmetic always fit.
    portrait = Frame(LEFT, BOTTOM, AREA_WIDTH, AREA_HEIGHT + 0.01, 0, 0, 0, 0, id="body")
    landscape = Frame(LANDSCAPE_LEFT, LANDSCAPE_BOTTOM, LANDSCAPE_AREA_WIDTH,
                      LANDSCAPE_AREA_HEIGHT + 0.01, 0, 0, 0, 0, id="wide")
    template = BaseDocTemplate(
        path, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=LEFT, rightMargin=RIGHT,
        topMargin=PAGE_HEIGHT - BOTTOM - AREA_HEIGHT, bottomMargin=BOTTOM, title=title,
        author=author, subject=subject, creator=f"qdesk {__version__}",
        keywords=f"fonts: {document.fonts.describe()}", lang="zh-CN",
        initialFontName=document.font(Role.FANGSONG), initialFontSize=BODY_SIZE)
    # ReportLab's page size is the sheet as it is seen: a portrait sheet whose page, rotated,
    # ReportLab writes with the landscape media box the frame is drawn in.
    turned = PageTemplate("landscape", [landscape], pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                          onPage=lambda c, d: _landscape_page(c, song))
    turned.rotation = LANDSCAPE_ROTATION
    template.addPageTemplates([
        PageTemplate("portrait", [portrait], pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                     onPage=lambda c, d: _portrait_page(c, song)),
        turned,
    ])
    return template
