"""One paragraph per item, shared by the roadmap and the minutes.

A challenge or a good practice is a single Paragraph (text, then a small grey line of facts) rather than a table
row or several flowables: tables grow superlinearly with rows and every flowable costs a wrap and a draw, and a
roadmap may carry thousands of items. Their field labels are plain text: each change of face splits the lines
into more fragments, and italic labels alone cost a quarter of the layout time (measured on 2,000 items). A
recommendation, the roadmap proper, gets two paragraphs (its text, then its facts with bold labels in smaller
type) and one per plenary comment. Every participant-typed string goes through `para()`.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.lists import format_list
from reportlab.platypus import Flowable, Paragraph

from reports.context import SEP, ReportContext
from reports.document import LateMarkup
from reports.lines import PlainLines, Run
from reports.model import READING_OUTCOMES, Item, Wording
from reports.sections import constituency
from reports.sections.editorial import mark
from reports.text import NBSP, abbreviations, excerpt, one_line, para, right_to_left, runs, unbracketed

# An entry shorter than this (about 14 lines) is never split across pages; a longer one is, with at least
# `KEPT_LINES` of it stay on each page: moved whole, a recommendation's entry of half a page left the page
# before it a third empty, or its level's heading alone at its foot (issue 12's reading, finding 29).
WHOLE_ENTRY = 180
KEPT_LINES = 4


class Entry(Paragraph):
    """An item's paragraph: laid out once per width (a page break, or the heading it is kept with, asks for its
    size again), and moved whole to the next page rather than split, unless it is longer than `WHOLE_ENTRY`
    and `KEPT_LINES` of it fit on each side."""

    _wrapped: tuple[float, tuple[float, float]] | None = None
    item_id: int | None = None  # the item it is the entry of: the document records the page it lands on
    destination: str | None = None  # the named destination set at its top, for links to it

    def draw(self):
        # A destination set by the canvas, not by `<a name>` markup: no extra fragment to parse and lay out.
        if self.destination is not None:
            self.canv.bookmarkHorizontal(self.destination, 0, self.height)
        super().draw()

    def wrap(self, availWidth, availHeight):
        if self._wrapped is not None and self._wrapped[0] == availWidth and hasattr(self, "blPara"):
            self.width, self.height = self._wrapped[1]
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        kept = KEPT_LINES * self.style.leading
        # Where only a line or two would go over, fewer go on this page rather than the whole entry moving and
        # leaving the page half empty (issue 12, third reading, point 13: ~45% blank before Rec-94).
        room = min(availHeight, self.height - kept)
        if self.height <= WHOLE_ENTRY or room < kept:
            return []
        parts = super().split(availWidth, room)
        if parts:
            parts[0].item_id = self.item_id  # the entry starts where its first part is drawn
            parts[0].destination = self.destination
        return parts


class LateEntry(LateMarkup, Entry):
    """An entry whose markup is made when first laid out (it quotes the pages of earlier entries)."""


def entry(markup: str, style, item: Item, destination: str | None = None) -> Entry:
    """The entry of `item`, whose page the document records for those who quote it (and, with
    `destination`, that links can point to)."""
    found = Entry(markup, style)
    found.item_id = item.id
    found.destination = destination
    return found


def field_mark(ctx: ReportContext, item: Item, name: str) -> str:
    """The mark of one field (" traducción automática", " original en inglés", small and grey) where its
    words come from elsewhere than the main text's, whose mark the item's grey line already carries; else ""."""
    origin, language = item.field_origin(name)
    note = mark(ctx, origin, language)
    return ctx.text_mark(note) if note and note != ctx.original_language(item) else ""


def challenge(ctx: ReportContext, item: Item) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}</b>  {ctx.field(item.description)}{ctx.text_mark(ctx.original_language(item))}"]
    groups = [ctx.group_name.get(g, g) for g in item.group_ids]
    if item.groups_other:
        groups.append(item.groups_other)
    if groups:
        note = field_mark(ctx, item, "groups_other") if item.groups_other else ""
        lines.append(f"{L.plural('fields.groups', len(groups))}: {para(joined(ctx, groups), inline=True)}{note}")
    lines.append(ctx.meta([provenance(ctx, item)]))
    return entry("<br/>".join(lines), ctx.styles.item, item, ctx.destination(item))


def good_practice(ctx: ReportContext, item: Item) -> Paragraph:
    L = ctx.labels
    lines = [f"<b>{ctx.ref(item)}  {ctx.field(item.name)}</b>{ctx.text_mark(ctx.original_language(item))}"]
    facts = []
    if item.where:
        facts.append(f"{L('fields.where')}: {ctx.field(item.where, inline=True)}{field_mark(ctx, item, 'where')}")
    if item.run_by:
        facts.append(f"{L('fields.run_by')}: {ctx.field(item.run_by, inline=True)}"
                     f"{field_mark(ctx, item, 'run_by')}")
    if facts:
        lines.append(SEP.join(facts))
    if item.achieved:
        lines.append(f"{L('fields.achieved')}: {ctx.field(item.achieved)}{field_mark(ctx, item, 'achieved')}")
    extra = []
    if item.link:
        extra.append(f"{L('fields.link')}: {para(item.link, 2000)}")
    if item.has_document:
        # A reader of the printed roadmap has no data package: the line names the document and whom to ask.
        name = ctx.field(item.document_name, inline=True) if item.document_name else ""
        extra.append(L("fields.document_named", name=name) if name else L("fields.document"))
    if extra:
        lines.append(SEP.join(extra))
    lines.append(ctx.meta([provenance(ctx, item)]))
    return entry("<br/>".join(lines), ctx.styles.item, item, ctx.destination(item))


def linked(ctx: ReportContext, ids) -> list[Item]:
    """The published items standing for `ids` (merged ones followed to their survivor, the same text sent
    apart shown as the one listed), each once, rejected ones left out."""
    found: list[Item] = []
    for linked_id in ids:
        survivor = ctx.survivor(linked_id)
        if survivor is not None and survivor.id in ctx.twin_of:
            survivor = ctx.items_by_id.get(ctx.twin_of[survivor.id], survivor)
        if survivor is not None and survivor not in found:
            found.append(survivor)
    return found


def quoted(ctx: ReportContext, item: Item, plain: bool = False) -> str:
    """"R-3 «Las personas retornadas llegan…» (pág. 12)": a reference with the start of the item's text and,
    in the roadmap, the page of its entry (so call it only from markup made at layout: `LateEntry`,
    `LateParagraph`, or `PlainLines(make=...)` with `plain`, which gives plain text for `reports.lines`).
    Not a link in the detailed entries: on a roadmap of thousands of items, a link per reference made the PDF
    half as large again and its build a tenth slower (the roadmap table's quotes link, drawn as plain lines)."""
    title = ctx.quote(ctx.short_title(item), plain=plain, inline=True)  # one title per item, wherever quoted
    page = ctx.page_of(item)
    if page is None:
        return f"{ctx.ref(item)} {title}"
    on_page = ctx.labels('roadmap.on_page', page=page).replace(" ", NBSP)  # "(pág." never alone at a line's end
    return f"{ctx.ref(item)} {title}{NBSP}{on_page}"  # nor the page mark alone at a line's start


def links(ctx: ReportContext, item: Item) -> list[tuple[str, str]]:
    """(label, markup) for what a recommendation answers and builds on, each quoted by its short title (and
    page: call it at layout, see `quoted`)."""
    L = ctx.labels
    parts = []
    for key, ids in (("fields.answers", item.challenge_ids), ("fields.links", item.good_practice_ids)):
        found = linked(ctx, ids)
        if found:
            parts.append((L.plural(key, len(found)), "; ".join(quoted(ctx, other) for other in found)))
    return parts


def outcome(ctx: ReportContext, item: Item, limit: int | None = None) -> str:
    """The joint reading's decision and its reason; `limit` bounds the reason where it goes in a table cell
    (cells cannot split across pages). Adopted as amended on an amendment from the floor, it says so and who
    proposed it, as one amended by the reading gives its reason: the record said only "Amendment from the
    floor: proposed by Belize", so it never said the change was adopted (session 8's reading, point 3)."""
    L = ctx.labels
    text = ctx.status(item)
    if on_the_floor(item):
        amendment = item.amendments[0]
        key = "fields.on_amendments_merged" if amendment.merged else "fields.on_amendment"
        who = proposed_by(ctx, amendment.credits, merged=amendment.merged)
        text += L(key, proposer=who if any(amendment.credits) else f"({who})")
    if item.reading_reason:
        said = in_brackets(ctx, item.reading_reason)
        reason = excerpt(said, limit) if limit else ctx.field(said)
        text += f" ({L('fields.reason')}: {reason}{ctx.text_mark(reason_note(ctx, item), nested=True)})"
    return text


def in_label(ctx: ReportContext, text: str) -> str:
    """A sentence the bot quotes after a label inside a sentence of its own ("adoptada con enmiendas (motivo:
    la plenaria pidió…)"), its first word in lower case where it is a common word (`text.sentence_openers`):
    "(motivo: La plenaria…)" read as two sentences run together. A proper name or an acronym ("Guatemala
    pidió…", "OIM…") is never one of those words, so it keeps its capital (issue 12, third reading, point 21)."""
    stripped = text.lstrip()
    word = stripped.split(maxsplit=1)[0] if stripped else ""
    core = word.rstrip(",;:.")
    if len(core) > 1 and core[0].isupper() and core[1:].islower() and core.casefold() in _openers(ctx):
        return text[:len(text) - len(stripped)] + stripped[0].lower() + stripped[1:]
    return text


def in_brackets(ctx: ReportContext, text: str) -> str:
    """A sentence quoted after a label that the closing bracket ends ("(motivo: la plenaria pidió precisar el
    plazo)"): as `in_label`, and without its author's one final full stop, which before ")" reads as a stray
    (issue 12, fourth reading). Presentation only: the text is stored as typed."""
    return without_full_stop(in_label(ctx, text))




def without_full_stop(text: str) -> str:
    """`text` without one final full stop, where it is one: not "…" nor "...", nor "?" or "!", nor an
    abbreviation's point, that is a last word in `text.abbreviations` (report.toml; short on purpose, never a
    common word: "no." ends "la plenaria dijo que no."), with a point inside it ("e.g.", "U.S.") or a
    single capital letter ("Juan F."). Inner full stops of a text of several sentences stay."""
    body = text.rstrip()
    if not body.endswith(".") or body.endswith(".."):
        return text
    word = body[:-1].split()[-1] if body[:-1].strip() else ""
    if not word or "." in word or word.casefold() in abbreviations() or (len(word) == 1 and word.isupper()):
        return text
    return body[:-1]


def _openers(ctx: ReportContext) -> frozenset[str]:
    return frozenset(w.casefold() for w in str(ctx.labels.raw("text.sentence_openers") or "").split())


def reason_note(ctx: ReportContext, item: Item) -> str:
    """What a reader must be told of the reading's reason's words (a machine translation, or written in another
    language, named in words), plain text; "" when it reads in the edition's language from a person."""
    return mark(ctx, item.reading_reason_origin, item.reading_reason_language or ctx.data.language)


def votes(ctx: ReportContext, item: Item) -> str:
    """"12 votos", or "7 votos, empatada" where another recommendation has as many (and so the same rank)."""
    said = ctx.labels.plural("fields.votes", item.votes)
    if ctx.rank.get(item.id) in ctx.tied:
        said += ctx.labels("fields.tied")
    return said


def priority(ctx: ReportContext, item: Item, labelled: bool = False) -> str:
    """"puesto 2 de las 7 recomendaciones que recibieron votos (12 votos)", or "sin votos": ranked only where
    the plenary placed votes, among those it placed them on ("1 de 21" beside 22 adopted read as an error,
    session 8's reading). `labelled`: after the label "Puesto:", which already says "puesto"."""
    L = ctx.labels
    rank = ctx.rank.get(item.id)
    if rank is None:
        return L("fields.unranked") if not item.votes else votes(ctx, item)
    return f"{L('fields.rank_value' if labelled else 'fields.rank', rank=rank, ranked=ctx.ranked)} ({votes(ctx, item)})"


def plenary(ctx: ReportContext, item: Item) -> str:
    """"4 apoyos, 2 objeciones, 1 comentario": the plenary's stances and comments, each counted in words."""
    L, fb = ctx.labels, item.feedback
    return ", ".join((L.plural("fields.supports", fb.support), L.plural("fields.objections", fb.object),
                      L.plural("fields.comments", len(fb.comments))))


def plenary_lines(ctx: ReportContext, item: Item) -> list[str]:
    """What the plenary said of a recommendation, as markup lines: its counts, then each comment and objection
    with who made it; none where it said nothing."""
    fb = item.feedback
    if not (fb.support or fb.object or fb.comments):
        return []
    return [_fact(ctx.labels("fields.plenary"), plenary(ctx, item)), *comment_lines(ctx, item),
            *objection_lines(ctx, item)]


def comment_lines(ctx: ReportContext, item: Item) -> list[str]:
    """The plenary's comments on a recommendation as markup lines, each with its author's credit as they chose
    (and the language it was written in, if not the edition's)."""
    out = []
    for comment in item.feedback.comments:
        said = _note(ctx, _in_language(ctx, comment.language, comment.origin))  # on the words, before the credit
        credit = attribution(comment.credit or ctx.anonymous)
        out.append(f"•  {ctx.field(comment.text)}{said} {ctx.meta([credit])}")
    return out


# A credit short enough to be kept whole on one line after its dash ("Rachel / Kim (MPI)" read as two names).
WHOLE_CREDIT = 28


def attribution(credit: str) -> str:
    """"— Honduras" as markup: the dash tied to the credit, so that no line ends with it ("recibió. —" over
    "Honduras", session 12's reading), and a short credit kept whole; a longer one breaks as any text."""
    kept = credit if len(credit) > WHOLE_CREDIT or right_to_left(credit) else credit.replace(" ", NBSP)
    return "—" + NBSP + para(kept, inline=True)


def _in_language(ctx: ReportContext, language: str, origin: str = "original") -> list[str]:
    """The note on a plenary text's words, where the reader needs one: a machine translation nobody confirmed,
    or words in another language than the edition's, that language named (a person's translation reads as
    the edition's own words)."""
    note = mark(ctx, origin, language or ctx.data.language)
    return [note] if note else []


def on_the_floor(item: Item) -> bool:
    """Whether the reading adopted it as amended on its one amendment from the floor, which its outcome then
    names with its proposer (`outcome`), and `amendment_lines` gives only the reason and the wordings. Not
    where the reading then changed the wording itself: the text adopted is not the amendment's "after" (the
    mapper gives an "after" that is the text now in the text's own words in every edition), and crediting the
    floor's proposer with it would put the reading's change in their name."""
    return (item.status == "adopted_amended" and len(item.amendments) == 1
            and item.amendments[0].after.strip() == item.action.strip())


def amendment_lines(ctx: ReportContext, item: Item, folded: bool = False) -> list[str]:
    """The amendments from the floor its table accepted, as markup lines: what each is and who proposed it,
    credited as each chose, then why, the wording as tabled and the one after. `folded`: the outcome printed
    above already says what it is and who proposed it (`on_the_floor`)."""
    L, out = ctx.labels, []
    for n, amendment in enumerate(item.amendments):
        lines = []
        if not folded:
            label = L("fields.amendment_merged" if amendment.merged else "fields.amendment")
            lines.append(f"<b>{label}</b> "
                         + ctx.meta([f"({proposed_by(ctx, amendment.credits, merged=amendment.merged)})"]))
        for reason in amendment.reasons:
            lines.append(_fact(L('fields.reason_line'), ctx.field(reason.text))
                         + _note(ctx, _in_language(ctx, reason.language, reason.origin)))
        # "Wording as tabled" says what follows ("Before:" did not); a later amendment's is the earlier's after.
        before = _in_language(ctx, amendment.language, amendment.before_origin)
        lines.append(_fact(L("fields.before" if n == 0 else "fields.before_next"), ctx.quote(amendment.before))
                     + _note(ctx, before))
        # "After" only where it is not the text the entry opens with: printed under it word for word, it said
        # the same sentence twice (a later amendment's "before" is then the earlier one's "after").
        if amendment.after.strip() != item.action.strip():
            after = _in_language(ctx, amendment.after_language or amendment.language, amendment.after_origin)
            lines.append(_fact(L('fields.after'), ctx.quote(amendment.after)) + _note(ctx, after))
        out.append("<br/>".join(lines))
    return out


def proposed_by(ctx: ReportContext, credits: tuple[str | None, ...], merged: bool = False) -> str:
    """"propuesta por Ana Pérez (Guatemala); Belice", or "no consta quién la propuso" when nobody who proposed
    it chose to be credited ("propuesta por Anónimo" reads as a person called so, and "propuesta de forma
    anónima" after a colon read as an empty field, session 8's reading)."""
    named = [para(ctx.in_sentence(c), inline=True) for c in credits if c]
    if not named:
        return ctx.labels("fields.proposer_unknown")
    if len(named) < len(credits):
        named.append(ctx.anonymous)
    return ctx.labels("fields.proposed_by_many" if merged else "fields.proposed_by", credits="; ".join(named))


def declined_lines(ctx: ReportContext, item: Item) -> list[str]:
    """The amendments from the floor its table declined, as markup lines for the roadmap's entry (the
    plenary's input shown with its recommendation, issue 12) and the minutes: the wording proposed, who
    proposed it and why, and the table's reason, each in the edition's language where someone
    gave it at /translate, else as typed with its language named (or marked as a machine draft)."""
    L, out = ctx.labels, []
    for amendment in item.declined_amendments:
        # What it is, then who proposed it in brackets: after "…declined by the table:" the proposer read as
        # the amendment itself, and "proposed anonymously" as an empty field (session 8's reading, point 20).
        meta = [f"({proposed_by(ctx, (amendment.credit,))})"]
        said = _note(ctx, _in_language(ctx, amendment.language, amendment.wording_origin))
        line = (f"<b>{L('fields.amendment_declined')}</b> {ctx.meta(meta)}<br/>"
                + _fact(L("fields.proposed_wording"), ctx.quote(amendment.wording)) + said)
        if amendment.reason.strip():
            line += ("<br/>" + _fact(L("fields.reason_line"), ctx.field(amendment.reason))
                     + _note(ctx, _in_language(ctx, amendment.reason_language or amendment.language,
                                               amendment.reason_origin)))
        decision = ctx.field(amendment.decision) if amendment.decision.strip() else L("fields.no_reason")
        line += ("<br/>" + _fact(L("fields.declined_reason"), decision)
                 + _note(ctx, _in_language(ctx, amendment.decision_language, amendment.decision_origin)
                         if amendment.decision.strip() else []))
        out.append(line)
    return out


def _note(ctx: ReportContext, notes: list[str]) -> str:
    return ctx.text_mark(SEP.join(notes))


def objection_lines(ctx: ReportContext, item: Item) -> list[str]:
    """The plenary's objections with their reasons, each objector credited as they chose (or anonymous), and
    the table's answer where it gave one."""
    L, out = ctx.labels, []
    for objection in item.objections:
        credit = [attribution(objection.credit or ctx.anonymous)]
        said = _note(ctx, _in_language(ctx, objection.language, objection.origin))  # on the words, before the credit
        line = f"•  {_fact(L('fields.objection'), ctx.field(objection.reason))}{said} {ctx.meta(credit)}"
        if objection.answer:
            line += "<br/>" + _fact(L('fields.table_answer'), ctx.field(objection.answer))
            line += _note(ctx, _in_language(ctx, objection.answer_language, objection.answer_origin))
        out.append(line)
    return out


def comments(ctx: ReportContext, item: Item) -> list[Paragraph]:
    """The plenary's comments on a recommendation, a paragraph each (for the minutes)."""
    return [Paragraph(line, ctx.styles.comment) for line in comment_lines(ctx, item)]


def recommendation(ctx: ReportContext, item: Item, with_plenary: bool = True) -> list[Flowable]:
    """A recommendation as one paragraph with a hanging indent: its reference and text, then its facts with
    bold labels in smaller type, then the plenary's comments. One paragraph, so it is never split from its
    facts by a page break without costing a second layout (measured: keeping two paragraphs together with
    keepWithNext made the roadmap a quarter slower). Without `with_plenary` (a table's minutes, whose section on
    the plenary gives every recommendation's rank, counts, comments and amendments) it prints none of them, so
    the minutes say each once."""
    L = ctx.labels
    head = (f"<b>{ctx.ref(item)}</b>{constituency.mark(ctx, item)}  {ctx.field(item.action)}"
            f"{ctx.text_mark(ctx.original_language(item))}")
    facts: list[str] = []
    first = []
    if item.scope:
        first.append(_fact(L("fields.scope"), para(ctx.choice("scope", item.scope), inline=True)))
    if item.timeframe:
        first.append(_fact(L("fields.timeframe"), para(ctx.choice("timeframe", item.timeframe), inline=True)))
    if with_plenary:
        first.append(_fact(L("fields.priority"), priority(ctx, item, labelled=True)))
    if first:
        facts.append(SEP.join(first))
    if item.actor_ids:
        facts.append(_fact(L.plural("fields.actors", len(item.actor_ids)),
                           para(ctx.names(item.actor_ids, ctx.stakeholder_name))))
    label = L("fields.outcome") if item.status in READING_OUTCOMES or ctx.undecided(item) else L("fields.status")
    facts.append(_fact(label, outcome(ctx, item)))
    original = original_line(ctx, item)
    if original:
        facts.append(original)
    if with_plenary:
        facts += amendment_lines(ctx, item, folded=on_the_floor(item))  # the floor's changes, before and after
        facts += declined_lines(ctx, item)  # and those its table declined, with its reason
    before, facts = facts, []  # what it answers goes here, quoted with pages known only at layout
    if item.crosscutting_ids:
        facts.append(_fact(L.plural("fields.crosscutting", len(item.crosscutting_ids)),
                           para(ctx.names(item.crosscutting_ids, ctx.crosscutting_name))))
    if with_plenary:
        facts += plenary_lines(ctx, item)
    facts.append(ctx.meta([provenance(ctx, item)]))

    def markup() -> str:
        answers = [_fact(label, quotes) for label, quotes in links(ctx, item)]
        return head + '<br/><font size="8.5">' + "<br/>".join([*before, *answers, *facts]) + "</font>"

    found = LateEntry(None, ctx.styles.recommendation, make=markup)
    found.destination = ctx.destination(item)
    return [found]


def recorded(ctx: ReportContext, item: Item) -> list[Flowable]:
    """A recommendation the roadmap table sets out in full, in the recommendations by level: its reference and
    its text shortened as the commitments list quotes it and the page of its row in that table (a link to it),
    then only what the table does not say: the reading's reason, the earlier wording and the amendments from
    the floor, the cross-cutting issues, the plenary's feedback, and where it came from (its table, who sent it,
    what it brings together). Printed whole here, in the table and in the summary, each adopted recommendation
    was read three times (session 8's secretariat reading)."""
    L = ctx.labels
    head = f"<b>{ctx.ref(item)}</b>{constituency.mark(ctx, item)}  {para(ctx.short_title(item), inline=True)}"
    facts: list[str] = []
    if item.reading_reason or on_the_floor(item):  # the outcome alone is in the table's last column
        facts.append(_fact(L("fields.outcome"), outcome(ctx, item)))
    original = original_line(ctx, item)
    if original:
        facts.append(original)
    facts += amendment_lines(ctx, item, folded=on_the_floor(item))
    facts += declined_lines(ctx, item)
    if item.crosscutting_ids:
        facts.append(_fact(L.plural("fields.crosscutting", len(item.crosscutting_ids)),
                           para(ctx.names(item.crosscutting_ids, ctx.crosscutting_name))))
    facts += plenary_lines(ctx, item)
    facts.append(ctx.meta([provenance(ctx, item, dimensions=False)]))  # its dimensions: a column of the table

    def markup() -> str:
        # The page of its row (drawn before this entry is laid out) right after the shortened text, as a link:
        # the section's introduction says that is where the text is in full; a line "Full text: in the roadmap
        # table (p. 19)" under every entry said it again twenty times (session 11's secretariat reading).
        page = ctx.page_of(item)
        where = "" if page is None else NBSP + ctx.link(
            item, L("roadmap.on_page", page=page).replace(" ", NBSP), row=True)
        return head + where + '<br/><font size="8.5">' + "<br/>".join(facts) + "</font>"

    found = LateEntry(None, ctx.styles.recommendation, make=markup)
    found.destination = ctx.destination(item)
    return [found]


def original_line(ctx: ReportContext, item: Item) -> str:
    """"Antes: …" (the wording before the reading amended it) of a recommendation adopted as amended, in both
    editions (the Spanish one printed none where the English one did), under the one label an earlier wording has
    everywhere: in the edition's language where a translation of that wording was kept, else as written with its
    language named, as any text nobody translated; "" where it is the text now or an amendment from the floor
    already prints it as its "before". The store keeps one translation per text and language, so once the
    amended text is translated the earlier wording's translation is gone."""
    if item.status != "adopted_amended":
        return ""
    wording = item.original_wording
    if wording is None:  # data without it: the first wording as written
        wording = Wording(item.original_text, item.language)
    text = wording.text.strip()
    if not text or text == item.action.strip() or any(text == a.before.strip() for a in item.amendments):
        return ""
    # One label for an earlier wording everywhere, as an amendment from the floor's (r12 second reading, point 4),
    # and one form: quoted, as the floor's "before" is beside it and the bot's reading card quotes it; unquoted,
    # one amended recommendation's "Antes:" read as a line of ours where the next one's read as a quotation.
    return _fact(ctx.labels("fields.before"), ctx.quote(wording.text)) + _note(
        ctx, _in_language(ctx, wording.language, wording.origin))


def earlier_line(ctx: ReportContext, item: Item) -> str:
    """"Antes: …" of a recommendation adopted as amended, wherever the earlier wording is kept: the one
    `original_line` prints, else the first accepted floor amendment's "before" (the roadmap prints that one
    with the amendment). The minutes print it under the adopted text for every amended recommendation: one
    showed it and another, amended from the floor, did not (issue 12, third reading, point 20)."""
    line = original_line(ctx, item)
    if line or item.status != "adopted_amended" or not item.amendments:
        return line
    first = item.amendments[0]
    return _fact(ctx.labels("fields.before"), ctx.quote(first.before)) + _note(
        ctx, _in_language(ctx, first.language, first.before_origin))


def _fact(label: str, markup: str) -> str:
    return f"<b>{label}:</b> {markup}"


def lowered(name: str) -> str:
    """A workshop's name for a level, a dimension or a group as a common noun inside a sentence ("económica",
    "víctimas de trata de personas"): its first letter in lower case where its first word is a capitalised
    common word; an acronym or a word with capitals inside ("LGBTIQ+", "OIM") keeps its own."""
    word = name.split(maxsplit=1)[0] if name.strip() else ""
    return name[:1].lower() + name[1:] if len(word) > 1 and word[0].isupper() and word[1:].islower() else name


def joined(ctx: ReportContext, names: list[str], lower: bool = True) -> str:
    """Names as one list the way the edition's language joins them ("víctimas de trata de personas y mujeres"),
    the ones after the first in lower case (`lowered`; not with `lower` off: people's credits). "Víctimas de
    trata de personas; Mujeres" read as fields, a capital after each semicolon (session 8's readings)."""
    if lower:
        names = [names[0], *(lowered(n) for n in names[1:])] if names else []
    if any("," in n for n in names):  # a name with commas of its own: "; " still tells where each ends
        return "; ".join(names)
    return format_list(list(names), locale=ctx.labels.locale)


def in_workshop_order(ctx: ReportContext, dimension_ids) -> list[str]:
    """An item's dimensions in the workshop's order ("económica y psicosocial", as the mapping lists them, never
    "psicosocial y económica"), whatever order the model was given them in (the store's mapper already sorts
    them; a model built by hand, as the tests' and the bench's, may not)."""
    order = ctx.dimension_order
    return sorted(dimension_ids, key=lambda i: order.get(i, len(order)))


def provenance(ctx: ReportContext, item: Item, dimensions: bool = True) -> str:
    """The small grey line under an entry as one or two sentences: its dimensions and table, then who sent it
    and what it brings together, said to be in Annex B, where alone those references are listed ("Economic and
    social dimensions, Group A. Sent by Guatemala, Honduras and Amira Haddad (UNHCR); merges C-50 and C-59
    (Annex B)."). "Dimensions: Economic, Social · Group A · Contributed by: … · Brings together: C-50, C-59"
    read as a row of fields (session 8's readings, EN 9 and ES 19). Markup."""
    L = ctx.labels
    where = []
    if dimensions and item.dimension_ids:
        names = [lowered(ctx.dimension_name.get(i, i)) for i in in_workshop_order(ctx, item.dimension_ids)]
        where.append(L.plural("fields.provenance_dimensions", len(names),
                              names=para(format_list(names, locale=L.locale), inline=True)))
    table = _table_of(ctx, item)
    if item.table_id and table is None:  # a table's own recommendation: its credit names the table
        where.append(para(ctx.table_name.get(item.table_id, item.table_id), inline=True))
    who = []
    credits = ctx.credits(item)
    if table is not None:
        who.append(L("fields.table_recommendation_by" if table.rapporteur else "fields.table_recommendation",
                     table=para(table.name, inline=True),
                     rapporteur=para(unbracketed(table.rapporteur or ""), inline=True)))
        credits = [c for c in credits if c != table.name]
    if credits == [ctx.anonymous]:  # "Sent by Anonymous" read as a person called so
        who.append(L("fields.provenance_anonymous"))
    elif credits:  # one of several who chose no credit is one more sender, not someone called "Anonymous"
        named = [L("fields.provenance_unnamed") if c == ctx.anonymous else para(ctx.in_sentence(c), inline=True)
                 for c in credits]
        who.append(L.plural("fields.provenance_sent", len(credits), credits=joined(ctx, named, lower=False)))
    also = ctx.also_refs(item)
    if also:
        # a table's recommendation consolidates its members' ones; the moderators merge near-duplicates (the
        # summary's counts tell the two apart, so the entries do too)
        refs = format_list(also, locale=L.locale)
        if ctx.has_register:
            key = "fields.provenance_consolidates" if item.consolidated else "fields.provenance_merges"
        else:  # a table's minutes list those items themselves and have no Annex B to point to
            key = "fields.gathers_consolidated" if item.consolidated else "fields.gathers"
        who.append(L(key, refs=refs))
    sentences = [", ".join(where), "; ".join(who)]
    if item.status == "submitted" and item.kind != "recommendation":
        sentences.append(ctx.status(item))
    return " ".join(f"{s[:1].upper()}{s[1:]}." for s in sentences if s)


RENDER = {"challenge": challenge, "good_practice": good_practice}


def render(ctx: ReportContext, item: Item) -> Paragraph:
    """A challenge or a good practice as one paragraph (recommendations: `recommendation`)."""
    return RENDER[item.kind](ctx, item)


def register_entry(ctx: ReportContext, item: Item) -> list[Run]:
    """An entry of Annex B, a register the secretariat publishes, as one sentence: the reference, its level,
    dimensions and table in brackets, who sent it and on what day, and what became of it with the page where it
    is printed ("C-1 (individual level, economic dimension; Group A), sent by Belize on 15 November 2026;
    published (p. 9)."), never the kind its heading already says; "Level: Individual. Dimension: Economic.
    Table: Group A. Published." read as a database record, and gave no page (session 8's readings, EN 8, ES 6).
    Call it at layout (`page_of`). The text only of merged items and those a table's
    recommendation consolidated, which the body does not show, with the item they live on in. "R-1 · Reto ·
    Individual · … · 14 nov 2026" read as a database row (session 7's readings, ES 1-2, EN 6-7). Plain runs for
    `PlainLines`: no markup, no escaping."""
    L, font = ctx.labels, ctx.font
    table = _table_of(ctx, item)
    about = []
    if item.level_id:
        about.append(L("register.level", level=one_line(lowered(ctx.level_name.get(item.level_id, item.level_id)),
                                                        200)))
    if item.dimension_ids:
        names = [lowered(ctx.dimension_name.get(i, i)) for i in in_workshop_order(ctx, item.dimension_ids)]
        about.append(L.plural("register.dimensions", len(names),
                              names=one_line(format_list(names, locale=L.locale))))
    inner = ", ".join(about)
    if item.table_id and table is None:  # a table's own recommendation: its credit names the table
        inner += ("; " if inner else "") + one_line(ctx.table_name.get(item.table_id, item.table_id), 200)
    if not item.published and item.status != "rejected":
        survivor = ctx.survivor(item.id)
        key = "merged_into" if item.status == "merged" else "consolidated_into"
        status = L(f"status.{item.kind}.{key}", ref=ctx.ref(survivor)) if survivor else ctx.status_plain(item)
    else:
        status = ctx.status_plain(item)
    status = status[:1].lower() + status[1:]
    page = ctx.page_of(item) if item.published else None  # where it is printed: a row of the roadmap table
    if page is not None:
        status += " " + L("roadmap.on_page", page=page).replace(" ", NBSP)
    date = ctx.day(item.created_at)
    if table is not None:
        name = one_line(table.name, 200)
        sent = (L("register.sent_by_table_by", table=name, date=date,
                  rapporteur=one_line(unbracketed(table.rapporteur), fallback=True))
                if table.rapporteur else L("register.sent_by_table", table=name, date=date))
    elif item.credit:
        sent = L("register.sent_by", credit=one_line(ctx.in_sentence(item.credit), fallback=True), date=date)
    else:
        sent = L("register.sent_by_anonymous", date=date)
    line = f" {sent}; {status}."
    # Where its words come from only where that informs ("original in Spanish", "machine translation"): the
    # edition's own language named on every entry told the reader nothing. In italic parentheses after the words
    # (`ReportContext.text_mark`): the text of an entry quoted here, or the reference of one whose text the
    # body shows (after the credit, as one more fact, it read as a word on the person).
    note = ctx.original_language(item)
    # Names and texts in other scripts are drawn in a fallback font that has them. A quoted text comes first,
    # as in the body's entries: after the date it read as one more fact. The mark opens the bracket of the
    # entry's facts, quoted or not: "C-1 (original in Spanish) (individual level…)" read as two asides.
    quoted = [] if item.published else runs(" " + ctx.quote(item.text, plain=True), font.regular)
    if item.published and item.kind == "good_practice" and item.name:
        # A practice is known by its name, short and the body's own heading for it: "G-20 Guate te incluye
        # (individual level…)"; the bare reference sent the reader to the body to learn which one it was.
        quoted = runs(" " + one_line(item.name, 200, fallback=True), font.regular)
    if note:
        bracket = [(" (", font.regular), (note, font.italic), *runs(f"; {inner})" if inner else ")", font.regular)]
    else:
        bracket = runs(f" ({inner})" if inner else "", font.regular)
    return [(ctx.ref(item), font.bold), *quoted, *bracket, (",", font.regular), *runs(line, font.regular)]


def _table_of(ctx: ReportContext, item: Item):
    """The table whose own recommendation `item` is (consolidated by its rapporteur, credited to the table),
    else None."""
    if not item.consolidated or not item.table_id:
        return None
    table = ctx.table.get(item.table_id)
    return table if table is not None and item.credit == table.name else None


def author(ctx: ReportContext, item: Item) -> str:
    """Who sent it, for the minutes' lines: a table's own recommendation is credited to the table as the body
    credits it, with its rapporteur ("Mesa del Grupo B (relatoría: Karla Menjívar, El Salvador)"); "Mesa del
    Grupo B (relatoría)" named the role and not the person (session 7's ES reading, point 1)."""
    table = _table_of(ctx, item)
    if table is not None:
        if table.rapporteur:
            return ctx.labels("fields.table_author_by", table=table.name, rapporteur=unbracketed(table.rapporteur))
        return ctx.labels("fields.table_author", table=table.name)
    return item.credit or ctx.anonymous


def registers(ctx: ReportContext, entries: list[list[Run]], bullet: bool = False,
              size: float | None = None, left: float = 0,
              make: Callable[[], list[list[Run]]] | None = None) -> PlainLines:
    """`left`: how far the list sits in from the margin (a list among entries, in line with them); `make`:
    the entries made at layout, where they quote pages (see `PlainLines`)."""
    font = ctx.font
    if bullet:
        return PlainLines(entries, 8.5, 11, indent=14, bullet="•", face=font.regular, left=left, make=make)
    if size:
        return PlainLines(entries, size, size * 1.3)
    return PlainLines(entries, 7.5, 9.5)
