"""The follow-up's clock: open each check-in round when the workshop file's schedule says, and remind, once, whoever
has not answered (``bot.domain.followup`` says when; ``bot.storage.followup`` records it together with the
message). The messages are bulk sends through the one pacer (``bot.jobs.bulk``); the state is in the database,
so a restart re-plans the sweep and the sender resumes whatever was pending.

A bot that was off when a round fell due opens only the latest due round: asking a delegation about two rounds
at once would ask the same question twice.
"""

from __future__ import annotations

import logging

from telegram.ext import Application, CallbackContext

from bot.context import Services, clock
from bot.domain import followup as rules
from bot.domain.clock import date_and_time, iso, parse
from bot.jobs import bulk
from bot.storage import followup as store

log = logging.getLogger(__name__)
JOB_NAME = "followup"
SWEEP_SECONDS = 3600
ROUND_TEMPLATE = "fu.round_opened"
REMINDER_TEMPLATE = "fu.reminder"


async def resume(app: Application) -> None:
    """A startup hook: plan the sweep (soon after start, then every hour)."""
    if app.job_queue is not None:
        app.job_queue.run_repeating(_sweep_job, interval=SWEEP_SECONDS, first=20, name=JOB_NAME)


async def _sweep_job(context: CallbackContext) -> None:
    await sweep(context.application)


async def sweep(app: Application) -> dict[int, list[str]]:
    """One pass at ``clock(app)``: per workshop, what was done ("round 2 opened", "round 2 reminded")."""
    services: Services = app.bot_data["services"]
    storage = services.storage
    now = clock(app)
    done: dict[int, list[str]] = {}
    for workshop_id in await store.followed_workshops(storage):
        stored = await storage.workshop(workshop_id)
        definition = stored.definition
        if definition.followup is None:
            continue
        await store.claim_invited(storage, workshop_id)
        steps: list[str] = []
        opened = {r.number: r for r in await store.rounds(storage, workshop_id)}
        due = rules.due_rounds(definition, parse(stored.reading_ended_at), now)
        params = {"title": definition.title.model_dump(), "zone": definition.zone.key}
        if due and due[-1].number not in opened and due[-1].number > max(opened, default=0):
            latest = due[-1]
            upcoming = rules.next_round(definition, parse(stored.reading_ended_at), now)
            asked = await store.open_round(storage, workshop_id, latest.number, iso(latest.due_at), iso(now),
                                           ROUND_TEMPLATE, {**params, "next": date_and_time(
                                               iso(upcoming.due_at), definition.zone) if upcoming else ""})
            if asked is not None:
                steps.append(f"round {latest.number} opened")
                log.info("follow-up: workshop %s round %s opened, %s asked", workshop_id, latest.number, asked)
            opened = {r.number: r for r in await store.rounds(storage, workshop_id)}
        if opened:
            current = opened[max(opened)]
            if rules.reminder_due(definition, parse(current.opened_at), parse(current.reminded_at), now):
                reminded = await store.remind(storage, current.id, iso(now), REMINDER_TEMPLATE, params)
                steps.append(f"round {current.number} reminded")
                log.info("follow-up: workshop %s round %s, %s reminded", workshop_id, current.number, reminded)
        if steps:
            done[workshop_id] = steps
            bulk.kick(app)
    return done
