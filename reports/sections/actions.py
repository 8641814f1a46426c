"""The roadmap proper: per level, one compact table of the actions in the roadmap (in the final version, those
the joint reading adopted), highest priority first, before the recommendations' detailed entries.

A row per action: its reference, its text in full (with its responsible actors by short name, and the challenges
and good practices it answers, quoted by short title and the page of their entry), dimensions, scope, timeframe,
priority rank (only where the plenary placed dots), and the reading's outcome. What the detailed entry adds
(reasons, the plenary's comments and objections, amendments, credits) stays there: a table cell cannot hold it
readably.
The reference links to that detailed entry, and each quote to the entry it quotes (their named destinations:
`ReportContext.destination`).

Every cell is plain lines (`reports.lines`: no markup parse) in a `Grid`, which measures each row once and
splits by slicing rows: a roadmap may hold hundreds of actions per level, and ReportLab's `Table` of Paragraphs
measured the rest of the table again at every page (measured on 5,000 items: the table alone took as long as
the rest of the document). The action's cell is made at layout, when the pages of the entries it quotes are
known. A row moves whole to the next page (a reader never finds half a row at the top of a page) unless it
is taller than a page (`document.FRAME_HEIGHT`): then it is cut between lines, its reference printed again.
"""

from __future__ import annotations

import re
from collections import defaultdict

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports.context import ReportContext, name_list
from reports.document import FRAME_HEIGHT
from reports.items import linked, quoted, votes
from reports.lines import Grid, GridStyle, Look, PlainLines, RowMark, Run
from reports.model import Item
from reports.sections.body import OTHER, _level_key, _levels, _priority
from reports.styles import INK, MUTED, RULE
from reports.text import MAX_FIELD_CHARS, one_line, para, plain, runs

# The columns' widths in points, the action's taking what the others leave of the frame's width on A4 portrait
# (170 mm): each of the others as wide as its longest text up to its `PREFERRED` width, and never narrower than
# its longest word, so that no word is cut. The responsible actors are a line under the action, not a column:
# in a column of their own (long names, three or four to an action) they took a fifth of the width, the action
# was left a narrow one, each row became a tall stack of short lines, and pages ended half empty where such a
# row moved whole to the next page.
# The outcome's column holds "adoptada con" / "enmiendas" on two lines: at 46 pt "adopted / as / amended" took
# three (issue 12, second reading, point 33).
FRAME_WIDTH = 481.0
PREFERRED = (36, None, 52, 38, 40, 46, 58)
MIN_ACTION = 150
SIZE = 7.5
LEADING = 9.2
HEAD_COLOUR = colors.HexColor("#eef2f6")
# What an action answers and builds on: the size of the action's own text and its colour, with a bold label;
# at 7 pt in grey it could not be read in print (session 8's secretariat reading).
QUOTES_SIZE = 7.5
QUOTES_COLOUR = INK
NOTE = Look(7.5, MUTED)  # as `ReportContext.meta`
PADDING = 2.5
GRID = GridStyle(padding=PADDING, bottom=PADDING + 1, rule=RULE, rule_width=0.4, head_fill=HEAD_COLOUR)


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
                             ctx.p(L("roadmap.note" if final else "roadmap.note_draft", section=L(
                                 "sections.recommendations" if final else "sections.recommendations_draft")),
                                   ctx.styles.intro),
                             *timeframes_key(ctx)]
    widths = column_widths(ctx, [[[text] for text in head_texts(ctx)],
                                 *(row_texts(ctx, item) for found in by_level.values() for item in found)])
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


def timeframes_key(ctx: ReportContext) -> list[Flowable]:
    """What each timeframe of the table means in time, as the workshop file defines it ("short term, within a
    year"): the column's words alone are read differently by each delegation. Nothing where the file defines
    none."""
    L = ctx.labels
    defined = [L("roadmap.timeframe_meaning", name=para(ctx.choice("timeframe", c.id), inline=True),
                 meaning=para(c.meaning, inline=True))
               for c in ctx.data.workshop.timeframes if c.meaning]
    if not defined:
        return []
    return [ctx.p(L.plural("roadmap.timeframes", len(defined), list="; ".join(defined)), ctx.styles.intro)]


def head_texts(ctx: ReportContext) -> list[str]:
    L = ctx.labels
    return [L("roadmap.ref"), L("roadmap.action"), L("fields.dimensions"), L("fields.scope"), L("fields.timeframe"),
            L("fields.priority"), L("fields.outcome" if ctx.data.final else "fields.status")]


def row_texts(ctx: ReportContext, item: Item) -> list[list[str]]:
    """The row's cells as plain lines (the action's aside: its cell is made at layout)."""
    return [[ctx.ref(item)], [],
            [ctx.dimensions(item)],
            [ctx.choice("scope", item.scope)],
            [ctx.choice("timeframe", item.timeframe)],
            rank(ctx, item),
            [ctx.status_plain(item)]]


_EXPLAINED = re.compile(r"\s*\([^()]*\s[^()]*\)\s*$")


def actor_names(ctx: ReportContext, item: Item) -> list[str]:
    """The responsible actors by their short names: the briefing's `short` where it gives one, else the name
    without the explanation in parentheses at its end ("Autoridades nacionales (ministerios y organismos de
    gobierno)" -> "Autoridades nacionales"; an acronym such as "(OIM)" stays). The detailed entry gives the
    names in full."""
    stakeholders = ctx.data.briefing.get("stakeholders") or {}
    names = []
    for actor_id in item.actor_ids:
        given = stakeholders.get(actor_id)
        short = str(given.get("short", "")) if isinstance(given, dict) else ""
        name = ctx.stakeholder_name.get(actor_id, actor_id)
        names.append(short or _EXPLAINED.sub("", name) or name)
    return names


def column_widths(ctx: ReportContext, rows: list[list[list[str]]]) -> list[float]:
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
            for line in cells[column]:
                text = " ".join(line.split())
                if not text:
                    continue
                longest_text = max(longest_text, stringWidth(text, face, SIZE))
                longest_word = max(longest_word, *(stringWidth(word, face, SIZE) for word in text.split()))
        widths.append(max(min(longest_text + room, preferred), longest_word + room, 24))
    widths[1] = max(FRAME_WIDTH - sum(widths), MIN_ACTION)
    return widths


def table(ctx: ReportContext, found: list[Item], widths: list[float]) -> Grid:
    """One level's actions as a table whose header row repeats on every page it runs onto."""
    head = [cell(ctx, text, face=ctx.font.bold) for text in head_texts(ctx)]
    # Each row is its recommendation's entry in full: the detailed entries quote its page, the summary links here.
    marks = [RowMark(item.id, ctx.row_destination(item)) for item in found]
    return Grid(head, [row(ctx, item) for item in found], widths, GRID, FRAME_HEIGHT, marks=marks)


def cell(ctx: ReportContext, *lines: str, face: str | None = None, look: Look | None = None) -> PlainLines:
    """A short cell: each of `lines` (plain text) starting a new line."""
    face = face or ctx.font.regular
    return PlainLines([[(text, run_face, look) for text, run_face in runs(one_line(line, 1000, fallback=True), face)]
                       for line in lines if line], SIZE, LEADING)


def row(ctx: ReportContext, item: Item) -> list[Flowable]:
    """The reference (a link to the detailed entry), the action (made at layout), then the short cells."""
    texts = row_texts(ctx, item)
    return [cell(ctx, *texts[0], face=ctx.font.bold, look=Look(link=ctx.link_to(item))),
            PlainLines([], SIZE, LEADING, make=lambda: action(ctx, item)),
            *(cell(ctx, *lines) for lines in texts[2:])]


def action(ctx: ReportContext, item: Item) -> list[list[Run]]:
    """The action's text in full (its lines as typed), where its words come from if not from this edition's
    language, its responsible actors, then what it answers and builds on (`QUOTES_SIZE`), each quoted with its
    page and linked to its entry (made at layout: the pages are known by then)."""
    L, font = ctx.labels, ctx.font
    text = plain(item.action, MAX_FIELD_CHARS, " " + L("document.truncated"), fallback=True)
    entries: list[list[Run]] = [list(runs(" ".join(line.split()), font.regular)) for line in text.split("\n")]
    note = ctx.original_language(item)
    if note:  # set apart as a note on the text (`ReportContext.text_mark`), not run on as its last words
        entries[-1].append((f" ({note})", font.italic, NOTE))
    actors = actor_names(ctx, item)
    if actors:
        entries.append([(f"{L.plural('fields.actors', len(actors))}: ", font.bold),
                        *runs(one_line(name_list(actors), 1000, fallback=True), font.regular)])
    said = Look(QUOTES_SIZE, QUOTES_COLOUR)
    for key, ids in (("fields.answers", item.challenge_ids), ("fields.links", item.good_practice_ids)):
        found = linked(ctx, ids)
        if not found:
            continue
        line: list[Run] = [(f"{L.plural(key, len(found))}: ", font.bold, said)]
        for n, other in enumerate(found):
            if n:
                line.append(("; ", font.regular, said))
            # Made at layout, after the safety net for missing destinations was laid: link only to set ones.
            quote = Look(QUOTES_SIZE, QUOTES_COLOUR, ctx.link_to(other) if other.id in ctx.anchors else None)
            line += [(text, face, quote) for text, face in runs(quoted(ctx, other, plain=True),
                                                               font.regular)]
        entries.append(line)
    return entries


def rank(ctx: ReportContext, item: Item) -> list[str]:
    """"2 de 7" over "(12 votos)", under the column's heading "Prioridad"; "sin votos" where it got no dots
    (ranked only where dots were given). The detailed entry's "puesto 13 de 20" did not fit the column's width
    and wrapped after "de"."""
    L = ctx.labels
    position = ctx.rank.get(item.id)
    if position is None:
        return [L("fields.unranked") if not item.votes else L.plural("fields.votes", item.votes)]
    return [L("fields.rank_cell", rank=position, ranked=ctx.ranked), f"({votes(ctx, item)})"]
