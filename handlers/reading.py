"""The joint reading: the secretariat walks the recommendations, most supported first, and for each one
records the outcome — adopted, adopted as amended (the original wording kept in its history, with a short
reason if one is given), or set aside with the reason — which the roadmap then prints.

The reading opens only once the plenary vote closed, and its order is fixed then (stored with the tallies it
was ordered by, ties by the stated rule of ``bot.domain.plenary.reading_order``): live tallies never reorder it,
and everyone registered sees the same list with /reading. When the secretariat ends the reading the list is
frozen; only the secretariat can reopen it, and both are recorded in the audit log.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import lifecycle, table_view
from bot.domain.items import reference
from bot.domain.permissions import Action
from bot.domain.plenary import plenary_vote_closed, reading_order
from bot.domain.records import Contribution, Dialogue, Reading, Tally
from bot.jobs import groups
from handlers import callbacks, flow
from handlers.amendment_views import change_lines
from handlers.callbacks import READING_ADOPT, READING_AMEND, READING_ASIDE, READING_END, READING_GO, READING_REOPEN
from handlers.cards import agenda, describe, nav_row, position_of, show_first
from handlers.guard import allowed, permitted, still_open, to_invitation
from handlers.views import say_in_parts, turn_page

TEXT_LIMIT = 2000
REASON_LIMIT = 500
reading_flow = flow.flow("reading", Action.MANAGE_WORKSHOP)


async def open_now(context: BotContext) -> Reading | None:
    """The stored reading; opened here (its order fixed from the tallies as they stand) when the secretariat
    comes to it first once the plenary vote closed. None while it cannot open or is not open yet."""
    storage, workshop = context.storage, context.workshop
    reading = await storage.reading(workshop.id)
    if reading is not None or not permitted(context, Action.MANAGE_WORKSHOP, None):
        return reading
    if not plenary_vote_closed(await storage.phases(workshop.id), context.now()):
        return None
    tallies = await storage.tallies(workshop.id)
    order = reading_order(await agenda(context), tallies)
    await storage.open_reading(workshop.id, context.person.id,
                               [(item.id, tallies.get(item.id) or Tally(0, 0, 0, 0)) for item in order])
    return await storage.reading(workshop.id)


async def ordered(context: BotContext, reading: Reading) -> list[Contribution]:
    """The recommendations in the order stored when the reading opened, as they stand now (outcomes)."""
    found = {i.id: i for i in await context.storage.contributions(context.workshop.id, kind="recommendation")}
    return [found[item_id] for item_id, _ in reading.entries if item_id in found]


async def card(context: BotContext, items: list[Contribution], index: int) -> tuple[str, InlineKeyboardMarkup]:
    item = items[index]
    reading = await context.storage.reading(context.workshop.id)
    tally = dict(reading.entries).get(item.id) or Tally(0, 0, 0, 0)  # as fixed when the reading opened
    outcome = context.label(f"reading.outcome_{item.status}") if item.status in lifecycle.READING_OUTCOMES \
        else context.label("reading.outcome_pending")
    text = "\n\n".join([
        await describe(context, item),
        *await change_lines(context, item.id),  # what the floor's amendments changed (handlers.amendments)
        context.t("reading.tally", votes=tally.votes, support=tally.support, object=tally.object,
                  comments=tally.comments),
        context.t("reading.outcome", outcome=outcome, reason=item.status_reason or ""),
        context.t("plenary.position", n=index + 1, total=len(items)),
    ])
    rows = [[READING_ADOPT.button(context.label("reading.adopt"), item.id, index)],
            [READING_AMEND.button(context.label("reading.amend"), item.id, index)],
            [READING_ASIDE.button(context.label("reading.set_aside"), item.id, index)]]
    return text, InlineKeyboardMarkup(rows + nav_row(READING_GO, items, index))


def outcome_of(context: BotContext, item: Contribution) -> str:
    return context.label(f"reading.outcome_{item.status}") if item.status in lifecycle.READING_OUTCOMES \
        else context.label("reading.outcome_pending")


async def show_list(update: Update, context: BotContext, reading: Reading) -> None:
    """The reading's list as everyone sees it: its fixed order, the rule that broke ties, each outcome so far;
    the secretariat's copy carries the button that ends the reading (or reopens an ended one)."""
    items = await ordered(context, reading)
    tallies = dict(reading.entries)
    lines = [context.t("reading.list_head", count=len(items), ended=reading.ended)]
    lines += [context.t("reading.list_line", n=n, ref=reference("recommendation", item.id, context.language),
                        votes=tallies[item.id].votes,
                        text=table_view.short(item.details.get("action", ""), 90), outcome=outcome_of(context, item))
              for n, item in enumerate(items, 1)]
    markup = None
    if permitted(context, Action.MANAGE_WORKSHOP, None) and not context.workshop.closed:
        route, key = (READING_REOPEN, "reading.reopen") if reading.ended else (READING_END, "reading.end")
        markup = InlineKeyboardMarkup([[route.button(context.label(key))]])
    await say_in_parts(update, context, lines, markup)


async def show(update: Update, context: BotContext) -> None:
    """/reading: the reading's list for everyone registered; for the secretariat, also the first card."""
    secretariat = permitted(context, Action.MANAGE_WORKSHOP, None)
    if context.workshop is None or context.membership is None:
        await to_invitation(update, context)
        return
    if not await still_open(update, context, Action.MANAGE_WORKSHOP):  # over: the final roadmap has it
        return
    if not secretariat and not context.membership.registered:
        await context.reply(update, "plenary.members_only")
        return
    reading = await open_now(context)
    if reading is None:
        closed = plenary_vote_closed(await context.storage.phases(context.workshop.id), context.now())
        await context.reply(update, "reading.not_opened" if closed else "reading.not_yet")
        return
    await show_list(update, context, reading)
    if secretariat and not reading.ended:
        await show_first(update, context, await ordered(context, reading), card)


async def end_or_reopen(update: Update, context: BotContext) -> None:
    """End the reading (the list frozen) or reopen it: the secretariat's alone, each recorded."""
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    reopen = callbacks.decode(query.data)[0] is READING_REOPEN
    reading = await context.storage.reading(context.workshop.id)
    if reading is None or not await context.storage.end_reading(context.workshop.id, context.person.id,
                                                                 reopen=reopen):
        await query.answer(context.label("common.stale_button"))
        return
    await query.answer()
    await context.reply(update, "reading.reopened" if reopen else "reading.ended")
    reading = await context.storage.reading(context.workshop.id)
    await show_list(update, context, reading)
    if reopen:
        await show_first(update, context, await ordered(context, reading), card)


async def _still_reading(update: Update, context: BotContext) -> Reading | None:
    """The open reading a decision is for; refused out loud when it has not opened or has ended (frozen)."""
    reading = await context.storage.reading(context.workshop.id)
    if reading is None or reading.ended:
        key = "reading.frozen" if reading is not None else "reading.not_opened"
        if update.callback_query is not None:
            await update.callback_query.answer(context.label(f"{key}_short"), show_alert=True)
        else:
            await context.reply(update, key)
        return None
    return reading


async def act(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    verb, (item_id, _) = callbacks.decode(query.data)
    reading = await _still_reading(update, context)
    if reading is None:
        return
    items = await ordered(context, reading)
    position = position_of(items, item_id)
    if position is None:
        await query.answer(context.label("common.stale_button"))
        return
    if verb in (READING_AMEND, READING_ASIDE):
        await query.answer()
        await flow.begin(update, context, "reading", "amend" if verb is READING_AMEND else "reason",
                         {"item": item_id})
        return
    await query.answer()
    if verb is READING_ADOPT:  # recorded, and the reading goes on at the next card in the same message
        if await context.storage.set_reading_outcome(item_id, lifecycle.ADOPTED, context.person.id):
            await groups.reading_decision(context.application, item_id, lifecycle.ADOPTED)  # a second tap: not again
        items = await ordered(context, reading)
        if position + 1 < len(items):
            text, markup = await card(context, items, position + 1)
            adopted = context.t("reading.adopted_next", ref=reference("recommendation", item_id, context.language))
            await turn_page(update, text + "\n\n" + adopted, markup)
            return
    await turn_page(update, *await card(context, items, position))


async def _record(update: Update, context: BotContext, dialogue: Dialogue, outcome: str,
                  reason: str | None) -> None:
    """Write the outcome (with the amended text the dialogue kept, for an amendment), end the step and go on
    at the next card (the same one when it was the last): unless the reading ended meanwhile."""
    item_id = int(dialogue.data["item"])
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):  # the role may have gone while typing
        await flow.finish(context)
        return
    reading = await _still_reading(update, context)
    await flow.finish(context)
    if reading is None:
        return
    if await context.storage.set_reading_outcome(item_id, outcome, context.person.id, reason=reason,
                                                 amended_action=dialogue.data.get("amended")):
        await groups.reading_decision(context.application, item_id, outcome)  # in the plenary group, as taken
    await context.reply(update, f"reading.recorded_{outcome}",
                        ref=reference("recommendation", item_id, context.language))
    items = await ordered(context, reading)
    position = position_of(items, item_id)
    if position is not None:
        await context.say(update, *await card(context, items, min(position + 1, len(items) - 1)))


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
    await context.reply(update, "reading.ask_amendment",
                        ref=reference("recommendation", dialogue.data['item'], context.language), limit=TEXT_LIMIT)


@reading_flow.step("amend_reason", read=_amend_reason_typed, press=_amend_reason_skipped)
async def ask_amendment_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The reason is optional: WORKSHOP.md §3.6 keeps it when the room gives one."""
    skip = flow.keyboard([flow.button(context.label("reading.skip_reason"), "reading", "amend_reason", "skip")])
    await context.reply(update, "reading.ask_amend_reason", skip,
                        ref=reference("recommendation", dialogue.data['item'], context.language),
                        limit=REASON_LIMIT)


@reading_flow.step("reason", read=_aside_reason_typed)
async def ask_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reading.ask_reason",
                        ref=reference("recommendation", dialogue.data['item'], context.language), limit=TEXT_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("reading", show))
    for route in (READING_ADOPT, READING_AMEND, READING_ASIDE, READING_GO):
        app.add_handler(route.handler(act))
    for route in (READING_END, READING_REOPEN):
        app.add_handler(route.handler(end_or_reopen))
