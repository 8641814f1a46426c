"""Moderators kept informed: every few minutes, each table's moderators are sent a digest of the items waiting
for their review, with a button that opens the review (issue 13, point 7).

Only while their table receives items (a phase open for it in which something can be sent), only when
something waits and something new came since the last digest, and at most every
``moderator_digest_minutes`` (the workshop file; ``bot.domain.digests``). Each digest is claimed in the
database before it is sent (``storage.claim_digest``), so a tick that fires twice, or one after a restart,
sends nothing already sent; the job itself is planned again at start-up. Digests go to many people on a clock,
so they wait their turn at the one bulk pacer (``bot.jobs.bulk.wait_turn``).

The review button's data belongs to the Telegram layer (``handlers.callbacks``), which jobs do not import: the
moderation flow hands its button builder over when it registers (``install``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, CallbackContext

from bot.context import Services, clock, on_startup
from bot.domain.digests import SHOWN
from bot.domain.items import reference
from bot.domain.phases import sendable_kinds
from bot.jobs import bulk

log = logging.getLogger(__name__)
JOB_NAME = "moderator_digests"
CHECK_SECONDS = 60  # how often the job looks; the workshop's setting decides how often anyone is written to
ReviewButton = Callable[[str, int], InlineKeyboardButton]  # (label, table id) -> the button that opens review


def install(app: Application, review_button: ReviewButton) -> None:
    """Wire the digest: the review button it carries, and the job, planned once the store is open."""
    app.bot_data["digest_review_button"] = review_button
    on_startup(app, start)


async def start(app: Application) -> None:
    if app.job_queue is not None:
        for job in app.job_queue.get_jobs_by_name(JOB_NAME):
            job.schedule_removal()
        app.job_queue.run_repeating(_tick, interval=CHECK_SECONDS, first=CHECK_SECONDS, name=JOB_NAME)


async def _tick(context: CallbackContext) -> None:
    await send_digests(context.application)


async def send_digests(app: Application) -> int:
    """Send every digest due now; returns how many were sent."""
    services: Services = app.bot_data["services"]
    storage, now = services.storage, clock(app)
    sent = 0
    for workshop_id in await storage.active_workshops():
        waiting = await storage.waiting_for_review(workshop_id)
        if not waiting:
            continue
        stored = await storage.workshop(workshop_id)
        phases = await storage.phases(workshop_id)
        codes = {t.id: t.code for t in await storage.working_tables(workshop_id)}
        minutes = stored.definition.moderator_digest_minutes
        for table_id, items in waiting.items():
            if not sendable_kinds(phases, table_id, now):
                continue  # the table is not working now: the dashboard says what waits when it is opened
            for person_id in await storage.table_moderators(workshop_id, table_id):
                if await storage.claim_digest(table_id, person_id, items[-1][0], now, minutes):
                    sent += await _send(app, stored, codes.get(table_id, ""), table_id, person_id, items)
    return sent


async def _send(app: Application, stored, code: str, table_id: int, person_id: int,
                items: list[tuple[int, str]]) -> int:
    services: Services = app.bot_data["services"]
    person = await services.storage.person(person_id)
    if person is None:
        return 0
    definition = stored.definition
    language = definition.language_for(person.language, person.telegram_language)
    spec = definition.table(code)
    refs = [reference(kind, item_id, language) for item_id, kind in items[:SHOWN]]
    text = services.texts.html(language, "digest.waiting", table=spec.name.get(language) if spec else code,
                               count=len(items), refs=", ".join(refs), more=max(len(items) - SHOWN, 0))
    button = app.bot_data["digest_review_button"](services.texts.plain(language, "digest.review"), table_id)
    await bulk.wait_turn(app, person.telegram_id)
    try:
        await app.bot.send_message(person.telegram_id, text, reply_markup=InlineKeyboardMarkup([[button]]))
    except Forbidden:
        await services.storage.mark_blocked(person.id)
        return 0
    except TelegramError:  # a digest is a reminder: the next one, when something new comes, says it again
        log.warning("digest for table %s not delivered to person %s", table_id, person_id, exc_info=True)
        return 0
    return 1
