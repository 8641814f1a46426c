"""The door every moderator, rapporteur and secretariat handler goes through.

The rules themselves live in ``bot.domain.permissions`` (``can``: whose role allows it; ``frozen``: what a closed
workshop no longer allows); this module only finds the table an update is about, asks, and answers a
refusal in the person's language instead of acting. Buttons can be forged and roles change between a
button being shown and pressed, so every press is checked again, never just the menu.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.domain.clock import day_and_time
from bot.domain.permissions import Action, can, frozen
from handlers import callbacks

Handler = Callable[..., Awaitable[None]]
Args = tuple[Any, ...]

# Workshop-wide actions are the secretariat's alone, so their refusal names the secretariat; a pressed button
# of theirs only ever reaches someone else forged or left over from a lost role, and the alert is answer enough.
_SECRETARIAT_ONLY = {Action.MANAGE_WORKSHOP, Action.DOWNLOAD_REPORTS, Action.MANAGE_FOLLOWUP}


def permitted(context: BotContext, action: Action, table_id: int | None) -> bool:
    """May the person behind this update do ``action`` on ``table_id`` (in their current workshop)?"""
    if context.workshop is None or context.person is None:
        return False
    member_table = context.membership.table_id if context.membership else None
    return can(context.roles, action, table_id, member_table_id=member_table)


async def refuse(update: Update, context: BotContext, action: Action) -> None:
    """Say clearly that this is not theirs to do; a pressed button also gets its spinner stopped."""
    if context.workshop is None or context.membership is None:
        await to_invitation(update, context)
        return
    if action in _SECRETARIAT_ONLY:
        # the alert is answer enough, unless a step of a flow answered the press already: then it is said
        if update.callback_query and await answer_once(update, context.label("sec.refused_short"), show_alert=True):
            return
        if update.effective_chat is not None:
            await context.reply(update, "sec.refused")
        return
    key = f"guard.refused_{action.value}"
    if key not in context.texts.keys(context.language):
        key = "guard.refused"
    if update.callback_query:
        await answer_once(update, context.label("guard.refused_short"), show_alert=True)
    if update.effective_chat is not None:
        await context.reply(update, key)


async def to_invitation(update: Update, context: BotContext) -> None:
    """Someone in no workshop has no role to be refused: what they need is to open their invitation link."""
    if update.callback_query:
        await answer_once(update, context.label("part.no_workshop"), show_alert=True)
    await context.reply(update, "start.no_workshop", name=(context.person.first_name or "") if context.person else "")


async def answer_once(update: Update, text: str | None = None, *, show_alert: bool = False) -> bool:
    """Answer the press, unless it was answered already (a step of a flow answers its press before the
    step re-checks permissions): a press is answered once, and the chat message that follows must not be
    lost to Telegram's "query is too old ... or query ID is invalid". False when it had been answered.
    """
    try:
        await update.callback_query.answer(text, show_alert=show_alert)
    except BadRequest as exc:
        if "query is too old" not in str(exc).lower() and "query id is invalid" not in str(exc).lower():
            raise
        return False
    return True


async def still_open(update: Update, context: BotContext, action: Action) -> bool:
    """False, said out loud, when the workshop is closed and ``action`` would change it:
    ``if not await still_open(...): return``. Every flow and every changing handler asks this one check."""
    if not frozen(context.workshop, action):
        return True
    await refuse_closed(update, context)
    return False


async def refuse_closed(update: Update, context: BotContext) -> None:
    """The workshop is closed: say since when, since the roadmap everyone received is the final word."""
    if update.callback_query:
        await answer_once(update, context.label("common.workshop_closed_short"), show_alert=True)
    if update.effective_chat is not None:
        zone = context.workshop.definition.zone
        await context.reply(update, "common.workshop_closed", zone=zone.key,
                            at=day_and_time(context.workshop.reading_ended_at, zone))


async def allowed(update: Update, context: BotContext, action: Action, table_id: int | None, *,
                  reads: bool = False) -> bool:
    """Check, and refuse out loud when the answer is no: ``if not await allowed(...): return``.

    Unless it only ``reads``, the action is also refused once the workshop is closed."""
    if not permitted(context, action, table_id):
        await refuse(update, context, action)
        return False
    return reads or await still_open(update, context, action)


def guarded_button(action: Action, table_of: Callable[[BotContext, Args], Awaitable[int | None]], *,
                   reads: bool = False) -> Callable:
    """Decorate the handler of a route's button (``handlers.callbacks``).

    ``table_of(context, args)`` names the table the press is about (looked up from the item or table id in
    the data, never from the menu the person saw); None means the target does not exist (a stale or forged
    button). The handler then runs as ``handler(update, context, table_id, args)``, the arguments typed as the
    route declares them. A button that only shows something (``reads``) still works once the workshop is closed.
    """

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            query = update.callback_query
            if context.workshop is None or context.membership is None:
                await to_invitation(update, context)
                return
            pressed = callbacks.decode(query.data)
            args = pressed[1] if pressed else ()
            try:
                table_id = await table_of(context, args) if pressed else None
            except (ValueError, IndexError):
                table_id = None
            if table_id is None or context.workshop is None:
                await query.answer(context.label("common.stale_button"))
                return
            if not await allowed(update, context, action, table_id, reads=reads):
                return
            await query.answer()
            await handler(update, context, table_id, args)

        return guarded

    return wrap


async def member_ready(update: Update, context: BotContext) -> bool:
    """A registered member of a workshop; anyone else is told how to get there."""
    if context.workshop is None:
        await context.reply(update, "part.no_workshop")
        return False
    if context.membership is None or not context.membership.registered:
        await context.reply(update, "part.register_first")
        return False
    return True


def seat(context: BotContext) -> int | None:
    """The table this person works at: as a participant, else the table they moderate or report for."""
    if context.membership is not None and context.membership.table_id is not None:
        return context.membership.table_id
    return next((r.table_id for r in context.roles if r.table_id is not None), None)
