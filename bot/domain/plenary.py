"""Which recommendations the plenary and the joint reading walk through, and in what order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.domain import lifecycle
from bot.domain.records import Contribution, Tally


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
    """The joint reading takes the most supported first: dots, then supports minus objections."""
    def weight(item: Contribution) -> tuple[int, int, int]:
        tally = tallies.get(item.id) or Tally(0, 0, 0, 0)
        return (-tally.votes, -(tally.support - tally.object), item.id)

    return sorted(agenda, key=weight)
