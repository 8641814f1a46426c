"""A working table's minutes (acta): who sat at it (countries and organisations, never people), what it
produced, and what the plenary said about it. Short, so no contents page; same page frame as the roadmap."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from reports import items as render
from reports.context import SEP, ReportContext
from reports.document import render as render_pdf
from reports.model import Item, RoadmapData
from reports.roadmap import metadata, page_decor
from reports.text import para


def build_minutes(data: RoadmapData, table_id: str) -> bytes:
    """Raises KeyError for a table the workshop does not have (a caller's bug, not a user's input)."""
    table = {t.id: t for t in data.workshop.tables}[table_id]
    ctx = ReportContext(data)
    L, S = ctx.labels, ctx.styles
    label = f"{L('document.minutes')} · {table.name}"
    story: list[Flowable] = [ctx.p(para(data.workshop.title, 300), S.title),
                             ctx.p(para(label, 300), S.subtitle),
                             ctx.p(para(L.date_span(data.workshop.starts_on, data.workshop.ends_on)
                                        + " · " + data.workshop.place), S.cover)]
    facts = []
    if table.level_id:
        facts.append(f"{L('fields.level')}: {para(ctx.level_name.get(table.level_id, table.level_id))}")
    if table.moderators:
        names = ", ".join(ctx.org_term(m) for m in table.moderators)
        facts.append(f"{L('fields.moderators')}: {para(names, inline=True)}")
    if table.rapporteur:
        facts.append(f"{L('fields.rapporteur')}: {para(table.rapporteur, inline=True)}")
    if facts:
        story.append(ctx.p(SEP.join(facts), S.cover))
    story.append(Spacer(1, 12))
    story += members(ctx, table_id)
    own = [item for item in data.items if item.table_id == table_id]
    story += contributions(ctx, own)
    # What the table brought to the plenary: its consolidated recommendations if the rapporteur drafted any,
    # else its members' recommendations (as `bot.domain.plenary.plenary_agenda` walks them).
    live = [i for i in own if i.kind == "recommendation" and i.published]
    consolidated = sorted((i for i in live if i.consolidated), key=lambda i: (-i.votes, i.id))
    if consolidated:
        story.append(ctx.heading(L("sections.consolidated"), 0))
        for item in consolidated:
            story += render.recommendation(ctx, item, with_comments=False)
        shown = consolidated
    else:
        shown = sorted(live, key=lambda i: (-i.votes, i.id))
        story.append(ctx.heading(L("sections.table_recommendations"), 0))
        story.append(ctx.p(L("fields.not_consolidated_note"), S.small))
        if not shown:
            story.append(ctx.p(L("fields.no_items"), S.small))
        for item in shown:
            story += render.recommendation(ctx, item, with_comments=False)
    story += plenary_feedback(ctx, shown)
    return render_pdf(story, page_decor(ctx, label), [],
                      **metadata(ctx, label, L("document.minutes_subject")))


def members(ctx: ReportContext, table_id: str) -> list[Flowable]:
    L = ctx.labels
    sitting = [p for p in ctx.data.participants if p.table_id == table_id]
    countries = sorted({ctx.country_name.get(p.country_id, p.country_id) for p in sitting if p.country_id},
                       key=str.casefold)
    orgs = sorted({ctx.organisation_name.get(p.organisation_id, p.organisation_id)
                   for p in sitting if p.organisation_id}, key=str.casefold)
    story: list[Flowable] = [ctx.heading(L("sections.members"), 0), ctx.p(L(
        "fields.members_count", participants=len(sitting), countries=len(countries), organisations=len(orgs)))]
    if countries:
        story.append(ctx.p(f"<b>{L('summary.countries')}:</b> {para(', '.join(countries))}"))
    if orgs:
        story.append(ctx.p(f"<b>{L('summary.organisations')}:</b> {para(', '.join(orgs))}"))
    return story


def contributions(ctx: ReportContext, own: list[Item]) -> list[Flowable]:
    """Everything the table's members sent, as register lines (merged ones point to what they became)."""
    L = ctx.labels
    shown = sorted((i for i in own if i.status != "rejected"), key=lambda i: (i.kind, i.id))
    story: list[Flowable] = [ctx.heading(L("sections.table_items"), 0)]
    if shown:
        story.append(render.registers(ctx, [render.register_entry(ctx, item) for item in shown]))
    else:
        story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
    rejected = len(own) - len(shown)
    if rejected:
        story.append(ctx.p(L("fields.unpublished_note", count=rejected), ctx.styles.small))
    return story


def plenary_feedback(ctx: ReportContext, recommendations: list[Item]) -> list[Flowable]:
    L, S = ctx.labels, ctx.styles
    story: list[Flowable] = [ctx.heading(L("sections.plenary_feedback"), 0)]
    received = [i for i in recommendations
                if i.votes or i.feedback.support or i.feedback.object or i.feedback.comments]
    if not received:
        story.append(ctx.p(L("fields.no_feedback"), S.small))
    for item in received:
        story.append(ctx.p(f"<b>{ctx.ref(item)}</b> · {render.priority(ctx, item)} · {render.plenary(ctx, item)}"))
        story += render.comments(ctx, item)
    return story
