"""The joint reading: the secretariat walks the recommendations, most supported first, and for each one
records the outcome — adopted, adopted as amended (the original wording kept in its history, with a short
reason if one is given), or set aside with the reason — which the roadmap then prints.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import lifecycle
from bot.domain.permissions import Action
from bot.domain.plenary import reading_order
from bot.domain.records import Contribution, Dialogue
from handlers import callbacks, flow
from handlers.callbacks import READING_ADOPT, READING_AMEND, READING_ASIDE, READING_GO
from handlers.cards import agenda, describe, nav_row, position_of, show_first
from handlers.guard import allowed
from handlers.views import turn_page

TEXT_LIMIT = 2000
REASON_LIMIT = 500
reading_flow = flow.flow("reading", Action.MANAGE_WORKSHOP)


async def ordered(context: BotContext) -> list[Contribution]:
    tallies = await context.storage.tallies(context.workshop.id)
    return reading_order(await agenda(context), tallies)


async def card(context: BotContext, items: list[Contribution], index: int) -> tuple[str, InlineKeyboardMarkup]:
    item = items[index]
    tally = (await context.storage.tallies(context.workshop.id)).get(item.id)
    outcome = context.label(f"reading.outcome_{item.status}") if item.status in lifecycle.READING_OUTCOMES \
        else context.label("reading.outcome_pending")
    text = "\n\n".join([
        await describe(context, item),
        context.t("reading.tally", votes=tally.votes, support=tally.support, object=tally.object,
                  comments=tally.comments),
        context.t("reading.outcome", outcome=outcome, reason=item.status_reason or ""),
        context.t("plenary.position", n=index + 1, total=len(items)),
    ])
    rows = [[READING_ADOPT.button(context.label("reading.adopt"), item.id, index)],
            [READING_AMEND.button(context.label("reading.amend"), item.id, index)],
            [READING_ASIDE.button(context.label("reading.set_aside"), item.id, index)]]
    return text, InlineKeyboardMarkup(rows + nav_row(READING_GO, items, index))


async def show(update: Update, context: BotContext) -> None:
    """/reading: the joint reading, from the most supported recommendation."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    await show_first(update, context, await ordered(context), card)


async def act(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    verb, (item_id, _) = callbacks.decode(query.data)
    items = await ordered(context)
    position = position_of(items, item_id)
    if position is None:
        await query.answer(context.label("common.stale_button"))
        return
    if verb in (READING_AMEND, READING_ASIDE):
        await query.answer()
        await flow.begin(update, context, "reading", "amend" if verb is READING_AMEND else "reason",
                         {"item": item_id})
        return
    if verb is READING_ADOPT:
        await context.storage.set_reading_outcome(item_id, lifecycle.ADOPTED, context.person.id)
        items = await ordered(context)
        position = next(i for i, it in enumerate(items) if it.id == item_id)
    await query.answer()
    await turn_page(update, *await card(context, items, position))


async def _record(update: Update, context: BotContext, dialogue: Dialogue, outcome: str,
                  reason: str | None) -> None:
    """Write the outcome (with the amended text the dialogue kept, for an amendment) and end the step."""
    item_id = int(dialogue.data["item"])
    await context.storage.set_reading_outcome(item_id, outcome, context.person.id, reason=reason,
                                              amended_action=dialogue.data.get("amended"))
    await flow.finish(context)
    await context.reply(update, f"reading.recorded_{outcome}", ref=f"R-{item_id}")


async def _amended_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Keep the amended text in the dialogue; the reason for the amendment comes next."""
    text = text.strip()
    if await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        await flow.go(update, context, "reading", "amend_reason", {**dialogue.data, "amended": text})


async def _amend_reason_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if await flow.acceptable(update, context, dialogue, text, REASON_LIMIT):
        await _record(update, context, dialogue, lifecycle.ADOPTED_AMENDED, text)


async def _amend_reason_skipped(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value != "skip":
        await flow.ask_again(update, context, dialogue)
        return
    await _record(update, context, dialogue, lifecycle.ADOPTED_AMENDED, None)


async def _aside_reason_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        await _record(update, context, dialogue, lifecycle.SET_ASIDE, text)


@reading_flow.step("amend", read=_amended_typed)
async def ask_amendment(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reading.ask_amendment", ref=f"R-{dialogue.data['item']}", limit=TEXT_LIMIT)


@reading_flow.step("amend_reason", read=_amend_reason_typed, press=_amend_reason_skipped)
async def ask_amendment_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The reason is optional: WORKSHOP.md §3.6 keeps it when the room gives one."""
    skip = flow.keyboard([flow.button(context.label("reading.skip_reason"), "reading", "amend_reason", "skip")])
    await context.reply(update, "reading.ask_amend_reason", skip, ref=f"R-{dialogue.data['item']}",
                        limit=REASON_LIMIT)


@reading_flow.step("reason", read=_aside_reason_typed)
async def ask_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reading.ask_reason", ref=f"R-{dialogue.data['item']}", limit=TEXT_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("reading", show))
    for route in (READING_ADOPT, READING_AMEND, READING_ASIDE, READING_GO):
        app.add_handler(route.handler(act))
