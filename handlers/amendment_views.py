"""How the amendments the floor made to a recommendation read on a card: the wording before and after, and
who proposed it, credited as they chose. Shared by the amendments' own flow and the joint reading's card
(flow modules do not import each other)."""

from __future__ import annotations

from bot.context import BotContext
from bot.domain.amendments import Amendment, changes
from bot.jobs.roadmap_data import credit


async def credit_of(context: BotContext, amendment: Amendment) -> str:
    """The proposer as they chose to be credited for this amendment; "anonymous" in the reader's words."""
    member = await context.storage.proposer(context.workshop.id, amendment.person_id)
    return credit(context.workshop.definition, member, amendment.attribution, context.language) \
        or context.label("plamend.anonymous")


async def change_lines(context: BotContext, item_id: int) -> list[str]:
    """One paragraph per change the floor made to this recommendation's wording (none when it made none)."""
    found = changes(await context.storage.item_amendments(item_id))
    lines = []
    for change in found:
        credits = [await credit_of(context, a) for a in change.proposals]
        lines.append(context.t("plamend.card_change", before=change.before, after=change.after,
                               refs=", ".join(f"A-{a.id}" for a in change.proposals),
                               credits="; ".join(dict.fromkeys(credits)), merged=change.merged))
    return lines
