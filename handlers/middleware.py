"""What runs before and after every update: duplicates dropped, the person loaded, a group's own conversation
never read (``handlers.groups`` answers the commands there), and someone in no workshop told how to join before
anything else.

Group -100 runs first; group 100 runs last and records the update as handled. Recording it at the end
(not the start) means a crash mid-update leads to a redelivery that is handled again, and the business
writes themselves are idempotent, rather than to an update silently lost.
"""

from __future__ import annotations

import logging

from telegram import Message, Update, User
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import BotContext
from bot.i18n import resolve_language

log = logging.getLogger(__name__)
FIRST, LAST = -100, 100
# what someone in no workshop is answered in kind (/workshop: one who left the current one may choose another)
OPEN_TO_STRANGERS = {"start", "help", "language", "cancel", "workshop"}
IN_GROUP = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER,
            ChatMemberStatus.RESTRICTED}


async def load_person(update: Update, context: BotContext) -> None:
    """Drop a redelivered update; otherwise know who is writing, in which language, in which workshop."""
    storage = context.storage
    user = update.effective_user
    if not read_by_the_bot(update, context.bot.username):
        raise ApplicationHandlerStop  # a bot, or a group's own conversation: never read, stored or answered
    if membership_news(update) is not None:
        return  # who joined or left a group: ``handlers.groups`` notes the people it knows; nobody is created
    seen, person = await storage.arrival(update.update_id, user.id, user.first_name, user.language_code)
    if seen:
        log.info("update %s already handled; dropped", update.update_id)
        raise ApplicationHandlerStop
    workshop = None
    if person.current_workshop_id:
        workshop, context.membership, context.roles = await storage.member_view(person.current_workshop_id,
                                                                                person.id)
    default = workshop.definition.default_language if workshop else context.services.settings.default_language
    context.person = person
    context.workshop = workshop
    context.language = resolve_language(person.language, user.language_code, default,
                                        workshop.definition.languages if workshop else None)

    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        return  # a group: ``handlers.groups`` answers there, whoever writes (a stranger is told whose group it is)

    message = update.effective_message
    if (workshop is None or context.membership is None) and update.callback_query is None and message is not None \
            and command_of(message, context.bot.username) not in OPEN_TO_STRANGERS:
        # Whatever a stranger writes (a command, a sticker, a question), what they need is their invitation link:
        # never "your role does not allow this", nor a question they cannot answer yet.
        await context.reply(update, "start.no_workshop", name=person.first_name or "")
        await storage.mark_update_done(update.update_id)
        raise ApplicationHandlerStop


def read_by_the_bot(update: Update, bot_username: str) -> bool:
    """Does the bot act on this update at all: from a person, not a bot, and for the bot (``for_the_bot``).
    Also what the inbox keeps (``bot.inbox``), so what is never read is never stored, not even for a moment."""
    user = update.effective_user
    return user is not None and not user.is_bot and for_the_bot(update, bot_username)


def for_the_bot(update: Update, bot_username: str) -> bool:
    """Is this update something the bot reads? Everything in a private chat; in a group only a command to it,
    a press of its button or a change of its own membership (privacy mode: people's talk there is theirs)."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if update.my_chat_member is not None or update.callback_query is not None or membership_news(update):
        return True
    return update.message is not None and command_of(update.message, bot_username) is not None


def membership_news(update: Update) -> tuple[list[User], bool] | None:
    """Who joined or left a group, and whether they are in it now: from the service messages every bot in a
    group receives (privacy mode or not), or a ``chat_member`` update (Telegram sends those only to a bot that
    is an admin of the group). None for anything else."""
    change = update.chat_member
    if change is not None:
        member = change.new_chat_member
        return [member.user], member.status in IN_GROUP and getattr(member, "is_member", True)
    message = update.message
    if message is None or message.chat.type == ChatType.PRIVATE:
        return None
    if message.new_chat_members:
        return list(message.new_chat_members), True
    if message.left_chat_member is not None:
        return [message.left_chat_member], False
    return None


def command_of(message: Message, bot_username: str) -> str | None:
    """The command to this bot a message starts with (``/start@bot x`` gives ``start``); None for anything else,
    a command to another bot included."""
    entity = next(iter(message.entities or ()), None)
    if entity is None or entity.type != MessageEntityType.BOT_COMMAND or entity.offset != 0 or not message.text:
        return None
    command, _, addressee = message.text[1:entity.length].partition("@")
    return command.lower() if not addressee or addressee.lower() == bot_username.lower() else None


async def mark_done(update: Update, context: BotContext) -> None:
    await context.storage.mark_update_done(update.update_id)


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, load_person), group=FIRST)
    app.add_handler(TypeHandler(Update, mark_done), group=LAST)
