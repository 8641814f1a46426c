"""The bot against bare python-telegram-bot, on the same local Bot API emulator.

Both answer the same traffic: people sending commands and pressing buttons, each waiting for the reply before
the next step, many people at once. Bare PTB answers each update with one message and does nothing else; the
bot does its real work (dedupe, load the person, dialogue state in SQLite, catalogue texts). The ratio of the
two wall times is the bot's own overhead per update. Telegram's flood limiter is off in both: it would
measure Telegram's limits, not the code.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.offline.emulator import BotApiEmulator
from bot.offline.runner import OfflineBot, offline_settings

PEOPLE = 40
ROUNDS = 10  # each person: ROUNDS x (/help, then /language and a button press)


async def _bare_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Español", callback_data="lang|es"),
                                    InlineKeyboardButton("English", callback_data="lang|en")]])
    await context.bot.send_message(update.effective_chat.id, "ok", reply_markup=markup)


async def _bare_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()
    await context.bot.send_message(update.effective_chat.id, "ok")


async def _traffic(emulator: BotApiEmulator, first_id: int) -> tuple[float, list[float]]:
    """Every person does the same steps; returns the wall time and each step's round-trip time."""
    users = [emulator.user(first_id + index, "Bench", language_code="en") for index in range(PEOPLE)]
    timings: list[float] = []

    async def first_contact(user) -> None:
        """Not timed: choosing the language the first time also brings a second message."""
        shown = await user.ask("/language", timeout=30)
        await user.press("English", message=shown)
        await user.wait_for(lambda m: "invitation" in m.text or m.text == "ok", timeout=30)

    async def rounds(user) -> None:
        for _ in range(ROUNDS):
            started = time.perf_counter()
            await user.ask("/help", timeout=30)
            timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            shown = await user.ask("/language", timeout=30)
            await user.press("English", message=shown)
            await user.next_message(timeout=30)
            timings.append(time.perf_counter() - started)

    await asyncio.gather(*(first_contact(u) for u in users))
    started = time.perf_counter()
    await asyncio.gather(*(rounds(u) for u in users))
    return time.perf_counter() - started, timings


async def run_bare() -> tuple[float, list[float]]:
    async with BotApiEmulator(token="123456:BENCH") as emulator:
        app = (ApplicationBuilder().token(emulator.token).base_url(emulator.base_url)
               .base_file_url(emulator.base_file_url).build())
        app.add_handler(CallbackQueryHandler(_bare_press))
        app.add_handler(MessageHandler(filters.ALL, _bare_reply))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            elapsed, timings = await _traffic(emulator, 1_000)
            await app.updater.stop()
            await app.stop()
    return elapsed, timings


async def run_bot() -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator(token="123456:BENCH") as emulator:
            settings = offline_settings(emulator, Path(folder) / "bench.sqlite3")
            async with OfflineBot(settings):
                elapsed, timings = await _traffic(emulator, 1_000)
    return elapsed, timings


def _summary(name: str, elapsed: float, timings: list[float]) -> str:
    updates = PEOPLE * ROUNDS * 3
    p50 = statistics.median(timings) * 1000
    p95 = statistics.quantiles(timings, n=20)[18] * 1000
    return (f"{name:>9}: {elapsed:6.2f} s for {updates} updates ({updates / elapsed:6.0f} updates/s), "
            f"step p50 {p50:5.1f} ms, p95 {p95:5.1f} ms")


def main() -> None:
    bare_elapsed, bare_timings = asyncio.run(run_bare())
    bot_elapsed, bot_timings = asyncio.run(run_bot())
    print(f"{PEOPLE} people x {ROUNDS} rounds of /help, /language + button, flood limiter off")
    print(_summary("bare PTB", bare_elapsed, bare_timings))
    print(_summary("bot", bot_elapsed, bot_timings))
    print(f"ratio bot / bare PTB (wall time): {bot_elapsed / bare_elapsed:.2f}x")


if __name__ == "__main__":
    main()
