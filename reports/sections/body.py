"""The roadmap's body: the mapping by level and dimension, the actions under way, the recommendations by level.

Items are bucketed in one pass over the data and rendered once each in the mapping; the "under way" lists repeat
good practices as one-line references only, so that the document grows with the items, not with their square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from reportlab.platypus import Flowable, PageBreak

from reports import items as render
from reports.context import SEP, ReportContext
from reports.model import Item
from reports.sections.briefing import dimension_intro, level_intro
from reports.text import one_line, runs

OTHER = ""  # bucket key for a level or dimension the item does not state (or the workshop does not know)


def _level_key(ctx: ReportContext, item: Item) -> str:
    return item.level_id if item.level_id in ctx.level_name else OTHER


def _dimension_key(ctx: ReportContext, item: Item) -> str:
    """An item with several dimensions is listed under its first; its line names them all."""
    for dim in item.dimension_ids:
        if dim in ctx.dimension_name:
            return dim
    return OTHER


def _levels(ctx: ReportContext, present: Iterable[str]) -> list[tuple[str, str]]:
    """The workshop's levels in order, plus "not stated" when some item needs it."""
    levels = [(level.id, level.name) for level in ctx.data.workshop.levels]
    if OTHER in set(present):
        levels.append((OTHER, ctx.labels("fields.other_level")))
    return levels


def mapping(ctx: ReportContext) -> list[Flowable]:
    L = ctx.labels
    buckets: dict[tuple[str, str], dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in ctx.data.items:
        if item.published and item.kind != "recommendation":
            buckets[_level_key(ctx, item), _dimension_key(ctx, item)][item.kind].append(item)
    dimensions = [(dim.id, dim.name) for dim in ctx.data.workshop.dimensions]
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.mapping"), 0)]
    for level_id, level_name in _levels(ctx, (level for level, _ in buckets)):
        story.append(ctx.heading(level_name, 1))
        story += level_intro(ctx, level_id)
        dims = dimensions + ([(OTHER, L("fields.other_dimension"))] if (level_id, OTHER) in buckets else [])
        for dim_id, dim_name in dims:
            story.append(ctx.heading(dim_name, 2))
            story += dimension_intro(ctx, level_id, dim_id)
            found = buckets.get((level_id, dim_id), {})
            if not found:
                story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
            for kind in ("challenge", "good_practice"):
                if found.get(kind):
                    story.append(ctx.p(f"<b>{L('kinds.' + kind)}</b>"))
                    story += [render.render(ctx, item) for item in found[kind]]
    return story


def under_way(ctx: ReportContext) -> list[Flowable]:
    """Good practices grouped by the country, then by the organisation, that runs them."""
    L = ctx.labels
    practices = [i for i in ctx.data.items if i.kind == "good_practice" and i.published]
    by_country: dict[str, list[Item]] = defaultdict(list)
    by_org: dict[str, list[Item]] = defaultdict(list)
    unknown: list[Item] = []
    for item in practices:
        if item.country_name:
            by_country[item.country_name].append(item)
        if item.organisation_name:
            by_org[item.organisation_name].append(item)
        if not (item.country_name or item.organisation_name):
            unknown.append(item)
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.under_way"), 0)]
    for title, groups in ((L("sections.by_country"), by_country), (L("sections.by_organisation"), by_org)):
        story.append(ctx.heading(title, 1))
        if not groups:
            story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
        for name in sorted(groups, key=str.casefold):
            story.append(ctx.heading(name, 2))
            story.append(_practices(ctx, groups[name]))
    if unknown:
        story.append(ctx.heading(L("fields.other_origin"), 2))
        story.append(_practices(ctx, unknown))
    return story


def _practices(ctx: ReportContext, found: list[Item]) -> Flowable:
    """One bulleted line per good practice: reference, name, where, who runs it, level (plain runs)."""
    entries = []
    for item in found:
        parts = [one_line(item.name, 300, fallback=True)]
        if item.where:
            parts.append(one_line(item.where, 200, fallback=True))
        if item.run_by:
            parts.append(one_line(item.run_by, 200, fallback=True))
        if item.level_id:
            parts.append(one_line(ctx.level_name.get(item.level_id, item.level_id), 200))
        entries.append([(ctx.ref(item), ctx.font.bold), *runs(" " + SEP.join(parts), ctx.font.regular)])
    return render.registers(ctx, entries, bullet=True)


def recommendations(ctx: ReportContext) -> list[Flowable]:
    """By level, highest priority (votes) first."""
    L = ctx.labels
    by_level: dict[str, list[Item]] = defaultdict(list)
    for item in ctx.data.items:
        if item.kind == "recommendation" and item.published:
            by_level[_level_key(ctx, item)].append(item)
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.recommendations"), 0)]
    for level_id, level_name in _levels(ctx, by_level):
        story.append(ctx.heading(level_name, 1))
        found = sorted(by_level.get(level_id, ()), key=lambda i: (-i.votes, i.id))
        if not found:
            story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
        story += [render.recommendation(ctx, item) for item in found]
    return story
