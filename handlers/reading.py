"""The joint reading: the secretariat walks the recommendations, most supported first, and for each one
records the outcome — adopted, adopted as amended (the original wording kept in its history, with a short
reason if one is given), or set aside with the reason — which the roadmap then prints.

The reading opens only once the plenary vote closed, and its order is fixed then (stored with the tallies it
was ordered by, ties by the stated rule of ``bot.domain.plenary.reading_order``): live tallies never reorder it,
and everyone registered sees the same list with /reading. When the secretariat ends the reading the list is
frozen; only the secretariat can reopen it, giving a reason, and both are recorded in the audit log and told in
the roadmap's history of the reading (opened, ended, reopened by whom and why, what changed after).
"""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CommandHandler

from bot.context import BotContext, on_startup
from bot.domain import lifecycle, table_view, translating
from bot.domain.items import reference
from bot.domain.permissions import Action
from bot.domain.plenary import adoption, plenary_vote_closed, reading_order
from bot.domain.records import Contribution, Dialogue, Reading, Tally
from bot.jobs import groups, reading_follow
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
    elif not context.workshop.closed and permitted(context, Action.FOLLOW_READING, None):
        markup = await _follow_markup(context, reading)  # the others may follow its decisions in private
    await say_in_parts(update, context, lines, markup)


async def _follow_markup(context: BotContext, reading: Reading) -> InlineKeyboardMarkup | None:
    """Follow while the reading is open; Stop also once it ended, as a follow outlives the end (a reopening
    is told, and its decisions come too): none for an ended reading one does not follow."""
    following = await context.storage.follows_reading(context.workshop.id, context.person.id)
    if reading.ended and not following:
        return None
    route, key = (callbacks.READING_UNFOLLOW, "follow.btn_stop") if following \
        else (callbacks.READING_FOLLOW, "follow.btn_follow")
    return InlineKeyboardMarkup([[route.button(context.label(key))]])


async def follow_or_stop(update: Update, context: BotContext) -> None:
    """Follow the reading's decisions in private, or stop: a registered member's choice, while the reading is
    open (an ended one has nothing more to tell; a follower may still stop, not to hear of a reopening). The
    button under the list turns into the other one; the decisions themselves go out apart, through the bulk
    pacer (``bot.jobs.reading_follow``)."""
    query = update.callback_query
    if context.workshop is None or context.membership is None:
        await to_invitation(update, context)
        return
    if not await allowed(update, context, Action.FOLLOW_READING, None):
        return
    if not context.membership.registered:
        await query.answer(context.label("plenary.members_only_short"), show_alert=True)
        return
    follow = callbacks.decode(query.data)[0] is callbacks.READING_FOLLOW
    storage, workshop_id = context.storage, context.workshop.id
    reading = await storage.reading(workshop_id)
    stopping = not follow and reading is not None and await storage.follows_reading(workshop_id, context.person.id)
    if not stopping and await _still_reading(update, context) is None:
        return
    if follow:
        await storage.follow_reading(workshop_id, context.person.id)  # pressed twice: still from the first press
    else:
        await storage.unfollow_reading(workshop_id, context.person.id)
    await query.answer(context.label("follow.on_short" if follow else "follow.off_short"))
    with contextlib.suppress(BadRequest):  # the list's message may be too old to edit: the reply says it all
        await query.edit_message_reply_markup(await _follow_markup(context, reading))
    await context.reply(update, "follow.on" if follow else "follow.off")


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
    """End the reading (the list frozen), or ask why it is reopened: the secretariat's alone, each recorded.
    Reopening changes a list everyone saw frozen, so it waits for a reason, which the roadmap's history prints
    with who reopened it (``reports.sections.reading_history``)."""
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    reopen = callbacks.decode(query.data)[0] is READING_REOPEN
    reading = await context.storage.reading(context.workshop.id)
    if reopen and reading is not None and reading.ended:
        await query.answer()
        await flow.begin(update, context, "reading", "reopen_reason", {})
        return
    if reopen or reading is None or not await context.storage.end_reading(context.workshop.id, context.person.id):
        await query.answer(context.label("common.stale_button"))
        return
    await query.answer()
    reading_follow.decided(context.application, context.workshop.id)  # the followers' last message
    await context.reply(update, "reading.ended")
    await show_list(update, context, await context.storage.reading(context.workshop.id))


async def _reopen_reason_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Reopen with the reason typed (the role checked again: it may have gone while typing); the plenary group
    is told, as it is of every decision; then the list and the first card, as when it opened."""
    text = text.strip()
    if not await flow.acceptable(update, context, dialogue, text, REASON_LIMIT):
        return
    await flow.finish(context)
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    if not await context.storage.end_reading(context.workshop.id, context.person.id, reopen=True, reason=text):
        await context.reply(update, "reopen.not_ended")  # reopened meanwhile (another member of the secretariat)
        return
    await groups.reading_reopened(context.application, context.workshop.id, text)
    reading_follow.decided(context.application, context.workshop.id)  # the followers hear why, and follow on
    await context.reply(update, "reading.reopened")
    reading = await context.storage.reading(context.workshop.id)
    await show_list(update, context, reading)
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
        outcome = adoption(await context.storage.item_amendments(item_id))  # as amended if the floor changed it
        if await context.storage.set_reading_outcome(item_id, outcome, context.person.id):
            await groups.reading_decision(context.application, item_id, outcome)  # a second tap: not again
            reading_follow.decided(context.application, context.workshop.id)  # to the followers, apart
        items = await ordered(context, reading)
        if position + 1 < len(items):
            text, markup = await card(context, items, position + 1)
            told = "reading.adopted_next" if outcome == lifecycle.ADOPTED else "reading.adopted_amended_next"
            adopted = context.t(told, ref=reference("recommendation", item_id, context.language))
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
    language = translating.written_in(reason, context.language, context.workshop.definition.languages) \
        if reason else None
    if await context.storage.set_reading_outcome(item_id, outcome, context.person.id, reason=reason,
                                                 amended_action=dialogue.data.get("amended"),
                                                 reason_language=language):
        await groups.reading_decision(context.application, item_id, outcome)  # in the plenary group, as taken
        reading_follow.decided(context.application, context.workshop.id)  # and to the followers, apart
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


@reading_flow.step("reopen_reason", read=_reopen_reason_typed)
async def ask_reopen_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reopen.ask_reason", limit=REASON_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("reading", show))
    for route in (READING_ADOPT, READING_AMEND, READING_ASIDE, READING_GO):
        app.add_handler(route.handler(act))
    for route in (READING_END, READING_REOPEN):
        app.add_handler(route.handler(end_or_reopen))
    for route in (callbacks.READING_FOLLOW, callbacks.READING_UNFOLLOW):
        app.add_handler(route.handler(follow_or_stop))
    on_startup(app, reading_follow.resume)  # decisions recorded just before a stop still reach the followers
