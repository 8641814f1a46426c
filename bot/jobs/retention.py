"""The retention sweep: a few times a day, warn the secretariat of a closed workshop whose personal data is
due to go, and erase it when the day comes (``bot.domain.retention`` says which; ``bot.storage.retention``
does it). Its state is the audit trail, so a restart or a second sweep repeats nothing. Off unless
``RETENTION_DAYS`` is set. Erasing also takes the members' names out of the items' texts (``NAME_REMOVED``).
"""

from __future__ import annotations

import logging

from telegram.ext import Application, CallbackContext

from bot.context import Services, clock
from bot.domain.clock import date_and_time, iso, parse
from bot.domain.retention import Step, erase_date, next_step
from bot.jobs import bulk
from bot.storage import retention as store

log = logging.getLogger(__name__)
JOB_NAME = "retention"
SWEEP_SECONDS = 6 * 3600
TEMPLATE = "retention.warning"
NAME_REMOVED = "retention.name_removed"  # what a name typed inside an item becomes, in the item's language


async def resume(app: Application) -> None:
    """A startup hook: plan the sweep (soon after start, then every few hours)."""
    if app.bot_data["services"].settings.retention_days is None or app.job_queue is None:
        return
    app.job_queue.run_repeating(_sweep_job, interval=SWEEP_SECONDS, first=30, name=JOB_NAME)


async def _sweep_job(context: CallbackContext) -> None:
    await sweep(context.application)


async def sweep(app: Application) -> dict[int, Step]:
    """One pass over the closed workshops, at ``clock(app)``; returns what was done to each."""
    services: Services = app.bot_data["services"]
    settings, storage = services.settings, services.storage
    if settings.retention_days is None:
        return {}
    now = clock(app)
    done: dict[int, Step] = {}
    for closed in await store.closed_with_personal_data(storage):
        closed_at, warned_at = parse(closed.closed_at), parse(closed.warned_at)
        step = next_step(closed_at, warned_at, now, days=settings.retention_days,
                         warning_days=settings.retention_warning_days)
        if step is Step.WARN:
            workshop = await storage.workshop(closed.id)
            on = erase_date(closed_at, now, days=settings.retention_days,
                            warning_days=settings.retention_warning_days)
            params = {"title": workshop.definition.title.model_dump(), "days": settings.retention_days,
                      "on": date_and_time(iso(on), workshop.definition.zone), "zone": workshop.definition.zone.key}
            sent_to = await store.warn_secretariat(storage, closed.id, TEMPLATE, params, iso(now))
            log.info("retention: workshop %s warned (%s in its secretariat)", closed.id, sent_to)
            bulk.kick(app)
        elif step is Step.ERASE:
            workshop = await storage.workshop(closed.id)
            # the neutral word in each of the workshop's languages, its default first (for a text in no other)
            definition = workshop.definition
            removed = {language: services.texts.plain(language, NAME_REMOVED)
                       for language in dict.fromkeys((definition.default_language, *definition.languages))}
            members = await store.erase_personal_data(storage, closed.id, iso(now), removed)
            log.info("retention: personal data of workshop %s erased (%s members)", closed.id, members)
        done[closed.id] = step
    return done
