"""The report font: a TrueType family registered once per process.

The built-in PDF fonts cover Latin-1 only, so names like "Łódź" or "Nguyễn" would print as blanks. DejaVu Sans
(Debian `fonts-dejavu-core`; the oblique faces come with `fonts-dejavu-extra`) covers Latin, Greek, Cyrillic,
Armenian, Georgian and many symbols; Bitstream Vera, shipped inside reportlab, is the fallback (Latin, enough
for Spanish and English). Emoji and CJK are in neither: `coverage` lets `reports.text` replace what the font
cannot draw instead of leaving blank boxes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "ReportSans"
# Where distributions put DejaVu; REPORT_FONT_DIR (a directory holding DejaVuSans*.ttf) goes first.
DEJAVU_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)
DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
VERA = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")


@dataclass(frozen=True)
class ReportFont:
    """The registered family: face names for styles, and the code points every face can draw."""

    source: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[int]


def _find_files() -> tuple[str, list[Path | None]]:
    dirs = [os.environ["REPORT_FONT_DIR"]] if os.environ.get("REPORT_FONT_DIR") else []
    for directory in [*dirs, *DEJAVU_DIRS]:
        files = [Path(directory) / name for name in DEJAVU]
        if files[0].is_file() and files[1].is_file():
            return "DejaVu Sans", [f if f.is_file() else None for f in files]
    vera_dir = Path(reportlab.__file__).parent / "fonts"
    return "Bitstream Vera", [vera_dir / name for name in VERA]


@cache
def report_font() -> ReportFont:
    """Register the family once; a face that is missing (DejaVu without the extra package has no oblique) is
    mapped to the upright one of the same weight, so `<i>` still prints, only not slanted."""
    source, (regular, bold, italic, bold_italic) = _find_files()
    names = (FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", f"{FAMILY}-BoldItalic")
    paths = (regular, bold, italic or regular, bold_italic or bold)
    fonts = []
    for name, path in zip(names, paths, strict=True):
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        fonts.append(font)
    for (is_bold, is_italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(FAMILY, is_bold, is_italic, name)
    pdfmetrics.registerFontFamily(FAMILY, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    # Text can be set in any face, so only what all of them draw counts as covered.
    coverage = frozenset.intersection(*(frozenset(f.face.charToGlyph) for f in fonts))
    return ReportFont(source, *names, coverage=coverage)
