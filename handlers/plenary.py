"""The plenary: every table's recommendations, one card at a time, with support, objection, comments and
dot votes. Vote totals stay hidden until the plenary closes, so early votes do not steer later ones.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.permissions import Action, can
from bot.domain.phases import open_phases
from bot.domain.records import Contribution, Dialogue
from handlers import callbacks, flow
from handlers.callbacks import (
    PLENARY_COMMENT,
    PLENARY_GO,
    PLENARY_OBJECT,
    PLENARY_SUPPORT,
    PLENARY_VOTE_DOWN,
    PLENARY_VOTE_UP,
    Route,
)
from handlers.cards import agenda, describe, nav_row, position_of, show_first
from handlers.guard import still_open
from handlers.views import turn_page

COMMENT_LIMIT = 1000
comment_flow = flow.flow("plenary", Action.GIVE_FEEDBACK)


async def plenary_open(context: BotContext) -> bool:
    phases = await context.storage.phases(context.workshop.id)
    return any(p.kind == "plenary" for p in open_phases(phases, None, context.now()))


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

    def button(key: str, route: Route) -> InlineKeyboardButton:
        return route.button(context.label(key), item.id, index)

    rows = [[button("plenary.support", PLENARY_SUPPORT), button("plenary.object", PLENARY_OBJECT)],
            [button("plenary.vote_up", PLENARY_VOTE_UP), button("plenary.vote_down", PLENARY_VOTE_DOWN)],
            [button("plenary.comment", PLENARY_COMMENT)]]
    return text, InlineKeyboardMarkup(rows + nav_row(PLENARY_GO, items, index))


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
    verb, (item_id, _) = callbacks.decode(query.data)
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
    if verb in (PLENARY_SUPPORT, PLENARY_OBJECT):
        await storage.set_stance(item_id, person.id, "support" if verb is PLENARY_SUPPORT else "object")
    elif verb in (PLENARY_VOTE_UP, PLENARY_VOTE_DOWN):
        up = verb is PLENARY_VOTE_UP
        limit = workshop.definition.plenary_votes
        if not await storage.change_vote(workshop.id, item_id, person.id, 1 if up else -1, limit):
            notice = context.label("plenary.no_votes_left" if up else "plenary.no_vote_here", limit=limit)
    elif verb is PLENARY_COMMENT:
        await query.answer()
        await flow.begin(update, context, "plenary", "comment", {"item": item_id})
        return
    await query.answer(notice, show_alert=bool(notice))
    await turn_page(update, *await card(context, items, position))


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
    for route in (PLENARY_SUPPORT, PLENARY_OBJECT, PLENARY_VOTE_UP, PLENARY_VOTE_DOWN, PLENARY_COMMENT, PLENARY_GO):
        app.add_handler(route.handler(act))
