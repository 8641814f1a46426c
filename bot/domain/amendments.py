"""Amendments from the floor: what a proposal is, when the table may still decide on it, and how the decided
ones read as changes to a recommendation's wording.

How intergovernmental texts are negotiated (OpenSlides' and Decidim's amendments): a delegate proposes new
wording and says why; the table that wrote the recommendation takes it into the text, merges several proposals
into one wording of its own, or declines it with a reason. Whatever it decides, the proposer is told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain import lifecycle

PROPOSED = "proposed"
ACCEPTED = "accepted"   # its own wording went into the text
MERGED = "merged"       # went into the text together with others, in a wording the table wrote
DECLINED = "declined"   # with the table's reason
APPLIED = (ACCEPTED, MERGED)

WORDING_LIMIT = 2000    # as long as a recommendation's own text may be
REASON_LIMIT = 500      # why: a sentence or two


@dataclass(frozen=True)
class Amendment:
    """One proposal, as typed, with the credit its proposer chose (``attribution``) and, once decided, the
    wording either side of the change it made (``before``/``after``) or the reason it was declined."""

    id: int
    item_id: int
    person_id: int | None
    wording: str
    reason: str
    attribution: str
    status: str = PROPOSED
    before: str | None = None
    after: str | None = None
    version_id: int | None = None
    decided_by: int | None = None
    decision_reason: str | None = None
    created_at: str = ""
    decided_at: str | None = None

    @property
    def applied(self) -> bool:
        return self.status in APPLIED


def decision_refusal(amendments: list[Amendment], *, item_status: str | None, reading_opened: bool) -> str | None:
    """Why the table may not take these proposals into the text (or decline one) now, or None.

    Until the joint reading opens the table decides on what the floor proposed, also after the plenary vote
    closed (the proposals came in time); once the reading has opened, the text it reads is the text, and only
    the secretariat amends it there. All the proposals must still wait and be about the same recommendation,
    one that is still before the plenary."""
    if not amendments:
        return "gone"
    if reading_opened:
        return "reading_opened"
    if any(a.status != PROPOSED for a in amendments):
        return "decided_already"
    if len({a.item_id for a in amendments}) != 1 or item_status not in lifecycle.IN_PLENARY:
        return "gone"
    return None


@dataclass(frozen=True)
class Change:
    """One change the floor made to a recommendation's wording: before, after, and the proposals it took in
    (one when accepted as proposed, several when merged)."""

    before: str
    after: str
    proposals: tuple[Amendment, ...]

    @property
    def merged(self) -> bool:
        return any(a.status == MERGED for a in self.proposals)


def changes(amendments: Iterable[Amendment]) -> list[Change]:
    """The applied proposals as changes, in the order they were made: proposals merged together (the same
    version of the text replaced) are one change."""
    groups: dict[object, list[Amendment]] = {}
    for amendment in sorted((a for a in amendments if a.applied), key=lambda a: (a.decided_at or "", a.id)):
        groups.setdefault(amendment.version_id or ("alone", amendment.id), []).append(amendment)
    return [Change(group[0].before or "", group[0].after or "", tuple(group)) for group in groups.values()]
