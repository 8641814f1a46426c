"""The cards the plenary and the joint reading walk through: one recommendation a card, ◀ ▶ between them.

Both lists are built here from the same rule (``bot.domain.plenary``), so the plenary and the reading show
the same recommendations; each button names the card it leads to, so a stale one is recognised.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.items import reference
from bot.domain.plenary import absorbed, plenary_agenda
from bot.domain.records import Contribution
from handlers.callbacks import Route

Card = Callable[[BotContext, list[Contribution], int], Awaitable[tuple[str, InlineKeyboardMarkup]]]


async def agenda(context: BotContext) -> list[Contribution]:
    workshop = context.workshop
    tables = await context.storage.working_tables(workshop.id)
    order = {t.id: i for i, t in enumerate(tables)}
    recommendations = await context.storage.contributions(workshop.id, kind="recommendation")
    members = {r.id for r in recommendations if not r.consolidated}
    consolidated = [(r.id, True, r.status, await context.storage.links(r.id))
                    for r in recommendations if r.consolidated]
    return plenary_agenda(recommendations, order, absorbed(consolidated, members.__contains__))



async def describe(context: BotContext, item: Contribution) -> str:
    """The card's text: what the recommendation says, where it comes from, and its details."""
    definition, lang = context.workshop.definition, context.language
    tables = {t.id: t.code for t in await context.storage.working_tables(context.workshop.id)}
    table = definition.table(tables.get(item.table_id, "")) if item.table_id else None
    level = definition.level(item.level)
    dimensions = ", ".join(d.name.get(lang) for d in definition.dimensions if d.id in item.dimensions)
    details = item.details
    return context.t(
        "plenary.card", ref=reference("recommendation", item.id, lang), table=table.name.get(lang) if table else "—",
        level=level.name.get(lang) if level else item.level, action=details.get("action", ""),
        dimensions=dimensions or "—",
        scope=_choice(context, "scope", details.get("scope")),
        timeframe=_choice(context, "timeframe", details.get("timeframe")),
        consolidated=item.consolidated)



def _choice(context: BotContext, question: str, value: str | None) -> str:
    """A scope or timeframe in a card's sentence: the workshop file's name for it, else the bot's own words for
    a built-in id (lower case, to read inside the card), else a dash."""
    if not value:
        return "—"
    named = context.workshop.definition.choice_name(question, value, context.language)
    if named is not None:
        return named
    if f"plenary.{question}_{value}" in context.texts.sources[context.language]:
        return context.label(f"plenary.{question}_{value}")
    return "—"


def nav_row(route: Route, items: list[Contribution], index: int) -> list[list[InlineKeyboardButton]]:
    """◀ ▶ between cards; each button names the card it leads to, so a stale one is recognised."""
    nav = [route.button(arrow, items[to].id, to)
           for arrow, to in (("◀", index - 1), ("▶", index + 1)) if 0 <= to < len(items)]
    return [nav] if nav else []



def position_of(items: list[Contribution], item_id: int) -> int | None:
    """Where the card of ``item_id`` is now; None when it is no longer in the list (a stale button)."""
    return next((i for i, it in enumerate(items) if it.id == item_id), None)



async def show_first(update: Update, context: BotContext, items: list[Contribution], card: Card) -> None:
    """Open a list of cards at its first one, or say there is none."""
    if not items:
        await context.reply(update, "plenary.empty")
        return
    await context.say(update, *await card(context, items, 0))
