"""Reading a generated PDF back: lines of characters, fonts, the type area."""

from collections import defaultdict
from pathlib import Path

from qdesk.reports.layout import (AREA_HEIGHT, AREA_WIDTH, BOTTOM, LANDSCAPE_AREA_HEIGHT,
                                  LANDSCAPE_AREA_WIDTH, LANDSCAPE_BOTTOM, LANDSCAPE_LEFT, LEFT)

TOLERANCE = 0.6


def lines(page, fontname: str | None = None) -> list[list[dict]]:
    """Characters grouped into lines by baseline, left to right, top to bottom."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for ch in page.chars:
        if fontname and fontname not in ch["fontname"]:
            continue
        rows[round(ch["bottom"], 0)].append(ch)
    return [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]


def text_lines(page) -> list[str]:
    return ["".join(c["text"] for c in line) for line in lines(page)]


def type_area(page) -> tuple[float, float, float, float]:
    """x0, top, x1, bottom of the type area in pdfplumber's top-down coordinates."""
    if page.width > page.height:
        left, bottom, width, height = (LANDSCAPE_LEFT, LANDSCAPE_BOTTOM, LANDSCAPE_AREA_WIDTH,
                                       LANDSCAPE_AREA_HEIGHT)
    else:
        left, bottom, width, height = LEFT, BOTTOM, AREA_WIDTH, AREA_HEIGHT
    return left, page.height - bottom - height, left + width, page.height - bottom


def folio(page) -> str:
    """The page number line: the text below the type area."""
    _, _, _, bottom = type_area(page)
    return "".join(c["text"] for c in sorted(page.chars, key=lambda c: c["x0"])
                   if c["top"] > bottom)


RED = (1.0, 0.0, 0.0)


def red_line(page):
    """The 版头's red separator line, or None."""
    return next((ln for ln in page.lines if tuple(ln["stroking_color"]) == RED), None)


def under_masthead(page) -> list[str]:
    """The text lines of a first page under its 版头 (all of them when it has none)."""
    line = red_line(page)
    if line is None:
        return text_lines(page)
    return text_lines(page.crop((0, line["top"], page.width, page.height)))


def unrotated(path: Path, out: Path) -> Path:
    """A copy of the PDF with every page as it is drawn, before its /Rotate: a turned table's
    rows read across again."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(path))
    for page in writer.pages:
        page.rotation = 0
    writer.write(out)
    return out


def table_rows(page) -> list[list[str]]:
    """The rows of the tables drawn on a page, header rows included, as cell texts."""
    return [[(cell or "").replace("\n", "") for cell in row]
            for table in page.extract_tables() for row in table]


def tables_by_page(path: Path, out: Path) -> list[list[list[list[str]]]]:
    """Each page's tables as rows of cell texts, read from the pages as drawn."""
    import pdfplumber

    with pdfplumber.open(unrotated(path, out)) as pdf:
        return [[[[(cell or "").replace("\n", "") for cell in row] for row in table]
                 for table in page.extract_tables()] for page in pdf.pages]
