"""A working table's minutes (acta): a record a secretariat can file as it is. Who ran the table and when (its
moderators and rapporteur by name, its sessions at the programme's times in the workshop's time zone), who sat at
it (countries and organisations, never people), the rapporteur's synthesis, every item it produced with its text,
every word the plenary said on its recommendations, and what the joint reading decided. Short, so no contents
page; same page frame as the roadmap."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_time
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from reports import items as render
from reports.context import SEP, ReportContext
from reports.document import render as render_pdf
from reports.model import Item, RoadmapData, Session, Wording
from reports.roadmap import metadata, page_decor
from reports.sections import constituency
from reports.sections.editorial import mark
from reports.styles import RULE
from reports.text import para

# Sessions a table's minutes do not list: Annex I ran for weeks before the workshop, as forms, and the mapping
# was held in plenary before the tables were formed (only the tables' own phase can be run for one table).
NOT_A_SESSION = frozenset({"annex_i", "mapping"})
SYNTHESIS_PARTS = ("challenges", "opportunities", "actions")


def build_minutes(data: RoadmapData, table_id: str) -> bytes:
    """Raises KeyError for a table the workshop does not have (a caller's bug, not a user's input)."""
    ctx = ReportContext(data)
    table = ctx.table[table_id]
    ctx.has_register = False
    L, S = ctx.labels, ctx.styles
    label = f"{L('document.minutes')} · {table.name}"
    story: list[Flowable] = [ctx.p(para(data.workshop.title, 300), S.title),
                             ctx.p(para(label, 300), S.subtitle),
                             ctx.p(para(L.date_span(data.workshop.starts_on, data.workshop.ends_on)
                                        + " · " + data.workshop.place), S.cover),
                             Spacer(1, 6)]
    story += session(ctx, table_id)
    story += members(ctx, table_id)
    story += synthesis(ctx, table_id)
    at_table = [item for item in data.items if item.table_id == table_id]
    # Its record of its own work: what its members sent. The rest of its level's items it only reviewed.
    own = [item for item in at_table if item.from_members]
    # What the table brought to the plenary: its consolidated recommendations if the rapporteur drafted any,
    # else its members' recommendations (as `bot.domain.plenary.plenary_agenda` walks them).
    live = [i for i in own if i.kind == "recommendation" and i.published]
    consolidated = sorted((i for i in live if i.consolidated), key=lambda i: (-i.votes, i.id))
    shown = consolidated or sorted(live, key=lambda i: (-i.votes, i.id))
    story += contributions(ctx, table_id, own, {i.id for i in shown},
                           [i for i in at_table if not i.from_members and i.status != "rejected"])
    if consolidated:
        story.append(ctx.heading(L("sections.consolidated"), 0))
    else:
        story.append(ctx.heading(L("sections.table_recommendations"), 0))
        story.append(ctx.p(L("fields.not_consolidated_note"), S.small))
        if not shown:
            story.append(ctx.p(L("fields.no_items"), S.small))
    for item in shown:
        story += render.recommendation(ctx, item, with_plenary=False)
    if any(constituency.standing(ctx, item) for item in shown):
        # The minutes have no support table to explain "[Broad support]" beside a reference: said once here.
        story.append(ctx.p(L("constituency.marks_note", countries=ctx.data.broad_support_countries,
                             objecting=ctx.data.contested_countries,
                             broad=L("constituency.broad"), contested=L("constituency.contested")), S.small))
    # Feedback on a member's recommendation before it was consolidated is part of the record too.
    heard = [i for i in own if i.kind == "recommendation" and i not in shown and i.status != "rejected"
             and _has_feedback(i)]
    story += plenary_feedback(ctx, [*shown, *heard])
    # The joint reading read every live recommendation of the table, its members' beside the consolidated one
    # (those it did not take in): each with its outcome, the table's own first.
    story += reading(ctx, sorted(live, key=lambda i: (not i.consolidated, i.id)))
    return render_pdf(story, page_decor(ctx, label, adopted_document=False), [],
                      **metadata(ctx, label, L("document.minutes_subject")))


# -- who ran the table, and when ---------------------------------------------------------------------------
def session(ctx: ReportContext, table_id: str) -> list[Flowable]:
    """Level, moderators, rapporteur and session times as a two-column table with bold labels."""
    L, S = ctx.labels, ctx.styles
    table = ctx.table[table_id]
    rows: list[tuple[str, str]] = []
    if table.level_id:
        rows.append((L("fields.level"), para(ctx.level_name.get(table.level_id, table.level_id))))
    # As each chose to be credited, as in the roadmap: the minutes are published too, so a person who did not
    # release their name is not named in them (issue 12).
    moderators = table.moderators
    if moderators:
        rows.append((L.plural("fields.moderators", len(moderators)),
                     para(", ".join(ctx.org_term(m) for m in moderators), inline=True)))
    rapporteur = table.rapporteur
    rows.append((L("fields.rapporteur"), para(rapporteur, inline=True) if rapporteur
                 else L("document.not_stated")))
    if table.documents:  # the table's own documents, uploaded by its rapporteur: in the data export's documents/
        rows.append((L("minutes.documents"), "<br/>".join(para(name, 200, inline=True) for name in table.documents)))
    times = [s for s in ctx.data.sessions if s.table_id == table_id and s.kind not in NOT_A_SESSION]
    if times:  # the zone once for the cell, as the roadmap's history names it once (EN reading 23)
        rows.append((L("minutes.sessions"), "<br/>".join(
            [*(f"{para(s.name, 300)}: {session_time(ctx, s)}" for s in times),
             L("minutes.zone_note", zone=para(L.zone_name(ctx.zone), inline=True))])))
    grid = Table([[Paragraph(f"<b>{label}</b>", S.cell), Paragraph(value, S.cell)] for label, value in rows],
                 colWidths=(110, 360), hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                              ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                              ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return [ctx.heading(L("minutes.session"), 0), grid]


# How far the session as run may be from the programme and still be the programme's (a table opened at 10:33
# met at 10:30), and how long it must have run to be a session people sat in rather than phases pressed through
# one after another (a rehearsal, a demo, a test).
SLACK = timedelta(minutes=5)
HELD = timedelta(minutes=5)


def session_time(ctx: ReportContext, s: Session) -> str:
    """When the session met, in the workshop's time zone (named once under the list, `session`): the
    programme's day and times ("30 de noviembre de 2026, 14:40–16:00, según el programa"), or, where it actually
    opened or closed more than ``SLACK`` away from them and ran for at least ``HELD``, the times it ran, the
    programme's beside them. Dates in full, as the roadmap writes them: "2 dic 2026" beside its "2 de diciembre
    de 2026" read as another document's style (session 8's readings, EN 23 and ES 16)."""
    L = ctx.labels
    planned = _span(ctx, s.opens_at, s.closes_at)
    ran = s.opened_at is not None and (s.closed_at is None or s.closed_at - s.opened_at >= HELD)
    off = s.opens_at is None or s.closes_at is None \
        or (s.opened_at is not None and abs(s.opened_at - s.opens_at) > SLACK) \
        or (s.closed_at is not None and abs(s.closed_at - s.closes_at) > SLACK)
    if ran and off:
        actual = _span(ctx, s.opened_at, s.closed_at)
        if s.opens_at is None:
            return actual
        start, end = _local(ctx, s.opens_at), _local(ctx, s.closes_at) if s.closes_at else None
        same = end is not None and start.date() == end.date() == _local(ctx, s.opened_at).date()
        scheduled = f"{_clock(ctx, start)}–{_clock(ctx, end)}" if same else planned
        return L("minutes.programme", actual=actual, times=scheduled)
    if s.opens_at is None:
        return L("document.not_stated")
    return f"{planned}, {L('minutes.as_scheduled')}"


def _span(ctx: ReportContext, start: datetime | None, end: datetime | None) -> str:
    """"8 de septiembre de 2022, 10:30–12:30", over two days "7 de septiembre de 2022, 14:40 – 8 de ...", or
    "desde ..." while it has not closed."""
    L = ctx.labels
    if start is None:
        return L("document.not_stated")
    if end is None:
        return L("minutes.from", start=ctx.when(start, zoned=False))
    first, last = _local(ctx, start), _local(ctx, end)
    if first.date() == last.date():
        return L("minutes.same_day", date=ctx.day(start), start=_clock(ctx, first), end=_clock(ctx, last))
    return L("minutes.span", start=ctx.when(start, zoned=False), end=ctx.when(end, zoned=False))


def _local(ctx: ReportContext, moment: datetime) -> datetime:
    return moment.astimezone(ctx.zone) if moment.tzinfo else moment


def _clock(ctx: ReportContext, local: datetime) -> str:
    return format_time(local, "HH:mm", locale=ctx.labels.locale)


def members(ctx: ReportContext, table_id: str) -> list[Flowable]:
    L = ctx.labels
    sitting = [p for p in ctx.data.participants if p.table_id == table_id]
    countries = sorted({ctx.country_name.get(p.country_id, p.country_id) for p in sitting if p.country_id},
                       key=str.casefold)
    orgs = sorted({ctx.organisation_name.get(p.organisation_id, p.organisation_id)
                   for p in sitting if p.organisation_id}, key=str.casefold)
    story: list[Flowable] = [ctx.heading(L("sections.members"), 0), ctx.p(L(
        "fields.members_count", participants=L.plural("minutes.participants", len(sitting)),
        countries=L.plural("fields.annex_countries", len(countries)),
        organisations=L.plural("fields.annex_organisations", len(orgs))))]
    # "País: Belice" before one name, as the roadmap's "Dimensión:" (a plural label read as a list cut short).
    if countries:
        story.append(ctx.p(f"<b>{L.plural('minutes.countries', len(countries))}:</b> {para(', '.join(countries))}"))
    if orgs:
        story.append(ctx.p(f"<b>{L.plural('minutes.organisations', len(orgs))}:</b> {para(', '.join(orgs))}"))
    return story


# -- what the table said ---------------------------------------------------------------------------------
def synthesis(ctx: ReportContext, table_id: str) -> list[Flowable]:
    """The rapporteur's synthesis, part by part, marked as a draft until the moderators approve it."""
    L, S = ctx.labels, ctx.styles
    story: list[Flowable] = [ctx.heading(L("minutes.synthesis"), 0)]
    found = next((s for s in ctx.data.syntheses if s.table_id == table_id and s.parts), None)
    if found is None:
        story.append(ctx.p(L("minutes.synthesis_none"), S.small))
        return story
    if not found.approved:
        story.append(ctx.p(L("minutes.synthesis_draft"), S.note))
    order = {part: n for n, part in enumerate(SYNTHESIS_PARTS)}
    for part, wording in sorted(found.parts, key=lambda p: order.get(p[0], len(order))):
        story.append(ctx.p(f"<b>{L.get(f'minutes.part.{part}', para(part, 60))}</b>", S.h4))
        story.append(ctx.p(ctx.field(wording.text)))
        origin = _origin_mark(ctx, wording)
        if origin:
            story.append(ctx.p(ctx.text_mark(origin).lstrip(), S.provenance))
    return story


def _origin_mark(ctx: ReportContext, wording: Wording) -> str:
    """A machine draft nobody confirmed says so; a text only in another language names that language."""
    if wording.origin == "machine":
        return ctx.labels("minutes.machine")
    if wording.origin == "missing" and wording.language and wording.language != ctx.data.language:
        return ctx.labels("fields.original_language", language=ctx.labels.language_name(wording.language))
    return ""


def contributions(ctx: ReportContext, table_id: str, own: list[Item], shown: set[int],
                  others: list[Item]) -> list[Flowable]:
    """Everything the table's members sent, kind by kind, each with its text: published ones as the roadmap
    shows them, merged or consolidated ones with what they became. The recommendations the table brought to the
    plenary follow in their own section, in full. `others`, its level's items from people seated at other tables,
    are named by reference only: the table reviewed them, but they are not its work."""
    L = ctx.labels
    story: list[Flowable] = [ctx.heading(L("sections.table_items"), 0)]
    listed = [i for i in own if i.status != "rejected" and i.id not in shown]
    note = _reviewed_from_others(ctx, others, table_id)
    for kind in ("challenge", "good_practice", "recommendation"):
        if kind == "recommendation" and note is not None and listed:  # under the kinds it names
            story.append(note)
            note = None
        of_kind = sorted((i for i in listed if i.kind == kind), key=lambda i: i.id)
        if not of_kind:
            continue
        title = L("minutes.member_recommendations") if kind == "recommendation" else L(f"kinds.{kind}")
        story.append(ctx.heading(title, 1, in_toc=False))
        for item in of_kind:
            if item.published and kind != "recommendation":
                story.append(render.render(ctx, item))
            else:
                story.append(_absorbed_entry(ctx, item))
    if not listed:
        story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
    if note is not None:
        story.append(note)
    rejected = sum(1 for i in own if i.status == "rejected")
    if rejected:
        # a sentence, as the roadmap's Annex B says it ("…: 1." read as a counter, session 10's reading)
        story.append(ctx.p(L.plural("register.rejected", rejected), ctx.styles.small))
    return story


def _reviewed_from_others(ctx: ReportContext, others: list[Item], table_id: str) -> Flowable | None:
    """What the table reviewed but others sent, challenges first, and where the roadmap prints them (None:
    nothing). "Others" are people not seated at this table, though their country or organisation may be: "people
    who do not sit at it" read as a contradiction of the members' list, which names those countries (session 8's
    ES reading, 14), and "the roadmap has them" sent the reader off with no place to look (EN reading, 24)."""
    if not others:
        return None
    L = ctx.labels
    order = {"challenge": 0, "good_practice": 1, "recommendation": 2}
    refs = ", ".join(ctx.ref(i) for i in sorted(others, key=lambda i: (order.get(i.kind, 3), i.id)))
    table = ctx.table[table_id]
    places = {"section": ctx.quote(L("sections.mapping"), inline=True),
              "annex": ctx.quote(L("sections.annex_items"), inline=True)}
    where = L("minutes.reviewed_where", level=para(ctx.level_name[table.level_id], inline=True), **places) \
        if table.level_id in ctx.level_name else L("minutes.reviewed_where_no_level", **places)
    return ctx.p(f"{L('minutes.reviewed_from_others', refs=refs)} {where}", ctx.styles.small)


def _absorbed_entry(ctx: ReportContext, item: Item) -> Paragraph:
    """An item that lives on in another (merged, or consolidated in the table's recommendation), or a member's
    recommendation not brought to the plenary: its whole text, then where it went and who sent it, as
    sentences with the date in full as Annex B gives them ("Fusionada en R-11. Aporte de Honduras, del 1 de
    diciembre de 2026."): "fusionado en R-11 · Honduras · 1 dic 2026" read as a database row (session 8's
    readings, EN 23 and ES 16). A recommendation the reading adopted as amended is printed as its member sent
    it: the amended wording is the table's outcome, given with the reading (ES reading, 15)."""
    L = ctx.labels
    if not item.published:
        survivor = ctx.survivor(item.id)
        key = "merged_into" if item.status == "merged" else "consolidated_into"
        status = L(f"status.{item.kind}.{key}", ref=ctx.ref(survivor)) if survivor else ctx.status(item)
    else:
        status = ctx.status(item)
    fate = f"{status[:1].upper()}{status[1:]}."
    date = ctx.day(item.created_at)
    if item.credit is None and not item.consolidated:
        sent = L("register.sent_anonymous", date=date)
    else:
        sent = L("register.sent", credit=para(ctx.in_sentence(render.author(ctx, item)), inline=True), date=date)
    wording = _as_sent(item)
    if wording is None:
        words = ctx.field(item.text) + ctx.text_mark(ctx.original_language(item))  # mark on its words
    else:
        words = ctx.field(wording.text) + ctx.text_mark(mark(ctx, wording.origin, wording.language))
        fate = L("minutes.amended_later", status=fate[:-1], reading=ctx.quote(L("minutes.reading"), inline=True))
    return Paragraph(f"<b>{ctx.ref(item)}</b>  {words}<br/>{ctx.meta([f'{fate} {sent}'])}", ctx.styles.item)


def _as_sent(item: Item) -> Wording | None:
    """The wording its member sent, for a recommendation the joint reading adopted as amended (None: any other,
    printed as it stands; only an amended one has its adopted text under the reading, `reading`, for the
    member's entry to point to). The store keeps the earlier wording with the amendment: the first one
    (`Item.original_wording`, in this edition's language where a translation was kept), or, where the mapper
    left that empty because the floor's first amendment prints it, that amendment's "before"."""
    if item.kind != "recommendation" or item.status != "adopted_amended":
        return None
    first = item.original_wording
    if first is not None and first.text.strip() and first.text.strip() != item.action.strip():
        return first
    if item.amendments and item.amendments[0].before.strip() != item.action.strip():
        before = item.amendments[0]
        return Wording(before.before, before.language or item.language, before.before_origin)
    if item.original_text.strip() and item.original_text.strip() != item.action.strip():
        return Wording(item.original_text, item.language)
    return None


# -- what the plenary and the joint reading said -------------------------------------------------------------
def _has_feedback(item: Item) -> bool:
    return bool(item.votes or item.feedback.support or item.feedback.object or item.feedback.comments
                or item.amendments or item.declined_amendments)


def plenary_feedback(ctx: ReportContext, recommendations: list[Item]) -> list[Flowable]:
    """Every recommendation the table brought, with its rank, supports, objections and every comment with
    the credit its author chose (or that it got none)."""
    L, S = ctx.labels, ctx.styles
    story: list[Flowable] = [ctx.heading(L("sections.plenary_feedback"), 0)]
    if not any(_has_feedback(i) for i in recommendations):
        story.append(ctx.p(L("fields.no_feedback"), S.small))
        return story
    for item in recommendations:
        # Which recommendation, by the start of its text as the reading's results quote it, then its place
        # and the plenary's counts each under its label: "Rec-94 · puesto 3 de las 20 votadas (11 votos) ·
        # 12 apoyos…" read as a row of a table with no header (session 10's reading).
        title = ctx.quote(ctx.short_title(item), inline=True)
        said = item.feedback.support or item.feedback.object or item.feedback.comments
        facts = SEP.join((f"<b>{L('fields.priority')}:</b> {render.priority(ctx, item, labelled=True)}",
                          *([f"<b>{L('fields.plenary')}:</b> {render.plenary(ctx, item)}"] if said else [])))
        block: list[Flowable] = [ctx.p(f"<b>{ctx.ref(item)}</b>  {title}<br/><font size=\"8.5\">{facts}</font>",
                                       S.block_head)]
        block += render.comments(ctx, item)
        # Every amendment from the floor as the table decided it: those it took into the text, and those it
        # declined with its reason (the reading's outcome repeats those it took in, in this same form, for the
        # wording they replaced).
        block += [Paragraph(line, S.comment) for line in (*render.objection_lines(ctx, item),
                                                          *render.amendment_lines(ctx, item),
                                                          *render.declined_lines(ctx, item))]
        if not (said or item.amendments or item.declined_amendments):  # "0 apoyos, 0 objeciones…" said no more
            block.append(ctx.p(L("minutes.feedback_none"), S.comment))
        # One recommendation's feedback on one page where it fits: a comment carried over alone read as
        # belonging to the next page's heading (session 8's EN reading, 22: Rec-65's second comment).
        story.append(KeepTogether(block))
    return story


def reading(ctx: ReportContext, recommendations: list[Item]) -> list[Flowable]:
    """The joint reading's decision on each recommendation of the table it read, with its reason, and for one
    adopted as amended, the text adopted and the one the table had proposed."""
    L, S = ctx.labels, ctx.styles
    story: list[Flowable] = [ctx.heading(L("minutes.reading"), 0)]
    if not ctx.data.final and not any(i.decided for i in recommendations):
        story.append(ctx.p(L("minutes.reading_pending"), S.small))
        return story
    if not recommendations:
        story.append(ctx.p(L("fields.no_items"), S.small))
    for item in recommendations:
        title = ctx.quote(ctx.short_title(item), inline=True)
        decision = f"<b>{ctx.status(item)}</b>"
        if item.reading_reason:
            note = ctx.text_mark(render.reason_note(ctx, item), nested=True)
            decision += f" ({L('fields.reason')}: {ctx.field(render.in_brackets(ctx, item.reading_reason))}{note})"
        lines = [f"<b>{ctx.ref(item)}</b>  {title}{SEP}{decision}"]
        if render.earlier_line(ctx, item):  # both labels bold, as the roadmap's entries have them
            lines.append(f"<b>{L('minutes.adopted_text')}:</b> {ctx.field(item.action)}")
            # The wording before, as the roadmap prints it: the reading's own change, then each amendment from
            # the floor as the plenary's section gives it, with who proposed it (one form in the minutes).
            original = render.original_line(ctx, item)
            lines += [original] if original else []
            lines += render.amendment_lines(ctx, item)
        story.append(ctx.p("<br/>".join(lines), S.item))
    return story
