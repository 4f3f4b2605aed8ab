"""The GB/T 9704-2012 page: A4, the type area, the 28 × 22 grid, font sizes and the page number."""

from __future__ import annotations

MM = 72 / 25.4

PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
TOP, LEFT = 37 * MM, 28 * MM
AREA_WIDTH, AREA_HEIGHT = 156 * MM, 225 * MM
RIGHT = PAGE_WIDTH - LEFT - AREA_WIDTH          # 26 mm
BOTTOM = PAGE_HEIGHT - TOP - AREA_HEIGHT        # 35 mm

CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
# The grid: every line of the document, whatever its size, takes one pitch (≈ 28.95 pt).
PITCH = AREA_HEIGHT / LINES_PER_PAGE

# 号 -> points (GB/T 9704 §5.2.2 and the printing trade's table).
SIZES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
         "小三": 15, "四号": 14, "小四": 12, "五号": 10.5}
BODY_SIZE = SIZES["三号"]
TITLE_SIZE = SIZES["二号"]
FOLIO_SIZE = SIZES["四号"]
TABLE_SIZE = SIZES["小四"]

# 28 characters of 3号 fill the type area exactly, first em box to last, with this letter
# spacing between them (≈ -0.21 pt).
LETTER_SPACING = (AREA_WIDTH - CHARS_PER_LINE * BODY_SIZE) / (CHARS_PER_LINE - 1)

FOLIO_GAP = 7 * MM      # from the bottom of the type area to the top of the page number

# The landscape page for wide tables. It is printed as a portrait sheet with its table turned,
# its head towards the sheet's left edge on odd and even pages alike (GB/T 9704 §10: the head on
# the binding side of an odd page, on the outer side of an even one): the page is drawn
# landscape and carries /Rotate 270, so the sheet's own type area and page number stay where
# every other page has them. Turned back, the sheet's bottom margin is the table's left one.
LANDSCAPE_HEIGHT = PAGE_WIDTH      # the height of the page as it is drawn, before its rotation
LANDSCAPE_ROTATION = 270
LANDSCAPE_LEFT, LANDSCAPE_BOTTOM = BOTTOM, RIGHT
LANDSCAPE_AREA_WIDTH, LANDSCAPE_AREA_HEIGHT = AREA_HEIGHT, AREA_WIDTH
