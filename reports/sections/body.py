"""The roadmap's body: the mapping by level and dimension, the vulnerable groups, the actions under way, the
recommendations by level and the conclusions.

Items are bucketed in one pass over the data and rendered once each in the mapping; the "under way" lists and the
vulnerable groups repeat items as one-line references only, so that the document grows with the items, not with
their square. The same text sent by several delegations and not merged is shown once (`ReportContext.twins`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from babel import Locale
from babel.lists import format_list
from reportlab.platypus import Flowable

from reports import items as render
from reports.context import ReportContext, name_list
from reports.document import KeepShort
from reports.labels import load_labels
from reports.lines import PlainLines
from reports.model import Item
from reports.sections import editorial
from reports.sections.briefing import dimension_intro, level_intro
from reports.sections.front import listed_apart
from reports.text import NBSP, one_line, para, runs

WHOLE = 5000  # a text limit above any item's (MAX_TEXT_LENGTH): one-line lists show the text in full

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
        if item.published and item.kind != "recommendation" and item.id not in ctx.twin_of:
            level_id = _level_key(ctx, item)
            first, *others = _dimension_keys(ctx, item)
            buckets[level_id, first][item.kind].append(item)
            for dim in others:
                buckets[level_id, dim][f"{item.kind}:see"].append(item)
    dimensions = [(dim.id, dim.name) for dim in ctx.data.workshop.dimensions]
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.mapping"), 0)]
    known = {level.id for level in ctx.data.workshop.levels}
    for stray in dict.fromkeys(s.level_id for s in ctx.data.syntheses if s.level_id not in known):
        story += editorial.syntheses(ctx, stray)  # a table of no level the workshop knows: before the levels
    for level_id, level_name in _levels(ctx, (level for level, _ in buckets)):
        story.append(ctx.heading(level_name, 1))
        # What the level means first, then what its tables concluded: after the synthesis, the definition
        # read as an afterthought (issue 12's reading, finding 31).
        story += level_intro(ctx, level_id)
        if level_id != OTHER:
            story += editorial.syntheses(ctx, level_id)
        dims = dimensions + ([(OTHER, L("fields.other_dimension"))] if (level_id, OTHER) in buckets else [])
        if level_id == OTHER:  # items without a level: only the dimensions they name
            dims = [(d, name) for d, name in dims if (OTHER, d) in buckets]
        for dim_id, dim_name in dims:
            story.append(ctx.heading(dim_name, 2))
            story += dimension_intro(ctx, level_id, dim_id)
            found = buckets.get((level_id, dim_id), {})
            if not found:  # said as a sentence: "Sin aportes." alone under a heading read as a field
                story.append(ctx.p(L("fields.no_items_dimension"), ctx.styles.small))
            for kind in ("challenge", "good_practice"):
                if found.get(kind) or found.get(f"{kind}:see"):
                    story.append(ctx.p(L("kinds." + kind), ctx.styles.h4))
                    story += [render.render(ctx, item) for item in found.get(kind, ())]
                if found.get(f"{kind}:see"):
                    story.append(_see_also(ctx, found[f"{kind}:see"]))
    return story


def _see_also(ctx: ReportContext, found: list[Item]) -> Flowable:
    """"C-11 and C-12 also concern this dimension; they are set out under Economic (p. 9).": one sentence per
    dimension they are set out under, with its page, in line with the entries it follows. "• C-11 → see
    Economic" read as database output (session 8's ES reading, point 18). Made at layout: the pages are known
    by then (the entries it points to come before it or are on the same pass's pages)."""
    by_first: dict[str, list[Item]] = defaultdict(list)
    for item in found:
        by_first[_dimension_keys(ctx, item)[0]].append(item)

    def make() -> list:
        L, entries = ctx.labels, []
        for first, items in by_first.items():
            # every item's page, not the first one's: C-35 a page after C-19 was sent to C-19's page
            pages = sorted({p for p in (ctx.page_of(item) for item in items) if p is not None})
            if len(pages) > 1:
                on_page = " " + L("roadmap.on_pages", first=pages[0], last=pages[-1]).replace(" ", NBSP)
            elif pages:
                on_page = " " + L("roadmap.on_page", page=pages[0]).replace(" ", NBSP)
            else:
                on_page = ""
            refs = format_list([ctx.ref(item) for item in items], locale=L.locale)
            said = L.plural("fields.see_also", len(items), refs=refs, page=on_page,
                            dimension=ctx.dimension_name.get(first, first))
            entries.append(list(runs(one_line(said, 1000), ctx.font.regular)))
        return entries

    return PlainLines([], 8.5, 11, face=ctx.font.regular, left=ctx.styles.item.leftIndent,
                      make=make)


VULNERABLE_KINDS = ("challenge", "good_practice", "recommendation")


# A vulnerable group up to this tall (a third of a page) is kept on one page, its actions with its challenges.
GROUP_WHOLE = 240


def vulnerable_groups(ctx: ReportContext) -> list[Flowable]:
    """The groups the concept note asks to protect, drawn together: under each group (in the briefing's order),
    what names it among those most affected, the problem beside the answers (its challenges, the practices that
    serve it, the actions of the roadmap that target it: adopted ones only once the reading has ended), each
    with its level; then other groups people named in their own words."""
    L = ctx.labels
    named: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    other: list[tuple[Item, str]] = []
    for item in ctx.data.items:
        if not item.published or item.id in ctx.twin_of or not ctx.in_roadmap(item):
            continue
        family = (item, *ctx.twins.get(item.id, ()), *ctx.absorbed.get(item.id, ()))
        groups = dict.fromkeys(g for member in family for g in member.group_ids)
        for group in groups:
            named[group][item.kind].append(item)
        typed = dict.fromkeys(m.groups_other.strip() for m in family if m.groups_other.strip())
        if typed:
            other.append((item, "; ".join(typed)))
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.vulnerable"), 0)]
    if not named and not other:
        return [*story, ctx.p(L("fields.vulnerable_none"))]
    story.append(ctx.p(L("fields.vulnerable_note"), ctx.styles.intro))  # kept with what it introduces
    known = list(ctx.group_name)
    for group in [*known, *sorted(set(named) - set(known))]:
        if named.get(group):
            block: list[Flowable] = [ctx.heading(ctx.group_name.get(group, group), 1, in_toc=False)]
            for kind in VULNERABLE_KINDS:
                if named[group].get(kind):
                    label = "fields.vulnerable_actions" if kind == "recommendation" and ctx.data.final \
                        else f"kinds.{kind}"
                    block.append(ctx.p(L(label), ctx.styles.h4))
                    block.append(_item_lines(ctx, _by_level(ctx, named[group][kind])))
            if not named[group].get("recommendation"):  # the gap said, not left for the reader to notice
                block.append(ctx.p(L("fields.vulnerable_no_action" if ctx.data.final
                                     else "fields.vulnerable_no_action_draft"), ctx.styles.small))
            story.append(KeepShort(block, GROUP_WHOLE))  # a short group on one page, with its actions
    unnamed = [ctx.group_name[g] for g in known if not named.get(g)]
    if unnamed:
        story.append(ctx.p(L("fields.vulnerable_unnamed", groups=para(name_list(unnamed))), ctx.styles.small))
    if other:
        story.append(ctx.heading(L("fields.vulnerable_other"), 1, in_toc=False))
        entries = []
        for item, text in other:
            line = f" {one_line(ctx.short_title(item), fallback=True)} — {one_line(text, 300, fallback=True)}"
            entries.append([(ctx.ref(item), ctx.font.bold), *runs(line, ctx.font.regular)])
        story.append(render.registers(ctx, entries, bullet=True))
    return story


def _by_level(ctx: ReportContext, found: list[Item]) -> list[Item]:
    """In the workshop's order of levels (individual, community, structural), as the mapping reads."""
    order = {level.id: n for n, level in enumerate(ctx.data.workshop.levels)}
    return sorted(found, key=lambda item: order.get(item.level_id, len(order)))


def _item_lines(ctx: ReportContext, found: list[Item]) -> Flowable:
    """One bulleted line per item: its references, the start of its text and its level, labelled as the
    practices' lines label it (a bare "· Individual" did not say what it was); the entry itself, in full, is in
    the mapping under that level, or among the recommendations."""
    entries = []
    for item in found:
        refs = ctx.ref(item)
        others = ctx.also_refs(item)
        if others:  # not actions of their own: the reader looking for "Rec-61" finds it inside Rec-91's line
            key = "fields.gathers_consolidated" if item.consolidated else "fields.gathers"
            refs += f" ({ctx.labels(key, refs=', '.join(others))})"
        line = " " + one_line(ctx.short_title(item), fallback=True)
        if item.level_id:
            level = ctx.level_name.get(item.level_id, item.level_id)
            line += f" ({one_line(_level_words(ctx, [level]), 200)})"
        entries.append([(refs, ctx.font.bold), *runs(line, ctx.font.regular)])
    return render.registers(ctx, entries, bullet=True)


def _level_words(ctx: ReportContext, levels: list[str]) -> str:
    """"community level", "individual and community levels" ("nivel comunitario"): a level said in words in a
    one-line entry's brackets; "· Level: Community" ended every line as a field (session 8's reading, EN 12)."""
    L = ctx.labels
    names = format_list([render.lowered(name) for name in levels], locale=L.locale)
    return L("fields.level_of", level=names) if len(levels) == 1 else L("fields.levels_of", levels=names)


def _folded(text: str) -> str:
    """Lower case without accents, so "Canadá" is found in "CANADA" and "Mexico" in "México"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class _Finder:
    """Finds the workshop's countries and organisations named in free text (a good practice's "where" and
    "run by"): by their names in any of the workshop's languages, accents and case aside, and by the
    organisations' short names (OIM, IOM), case and all."""

    def __init__(self, ctx: ReportContext):
        workshop = ctx.data.workshop
        self.names: dict[str, tuple[str, str]] = {}
        self.shorts: dict[str, str] = {}
        for country in workshop.countries:
            for name in (country.name, *country.aliases):
                if name:
                    self.names.setdefault(_folded(name), ("country", country.id))
        for org in workshop.organisations:
            for name in (org.name, *org.aliases):
                if not name:
                    continue
                if name.isupper() and " " not in name:
                    self.shorts.setdefault(name, org.id)
                else:
                    self.names.setdefault(_folded(re.sub(r"\s*\([^)]*\)\s*$", "", name)), ("organisation", org.id))
            short = ctx.organisation_short.get(org.id)
            if short and short != org.name:
                self.shorts.setdefault(short, org.id)
        self._names = _alternation(self.names)
        self._shorts = _alternation(self.shorts)

    def find(self, *texts: str) -> tuple[list[str], list[str]]:
        """(country ids, organisation ids) named in `texts`, each once, in the order found."""
        countries: dict[str, None] = {}
        organisations: dict[str, None] = {}
        for text in texts:
            if not text:
                continue
            if self._names is not None:
                for match in self._names.finditer(_folded(text)):
                    kind, key = self.names[match.group(0)]
                    (countries if kind == "country" else organisations)[key] = None
            if self._shorts is not None:
                for match in self._shorts.finditer(text):
                    organisations[self.shorts[match.group(0)]] = None
        return list(countries), list(organisations)


def _alternation(words) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)")


# CLDR codes that are no country a good practice runs in (the EU, the UN, "unknown") or whose name is also a
# common word ("Reunión").
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "RE"})


def _place(text: str) -> str:
    """Accents and typographic apostrophes aside, case kept: "Côte d’Ivoire" is found in "Cote d'Ivoire", and a
    country's capitalised name is not taken for a word ("Georgia", not "georgia")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class _Elsewhere:
    """Countries outside the workshop named in a good practice's "where" (Serbia, Côte d'Ivoire), by their CLDR
    names in the workshop's languages, each shown in the edition's; and the region as one ("Países miembros de
    la CRM", "RCM member countries"), by the workshop's own name of it in any language."""

    def __init__(self, ctx: ReportContext):
        workshop = ctx.data.workshop
        members = {_folded(n) for c in workshop.countries for n in (c.name, *c.aliases) if n}
        members |= {c.id for c in workshop.countries}
        self.name: dict[str, str] = {}
        self.names: dict[str, list[str]] = defaultdict(list)  # in every language
        self.code: dict[str, str] = {}
        shown = Locale.parse(ctx.data.language).territories
        # the names of the world's countries in each of the workshop's languages (Spanish and English if it says none)
        for language in dict.fromkeys((ctx.data.language, *(workshop.languages or ("es", "en")))):
            for code, name in Locale.parse(language).territories.items():
                if (len(code) == 2 and code.isalpha() and code not in _NOT_PLACES and code not in members
                        and _folded(name) not in members):
                    self.code.setdefault(_place(name), code)
                    self.name.setdefault(code, shown.get(code, name))
                    self.names[code].append(name)
        self._countries = _alternation(self.code)
        region = [n for n in (workshop.region, *workshop.region_aliases) if n]
        self._region = _alternation({_folded(n) for n in region})

    def countries(self, *texts: str) -> list[str]:
        """The CLDR codes of the countries outside the workshop that `texts` name, once each, in order."""
        found: dict[str, None] = {}
        for text in texts:
            if text and self._countries is not None:
                found.update((self.code[m.group(0)], None) for m in self._countries.finditer(_place(text)))
        return list(found)

    def region(self, *texts: str) -> bool:
        return self._region is not None and any(self._region.search(_folded(t)) for t in texts if t)


class _Subregions:
    """The parts of the region that are no one country ("Norte de Centroamérica", "Northern Central America"),
    named in the report's texts (`places.subregions`, the same place at the same position in every language):
    a practice that runs across one is listed under it, in the edition's words, among the countries, so that
    every practice run in the region is in that list (issue 12, third reading, point 2: three of them were
    only under their organisation)."""

    def __init__(self, ctx: ReportContext):
        shown = ctx.labels.raw("places.subregions") or []
        self.name: list[str] = list(shown)
        self.names: list[list[str]] = [[name] for name in shown]  # in every language
        names: dict[str, int] = {}
        for language in dict.fromkeys((ctx.data.language, *(ctx.data.workshop.languages or ()))):
            for n, name in enumerate(load_labels(language).raw("places.subregions") or []):
                if n < len(shown):
                    names.setdefault(_folded(name), n)
                    self.names[n].append(name)
        self._index = names
        self._names = _alternation(names)

    def find(self, *texts: str) -> int | None:
        """The first subregion `texts` name (the longest name where one holds another), or None."""
        for text in texts:
            found = self._names.search(_folded(text)) if text and self._names is not None else None
            if found:
                return self._index[found.group(0)]
        return None


def under_way(ctx: ReportContext) -> list[Flowable]:
    """Good practices grouped by where they run, as their "where" and "run by" say: in the region (the region as
    one, where a practice runs across it, then each member country, then each organisation that runs them), and
    apart, the examples from outside the region that delegations cited, by country. One that names no place or
    organisation is placed with the delegation that presented it (a delegation presents its own country's
    practices), and one with no such clue is listed apart. The same practice sent by several delegations is one
    entry."""
    L = ctx.labels
    finder, elsewhere, subregions = _Finder(ctx), _Elsewhere(ctx), _Subregions(ctx)
    first: dict[str, Item] = {}
    same: dict[int, list[Item]] = defaultdict(list)
    for item in ctx.data.items:
        if item.kind != "good_practice" or not item.published:
            continue
        key = " ".join(re.findall(r"\w+", item.name.casefold())) or f"#{item.id}"
        if key in first:
            same[first[key].id].append(item)
        else:
            first[key] = item
    regional: list[Item] = []
    by_country: dict[str, list[Item]] = defaultdict(list)
    by_subregion: dict[int, list[Item]] = defaultdict(list)
    by_org: dict[str, list[Item]] = defaultdict(list)
    abroad: dict[str, list[Item]] = defaultdict(list)
    unknown: list[Item] = []
    for item in first.values():
        family = [item, *same.get(item.id, ())]
        texts = [text for m in family for text in (m.where, m.run_by)]
        countries, organisations = finder.find(*texts)
        across = elsewhere.region(*texts)
        outside = [] if countries or across else elsewhere.countries(*(m.where for m in family))
        if outside:  # an example from elsewhere, as such: not among the region's actions, nor its organisations'
            for country in outside:
                abroad[country].append(item)
            continue
        part = None if countries or across else subregions.find(*(m.where for m in family))
        if part is not None:  # a place, as a country is: not the presenting delegation's
            by_subregion[part].append(item)
        elif not countries and not organisations and not across:
            presenters = [m for m in family if m.country_id or m.organisation_id]
            countries = list(dict.fromkeys(m.country_id for m in presenters if m.country_id))
            organisations = [] if countries else list(dict.fromkeys(m.organisation_id for m in presenters))
        if across:  # run across the region: listed as the region's, not under a country it also names (where
            regional.append(item)  # it was adopted, the office it is run from)
            countries = []
        for country in countries:
            by_country[country].append(item)
        for organisation in organisations:
            by_org[organisation].append(item)
        if not countries and not organisations and not across and part is None:
            unknown.append(item)
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.under_way"), 0),
                             ctx.p(L("fields.under_way_note"), ctx.styles.intro)]  # never alone at a page foot
    story.append(ctx.heading(L("sections.by_country"), 1))
    workshop = ctx.data.workshop
    if regional:
        story.append(ctx.heading(workshop.region, 2))
        story.append(_practices(ctx, regional, same, (workshop.region, *workshop.region_aliases)))
    for part in sorted(by_subregion, key=lambda n: subregions.name[n].casefold()):
        story.append(ctx.heading(subregions.name[part], 2))
        story.append(_practices(ctx, by_subregion[part], same, subregions.names[part]))
    if not by_country and not regional and not by_subregion:
        story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
    countries = {country.id: (country.name, *country.aliases) for country in workshop.countries}
    for key in sorted(by_country, key=lambda k: ctx.country_name.get(k, k).casefold()):
        story.append(ctx.heading(ctx.country_name.get(key, key), 2))
        story.append(_practices(ctx, by_country[key], same, countries.get(key, (key,))))
    # Only the organisations that took part (observers and guests), as the heading and the note say: a
    # government's, a municipality's or the region's own practices are under their country or region, not
    # repeated under a second heading naming the same country (session 7's readings).
    story.append(ctx.heading(L("sections.by_organisation"), 1))
    if not by_org:
        story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
    organisations = {org.id: (org.name, *org.aliases, ctx.organisation_short.get(org.id, ""))
                     for org in workshop.organisations}
    for key in sorted(by_org, key=lambda k: ctx.organisation_name.get(k, k).casefold()):
        story.append(ctx.heading(ctx.organisation_name.get(key, key), 2))
        story.append(_practices(ctx, by_org[key], same, organisations.get(key, (key,))))
    if unknown:
        story.append(ctx.heading(L("fields.other_origin"), 2))
        story.append(_practices(ctx, unknown, same))
    if abroad:
        story.append(ctx.heading(L("sections.elsewhere"), 1))
        # with the heading above and the first country's heading below, never alone
        story.append(ctx.p(L("fields.elsewhere_note"), ctx.styles.intro))
        for key in sorted(abroad, key=lambda k: elsewhere.name.get(k, k).casefold()):
            story.append(ctx.heading(elsewhere.name.get(key, key), 2))
            story.append(_practices(ctx, abroad[key], same, (elsewhere.name.get(key, key), *elsewhere.names[key])))
    return story


def _words(text: str) -> tuple[str, ...]:
    return tuple(_folded(word) for word in re.findall(r"\w+", text))


def _repeats(text: str, heading: Iterable[str]) -> bool:
    """Whether `text` only says what the heading it is listed under says, in any of the heading's names, accents,
    case, an article before it and the acronym after it aside: "El Salvador" under El Salvador, "Los países
    miembros de la CRM" under Países miembros de la CRM, "ILO" or "Organización Internacional del Trabajo (OIT)"
    under the OIT; not "San Salvador", "El Salvador (programa piloto)" nor "OIM con socios locales"."""
    named = set()
    for name in heading:
        if name:
            named |= {_words(name), _words(re.sub(r"\s*\([^)]*\)\s*$", "", name))}
    said = _words(text)
    return said in named or (len(said) > 1 and len(said[0]) <= 3 and said[1:] in named)


def _practices(ctx: ReportContext, found: list[Item], same: dict[int, list[Item]],
               heading: Iterable[str] = ()) -> Flowable:
    """One bulleted line per good practice: references and name, then where, who runs it and its level in
    brackets ("G-16 Reintegration on Wheels (IOM with local partners; community level)"; plain runs).
    A field that only says what the heading above says (`heading`: its names) is left out: under "El
    Salvador", "BP-8 … · El Salvador · Gobierno de El Salvador · Individual" read as a line repeating itself."""
    heading = tuple(heading)
    entries = []
    for item in found:
        family = [item, *same.get(item.id, ())]
        refs = list(dict.fromkeys(ref for m in family for ref in (ctx.ref(m), *ctx.also_refs(m))))
        head = refs[0]
        if refs[1:]:  # one practice, as everywhere else: "BP-18 (reúne BP-60)", not "BP-18, BP-60" (two)
            head += f" ({ctx.labels('fields.gathers', refs=', '.join(refs[1:]))})"
        facts = [one_line(field, 200, fallback=True) for field in (item.where, item.run_by)
                 if field and not _repeats(field, heading)]
        levels = list(dict.fromkeys(ctx.level_name.get(m.level_id, m.level_id) for m in family if m.level_id))
        if levels:
            facts.append(one_line(_level_words(ctx, levels), 200))
        line = one_line(item.name, 300, fallback=True) + (f" ({'; '.join(facts)})" if facts else "")
        entries.append([(head, ctx.font.bold), *runs(" " + line, ctx.font.regular)])
    return render.registers(ctx, entries, bullet=True)


def recommendations(ctx: ReportContext) -> list[Flowable]:
    """By level, highest priority (votes) first. In the final version the adopted ones (as read or amended)
    are the roadmap proper, set out in full in its table: here each is given by its reference, the start of its
    text and the page of its row, with only what the table does not say (`items.recorded`); the set-aside ones
    follow in a short list with the reason, then any the joint reading did not decide, in full (they are in no
    table), each said as such. A draft gives every entry in full."""
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
    # Final, the heading says it is the record of the plenary and the reading, which the roadmap table before it
    # is not (the same references in the same order read as repeated content, session 8's reading).
    title = L("sections.recommendations" if ctx.data.final else "sections.recommendations_draft")
    story: list[Flowable] = [ctx.part(), ctx.heading(title, 0)]
    if ctx.data.final:
        story.append(ctx.p(listed_apart(ctx, L("summary.final_recommendations_note")), ctx.styles.intro))
    levels = _levels(ctx, by_level)
    for level_id, level_name in levels:
        story.append(ctx.heading(level_name, 1))
        found = sorted(by_level.get(level_id, ()), key=_priority)
        if not found:
            story.append(ctx.p(L("fields.no_items"), ctx.styles.small))
        for item in found:  # an adopted one is set out in full in the roadmap table: here, what it does not say
            story += render.recorded(ctx, item) if ctx.data.final and item.adopted \
                else render.recommendation(ctx, item)
    if set_aside:
        story.append(ctx.heading(L("sections.set_aside"), 1))
        for item in sorted(set_aside, key=lambda i: (_level_order(ctx, levels, i), *_priority(i))):
            # Where its words come from, in italic parentheses after the words it is about (`ctx.text_mark`).
            entry = [(ctx.ref(item), ctx.font.bold), *runs(" " + one_line(item.action, WHOLE, fallback=True),
                                                             ctx.font.regular),
                     *_noted(ctx, ctx.original_language(item))]
            if item.reading_reason:
                # Labelled as the document's other facts are ("Reason:", bold, and the reason as typed): a
                # lower-case " — reason:" read as words run on from the action (session 8).
                reason = one_line(item.reading_reason, WHOLE, fallback=True)
                entry += [(f" {L('fields.reason_line')}:", ctx.font.bold), *runs(" " + reason, ctx.font.regular),
                          *_noted(ctx, render.reason_note(ctx, item))]
            # What the plenary said of it, under it: the support table counts its objections and sends the
            # reader here for them (session 10's reading: Rec-77, contested, had none printed).
            story.append(render.registers(ctx, [entry], bullet=True))
            said = render.plenary_lines(ctx, item)
            if said:
                story.append(ctx.p("<br/>".join(said), ctx.styles.under_entry))
    if undecided:
        story.append(ctx.heading(L("sections.undecided"), 1))
        for item in sorted(undecided, key=lambda i: (_level_order(ctx, levels, i), *_priority(i))):
            story += render.recommendation(ctx, item)
    return story


def _priority(item: Item) -> tuple[int, int]:
    return (-item.votes, item.id)


def _level_order(ctx: ReportContext, levels: list[tuple[str, str]], item: Item) -> int:
    key = _level_key(ctx, item)
    return next((n for n, (level_id, _) in enumerate(levels) if level_id == key), len(levels))


def conclusions(ctx: ReportContext) -> list[Flowable]:
    """The secretariat's conclusions, then what the joint reading decided, in numbers, and the adopted
    recommendations by level, one line each; in a draft without the secretariat's text, a note that conclusions
    come after the reading."""
    L = ctx.labels
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.conclusions"), 0)]
    written = editorial.prose(ctx, ctx.data.conclusions)
    story += written
    if not ctx.data.final:
        if not written:
            story.append(ctx.p(L("fields.conclusions_draft")))
        return story
    recs = [i for i in ctx.data.items if i.kind == "recommendation" and i.published]
    decided = Counter(i.status for i in recs if i.decided)
    story.append(ctx.p(outcomes_sentence(ctx, decided)))
    undecided = sum(1 for i in recs if ctx.undecided(i))
    if undecided:
        story.append(ctx.p(L.plural("fields.conclusions_undecided", undecided)))
    adopted: dict[str, list[Item]] = defaultdict(list)
    for item in recs:
        if item.adopted:
            adopted[_level_key(ctx, item)].append(item)
    if adopted:
        # References only: the adopted texts are the roadmap proper, printed in full just before.
        story.append(ctx.p(L("fields.conclusions_adopted"), ctx.styles.h4))
        entries = [[(one_line(level_name, 200), ctx.font.bold),
                    *runs(f" ({len(adopted[level_id])}): "
                          + ", ".join(ctx.ref(item) for item in sorted(adopted[level_id], key=_priority)),
                          ctx.font.regular)]
                   for level_id, level_name in _levels(ctx, adopted) if adopted.get(level_id)]
        story.append(render.registers(ctx, entries, bullet=True))
    return story


def outcomes_sentence(ctx: ReportContext, decided: Counter) -> str:
    """"En la lectura conjunta se leyeron 23 recomendaciones: 21 se adoptaron tal cual, 1 con enmiendas y 1 se
    descartó.": the joint reading's decisions in a sentence, each count with its own plural, zeros left out."""
    L = ctx.labels
    read = sum(decided.values())
    parts = [L.plural(f"fields.conclusions_{key}", decided[status])
             for key, status in (("adopted_n", "adopted"), ("amended_n", "adopted_amended"),
                                 ("set_aside_n", "set_aside")) if decided[status]]
    sentence = L.plural("fields.conclusions_read", read)
    if parts:
        sentence += ": " + format_list(parts, locale=L.locale)
    return sentence + "."


def _noted(ctx: ReportContext, note: str) -> list[tuple[str, str]]:
    """A one-line list's mark on the words just before it (" (traducción automática)", in italic), as runs: the
    plain-text form of `ReportContext.text_mark`; none for no note."""
    return [(f" ({note})", ctx.font.italic)] if note else []
