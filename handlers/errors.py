"""One error handler: log the whole story, tell the person something went wrong, leak nothing."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application

from bot.context import BotContext
from bot.i18n import resolve_language

log = logging.getLogger(__name__)


async def _person_language(update: Update, context: BotContext) -> tuple[int | None, str]:
    """Error handlers get a fresh context, so the person is looked up again (never trusting it to work)."""
    user = update.effective_user
    default = context.services.settings.default_language
    try:
        person = await context.storage.touch_person(user.id, user.first_name, user.language_code)
    except Exception:
        return None, resolve_language(None, user.language_code, default)
    return person.id, resolve_language(person.language, user.language_code, default)


async def on_error(update: object, context: BotContext) -> None:
    if not isinstance(update, Update) or update.effective_user is None or update.effective_chat is None:
        log.error("error outside an update", exc_info=context.error)
        return
    person_id, language = await _person_language(update, context)
    if isinstance(context.error, Forbidden):
        # The person blocked the bot: nothing to tell them; stop writing to them.
        log.info("person %s blocked the bot", person_id)
        if person_id is not None:
            await context.storage.mark_blocked(person_id)
        return
    if isinstance(context.error, BadRequest) and "query is too old" in str(context.error).lower():
        # A button pressed long ago, or answered before a restart: the press itself was handled or refused.
        log.info("update %s: callback query already expired", update.update_id)
        return
    log.error("error while handling update %s", update.update_id, exc_info=context.error)
    try:
        if update.callback_query:
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, context.texts.html(language, "common.error"))
    except Exception:  # the apology itself failed (network, blocked): the log above has the story
        log.exception("could not tell the person about the error")


def register(app: Application) -> None:
    app.add_error_handler(on_error)
