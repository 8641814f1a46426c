"""Annexes: who took part (countries and organisations; those who ran the workshop and the tables' rapporteurs
one by one, with their role, as each chose to be credited for it), the register of every contribution and the
acronyms the document uses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from babel.lists import format_list
from reportlab.platypus import Flowable, Table, TableStyle

import content
from reports import items as render
from reports.context import ACRONYM, ReportContext
from reports.model import KINDS, Commitment, Item
from reports.progress_labels import progress_labels
from reports.text import looks_like_name, para, runs


def participants(ctx: ReportContext) -> list[Flowable]:
    """The countries and organisations whose people registered (not every one the workshop invited), counted as
    the summary counts them: those who ran the workshop (moderators, the secretariat) are not a delegation or
    an organisation that took part, so they are listed apart, each with what they did, outside the counts; so are
    the rapporteurs, delegates who wrote their table's synthesis."""
    L, workshop = ctx.labels, ctx.data.workshop
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.annexes"), 0),
                             ctx.heading(L("sections.annex_participants"), 1)]
    took_part = [p for p in ctx.data.participants if not p.staff]
    countries = {p.country_id for p in took_part if p.country_id}
    organisations = {p.organisation_id for p in took_part if p.organisation_id}
    # What the annex lists, said under its heading (after the lists, it was stranded on the next page, above
    # Annex B: issue 12, second reading, point 13).
    listed: list[Flowable] = []
    # "7 organisations:", as the summary counts them: "Organisations (7):" read as a heading with a bare count
    # (session 8)
    for key, known, present in (("fields.annex_countries", workshop.countries, countries),
                                ("fields.annex_organisations", workshop.organisations, organisations)):
        names = sorted((entry.name for entry in known if entry.id in present), key=content.name_order)
        if names:
            listed.append(ctx.p(f"<b>{L.plural(key, len(names))}:</b> {para(', '.join(names))}"))
    staff = _staff_lines(ctx)
    if staff:
        listed.append(ctx.p(f"<b>{ctx.staff_label('summary.staff')}</b> ({len(staff)}):"))
        listed.append(render.registers(ctx, staff, bullet=True))
    rapporteurs = [[(f"{table.name}: ", ctx.font.bold),
                    *runs(table.rapporteur, ctx.font.regular)]
                   for table in workshop.tables if table.rapporteur]
    if rapporteurs:
        listed.append(ctx.p(f"<b>{L('fields.staff_rapporteurs')}</b>:"))
        listed.append(render.registers(ctx, rapporteurs, bullet=True))
    if not listed:
        return [*story, ctx.p(L("fields.no_participants"), ctx.styles.small)]
    return [*story, ctx.p(ctx.staff_label("fields.annex_participants_note"), ctx.styles.intro), *listed]


STAFF_ROLES = ("secretariat", "moderator", "translator")


def _staff_lines(ctx: ReportContext) -> list[list]:
    """One line per person who ran the workshop, each once: what they did (the secretariat, a table's
    moderation, translation; every role of someone who held several) and how they chose to be credited for it,
    by name ("Jorge Castro (OIM)") or, by default, by the short name of whom they speak for ("OIT"), as the
    method section and the minutes credit them. The secretariat first, then the tables in order, translators
    last; people before institutions would mix the two kinds of credit in one sorted list."""
    L = ctx.labels
    tables = {table.id: (n, table.name) for n, table in enumerate(ctx.data.workshop.tables)}

    def order(person) -> tuple:
        first = min(((STAFF_ROLES.index(role) if role in STAFF_ROLES else len(STAFF_ROLES),
                      tables.get(code or "", (len(tables), ""))[0]) for role, code in person.roles),
                    default=(len(STAFF_ROLES) + 1, 0))
        return (*first, (person.credit or "").casefold())

    lines = []
    for person in sorted((p for p in ctx.data.participants if p.staff), key=order):
        credit = person.credit or (ctx.country_name.get(person.country_id, "") if person.country_id else
                                   ctx.organisation_short.get(person.organisation_id or "", ""))
        if not credit and not person.roles:
            continue
        credit = credit or L("fields.staff_uncredited")  # a translator asked only for a name: counted, still
        held = sorted((r for r in person.roles if r[0] in STAFF_ROLES),
                      key=lambda r: (STAFF_ROLES.index(r[0]), tables.get(r[1] or "", (len(tables), ""))[0]))
        did = [L(f"fields.staff_{role}", table=tables.get(code or "", (0, code or ""))[1]) for role, code in held]
        head = [(f"{'; '.join(did)}: ", ctx.font.bold)] if did else []
        lines.append([*head, *runs(credit, ctx.font.regular)])
    return lines


def register(ctx: ReportContext) -> list[Flowable]:
    """Every contribution but the rejected ones, by kind then id; merged ones point to their survivor. In the
    type of the body's lists: at 7.5 pt three pages of it could not be read in print (session 7's EN reading,
    point 7)."""
    L = ctx.labels
    story: list[Flowable] = [ctx.heading(L("sections.annex_items"), 1)]
    # Notes between two headings: kept with what follows (`intro`), or the first is left alone.
    story.append(ctx.p(L("register.note"), ctx.styles.intro))
    rejected = Counter(item.status for item in ctx.data.items)["rejected"]
    if rejected:
        story.append(ctx.p(L.plural("register.rejected", rejected), ctx.styles.intro))
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
            # As the document's other lists (Annex A's): 8.5 pt, each entry under its bullet, so that one
            # entry's second line does not read as the next one.
            # Made at layout: each entry gives the page where its item is printed, known by then.
            story.append(render.registers(
                ctx, [], bullet=True, make=lambda found=found: [render.register_entry(ctx, item) for item in found]))
    return story


def commitments(ctx: ReportContext) -> list[Flowable]:
    """The commitments made at the joint reading, by recommendation and with the roadmap's numbers, so the
    progress reports that follow can be read against it; nothing when none was made there. Part of the roadmap
    proper, right after its tables (`roadmap.sections`): after the register of every item, under the annexes
    but with no letter, it was far from the actions it commits to (issue 12's reading, finding 30)."""
    made = [c for c in ctx.data.commitments if c.at_reading]
    if not made:
        return []
    P = progress_labels(ctx.data.language)
    by_item: dict[int, list[Commitment]] = {}
    for c in made:
        by_item.setdefault(c.recommendation_id, []).append(c)
    # How many of the adopted ones received commitments: "to each adopted recommendation" overclaimed where 2
    # of 22 had one (issue 12, second reading, point 10).
    adopted = sum(1 for item in ctx.data.items if item.kind == "recommendation" and ctx.in_roadmap(item))
    committed = sum(1 for item_id in by_item if item_id in ctx.items_by_id)
    intro = P.plural("annex.intro_all" if committed >= adopted else "annex.intro", committed, adopted=adopted)
    story: list[Flowable] = [ctx.heading(P("annex.title"), 1), ctx.p(intro, ctx.styles.intro)]
    for item_id in sorted(by_item):
        item = ctx.items_by_id.get(item_id)
        if item is None:
            continue
        story.append(ctx.p(f"<b>{ctx.ref(item)}</b>  {para(ctx.short_title(item), inline=True)}<br/>"
                           f"{committed_line(ctx, item, by_item[item_id])}", ctx.styles.item))
    return story


def committed_line(ctx: ReportContext, item: Item, made: list[Commitment]) -> str:
    """What was committed, as far as the bot stores it: who, on which day, to carry out the action as adopted,
    with its scope and timeframe (a commitment has no text of its own), one sentence for the parties of one day
    ("On 2 December 2026 Guatemala and Mexico committed to carry out this action as adopted, at national level
    and in the short term.";
    "Guatemala (on 2 December 2026): committed to …" read as a log, session 8's reading, EN 15); its progress
    is in the progress report.
    "Guatemala" alone under the action's title did not say what Guatemala had committed to (issue 12, third
    reading, point 10)."""
    L = ctx.labels
    terms = [L("fields.committed_scope", scope=para(ctx.choice("scope", item.scope), inline=True))] \
        if item.scope else []
    if item.timeframe:  # "en el ámbito nacional y a plazo corto" / "at national level and in the short term"
        terms.append(L("fields.committed_timeframe",
                       timeframe=para(ctx.choice("timeframe", item.timeframe), inline=True)))
    said = format_list(terms, locale=L.locale) if terms else ""
    # The parties that committed on one day share one sentence ("Guatemala and Mexico committed …"): the same
    # sentence once per country read as a log.
    by_day: dict[str | None, list[str]] = {}
    for c in sorted(made, key=lambda c: content.name_order(c.party_name)):
        by_day.setdefault(ctx.day(c.made_at) if c.made_at else None, []).append(
            para(ctx.in_sentence(c.party_name), 300, inline=True))
    sentences = []
    for day, names in by_day.items():
        party = format_list(names, locale=L.locale)
        if day:
            key = "fields.committed_on_terms" if said else "fields.committed_on"
            sentences.append(L.plural(key, len(names), party=party, date=day, terms=said))
        else:
            key = "fields.committed_terms" if said else "fields.committed"
            sentences.append(L.plural(key, len(names), party=party, terms=said))
    sentences = [s[:1].upper() + s[1:] for s in sentences]  # "The United States committed …"
    # In the body's type: what was committed is the content of this section, not a grey note on it.
    return " ".join(sentences)


_SHORT = re.compile(r"(?<![\w-])[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑ]*[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9-]*(?![\w-])")
_CLAUSE = re.compile(r"^.*(?:[.:;,]\s+|^)", re.S)


def _spelled_out(text: str) -> Iterable[tuple[str, str]]:
    """("FMMD", "Foro Mundial sobre Migración y Desarrollo") for each "… (FMMD)" in `text`: the words before the
    parentheses back to the start of their clause, if they look like a name (two words or more, capitalised)."""
    for match in ACRONYM.finditer(text):
        before = text[:match.start()].rstrip()
        clause = before[_CLAUSE.match(before).end():] if before else ""
        words = clause.split()
        if 2 <= len(words) <= 14 and clause[:1].isupper():
            yield match.group(1), clause


def _leaves(node) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, Mapping):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _leaves(value)


def acronyms(ctx: ReportContext) -> list[Flowable]:
    """The acronyms the document uses, each with what it stands for: the organisations' own (from their
    names), those the text spells out in parentheses, the labels' glossary for those it never spells out, and
    last those a good practice's name spells out ("Unidades Municipales de Atención al Migrante Retornado
    (UMAR)": the body said UMAR and the list did not, session 8); only those that appear in the document are
    listed."""
    L, workshop = ctx.labels, ctx.data.workshop
    meaning: dict[str, str] = {}
    for org in workshop.organisations:
        short = ctx.organisation_short.get(org.id)
        if short and short != org.name:
            meaning.setdefault(short, re.sub(r"\s*\([^)]*\)\s*$", "", org.name))
    named = [*workshop.organisers, *_leaves(ctx.data.briefing.get("sources")),
             *_leaves(ctx.data.briefing.get("frameworks"))]
    for text in named:
        for short, long in _spelled_out(text):
            meaning.setdefault(short, long)
    glossary = L.raw("acronyms.glossary") or ()
    for entry in glossary:
        meaning.setdefault(str(entry.get("short", "")), str(entry.get("long", "")))
    for short, long in _named_practices(ctx):
        meaning.setdefault(short, long)
    corpus = [*named, *_leaves(ctx.data.briefing), workshop.title, workshop.subtitle,
              *(m for t in workshop.tables for m in t.moderators),
              *(o.name for o in workshop.organisations if o.id in _present_organisations(ctx))]
    corpus += [text for item in ctx.data.items if item.published for text in _in_edition(item, ctx.data.language)]
    used = set()
    for text in corpus:
        used.update(_SHORT.findall(ctx.org_term(text) if len(text) < 40 else text))
    shown = sorted(((s, m) for s, m in meaning.items() if s in used and m), key=lambda e: e[0].casefold())
    if not shown:
        return []
    S = ctx.styles
    rows = [[ctx.p(f"<b>{para(short, 40)}</b>", S.cell), ctx.p(para(m, 300), S.cell)] for short, m in shown]
    table = Table(rows, colWidths=(70, 400), hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), ctx.font.regular, 8.5), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return [ctx.part(), ctx.heading(L("sections.acronyms"), 0), table]


def _named_practices(ctx: ReportContext) -> Iterable[tuple[str, str]]:
    """The acronyms the published good practices' names spell out, in the edition's own words. Only a name, and
    only where the words before the parentheses read as one (`looks_like_name`): a participant's sentence
    ("Fortalecer la red (RED)") would give the sentence as what the acronym stands for."""
    for item in ctx.data.items:
        if item.kind == "good_practice" and item.published and (
                item.text_origin != "missing" or item.language == ctx.data.language):
            for short, long in _spelled_out(item.name):
                if looks_like_name(long):
                    yield short, long


def _in_edition(item, language: str) -> Iterable[str]:
    """An item's words printed in the edition's language: an original quoted in another language (a merged
    item nobody translated, "original in Spanish") may say "CRM" where the English edition says RCM, and the
    acronyms an edition lists are its own."""
    if item.text_origin != "missing" or item.language == language:
        yield item.text
    for name in ("where", "run_by", "achieved"):
        origin, written_in = item.field_origin(name)
        if origin != "missing" or written_in == language:
            yield getattr(item, name)
    yield item.credit or ""


def _present_organisations(ctx: ReportContext) -> set[str]:
    present = {p.organisation_id for p in ctx.data.participants if p.organisation_id}
    present |= {i.organisation_id for i in ctx.data.items if i.organisation_id}
    return present
