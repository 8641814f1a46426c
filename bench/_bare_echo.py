"""Bare python-telegram-bot, the yardstick of ``bench.load_bench``: it answers every message with one
message and two buttons, and every press by answering it and editing the message it came from. Nothing
else: no store, no texts, no rules. Run in its own process, as the bot is, against the same emulator.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_URL=http://127.0.0.1:PORT/bot python -m bench._bare_echo
"""

from __future__ import annotations

import os

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, ContextTypes, MessageHandler, filters

MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("Español", callback_data="lang|es"),
                                InlineKeyboardButton("English", callback_data="lang|en")]])


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(update.effective_chat.id, "ok", reply_markup=MARKUP)


async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(f"ok {update.callback_query.data}", reply_markup=MARKUP)


def main() -> None:
    api = os.environ["TELEGRAM_API_URL"]
    app = (ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(api)
           .base_file_url(api.replace("/bot", "/file/bot")).build())
    app.add_handler(CallbackQueryHandler(press))
    app.add_handler(MessageHandler(filters.ALL, reply))
    app.run_polling(drop_pending_updates=False)


if __name__ == "__main__":
    main()
