"""Amendments from the floor: during the plenary a participant proposes new wording for a recommendation
from its card, says why and how to be credited; the recommendation's table (its rapporteur or moderator,
from the rapporteur's desk or /mod) takes it into the text, merges several into one wording it writes, or
declines it with a reason. Whatever it decides reaches the proposer through the outbox.

Proposals are taken only while the plenary is open; the table decides on them until the joint reading opens
(``bot.domain.amendments.decision_refusal``), and every decision is checked again in its transaction.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application

from bot.context import BotContext
from bot.domain import items as item_rules
from bot.domain import table_view
from bot.domain.amendments import PROPOSED, REASON_LIMIT, WORDING_LIMIT, Amendment
from bot.domain.permissions import Action, can
from bot.domain.phases import open_phases
from bot.domain.records import Dialogue, Notice
from bot.jobs import confirmations
from handlers import callbacks, flow
from handlers.amendment_views import credit_of
from handlers.callbacks import AMENDMENT_ACCEPT, AMENDMENT_DECLINE, AMENDMENT_MERGE, AMENDMENTS, PLENARY_AMEND
from handlers.cards import agenda, position_of
from handlers.guard import Args, guarded_button, permitted, refuse, still_open
from handlers.tables import item_arg, table_arg, table_name
from handlers.views import say_in_parts

DECISION_BUTTONS = 10   # proposals waiting offered buttons at once; the rest once these are decided
propose_flow = flow.flow("amendment", Action.GIVE_FEEDBACK)
decide_flow = flow.flow("amend_decide", Action.DECIDE_AMENDMENTS)


async def _plenary_open(context: BotContext) -> bool:
    phases = await context.storage.phases(context.workshop.id)
    return any(p.kind == "plenary" for p in open_phases(phases, None, context.now()))


def _member(context: BotContext) -> bool:
    return context.workshop is not None and context.membership is not None and context.membership.registered \
        and can(context.roles, Action.GIVE_FEEDBACK)


# -- the floor's side: proposing ----------------------------------------------------------------------------

async def propose(update: Update, context: BotContext) -> None:
    """The card's ✏️ button: ask for the new wording, if the plenary is open and the card still stands."""
    query = update.callback_query
    _, (item_id, _) = callbacks.decode(query.data)
    if not _member(context):
        await query.answer(context.label("plenary.members_only_short"), show_alert=True)
        return
    if not await still_open(update, context, Action.GIVE_FEEDBACK):
        return
    if not await _plenary_open(context):
        await query.answer(context.label("plenary.closed_short"), show_alert=True)
        return
    if position_of(await agenda(context), item_id) is None:
        await query.answer(context.label("common.stale_button"))
        return
    await query.answer()
    await flow.begin(update, context, "amendment", "wording", {"item": item_id})


async def _still_proposing(update: Update, context: BotContext) -> bool:
    """The plenary may have closed while the proposal was typed: then nothing of it is kept."""
    if await _plenary_open(context):
        return True
    await flow.finish(context)
    await context.reply(update, "plamend.closed")
    return False


async def _wording_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if not await _still_proposing(update, context) or \
            not await flow.acceptable(update, context, dialogue, text, WORDING_LIMIT):
        return
    item = await context.storage.contribution(int(dialogue.data["item"]))
    if item is not None and text == item.details.get("action", "").strip():
        await context.reply(update, "plamend.same_wording")
        await flow.ask_again(update, context, dialogue)
        return
    await flow.go(update, context, "amendment", "reason", {**dialogue.data, "wording": text})


@propose_flow.step("wording", read=_wording_typed)
async def ask_wording(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The text as it reads now comes with the question, so the proposer can copy and change it."""
    item = await context.storage.contribution(int(dialogue.data["item"]))
    await context.reply(update, "plamend.ask_wording",
                        ref=item_rules.reference("recommendation", dialogue.data['item'], context.language),
                        current=item.details.get("action", "") if item else "", limit=WORDING_LIMIT)


async def _reason_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if not await _still_proposing(update, context) or \
            not await flow.acceptable(update, context, dialogue, text, REASON_LIMIT):
        return
    await flow.go(update, context, "amendment", "credit", {**dialogue.data, "reason": text})


@propose_flow.step("reason", read=_reason_typed)
async def ask_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "plamend.ask_reason",
                        ref=item_rules.reference("recommendation", dialogue.data['item'], context.language),
                        limit=REASON_LIMIT)


async def _credit_pressed(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value not in item_rules.ATTRIBUTIONS:
        await flow.ask_again(update, context, dialogue)
        return
    if not await _still_proposing(update, context):
        return
    item_id = int(dialogue.data["item"])
    amendment = await context.storage.propose_amendment(item_id, context.person.id, dialogue.data["wording"],
                                                        dialogue.data["reason"], value)
    await flow.finish(context)
    await context.reply(update, "plamend.sent",
                        ref=item_rules.reference("recommendation", item_id, context.language), n=f"A-{amendment.id}")
    await flow.hand_over(update, context, "plenary.next", item_id)


@propose_flow.step("credit", press=_credit_pressed)
async def ask_credit(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """How the roadmap and the reading credit the proposal, asked as for one's own items."""
    m = context.membership
    buttons = [flow.button(context.label(f"item.attribution_{choice}"), "amendment", "credit", choice)
               for choice in item_rules.ATTRIBUTIONS]
    await context.reply(update, "plamend.ask_credit", flow.keyboard(buttons), name=m.full_name or "",
                        affiliation=context.affiliation(m.country, m.organisation, m.other_affiliation) or "")


# -- the table's side: deciding ----------------------------------------------------------------------------

async def _table_of_amendment(context: BotContext, args: Args) -> int | None:
    """For ``guarded_button``: the table of the recommendation the proposal is about."""
    amendment = await context.storage.amendment(int(args[0]))
    return await item_arg(context, (amendment.item_id,)) if amendment else None


@guarded_button(Action.DECIDE_AMENDMENTS, table_arg, reads=True)
async def show_amendments(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """The proposals on a table's recommendations, with the wording, the reason and the credit chosen; the
    waiting ones with buttons to accept or decline, and to merge where a recommendation has several."""
    storage = context.storage
    found = await storage.table_amendments(table_id)
    table = await storage.working_table(table_id)
    lines = [context.t("plamend.list_head", table=table_name(context, table), count=len(found))]
    waiting: dict[int, list[Amendment]] = {}
    for amendment in found:
        if amendment.item_id not in waiting:
            waiting[amendment.item_id] = []
            item = await storage.contribution(amendment.item_id)
            lines.append(context.t("plamend.list_item",
                                   ref=item_rules.reference("recommendation", amendment.item_id, context.language),
                                   text=table_view.short(table_view.main_text(item), 160) if item else "—"))
        if amendment.status == PROPOSED:
            waiting[amendment.item_id].append(amendment)
        lines.append(context.t("plamend.list_line", n=f"A-{amendment.id}", wording=amendment.wording,
                               reason=amendment.reason, credit=await credit_of(context, amendment),
                               status=context.label(f"plamend.status_{amendment.status}"),
                               answer=amendment.decision_reason or ""))
    rows = []
    for amendment in [a for group in waiting.values() for a in group][:DECISION_BUTTONS]:
        rows.append([AMENDMENT_ACCEPT.button(context.label("plamend.btn_accept", n=f"A-{amendment.id}"),
                                             amendment.id),
                     AMENDMENT_DECLINE.button(context.label("plamend.btn_decline", n=f"A-{amendment.id}"),
                                              amendment.id)])
    rows += [[AMENDMENT_MERGE.button(context.label("plamend.btn_merge", count=len(group),
                                                   ref=item_rules.reference("recommendation", item_id,
                                                                            context.language)),
                                     item_id)]
             for item_id, group in waiting.items() if len(group) > 1]
    await say_in_parts(update, context, lines, InlineKeyboardMarkup(rows) if rows else None)


def _notice(amendment: Amendment) -> Notice:
    """What the proposer is told; the key names the decision, so it is told once."""
    params = {"ref": item_rules.quoted("recommendation", amendment.item_id), "n": f"A-{amendment.id}",
              "wording": amendment.wording,
              "after": amendment.after or "", "reason": amendment.decision_reason or ""}
    return Notice(f"amendment:{amendment.id}:{amendment.status}", f"plamend.told_{amendment.status}", params)


async def _told(context: BotContext, decided: list[Amendment]) -> None:
    for amendment in decided:
        await confirmations.deliver(context.application, _notice(amendment).key)


async def _refused(update: Update, context: BotContext, refusal: str) -> None:
    await context.reply(update, f"plamend.refused_{refusal}")


@guarded_button(Action.DECIDE_AMENDMENTS, _table_of_amendment)
async def accept(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """Into the text as proposed: the recommendation's wording changes, the old one kept in its history."""
    refusal, decided = await context.storage.take_in_amendments([int(args[0])], context.person.id, None, _notice)
    if refusal is not None:
        await _refused(update, context, refusal)
        return
    amendment = decided[0]
    await context.reply(update, "plamend.accepted", n=f"A-{amendment.id}",
                        ref=item_rules.reference("recommendation", amendment.item_id, context.language),
                        after=amendment.after or "")
    await _told(context, decided)


@guarded_button(Action.DECIDE_AMENDMENTS, item_arg)
async def start_merge(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    waiting = [a.id for a in await context.storage.item_amendments(int(args[0])) if a.status == PROPOSED]
    if len(waiting) < 2:
        await context.reply(update, "plamend.merge_needs_two")
        return
    await flow.begin(update, context, "amend_decide", "merge",
                     {"item": int(args[0]), "amendments": waiting, "table": table_id})


async def _merged_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Write the one wording; the role is checked again, since it may have been taken away meanwhile."""
    text = text.strip()
    if not permitted(context, Action.DECIDE_AMENDMENTS, int(dialogue.data["table"])):
        await flow.finish(context)
        await refuse(update, context, Action.DECIDE_AMENDMENTS)
        return
    if not await flow.acceptable(update, context, dialogue, text, WORDING_LIMIT):
        return
    await flow.finish(context)
    refusal, decided = await context.storage.take_in_amendments(
        [int(i) for i in dialogue.data["amendments"]], context.person.id, text, _notice)
    if refusal is not None:
        await _refused(update, context, refusal)
        return
    await context.reply(update, "plamend.merged", refs=", ".join(f"A-{a.id}" for a in decided),
                        ref=item_rules.reference("recommendation", dialogue.data['item'], context.language), after=text)
    await _told(context, decided)


@decide_flow.step("merge", read=_merged_typed)
async def ask_merged(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The proposals to merge come with the question, so the one wording can be written from them."""
    found = [a for a in await context.storage.item_amendments(int(dialogue.data["item"]))
             if a.id in dialogue.data["amendments"]]
    proposals = "\n".join(context.t("plamend.merge_line", n=f"A-{a.id}", wording=a.wording) for a in found)
    await context.reply(update, "plamend.ask_merged",
                        ref=item_rules.reference("recommendation", dialogue.data['item'], context.language),
                        proposals=proposals,
                        limit=WORDING_LIMIT)


@guarded_button(Action.DECIDE_AMENDMENTS, _table_of_amendment)
async def start_decline(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await flow.begin(update, context, "amend_decide", "decline",
                     {"amendment": int(args[0]), "table": table_id})


async def _decline_typed(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Decline with the table's reason, which the proposer is told."""
    text = text.strip()
    if not permitted(context, Action.DECIDE_AMENDMENTS, int(dialogue.data["table"])):
        await flow.finish(context)
        await refuse(update, context, Action.DECIDE_AMENDMENTS)
        return
    if not await flow.acceptable(update, context, dialogue, text, REASON_LIMIT):
        return
    await flow.finish(context)
    refusal, declined = await context.storage.decline_amendment(int(dialogue.data["amendment"]),
                                                                context.person.id, text, _notice)
    if refusal is not None:
        await _refused(update, context, refusal)
        return
    await context.reply(update, "plamend.declined", n=f"A-{declined.id}",
                        ref=item_rules.reference("recommendation", declined.item_id, context.language))
    await _told(context, [declined])


@decide_flow.step("decline", read=_decline_typed)
async def ask_decline(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    amendment = await context.storage.amendment(int(dialogue.data["amendment"]))
    await context.reply(update, "plamend.ask_decline", n=f"A-{dialogue.data['amendment']}",
                        wording=amendment.wording if amendment else "", limit=REASON_LIMIT)


def register(app: Application) -> None:
    app.add_handler(PLENARY_AMEND.handler(propose))
    app.add_handler(AMENDMENTS.handler(show_amendments))
    app.add_handler(AMENDMENT_ACCEPT.handler(accept))
    app.add_handler(AMENDMENT_MERGE.handler(start_merge))
    app.add_handler(AMENDMENT_DECLINE.handler(start_decline))
