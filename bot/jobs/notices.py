"""Notices to people other than the one acting: an author told what a moderator decided, a new rapporteur,
a participant seated by a moderator.

The decision is stored before anyone is told, and stands whether or not the notice arrives: a person who
blocked the bot is marked as such (the recipient, never the sender).
"""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from bot.domain import items
from bot.domain.records import Person
from bot.i18n import Texts, resolve_language
from bot.storage import Storage

log = logging.getLogger(__name__)
EVENTS = ("approved", "edited", "merged", "rejected")


async def notify_author(bot: Bot, storage: Storage, texts: Texts, item_id: int, event: str,
                        reason: str | None = None, survivor_id: int | None = None) -> int:
    """Tell every author of an item that a moderator approved, merged or rejected it, in their language.

    Called by moderation after the decision is stored. A person who blocked the bot is marked as such and
    skipped; the decision stands either way. Returns how many people were told.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}; expected one of {EVENTS}")
    item = await storage.contribution(item_id)
    if item is None:
        return 0
    workshop = await storage.workshop(item.workshop_id)
    survivor = await storage.contribution(survivor_id) if survivor_id is not None else None
    author_ids = [person_id for person_id, _ in await storage.authors(item_id)] or [item.author_id]
    told = 0
    for person_id in dict.fromkeys(a for a in author_ids if a is not None):
        person = await storage.person(person_id)
        if person is None:
            continue
        language = workshop.definition.language_for(person.language, person.telegram_language) if workshop \
            else resolve_language(person.language, person.telegram_language, texts.default, None)
        text = texts.html(language, f"mine.notify_{event}", ref=items.reference(item.kind, item.id, language),
                          text=items.headline(item, 120), reason=reason or "",
                          survivor=items.reference(survivor.kind, survivor.id, language) if survivor else "")
        told += await tell(bot, storage, person, text)
    return told


async def tell(bot: Bot, storage: Storage, person: Person, text: str,
               markup: InlineKeyboardMarkup | None = None) -> bool:
    """Write to someone other than the person acting (an author, a new rapporteur), whose chat may refuse.

    Whoever blocked the bot is marked as such (the recipient, never the sender); a chat Telegram no longer
    knows is only logged. Either way the action that prompted the message stands. False when not told.
    """
    try:
        await bot.send_message(person.telegram_id, text, reply_markup=markup)
    except Forbidden:
        log.info("person %s blocked the bot; not told", person.id)
        await storage.mark_blocked(person.id)
        return False
    except BadRequest as exc:
        if "chat not found" not in str(exc).lower():
            raise
        log.info("person %s: Telegram knows no chat with them; not told", person.id)
        return False
    return True
