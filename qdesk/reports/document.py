"""An official document (公文) in the GB/T 9704 layout, built from parts and written as a PDF."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, Unpack

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
                                  LANDSCAPE_ROTATION, LEFT, LETTER_SPACING, MM,
                                  PAGE_HEIGHT, PAGE_WIDTH, PITCH, RIGHT, SIZES, TABLE_SIZE,
                                  TITLE_SIZE)
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


@dataclass(frozen=True)
class Header:
    """What a document's 版头, signature and 版记 print (DESIGN §14), from the settings and the
    发文字号 register (reports.header)."""

    organ: str                        # 发文机关: the mark, and the signature's name
    letterhead: str = "print"         # print | blank (红头纸: its space left empty) | none
    number: str = ""                  # 发文字号, "" when the office has no organ code
    signer: str = ""                  # 签发人, printed on an upward document only
    upward: bool = False              # 上行文: a report to the superior
    sealed: bool = True               # laid out for a seal (§7.3.5.1), else §7.3.5.2
    contact: str = ""                 # 附注
    contact_phone: str = ""
    cc: tuple[str, ...] = ()          # 抄送, one organ each
    printed_by: str = ""              # 印发机关
    printed_on: dt.date | None = None

    @property
    def mark(self) -> str:
        """发文机关标志: the organ's name and 文件 (GB/T 9704 §7.2.4)."""
        return f"{self.organ}文件"

    @property
    def note(self) -> str:
        """附注: （联系人：…，联系电话：…）, or "" when neither is set."""
        parts = [f"{label}：{value}" for label, value in
                 (("联系人", self.contact), ("联系电话", self.contact_phone)) if value]
        return f"（{'，'.join(parts)}）" if parts else ""

    @property
    def has_colophon(self) -> bool:
        return bool(self.cc or self.printed_by)


RED = colors.HexColor("#FF0000")
# GB/T 9704 §7.2.4: the mark's top 35 mm under the type area's top; the standard recommends no
# size, the office's usual practice is at most 22 mm high, and it must fit the type area's width.
MARK_TOP, MARK_MAX = 35 * MM, 22 * MM
NUMBER_GAP = 4 * MM                  # §7.2.7: the red line 4 mm under the 发文字号
COLOPHON_SIZE = SIZES["四号"]
THICK, THIN = 0.35 * MM, 0.25 * MM   # §7.4.1: the 版记's first and last lines, the middle ones


@dataclass
class Attachment:
    title: str | Sequence[str]      # words, as a title's lines break only between them
    parts: Sequence[TableSpec | ChartSpec | Flowable | str] = field(default_factory=list)
    landscape: bool = False


class OfficialDocument:
    """A document built in reading order: title, addressee, body, attachment note, signature, attachments."""

    def __init__(self, fonts: FontSet, header: Header | None = None) -> None:
        """`header`: the 版头, the signature's layout, 附注 and 版记; None for a bare attachment
        (the roster), which takes none of them."""
        register(fonts)
        self.fonts = fonts
        self.header = header
        self.story: list[Flowable] = []
        self.attachments: list[Attachment] = []
        self._fs = fonts[Role.FANGSONG].name
        self._glyphs = _Glyphs(fonts)
        self._heading: list[SetLine] = []
        self.unnumbered: set[int] = set()
        if header is not None and header.letterhead != "none":
            self.story.append(self._masthead(header))

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

    def add_block(self, lines: list[SetLine]) -> None:
        """Lines that stay on one page, as a signature block does."""
        self._flush()
        self.story.append(GridText(lines, keep_first=len(lines)))

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
        lines: list[SetLine] = []
        for number, name in enumerate(titles, start=1):
            text = name if len(titles) == 1 else f"{number}. {name}"
            if number == 1:
                runs, indent = [Run(label + text, self._fs)], -hang
            else:
                runs, indent = [Run(text, self._fs)], 0.0
            lines += self._set(runs, align="left", left=2 * EM + hang, first_indent=indent)
        self.story.append(GridText(lines, keep_first=len(lines)))   # never split between pages

    def _masthead(self, header: Header) -> Flowable:
        """The 版头 (§7.2): the red mark, the 发文字号 (with 签发人 on an upward document) and the
        red line; on 红头纸 (`blank`) only what the paper does not carry."""
        xbs = self.font(Role.XBS)
        size = min(MARK_MAX, AREA_WIDTH / stringWidth(header.mark, xbs, 1) * 0.999)
        mark = self._set([Run(header.mark, xbs)], size=size, align="center", spacing=0.0)[0]
        # The 发文字号 takes the grid line about two lines under the mark (标志下空二行).
        row = round((MARK_TOP + size + 2 * PITCH - (PITCH - BODY_SIZE) / 2) / PITCH)
        runs = []
        if header.upward:
            number = (self._set([Run(header.number, self._fs)], align="left", left=EM)
                      if header.number else [])
            if header.signer:
                runs = self._set([Run("签发人：", self._fs),
                                  Run(header.signer, self.font(Role.KAI))], align="right",
                                 right=EM)
        else:
            number = (self._set([Run(header.number, self._fs)], align="center")
                      if header.number else [])
        chars = tuple(ch for line in number + runs for ch in line.chars)
        return _Masthead(mark if header.letterhead == "print" else None,
                         SetLine(chars, BODY_SIZE), row)

    def signature(self, issuer: str, day: dt.date) -> None:
        """署名 and 成文日期, laid out for the seal unless the header says the document goes
        unsealed; then 附注 on the next line. They keep the body's last two lines with them, so
        no page holds the signature alone (GB/T 9704 §7.3.5.5: no 此页无正文)."""
        self._flush()
        if self.header is not None and self.header.sealed:
            lines = self._sealed(issuer, day)
        else:
            lines = [SetLine((), BODY_SIZE), *self._unsealed(issuer, day)]
        note = self.header.note if self.header is not None else ""
        if note:
            lines += self._set([Run(note, self._fs)], align="left", left=2 * EM)
        last = self.story[-1] if self.story else None
        if isinstance(last, GridText):
            self.story.pop()
            head, tail = last.lines[:-2], last.lines[-2:]
            if head:
                self.story.append(GridText(head, min(last.keep_first, len(head))))
            lines = tail + lines
        self.story.append(GridText(lines, keep_first=len(lines)))

    def _width(self, text: str) -> float:
        return stringWidth(text, self._fs, BODY_SIZE) + (len(text) - 1) * LETTER_SPACING

    def _sealed(self, issuer: str, day: dt.date) -> list[SetLine]:
        """GB/T 9704 §7.3.5.1: the date four characters in from the right, the organ centred over
        it, two lines of room above so a 40 mm seal, its top within a line of the body, presses
        on both. An organ too long to centre there ends two characters from the right."""
        date = date_zh(day)
        date_x = AREA_WIDTH - 4 * EM - self._width(date)
        issuer_x = date_x + (self._width(date) - self._width(issuer)) / 2
        issuer_x = min(issuer_x, AREA_WIDTH - 2 * EM - self._width(issuer))
        room = [SetLine((), BODY_SIZE)] * 2
        return (room + self._set([Run(issuer, self._fs)], align="left", left=issuer_x)
                + self._set([Run(date, self._fs)], align="left", left=date_x))

    def _unsealed(self, issuer: str, day: dt.date) -> list[SetLine]:
        """署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2).

        The issuer ends two characters from the right, the date below it starts two characters
        right of the issuer's first; a date longer than that pushes both left so that the date
        ends two characters from the right.
        """
        date = date_zh(day)
        right_edge = AREA_WIDTH - 2 * EM
        issuer_x = right_edge - self._width(issuer)
        date_x = issuer_x + 2 * EM
        if date_x + self._width(date) > right_edge:
            date_x = right_edge - self._width(date)
            issuer_x = date_x - 2 * EM
        return (self._set([Run(issuer, self._fs)], align="left", left=issuer_x)
                + self._set([Run(date, self._fs)], align="left", left=date_x))

    def _colophon(self, header: Header) -> _Colophon:
        """版记 (§7.4): 抄送 (one line or more, wrapped after the colon), then 印发机关 and 印发日期,
        in 4号仿宋, one character in from either side."""
        size, em = COLOPHON_SIZE, COLOPHON_SIZE
        cc: list[SetLine] = []
        if header.cc:
            label = "抄送："
            hang = stringWidth(label, self._fs, size)
            cc = self._set([Run(label + "，".join(header.cc) + "。", self._fs)], size=size,
                           align="left", left=em + hang, right=em, first_indent=-hang,
                           spacing=0.0)
        printed_on = f"{date_zh(header.printed_on or dt.date.today())}印发"
        printed = self._set([Run(header.printed_by or header.organ, self._fs)], size=size,
                            align="left", left=em, spacing=0.0)
        printed += self._set([Run(printed_on, self._fs)], size=size, align="right", right=em,
                             spacing=0.0)
        return _Colophon(self, cc, SetLine(tuple(c for line in printed for c in line.chars),
                                           size))

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
              subject: str = "", keywords: str = "") -> Path:
        """Write the PDF through a temporary file beside it, so no half-written file is left;
        its Keywords name the fonts, then `keywords`."""
        self._flush()
        story = list(self.story)
        for number, attachment in enumerate(self.attachments, start=1):
            story.extend(self._attachment_story(number, attachment))
        colophon = (self._colophon(self.header)
                    if self.header is not None and self.header.has_colophon else None)
        if colophon is not None:
            story += [NextPageTemplate("portrait"), colophon]

        def build(temporary: str) -> None:
            self.unnumbered.clear()
            template = _template(temporary, self, title, author, subject, keywords)
            if colophon is not None:
                colophon.template = template
            template.build(story)
        return write_whole(Path(path), build)


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


def _draw(canvas: Canvas, line: SetLine, baseline: float) -> None:
    for ch, font, x in line.chars:
        canvas.setFont(font, line.size)
        canvas.drawString(x, baseline, ch)


def _baseline(top: float, row: int, size: float = BODY_SIZE) -> float:
    """The baseline of grid line `row` (from 0) under `top`, its em box centred in the pitch."""
    return top - (row + 1) * PITCH + (PITCH - size) / 2 + 0.12 * size


class _Masthead(Flowable):
    """The 版头 at the top of the first page; the title follows two lines under the red line."""

    def __init__(self, mark: SetLine | None, number: SetLine, row: int) -> None:
        super().__init__()
        self.mark, self.number, self.row = mark, number, row

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return AREA_WIDTH, (self.row + 3) * PITCH

    def draw(self) -> None:
        canvas = self.canv
        top = (self.row + 3) * PITCH
        canvas.saveState()
        _draw(canvas, self.number, _baseline(top, self.row))
        if self.mark is not None:
            canvas.setFillColor(RED)
            canvas.setStrokeColor(RED)
            _draw(canvas, self.mark, top - MARK_TOP - 0.88 * self.mark.size)
            line = _baseline(top, self.row) - 0.12 * BODY_SIZE - NUMBER_GAP
            canvas.setLineWidth(THICK)
            canvas.line(0, line, AREA_WIDTH, line)
        canvas.restoreState()


class _Colophon(Flowable):
    """The 版记 at the foot of the document's last page, which is an even one (the back of a
    sheet): on an odd page, a landscape one or a page without room it leaves the rest of the page
    empty and tries the next. A blank page so made and the 版记's page carry no page number
    (GB/T 9704 §7.5)."""

    def __init__(self, document: OfficialDocument, cc: list[SetLine], printed: SetLine) -> None:
        super().__init__()
        self.document, self.cc, self.printed = document, cc, printed
        self.template: BaseDocTemplate | None = None
        self.rows = len(cc) + 1

    def _fits(self, avail_width: float, avail_height: float) -> bool:
        page = self.template.page if self.template is not None else 0
        return (page % 2 == 0 and abs(avail_width - AREA_WIDTH) < 1
                and avail_height >= self.rows * PITCH)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Fitting, it takes the rest of the frame and draws at its foot; else it asks for more
        # than there is, so that the frame splits it.
        self.height = avail_height if self._fits(avail_width, avail_height) else avail_height + 1
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        # ReportLab marks a flowable that found no room on a page and fails it the second time;
        # this one moves on by design, page after page, until an even one.
        self.__dict__.pop("_postponed", None)
        empty = avail_height >= min(AREA_HEIGHT, LANDSCAPE_AREA_HEIGHT)
        return [_RestOfPage(self.document, avail_height, empty), self]

    def draw(self) -> None:
        canvas = self.canv
        top = self.rows * PITCH
        canvas.saveState()
        for row, line in enumerate(self.cc):
            _draw(canvas, line, _baseline(top, row, COLOPHON_SIZE))
        _draw(canvas, self.printed, _baseline(top, self.rows - 1, COLOPHON_SIZE))
        for y, width in ((0, THICK), (top, THICK)) + (((PITCH, THIN),) if self.cc else ()):
            canvas.setLineWidth(width)
            canvas.line(0, y, AREA_WIDTH, y)
        canvas.restoreState()


class _RestOfPage(Flowable):
    """The rest of a page left empty before the 版记; a whole empty page, and the 版记's page
    after it, take no page number."""

    def __init__(self, document: OfficialDocument, height: float, empty: bool) -> None:
        super().__init__()
        self.document, self.height, self.empty = document, height, empty

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, min(self.height, avail_height)

    def draw(self) -> None:
        if self.empty:
            page = self.canv.getPageNumber()
            self.document.unnumbered.update((page, page + 1))


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


def _numbered(document: OfficialDocument, folio: Callable[[Canvas, BaseDocTemplate], None]
              ) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The page number drawn when a page ends: only then is it known whether the page is a
    blank one before the 版记, which takes none."""
    def on_page_end(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() not in document.unnumbered:
            folio(canvas, doc)
    return on_page_end


def _template(path: str, document: OfficialDocument, title: str, author: str,
              subject: str, keywords: str) -> BaseDocTemplate:
    song = document.font(Role.SONG)
    # A frame a hair taller than 22 pitches, so 22 lines of float arithmetic always fit.
    portrait = Frame(LEFT, BOTTOM, AREA_WIDTH, AREA_HEIGHT + 0.01, 0, 0, 0, 0, id="body")
    landscape = Frame(LANDSCAPE_LEFT, LANDSCAPE_BOTTOM, LANDSCAPE_AREA_WIDTH,
                      LANDSCAPE_AREA_HEIGHT + 0.01, 0, 0, 0, 0, id="wide")
    template = BaseDocTemplate(
        path, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=LEFT, rightMargin=RIGHT,
        topMargin=PAGE_HEIGHT - BOTTOM - AREA_HEIGHT, bottomMargin=BOTTOM, title=title,
        author=author, subject=subject, creator=f"qdesk {__version__}",
        keywords="; ".join(filter(None, [f"fonts: {document.fonts.describe()}", keywords])),
        lang="zh-CN",
        initialFontName=document.font(Role.FANGSONG), initialFontSize=BODY_SIZE)
    # ReportLab's page size is the sheet as it is seen: a portrait sheet whose page, rotated,
    # ReportLab writes with the landscape media box the frame is drawn in.
    turned = PageTemplate("landscape", [landscape], pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                          onPageEnd=_numbered(document, lambda c, d: _landscape_page(c, song)))
    turned.rotation = LANDSCAPE_ROTATION
    template.addPageTemplates([
        PageTemplate("portrait", [portrait], pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                     onPageEnd=_numbered(document, lambda c, d: _portrait_page(c, song))),
        turned,
    ])
    return template
