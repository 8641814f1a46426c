"""Command menus: everyone sees the participant's commands; moderators, rapporteurs and the secretariat get a
menu of their own in their chat, so their tools are one tap away on a phone rather than to be remembered. So does
a focal point (``FOCAL_POINT``: not a stored role, anyone reporting on a commitment), while they report."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import on_startup
from bot.i18n import SUPPORTED_LANGUAGES, Texts, resolve_language
from bot.jobs import workshop_watch
from bot.storage import followup as followup_store

log = logging.getLogger(__name__)

MENU = ("start", "help", "send", "mine", "briefing", "plenary", "workshop", "language", "cancel")
ROLE_MENUS = {
    "rapporteur": ("rapporteur", "synthesis", "translate"),
    "moderator": ("mod", "phases", "announce", "group", "rapporteur", "synthesis", "audit", "translate"),
    "secretariat": ("progress", "screen", "agenda", "invite", "links", "group", "broadcast", "support", "reading",
                    "introduction", "conclusions", "nextsteps",
                    "roadmap", "minutes", "export", "translate", "close", "commit", "followup"),
    "translator": ("translate",),
    "focal_point": ("checkin", "handover", "stopreporting"),
}
FOCAL_POINT = "focal_point"   # added to a person's roles by whoever knows they report (``bot.storage.followup``)


def commands_for(roles: set[str]) -> list[str]:
    """The participant's menu, then each staff role's commands, each command once."""
    names = list(MENU[:2])
    for role in ("secretariat", "moderator", "rapporteur", "translator", FOCAL_POINT):
        if role in roles:
            names += ROLE_MENUS[role]
    names += MENU[2:]
    return list(dict.fromkeys(names))


async def set_default_menus(app: Application) -> None:
    """The menu in each language, plus one without a language for everyone else."""
    texts: Texts = app.bot_data["services"].texts
    default = app.bot_data["services"].settings.default_language
    scope = BotCommandScopeAllPrivateChats()
    for telegram_code, language in (*_menu_languages().items(), (None, default)):
        commands = [BotCommand(name, texts.plain(language, f"menu.{name}")) for name in MENU]
        await app.bot.set_my_commands(commands, scope=scope, language_code=telegram_code)


def _menu_languages() -> dict[str, str]:
    """Telegram names a menu's language by two letters of ISO 639-1 only: a regional folder ("pt-BR") gives the
    menu of its language ("pt") when the bot has no plain one, and a three-letter code none (the default's)."""
    chosen: dict[str, str] = {}
    for code in sorted(SUPPORTED_LANGUAGES, key=lambda c: "-" in c):  # a plain "pt" before a "pt-BR"
        primary = code.split("-")[0]
        if len(primary) == 2:
            chosen.setdefault(primary, code)
    return chosen


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


async def with_focal_point(storage, workshop_id: int, person_id: int, roles: set[str]) -> set[str]:
    """``roles``, and the focal point's commands when this person reports on a commitment of the workshop."""
    if await followup_store.reports(storage, workshop_id, person_id):
        return roles | {FOCAL_POINT}
    return roles


async def refresh_menu(bot: Bot, services, workshop_id: int, person_id: int) -> None:
    """Someone else's menu after their part changed (named to report, handed over, stopped): set from what
    the store says now, in their language, if the workshop is the one they are in."""
    storage = services.storage
    person = await storage.person(person_id)
    if person is None or person.current_workshop_id != workshop_id:
        return
    workshop, _, roles = await storage.member_view(workshop_id, person_id)
    language = _language(services, workshop, person.language, person.telegram_language)
    await set_personal_menu(bot, services.texts, person.telegram_id,
                            await with_focal_point(storage, workshop_id, person_id, {r.role for r in roles}),
                            language)


async def _staff_menus(app: Application) -> None:
    services = app.bot_data["services"]
    await workshop_watch.grants_seen_now(app)  # a grant from here on is the watcher's to pass on
    menus = {telegram_id: (workshop_id, chosen, telegram, roles)
             for telegram_id, workshop_id, chosen, telegram, roles in await services.storage.staff_menus()}
    for telegram_id, workshop_id, chosen, telegram, roles in await followup_store.reporters_menus(services.storage):
        menus[telegram_id] = (workshop_id, chosen, telegram, roles | {FOCAL_POINT})
    workshops = {workshop_id: await services.storage.workshop(workshop_id)
                 for workshop_id in {entry[0] for entry in menus.values()}}
    for telegram_id, (workshop_id, chosen, telegram, roles) in menus.items():
        await set_personal_menu(app.bot, services.texts, telegram_id, roles,
                                _language(services, workshops[workshop_id], chosen, telegram))


def _language(services, workshop, chosen: str | None, telegram: str | None) -> str:
    """A staff member's menu speaks what their workshop speaks to them (``Workshop.language_for``)."""
    if workshop is not None:
        return workshop.definition.language_for(chosen, telegram)
    return resolve_language(chosen, telegram, services.settings.default_language, None)


async def _granted(app: Application, granted: list[tuple[int, int]]) -> None:
    """Roles given from the command line (``workshop-bot admin grant``) while the bot runs: the menu at once,
    not at the person's next message."""
    for workshop_id, person_id in dict.fromkeys(granted):
        await refresh_menu(app.bot, app.bot_data["services"], workshop_id, person_id)


def register(app: Application) -> None:
    on_startup(app, _staff_menus)
    workshop_watch.on_role_granted(app, _granted)
