"""Confirmations that always arrive: "sent as C-12", "saved".

The notice is written with the change, in the same transaction (``storage.submit_contribution(notice=...)``),
and delivered from the outbox: right away by the handler that made the change, again by a job while it is
still pending (a passing fault outlasted the transport's retries, or the bot stopped before sending it), and at
every start. It is given up only when the person blocked the bot. So a person never sees silence where an item
was stored, and never an apology that invites a second send.
"""

from __future__ import annotations

import logging

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackContext

from bot.context import Services
from bot.domain import items
from bot.i18n import resolve_language

log = logging.getLogger(__name__)
JOB_NAME = "confirmations"
RETRY_SECONDS = 15     # a pending confirmation is tried again this often
GIVE_UP_AFTER = 40     # attempts (about ten minutes of a Telegram that cannot be reached) before 'failed'


async def deliver(app: Application, key: str) -> bool:
    """Send the notice stored under ``key`` if nobody sent it yet; True once it is delivered."""
    services: Services = app.bot_data["services"]
    storage = services.storage
    entry = await storage.claim_notice(key)
    if entry is None:
        return await storage.notice_status(key) == "sent"
    language = resolve_language(entry.language, entry.telegram_language, entry.default_language, entry.languages)
    text = services.texts.html(language, entry.template, **items.lettered(entry.params, language))
    try:
        await app.bot.send_message(entry.telegram_id, text)
    except Forbidden:
        await storage.mark_blocked(entry.person_id)
        await storage.record_notice(entry.id, "blocked")
        return False
    except BadRequest:
        log.exception("confirmation %s cannot be delivered", entry.id)
        await storage.record_notice(entry.id, "failed")
        return False
    except TelegramError:
        status = "failed" if entry.attempts >= GIVE_UP_AFTER else "pending"
        log.warning("confirmation %s not delivered yet (attempt %d)", entry.id, entry.attempts)
        await storage.record_notice(entry.id, status)
        retry_soon(app)
        return False
    except BaseException:
        await storage.record_notice(entry.id, "pending")  # interrupted: it goes out with the next try
        raise
    await storage.record_notice(entry.id, "sent")
    return True


def retry_soon(app: Application) -> None:
    if app.job_queue is not None and not app.job_queue.get_jobs_by_name(JOB_NAME):
        app.job_queue.run_once(_retry_job, RETRY_SECONDS, name=JOB_NAME)


async def deliver_pending(app: Application) -> int:
    """Everything still pending goes out; returns how many were delivered."""
    storage = app.bot_data["services"].storage
    delivered = 0
    for key in await storage.pending_notices():
        if not app.running:
            break
        delivered += await deliver(app, key)
    if await storage.pending_notices(limit=1):
        retry_soon(app)
    return delivered


async def _retry_job(context: CallbackContext) -> None:
    await deliver_pending(context.application)


async def resume(app: Application) -> None:
    """At start-up: claims a crash left behind are released, and whatever is pending is sent."""
    released = await app.bot_data["services"].storage.release_claims()
    if released:
        log.info("%d confirmations interrupted by the last stop will be sent again", released)
    if app.job_queue is not None:
        app.job_queue.run_once(_retry_job, 0, name=JOB_NAME)
