"""One error handler: log the whole story, tell the person something went wrong, leak nothing."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.context import BotContext, chat_id_of
from bot.i18n import resolve_language
from bot.jobs import confirmations

log = logging.getLogger(__name__)


async def _person_language(update: Update, context: BotContext) -> tuple[int | None, str]:
    """Error handlers get a fresh context, so the person and their workshop are looked up again (never trusting
    it to work): the apology comes in a language of their workshop, or any of the bot's if none can be read."""
    user = update.effective_user
    default = context.services.settings.default_language
    try:
        person = await context.storage.touch_person(user.id, user.first_name, user.language_code)
    except Exception:
        return None, resolve_language(None, user.language_code, default, None)
    try:
        workshop = await context.storage.workshop(person.current_workshop_id) if person.current_workshop_id \
            else None
    except Exception:
        workshop = None
    if workshop is not None:
        return person.id, workshop.definition.language_for(person.language, user.language_code)
    return person.id, resolve_language(person.language, user.language_code, default, None)


async def on_error(update: object, context: BotContext) -> None:
    if not isinstance(update, Update) or update.effective_user is None:
        log.error("error outside an update", exc_info=context.error)
        return
    person_id, language = await _person_language(update, context)
    if isinstance(context.error, BadRequest) and "query is too old" in str(context.error).lower():
        # A button pressed long ago, or answered before a restart: the press itself was handled or refused.
        log.info("update %s: callback query already expired", update.update_id)
        return
    if isinstance(context.error, Forbidden):
        # Someone blocked the bot, but not necessarily the person who wrote: the apology below tells which.
        log.warning("update %s: a message was refused by a chat that blocked the bot", update.update_id)
    else:
        log.error("error while handling update %s", update.update_id, exc_info=context.error)
    if update.callback_query:
        # The handler may have answered the press already; that must not stop the apology.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    stored = context.stored_by(update)
    if stored is not None:
        # Something was stored before the failure: the person is told what (the confirmation, retried until
        # it arrives), never that their step was lost, which would invite a second send.
        with contextlib.suppress(TelegramError):
            await confirmations.deliver(context.application, stored)
        return
    try:
        # A press on an inline message has no chat: the apology goes to the presser's private chat.
        await context.bot.send_message(chat_id_of(update), context.texts.html(language, "common.error"))
    except Forbidden:
        if person_id is not None:
            await context.storage.mark_blocked(person_id)
    except TelegramError:  # the apology itself failed (network): the log above has the story
        log.exception("could not tell the person about the error")


def register(app: Application) -> None:
    app.add_error_handler(on_error)
