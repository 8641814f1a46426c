"""Announcements: a moderator messages the whole table; phase notices use the same queue.

The announcement and one 'pending' delivery per person are written first; a background job then sends
them within Telegram's limits (``bot.jobs.pacing``), marks each person sent, blocked or failed, and finally
tells the moderator how many received it. A restart finds the 'pending' rows and carries on.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import BotContext, Services
from bot.domain.permissions import Action
from bot.domain.records import Dialogue
from bot.i18n import resolve_language
from bot.jobs.pacing import Pacer
from bot.storage.moderation import Delivery
from handlers import flow
from handlers.guard import allowed, guarded_button
from handlers.moderation import on_pick, pick_table, table_arg, table_name

log = logging.getLogger(__name__)
TEXT_LIMIT = 3000
ATTEMPTS = 3
JOB_NAME = "announcements"

announce_flow = flow.flow("announce", Action.ANNOUNCE_TO_TABLE)


# -- the moderator's side -----------------------------------------------------------------------------------

async def announce_command(update: Update, context: BotContext) -> None:
    """/announce: write a message to everyone at the table."""
    await pick_table(update, context, Action.ANNOUNCE_TO_TABLE, "n", prefix="ann")


@on_pick("ann", "n")
async def begin(update: Update, context: BotContext, table_id: int, args: list[str] | None = None) -> None:
    await flow.begin(update, context, "announce", "text", {"table": table_id})


new_announcement = guarded_button(Action.ANNOUNCE_TO_TABLE, table_arg)(begin)


async def _read_text(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    table_id = int(dialogue.data["table"])
    if not await allowed(update, context, Action.ANNOUNCE_TO_TABLE, table_id):
        await flow.finish(context)
        return
    if not await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        return
    storage, workshop = context.storage, context.workshop
    table = await storage.working_table(table_id)
    people = [p for p in await storage.table_recipients(workshop.id, table_id) if p != context.person.id]
    spec = workshop.definition.table(table.code)
    await storage.queue_announcement(
        workshop.id, table_id, context.person.id, people, text=text, template="ann.delivered",
        params={"table": spec.name.model_dump() if spec else table.code, "text": text}, audit=True)
    await flow.finish(context)
    await context.reply(update, "ann.queued", count=len(people), table=table_name(context, table))
    kick(context.application)


@announce_flow.step("text", read=_read_text)
async def ask_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    table = await context.storage.working_table(int(dialogue.data["table"]))
    await context.reply(update, "ann.ask_text", table=table_name(context, table), limit=TEXT_LIMIT)


# -- the sender ----------------------------------------------------------------------------------------------

class _Sender:
    """Per running application: one sender at a time, one pacer for all chats."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.pacer = Pacer()
        self.attempts: dict[tuple[int, int], int] = {}


def _sender(app: Application) -> _Sender:
    return app.bot_data.setdefault("announcement_sender", _Sender())


def kick(app: Application) -> None:
    """Make sure the sender runs soon; cheap to call after every announcement queued."""
    if app.job_queue is not None:
        app.job_queue.run_once(_drain_job, 0, name=JOB_NAME)


def render(services: Services, delivery: Delivery) -> str:
    """The text for one person: the template in their language, localised parameters resolved."""
    language = resolve_language(delivery.language, delivery.telegram_language, delivery.default_language)
    if delivery.template is None:
        return delivery.text

    def localised(value: Any) -> Any:
        if isinstance(value, dict) and language in value:
            return value[language]
        return value

    params = {key: localised(value) for key, value in delivery.params.items()}
    return services.texts.html(language, delivery.template, **params)


async def _deliver(app: Application, sender: _Sender, delivery: Delivery) -> str | None:
    """Send one message; the delivery's new status, or None to try again later."""
    services: Services = app.bot_data["services"]
    key = (delivery.announcement_id, delivery.person_id)
    try:
        await app.bot.send_message(delivery.telegram_id, render(services, delivery))
        return "sent"
    except Forbidden:
        await services.storage.mark_blocked(delivery.person_id)
        return "blocked"
    except RetryAfter as exc:
        wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else exc.retry_after
        log.info("flood control: waiting %.1fs", wait)
        await asyncio.sleep(float(wait))
        return None
    except BadRequest:
        log.warning("announcement %s not deliverable to person %s", *key, exc_info=True)
        return "failed"
    except (NetworkError, TelegramError):
        sender.attempts[key] = sender.attempts.get(key, 0) + 1
        if sender.attempts[key] >= ATTEMPTS:
            log.warning("announcement %s: giving up on person %s", *key, exc_info=True)
            return "failed"
        await asyncio.sleep(0.5)
        return None


async def drain(app: Application) -> int:
    """Send everything pending, paced; report finished announcements. Returns how many were handled."""
    services: Services = app.bot_data["services"]
    sender = _sender(app)
    handled = 0
    async with sender.lock:
        while app.running:
            batch = await services.storage.pending_deliveries(limit=100)
            if not batch:
                break
            for delivery in batch:
                if not app.running:
                    break  # shutting down: the rest stays pending for the next start
                await asyncio.sleep(sender.pacer.delay(delivery.telegram_id))
                status = await _deliver(app, sender, delivery)
                sender.pacer.sent(delivery.telegram_id)
                if status is not None:
                    await services.storage.record_delivery(delivery.announcement_id, delivery.person_id, status)
                    handled += 1
        for tally in await services.storage.finish_announcements():
            if tally.sender_id is not None:
                await _report(app, tally)
    return handled


async def _report(app: Application, tally) -> None:
    """Tell the moderator how many people received the message."""
    services: Services = app.bot_data["services"]
    person = await services.storage.person(tally.sender_id)
    workshop = await services.storage.workshop(tally.workshop_id)
    if person is None or workshop is None:
        return
    language = resolve_language(person.language, person.telegram_language, workshop.definition.default_language)
    text = services.texts.html(language, "ann.report", sent=tally.sent, total=tally.total, blocked=tally.blocked,
                               failed=tally.failed)
    try:
        await app.bot.send_message(person.telegram_id, text)
    except Forbidden:
        await services.storage.mark_blocked(person.id)


async def _drain_job(context: BotContext) -> None:
    await drain(context.application)


async def _resume(app: Application) -> None:
    """At start-up: whatever was pending when the bot stopped goes out now."""
    kick(app)


def register(app: Application) -> None:
    from bot.app import on_startup  # here, not at the top: bot.app imports this module

    app.add_handler(CommandHandler("announce", announce_command))
    app.add_handler(CallbackQueryHandler(new_announcement, pattern=r"^ann:n:\d{1,12}$"))
    on_startup(app, _resume)
