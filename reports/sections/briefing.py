"""Sections written from the theme's briefing (`content/<lang>/briefings/<theme>.toml`): context, objectives,
method, key concepts, frameworks, next steps and sources.

The briefing is edited by people, not by the code: any part may be missing while it is being written, so every
section is skipped (not failed) when its part is absent. Its text is escaped like everything else.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel.lists import format_list
from reportlab.platypus import Flowable, Paragraph

from reports.context import ReportContext
from reports.document import LateParagraph
from reports.items import quoted
from reports.model import Item
from reports.sections import editorial
from reports.text import para


def _entries(node) -> list[Mapping]:
    return [value for value in (node or {}).values() if isinstance(value, Mapping)]


def _bullet(ctx: ReportContext, markup: str) -> Flowable:
    return Paragraph(markup, ctx.styles.bullet, bulletText="•")


def _bullets(ctx: ReportContext, texts, sources=None) -> list[Flowable]:
    """A bulleted list; `sources`, if given, is a parallel list of source references."""
    if not isinstance(texts, list | tuple):
        return []
    sources = sources if isinstance(sources, list | tuple) else ()
    return [_bullet(ctx, para(str(text)) + ctx.source_ref(sources[n] if n < len(sources) else None))
            for n, text in enumerate(texts)]


def _told(ctx: ReportContext, roadmap: Mapping, key: str):
    """The briefing's `key` as the published roadmap tells it: once the joint reading has ended, its past-tense
    `report_<key>` (the briefing itself speaks to participants before the workshop: "pueden enviar", "se
    forman"), else the briefing's own words; both cite `<key>_source`."""
    if ctx.data.final and roadmap.get(f"report_{key}"):
        return roadmap[f"report_{key}"]
    return roadmap.get(key)


def context_and_method(ctx: ReportContext) -> list[Flowable]:
    L, roadmap = ctx.labels, ctx.briefing("roadmap") or {}
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.context"), 0)]
    context, method = _told(ctx, roadmap, "context"), _told(ctx, roadmap, "method")
    if context:
        story.append(ctx.heading(L("sections.context_heading"), 1))
        story.append(ctx.p(para(str(context)) + ctx.source_ref(roadmap.get("context_source"))))
    general, specific = roadmap.get("general_objective"), roadmap.get("objectives")
    if general or specific:
        # The general objective under its label, then the specific ones as a list under theirs: the general one
        # as the list's first bullet read as one of the specific ones (the Spanish edition's reader, session 12).
        story.append(ctx.heading(L("sections.objectives"), 1))
        if general:
            story.append(ctx.p(f"<b>{L('fields.general_objective')}:</b> {para(str(general))}"))
        if general and specific:
            story.append(ctx.p(f"<b>{L('fields.specific_objectives')}:</b>", ctx.styles.intro))
        story += _bullets(ctx, specific or [])
        if roadmap.get("objectives_source"):
            story.append(ctx.p(ctx.source_ref(roadmap["objectives_source"])))
    story.append(ctx.heading(L("sections.method"), 1))
    if method:
        story.append(ctx.p(para(str(method)) + ctx.source_ref(roadmap.get("method_source"))))
    story += tables(ctx)
    return story


def tables(ctx: ReportContext) -> list[Flowable]:
    """The working tables, their level, moderators and rapporteur (as they agreed to be named)."""
    L, workshop = ctx.labels, ctx.data.workshop
    if not workshop.tables:
        return []
    story: list[Flowable] = [ctx.p(L("sections.tables"), ctx.styles.h4)]
    for table in workshop.tables:
        parts = [f"<b>{para(table.name)}</b>"]
        if table.level_id:
            parts.append(para(ctx.level_name.get(table.level_id, table.level_id)))
        if table.moderators:
            names = ", ".join(ctx.org_term(m) for m in table.moderators)
            parts.append(f"{L.plural('fields.moderators', len(table.moderators))}: {para(names, inline=True)}")
        if table.rapporteur:
            parts.append(f"{L('fields.rapporteur')}: {para(table.rapporteur, inline=True)}")
        story.append(_bullet(ctx, " · ".join(parts)))
    return story


def framework(ctx: ReportContext) -> list[Flowable]:
    """Key concepts, the dimensions and the global and regional frameworks the concept note cites."""
    L = ctx.labels
    concepts = _entries(ctx.briefing("concepts"))
    dimensions = _entries(ctx.briefing("dimensions"))
    frameworks = _entries(ctx.briefing("frameworks"))
    if not (concepts or dimensions or frameworks):
        return []
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.framework"), 0)]
    if concepts or dimensions:
        story.append(ctx.heading(L("sections.concepts"), 1))
        for entry in concepts:
            story.append(_definition(ctx, entry.get("term"), entry.get("definition"), entry.get("source")))
        for entry in dimensions:
            story.append(_definition(ctx, entry.get("title"), entry.get("summary"), entry.get("source")))
    if frameworks:
        story.append(ctx.heading(L("sections.frameworks"), 1))
        # The heading promises both: global commitments first, then the region's own (`scope = "regional"`),
        # each under a sub-heading once the briefing has both.
        regional = [entry for entry in frameworks if entry.get("scope") == "regional"]
        world = [entry for entry in frameworks if entry.get("scope") != "regional"]
        for key, group in (("frameworks_global", world), ("frameworks_regional", regional)):
            if group and regional and world:
                story.append(ctx.heading(L(f"sections.{key}"), 2))
            for entry in group:
                presented = _presented(ctx, entry)
                if presented:
                    story.append(_presented_definition(ctx, entry, presented))
                else:
                    story.append(_definition(ctx, entry.get("name"), entry.get("summary"), entry.get("source")))
    return story


def _name_key(name) -> str:
    return " ".join(str(name or "").split()).casefold()


def _presented(ctx: ReportContext, entry: Mapping) -> list[Item]:
    """The published good practices that set out what a framework is (named as one of its `practices`, else as
    the framework itself): the workshop heard them described, so the framework points to them rather than
    describing the same fund or document a second time."""
    names = entry.get("practices") or [entry.get("name")]
    wanted = {_name_key(name) for name in names if name}
    return [item for item in ctx.data.items if item.kind == "good_practice" and ctx.in_roadmap(item)
            and _name_key(item.name) in wanted]


def _presented_definition(ctx: ReportContext, entry: Mapping, practices: list[Item]) -> Flowable:
    """The framework's name, its `summary_if_presented` (what the good practices leave out) and a reference to
    each of them with its page, made at layout when the pages are known (`document.LateMarkup`)."""
    def markup() -> str:
        refs = format_list([quoted(ctx, item) for item in practices], locale=ctx.labels.locale)
        see = ctx.labels.plural("sections.frameworks_presented", len(practices), refs=refs)
        short = para(str(entry.get("summary_if_presented") or ""))
        return (f"<b>{para(str(entry.get('name') or ''))}.</b> {short + ' ' if short else ''}{see}"
                f"{ctx.source_ref(entry.get('source'))}")

    return LateParagraph(None, ctx.styles.body, make=markup)


def _definition(ctx: ReportContext, term, text, source) -> Flowable:
    return ctx.p(f"<b>{para(str(term or ''))}.</b> {para(str(text or ''))}{ctx.source_ref(source)}")


def level_intro(ctx: ReportContext, level_id: str) -> list[Flowable]:
    """The briefing's summary of a level, opening its part of the mapping."""
    summary = ctx.briefing("levels", level_id, "summary")
    if not summary:
        return []
    source = ctx.briefing("levels", level_id, "source")
    return [ctx.p(para(str(summary)) + ctx.source_ref(source), ctx.styles.intro)]


def dimension_intro(ctx: ReportContext, level_id: str, dimension_id: str) -> list[Flowable]:
    """What the briefing says a dimension means at a level (optional `levels.<id>.dimensions.<id>`)."""
    text = ctx.briefing("levels", level_id, "dimensions", dimension_id)
    return [ctx.p(para(str(text)), ctx.styles.intro)] if text else []


def next_steps(ctx: ReportContext) -> list[Flowable]:
    """The next steps the workshop agreed (who, by when); where it agreed none, the briefing's generic ones."""
    agreed = editorial.next_steps(ctx)
    steps = ctx.briefing("roadmap", "next_steps")
    if not agreed and not steps:
        return []  # no heading made either: a heading made is listed in the contents
    heading = [ctx.part(), ctx.heading(ctx.labels("sections.next_steps"), 0)]
    if agreed:
        return heading + agreed
    return [*heading, *_bullets(ctx, steps, ctx.briefing("roadmap", "next_steps_sources"))]


def sources(ctx: ReportContext) -> list[Flowable]:
    """Numbered as cited in the text ("[2]")."""
    cited = ctx.briefing("sources")
    if not isinstance(cited, Mapping) or not cited:
        return []
    story: list[Flowable] = [ctx.part(), ctx.heading(ctx.labels("sections.sources"), 0)]
    note = ctx.briefing("roadmap", "sources_note")
    if note:
        # The sections it names are called by the edition's own headings, so a renamed heading is renamed here
        # too (one spelling per concept); the briefing says only which ones.
        names = {key: ctx.labels(f"sections.{key}") for key in ("context", "framework", "frameworks")}
        story.append(ctx.p(para(str(note).format_map(names)), ctx.styles.intro))
    for key, citation in cited.items():
        story.append(ctx.p(f"[{ctx.source_number[key]}] {para(str(citation))}", ctx.styles.small))
    return story
