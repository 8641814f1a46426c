"""Small pieces of the Telegram views the flows share: lists in parts and pages, the text handed back
for editing."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import BotContext, chat_id_of
from bot.domain import table_view
from bot.domain.items import reference
from bot.domain.records import Dialogue
from handlers import flow


async def say_in_parts(update: Update, context: BotContext, lines: list[str],
                       markup: InlineKeyboardMarkup | None = None, separator: str = "\n") -> None:
    """A list in as many messages as it needs, whole lines each, the buttons under the last one."""
    parts = table_view.fit(lines, separator=separator)
    for part in parts[:-1]:
        await context.say(update, part)
    await context.say(update, parts[-1], markup)


async def turn_page(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Show another page of a list in the message whose ◀ ▶ was pressed, instead of a new message; in a new
    one when that message cannot be edited (one too old for the bot to see, deleted, or an inline message)."""
    query = update.callback_query
    if isinstance(query.message, Message):
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            if not cannot_edit(exc):
                raise
    await query.get_bot().send_message(chat_id_of(update), text, reply_markup=markup)


def cannot_edit(exc: BadRequest) -> bool:
    """Telegram refused an edit because the message cannot be edited at all (gone, too old, inline, not ours),
    not because of what the edit said: the caller sends what it meant to show in a new message instead."""
    problem = str(exc).lower()
    return any(reason in problem for reason in ("not found", "can't be edited", "message_id_invalid"))


def page_buttons(context: BotContext, to_page: Callable[[int], str], number: int,
                 pages: int) -> list[InlineKeyboardButton]:
    """◀ ▶ for a list in pages; ``to_page(n)`` is the callback data of the button leading to page ``n``."""
    nav = []
    if number > 0:
        nav.append(InlineKeyboardButton("◀", callback_data=to_page(number - 1)))
    if number < pages - 1:
        nav.append(InlineKeyboardButton("▶", callback_data=to_page(number + 1)))
    return nav


async def ask_for_new_text(update: Update, context: BotContext, dialogue: Dialogue, key: str, limit: int) -> None:
    """Ask for the new text of the dialogue's item, and hand back the current one to copy and change."""
    item = await context.storage.contribution(int(dialogue.data["item"]))
    await context.reply(update, key, ref=reference(item.kind, item.id, context.language), limit=limit)
    await flow.hand_back(update, context, table_view.main_text(item))


async def answer_query(update: Update, context: BotContext, key: str | None = None) -> None:
    """Every press gets an answer (else the phone shows a spinner); with ``key`` a short toast."""
    if update.callback_query is not None:
        await update.callback_query.answer(context.label(key) if key else None)
