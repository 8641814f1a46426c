"""What still has to be given in the other language, and who may give it: the translation desk's rules.

Every text the roadmap prints (items, the tables' syntheses, the secretariat's introduction, conclusions and next
steps) must exist in each of the workshop's languages (Spanish and English, or as many as its file lists). A text is
one ``Candidate`` per language it still has to be given in: its original wording and language, that target language,
and what ``permissions.may_translate`` needs to decide who may translate it; an item gives one per typed field it
prints (a good practice's name, where, who runs it and what it achieved), so no field of an edition is left in
another language; the plenary's words on an item (``PlenaryText``: the joint reading's reason, comments, objections
and the table's answers, amendments) are candidates too, the table's people's to translate as its items are (not
their authors': they wrote none of the item); so is the wording a recommendation had before the joint reading
amended it, which the documents print as "Before:" (``earlier_candidates``). Which version counts (a person's,
an unconfirmed machine draft, one made from an earlier wording) is ``editorial``'s to say; here only the list a
person works through is put together and ordered, without Telegram or SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from bot.domain import amendments, duplicates, editorial, items, lifecycle
from bot.domain.items import reference
from bot.domain.permissions import may_translate
from bot.domain.records import Contribution, Role, Text

# Items that will be in the roadmap, whatever the joint reading made of them: not a draft, nor what was withdrawn,
# merged away or rejected (nobody should spend time translating those).
TRANSLATED_STATUSES: tuple[str, ...] = (lifecycle.SUBMITTED, lifecycle.APPROVED, lifecycle.ADOPTED,
                                        lifecycle.ADOPTED_AMENDED, lifecycle.SET_ASIDE)
ADOPTED: tuple[str, ...] = (lifecycle.ADOPTED, lifecycle.ADOPTED_AMENDED)

# What is worked through first: what the workshop agreed, then the rest of the recommendations, the tables'
# syntheses, what people found hard and what works, and last the secretariat's own texts.
_ORDER = ("adopted", "recommendation", editorial.SYNTHESIS, "challenge", "good_practice",
          editorial.READING, editorial.OBJECTION, editorial.AMENDMENT, editorial.COMMENT,
          editorial.INTRODUCTION, editorial.CONCLUSIONS, editorial.NEXT_STEP)
PLENARY = tuple(editorial.PLENARY_PARTS)
# The most an amendment's other version may have (comments, objections, answers and reasons of the reading take
# the workshop's limit on typed text, as their originals did).
PLENARY_LIMITS = {(editorial.AMENDMENT, "before"): amendments.WORDING_LIMIT,
                  (editorial.AMENDMENT, "after"): amendments.WORDING_LIMIT,
                  (editorial.AMENDMENT, "reason"): amendments.REASON_LIMIT,
                  (editorial.AMENDMENT, "wording"): amendments.WORDING_LIMIT,
                  (editorial.AMENDMENT, "decision"): amendments.REASON_LIMIT}


def targets(language: str, languages: Iterable[str]) -> list[str]:
    """Every language of the workshop (``languages``, its file's order: always given, never guessed) a text
    written in ``language`` must also exist in; none in a workshop of one language. A text written in a language
    the workshop does not list (its file changed since) still needs every one of them."""
    return [code for code in languages if code != language]


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
    # The plenary's words on an item (``editorial.PLENARY_PARTS``): the item they are about, and which of its
    # comments, objections or amendments this is (1, 2, ... in the order they came), for people to name it.
    item_id: int | None = None
    item_kind: str | None = None
    number: int = 0
    # The language it is to be given in (``into`` gives one candidate per language of the workshop it lacks).
    target: str = ""

    def into(self, languages: Iterable[str]) -> list[Candidate]:
        """This text once for each language it must also exist in (``targets``)."""
        return [replace(self, target=code) for code in targets(self.language, languages)]

    @property
    def key(self) -> tuple[str, int, str]:
        """Where its versions are kept (every language's under the same key)."""
        return self.subject, self.subject_id, self.part

    @property
    def ident(self) -> tuple[str, int, str, str]:
        """Which entry of the desk it is: the text and the language it is to be given in."""
        return (*self.key, self.target)

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
        if self.subject == editorial.SYNTHESIS or self.subject in PLENARY:
            return may_translate(roles, person_id, table_id=self.table_id)
        return may_translate(roles, person_id)

    def versions(self, by_key: Mapping[tuple[str, int, str], Iterable[Text]]) -> list[Text]:
        """Its other versions among every text's (``editorial.by_key``): those kept under its key, and for an
        item's earlier wording also a translation of the main text made while it still read so (what the
        documents print, ``editorial.earlier_versions``)."""
        if self.subject == editorial.ITEM and self.part == editorial.EARLIER and self.kind is not None:
            return editorial.earlier_versions(by_key, self.subject_id, self.kind)
        return list(by_key.get(self.key, ()))

    def needs(self, versions: Iterable[Text]) -> bool:
        """Missing in the other language, made from an earlier wording, or only an unconfirmed machine draft."""
        return editorial.needs_translation(self.target, self.body, self.language, versions)

    def missing(self, versions: Iterable[Text]) -> bool:
        """Nothing current at all in the other language: what a machine draft may fill."""
        return editorial.version_in(self.target, self.body, self.language, versions).origin == editorial.MISSING


def item_candidates(item: Contribution, authors: Iterable[int] = (), *,
                    languages: Iterable[str]) -> list[Candidate]:
    """Each typed field of an item that the roadmap prints (``editorial.ITEM_PARTS``), main text first: one
    candidate per field that says something and per other language of the workshop (``languages``); none for
    an item that is not to be printed."""
    if item.status not in TRANSLATED_STATUSES:
        return []
    group = "adopted" if item.kind == "recommendation" and item.status in ADOPTED else item.kind
    parts = editorial.ITEM_PARTS.get(item.kind, ())
    main = str(item.details.get(parts[0], "") or "").strip() if parts else ""
    found = []
    for part in parts:
        body = str(item.details.get(part, "") or "").strip()
        if body:
            found += Candidate(editorial.ITEM, item.id, part, body, item.language, group, item.table_id,
                               tuple(authors), about="" if part == parts[0] else main).into(languages)
    return found


def earlier_candidates(recommendations: Iterable[Contribution], first_details: Mapping[int, dict],
                       plenary: Iterable[PlenaryText], authors: Mapping[int, Iterable[int]] | None = None, *,
                       languages: Iterable[str]) -> list[Candidate]:
    """The wording a recommendation had before the joint reading amended it, where the documents print it as
    "Before:" (issue 12: the Spanish edition printed it in English, as nobody could translate it): one candidate
    per other language of the workshop, kept under the item's part ``editorial.EARLIER`` and given by whoever may
    give the item's text. ``first_details``: each edited item's first wording (its history's first snapshot);
    none where it reads as the text does now, or where an amendment from the floor already carries it as its
    "before" (that one is listed with the amendment). ``authors``: per item, the ids to count as its authors."""
    befores = {(t.item_id, (t.body or "").strip()) for t in plenary
               if t.subject == editorial.AMENDMENT and t.part == "before"}
    found: list[Candidate] = []
    for item in recommendations:
        if item.kind != "recommendation" or item.status != lifecycle.ADOPTED_AMENDED:
            continue
        part = editorial.main_part(item.kind)
        body = str((first_details.get(item.id) or {}).get(part, "") or "").strip()
        now = str(item.details.get(part, "") or "").strip()
        if not body or body == now or (item.id, body) in befores:
            continue
        found += Candidate(editorial.ITEM, item.id, editorial.EARLIER, body, item.language, "adopted",
                           item.table_id, tuple((authors or {}).get(item.id, ())), about=now).into(languages)
    return found


def text_candidates(texts: Iterable[Text], languages: Iterable[str]) -> list[Candidate]:
    """The syntheses, introduction, conclusions and next steps, from their original versions (a synthesis's
    subject id is its table's id), once per other language of the workshop."""
    found = []
    for text in texts:
        if text.subject == editorial.ITEM or text.origin != editorial.ORIGINAL or not (text.body or "").strip():
            continue
        table_id = text.subject_id if text.subject == editorial.SYNTHESIS else None
        found += Candidate(text.subject, text.subject_id, text.part, text.body, text.language, text.subject,
                           table_id).into(languages)
    return found


@dataclass(frozen=True)
class PlenaryText:
    """One of the plenary's words on an item as stored (``editorial.PLENARY_PARTS``): ``subject_id`` is the
    item's id for a reading's reason, the feedback's for a comment or an objection, the amendment's for an
    amendment; ``language`` the one it was written in."""

    subject: str
    subject_id: int
    part: str
    body: str
    language: str
    item_id: int
    item_kind: str
    item_status: str
    table_id: int | None
    item_text: str = ""                 # the item's main text as it reads now


def plenary_candidates(texts: Iterable[PlenaryText], languages: Iterable[str]) -> list[Candidate]:
    """The plenary's words on the items that will be printed, each once: an amendment's wording that another
    amendment of the same item already carries (merged proposals share it; the next change starts from the last
    one's result) is listed under the first, and the wording that is the item's text now is the item's own
    to translate, not listed again. Numbered per item and subject, in the order they came; once per other
    language of the workshop."""
    found: list[Candidate] = []
    wordings: set[tuple[int, str]] = set()
    numbers: dict[tuple[int, str, int], int] = {}
    for text in sorted(texts, key=lambda t: (t.item_id, t.subject, t.subject_id,
                                             editorial.PLENARY_PARTS[t.subject].index(t.part))):
        body = (text.body or "").strip()
        if text.item_status not in TRANSLATED_STATUSES or not body:
            continue
        if text.subject == editorial.AMENDMENT and text.part in ("before", "after"):
            if body == text.item_text.strip() or (text.item_id, body) in wordings:
                continue
            wordings.add((text.item_id, body))
        counted = {k for k in numbers if k[:2] == (text.item_id, text.subject)}
        number = numbers.setdefault((text.item_id, text.subject, text.subject_id), len(counted) + 1)
        found += Candidate(text.subject, text.subject_id, text.part, body, text.language, text.subject,
                           text.table_id, item_id=text.item_id, item_kind=text.item_kind, number=number,
                           about=text.item_text).into(languages)
    return found


def amendment_key(candidates: Iterable[Candidate], item_id: int, wording: str) -> tuple[str, int, str] | None:
    """Where the other versions of an amendment's ``wording`` of item ``item_id`` are kept (the candidate that
    carries it, see ``plenary_candidates``); None if none does (it is the item's own text now)."""
    wording = (wording or "").strip()
    return next((c.key for c in candidates if c.subject == editorial.AMENDMENT and c.item_id == item_id
                 and c.part in ("before", "after") and c.body == wording), None)


def _item_parts(kind: str) -> tuple[str, ...]:
    """An item's texts in the order the desk asks them: its typed fields, then its earlier wording."""
    return (*editorial.ITEM_PARTS.get(kind, ()), editorial.EARLIER)


def _position(candidate: Candidate) -> tuple:
    parts = {editorial.SYNTHESIS: editorial.SYNTHESIS_PARTS, editorial.NEXT_STEP: editorial.NEXT_STEP_PARTS,
             **editorial.PLENARY_PARTS}
    order = parts.get(candidate.subject, ()) if candidate.kind is None else _item_parts(candidate.kind)
    # an item's fields into one language together, then into the next (each is picked and given on its own)
    return (_ORDER.index(candidate.group), candidate.item_id or 0, candidate.subject_id, candidate.target,
            order.index(candidate.part) if candidate.part in order else len(order), candidate.part)


def to_translate(candidates: Iterable[Candidate], texts: Iterable[Text], roles: Iterable[Role],
                 person_id: int) -> list[Candidate]:
    """What this person may translate and still needs it, in the order the desk lists it."""
    roles = list(roles)
    versions = editorial.by_key(texts)
    return sorted((c for c in candidates if c.may(roles, person_id) and c.needs(c.versions(versions))),
                  key=_position)


def missing(candidates: Iterable[Candidate], texts: Iterable[Text]) -> list[Candidate]:
    """Every text with no current version at all in its other language (the secretariat's "fill" button)."""
    versions = editorial.by_key(texts)
    return sorted((c for c in candidates if c.missing(c.versions(versions))), key=_position)


def by_subject(candidates: Iterable[Candidate]) -> list[list[Candidate]]:
    """Ordered candidates gathered per subject: an item's fields into one language together (a person picks
    the item and gives them one after another), every other text on its own."""
    groups: list[list[Candidate]] = []
    for candidate in candidates:
        if groups and candidate.kind is not None and groups[-1][0].kind is not None \
                and groups[-1][0].subject_id == candidate.subject_id and groups[-1][0].target == candidate.target:
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    return groups


def next_field(candidates: Iterable[Candidate], after: Candidate) -> Candidate | None:
    """The field of the same item that comes after ``after`` in ``editorial.ITEM_PARTS`` among ``candidates``
    (those still to give) into the same language, or None: how a person is walked through an item's fields
    (its earlier wording last), each once."""
    if after.kind is None:
        return None
    order = _item_parts(after.kind)
    later = [c for c in candidates if c.subject == after.subject and c.subject_id == after.subject_id
             and c.target == after.target and c.part in order and order.index(c.part) > order.index(after.part)]
    return min(later, key=lambda c: order.index(c.part), default=None)


def limit(candidate: Candidate, item_limit: int) -> int:
    """The most characters its other language may have: as much as its original could."""
    if candidate.kind is not None:
        if candidate.part == editorial.EARLIER:  # as long as the text it was, and never less than it is
            return max(items.limit(candidate.kind, editorial.main_part(candidate.kind), item_limit),
                       len(candidate.body))
        if not any(f.name == candidate.part for f in items.FIELDS.get(candidate.kind, ())):
            return items.SHORT_LIMIT  # a field asked in words of one's own beside a choice ("groups_other")
        return items.limit(candidate.kind, candidate.part, item_limit)
    if candidate.subject == editorial.SYNTHESIS:
        return editorial.PART_LIMIT
    if candidate.subject == editorial.NEXT_STEP:
        return editorial.WHO_LIMIT if candidate.part == editorial.WHO else editorial.STEP_LIMIT
    if candidate.subject in PLENARY:  # as long as what was typed could be, and never less than it is
        return max(PLENARY_LIMITS.get((candidate.subject, candidate.part), item_limit), len(candidate.body))
    return editorial.WORKSHOP_TEXT_LIMIT


def written_in(text: str, writer_language: str | None, languages: Iterable[str]) -> str | None:
    """The language a typed text is in, for its other version at the translation desk: what its words clearly say
    (a Spanish-speaking secretariat gives the reason for amending an English recommendation in English), else its
    writer's language."""
    told = duplicates.told_language(text)
    return told if told is not None and told in tuple(languages) else writer_language
