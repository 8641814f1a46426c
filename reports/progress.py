"""The follow-up's progress report: `build_progress(data) -> bytes`.

What a secretariat shows a year after the event: per adopted recommendation (numbered as in the roadmap, Rec-12 /
R-12) the countries and organisations committed to it with their latest status, note, link or document and the
status of every round; per delegation what it committed to and did; a level x status overview; and the rounds
themselves, so progress over time shows. Plain data in (`RoadmapData.commitments`, `.rounds`), bytes out, with
the roadmap's page frame. Blocking: callers run it in a worker thread.
"""

from __future__ import annotations

from collections import Counter

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reports.context import SEP, ReportContext
from reports.document import render
from reports.model import PROGRESS_STATUSES, Commitment, Item, RoadmapData
from reports.progress_labels import progress_labels
from reports.roadmap import metadata, page_decor
from reports.styles import RULE
from reports.text import para

NO_ANSWER = "none"
# Okabe-Ito colours (safe for colour-blind readers), with the count printed in every cell anyway.
STATUS_COLOURS = {"not_started": "#999999", "under_way": "#56B4E9", "done": "#009E73", "stalled": "#D55E00",
                  NO_ANSWER: "#E0E0E0"}


def build_progress(data: RoadmapData) -> bytes:
    ctx = ReportContext(data)
    P, S = progress_labels(data.language), ctx.styles
    story: list[Flowable] = [ctx.p(para(data.workshop.title, 300), S.title),
                             ctx.p(P("document"), S.subtitle),
                             ctx.p(P("as_of", date=ctx.day(data.generated_at)), S.cover),
                             Spacer(1, 6), ctx.p(P("intro"), S.small)]
    story += rounds(ctx)
    story += overview(ctx)
    story += by_recommendation(ctx)
    story += by_party(ctx)
    # Its header gives its own date: "Adopted at the joint reading on …" over a progress report read as the
    # report's adoption ("Adoptada …" beside "Informe de avance", session 10's reading).
    decor = page_decor(ctx, P("document"), aside=P("as_of", date=ctx.day(data.generated_at)))
    return render(story, decor, [], **metadata(ctx, P("document"), P("subject")))


def latest_status(commitment: Commitment) -> str:
    latest = commitment.latest
    return latest.status if latest else NO_ANSWER


def recommendations(ctx: ReportContext) -> list[Item]:
    """Every adopted recommendation and any other one committed to, by level (the workshop's order), then number."""
    committed = {c.recommendation_id for c in ctx.data.commitments}
    order = {level.id: n for n, level in enumerate(ctx.data.workshop.levels)}
    found = [i for i in ctx.data.items if i.kind == "recommendation" and (i.adopted or i.id in committed)]
    return sorted(found, key=lambda i: (order.get(i.level_id, len(order)), i.id))


def _grid(rows: list[list], widths: tuple[float, ...], extra: list | None = None) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               *(extra or [])]))
    return table


def rounds(ctx: ReportContext) -> list[Flowable]:
    P, S = progress_labels(ctx.data.language), ctx.styles
    story: list[Flowable] = [ctx.heading(P("rounds"), 0)]
    if not ctx.data.rounds:
        story.append(ctx.p(P("no_rounds"), S.small))
        return story
    rows = [[Paragraph(f"<b>{P(key)}</b>", S.cell_head) for key in ("col_round", "col_opened", "col_answers")]]
    for r in ctx.data.rounds:
        rows.append([Paragraph(P("round", n=r.number), S.cell),
                     Paragraph(ctx.day(r.opened_at or r.due_at), S.cell),
                     Paragraph(P("answers", answered=r.answered, asked=r.asked), S.cell)])
    story.append(_grid(rows, (90, 200, 120)))
    return story


def overview(ctx: ReportContext) -> list[Flowable]:
    """Commitments by level and latest status, as a table whose cells are tinted by status."""
    P, S = progress_labels(ctx.data.language), ctx.styles
    story: list[Flowable] = [ctx.heading(P("overview"), 0), ctx.p(P("overview_note"), S.small)]
    level_of = {i.id: i.level_id for i in ctx.data.items}
    counts = Counter((level_of.get(c.recommendation_id), latest_status(c)) for c in ctx.data.commitments)
    statuses = [*PROGRESS_STATUSES, NO_ANSWER]
    rows = [[Paragraph(f"<b>{P('col_level')}</b>", S.cell_head),
             *(Paragraph(f"<b>{P(f'status.{s}')}</b>", S.cell_head_number) for s in statuses),
             Paragraph(f"<b>{P('total')}</b>", S.cell_head_number)]]
    # Each status's heading carries its colour, so the tinted cells need no legend (session 10's reading).
    extra = [("BACKGROUND", (c, 0), (c, 0), colors.HexColor(STATUS_COLOURS[status]))
             for c, status in enumerate(statuses, start=1)]
    for r, level in enumerate(ctx.data.workshop.levels, start=1):
        cells = [counts.get((level.id, s), 0) for s in statuses]
        rows.append([Paragraph(para(level.name, 120), S.cell),
                     *(Paragraph(str(n), S.cell_number) for n in cells),
                     Paragraph(f"<b>{sum(cells)}</b>", S.cell_number)])
        for c, (status, n) in enumerate(zip(statuses, cells, strict=True), start=1):
            if n:
                extra.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(STATUS_COLOURS[status])))
    # Each status heading on one line at its size ("Not started" 67 pt with its padding, "Sin respuesta" 78):
    # the no-answer column, before the total, wider than the others.
    story.append(_grid(rows, (88, *([67] * (len(statuses) - 1)), 80, 45), extra))
    return story


def _status_line(ctx: ReportContext, commitment: Commitment) -> str:
    """"Guatemala · En curso (ronda 2)", with the note, link, document and the history under it."""
    P = progress_labels(ctx.data.language)
    latest = commitment.latest
    head = f"<b>{para(commitment.party_name, 200, inline=True)}</b>{SEP}"
    if latest is None:
        head += P("status.none")
    else:
        head += f"<b>{P(f'status.{latest.status}')}</b> ({P('round', n=latest.round).lower()})"
    lines = [head]
    if latest is not None and latest.note:
        # A note in the other language is marked as any text of the edition not in its language is
        # ("original en inglés"): unmarked, it read as the report slipping into Spanish.
        other = latest.language and latest.language != ctx.data.language
        mark = ctx.text_mark(ctx.labels("fields.original_language", language=ctx.labels.language_name(
            latest.language))) if other else ""
        lines.append(f"{P('note')}: {ctx.field(latest.note)}{mark}")
    if latest is not None and latest.link:
        lines.append(f"{P('link')}: {para(latest.link, 300, inline=True)}")
    if latest is not None and latest.document:
        lines.append(f"{P('document_attached')}: {para(latest.document, 200, inline=True)}")
    meta = []
    if len(commitment.checkins) > 1:
        meta.append(f"{P('history')}: " + "; ".join(
            f"{P('round', n=k.round)}: {P(f'status.{k.status}')}" for k in commitment.checkins))
    if commitment.stopped:
        meta.append(P("stopped"))
    elif not commitment.reporting:
        meta.append(P("not_reporting"))
    if meta:
        lines.append(ctx.meta(meta))
    return "<br/>".join(lines)


def by_recommendation(ctx: ReportContext) -> list[Flowable]:
    P, S = progress_labels(ctx.data.language), ctx.styles
    story: list[Flowable] = [ctx.heading(P("by_recommendation"), 0)]
    if not ctx.data.commitments:
        story.append(ctx.p(P("no_commitments"), S.small))
    by_level: dict[str | None, list[Item]] = {}
    for item in recommendations(ctx):
        by_level.setdefault(item.level_id, []).append(item)
    for level_id, found in by_level.items():
        story.append(ctx.heading(ctx.level_name.get(level_id, level_id or ""), 1))
        uncommitted = []
        for item in found:
            mine = [c for c in ctx.data.commitments if c.recommendation_id == item.id]
            if not mine:
                uncommitted.append(item)
                continue
            story.append(ctx.p(_recommendation(ctx, item), S.item))
            for commitment in sorted(mine, key=lambda c: c.party_name.casefold()):
                story.append(ctx.p(_status_line(ctx, commitment), S.comment))
            story.append(Spacer(1, 6))  # its status lines read with it, not with the next recommendation
        if uncommitted:
            # Said once for the level, then the list: "No country … has committed to this recommendation."
            # under each of twenty read as a form letter (session 10's reading).
            key = "none_for_items" if len(uncommitted) < len(found) else "none_for_level"
            story.append(ctx.p(P.plural(key, len(uncommitted)), S.intro))
            story += [ctx.p(_recommendation(ctx, item), S.item) for item in uncommitted]
    return story


def _recommendation(ctx: ReportContext, item: Item) -> str:
    """Its reference and its text as the roadmap prints it, marked where it is not in the edition's language
    ("original en inglés", or a machine translation nobody confirmed): unmarked, an English text read as the
    Spanish report slipping into English."""
    return f"<b>{ctx.ref(item)}</b>  {ctx.field(item.text)}{ctx.text_mark(ctx.original_language(item))}"


def by_party(ctx: ReportContext) -> list[Flowable]:
    """Per country, then per organisation: what it committed to and its latest status on each."""
    P, S = progress_labels(ctx.data.language), ctx.styles
    story: list[Flowable] = [ctx.heading(P("by_party"), 0)]
    items = ctx.items_by_id
    for kind, title in (("country", P("countries")), ("organisation", P("organisations"))):
        parties: dict[str, list[Commitment]] = {}
        for c in ctx.data.commitments:
            if c.party_kind == kind:
                parties.setdefault(c.party_name, []).append(c)
        if not parties:
            continue
        story.append(ctx.heading(title, 1))
        for name in sorted(parties, key=str.casefold):
            mine = sorted(parties[name], key=lambda c: c.recommendation_id)
            done = sum(1 for c in mine if latest_status(c) == "done")
            # "Guatemala: 2 commitments, 1 done.", a sentence: "Guatemala · 2 commitments · Done: 1" read as a
            # log line (session 10's reading)
            head = (f"<b>{para(name, 200, inline=True)}</b>: {P.plural('commitments', len(mine))}, "
                    f"{P.plural('done_count', done)}.")
            lines = [head]
            for c in mine:
                item = items.get(c.recommendation_id)
                ref = ctx.ref(item) if item else str(c.recommendation_id)
                lines.append(f"{ref}: {P(f'status.{latest_status(c)}')}")
            story.append(ctx.p("<br/>".join(lines), S.item))
    if not ctx.data.commitments:
        story.append(ctx.p(P("no_commitments"), S.small))
    return story
