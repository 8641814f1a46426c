"""The roadmap (hoja de ruta) PDF: `build_roadmap(data) -> bytes`.

Order follows WORKSHOP.md §5 and the 2022 systematisation report it must beat: cover, contents, introduction,
summary, context and method, conceptual frame, mapping by level and dimension (each level headed by what it
means, then its tables' syntheses), vulnerable groups, actions under way, the roadmap proper (a table per level
of its actions, then the commitments made at the reading), the recommendations' detailed entries by level,
conclusions, next steps, sources, acronyms, annexes (issue 12's order: the reader's apparatus before the long
register). Blocking and CPU-bound: callers run it in a worker thread
(`asyncio.to_thread`).

The recommendations quote the challenges and good practices they answer with the page of their entry. Those
entries are in the mapping, earlier in the document, so one build prints their pages as it goes (see
`reports.document`); only if a quote came before its entry would the pages differ from where the entries
landed, and then the document is built again with the pages the last build found (at most `MAX_BUILDS`).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from reports.context import ReportContext
from reports.document import Destinations, PageDecor, render
from reports.model import RoadmapData
from reports.sections import actions, annexes, body, briefing, editorial, front, reading_history
from reports.text import logical, plain

MAX_BUILDS = 3


def build_roadmap(data: RoadmapData) -> bytes:
    known: dict[int, int] = {}
    for _ in range(MAX_BUILDS):
        ctx = ReportContext(data)
        ctx.known_pages = known
        pdf = _build(ctx)
        if ctx.pages_settled():
            break
        known = dict(ctx.item_page)
    return pdf


def sections(ctx: ReportContext) -> list[Flowable]:
    """The story in reading order."""
    L = ctx.labels
    story: list[Flowable] = []
    story += front.cover(ctx, L("document.roadmap"))
    story += front.contents(ctx)
    story += editorial.introduction(ctx)
    story += front.summary(ctx)
    story += briefing.context_and_method(ctx)
    story += briefing.framework(ctx)
    story += body.mapping(ctx)
    story += body.vulnerable_groups(ctx)
    story += body.under_way(ctx)
    story += actions.actions(ctx)
    story += annexes.commitments(ctx)  # who committed to which adopted action, with the actions they answer
    story += body.recommendations(ctx)
    story += body.conclusions(ctx)
    story += reading_history.history(ctx)  # after the reading's outcome, which the conclusions give
    story += briefing.next_steps(ctx)
    story += briefing.sources(ctx)
    story += annexes.acronyms(ctx)
    story += annexes.participants(ctx)
    story += annexes.register(ctx)
    return story


def _build(ctx: ReportContext) -> bytes:
    ctx.links = True
    ctx.page_refs = True
    L = ctx.labels
    story = sections(ctx)
    missing = ctx.unanchored()
    if missing:
        story.append(Destinations(missing))
    return render(story, page_decor(ctx, L("document.roadmap")), [key for _, _, key in ctx.toc], ctx.item_page,
                  **metadata(ctx, L("document.roadmap"), L("document.subject")))


def page_decor(ctx: ReportContext, kind_label: str, *, adopted_document: bool = True,
               aside: str | None = None) -> PageDecor:
    """The running header names the document (and, once adopted, when: only the roadmap was adopted at the
    joint reading, not a table's minutes, ``adopted_document``; a document of its own date, as a progress report,
    gives it as ``aside``); a draft says so under it on every page, with when it was generated; the footer says
    where and when the workshop was."""
    L, data = ctx.labels, ctx.data
    workshop = data.workshop
    adopted = (L("document.adopted", date=ctx.day(data.adopted_at))
               if adopted_document and data.final and data.adopted_at else "")
    if aside is not None:
        adopted = aside
    return PageDecor(
        footer=plain(f"{workshop.place} · {L.date_span(workshop.starts_on, workshop.ends_on)}", 160, inline=True),
        page_label=L("document.page"),
        notice="" if data.final else L("document.draft_notice", generated=ctx.when(data.generated_at, "medium")),
        watermark=None if data.final else L("document.draft"),
        title=f"{kind_label} · {plain(workshop.title, 160, inline=True)}",
        aside=adopted,
    )


def metadata(ctx: ReportContext, kind_label: str, subject: str) -> dict[str, str]:
    """Document info: what a PDF reader shows and a search engine indexes."""
    L, data = ctx.labels, ctx.data
    title = f"{kind_label}: {logical(data.workshop.title, 300)}"
    if not data.final:
        title += f" ({L('document.draft')})"
    return {
        "title": title,
        "author": logical(", ".join(data.workshop.organisers), 500),
        "subject": subject,
        "keywords": L("document.keywords"),
        "lang": data.language,
    }
