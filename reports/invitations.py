"""The printable sheet of invitation links: one labelled QR code per link, six to an A4 page, to cut out and lay on
the tables or pin at the door.

Plain data in, PDF bytes out, like the other reports: the bot gives the labels already in the sheet's language.
Each code is drawn as vector squares from segno's module matrix (sharp at any print size, no image library),
with a quiet zone of four modules as the QR standard asks; the link is printed under it on one line (without
``https://``, which Telegram does not need), so someone whose phone cannot scan can still type it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO

import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.document import BUILD_LOCK
from reports.styles import RULE, report_styles
from reports.text import logical, para

QR_SIZE = 55 * mm
QUIET_MODULES = 4
COLUMNS = 2
CELL_WIDTH = 85 * mm


@dataclass(frozen=True)
class InvitationCard:
    label: str          # what the secretariat called the link ("Moderators · Group A")
    detail: str         # who it admits and its limits, in words ("up to 2 people · until 3 Dec 18:00")
    link: str           # the t.me deep link the code holds


@dataclass(frozen=True)
class InvitationSheet:
    title: str
    subtitle: str
    cards: tuple[InvitationCard, ...]
    empty: str = ""     # printed when there is no active link


def qr_drawing(link: str, size: float = QR_SIZE) -> Drawing:
    """The link's QR code as black squares on white, ``size`` points wide including the quiet zone."""
    code = segno.make(link, error="m")
    matrix = [list(row) for row in code.matrix]
    modules = len(matrix) + 2 * QUIET_MODULES
    step = size / modules
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor=white, strokeColor=None))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(Rect((x + QUIET_MODULES) * step, size - (y + QUIET_MODULES + 1) * step, step, step,
                                 fillColor=black, strokeColor=None, strokeWidth=0))
    return drawing


def _card(card: InvitationCard) -> list[Flowable]:
    """One cell of the grid: a table row is never split across pages, so a card stays whole."""
    S = report_styles()
    return [
        Paragraph(f"<b>{para(card.label, 120, inline=True)}</b>", S.h3),
        qr_drawing(card.link),
        Paragraph(para(card.detail, 300), S.small),
        Paragraph(para(card.link.removeprefix("https://"), 200), _link_style()),
    ]


@cache
def _link_style() -> ParagraphStyle:
    """The link on one line, to be typed by hand if need be: small, dark, and never wrapped inside the token."""
    return ParagraphStyle("invitation_link", parent=report_styles().small, fontSize=7, leading=9, textColor=black,
                          splitLongWords=0)


def build_invitation_sheet(sheet: InvitationSheet) -> bytes:
    """The sheet as PDF bytes: a heading, then the cards in a grid of ``COLUMNS``."""
    S = report_styles()
    story = [Paragraph(para(sheet.title, 200), S.title), Paragraph(para(sheet.subtitle, 300), S.subtitle)]
    cards = [_card(c) for c in sheet.cards]
    if not cards:
        story.append(Paragraph(para(sheet.empty, 300), S.body))
    else:
        rows = [cards[i:i + COLUMNS] + [""] * (COLUMNS - len(cards[i:i + COLUMNS]))
                for i in range(0, len(cards), COLUMNS)]
        grid = Table(rows, colWidths=[CELL_WIDTH] * COLUMNS)
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.25, RULE),
                                  ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
                                  ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
        story += [Spacer(1, 4 * mm), grid]
    buffer = BytesIO()
    with BUILD_LOCK:
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                bottomMargin=15 * mm, title=logical(sheet.title, 200),
                                subject=logical(sheet.subtitle, 300))
        doc.build(story)
    return buffer.getvalue()
