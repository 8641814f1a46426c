"""Which recommendations the plenary and the joint reading walk through, and in what order."""

from __future__ import annotations

from bot.storage import Contribution, Tally

LIVE = ("submitted", "approved", "adopted", "adopted_amended", "set_aside")


def plenary_agenda(recommendations: list[Contribution], table_order: dict[int, int]) -> list[Contribution]:
    """Each table's recommendations, table by table. Where a rapporteur consolidated the table's work, the
    consolidated recommendations stand for the table; otherwise its members' recommendations do."""
    live = [r for r in recommendations if r.kind == "recommendation" and r.status in LIVE]
    consolidated_tables = {r.table_id for r in live if r.consolidated}
    shown = [r for r in live if r.consolidated or r.table_id not in consolidated_tables]
    return sorted(shown, key=lambda r: (table_order.get(r.table_id, len(table_order)), not r.consolidated, r.id))


def reading_order(agenda: list[Contribution], tallies: dict[int, Tally]) -> list[Contribution]:
    """The joint reading takes the most supported first: dots, then supports minus objections."""
    def weight(item: Contribution) -> tuple[int, int, int]:
        tally = tallies.get(item.id) or Tally(0, 0, 0, 0)
        return (-tally.votes, -(tally.support - tally.object), item.id)

    return sorted(agenda, key=weight)
