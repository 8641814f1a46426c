"""What every section of a report needs at hand: the data, the texts, the styles, lookups and the headings.

Built once per report so that the per-item work is dictionary lookups and string joins (a roadmap may hold
thousands of items), and so that each section module stays a plain function of this context.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from reports.document import Heading
from reports.fonts import ReportFont, report_font
from reports.labels import Labels, load_labels, time_zone
from reports.model import KINDS, Item, RoadmapData
from reports.styles import Styles, report_styles
from reports.text import MAX_FIELD_CHARS, nested_quotes, one_line, para, short_title

# A part of the document starts on a new page only if less than this is left of the current one (its heading
# and the first lines of what it heads, which the heading is kept with): a section that ends mid-page is
# followed on that page (conclusions by next steps, sources by acronyms), not by a page left half empty.
PART_ROOM = 150
TOP_RANKED = 10  # places in the summary's priority table (ties with the last place shown too)
META_OPEN = '<font size="7.5" color="#52606d">'
META_CLOSE = "</font>"
SEP = " · "
ACRONYM = re.compile(r"\(([A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑ]*[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9-]*)\)")
_WORDS = re.compile(r"\w+")


class ReportContext:
    """One per build (it collects the headings for the contents); never shared between threads."""

    def __init__(self, data: RoadmapData):
        self.data = data
        self.labels: Labels = load_labels(data.language)
        self.styles: Styles = report_styles()
        self.font: ReportFont = report_font()
        workshop = data.workshop
        self.level_name = {level.id: level.name for level in workshop.levels}
        self.dimension_name = {dim.id: dim.name for dim in workshop.dimensions}
        self.dimension_order = {dim.id: n for n, dim in enumerate(workshop.dimensions)}
        self.table_name = {table.id: table.name for table in workshop.tables}
        self.table = {table.id: table for table in workshop.tables}  # each working table by its id
        self.country_name = {country.id: country.name for country in workshop.countries}
        # Whether the document has the register of every contribution (the roadmap's Annex B) that entries
        # point to for what they merged; a table's minutes do not (`reports.minutes` turns it off).
        self.has_register = True
        self._short_titles: dict[int, str] = {}
        self._in_sentence = {country.name: country.in_sentence for country in workshop.countries
                             if country.in_sentence}
        self.organisation_name = {org.id: org.name for org in workshop.organisations}
        self._choice_name = {(question, c.id): c.name for question, choices in
                             (("scope", workshop.scopes), ("timeframe", workshop.timeframes))
                             for c in choices if c.name}
        self.organisation_short = {org.id: org.acronym or _acronym(org.name) or org.name
                                   for org in workshop.organisations}
        # A workshop file's short name of an organisation in another language ("OIM" in the English edition)
        # read as this language's one ("IOM").
        self._org_terms = {alias: self.organisation_short[org.id] for org in workshop.organisations
                           for alias in (*org.aliases, org.name, org.acronym) if alias}
        self.zone = time_zone(workshop.timezone)
        self._days: dict = {}
        self.links = False  # set by the roadmap, whose entries are destinations its tables link to
        self.linked: set[int] = set()
        self.anchors: set[int] = set()
        # Pages of the items' entries: `item_page` is filled by the document as the build draws them,
        # `known_pages` comes from an earlier build of the same document (for entries printed after their
        # quote), and `printed` holds each (item, page) a quote of this build printed (None: no page). Only
        # the roadmap quotes pages.
        self.page_refs = False
        self.item_page: dict[int, int] = {}
        self.known_pages: dict[int, int] = {}
        self.printed: set[tuple[int, int | None]] = set()
        self.items_by_id: dict[int, Item] = {item.id: item for item in data.items}
        briefing = data.briefing or {}
        self.stakeholder_name = _names(briefing.get("stakeholders"), "name")
        self.crosscutting_name = _names(briefing.get("crosscutting"), "name")
        self.group_name = _names(briefing.get("groups"), "name")
        self.source_number = {key: n for n, key in enumerate(_table(briefing.get("sources")), start=1)}
        self._source_pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(k) for k in sorted(self.source_number, key=len, reverse=True)) + r")\b"
        ) if self.source_number else None
        self.toc: list[tuple[int, str, str]] = []
        self._headings = 0
        self._prefix = {kind: self.labels(f"ref.{kind}") for kind in KINDS}
        self.anonymous = self.labels("document.anonymous")
        self._truncated = " " + self.labels("document.truncated")
        self._twins()
        self._absorbed()
        self._ranks()

    # -- what the items say of each other (built once per report) ----------------------------------------
    def _twins(self) -> None:
        """Challenges and good practices with the same text at the same level, sent by several delegations and
        not merged by the moderators, are shown once: under the first, with every author (`twins`)."""
        self.twins: dict[int, list[Item]] = {}
        self.twin_of: dict[int, int] = {}
        first: dict[tuple[str, str | None, str], Item] = {}
        for item in self.data.items:
            if item.kind == "recommendation" or not item.published:
                continue
            words = _WORDS.findall(item.text.casefold())
            if not words:
                continue
            key = (item.kind, item.level_id, " ".join(words))
            known = first.get(key)
            if known is None:
                first[key] = item
            else:
                self.twins.setdefault(known.id, []).append(item)
                self.twin_of[item.id] = known.id

    def _absorbed(self) -> None:
        """For each published item, the items merged into it or consolidated in it (followed to the end)."""
        self.absorbed: dict[int, list[Item]] = {}
        for item in self.data.items:
            if item.published or item.status == "rejected":
                continue
            survivor = self.survivor(item.id)
            if survivor is not None:
                self.absorbed.setdefault(survivor.id, []).append(item)

    def _ranks(self) -> None:
        """The priority rank of each recommendation of the roadmap that got votes (1 = most votes; ties share
        a rank); those without votes are not ranked."""
        voted = sorted((i for i in self.data.items
                        if i.kind == "recommendation" and self.in_roadmap(i) and i.votes > 0),
                       key=lambda i: (-i.votes, i.id))
        self.rank: dict[int, int] = {}
        previous, rank = None, 0
        for n, item in enumerate(voted, start=1):
            if item.votes != previous:
                rank, previous = n, item.votes
            self.rank[item.id] = rank
        self.ranked = len(voted)
        # The ranks two or more recommendations share: "rank 6" twice, unmarked, read as a typo.
        shared = Counter(self.rank.values())
        self.tied = frozenset(rank for rank, count in shared.items() if count > 1)
        # The summary's priority table, in order: the first `TOP_RANKED` places, and every recommendation tied
        # with the last of them (a tie shares its rank, so "rank <= TOP_RANKED" is exactly that): cutting a tie
        # at the tenth row left out a recommendation the detailed entries call "rank 10" too.
        self.top = [item.id for item in voted if self.rank[item.id] <= TOP_RANKED]

    # -- structure -------------------------------------------------------------------------------------
    def heading(self, text: str, level: int, in_toc: bool | None = None) -> Heading:
        """A heading at outline `level` (0-2); levels 0 and 1 are listed in the contents unless told."""
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[min(level, 2)]
        self._headings += 1
        key = f"h{self._headings}"
        heading = Heading(text, style, key=key, level=level, in_toc=level < 2 if in_toc is None else in_toc)
        if heading.in_toc:
            self.toc.append((level, heading.title, key))
        return heading

    def part(self) -> Flowable:
        """What goes before a part of the document (a level-0 heading): a new page if little room is left."""
        return CondPageBreak(PART_ROOM)

    def briefing(self, *path: str) -> Any:
        node: Any = self.data.briefing or {}
        for part in path:
            node = node.get(part) if isinstance(node, Mapping) else None
            if node is None:
                return None
        return node

    def field(self, text: str | None, inline: bool = False) -> str:
        """A participant's text field as markup, shortened with a visible note past `MAX_FIELD_CHARS`; with
        `inline`, a short run after a label of ours (right-to-left text keeps its place in the line)."""
        return para(text, MAX_FIELD_CHARS, self._truncated, inline=inline)

    def p(self, markup: str, style=None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    # -- items -----------------------------------------------------------------------------------------
    def ref(self, item: Item) -> str:
        return f"{self._prefix[item.kind]}-{item.id}"

    def ref_prefix(self, kind: str) -> str:
        """The letters of a kind's references in this edition ("Rec" in Spanish, "R" in English)."""
        return self._prefix[kind]

    def survivor(self, item_id: int) -> Item | None:
        """The published item standing for `item_id`: itself, or what it was merged into (followed to the
        end), or the table's recommendation that consolidated it; None if it was rejected or is unknown."""
        seen = set()
        item = self.items_by_id.get(item_id)
        while item is not None and not item.published:
            target = item.merged_into if item.status == "merged" else item.consolidated_into
            if target is None or item.id in seen:
                return None
            seen.add(item.id)
            item = self.items_by_id.get(target)
        return item

    def credits(self, item: Item) -> list[str]:
        """The author's credit as they chose, followed by those of merged authors and of the same text sent
        apart (`twins`), each once."""
        credits = [item.credit or self.anonymous]
        pool = list(item.merged_credits)
        for twin in self.twins.get(item.id, ()):
            pool += [twin.credit, *twin.merged_credits]
        for credit in pool:
            credit = credit or self.anonymous
            if credit not in credits:
                credits.append(credit)
        return credits

    def credit(self, item: Item) -> str:
        return "; ".join(self.credits(item))

    def also_refs(self, item: Item) -> list[str]:
        """The references an item stands for besides its own: the same text sent apart, the items the
        moderators merged into it and, for a table's recommendation, those it consolidated (so that whoever
        sent one finds it)."""
        refs = [self.ref(other) for other in self.twins.get(item.id, ())]
        refs += [self.ref(other) for other in self.absorbed.get(item.id, ())]
        for twin in self.twins.get(item.id, ()):
            refs += [self.ref(other) for other in self.absorbed.get(twin.id, ())]
        return refs

    def short_title(self, item: Item) -> str:
        """The title an item is quoted by in another's entry, the same everywhere (`text.short_title`): cut at a
        different length in each place, one challenge read as three different quotes. Worked out once per item:
        an item quoted by many others was cut again each time (about 4% of a large roadmap's build, profiled)."""
        found = self._short_titles.get(item.id)
        if found is None:
            found = self._short_titles[item.id] = short_title(item.text)
        return found

    def quote(self, text: str | None, *, plain: bool = False, inline: bool = False) -> str:
        """`text` in this edition's quotation marks («…», “…”), the marks inside it turned to the second level
        («…“…”…», “…‘…’…»): as markup, or with `plain` as plain text for `reports.lines`."""
        template = self.labels("fields.quote", text="\0")
        inner = nested_quotes(text or "", template[:1])
        body = one_line(inner, MAX_FIELD_CHARS, fallback=True) if plain else \
            para(inner, MAX_FIELD_CHARS, self._truncated, inline=inline)
        return self.labels("fields.quote", text=body)

    def org_term(self, text: str) -> str:
        """A short name from the workshop file (a table's moderators) in this edition's language: "OIM" in
        the English edition reads "IOM"; anything else is kept as written."""
        return self._org_terms.get(text.strip(), text)

    def choice(self, question: str, code: str | None) -> str:
        """A recommendation's scope or timeframe as plain text: the workshop file's name for its own choices,
        the reports' words for the built-in ones, the id as stored for one the file no longer lists."""
        if not code:
            return ""
        return self._choice_name.get((question, code)) or self.labels.get(f"{question}.{code}", code)

    def names(self, ids, lookup: Mapping[str, str]) -> str:
        """The briefing's names for `ids` (groups, actors, cross-cutting issues) as one list, `name_list`."""
        return name_list(lookup.get(i, i) for i in ids)

    def dimensions(self, item: Item) -> str:
        """"Económica, Social": the workshop's dimensions are single words, a comma tells them apart."""
        return ", ".join(self.dimension_name.get(i, i) for i in item.dimension_ids)

    def undecided(self, item: Item) -> bool:
        """A recommendation the final roadmap shows as not decided: the joint reading ended without it."""
        return self.data.final and item.kind == "recommendation" and item.published and not item.decided

    def in_roadmap(self, item: Item) -> bool:
        """Counted as part of the roadmap: published and, in the final version, a recommendation only if the
        joint reading adopted it (set-aside and undecided ones are listed apart)."""
        if not item.published:
            return False
        return not (self.data.final and item.kind == "recommendation" and not item.adopted)

    def staff_label(self, key: str) -> str:
        """The text ``key`` that names those who ran the workshop, in its form that says translation too
        (``key`` + "_translated") where one of them translated: "Moderación y secretaría del taller" counted a
        translator under a label that left translation out (session 7, brief H1, point 1); "translators" for one
        person read as a slip (session 10's reading), so that form agrees with how many translated."""
        translators = sum(1 for p in self.data.participants
                          if p.staff and any(role == "translator" for role, _ in p.roles))
        return self.labels.plural(f"{key}_translated", translators) if translators else self.labels(key)

    def status(self, item: Item) -> str:
        """The item's state in words agreeing with its kind ("aprobado" reto, "aprobada" buena práctica)."""
        if self.undecided(item):
            return self.labels("status.recommendation.undecided")
        return self.labels.get(f"status.{item.kind}.{item.status}", para(item.status))

    def status_plain(self, item: Item) -> str:
        if self.undecided(item):
            return self.labels("status.recommendation.undecided")
        return self.labels.get(f"status.{item.kind}.{item.status}", one_line(item.status, 40))

    def original_language(self, item: Item) -> str:
        """Where the item's printed words come from, when the reader must be told: "traducción automática" for
        an unconfirmed machine translation, "original en inglés" for a text only available in the language it
        was written in (a person's translation reads as any text of the edition), else ""."""
        if item.text_origin == "machine":
            return self.labels("editorial.machine")
        if not item.language or item.language == self.data.language:
            return ""
        return self.labels("fields.original_language", language=self.labels.language_name(item.language))

    def text_note(self, item: Item) -> str:
        """`original_language` as a plain suffix for one-line lists (" (original en inglés)"), or ""."""
        note = self.original_language(item)
        return f" ({note})" if note else ""

    @staticmethod
    def text_mark(note: str, nested: bool = False) -> str:
        """A mark on a text's words (" (traducción automática)"), as markup: small, grey, italic and in
        parentheses, put right after the text it is about and before any credit, so that it reads as a note
        on the text, not as the sentence's last words nor as a word on the person credited after it.
        `nested` (inside a parenthesis already, as the reading's reason) takes brackets. "" for no note."""
        if not note:
            return ""
        left, right = ("[", "]") if nested else ("(", ")")
        return f" {META_OPEN}<i>{left}{note}{right}</i>{META_CLOSE}"

    def in_sentence(self, name: str) -> str:
        """A credit or a party as a sentence says it: a country's bare name in the form the workshop file gives
        for running text ("sent by the Dominican Republic"), anything else as it is; lists and headings keep
        the name alone ("8 countries: …, Dominican Republic, …")."""
        return self._in_sentence.get(name, name)

    def meta(self, parts: list[str]) -> str:
        """Small grey line under an item; `parts` are already markup."""
        return META_OPEN + SEP.join(p for p in parts if p) + META_CLOSE

    def source_ref(self, source: Any) -> str:
        """The briefing's "s002 §4.1; s004 Metodología" as " ([2] §4.1; [4] Metodología)", numbered as in the
        Sources list; an unknown id is shown as written."""
        if not source:
            return ""
        text = para(str(source), 300)
        if self._source_pattern is not None:
            text = self._source_pattern.sub(lambda m: f"[{self.source_number[m.group(0)]}]", text)
        return f" {META_OPEN}({text}){META_CLOSE}"

    def when(self, moment: datetime, form: str = "long", zoned: bool = True) -> str:
        """A moment in the workshop's time zone, in words: "8 de septiembre de 2022, 17:40 (hora de …)"
        ("medium": "8 sept 2022, 17:40 (…)"; not ``zoned``: without the zone, said once above a list)."""
        return self.labels.moment(moment, self.zone, form, zoned)

    def day(self, moment: datetime, form: str = "long") -> str:
        """The local date of a moment in words ("8 de septiembre de 2022"; "medium": "8 sept 2022"); cached,
        since items share days."""
        local = (moment.astimezone(self.zone) if moment.tzinfo else moment).date()
        text = self._days.get((local, form))
        if text is None:
            text = self._days[local, form] = self.labels.long_date(local, form)
        return text

    # -- pages of entries ---------------------------------------------------------------------------------
    def page_of(self, item: Item) -> int | None:
        """The page the item's entry starts on, for quoting it (a recommendation of the roadmap: its row in the
        roadmap table, where it is set out in full): read while the build runs (call it only from markup made at
        layout, see `document.LateMarkup`); None where not known (yet) or not asked for."""
        if not self.page_refs:
            return None
        page = self.item_page.get(item.id) or self.known_pages.get(item.id)
        self.printed.add((item.id, page))
        return page

    def pages_settled(self) -> bool:
        """Whether every page this build printed for a quoted item is where the item's entry landed (else a
        build with the pages now known is needed: an entry printed after its quote)."""
        return all(self.item_page.get(item_id) == page for item_id, page in self.printed)

    # -- links inside the document ----------------------------------------------------------------------
    def anchored(self, item: Item) -> bool:
        """Whether the priority table links to the item: in the roadmap, its recommendations (whose detailed
        entries, like every entry of the roadmap, have a named destination: `destination`)."""
        return self.links and item.id in self.top

    def link(self, item: Item, markup: str, *, row: bool = False) -> str:
        """`markup` as a link to the item's entry where the document has one; with `row`, to its row in the
        roadmap table instead (`row_destination`), where a recommendation of the roadmap is set out in full."""
        if not self.anchored(item):
            return markup
        if row:
            return f'<a href="#{self.row_destination(item)}">{markup}</a>'
        self.linked.add(item.id)
        return f'<a href="#i{item.id}">{markup}</a>'

    def link_to(self, item: Item) -> str | None:
        """The name of the destination on the item's entry, for a link drawn on the canvas (the roadmap
        table's), or None where the document has no links."""
        if not self.links:
            return None
        self.linked.add(item.id)
        return f"i{item.id}"

    def destination(self, item: Item) -> str | None:
        """The named destination to set on the item's entry (`items.Entry`), in the roadmap (which links to
        entries); None elsewhere."""
        if not self.links:
            return None
        self.anchors.add(item.id)
        return f"i{item.id}"

    def row_destination(self, item: Item) -> str | None:
        """The named destination on the item's row in the roadmap table (set by `lines.Grid`, which has a row for
        every recommendation of the roadmap), or None where the document has no links."""
        return f"row{item.id}" if self.links else None

    def unanchored(self) -> list[str]:
        """Destinations linked to but never set (a safety net: a link to a missing one fails the build)."""
        return [f"i{item_id}" for item_id in sorted(self.linked - self.anchors)]


def name_list(names: Iterable[str]) -> str:
    """Names of groups, actors or cross-cutting issues as one list, wherever one is printed: joined by "; ", as
    the roadmap table joins its actors, since a name may hold commas of its own ("Personas que sufrieron abuso,
    explotación o violencia durante la migración, Personas con…" hid where one group ended)."""
    return "; ".join(names)


def _table(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def _names(node: Any, field: str) -> dict[str, str]:
    return {key: str(value.get(field, key)) if isinstance(value, Mapping) else str(value)
            for key, value in _table(node).items()}


def _acronym(name: str) -> str:
    """The short form a name ends with in parentheses: "… para las Migraciones (OIM)" -> "OIM"."""
    found = ACRONYM.findall(name or "")
    return found[-1] if found else ""
