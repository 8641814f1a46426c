"""Command menus: everyone sees the participant's commands; moderators, rapporteurs and the secretariat get a
menu of their own in their chat, so their tools are one tap away on a phone rather than to be remembered."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import on_startup
from bot.i18n import SUPPORTED_LANGUAGES, Texts

log = logging.getLogger(__name__)

MENU = ("start", "help", "send", "mine", "briefing", "plenary", "workshop", "language", "cancel")
ROLE_MENUS = {
    "rapporteur": ("rapporteur", "synthesis", "translate"),
    "moderator": ("mod", "phases", "announce", "group", "rapporteur", "synthesis", "audit", "translate"),
    "secretariat": ("progress", "screen", "agenda", "invite", "links", "group", "broadcast", "support", "reading",
                    "introduction", "conclusions", "nextsteps",
                    "roadmap", "minutes", "export", "translate", "close"),
    "translator": ("translate",),
}


def commands_for(roles: set[str]) -> list[str]:
    """The participant's menu, then each staff role's commands, each command once."""
    names = list(MENU[:2])
    for role in ("secretariat", "moderator", "rapporteur", "translator"):
        if role in roles:
            names += ROLE_MENUS[role]
    names += MENU[2:]
    return list(dict.fromkeys(names))


async def set_default_menus(app: Application) -> None:
    """The menu in each language, plus one without a language for everyone else."""
    texts: Texts = app.bot_data["services"].texts
    default = app.bot_data["services"].settings.default_language
    scope = BotCommandScopeAllPrivateChats()
    for language in (*SUPPORTED_LANGUAGES, None):
        commands = [BotCommand(name, texts.plain(language or default, f"menu.{name}")) for name in MENU]
        await app.bot.set_my_commands(commands, scope=scope, language_code=language)


async def set_personal_menu(bot: Bot, texts: Texts, telegram_id: int, roles: set[str], language: str) -> None:
    """A staff member's own menu, in their language; someone with no staff role (left) gets the default one
    back: their chat's own menu is deleted, or a replaced rapporteur would keep tools that refuse them."""
    scope = BotCommandScopeChat(telegram_id)
    try:
        if roles & set(ROLE_MENUS):
            commands = [BotCommand(name, texts.plain(language, f"menu.{name}")) for name in commands_for(roles)]
            await bot.set_my_commands(commands, scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError:  # a menu is a convenience: never let it break the action that changed the role
        log.warning("could not set the menu of chat %s", telegram_id, exc_info=True)


async def _staff_menus(app: Application) -> None:
    services = app.bot_data["services"]
    for telegram_id, language, roles in await services.storage.staff_menus():
        await set_personal_menu(app.bot, services.texts, telegram_id, roles,
                                language if language in SUPPORTED_LANGUAGES else services.settings.default_language)


def register(app: Application) -> None:
    on_startup(app, _staff_menus)
