"""The history of the joint reading, a short section after its outcome (issue 13): when it opened and ended,
who reopened it and why, what the reading decided after each reopening, and when the workshop closed (which ends
the reading, where nothing ended it before).

A reopened reading changes what the roadmap says after it was frozen; a reader of the final roadmap must be
able to see that it happened, by whom and why, rather than find it only in the bot's audit trail. Names and
reasons come from the mapper as the people chose to be credited and as typed; both are escaped here.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from reports.context import ReportContext
from reports.model import READING_OUTCOMES, ReadingEvent
from reports.text import para


def history(ctx: ReportContext) -> list[Flowable]:
    """Nothing before the reading opened; else one line per step, oldest first."""
    events = ctx.data.reading_history
    if not events:
        return []
    L = ctx.labels
    reopened = any(event.kind == "reopened" for event in events)
    # The zone said once, in the note: in every line as well, it read as the same words said again (session 8);
    # what a reopening adds said only where there was one ("if it was reopened, who…" read as a form, session 12)
    note = L("history.note" if reopened else "history.note_never_reopened",
             zone=para(L.zone_name(ctx.zone), inline=True))
    story: list[Flowable] = [ctx.heading(L("history.title"), 1), ctx.p(note, ctx.styles.small)]
    story += [Paragraph(_line(ctx, event, ended=_ended(events[:n])), ctx.styles.bullet, bulletText="•")
              for n, event in enumerate(events)]
    if not reopened:
        # kept with the step before it: alone at the top of a page it closed nothing (fourth reading, point 4)
        story[-1:] = [KeepTogether([story[-1], ctx.p(L("history.never_reopened"), ctx.styles.small)])]
    return story


def _line(ctx: ReportContext, event: ReadingEvent, ended: bool = False) -> str:
    """One step; the workshop's close says it ended the reading where nothing ended it before (``ended``): each
    line says what it is, as the section's note promises when the reading ended."""
    L = ctx.labels
    # prose: the long date (tables abbreviate); the zone is in the section's note
    when = para(ctx.when(event.at, "long", zoned=False), inline=True)
    if event.kind == "reopened":
        line = L("history.reopened_by", when=when, by=para(event.by, 300, inline=True)) if event.by \
            else L("history.reopened", when=when)
        if event.reason:
            line += " " + L("history.reason", reason=para(event.reason, 500, inline=True))
        return line
    if event.kind == "decided":
        return L("history.decided", when=when, ref=_ref(ctx, event.item_id), before=_status(ctx, event.before),
                 after=_status(ctx, event.after)) + (
            " " + L("history.reason", reason=para(event.reason, 2000, inline=True)) if event.reason else "")
    if event.kind == "closed" and not ended:
        return L("history.closed_ending", when=when)
    return L(f"history.{event.kind}", when=when)


def _ended(before: tuple[ReadingEvent, ...]) -> bool:
    """Had the reading ended (and not been reopened since) by the end of these steps?"""
    steps = [e.kind for e in before if e.kind in ("opened", "ended", "reopened")]
    return bool(steps) and steps[-1] == "ended"


def _ref(ctx: ReportContext, item_id: int | None) -> str:
    item = next((i for i in ctx.data.items if i.id == item_id), None)
    return ctx.ref(item) if item is not None else f"{ctx.labels('ref.recommendation')}-{item_id}"


def _status(ctx: ReportContext, status: str) -> str:
    """A recommendation's status in words ("adopted as amended"); one the reading had not decided yet reads as
    pending."""
    if status not in READING_OUTCOMES:
        return ctx.labels("history.pending")
    return ctx.labels(f"status.recommendation.{status}")
