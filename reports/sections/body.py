"""The roadmap's body: the mapping by level and dimension, the actions under way, the recommendations by level.

Items are bucketed in one pass over the data and rendered once each in the mapping; the "under way" lists repeat
good practices as one-line references only, so that the document grows with the items, not with their square.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from reportlab.platypus import Flowable, PageBreak

from reports import items as render
from reports.context import SEP, ReportContext
from reports.model import Item
from reports.sections.briefing import dimension_intro, level_intro
from reports.text import arrow, one_line, para, runs

OTHER = ""  # bucket key for a level or dimension the item does not state (or the workshop does not know)


def _level_key(ctx: ReportContext, item: Item) -> str:
    return item.level_id if item.level_id in ctx.level_name else OTHER


def _dimension_keys(ctx: ReportContext, item: Item) -> list[str]:
    """The known dimensions of an item in the workshop's order (OTHER if none): an item with several is
    listed in full under the first, and cross-referenced from the others, so every cell the summary's map
    counts shows something."""
    known = sorted((d for d in set(item.dimension_ids) if d in ctx.dimension_name), key=ctx.dimension_order.get)
    return known or [OTHER]


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
            level_id = _level_key(ctx, item)
            first, *others = _dimension_keys(ctx, item)
            buckets[level_id, first][item.kind].append(item)
            for dim in others:
                buckets[level_id, dim][f"{item.kind}:see"].append(item)
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
                if found.get(kind) or found.get(f"{kind}:see"):
                    story.append(ctx.p(f"<b>{L('kinds.' + kind)}</b>"))
                    story += [render.render(ctx, item) for item in found.get(kind, ())]
                if found.get(f"{kind}:see"):
                    story.append(_see_also(ctx, found[f"{kind}:see"]))
    return story


def _see_also(ctx: ReportContext, found: list[Item]) -> Flowable:
    """"C-6 → see Economic": one line per item listed in full under another of its dimensions."""
    entries = []
    for item in found:
        first = _dimension_keys(ctx, item)[0]
        see = ctx.labels("fields.see", dimension=ctx.dimension_name.get(first, first))
        entries.append([(ctx.ref(item), ctx.font.bold), *runs(f" {arrow()} {one_line(see, 200)}", ctx.font.regular)])
    return render.registers(ctx, entries, bullet=True)


def under_way(ctx: ReportContext) -> list[Flowable]:
    """Good practices grouped by the country, then by the organisation, of the participant who presented them
    (not necessarily who runs them: that is the practice's "run by")."""
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
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.under_way"), 0),
                             ctx.p(L("fields.under_way_note"), ctx.styles.small)]
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
    """By level, highest priority (votes) first. In the final version the adopted ones (as read or amended)
    are the roadmap proper; the set-aside ones follow in a short list with the reason, then any the joint
    reading did not decide, each said as such."""
    L = ctx.labels
    by_level: dict[str, list[Item]] = defaultdict(list)
    set_aside: list[Item] = []
    undecided: list[Item] = []
    for item in ctx.data.items:
        if item.kind != "recommendation" or not item.published:
            continue
        if ctx.data.final and item.status == "set_aside":
            set_aside.append(item)
        elif ctx.undecided(item):
            undecided.append(item)
        else:
            by_level[_level_key(ctx, item)].append(item)
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.recommendations"), 0)]
    if ctx.data.final:
        story.append(ctx.p(L("summary.final_recommendations_note"), ctx.styles.small))
    levels = _levels(ctx, by_level)
    for level_id, level_name in levels:
        story.append(ctx.heading(level_name, 1))
        found = sorted(by_level.get(level_id, ()), key=_priority)
        if not found:
            story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
        story += [render.recommendation(ctx, item) for item in found]
    if set_aside:
        story.append(ctx.heading(L("sections.set_aside"), 1))
        entries = []
        for item in sorted(set_aside, key=lambda i: (_level_order(ctx, levels, i), *_priority(i))):
            line = " " + one_line(item.action, 300, fallback=True)
            if item.reading_reason:
                line += f" — {L('fields.reason')}: " + one_line(item.reading_reason, 300, fallback=True)
            entries.append([(ctx.ref(item), ctx.font.bold), *runs(line, ctx.font.regular)])
        story.append(render.registers(ctx, entries, bullet=True))
    if undecided:
        story.append(ctx.heading(L("sections.undecided"), 1))
        story += [render.recommendation(ctx, item)
                  for item in sorted(undecided, key=lambda i: (_level_order(ctx, levels, i), *_priority(i)))]
    return story


def _priority(item: Item) -> tuple[int, int]:
    return (-item.votes, item.id)


def _level_order(ctx: ReportContext, levels: list[tuple[str, str]], item: Item) -> int:
    key = _level_key(ctx, item)
    return next((n for n, (level_id, _) in enumerate(levels) if level_id == key), len(levels))


def conclusions(ctx: ReportContext) -> list[Flowable]:
    """What the joint reading decided, in numbers, and the adopted recommendations by level, one line each;
    in a draft, a note that conclusions come after the reading."""
    L = ctx.labels
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.conclusions"), 0)]
    if not ctx.data.final:
        story.append(ctx.p(L("fields.conclusions_draft")))
        return story
    recs = [i for i in ctx.data.items if i.kind == "recommendation" and i.published]
    decided = Counter(i.status for i in recs if i.decided)
    story.append(ctx.p(L("fields.conclusions_counts", read=sum(decided.values()), adopted=decided["adopted"],
                         amended=decided["adopted_amended"], set_aside=decided["set_aside"])))
    undecided = sum(1 for i in recs if ctx.undecided(i))
    if undecided:
        story.append(ctx.p(L("fields.conclusions_undecided", count=undecided)))
    adopted: dict[str, list[Item]] = defaultdict(list)
    for item in recs:
        if item.adopted:
            adopted[_level_key(ctx, item)].append(item)
    if adopted:
        story.append(ctx.p(f"<b>{L('fields.conclusions_adopted')}</b>"))
    for level_id, level_name in _levels(ctx, adopted):
        if adopted.get(level_id):
            story.append(ctx.p(f"<b>{para(level_name)}</b>"))
            entries = [[(ctx.ref(item), ctx.font.bold), *runs(" " + one_line(item.action, 200, fallback=True),
                                                               ctx.font.regular)]
                       for item in sorted(adopted[level_id], key=_priority)]
            story.append(render.registers(ctx, entries, bullet=True))
    return story
