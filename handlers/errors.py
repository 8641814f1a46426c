"""One error handler: log the whole story, tell the person something went wrong, leak nothing."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import Application

from bot.context import BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    if isinstance(context.error, Forbidden) and context.person is not None:
        # The person blocked the bot: nothing to tell them; stop writing to them.
        log.info("person %s blocked the bot", context.person.id)
        await context.storage.mark_blocked(context.person.id)
        return
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    language = context.language if context.person else "es"
    try:
        if update.callback_query:
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, context.texts.html(language, "common.error"))
    except Exception:  # the apology itself failed (network, blocked): the log above has the story
        log.exception("could not tell the person about the error")


def register(app: Application) -> None:
    app.add_error_handler(on_error)
