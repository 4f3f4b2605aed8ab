"""Draw the application icon: resources/icons/qdesk.png (256 px) and qdesk.ico (16–256 px).

    python build/icon.py

A white 质 (质量) on a deep-blue rounded square with a red rule under it, in the bundled
WenQuanYi Micro Hei. Each icon size is drawn at four times its size and scaled down, so the small
sizes stay sharp. The outputs are kept in the repository; run this only to change the design.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
BLUE_TOP, BLUE_BOTTOM = (31, 84, 160), (18, 52, 112)
RED = (200, 32, 40)


def draw(size: int) -> Image.Image:
    """The icon at `size` × `size` pixels."""
    scale = 4
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    # A vertical gradient, cut to a rounded square by a mask.
    gradient = Image.new("RGBA", (side, side))
    pixels = ImageDraw.Draw(gradient)
    for y in range(side):
        t = y / max(side - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(BLUE_TOP, BLUE_BOTTOM))
        pixels.line([(0, y), (side, y)], fill=(*colour, 255))
    mask = Image.new("L", (side, side), 0)
    margin = round(side * 0.03)
    ImageDraw.Draw(mask).rounded_rectangle((margin, margin, side - margin, side - margin),
                                           radius=round(side * 0.2), fill=255)
    image.paste(gradient, (0, 0), mask)

    pen = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(side * 0.62), index=0)
    left, top, right, bottom = pen.textbbox((0, 0), "质", font=font)
    x = (side - (right - left)) / 2 - left
    y = side * 0.43 - (bottom - top) / 2 - top
    # A thin stroke thickens the glyph so it holds up at 16 px.
    stroke = max(1, round(side * 0.012)) if size <= 32 else round(side * 0.006)
    pen.text((x, y), "质", font=font, fill="white", stroke_width=stroke, stroke_fill="white")
    rule = round(side * 0.06)
    pen.rounded_rectangle((side * 0.24, side * 0.78, side * 0.76, side * 0.78 + rule),
                          radius=rule // 2, fill=(*RED, 255))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    images[-1].save(OUT / "qdesk.png", optimize=True)
    images[-1].save(OUT / "qdesk.ico", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(f"wrote {OUT / 'qdesk.png'} and {OUT / 'qdesk.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
