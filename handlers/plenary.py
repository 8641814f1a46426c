"""The plenary: every table's recommendations, one card at a time, with support, objection, comments and
dot votes. Vote totals stay hidden until the plenary closes, so early votes do not steer later ones.

An objection carries a reason (asked in the flow; none, no objection), which the table's rapporteur and
moderator read and may answer; the answer reaches the objector through the outbox. Dots are fair: a few per
person, a cap per recommendation, none on one's own; they can be moved until the vote closes.
"""

from __future__ import annotations

import hashlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import editorial, table_view
from bot.domain.items import quoted, reference
from bot.domain.permissions import Action, can
from bot.domain.phases import open_phases
from bot.domain.records import Contribution, Dialogue, Notice
from bot.jobs import confirmations
from handlers import callbacks, flow
from handlers.callbacks import (
    PLENARY_AMEND,
    PLENARY_ANSWER,
    PLENARY_COMMENT,
    PLENARY_GO,
    PLENARY_OBJECT,
    PLENARY_OBJECTIONS,
    PLENARY_SUPPORT,
    PLENARY_VOTE_DOWN,
    PLENARY_VOTE_UP,
    SYN_READ,
    Route,
)
from handlers.cards import agenda, describe, nav_row, position_of, show_first
from handlers.guard import Args, guarded_button, permitted, refuse, still_open
from handlers.tables import item_arg, table_arg, table_name
from handlers.views import say_in_parts, turn_page

COMMENT_LIMIT = 1000
REASON_LIMIT = 500    # an objection's reason: a sentence or two the rapporteur can answer
ANSWER_LIMIT = 1000
ANSWER_BUTTONS = 20   # unanswered objections offered a button at once; the rest after those are answered
comment_flow = flow.flow("plenary", Action.GIVE_FEEDBACK)
answer_flow = flow.flow("objection_answer", Action.ANSWER_OBJECTIONS)


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
        *([context.t("plobj.own_item")] if await storage.is_own(item.id, person.id) else []),
        context.t("plenary.position", n=index + 1, total=len(items)),
    ])

    def button(key: str, route: Route) -> InlineKeyboardButton:
        return route.button(context.label(key), item.id, index)

    rows = [[button("plenary.support", PLENARY_SUPPORT), button("plenary.object", PLENARY_OBJECT)],
            [button("plenary.vote_up", PLENARY_VOTE_UP), button("plenary.vote_down", PLENARY_VOTE_DOWN)],
            [button("plenary.comment", PLENARY_COMMENT), button("plamend.propose", PLENARY_AMEND)]]
    return text, InlineKeyboardMarkup(rows + await _synthesis_row(context, items, index)
                                      + nav_row(PLENARY_GO, items, index))


async def _synthesis_row(context: BotContext, items: list[Contribution], index: int) -> list:
    """On the first card of a table's recommendations, the way to its approved synthesis (handlers.synthesis)."""
    item = items[index]
    if item.table_id is None or (index > 0 and items[index - 1].table_id == item.table_id):
        return []
    found = await context.storage.synthesis(item.table_id)
    if found is None or found.status != editorial.APPROVED:
        return []
    return [[SYN_READ.button(context.label("synth.read_button"), item.table_id)]]


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
    items = await agenda(context)
    if items and items[0].table_id is not None:  # the first table's approved synthesis, before its cards
        await flow.hand_over(update, context, "synthesis.read", items[0].table_id)
    await show_first(update, context, items, card)


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
    if verb is PLENARY_OBJECT and await storage.stance(item_id, person.id) != "object":
        await query.answer()  # an objection needs its reason: asked next, recorded only with it
        await flow.begin(update, context, "plenary", "objection", {"item": item_id})
        return
    if verb in (PLENARY_SUPPORT, PLENARY_OBJECT):  # pressing one's objection again takes it back
        await storage.set_stance(item_id, person.id, "support" if verb is PLENARY_SUPPORT else "object")
    elif verb in (PLENARY_VOTE_UP, PLENARY_VOTE_DOWN):
        limit, cap = workshop.definition.plenary_votes, workshop.definition.plenary_votes_per_item
        refusal = await storage.move_dot(workshop.id, item_id, person.id, 1 if verb is PLENARY_VOTE_UP else -1,
                                         limit=limit, cap=cap)
        if refusal is not None:
            notice = context.label(f"plenary.{refusal}", limit=limit, cap=cap)
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
    await context.reply(update, "plenary.comment_saved",
                        ref=reference("recommendation", dialogue.data['item'], context.language))
    await next_card(update, context, int(dialogue.data["item"]))


@flow.entry("plenary.next")  # also where a proposed amendment (handlers.amendments) carries on
async def next_card(update: Update, context: BotContext, item_id: int) -> None:
    """After a comment or an objection the person carries on at the card after that one (the same card when
    it was the last), not back at the first."""
    items = await agenda(context)
    position = position_of(items, item_id)
    if position is None:
        await show_first(update, context, items, card)
        return
    await context.say(update, *await card(context, items, min(position + 1, len(items) - 1)))


async def _reason_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Record the objection with its reason, if the plenary is still open now that it arrives."""
    text = text.strip()
    if not await plenary_open(context):
        await flow.finish(context)
        await context.reply(update, "plenary.closed")
        return
    if not await flow.acceptable(update, context, dialogue, text, REASON_LIMIT):
        return
    item_id = int(dialogue.data["item"])
    await context.storage.object_with_reason(item_id, context.person.id, text)
    await flow.finish(context)
    await context.reply(update, "plobj.recorded", ref=reference("recommendation", item_id, context.language))
    await next_card(update, context, item_id)


@comment_flow.step("objection", read=_reason_typed)
async def ask_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """No objection without a reason: the table's rapporteur and moderator read it and may answer."""
    await context.reply(update, "plobj.ask_reason",
                        ref=reference("recommendation", dialogue.data['item'], context.language), limit=REASON_LIMIT)


# -- the table's side: its rapporteur and moderator read the objections and answer them ------------------------

async def _table_of_objection(context: BotContext, args: Args) -> int | None:
    """For ``guarded_button``: the table of the recommendation the objection is about."""
    objection = await context.storage.objection(args[0])
    return await item_arg(context, (objection.item_id,)) if objection else None


@guarded_button(Action.ANSWER_OBJECTIONS, table_arg, reads=True)
async def show_objections(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """A table's objections with their reasons (and answers given), a button to answer each one still open.
    Objectors are not named: the reason is what the table answers."""
    storage = context.storage
    objections = await storage.objections(table_id)
    table = await storage.working_table(table_id)
    lines = [context.t("plobj.list_head", table=table_name(context, table), count=len(objections))]
    items = {}
    for number, objection in enumerate(objections, 1):
        if objection.item_id not in items:
            items[objection.item_id] = await storage.contribution(objection.item_id)
            lines.append(context.t("plobj.list_item",
                                   ref=reference("recommendation", objection.item_id, context.language),
                                   text=table_view.short(table_view.main_text(items[objection.item_id]), 120)))
        lines.append(context.t("plobj.list_line", n=number, reason=objection.reason, answer=objection.answer or ""))
    open_ones = [(n, o) for n, o in enumerate(objections, 1) if o.answer is None][:ANSWER_BUTTONS]
    rows = [[PLENARY_ANSWER.button(context.label("plobj.btn_answer", n=n,
                                                 ref=reference("recommendation", o.item_id, context.language)), o.id)]
            for n, o in open_ones]
    await say_in_parts(update, context, lines, InlineKeyboardMarkup(rows) if rows else None)


@guarded_button(Action.ANSWER_OBJECTIONS, _table_of_objection)
async def start_answer(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await flow.begin(update, context, "objection_answer", "answer", {"objection": args[0], "table": table_id})


async def _answer_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Store the answer and queue the objector's notice with it; the role is checked again, since it may have
    been taken away while the answer was being typed."""
    text = text.strip()
    if not permitted(context, Action.ANSWER_OBJECTIONS, int(dialogue.data["table"])):
        await flow.finish(context)
        await refuse(update, context, Action.ANSWER_OBJECTIONS)
        return
    if not await flow.acceptable(update, context, dialogue, text, ANSWER_LIMIT):
        return
    objection = await context.storage.objection(int(dialogue.data["objection"]))
    await flow.finish(context)
    if objection is None:
        await context.reply(update, "plobj.gone")
        return
    ref = reference("recommendation", objection.item_id, context.language)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    notice = Notice(f"objection-answer:{objection.id}:{digest}", "plobj.answered",
                    {"ref": quoted("recommendation", objection.item_id), "reason": objection.reason, "answer": text})
    if not await context.storage.answer_objection(objection.id, context.person.id, text, notice):
        await context.reply(update, "plobj.gone")
        return
    await context.reply(update, "plobj.answer_sent", ref=ref)
    await confirmations.deliver(context.application, notice.key)


@answer_flow.step("answer", read=_answer_typed)
async def ask_answer(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    objection = await context.storage.objection(int(dialogue.data["objection"]))
    await context.reply(update, "plobj.ask_answer",
                        ref=reference("recommendation", objection.item_id, context.language) if objection else "—",
                        reason=objection.reason if objection else "", limit=ANSWER_LIMIT)


@comment_flow.step("comment", read=_comment_typed)
async def ask_comment(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "plenary.ask_comment",
                        ref=reference("recommendation", dialogue.data['item'], context.language), limit=COMMENT_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("plenary", show))
    for route in (PLENARY_SUPPORT, PLENARY_OBJECT, PLENARY_VOTE_UP, PLENARY_VOTE_DOWN, PLENARY_COMMENT, PLENARY_GO):
        app.add_handler(route.handler(act))
    app.add_handler(PLENARY_OBJECTIONS.handler(show_objections))
    app.add_handler(PLENARY_ANSWER.handler(start_answer))
