"""One paragraph per item, shared by the roadmap and the minutes.

An item is a single Paragraph (text, then a small grey line of facts) rather than a table row or several
flowables: tables grow superlinearly with rows and every flowable costs a wrap and a draw, and a roadmap may
carry thousands of items. Every participant-typed string goes through `para()`.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph

from reports.context import SEP, ReportContext
from reports.model import Item
from reports.text import excerpt, para

READING_OUTCOMES = frozenset({"adopted", "adopted_amended", "set_aside"})


def challenge(ctx: ReportContext, item: Item, with_level: bool = False) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}</b>  {para(item.description)}"]
    groups = [ctx.group_name.get(g, g) for g in item.group_ids]
    if item.groups_other:
        groups.append(item.groups_other)
    if groups:
        lines.append(f"<i>{L('fields.groups')}:</i> {para(', '.join(groups))}")
    lines.append(ctx.meta(ctx.common_meta(item, with_level)))
    return Paragraph("<br/>".join(lines), ctx.styles.item)


def good_practice(ctx: ReportContext, item: Item, with_level: bool = False) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}  {para(item.name)}</b>"]
    facts = []
    if item.where:
        facts.append(f"<i>{L('fields.where')}:</i> {para(item.where)}")
    if item.run_by:
        facts.append(f"<i>{L('fields.run_by')}:</i> {para(item.run_by)}")
    if facts:
        lines.append(SEP.join(facts))
    if item.achieved:
        lines.append(f"<i>{L('fields.achieved')}:</i> {para(item.achieved)}")
    extra = []
    if item.link:
        extra.append(f"<i>{L('fields.link')}:</i> {para(item.link, 2000)}")
    if item.has_document:
        extra.append(L("fields.document"))
    if extra:
        lines.append(SEP.join(extra))
    lines.append(ctx.meta(ctx.common_meta(item, with_level)))
    return Paragraph("<br/>".join(lines), ctx.styles.item)


def links(ctx: ReportContext, item: Item) -> str:
    """"R-12 → C-3, G-7": what a recommendation answers and builds on, merged ones shown as their survivor."""
    refs: list[str] = []
    for linked_id in (*item.challenge_ids, *item.good_practice_ids):
        survivor = ctx.survivor(linked_id)
        if survivor is not None and ctx.ref(survivor) not in refs:
            refs.append(ctx.ref(survivor))
    return f"{ctx.ref(item)} → {', '.join(refs)}" if refs else ""


def outcome(ctx: ReportContext, item: Item, limit: int | None = None) -> str:
    """The joint reading's decision and its reason; `limit` bounds the reason where it goes in a table cell
    (cells cannot split across pages)."""
    L = ctx.labels
    text = ctx.status(item)
    if item.reading_reason:
        reason = excerpt(item.reading_reason, limit) if limit else para(item.reading_reason)
        text += f" ({L('fields.reason')}: {reason})"
    return text


def priority(ctx: ReportContext, item: Item) -> str:
    L = ctx.labels
    fb = item.feedback
    return (L("fields.votes", votes=item.votes) + " (" +
            L("fields.feedback", support=fb.support, object=fb.object, comments=len(fb.comments)) + ")")


def recommendation(ctx: ReportContext, item: Item, with_level: bool = False) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}</b>  {para(item.action)}"]
    facts = []
    if item.scope:
        facts.append(f"<i>{L('fields.scope')}:</i> {L.get('scope.' + item.scope, para(item.scope))}")
    if item.timeframe:
        facts.append(f"<i>{L('fields.timeframe')}:</i> {L.get('timeframe.' + item.timeframe, para(item.timeframe))}")
    facts.append(f"<i>{L('fields.priority')}:</i> {priority(ctx, item)}")
    lines.append(SEP.join(facts))
    if item.actor_ids:
        lines.append(f"<i>{L('fields.actors')}:</i> {para(ctx.names(item.actor_ids, ctx.stakeholder_name))}")
    label = L("fields.outcome") if item.status in READING_OUTCOMES else L("fields.status")
    lines.append(f"<i>{label}:</i> {outcome(ctx, item)}")
    linked = links(ctx, item)
    if linked:
        lines.append(f"<i>{L('fields.links')}:</i> {linked}")
    if item.crosscutting_ids:
        names = ctx.names(item.crosscutting_ids, ctx.crosscutting_name)
        lines.append(f"<i>{L('fields.crosscutting')}:</i> {para(names)}")
    lines.append(ctx.meta(ctx.common_meta(item, with_level)))
    return Paragraph("<br/>".join(lines), ctx.styles.item)


RENDER = {"challenge": challenge, "good_practice": good_practice, "recommendation": recommendation}


def render(ctx: ReportContext, item: Item, with_level: bool = False) -> Paragraph:
    return RENDER[item.kind](ctx, item, with_level)


def register_line(ctx: ReportContext, item: Item) -> Paragraph:
    """A compact line of the annex: every fact but the text, which the body shows (merged items, not in the
    body, get an excerpt and the item they live on in)."""
    L = ctx.labels
    parts = [f"<b>{ctx.ref(item)}</b>", L(f"kind.{item.kind}")]  # kinds are closed: see model.KINDS
    if item.level_id:
        parts.append(para(ctx.level_name.get(item.level_id, item.level_id)))
    if item.dimension_ids:
        parts.append(para(ctx.dimensions(item)))
    if item.table_id:
        parts.append(para(ctx.table_name.get(item.table_id, item.table_id)))
    if item.status == "merged":
        survivor = ctx.survivor(item.id)
        parts.append(L("fields.merged_into", ref=ctx.ref(survivor)) if survivor else ctx.status(item))
    else:
        parts.append(ctx.status(item))
    parts.append(para(item.credit or ctx.anonymous))
    parts.append(para(item.language))
    parts.append(item.created_at.strftime("%Y-%m-%d"))
    line = SEP.join(parts)
    if item.status == "merged":
        line += "<br/>" + excerpt(item.text, 300)
    return Paragraph(line, ctx.styles.register)
