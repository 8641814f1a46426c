"""One paragraph per item, shared by the roadmap and the minutes.

An item is a single Paragraph (text, then a small grey line of facts) rather than a table row or several
flowables: tables grow superlinearly with rows and every flowable costs a wrap and a draw, and a roadmap may
carry thousands of items. Field labels are plain text, not italic: each change of face splits the lines into
more fragments, and italic labels alone cost a quarter of the layout time (measured on 2,000 items). Every
participant-typed string goes through `para()`.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph

from reports.context import SEP, ReportContext
from reports.lines import PlainLines, Run
from reports.model import READING_OUTCOMES, Item
from reports.text import excerpt, one_line, para, runs


def challenge(ctx: ReportContext, item: Item) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}</b>  {ctx.field(item.description)}"]
    groups = [ctx.group_name.get(g, g) for g in item.group_ids]
    if item.groups_other:
        groups.append(item.groups_other)
    if groups:
        lines.append(f"{L('fields.groups')}: {para(', '.join(groups))}")
    lines.append(ctx.meta(ctx.common_meta(item)))
    return Paragraph("<br/>".join(lines), ctx.styles.item)


def good_practice(ctx: ReportContext, item: Item) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}  {ctx.field(item.name)}</b>"]
    facts = []
    if item.where:
        facts.append(f"{L('fields.where')}: {ctx.field(item.where)}")
    if item.run_by:
        facts.append(f"{L('fields.run_by')}: {ctx.field(item.run_by)}")
    if facts:
        lines.append(SEP.join(facts))
    if item.achieved:
        lines.append(f"{L('fields.achieved')}: {ctx.field(item.achieved)}")
    extra = []
    if item.link:
        extra.append(f"{L('fields.link')}: {para(item.link, 2000)}")
    if item.has_document:
        extra.append(L("fields.document"))
    if extra:
        lines.append(SEP.join(extra))
    lines.append(ctx.meta(ctx.common_meta(item)))
    return Paragraph("<br/>".join(lines), ctx.styles.item)


def links(ctx: ReportContext, item: Item) -> str:
    """"Answers: C-3 · Builds on: G-7": what a recommendation answers and builds on, merged ones shown as their
    survivor (each reference once)."""
    L = ctx.labels
    parts = []
    for label, ids in ((L("fields.answers"), item.challenge_ids), (L("fields.links"), item.good_practice_ids)):
        refs: list[str] = []
        for linked_id in ids:
            survivor = ctx.survivor(linked_id)
            if survivor is not None and ctx.ref(survivor) not in refs:
                refs.append(ctx.ref(survivor))
        if refs:
            parts.append(f"{label}: {', '.join(refs)}")
    return SEP.join(parts)


def outcome(ctx: ReportContext, item: Item, limit: int | None = None) -> str:
    """The joint reading's decision and its reason; `limit` bounds the reason where it goes in a table cell
    (cells cannot split across pages)."""
    L = ctx.labels
    text = ctx.status(item)
    if item.reading_reason:
        reason = excerpt(item.reading_reason, limit) if limit else ctx.field(item.reading_reason)
        text += f" ({L('fields.reason')}: {reason})"
    return text


def priority(ctx: ReportContext, item: Item) -> str:
    L = ctx.labels
    fb = item.feedback
    return (L("fields.votes", votes=item.votes) + " (" +
            L("fields.feedback", support=fb.support, object=fb.object, comments=len(fb.comments)) + ")")


def recommendation(ctx: ReportContext, item: Item) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}</b>  {ctx.field(item.action)}"]
    facts = []
    if item.scope:
        facts.append(f"{L('fields.scope')}: {L.get('scope.' + item.scope, para(item.scope))}")
    if item.timeframe:
        facts.append(f"{L('fields.timeframe')}: {L.get('timeframe.' + item.timeframe, para(item.timeframe))}")
    facts.append(f"{L('fields.priority')}: {priority(ctx, item)}")
    lines.append(SEP.join(facts))
    if item.actor_ids:
        lines.append(f"{L('fields.actors')}: {para(ctx.names(item.actor_ids, ctx.stakeholder_name))}")
    label = L("fields.outcome") if item.status in READING_OUTCOMES or ctx.undecided(item) else L("fields.status")
    lines.append(f"{label}: {outcome(ctx, item)}")
    if item.status == "adopted_amended" and item.original_text and item.original_text != item.action:
        lines.append(f"{L('fields.original_text')}: {ctx.field(item.original_text)}")
    linked = links(ctx, item)
    if linked:
        lines.append(linked)
    if item.crosscutting_ids:
        names = ctx.names(item.crosscutting_ids, ctx.crosscutting_name)
        lines.append(f"{L('fields.crosscutting')}: {para(names)}")
    lines.append(ctx.meta(ctx.common_meta(item)))
    return Paragraph("<br/>".join(lines), ctx.styles.item)


RENDER = {"challenge": challenge, "good_practice": good_practice, "recommendation": recommendation}


def render(ctx: ReportContext, item: Item) -> Paragraph:
    return RENDER[item.kind](ctx, item)


def register_entry(ctx: ReportContext, item: Item) -> list[Run]:
    """A compact entry of the annex: every fact but the text, which the body shows (merged items and those a
    table's recommendation consolidated, not in the body, get an excerpt and the item they live on in).
    Plain runs for `PlainLines`: no markup, no escaping."""
    L, font = ctx.labels, ctx.font
    parts = [L(f"kind.{item.kind}")]  # kinds are closed: see model.KINDS
    if item.level_id:
        parts.append(one_line(ctx.level_name.get(item.level_id, item.level_id), 200))
    if item.dimension_ids:
        parts.append(one_line(ctx.dimensions(item)))
    if item.table_id:
        parts.append(one_line(ctx.table_name.get(item.table_id, item.table_id), 200))
    if not item.published and item.status != "rejected":
        survivor = ctx.survivor(item.id)
        key = "fields.merged_into" if item.status == "merged" else "fields.consolidated_into"
        parts.append(L(key, ref=ctx.ref(survivor)) if survivor else ctx.status_plain(item))
    else:
        parts.append(ctx.status_plain(item))
    parts.append(one_line(item.credit or ctx.anonymous, fallback=True))
    parts.append(one_line(item.language, 20))
    parts.append(item.created_at.strftime("%Y-%m-%d"))
    line = SEP + SEP.join(parts)
    if not item.published:
        line += " — " + one_line(item.text, fallback=True)
    # Names and texts in other scripts are drawn in a fallback font that has them.
    return [(ctx.ref(item), font.bold), *runs(line, font.regular)]


def registers(ctx: ReportContext, entries: list[list[Run]], bullet: bool = False) -> PlainLines:
    font = ctx.font
    if bullet:
        return PlainLines(entries, 8.5, 11, indent=14, bullet="•", face=font.regular)
    return PlainLines(entries, 7.5, 9.5)
