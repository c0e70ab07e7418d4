"""The Chinese font of the PDF reports: Noto Sans SC, installed with the requirements.

The package ``pylopdf-fonts-zh-cn`` (SIL Open Font License 1.1, the font of
Google's and Adobe's Noto CJK project) ships Noto Sans SC with PostScript
(CFF) outlines. Embedded as it is, fpdf2 writes a CID font keyed through an
embedded CMap, which common text extractors (pypdf, pdfminer.six) don't read.
So each report embeds only the characters it uses, converted to TrueType
outlines: a few kilobytes that every viewer and extractor understands, with
any of the font's 30,000 characters available.
"""

from pathlib import Path

import pylopdf_fonts_zh_cn
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FAMILY = "NotoSansSC"
# Largest distance, in font units (1000 to the em), between a cubic curve and
# the quadratic ones replacing it: invisible at any print size.
MAX_CURVE_ERROR = 1.0
TRUETYPE = "\x00\x01\x00\x00"


def source_path() -> Path:
    """Return the installed Noto Sans SC (OpenType, CFF outlines)."""
    return pylopdf_fonts_zh_cn.sans_path()


def write_subset(text: str, path: Path) -> None:
    """Write to ``path`` a TrueType font with the glyphs of ``text`` (and the fallback glyph)."""
    font = TTFont(source_path())
    options = subset.Options()
    # A report sets plain horizontal text: no layout, vertical metrics or hints to keep.
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    _to_truetype_outlines(font)
    font.save(path)


def _to_truetype_outlines(font: TTFont) -> None:
    """Replace the font's cubic (CFF) outlines by quadratic TrueType ones, in place."""
    glyph_order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType's clockwise.
        glyphs[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"] = _truetype_maxp(font["maxp"].numGlyphs)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = TRUETYPE


def _truetype_maxp(glyph_count: int):
    """Return a version 1.0 ``maxp`` table (TrueType's); its maxima are recomputed on saving."""
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = glyph_count
    for name in (
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, name, 0)
    maxp.maxZones = 1
    return maxp
