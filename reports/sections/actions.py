"""The roadmap proper: per level, one compact table of the actions in the roadmap (in the final version, those
the joint reading adopted), highest priority first, before the recommendations' detailed entries.

A row per action: its reference, its text in full (with the challenges and good practices it answers, quoted
by short title and the page of their entry), dimensions, scope, responsible actors, timeframe, priority rank
(only where the plenary placed dots), and the reading's outcome. What the detailed entry adds (reasons, the
plenary's comments and objections, amendments, credits) stays there: a table cell cannot hold it readably.

Cells keep their layout per width (`Entry`, `PlainLines`): ReportLab lays out the rest of a long table again at
every page it splits it at, and a roadmap may hold hundreds of actions per level; the short cells are plain
lines (no markup parse: measured, the table's cost fell by about a third). The action's cell is made at layout
(`LateEntry`), when the pages of the entries it quotes are known. A row is never cut across pages unless it is
taller than a page can hold (`Entry` refuses to split below `items.WHOLE_ENTRY`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from reports.context import ReportContext
from reports.fonts import report_font
from reports.items import Entry, LateEntry, links
from reports.lines import PlainLines
from reports.model import Item
from reports.sections.body import OTHER, _level_key, _levels, _priority
from reports.styles import RULE, report_styles
from reports.text import one_line, para, runs

# The columns' widths in points, the action's taking what the others leave of the frame's width on A4 portrait
# (170 mm): each of the others as wide as its longest text up to its `PREFERRED` width, and never narrower than
# its longest word, so that no word is cut.
FRAME_WIDTH = 481.0
PREFERRED = (36, None, 52, 38, 64, 40, 46, 46)
MIN_ACTION = 130
SIZE = 7.5
LEADING = 9.2
HEAD_COLOUR = colors.HexColor("#eef2f6")
QUOTES_COLOUR = "#52606d"  # styles.MUTED
QUOTE_LIMIT = 40  # characters of a quoted challenge's or practice's text in a cell
PADDING = 2.5


def actions(ctx: ReportContext) -> list[Flowable]:
    """The part: its heading and note, then per level (the workshop's order) the table of its actions, or a
    line saying there are none."""
    L = ctx.labels
    final = ctx.data.final
    by_level: dict[str, list[Item]] = defaultdict(list)
    for item in ctx.data.items:
        if item.kind == "recommendation" and ctx.in_roadmap(item):  # final: adopted only
            by_level[_level_key(ctx, item)].append(item)
    story: list[Flowable] = [ctx.part(), ctx.heading(L("roadmap.title" if final else "roadmap.title_draft"), 0),
                             ctx.p(L("roadmap.note" if final else "roadmap.note_draft",
                                     section=L("sections.recommendations")), ctx.styles.small)]
    widths = column_widths(ctx, [head_texts(ctx), *(row_texts(ctx, item) for found in by_level.values()
                                                    for item in found)])
    for level_id, level_name in _levels(ctx, by_level):
        found = sorted(by_level.get(level_id, ()), key=_priority)
        if level_id == OTHER and not found:
            continue
        story.append(ctx.heading(level_name, 1))
        if not found:
            story.append(ctx.p(L("roadmap.none" if final else "roadmap.none_draft"), ctx.styles.small))
            continue
        story.append(table(ctx, found, widths))
    return story


def head_texts(ctx: ReportContext) -> list[str]:
    L = ctx.labels
    return [L("roadmap.ref"), L("roadmap.action"), L("fields.dimensions"), L("fields.scope"), L("fields.actors"),
            L("fields.timeframe"), L("fields.priority"), L("fields.outcome" if ctx.data.final else "fields.status")]


def row_texts(ctx: ReportContext, item: Item) -> list[str]:
    """The row's cells as plain text (the action's aside: its cell is made at layout)."""
    return [ctx.ref(item), "",
            ctx.dimensions(item),
            ctx.choice("scope", item.scope),
            ctx.names(item.actor_ids, ctx.stakeholder_name),
            ctx.choice("timeframe", item.timeframe),
            " ".join(rank(ctx, item)),
            ctx.status_plain(item)]


def column_widths(ctx: ReportContext, rows: list[list[str]]) -> list[float]:
    """See `PREFERRED`; the first row is the header (bold), as is the reference column."""
    font = ctx.font
    room = 2 * PADDING + 1
    widths: list[float] = []
    for column, preferred in enumerate(PREFERRED):
        if preferred is None:
            widths.append(0)
            continue
        longest_text = longest_word = 0.0
        for n, cells in enumerate(rows):
            face = font.bold if n == 0 or column == 0 else font.regular
            text = " ".join(cells[column].split())
            if not text:
                continue
            longest_text = max(longest_text, stringWidth(text, face, SIZE))
            longest_word = max(longest_word, *(stringWidth(word, face, SIZE) for word in text.split()))
        widths.append(max(min(longest_text + room, preferred), longest_word + room, 24))
    widths[1] = max(FRAME_WIDTH - sum(widths), MIN_ACTION)
    return widths


def table(ctx: ReportContext, found: list[Item], widths: list[float]) -> Table:
    """One level's actions as a table whose header row repeats on every page it runs onto."""
    S = cell_styles()
    rows: list[list[Flowable]] = [[Entry(para(head, inline=True), S.head) for head in head_texts(ctx)]]
    for item in found:
        rows.append(row(ctx, item))
    grid = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("FONT", (0, 0), (-1, -1), report_font().regular, SIZE),  # the table's own font: embedded, not Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_COLOUR),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING + 1),
    ]))
    return grid


def row(ctx: ReportContext, item: Item) -> list[Flowable]:
    """The action's cell is a paragraph (it carries markup: quotes, notes); the others are plain lines, laid out
    without a markup parse (a roadmap may have thousands of such cells)."""
    font = ctx.font
    texts = row_texts(ctx, item)

    def cell(*lines: str, face: str = font.regular) -> PlainLines:
        return PlainLines([runs(one_line(line, 1000, fallback=True), face) for line in lines if line], SIZE, LEADING)

    return [cell(texts[0], face=font.bold), LateEntry(None, cell_styles().cell, make=lambda: action(ctx, item)),
            *(cell(text) for text in texts[2:6]), cell(*rank(ctx, item)), cell(texts[7])]


def action(ctx: ReportContext, item: Item) -> str:
    """The action's text in full, where its words come from if not from this edition's language, then what it
    answers and builds on, small and grey, each quoted with its page (made at layout: see `LateEntry`)."""
    markup = ctx.field(item.action)
    note = ctx.original_language(item)
    if note:
        markup += f" {ctx.meta([note])}"
    answers = [f"<b>{label}:</b> {quotes}" for label, quotes in links(ctx, item, QUOTE_LIMIT)]
    if answers:
        markup += f'<br/><font size="7" color="{QUOTES_COLOUR}">' + "<br/>".join(answers) + "</font>"
    return markup


def rank(ctx: ReportContext, item: Item) -> list[str]:
    """"puesto 2 de 7" over "(12 votos)"; "sin votos" where it got no dots (ranked only where dots were given)."""
    L = ctx.labels
    position = ctx.rank.get(item.id)
    if position is None:
        return [L("fields.unranked") if not item.votes else L.plural("fields.votes", item.votes)]
    return [L("fields.rank", rank=position, ranked=ctx.ranked), f"({L.plural('fields.votes', item.votes)})"]


@dataclass(frozen=True)
class CellStyles:
    cell: ParagraphStyle
    head: ParagraphStyle


@cache
def cell_styles() -> CellStyles:
    """The table's small type, derived from the reports' cell styles once per process (styles are shared,
    read-only objects)."""
    styles = report_styles()
    return CellStyles(cell=ParagraphStyle("roadmap_cell", parent=styles.cell, fontSize=SIZE, leading=LEADING),
                      head=ParagraphStyle("roadmap_head", parent=styles.cell_head, fontSize=SIZE, leading=LEADING))
