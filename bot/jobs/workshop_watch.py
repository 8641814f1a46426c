"""A workshop file loaded while the bot runs (``workshop-bot workshop load`` is another process) is picked up.

Everything a person's update reads comes from the store each time (``WorkshopStore.member_view`` parses a
definition again only when its text changed), so a new workshop or a changed file is seen at the next update with
no help. What does not read the store by itself is the agenda's scheduler, whose jobs are planned from the phase
rows: this job looks every few seconds at a short signature of the workshops and their phases, and has the
scheduler plan again when it changed. A spurious re-plan is harmless: every event is applied by a guarded write.
"""

from __future__ import annotations

import logging

from telegram.ext import Application, CallbackContext

from bot.jobs import scheduler

log = logging.getLogger(__name__)
EVERY_SECONDS = 5
JOB_NAME = "workshops:watch"


async def check(app: Application) -> bool:
    """Plan the agenda again if a workshop was added, archived or loaded again since the last look."""
    signature = await app.bot_data["services"].storage.agenda_signature()
    seen = app.bot_data.get(JOB_NAME)
    app.bot_data[JOB_NAME] = signature
    if seen is None or seen == signature:
        return False
    planned = await scheduler.reschedule(app)
    log.info("a workshop file was loaded or changed: agenda planned again (%d phase events)", planned)
    return True


async def _tick(context: CallbackContext) -> None:
    await check(context.application)


async def start(app: Application) -> None:
    await check(app)  # the signature the scheduler's own start-up plan was made from
    app.job_queue.run_repeating(_tick, EVERY_SECONDS, first=EVERY_SECONDS, name=JOB_NAME)
