"""Annexes: who took part (countries and organisations, never people) and the register of every contribution."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, PageBreak

from reports import items as render
from reports.context import ReportContext
from reports.model import KINDS
from reports.text import cleaner, para


def participants(ctx: ReportContext) -> list[Flowable]:
    """The countries and organisations whose people registered (not every one the workshop invited)."""
    L, workshop = ctx.labels, ctx.data.workshop
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.annexes"), 0),
                             ctx.heading(L("sections.annex_participants"), 1)]
    countries = {p.country_id for p in ctx.data.participants if p.country_id}
    organisations = {p.organisation_id for p in ctx.data.participants if p.organisation_id}
    shown = 0
    for label, known, present in ((L("summary.countries"), workshop.countries, countries),
                                  (L("summary.organisations"), workshop.organisations, organisations)):
        names = sorted((entry.name for entry in known if entry.id in present), key=str.casefold)
        if names:
            story.append(ctx.p(f"<b>{label}</b> ({len(names)}): {para(', '.join(names))}"))
            shown += 1
    if not shown:
        story.append(ctx.p(L("fields.no_participants"), ctx.styles.small))
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
