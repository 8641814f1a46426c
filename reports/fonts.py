"""The report font: a TrueType family registered once per process.

The built-in PDF fonts cover Latin-1 only, so names like "Łódź" or "Nguyễn" would print as blanks. DejaVu Sans
(Debian `fonts-dejavu-core`; the oblique faces come with `fonts-dejavu-extra`) covers Latin, Greek, Cyrillic,
Armenian, Georgian and many symbols; Bitstream Vera, shipped inside reportlab, is the fallback (Latin, enough
for Spanish and English).

Participants' names and texts may be in any script, so characters the family lacks are drawn in fallback fonts,
looked up per character by `reports.text`: first the family's own upright regular face (DejaVu's oblique faces
have no Arabic, so Arabic is not in `coverage`, which counts what every face draws), then the Debian fonts below
when they are installed. Only TrueType outlines will do (ReportLab cannot embed CFF/OpenType-PS fonts such as
Noto CJK), and a TTC collection is read at its `subfontIndex`. What no font draws is replaced by a visible
placeholder instead of leaving blank boxes. The fallbacks are registered lazily, the first time a character
needs one: most reports never pay for parsing a 5 MB CJK font.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
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

# Fallback fonts, in the order they are tried: registered name, the code point ranges worth asking it about (so
# that an emoji does not make us parse the CJK font; None: any), and [(directory, file, subfont index)...], the
# first candidate found wins. Debian packages: fonts-wqy-microhei (or fonts-wqy-zenhei) for Chinese, Japanese
# kana and Korean hangul, one TrueType face in a TTC; fonts-symbola for emoji and symbols (monochrome outlines).
CJK_RANGES = ((0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF),
              (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))
FALLBACKS: tuple[tuple[str, tuple[tuple[int, int], ...] | None, tuple[tuple[str, str, int], ...]], ...] = (
    ("ReportCJK", CJK_RANGES, (("/usr/share/fonts/truetype/wqy", "wqy-microhei.ttc", 0),
                               ("/usr/share/fonts/truetype/wqy", "wqy-zenhei.ttc", 0),
                               ("/usr/share/fonts/wenquanyi/wqy-microhei", "wqy-microhei.ttc", 0),
                               ("/usr/share/fonts/wenquanyi/wqy-zenhei", "wqy-zenhei.ttc", 0))),
    ("ReportSymbols", None, (("/usr/share/fonts/truetype/ancient-scripts", "Symbola_hint.ttf", 0),
                             ("/usr/share/fonts/truetype/ancient-scripts", "Symbola.ttf", 0),
                             ("/usr/share/fonts/TTF", "Symbola.ttf", 0))),
)


@dataclass(frozen=True)
class ReportFont:
    """The registered family: face names for styles, and the code points every face can draw."""

    source: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[int]
    regular_coverage: frozenset[int] = frozenset()  # what the upright regular face alone draws


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
    return ReportFont(source, *names, coverage=coverage, regular_coverage=frozenset(fonts[0].face.charToGlyph))


_LOAD_LOCK = threading.Lock()


@dataclass(eq=False)
class FallbackFont:
    """A font for characters the report family lacks; `coverage` registers it on first use (thread-safe).

    Within a fallback run the face is this font's only one: `<font name=...>` resets bold and italic in
    ReportLab's markup, so such a run inside bold text prints in regular weight (the CJK fonts have one weight)."""

    name: str
    path: Path | None = None
    subfont: int = 0
    ranges: tuple[tuple[int, int], ...] | None = None
    _coverage: frozenset[int] | None = field(default=None, repr=False)

    def may_cover(self, code: int) -> bool:
        """Worth looking at the font for `code` (answered without parsing it)?"""
        return self.ranges is None or any(low <= code <= high for low, high in self.ranges)

    @property
    def coverage(self) -> frozenset[int]:
        if self._coverage is None:
            with _LOAD_LOCK:
                if self._coverage is None:
                    self._coverage = self._register()
        return self._coverage

    def _register(self) -> frozenset[int]:
        try:
            font = TTFont(self.name, str(self.path), subfontIndex=self.subfont)
        except Exception:  # an unreadable or CFF-flavoured file: draw nothing with it rather than fail the report
            return frozenset()
        pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(self.name, normal=self.name)
        return frozenset(font.face.charToGlyph)


def _find_fallback(candidates: tuple[tuple[str, str, int], ...]) -> tuple[Path, int] | None:
    dirs = [os.environ["REPORT_FONT_DIR"]] if os.environ.get("REPORT_FONT_DIR") else []
    for directory, name, subfont in candidates:
        for where in [*dirs, directory]:
            path = Path(where) / name
            if path.is_file():
                return path, subfont
    return None


@cache
def fallback_fonts() -> tuple[FallbackFont, ...]:
    """The fallbacks present on this machine, in the order to try them (none is parsed yet, except the family's
    own regular face, which is already registered)."""
    main = report_font()
    found: list[FallbackFont] = []
    if main.regular_coverage - main.coverage:
        found.append(FallbackFont(main.regular, _coverage=main.regular_coverage))
    for name, ranges, candidates in FALLBACKS:
        hit = _find_fallback(candidates)
        if hit is not None:
            found.append(FallbackFont(name, *hit, ranges=ranges))
    return tuple(found)


def _astral_safe(make_cmap):
    """ReportLab writes a subset's ToUnicode entry as "<%04X>" of the code point: for characters past U+FFFF
    (emoji, drawn by the Symbola fallback) that is an odd-length hex string instead of a UTF-16 surrogate pair,
    so viewers cannot copy or search them. Rewrite those entries; the glyphs themselves were always right."""

    def make(fontname, subset):
        text = make_cmap(fontname, subset)
        for index, code in enumerate(subset):
            if code > 0xFFFF:
                utf16 = chr(code).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>", 1)
        return text

    make.__wrapped__ = make_cmap
    return make


if "<1F642>" in ttfonts.makeToUnicodeCMap("probe", [0x1F642]):  # only while ReportLab has the bug
    ttfonts.makeToUnicodeCMap = _astral_safe(ttfonts.makeToUnicodeCMap)
