"""Everything no other handler took: typed text for a dialogue, unknown commands, stickers, voice notes,
photos, edits and stale buttons. Every one gets a clear answer in the person's language, never silence; when a
question is waiting, what does not answer it is said to be no answer, and the question is asked again.

A button whose data no route of ``handlers.callbacks`` builds (one from before an upgrade, an unknown
version, a forged one) reaches the last handler here and is answered as no longer active.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from handlers import flow
from handlers.callbacks import FLOW_PRESS


async def typed_text(update: Update, context: BotContext) -> None:
    """Text goes to the step the person is at; with no dialogue open it is not understood."""
    if not await flow.read_text(update, context):
        await context.reply(update, "common.not_understood")


async def unknown_command(update: Update, context: BotContext) -> None:
    if not await flow.not_an_answer(update, context, "common.unknown_command"):
        await context.reply(update, "common.unknown_command")


async def edited(update: Update, context: BotContext) -> None:
    if not await flow.not_an_answer(update, context, "common.edits_ignored"):
        await context.reply(update, "common.edits_ignored")


async def unsupported(update: Update, context: BotContext) -> None:
    """Stickers, voice notes, photos, locations, ...: say what the bot can read instead."""
    if not await flow.not_an_answer(update, context):
        await context.reply(update, "common.unsupported")


async def stale_button(update: Update, context: BotContext) -> None:
    await update.callback_query.answer(context.label("common.stale_button"))


def register(app: Application) -> None:
    """Register last: within group 0 the first matching handler wins, so these only see what nobody took."""
    # Every flow's buttons: the flow engine decides whether the step they belong to is the current one.
    app.add_handler(FLOW_PRESS.handler(flow.press))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, edited))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, typed_text))
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.ALL, unsupported))
    app.add_handler(CallbackQueryHandler(stale_button))
