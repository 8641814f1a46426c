"""The plenary: every table's recommendations, one card at a time, with support, objection, comments and
dot votes. Vote totals stay hidden until the plenary closes, so early votes do not steer later ones.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.domain.permissions import Action, can
from bot.domain.phases import open_phases
from bot.domain.plenary import absorbed, plenary_agenda
from bot.domain.records import Contribution, Dialogue
from handlers import flow
from handlers.guard import still_open

COMMENT_LIMIT = 1000
Card = Callable[[BotContext, list[Contribution], int], Awaitable[tuple[str, InlineKeyboardMarkup]]]
comment_flow = flow.flow("plenary", Action.GIVE_FEEDBACK)


async def plenary_open(context: BotContext) -> bool:
    phases = await context.storage.phases(context.workshop.id)
    return any(p.kind == "plenary" for p in open_phases(phases, None, context.now()))


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
        "plenary.card", ref=f"R-{item.id}", table=table.name.get(lang) if table else "—",
        level=level.name.get(lang) if level else item.level, action=details.get("action", ""),
        dimensions=dimensions or "—",
        scope=context.label(f"plenary.scope_{details['scope']}") if details.get("scope") in ("national", "regional")
        else "—",
        timeframe=context.label(f"plenary.timeframe_{details['timeframe']}")
        if details.get("timeframe") in ("short", "medium", "long") else "—",
        consolidated=item.consolidated)


async def card(context: BotContext, items: list[Contribution], index: int) -> tuple[str, InlineKeyboardMarkup]:
    item = items[index]
    storage, person = context.storage, context.person
    stance = await storage.stance(item.id, person.id)
    votes = await storage.votes_of(context.workshop.id, person.id)
    limit = context.workshop.definition.plenary_votes
    text = "\n\n".join([
        await describe(context, item),
        context.t("plenary.yours", stance=context.label(f"plenary.stance_{stance or 'none'}"),
                  mine=votes.get(item.id, 0), left=limit - sum(votes.values())),
        context.t("plenary.position", n=index + 1, total=len(items)),
    ])
    ref = f"{item.id}.{index}"

    def button(key: str, verb: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(context.label(key), callback_data=f"pl|{verb}|{ref}")

    rows = [[button("plenary.support", "sup"), button("plenary.object", "obj")],
            [button("plenary.vote_up", "up"), button("plenary.vote_down", "down")],
            [button("plenary.comment", "com")]]
    return text, InlineKeyboardMarkup(rows + nav_row("pl", items, index))


def nav_row(prefix: str, items: list[Contribution], index: int) -> list[list[InlineKeyboardButton]]:
    """◀ ▶ between cards; each button names the card it leads to, so a stale one is recognised."""
    nav = [InlineKeyboardButton(arrow, callback_data=f"{prefix}|go|{items[to].id}.{to}")
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


async def redraw(query, text: str, markup: InlineKeyboardMarkup) -> None:
    """Show the card again in place; pressing a button that changes nothing is not an error."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def _allowed(context: BotContext) -> bool:
    return context.workshop is not None and context.membership is not None and context.membership.registered \
        and can(context.roles, Action.GIVE_FEEDBACK)


async def show(update: Update, context: BotContext) -> None:
    """/plenary: the first recommendation's card."""
    if not _allowed(context):
        await context.reply(update, "plenary.members_only")
        return
    if not await still_open(update, context, Action.GIVE_FEEDBACK):
        return
    if not await plenary_open(context):
        await context.reply(update, "plenary.closed")
        return
    await show_first(update, context, await agenda(context), card)


async def act(update: Update, context: BotContext) -> None:
    """A card button: take a stance, move a dot, comment, or turn the page; then redraw the card."""
    query = update.callback_query
    _, verb, ref = query.data.split("|")
    item_id = int(ref.split(".")[0])
    if not _allowed(context):
        await query.answer(context.label("plenary.members_only_short"), show_alert=True)
        return
    if not await still_open(update, context, Action.GIVE_FEEDBACK):
        return
    if not await plenary_open(context):
        await query.answer(context.label("plenary.closed_short"), show_alert=True)
        return
    items = await agenda(context)
    position = position_of(items, item_id)
    if position is None:
        await query.answer(context.label("common.stale_button"))
        return
    storage, person, workshop = context.storage, context.person, context.workshop
    notice = None
    if verb in ("sup", "obj"):
        await storage.set_stance(item_id, person.id, "support" if verb == "sup" else "object")
    elif verb in ("up", "down"):
        limit = workshop.definition.plenary_votes
        if not await storage.change_vote(workshop.id, item_id, person.id, 1 if verb == "up" else -1, limit):
            notice = context.label("plenary.no_votes_left" if verb == "up" else "plenary.no_vote_here", limit=limit)
    elif verb == "com":
        await query.answer()
        await flow.begin(update, context, "plenary", "comment", {"item": item_id})
        return
    await query.answer(notice, show_alert=bool(notice))
    await redraw(query, *await card(context, items, position))


async def _comment_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Keep the comment, if the plenary is still open now that it arrives (it may have closed while typing)."""
    text = text.strip()
    if not await plenary_open(context):
        await flow.finish(context)
        await context.reply(update, "plenary.closed")
        return
    if not await flow.acceptable(update, context, dialogue, text, COMMENT_LIMIT):
        return
    await context.storage.add_comment(int(dialogue.data["item"]), context.person.id, text)
    await flow.finish(context)
    await context.reply(update, "plenary.comment_saved", ref=f"R-{dialogue.data['item']}")


@comment_flow.step("comment", read=_comment_typed)
async def ask_comment(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "plenary.ask_comment", ref=f"R-{dialogue.data['item']}", limit=COMMENT_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("plenary", show))
    app.add_handler(CallbackQueryHandler(act, pattern=r"^pl\|(sup|obj|up|down|com|go)\|\d{1,9}\.\d{1,5}$"))
