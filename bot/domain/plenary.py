"""Which recommendations the plenary and the joint reading walk through, and in what order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from bot.domain import lifecycle
from bot.domain.amendments import Amendment
from bot.domain.clock import parse
from bot.domain.phases import is_open
from bot.domain.records import Contribution, PhaseRow, Tally


def absorbed(consolidated: Iterable[tuple[int, bool, str, Iterable[tuple[int, str]]]],
             is_source: Callable[[int], bool]) -> dict[int, int]:
    """Members' recommendations a table's consolidated recommendation took in: source id -> consolidated id.

    The one rule the plenary, the joint reading and the reports follow: a live consolidated recommendation
    stands for the items it 'consolidates'; a member's recommendation the rapporteur did not take in still
    stands on its own. ``consolidated`` gives (id, is consolidated, status, links) of recommendations.
    """
    taken: dict[int, int] = {}
    for item_id, is_consolidated, status, links in consolidated:
        if not is_consolidated or status not in lifecycle.IN_PLENARY:
            continue
        for to_id, relation in links:
            if relation == "consolidates" and is_source(to_id):
                taken.setdefault(to_id, item_id)
    return taken


def plenary_agenda(recommendations: list[Contribution], table_order: dict[int, int],
                   taken_in: Iterable[int] = ()) -> list[Contribution]:
    """Each table's recommendations, table by table, its consolidated ones first; a member's recommendation
    a consolidated one took in is not shown again (``taken_in``, from ``absorbed``)."""
    hidden = set(taken_in)
    shown = [r for r in recommendations
             if r.kind == "recommendation" and r.status in lifecycle.IN_PLENARY and r.id not in hidden]
    return sorted(shown, key=lambda r: (table_order.get(r.table_id, len(table_order)), not r.consolidated, r.id))


def reading_order(agenda: list[Contribution], tallies: dict[int, Tally]) -> list[Contribution]:
    """The joint reading takes the most supported first. The stated rule, printed above the list: more dots,
    then more supports, then fewer objections, then the older reference (the lower number) first."""
    def weight(item: Contribution) -> tuple[int, int, int, int]:
        tally = tallies.get(item.id) or Tally(0, 0, 0, 0)
        return (-tally.votes, -tally.support, tally.object, item.id)

    return sorted(agenda, key=weight)


def dot_refusal(*, delta: int, used: int, mine: int, limit: int, cap: int, own: bool) -> str | None:
    """Why one more (``delta`` 1) or one fewer (-1) dot on a recommendation is refused, or None when allowed.

    ``used``: the person's dots in all; ``mine``: theirs on this one. Fair dots (issue 13): ``limit`` in all,
    at most ``cap`` on one recommendation, none on one's own (an author's or co-author's); taking a dot back
    is always allowed where there is one, so dots can be moved until the vote closes."""
    if delta < 0:
        return "no_vote_here" if mine + delta < 0 else None
    if own:
        return "own_item"
    if used + delta > limit:
        return "no_votes_left"
    if mine + delta > cap:
        return "item_cap"
    return None


def plenary_vote_closed(phases: Iterable[PhaseRow], now: dt.datetime) -> bool:
    """The plenary vote is over: a plenary phase exists, is not open now, and was closed by hand or its
    window has passed (one not yet opened is not closed). The joint reading opens only then."""
    plenary = [p for p in phases if p.kind == "plenary" and p.table_id is None]
    if not plenary or any(is_open(p, now) for p in plenary):
        return False
    return any(p.state == "closed" or ((closes := parse(p.closes_at)) is not None and closes <= now)
               for p in plenary)


def adoption(amendments: Iterable[Amendment]) -> str:
    """What "adopt" at the joint reading records: adopted as amended when the text read carries an amendment
    from the floor its table took in, else adopted. The reading adopts the wording before it, and a wording the
    floor changed is an amended one (as a conference records a text "adopted as orally amended"): recorded as
    plainly adopted, the roadmap printed "adoptada" over the amendment's "before" and "after" and counted the
    recommendation among those adopted unchanged."""
    return lifecycle.ADOPTED_AMENDED if any(a.applied for a in amendments) else lifecycle.ADOPTED
