"""The final roadmap's send-out: once the workshop closes, everyone gets the roadmap in their own language.

The queue is in the database (one row per person, written when the workshop closes), so a restart mid
send-out resumes it without repeats, and whoever closed the workshop is told the tally once. It is paced by
the same pacer as every other bulk send.
"""

from __future__ import annotations

import contextlib
import logging

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, CallbackContext

from bot.jobs import bulk, documents, groups

log = logging.getLogger(__name__)


def start(app: Application, workshop_id: int) -> None:
    """Send the final roadmap from the queue in the background (one sender per workshop at a time)."""
    running: set[int] = app.bot_data.setdefault("roadmap_senders", set())
    if workshop_id in running:
        return
    running.add(workshop_id)

    async def run() -> None:
        try:
            await distribute_final_roadmap(app, workshop_id)
        finally:
            running.discard(workshop_id)

    app.create_task(run(), name=f"final-roadmap-{workshop_id}")


async def distribute_final_roadmap(app: Application, workshop_id: int) -> None:
    """Everyone queued gets the final roadmap in their own language, paced; each delivery is recorded as it
    happens, so after a restart only those still pending are sent. Then whoever closed is told the tally."""
    services = app.bot_data["services"]
    storage, texts = services.storage, services.texts
    await groups.final_roadmap(app, workshop_id)  # the plenary group's copy, posted once by its own sender
    stored = await storage.workshop(workshop_id)
    built: dict[str, documents.Document] = {}
    for person_id, telegram_id, chosen, telegram in await storage.pending_roadmap_deliveries(workshop_id):
        lang = stored.definition.language_for(chosen, telegram)  # an edition of the workshop's, never another
        if lang not in built:
            built[lang] = await documents.roadmap(storage, workshop_id, lang)
        await bulk.wait_turn(app, telegram_id)
        try:
            await app.bot.send_document(telegram_id, built[lang].content, filename=built[lang].file_name,
                                        caption=texts.plain(lang, "sec.final_caption"))
            status = "sent"
        except Forbidden:
            await storage.mark_blocked(person_id)
            status = "blocked"
        except TelegramError:
            log.exception("final roadmap not delivered to person %s", person_id)
            status = "failed"
        await storage.record_roadmap_delivery(workshop_id, person_id, status)
    report = await storage.claim_close_report(workshop_id)
    if report is None or report[0] is None:
        return
    closer, tallies = report
    language = stored.definition.language_for(*await storage.language_of(closer))
    unreachable = tallies.get("blocked", 0) + tallies.get("failed", 0)
    with contextlib.suppress(TelegramError):
        await app.bot.send_message(closer, texts.html(language, "sec.closed_report", sent=tallies.get("sent", 0),
                                                      unreachable=unreachable))


async def resume(app: Application) -> None:
    """At start-up: finish any send-out a restart interrupted, once the application is running."""
    for workshop_id in await app.bot_data["services"].storage.workshops_with_pending_roadmaps():
        app.job_queue.run_once(_resume_one, 0, data=workshop_id, name=f"final-roadmap-resume-{workshop_id}")


async def _resume_one(context: CallbackContext) -> None:
    start(context.application, context.job.data)
