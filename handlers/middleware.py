"""What runs before and after every update: duplicates dropped, the person loaded, private chats only.

Group -100 runs first; group 100 runs last and records the update as handled. Recording it at the end
(not the start) means a crash mid-update leads to a redelivery that is handled again, and the business
writes themselves are idempotent, rather than to an update silently lost.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import BotContext
from bot.i18n import resolve_language

log = logging.getLogger(__name__)
FIRST, LAST = -100, 100


async def load_person(update: Update, context: BotContext) -> None:
    """Drop a redelivered update; otherwise know who is writing, in which language, in which workshop."""
    storage = context.storage
    if await storage.update_seen(update.update_id):
        log.info("update %s already handled; dropped", update.update_id)
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        raise ApplicationHandlerStop
    person = await storage.touch_person(user.id, user.first_name, user.language_code)
    workshop = await storage.workshop(person.current_workshop_id) if person.current_workshop_id else None
    default = workshop.definition.default_language if workshop else context.services.settings.default_language
    context.person = person
    context.workshop = workshop
    context.language = resolve_language(person.language, user.language_code, default)
    if workshop is not None:
        context.membership = await storage.membership(workshop.id, person.id)
        context.roles = await storage.roles(workshop.id, person.id)

    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        if update.callback_query:
            await update.callback_query.answer(context.label("common.private_only_short"))
        elif update.effective_message:
            await update.effective_message.reply_text(context.t("common.private_only"))
        await storage.mark_update_done(update.update_id)
        raise ApplicationHandlerStop


async def mark_done(update: Update, context: BotContext) -> None:
    await context.storage.mark_update_done(update.update_id)


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, load_person), group=FIRST)
    app.add_handler(TypeHandler(Update, mark_done), group=LAST)
