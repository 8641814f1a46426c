"""What still has to be given in the other language, and who may give it: the translation desk's rules.

Every text the roadmap prints (items, the tables' syntheses, the secretariat's introduction, conclusions and
next steps) must exist in Spanish and English. A text is one ``Candidate``: its original wording and language,
and what ``permissions.may_translate`` needs to decide who may translate it; an item gives one per typed field
it prints (a good practice's name, where, who runs it and what it achieved), so no field of an edition is left
in the other language. Which version counts (a person's, an unconfirmed machine draft, one made from an earlier
wording) is ``editorial``'s to say; here only the list a person works through is put together and ordered,
without Telegram or SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain import editorial, items, lifecycle
from bot.domain.items import reference
from bot.domain.permissions import may_translate
from bot.domain.records import Contribution, Role, Text

LANGUAGES = ("es", "en")

# Items that will be in the roadmap, whatever the joint reading made of them: not a draft, nor what was withdrawn,
# merged away or rejected (nobody should spend time translating those).
TRANSLATED_STATUSES: tuple[str, ...] = (lifecycle.SUBMITTED, lifecycle.APPROVED, lifecycle.ADOPTED,
                                        lifecycle.ADOPTED_AMENDED, lifecycle.SET_ASIDE)
ADOPTED: tuple[str, ...] = (lifecycle.ADOPTED, lifecycle.ADOPTED_AMENDED)

# What is worked through first: what the workshop agreed, then the rest of the recommendations, the tables'
# syntheses, what people found hard and what works, and last the secretariat's own texts.
_ORDER = ("adopted", "recommendation", editorial.SYNTHESIS, "challenge", "good_practice",
          editorial.INTRODUCTION, editorial.CONCLUSIONS, editorial.NEXT_STEP)


def other_language(language: str) -> str:
    """The language a text written in ``language`` must also exist in."""
    return LANGUAGES[1] if language == LANGUAGES[0] else LANGUAGES[0]


@dataclass(frozen=True)
class Candidate:
    """One text in its original language, as the desk lists it."""

    subject: str
    subject_id: int
    part: str
    body: str
    language: str
    group: str                          # one of ``_ORDER``: what it is, for ordering and labels
    table_id: int | None = None         # an item's or a synthesis's table (its rapporteur and moderators)
    authors: tuple[int, ...] = ()       # an item's authors, co-authors through merges included
    about: str = ""                     # for an item's other fields, its main text (to recognise it by)

    @property
    def target(self) -> str:
        return other_language(self.language)

    @property
    def key(self) -> tuple[str, int, str]:
        return self.subject, self.subject_id, self.part

    @property
    def kind(self) -> str | None:
        """An item's kind (challenge, good_practice, recommendation); None for the other texts."""
        if self.subject != editorial.ITEM:
            return None
        return "recommendation" if self.group == "adopted" else self.group

    @property
    def main(self) -> bool:
        """An item's main text, or any other text (each is its own subject)."""
        return self.kind is None or self.part == editorial.main_part(self.kind)

    def ref(self, language: str) -> str:
        """How people quote it: an item as the roadmap of ``language`` does (R-3, C-3); a synthesis or a next step
        by its id."""
        if self.kind is not None:
            return reference(self.kind, self.subject_id, language)
        return f"{self.subject}-{self.subject_id}" if self.subject_id else self.subject

    def may(self, roles: Iterable[Role], person_id: int) -> bool:
        """May this person give its other language? (``permissions.may_translate``)"""
        if self.subject == editorial.ITEM:
            return may_translate(roles, person_id, table_id=self.table_id, author_ids=self.authors)
        if self.subject == editorial.SYNTHESIS:
            return may_translate(roles, person_id, table_id=self.table_id)
        return may_translate(roles, person_id)

    def needs(self, versions: Iterable[Text]) -> bool:
        """Missing in the other language, made from an earlier wording, or only an unconfirmed machine draft."""
        return editorial.needs_translation(self.target, self.body, self.language, versions)

    def missing(self, versions: Iterable[Text]) -> bool:
        """Nothing current at all in the other language: what a machine draft may fill."""
        return editorial.version_in(self.target, self.body, self.language, versions).origin == editorial.MISSING


def item_candidates(item: Contribution, authors: Iterable[int] = ()) -> list[Candidate]:
    """Each typed field of an item that the roadmap prints (``editorial.ITEM_PARTS``), main text first: one
    candidate per field that says something; none for an item that is not to be printed."""
    if item.status not in TRANSLATED_STATUSES:
        return []
    group = "adopted" if item.kind == "recommendation" and item.status in ADOPTED else item.kind
    parts = editorial.ITEM_PARTS.get(item.kind, ())
    main = str(item.details.get(parts[0], "") or "").strip() if parts else ""
    found = []
    for part in parts:
        body = str(item.details.get(part, "") or "").strip()
        if body:
            found.append(Candidate(editorial.ITEM, item.id, part, body, item.language, group, item.table_id,
                                   tuple(authors), about="" if part == parts[0] else main))
    return found


def text_candidates(texts: Iterable[Text]) -> list[Candidate]:
    """The syntheses, introduction, conclusions and next steps, from their original versions (a synthesis's
    subject id is its table's id)."""
    found = []
    for text in texts:
        if text.subject == editorial.ITEM or text.origin != editorial.ORIGINAL or not (text.body or "").strip():
            continue
        table_id = text.subject_id if text.subject == editorial.SYNTHESIS else None
        found.append(Candidate(text.subject, text.subject_id, text.part, text.body, text.language, text.subject,
                               table_id))
    return found


def _position(candidate: Candidate) -> tuple:
    parts = {editorial.SYNTHESIS: editorial.SYNTHESIS_PARTS, editorial.NEXT_STEP: editorial.NEXT_STEP_PARTS}
    order = parts.get(candidate.subject, ()) if candidate.kind is None \
        else editorial.ITEM_PARTS.get(candidate.kind, ())
    return (_ORDER.index(candidate.group), candidate.subject_id,
            order.index(candidate.part) if candidate.part in order else len(order), candidate.part)


def to_translate(candidates: Iterable[Candidate], texts: Iterable[Text], roles: Iterable[Role],
                 person_id: int) -> list[Candidate]:
    """What this person may translate and still needs it, in the order the desk lists it."""
    roles = list(roles)
    versions = editorial.by_key(texts)
    return sorted((c for c in candidates if c.may(roles, person_id) and c.needs(versions.get(c.key, ()))),
                  key=_position)


def missing(candidates: Iterable[Candidate], texts: Iterable[Text]) -> list[Candidate]:
    """Every text with no current version at all in its other language (the secretariat's "fill" button)."""
    versions = editorial.by_key(texts)
    return sorted((c for c in candidates if c.missing(versions.get(c.key, ()))), key=_position)


def by_subject(candidates: Iterable[Candidate]) -> list[list[Candidate]]:
    """Ordered candidates gathered per subject: an item's fields together (a person picks the item and gives
    them one after another), every other text on its own."""
    groups: list[list[Candidate]] = []
    for candidate in candidates:
        if groups and candidate.kind is not None and groups[-1][0].kind is not None \
                and groups[-1][0].subject_id == candidate.subject_id:
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    return groups


def next_field(candidates: Iterable[Candidate], after: Candidate) -> Candidate | None:
    """The field of the same item that comes after ``after`` in ``editorial.ITEM_PARTS`` among ``candidates``
    (those still to give), or None: how a person is walked through an item's fields, each once."""
    if after.kind is None:
        return None
    order = editorial.ITEM_PARTS.get(after.kind, ())
    later = [c for c in candidates if c.subject == after.subject and c.subject_id == after.subject_id
             and c.part in order and order.index(c.part) > order.index(after.part)]
    return min(later, key=lambda c: order.index(c.part), default=None)


def limit(candidate: Candidate, item_limit: int) -> int:
    """The most characters its other language may have: as much as its original could."""
    if candidate.kind is not None:
        if not any(f.name == candidate.part for f in items.FIELDS.get(candidate.kind, ())):
            return items.SHORT_LIMIT  # a field asked in words of one's own beside a choice ("groups_other")
        return items.limit(candidate.kind, candidate.part, item_limit)
    if candidate.subject == editorial.SYNTHESIS:
        return editorial.PART_LIMIT
    if candidate.subject == editorial.NEXT_STEP:
        return editorial.WHO_LIMIT if candidate.part == editorial.WHO else editorial.STEP_LIMIT
    return editorial.WORKSHOP_TEXT_LIMIT
