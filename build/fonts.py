"""Make the bundled 仿宋 and title faces, resources/fonts/qdesk-fangsong.ttf and qdesk-biaosong.ttf.

    python build/fonts.py [--debs FOLDER]

The free 仿宋 and heavy Song faces are OpenType with PostScript (CFF) outlines, which ReportLab
cannot embed (DESIGN.md §7). This script takes them from Debian 12's packages (fetched with
`apt-get download` into FOLDER, or found there), converts their outlines to TrueType quadratics
with fontTools (cu2qu) and keeps GB 2312, the GB/T 15834 punctuation and ASCII: a character
outside that is drawn by another bundled face (document.py `_Glyphs`).

- FandolFang Regular (texlive-lang-chinese), GPL-3 with the font exception, © the Fandol team:
  the body. Converted as the GPL allows, marked as modified in its name table.
- Noto Serif CJK SC Bold (fonts-noto-cjk), SIL OFL 1.1, © Adobe: the title, standing in for
  方正小标宋. A modified version may not carry the Reserved Font Name 'Source' nor Google's 'Noto'
  trademark, so it is renamed "Qdesk Biaosong".

The output is the same bytes on every run: fixed sources (checked by hash) and fixed timestamps.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts"

# Half a unit of a 1000-unit em: far below what 16 pt at 1200 dpi shows (a unit is 0.016 pt).
MAX_ERROR = 0.5
# GB/T 15834 marks and the symbols reports print that GB 2312 lacks or maps elsewhere.
EXTRA = "—–―⸺…⋯·・•‧〈〉《》「」『』〔〕【】〖〗［］｛｝“”‘’～﹏‰％℃≥≤≠±×÷№①②③④⑤⑥⑦⑧⑨⑩\u3000"


@dataclass(frozen=True)
class Source:
    package: str  # package=version, as apt-get download takes it
    member: str  # the font's path inside the package
    subfont: int
    sha256: str


@dataclass(frozen=True)
class Face:
    source: Source
    out: str
    family: str
    style: str
    postscript: str
    notice: str  # appended to the copyright (name ID 0): GPL §5a, OFL §1 ask a modified font say so
    licence_url: str


FACES = (
    Face(Source("texlive-lang-chinese=2022.20230122-1",
                "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf",
                0, "d838ad32ce2244d8144f408c37fe71065aba6fbbc80759a4d2aa2033948d5bc9"),
         "qdesk-fangsong.ttf", "FandolFang", "Regular", "FandolFang-Regular",
         "Modified for qdesk: TrueType outlines, subset to GB 2312.",
         "http://www.gnu.org/licenses/gpl-3.0.html"),
    Face(Source("fonts-noto-cjk=1:20220127+repack1-1",
                "usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
                2, "a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac"),
         "qdesk-biaosong.ttf", "Qdesk Biaosong", "Bold", "QdeskBiaosong-Bold",
         "Modified for qdesk from Noto Serif CJK SC Bold: TrueType outlines, subset to GB 2312, "
         "renamed.",
         "https://openfontlicense.org"),
)


def characters() -> set[int]:
    """GB 2312 (every double-byte code that decodes), ASCII and the extra marks."""
    codes = set(range(0x20, 0x7F)) | {ord(c) for c in EXTRA}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                codes.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return codes


def fetch(debs: Path, source: Source) -> Path:
    """The font file unpacked from its package, downloaded into `debs` unless it is there."""
    name, version = source.package.split("=")
    pattern = f"{name}_*{version.split(':')[-1]}_all.deb"
    found = sorted(debs.glob(pattern))
    if not found:
        subprocess.run(["apt-get", "download", source.package], cwd=debs, check=True)
        found = sorted(debs.glob(pattern))
    unpacked = debs / "unpacked"
    target = unpacked / source.member
    if not target.is_file():
        subprocess.run(["dpkg-deb", "-x", str(found[0]), str(unpacked)], check=True)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise SystemExit(f"{target}: sha256 {digest}, expected {source.sha256}")
    return target


def load(path: Path, subfont: int) -> TTFont:
    if path.suffix.lower() == ".ttc":
        collection = TTCollection(str(path), recalcTimestamp=False)
        return collection.fonts[subfont]
    return TTFont(str(path), recalcTimestamp=False)


def keep_only(font: TTFont, codes: set[int]) -> None:
    # Layout and vertical tables go: ReportLab applies no OpenType features, sets no vertical text.
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by quadratic TrueType ones (as fontTools' otf2ttf snippet does)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth"):
        setattr(maxp, field, 0)  # unhinted and without composites; the point counts are recounted
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the cmap is all a PDF needs
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0


def rename(font: TTFont, face: Face) -> None:
    name = font["name"]
    copyright_ = name.getDebugName(0) or ""
    version = font["head"].fontRevision
    # Every localised or typographic name of the source goes, so no old name survives a rename.
    for name_id in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22):
        name.removeNames(nameID=name_id)
    values = {0: f"{copyright_} {face.notice}".strip(), 1: face.family, 2: face.style,
              3: f"{face.postscript};qdesk;{version:.3f}", 4: f"{face.family} {face.style}",
              6: face.postscript, 14: face.licence_url}
    for name_id, text in values.items():
        name.removeNames(nameID=name_id)
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    font["head"].modified = font["head"].created  # so a rebuild gives the same bytes


def build(debs: Path) -> None:
    codes = characters()
    for face in FACES:
        font = load(fetch(debs, face.source), face.source.subfont)
        keep_only(font, codes)
        to_truetype(font)
        rename(font, face)
        out = OUT / face.out
        font.save(str(out))
        covered = len(codes & set(TTFont(str(out))["cmap"].getBestCmap()))
        print(f"{out.name}: {out.stat().st_size / 2**20:.1f} MB, {covered} of {len(codes)} "
              f"characters kept")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, help="a folder for the packages (kept between runs)")
    args = parser.parse_args()
    if args.debs is not None:
        args.debs.mkdir(parents=True, exist_ok=True)
        build(args.debs)
    else:
        with tempfile.TemporaryDirectory() as folder:
            build(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
