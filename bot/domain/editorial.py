"""The editorial work that turns what people typed into a document: the tables' syntheses, the secretariat's
introduction, conclusions and next steps, and every text in both languages.

Pure rules, no Telegram and no SQL. Texts are ``records.Text`` rows: one per subject, part and language. What an
edition prints for a text in its language is decided here once (``version_in``), so the roadmap, the minutes,
the plenary and the bot's own screens agree on which wording is current, which is a person's translation, which
an unconfirmed machine draft, and which is only available in its original language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.domain.records import Text

# -- subjects and parts -------------------------------------------------------------------------------------

ITEM, SYNTHESIS, INTRODUCTION, CONCLUSIONS, NEXT_STEP = "item", "synthesis", "introduction", "conclusions", "next_step"
# The plenary's words on an item (issues 11/12): the joint reading's reason (subject id: the item), a comment, an
# objection's reason and the table's answer (the feedback's id), an applied amendment's wording before and after
# and why it was proposed (the amendment's id), a declined one's wording proposed, why, and the table's reason
# for declining it (the minutes print those). Their originals stay in their own tables; ``texts`` holds the
# other versions.
READING, COMMENT, OBJECTION, AMENDMENT = "reading", "comment", "objection", "amendment"
PLENARY_PARTS: dict[str, tuple[str, ...]] = {
    READING: ("reason",),
    COMMENT: ("text",),
    OBJECTION: ("reason", "answer"),
    AMENDMENT: ("before", "after", "reason", "wording", "decision"),
}
SUBJECTS = (ITEM, SYNTHESIS, INTRODUCTION, CONCLUSIONS, NEXT_STEP, *PLENARY_PARTS)
WORKSHOP_TEXTS = (INTRODUCTION, CONCLUSIONS)  # the secretariat's own texts, one each (subject_id 0)
WORKSHOP_TEXT_PART = "text"  # the one part of the introduction and of the conclusions

# A synthesis follows the 2022 report's shape for each level: what the table found hard, where it saw room to
# move, and what it proposes.
SYNTHESIS_PARTS = ("challenges", "opportunities", "actions")
STEP, WHO = "step", "who"                      # a next step's wording and who carries it out
NEXT_STEP_PARTS = (STEP, WHO)

# The typed fields of each kind of item that an edition prints, so each must exist in both languages; its main
# text first (what the item is quoted by, and what ``reports.model.Item.text_origin`` describes). A challenge's
# "groups_other" is the group most affected that someone named in words of their own.
ITEM_PARTS: dict[str, tuple[str, ...]] = {
    "challenge": ("description", "groups_other"),
    "good_practice": ("name", "where", "run_by", "achieved"),
    "recommendation": ("action",),
}


# An item's first wording once the joint reading amended it (the roadmap and the minutes print it as "Before:"):
# its other versions are kept under a part of their own, beside the main text's, because the store keeps one
# version per text, part and language, and translating the amended text would otherwise replace the only
# translation of the earlier one. Its original stays in the item's history (``contribution_versions``).
EARLIER = "earlier"


def main_part(kind: str) -> str:
    """The field that is an item's main text."""
    return ITEM_PARTS.get(kind, ITEM_PARTS["recommendation"])[0]

# Bounds on what people type: a part of a synthesis is a few paragraphs, the introduction and conclusions a page.
PART_LIMIT = 3000
WORKSHOP_TEXT_LIMIT = 6000
WHO_LIMIT = 200
STEP_LIMIT = 600

# -- where a text comes from ---------------------------------------------------------------------------------

ORIGINAL, TRANSLATION, MACHINE = "original", "translation", "machine"
ORIGINS = (ORIGINAL, TRANSLATION, MACHINE)
MISSING = "missing"  # no version in the language asked for: the original is shown, its language named


@dataclass(frozen=True)
class Version:
    """What to show for a text in one language: ``body`` in ``language``, with ``origin`` one of original,
    translation (by a person), machine (a machine draft nobody confirmed) or missing (``body`` is the original,
    in ``language``, another one)."""

    body: str
    language: str
    origin: str

    @property
    def needs_mark(self) -> bool:
        """Must the reader be told (machine translation, or only in its original language)?"""
        return self.origin in (MACHINE, MISSING)


def current(text: Text, original: str) -> bool:
    """Is this version of the current wording? A translation made from an earlier wording is out of date."""
    return text.origin == ORIGINAL or text.translates is None or text.translates == original


def version_in(language: str, original_body: str, original_language: str,
               versions: Iterable[Text]) -> Version:
    """The wording to show in ``language``: the original if it is in that language, else a current person's
    translation, else a current machine draft, else the original itself (origin ``missing``)."""
    if original_language == language:
        return Version(original_body, language, ORIGINAL)
    found = {t.origin: t for t in versions if t.language == language and current(t, original_body) and t.body}
    for origin in (TRANSLATION, ORIGINAL, MACHINE):
        if origin in found:
            return Version(found[origin].body, language, TRANSLATION if origin == ORIGINAL else origin)
    return Version(original_body, original_language, MISSING)


def original_of(versions: Iterable[Text]) -> Text | None:
    """The version written first (origin 'original'), if any."""
    return next((t for t in versions if t.origin == ORIGINAL), None)


def by_key(texts: Iterable[Text]) -> dict[tuple[str, int, str], list[Text]]:
    """Texts grouped by (subject, subject id, part), for lookups while building a document."""
    grouped: dict[tuple[str, int, str], list[Text]] = {}
    for text in texts:
        grouped.setdefault((text.subject, text.subject_id, text.part), []).append(text)
    return grouped


def earlier_versions(versions: Mapping[tuple[str, int, str], Iterable[Text]], item_id: int,
                     kind: str) -> list[Text]:
    """The other versions of an item's earlier wording (``EARLIER``): a translation of the main text made while
    it still read so counts too (``version_in`` keeps only those made from that wording), and one given for the
    earlier wording itself comes last, so it is the one shown."""
    return [*versions.get((ITEM, item_id, main_part(kind)), ()), *versions.get((ITEM, item_id, EARLIER), ())]


def needs_translation(language: str, original_body: str, original_language: str, versions: Iterable[Text]) -> bool:
    """Does a person still have to give (or confirm) this text in ``language``? A field left empty needs
    nothing; a version identical to the original (a place's or a programme's own name) counts as given."""
    if not (original_body or "").strip():
        return False
    return version_in(language, original_body, original_language, versions).origin in (MACHINE, MISSING)


def may_replace(existing_origin: str | None, new_origin: str) -> bool:
    """A machine draft never overwrites what a person wrote or confirmed; a person may replace anything."""
    return existing_origin is None or new_origin != MACHINE or existing_origin == MACHINE


# -- a synthesis's life ---------------------------------------------------------------------------------------

DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
SYNTHESIS_STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED)
# step -> (states it may be taken from, state it leads to). Writing again after approval sends it back to draft:
# the moderator approves the wording that will be printed, not an earlier one.
SYNTHESIS_STEPS = {
    "write": ((None, DRAFT, RETURNED, SUBMITTED, APPROVED), DRAFT),
    "submit": ((DRAFT, RETURNED), SUBMITTED),
    "return": ((SUBMITTED,), RETURNED),
    "approve": ((SUBMITTED,), APPROVED),
}


def synthesis_step(status: str | None, step: str) -> str | None:
    """The state a synthesis in ``status`` reaches by ``step``, or None if that step is not possible now."""
    sources, target = SYNTHESIS_STEPS[step]
    return target if status in sources else None


def complete(parts: dict[str, str]) -> bool:
    """A synthesis can be submitted once it says something in at least one of its parts."""
    return any((parts.get(part) or "").strip() for part in SYNTHESIS_PARTS)
