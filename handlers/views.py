"""Small pieces of the Telegram views the flows share: lists in parts and pages, the text handed back
for editing."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
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
    """Show another page of a list in the message whose ◀ ▶ was pressed, instead of a new message."""
    try:
        await update.callback_query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


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
    await context.reply(update, key, ref=reference(item.kind, item.id), limit=limit)
    await flow.hand_back(update, context, table_view.main_text(item))


async def answer_query(update: Update, context: BotContext, key: str | None = None) -> None:
    """Every press gets an answer (else the phone shows a spinner); with ``key`` a short toast."""
    if update.callback_query is not None:
        await update.callback_query.answer(context.label(key) if key else None)
