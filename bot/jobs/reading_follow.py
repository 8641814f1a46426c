"""The joint reading followed in private: each decision reaches those who chose to follow it, as it is taken.

The secretariat's press only records the decision (the audit log has it, in the outcome's own transaction)
and asks for a catch-up; the catch-up runs apart, in a job, so the reading never waits on a send-out. It
queues each decision not yet told as one announcement with a delivery per follower (``bot.storage.
reading_follow``), and the one bulk sender paces them out (``bot.jobs.bulk``): within Telegram's limits, held
while a follower is answering a question, resumed after a restart, never twice. The reading's end is told
with its outcome in the sentence the roadmap's conclusions use; the follow outlives it, because the
secretariat may reopen the reading, and then the followers hear that it reopened and why, and the decisions
keep coming without a second press. The workshop's close ends every follow: those it found waiting on a
reading still open are told what happened (decided so far, and that the final roadmap comes to them here),
so nobody waits for decisions that will never be taken.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from types import SimpleNamespace
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import Services
from bot.domain import editorial, lifecycle, table_view
from bot.domain.items import reference
from bot.domain.records import AuditEntry
from bot.i18n import SUPPORTED_LANGUAGES
from bot.jobs import bulk
from bot.storage.reading_follow import CLOSED, ENDED, REOPENED
from reports.labels import load_labels
from reports.sections.body import outcomes_sentence

log = logging.getLogger(__name__)
JOB_NAME = "reading-follow"


def _services(app: Application) -> Services:
    return app.bot_data["services"]


def _lock(app: Application) -> asyncio.Lock:
    return app.bot_data.setdefault("reading_follow_lock", asyncio.Lock())


def decided(app: Application, workshop_id: int) -> None:
    """A decision was recorded (or the reading ended): tell the followers soon, apart from the press."""
    if app.job_queue is not None:
        app.job_queue.run_once(_catch_up_job, 0, data=workshop_id, name=f"{JOB_NAME}-{workshop_id}")


async def _catch_up_job(context: CallbackContext) -> None:
    await catch_up(context.application, context.job.data)


async def resume(app: Application) -> None:
    """At start-up: a decision recorded just before a stop, and never queued for its followers, goes now."""
    for workshop_id in await _services(app).storage.followed_readings():
        decided(app, workshop_id)


async def catch_up(app: Application, workshop_id: int) -> int:
    """Queue, oldest first, every decision the followers have not been sent; returns how many were queued."""
    storage = _services(app).storage
    queued = 0
    async with _lock(app):  # one catch-up at a time keeps the decisions in the order they were taken
        workshop = await storage.workshop(workshop_id)
        if workshop is None:
            return 0
        languages = list(dict.fromkeys((*workshop.definition.languages, *SUPPORTED_LANGUAGES)))
        for entry in await storage.decisions_to_tell(workshop_id):
            last, tell = entry.action == CLOSED, True
            if entry.action == ENDED:
                template, params = "follow.ended", await _ended(storage, workshop_id, languages)
            elif entry.action == REOPENED:
                template, params = "follow.reopened", {"reason": (entry.after or {}).get("reason") or ""}
            elif last:  # told only if it cut the reading short: after its end they heard the last already
                template, params = "follow.closed", await _ended(storage, workshop_id, languages)
                tell = await storage.reading_open_before(workshop_id, entry.id)
            else:
                template, params = await _decision(storage, entry, languages)
            if template is None:
                continue
            if await storage.queue_for_followers(workshop_id, entry.id, template, params, last=last,
                                                 tell=tell) is not None:
                queued += 1
    if queued:
        bulk.kick(app)
    return queued


async def _decision(storage, entry: AuditEntry, languages: list[str]) -> tuple[str | None, dict[str, Any]]:
    """The decision as it was taken (the audit entry's outcome, reason and wording, not the item as it stands
    later), every part in each language a follower may read."""
    item = await storage.contribution(entry.target_id) if entry.target_id is not None else None
    after = entry.after or {}
    outcome = after.get("status")
    if item is None or outcome not in lifecycle.READING_OUTCOMES:
        return None, {}
    original = str(after.get("action") or table_view.main_text(item))
    versions = await storage.texts(item.workshop_id, editorial.ITEM, item.id)
    return f"follow.decision_{outcome}", {
        "ref": {lang: reference(item.kind, item.id, lang) for lang in languages},
        "text": {lang: editorial.version_in(lang, original, item.language, versions).body for lang in languages},
        "reason": after.get("reason") or "",
    }


async def _ended(storage, workshop_id: int, languages: list[str]) -> dict[str, Any]:
    """The reading's outcome in one sentence, in each language, as the roadmap's conclusions say it."""
    decided = Counter({status: n for status, n in await storage.recommendations_by_status(workshop_id)
                       if status in lifecycle.READING_OUTCOMES})
    return {"outcome": {lang: outcomes_sentence(SimpleNamespace(labels=load_labels(lang)), decided)
                        for lang in languages}, "decided": sum(decided.values())}
