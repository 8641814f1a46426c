"""The typed context every handler receives, instead of raw ``bot_data[...]`` look-ups.

The middleware fills ``person``, ``language`` and ``workshop`` once per update; later handler groups of
the same update share this object (python-telegram-bot builds one context per update).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Protocol

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.domain import items
from bot.domain.clock import utc_now
from bot.domain.records import Membership, Person, Role, StoredWorkshop
from bot.i18n import Texts
from bot.storage import Storage

MESSAGE_LIMIT = 4000  # Telegram allows 4096 visible characters; markup only adds to the raw length


_TAG = re.compile(r"<(/?)(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler|span|a)(\s[^>]*)?>")


def _open_tags(text: str, stack: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The Telegram HTML tags still open after ``text``, given those open before it."""
    stack = list(stack)
    for match in _TAG.finditer(text):
        closing, name, attributes = match.group(1), match.group(2), match.group(3) or ""
        if not closing:
            stack.append((name, attributes))
        elif stack and stack[-1][0] == name:
            stack.pop()
    return stack


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut an over-long message at line ends, so a long list never makes Telegram refuse the whole answer.

    A tag left open at a cut (a ``<pre>`` block spanning lines) is closed at the end of one part and opened
    again at the start of the next; a single line longer than the limit is cut at a space.
    """
    if len(text) <= limit:
        return [text]
    room = limit - 200  # space for the tags closed and reopened at each cut
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > room:
            cut = line.rfind(" ", 0, room)
            cut = cut if cut > 0 else room
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if current and len(candidate) > room:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    chunks: list[str] = []
    open_before: list[tuple[str, str]] = []
    for piece in pieces:
        if not piece.strip():
            continue
        reopened = "".join(f"<{name}{attributes}>" for name, attributes in open_before)
        open_after = _open_tags(piece, open_before)
        closed = "".join(f"</{name}>" for name, _ in reversed(open_after))
        chunks.append(reopened + piece + closed)
        open_before = open_after
    return chunks or [text[:limit]]


def clock(app: Application) -> dt.datetime:
    """Now, in UTC: ``bot_data["clock"]`` when a test or a rehearsal injects one, else the real time.

    Every rule that depends on the agenda (what is open, when a phase closes) asks this one clock.
    """
    injected = app.bot_data.get("clock")
    return injected() if injected else utc_now()


def on_startup(app: Application, hook) -> None:
    """Let a flow module run ``hook(app)`` once the store is open (e.g. to re-create scheduled work)."""
    app.bot_data.setdefault("startup_hooks", []).append(hook)


def chat_id_of(update: Update) -> int:
    """Where to answer an update: its chat, else the private chat of the person behind it (a press on an inline
    message carries no chat; the private chat with a person has their user id)."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id


class Translator(Protocol):
    """A machine translation service (``bot.jobs.translation``): a draft, or None when it has none to give."""

    async def draft(self, text: str, source: str, target: str) -> str | None: ...

    async def drafts(self, texts: list[tuple[str, str, str]]) -> list[str | None]: ...


@dataclass
class Services:
    settings: Settings
    storage: Storage
    texts: Texts
    translator: Translator | None = None   # machine pre-translation; None when none is configured (the default)


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    person: Person | None = None
    language: str = "es"
    workshop: StoredWorkshop | None = None
    membership: Membership | None = None
    roles: list[Role] = []  # noqa: RUF012 (replaced per update, never mutated)
    moved: bool = False  # this update moved the person's conversation on (``handlers.flow``)
    in_place: bool = False  # the next answer redraws the pressed message instead of sending a new one

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    def stored(self, update: Update, key: str) -> None:
        """This update stored something whose confirmation is in the outbox under ``key``: should the update
        fail later on, the error handler delivers that confirmation instead of an apology."""
        if self.chat_data is not None:
            self.chat_data["stored"] = (update.update_id, key)

    def stored_by(self, update: Update) -> str | None:
        """The outbox key of what ``update`` stored, if it stored something."""
        update_id, key = (self.chat_data or {}).get("stored", (None, None))
        return key if update_id == update.update_id else None

    def now(self) -> dt.datetime:
        return clock(self.application)

    def affiliation(self, country: str | None, organisation: str | None, other: str | None) -> str | None:
        """Whom a person speaks for, in this reader's language (``Workshop.affiliation``)."""
        return self.workshop.definition.affiliation(self.language, country, organisation, other)

    async def opening(self) -> items.Opening:
        """What this person may send now, by the phases open for their table."""
        table_id = self.membership.table_id if self.membership else None
        return items.opening(await self.storage.phases(self.workshop.id), table_id, self.now())

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]

    @property
    def storage(self) -> Storage:
        return self.services.storage

    @property
    def texts(self) -> Texts:
        return self.services.texts

    @property
    def fallback_language(self) -> str | None:
        """Where a text this person's language lacks is read from: their workshop's default language."""
        return self.workshop.definition.default_language if self.workshop is not None else None

    def t(self, key: str, /, **params: Any) -> str:
        """A message text in this person's language, parameters escaped for Telegram HTML."""
        return self.texts.html(self.language, key, _fallback=self.fallback_language, **params)

    def label(self, key: str, /, **params: Any) -> str:
        """A button label in this person's language."""
        return self.texts.plain(self.language, key, _fallback=self.fallback_language, **params)

    async def reply(self, update: Update, key: str, markup: InlineKeyboardMarkup | None = None, /,
                    **params: Any) -> Message:
        """Answer in the chat the update came from."""
        return await self.say(update, self.t(key, **params), markup)

    async def say(self, update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        """Send an already rendered text to the chat the update came from, in several messages if it is
        longer than Telegram allows (the buttons go with the last one)."""
        chunks = split_message(text)
        query = update.callback_query
        if self.in_place and query is not None and getattr(query, "message", None) is not None and len(chunks) == 1:
            self.in_place = False  # only the first answer to the press replaces the pressed message
            try:
                edited = await query.edit_message_text(chunks[0], reply_markup=markup)
                return edited if isinstance(edited, Message) else query.message
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return query.message
                if "not found" not in str(exc).lower() and "can't be edited" not in str(exc).lower():
                    raise
        for chunk in chunks[:-1]:
            await self.bot.send_message(chat_id_of(update), chunk)
        return await self.bot.send_message(chat_id_of(update), chunks[-1], reply_markup=markup)
