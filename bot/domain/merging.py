"""Which item a moderator may fold another into, and how a typed reference ("C-3", "R-3", "Rec-3", "bp3") or a
few typed words find it among the table's items: plain rules over items, no Telegram.

An item is merged into a survivor of the same workshop, the same table and the same kind that is still in review
(``lifecycle.IN_REVIEW``), and never into itself; a table's own recommendation, drafted by its rapporteur, takes
members' items in through its links, not by a merge. Every refusal has a name, so the moderator is told which rule
stopped it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain import duplicates, lifecycle
from bot.domain.items import known_letters

# Any language's letters (one moderator may quote what another language's roadmap prints), longest first so that
# "Rec-3" is not read as "R" and "ec": C-3, c3, R 3, Rec-3, bp.3, #3, 3.
_LETTERS = known_letters()
_REFERENCE = re.compile(r"#?\s*(?P<prefix>" + "|".join(re.escape(p) for p in sorted(_LETTERS, key=len, reverse=True))
                        + r"|[a-z])?\s*[-‐–—#.:]?\s*(?P<id>[0-9]{1,12})", re.IGNORECASE)

MISSING = "missing"            # no such item in this workshop (or a reference to a kind that does not exist)
ITSELF = "itself"
OTHER_TABLE = "other_table"
OTHER_KIND = "other_kind"
MERGED = "merged"              # already folded into another item
CLOSED = "closed"              # rejected, withdrawn, or read in plenary: it takes nothing in any more
CONSOLIDATED = "consolidated"  # the table's own recommendation
REFUSALS = (MISSING, ITSELF, OTHER_TABLE, OTHER_KIND, MERGED, CLOSED, CONSOLIDATED)


@dataclass(frozen=True)
class Reference:
    """A typed reference: the kinds its letters may name in any language (None without letters; "R" is a Spanish
    challenge and an English recommendation) and the item's number, which alone decides the item (ids are unique
    across kinds)."""

    kinds: frozenset[str] | None
    item_id: int


def parse_reference(text: str) -> Reference | None:
    """``C-3`` and ``R-3`` -> Reference({"challenge"}, 3); ``Rec-3`` -> Reference({"recommendation"}, 3);
    ``12`` -> Reference(None, 12); words -> None. Letters that are no language's (``X-3``) are a reference to
    nothing: Reference(frozenset(), 3)."""
    found = _REFERENCE.fullmatch(text.strip())
    if found is None:
        return None
    prefix = found["prefix"]
    kinds = None if prefix is None else _LETTERS.get(prefix.casefold(), frozenset())
    return Reference(kinds, int(found["id"]))


def refusal(item, survivor, reference: Reference | None = None) -> str | None:
    """Why ``item`` cannot be merged into ``survivor`` (one of ``REFUSALS``), or None when it can.
    ``survivor`` None, or of another workshop, is MISSING; so is a typed reference whose letter is not the
    survivor's kind's in any language (C-12 when 12 is a good practice is not "G-12, of another kind": nobody typed
    G-12 or BP-12)."""
    if survivor is None or survivor.workshop_id != item.workshop_id:
        return MISSING
    if reference is not None and reference.kinds is not None and survivor.kind not in reference.kinds:
        return MISSING
    if survivor.id == item.id:
        return ITSELF
    if survivor.table_id != item.table_id:
        return OTHER_TABLE
    if survivor.kind != item.kind:
        return OTHER_KIND
    if survivor.status == lifecycle.MERGED:
        return MERGED
    if survivor.status not in lifecycle.IN_REVIEW or item.status not in lifecycle.IN_REVIEW:
        return CLOSED
    if survivor.consolidated or item.consolidated:
        return CONSOLIDATED
    return None


def candidates(item, items: Iterable) -> list:
    """The items ``item`` may be merged into, newest first."""
    return sorted((o for o in items if refusal(item, o) is None), key=lambda o: -o.id)


def final_survivor(item, items: Sequence):
    """Where a merged item's ideas now live: the end of its chain of merges (None if it leads nowhere)."""
    by_id = {o.id: o for o in items}
    seen = set()
    while item is not None and item.status == lifecycle.MERGED and item.merged_into and item.id not in seen:
        seen.add(item.id)
        item = by_id.get(item.merged_into)
    return item


def search(query: str, pool: Sequence, text_of, glossary: duplicates.Glossary = duplicates.EMPTY,
           language: str | None = None) -> list:
    """The items of ``pool`` a few typed words point to, best first (then newest first); ``text_of(item)`` is
    the text an item is searched by. Each item is read in its own language and the query in ``language`` (the
    moderator's) where one is a third language (``duplicates.suggest``)."""
    found = duplicates.search(query, [(o.id, text_of(o)) for o in pool], glossary=glossary, language=language,
                              languages={o.id: o.language for o in pool})
    by_id = {o.id: o for o in pool}
    return [by_id[i] for i, _ in found]
