"""Bulk sending: announcements, phase notices and everything else that goes to many people at once.

A notice never lands between a question and its answer: a person in the middle of a conversation gets it
when the conversation ends (``conversation_ended``), or after ``HOLD_SECONDS`` at the latest.

The message and one 'pending' delivery per person are written first (``storage.queue_announcement``); this
sender then sends them within Telegram's bulk limits (``bot.jobs.pacing``), marks each person sent, blocked
or failed, and finally tells whoever wrote it how many received it. A restart finds the 'pending' rows and
carries on.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext

from bot.context import Services
from bot.domain.records import Delivery
from bot.i18n import resolve_language
from bot.jobs.pacing import Pacer

log = logging.getLogger(__name__)
ATTEMPTS = 3
JOB_NAME = "announcements"
HOLD_SECONDS = 600     # the longest a notice waits for its person to finish the conversation they are in
RECHECK_SECONDS = 20   # how often held notices are looked at again, besides when a conversation ends


class _Sender:
    """Per running application: one announcement sender at a time, and the one pacer every bulk send
    waits on (announcements, phase notices, the final roadmap), so together they stay within the limits."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.pacer = Pacer()
        self.turn = asyncio.Lock()
        self.attempts: dict[tuple[int, int], int] = {}
        self.holding = False  # some notices wait for people to finish a conversation


def _sender(app: Application) -> _Sender:
    return app.bot_data.setdefault("announcement_sender", _Sender())


async def wait_turn(app: Application, chat_id: int) -> None:
    """Wait until a bulk message to ``chat_id`` keeps within Telegram's limits, and take that slot."""
    sender = _sender(app)
    async with sender.turn:
        await asyncio.sleep(sender.pacer.delay(chat_id))
        sender.pacer.sent(chat_id)


def claim_turn(app: Application, chat_id: int) -> float:
    """Take the slot for a bulk message to ``chat_id`` now (0.0), or say how many seconds are left before it is
    free, without waiting: a group's slot comes every few seconds, and waiting for it inside the turn would
    hold up every announcement to people behind it. What came meanwhile goes out together (``bot.jobs.groups``).
    """
    sender = _sender(app)
    delay = sender.pacer.delay(chat_id)
    if delay <= 0:
        sender.pacer.sent(chat_id)
    return max(delay, 0.0)


def kick(app: Application, delay: float = 0) -> None:
    """Make sure the sender runs soon; cheap to call after every announcement queued."""
    if app.job_queue is not None:
        app.job_queue.run_once(_drain_job, delay, name=JOB_NAME)


def conversation_ended(app: Application) -> None:
    """Someone finished a conversation: a notice held for them can go out now."""
    if _sender(app).holding:
        kick(app)


def render(services: Services, delivery: Delivery) -> str:
    """The text for one person: the template in their language, localised parameters resolved."""
    language = resolve_language(delivery.language, delivery.telegram_language, delivery.default_language,
                                delivery.languages)
    if delivery.template is None:
        return delivery.text
    return render_in(services, language, delivery.template, delivery.params)


def render_in(services: Services, language: str, template: str, params: dict[str, Any]) -> str:
    """The text as a reader of ``language`` gets it; a preview calls this too, so it shows exactly that."""

    def localised(value: Any) -> Any:
        if isinstance(value, dict) and language in value:
            return value[language]
        return value

    return services.texts.html(language, template, **{key: localised(value) for key, value in params.items()})


async def _deliver(app: Application, sender: _Sender, delivery: Delivery) -> str | None:
    """Send one message; the delivery's new status, or None to try again later."""
    services: Services = app.bot_data["services"]
    key = (delivery.announcement_id, delivery.person_id)
    text = render(services, delivery)
    await services.storage.mark_attempted(delivery.announcement_id, delivery.person_id)
    try:
        await app.bot.send_message(delivery.telegram_id, text)
        return "sent"
    except Forbidden:
        await services.storage.mark_blocked(delivery.person_id)
        return "blocked"
    except RetryAfter as exc:
        await services.storage.mark_attempted(delivery.announcement_id, delivery.person_id, False)
        wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else exc.retry_after
        log.info("flood control: waiting %.1fs", wait)
        await asyncio.sleep(float(wait))
        return None
    except BadRequest:
        log.warning("announcement %s not deliverable to person %s", *key, exc_info=True)
        return "failed"
    except (NetworkError, TelegramError):
        # Not known to have arrived either way (a dropped connection); tried again in this process, which
        # knows it asked, but a crash from here on settles it as failed rather than risk a second copy.
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
            batch = await services.storage.pending_deliveries(limit=100, hold_seconds=HOLD_SECONDS)
            if not batch:
                break
            for delivery in batch:
                if not app.running:
                    break  # shutting down: the rest stays pending for the next start
                await wait_turn(app, delivery.telegram_id)
                status = await _deliver(app, sender, delivery)
                if status is not None:
                    await services.storage.record_delivery(delivery.announcement_id, delivery.person_id, status)
                    handled += 1
        for tally in await services.storage.finish_announcements():
            if tally.sender_id is not None:
                await _report(app, tally)
        sender.holding = app.running and bool(await services.storage.held_deliveries(HOLD_SECONDS))
        if sender.holding:
            kick(app, RECHECK_SECONDS)
    return handled


async def _report(app: Application, tally) -> None:
    """Tell the moderator how many people received the message."""
    services: Services = app.bot_data["services"]
    person = await services.storage.person(tally.sender_id)
    workshop = await services.storage.workshop(tally.workshop_id)
    if person is None or workshop is None:
        return
    language = workshop.definition.language_for(person.language, person.telegram_language)
    text = services.texts.html(language, "ann.report", sent=tally.sent, total=tally.total, blocked=tally.blocked,
                               failed=tally.failed)
    try:
        await app.bot.send_message(person.telegram_id, text)
    except Forbidden:
        await services.storage.mark_blocked(person.id)


async def _drain_job(context: CallbackContext) -> None:
    await drain(context.application)


async def resume(app: Application) -> None:
    """At start-up: whatever was pending when the bot stopped goes out now, except what the stopped process
    was handing to Telegram at that moment: that may have arrived, and nobody gets a message twice."""
    settled = await app.bot_data["services"].storage.settle_interrupted()
    if settled:
        log.warning("%s bulk message(s) interrupted mid-send by the last stop: counted as failed, not resent",
                    settled)
    kick(app)
