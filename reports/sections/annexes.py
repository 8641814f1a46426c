"""Annexes: who took part (countries and organisations, never people) and the register of every contribution."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, PageBreak

from reports import items as render
from reports.context import ReportContext
from reports.model import KINDS
from reports.text import cleaner, para


def participants(ctx: ReportContext) -> list[Flowable]:
    L, workshop = ctx.labels, ctx.data.workshop
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.annexes"), 0),
                             ctx.heading(L("sections.annex_participants"), 1)]
    if workshop.countries:
        names = sorted((c.name for c in workshop.countries), key=str.casefold)
        story.append(ctx.p(f"<b>{L('summary.countries')}</b> ({len(names)}): {para(', '.join(names))}"))
    if workshop.organisations:
        names = sorted((o.name for o in workshop.organisations), key=str.casefold)
        story.append(ctx.p(f"<b>{L('summary.organisations')}</b> ({len(names)}): {para(', '.join(names))}"))
    return story


def register(ctx: ReportContext) -> list[Flowable]:
    """Every contribution but the rejected ones, by kind then id; merged ones point to their survivor."""
    L = ctx.labels
    story: list[Flowable] = [ctx.heading(L("sections.annex_items"), 1)]
    placeholder = L("document.placeholder_note", placeholder=cleaner().placeholder)
    story.append(ctx.p(placeholder, ctx.styles.small))
    rejected = Counter(item.status for item in ctx.data.items)["rejected"]
    if rejected:
        story.append(ctx.p(L("fields.unpublished_note", count=rejected), ctx.styles.small))
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    for item in ctx.data.items:
        if item.status != "rejected" and item.kind in by_kind:
            by_kind[item.kind].append(item)
    for kind in KINDS:
        story.append(ctx.heading(L(f"kinds.{kind}"), 2))
        found = sorted(by_kind[kind], key=lambda i: i.id)
        if not found:
            story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
        else:
            story.append(render.registers(ctx, [render.register_entry(ctx, item) for item in found]))
    return story
