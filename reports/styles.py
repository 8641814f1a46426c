"""All paragraph styles of the reports, built once per process (styles are shared, read-only objects)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reports.fonts import report_font

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#0b5394")
DRAFT = colors.HexColor("#b3261e")
RULE = colors.HexColor("#c7ced6")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover: ParagraphStyle
    cover_draft: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    item: ParagraphStyle
    block_head: ParagraphStyle
    recommendation: ParagraphStyle
    comment: ParagraphStyle
    under_entry: ParagraphStyle
    small: ParagraphStyle
    provenance: ParagraphStyle
    intro: ParagraphStyle
    note: ParagraphStyle
    register: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_number: ParagraphStyle
    cell_head_number: ParagraphStyle
    toc_title: ParagraphStyle


@cache
def report_styles() -> Styles:
    font = report_font()
    base = ParagraphStyle(
        "body", fontName=font.regular, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4,
        splitLongWords=1, bulletFontName=font.regular,
        # No paragraph leaves its last line alone at the top of a page, nor its first at the foot of one (ES
        # p.9 opened with the lone "cada país. ([1] Estudio de caso 16)": issue 12, second reading, point 18).
        allowWidows=0, allowOrphans=0,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    def heading(name: str, size: float, **kw) -> ParagraphStyle:
        kw.setdefault("textColor", ACCENT)
        return derive(name, fontName=font.bold, fontSize=size, leading=size * 1.25, keepWithNext=1, **kw)

    return Styles(
        title=derive("title", fontName=font.bold, fontSize=24, leading=30, alignment=TA_CENTER, spaceAfter=14,
                     textColor=ACCENT),
        subtitle=derive("subtitle", fontSize=15, leading=20, alignment=TA_CENTER, spaceAfter=24),
        cover=derive("cover", fontSize=11.5, leading=16, alignment=TA_CENTER, spaceAfter=8),
        cover_draft=derive("cover_draft", fontName=font.bold, fontSize=20, leading=26, alignment=TA_CENTER,
                           textColor=DRAFT, spaceBefore=30),
        h1=heading("h1", 17, spaceBefore=14, spaceAfter=10),
        h2=heading("h2", 13, spaceBefore=10, spaceAfter=6),
        h3=heading("h3", 11, spaceBefore=8, spaceAfter=4, textColor=INK),
        h4=heading("h4", 9.5, spaceBefore=4, spaceAfter=2, textColor=INK),
        body=base,
        bullet=derive("bullet", leftIndent=14, bulletIndent=4),
        item=derive("item", leftIndent=8, spaceAfter=7),
        # the head of a block of lines under it (a recommendation's plenary feedback in the minutes): set off from
        # the block before, close to its own lines ("Rec-77" ran on from the comments above it, the space after it
        # wider than the space before: session 12's reading)
        block_head=derive("block_head", leftIndent=8, spaceBefore=8, spaceAfter=3),
        # A recommendation: its reference sticks out to the left of its text and of the facts under it.
        recommendation=derive("recommendation", leftIndent=22, firstLineIndent=-14, spaceBefore=2, spaceAfter=8,
                              leading=12.5),
        comment=derive("comment", fontSize=8.5, leading=11, leftIndent=22, spaceAfter=2),
        # lines under a bulleted entry (`items.registers`), in line with its text: the plenary on a set-aside one
        under_entry=derive("under_entry", fontSize=8.5, leading=11, leftIndent=14, spaceAfter=4),
        # Captions, level and annex introductions, short notes and the source list carry content a reader needs
        # in print: black and near body size (secretariat reading, session 8: tiny grey text was hard to read at
        # A4). Grey small type is kept for provenance alone (`provenance`, and the inline `META_OPEN` marks).
        small=derive("small", fontSize=9, leading=12),
        intro=derive("intro", fontSize=9, leading=12, keepWithNext=1),
        note=derive("note", fontSize=9, leading=12, spaceBefore=4, spaceAfter=6),
        provenance=derive("provenance", fontSize=8, leading=10, textColor=MUTED),
        register=derive("register", fontSize=7.5, leading=9.5, spaceAfter=1.5),
        cell=derive("cell", fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_head=derive("cell_head", fontName=font.bold, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_number=derive("cell_number", fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT),
        cell_head_number=derive("cell_head_number", fontName=font.bold, fontSize=8.5, leading=10.5, spaceAfter=0,
                                alignment=TA_RIGHT),
        toc_title=heading("toc_title", 17, spaceAfter=12),
    )
