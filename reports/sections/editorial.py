"""The editorial work as the roadmap prints it: the secretariat's introduction, each table's synthesis at the head
of its level, the secretariat's conclusions and the next steps the workshop agreed.

Each text comes as a `Wording` in the edition's language where someone gave one. A person's translation reads
like any other text of the edition; what a reader must be told is said in words of the edition's language, under
the text: an unconfirmed machine translation, or a text only available in the language it was written in
("original en inglés"). Where nobody wrote a text the report prints what it can say on its own: the introduction
from the workshop's facts, the next steps from the briefing.
"""

from __future__ import annotations

import re

from babel.lists import format_list
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from reports.context import META_CLOSE, META_OPEN, ReportContext
from reports.fonts import report_font
from reports.model import Synthesis, Wording
from reports.styles import RULE, report_styles
from reports.text import para

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def mark(ctx: ReportContext, origin: str, language: str) -> str:
    """What the reader must be told of where a text's words come from, in words (plain text, no markup)."""
    L = ctx.labels
    if origin == "machine":
        return L("editorial.machine")
    if origin == "missing" or (language and language != ctx.data.language):
        return L("fields.original_language", language=L.language_name(language))
    return ""


def prose(ctx: ReportContext, wording: Wording | None, style=None) -> list[Flowable]:
    """A text as typed, one paragraph per block between blank lines (single line breaks kept), escaped, then
    its mark in small grey type where it needs one."""
    if wording is None or not wording.text.strip():
        return []
    story: list[Flowable] = [ctx.p(ctx.field(block), style) for block in _BLANK_LINE.split(wording.text.strip())
                             if block.strip()]
    note = mark(ctx, wording.origin, wording.language)
    if note:
        story.append(ctx.p(ctx.text_mark(note).lstrip(), ctx.styles.provenance))
    return story


# -- introduction ---------------------------------------------------------------------------------------------

def introduction(ctx: ReportContext) -> list[Flowable]:
    """The secretariat's introduction; if it wrote none, the facts: who hosted, when, where, who took part."""
    story: list[Flowable] = [PageBreak(), ctx.heading(ctx.labels("editorial.introduction"), 0)]
    written = prose(ctx, ctx.data.introduction)
    return story + (written or [ctx.p(line) for line in default_introduction(ctx)])


def default_introduction(ctx: ReportContext) -> list[str]:
    """The factual introduction, as markup paragraphs (every workshop-file name escaped)."""
    L, data = ctx.labels, ctx.data
    workshop, counts = data.workshop, data.participation
    first = L("editorial.held", title=para(workshop.title, inline=True), place=para(workshop.place, inline=True),
              dates=workshop.held or L.date_span(workshop.starts_on, workshop.ends_on))
    if workshop.organisers:
        first += " " + L("editorial.organised", organisers=para(organisers_in_a_sentence(ctx), inline=True))
    lines = [first]
    groups = []
    for kind, count, people in counts.delegations:
        key = f"editorial.group_{kind}"
        if L.raw(key) is None:
            key, count = "editorial.group_other", people
        if count:
            groups.append(L.plural("editorial.group_people", people, groups=L.plural(key, count)))
    attending = counts.participants - counts.staff
    if attending > 0:
        second = L("editorial.took_part", people=L.plural("editorial.people", attending),
                   groups=format_list(groups, locale=L.locale)) if groups else ""
        if not groups:
            second = L.plural("editorial.people", attending) + "."
        if counts.staff:
            second += " " + staff_sentence(ctx)
        lines.append(second)
    if workshop.tables:
        lines.append(L.plural("editorial.tables", len(workshop.tables)))
    return lines


# What the people who ran the workshop did, in the order the sentence names them.
STAFF_ROLES = ("moderator", "secretariat", "translator")


def staff_sentence(ctx: ReportContext) -> str:
    """Those who ran the workshop counted for what they did ("5 personas: 3 moderaron las mesas, 1 formó la
    secretaría y 1 tradujo"), each person once per role they held: "5 moderators and members of the
    secretariat" counted the translator as one of those and read as five moderators (issue 12, third reading,
    point 8). Where nobody recorded their roles, all of them in one clause that names every role."""
    L, total = ctx.labels, ctx.data.participation.staff
    held = {role: sum(1 for p in ctx.data.participants if p.staff and any(r == role for r, _ in p.roles))
            for role in STAFF_ROLES}
    roles = [L.plural(f"editorial.staff_{role}", n) for role, n in held.items() if n]
    if not roles:
        return L.plural("editorial.staff", total)
    return L.plural("editorial.staff_roles", total, roles=format_list(roles, locale=L.locale))


def organisers_in_a_sentence(ctx: ReportContext) -> str:
    """The organisers as one list inside a sentence (plain text): a name's own colon ("CRM: Presidencia Pro
    Tempore") becomes a comma, or the sentence would read "organised by: A: B"; names that hold commas of their
    own ("INM, México, institución anfitriona") are told apart by semicolons."""
    names = [re.sub(r"\s*:\s+", ", ", ctx.org_term(o).strip()) for o in ctx.data.workshop.organisers]
    if any("," in name for name in names):
        return "; ".join(names)
    return format_list(names, locale=ctx.labels.locale)


# -- a table's synthesis --------------------------------------------------------------------------------------

def printed_syntheses(ctx: ReportContext, level_id: str | None) -> list[Synthesis]:
    """The syntheses to print at the head of a level: a final roadmap prints only approved ones."""
    return [s for s in ctx.data.syntheses if s.level_id == level_id and s.parts
            and (s.approved or not ctx.data.final)]


def syntheses(ctx: ReportContext, level_id: str | None) -> list[Flowable]:
    """The synthesis of each table of the level: its three parts under short sub-headings, as prose."""
    L, S = ctx.labels, ctx.styles
    found = printed_syntheses(ctx, level_id)
    story: list[Flowable] = []
    for synthesis in found:
        table = ctx.table_name.get(synthesis.table_id, synthesis.table_id)
        title = L("editorial.synthesis_of", table=table) if len(found) > 1 else L("editorial.synthesis")
        story.append(ctx.heading(title, 2))
        facts = [para(table)] if len(found) == 1 else []
        rapporteur = next((t.rapporteur for t in ctx.data.workshop.tables if t.id == synthesis.table_id), None)
        if rapporteur:
            facts.append(f"{L('fields.rapporteur')}: {para(rapporteur, inline=True)}")
        if not synthesis.approved:
            facts.append(f"<b>{L('editorial.awaiting_approval')}</b>")
        if facts:
            story.append(ctx.p(META_OPEN + " · ".join(facts) + META_CLOSE, S.intro))
        for part, wording in synthesis.parts:  # in the order the model gives them (challenges first)
            story.append(ctx.p(L.get(f"editorial.part_{part}", para(part)), S.h4))
            story += prose(ctx, wording)
    return story


# -- next steps -----------------------------------------------------------------------------------------------

def next_steps(ctx: ReportContext) -> list[Flowable] | None:
    """The next steps the workshop agreed, as a small table (step, who, by when in the local long date); None
    when none were agreed (the briefing's generic ones are printed instead)."""
    steps = ctx.data.next_steps
    if not steps:
        return None
    L, S = ctx.labels, ctx.styles
    rows = [[ctx.p(L("editorial.step"), S.cell_head), ctx.p(L("editorial.who"), S.cell_head),
             ctx.p(L("editorial.by_when"), S.cell_head)]]
    dates: list[str] = []
    for step in steps:
        cell = ctx.field(step.text.text)
        note = mark(ctx, step.text.origin, step.text.language)
        if note:
            cell += ctx.text_mark(note)
        who = ctx.field(step.who.text) if step.who.text.strip() else "–"
        who_note = mark(ctx, step.who.origin, step.who.language) if step.who.text.strip() else ""
        if who_note and who_note != note:
            who += ctx.text_mark(who_note)
        when = L.long_date(step.by_when) if step.by_when else L("editorial.no_date")
        rows.append([ctx.p(cell, S.cell), ctx.p(who, S.cell), ctx.p(when, S.cell)])
        dates.append(when)
    table = Table(rows, colWidths=_step_widths(L("editorial.by_when"), dates), hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONT", (0, 0), (-1, -1), report_font().regular, 8.5),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))]))
    return [table]


STEPS_WIDTH, WHO_WIDTH = 480.0, 120.0
CELL_PADDING = 2 * 6 + 1  # a Table cell's left and right padding, and a point to spare


def _step_widths(head: str, dates: list[str]) -> tuple[float, float, float]:
    """The step's column takes what the others leave; "by when" is as wide as its longest date in the edition's
    language (its header too), so that no date breaks ("31 de diciembre de" over "2026")."""
    font, S = report_font(), report_styles()
    when = max([stringWidth(head, font.bold, S.cell_head.fontSize),
                *(stringWidth(date, font.regular, S.cell.fontSize) for date in dates)]) + CELL_PADDING
    when = min(when, STEPS_WIDTH / 3)
    return STEPS_WIDTH - WHO_WIDTH - when, WHO_WIDTH, when
