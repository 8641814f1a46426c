"""A workshop file loaded while the bot runs (``workshop-bot workshop load`` is another process) is picked up.

Everything a person's update reads comes from the store each time (``WorkshopStore.member_view`` parses a
definition again only when its text changed), so a new workshop or a changed file is seen at the next update with
no help. What does not read the store by itself is the agenda's scheduler, whose jobs are planned from the phase
rows: this job looks every few seconds at a short signature of the workshops and their phases, and has the
scheduler plan again when it changed. A spurious re-plan is harmless: every event is applied by a guarded write.

Nor does a person's command menu, which Telegram keeps: someone made secretariat by ``workshop-bot admin grant``
would see their tools only after their next message. So each look also passes the roles granted since the last
one (the audit rows ``grant_role`` writes) to whoever asked for them (``on_role_granted``: the menus).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram.ext import Application, CallbackContext

from bot.jobs import scheduler

log = logging.getLogger(__name__)
EVERY_SECONDS = 5
JOB_NAME = "workshops:watch"
GRANT_HOOKS = "workshops:grant_hooks"
GRANTS_SEEN = "workshops:grants_seen"   # the audit id of the last role grant passed on


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


def on_role_granted(app: Application, hook: Callable[[Application, list[tuple[int, int]]], Awaitable[None]]
                    ) -> None:
    """Have ``hook(app, [(workshop id, person id), ...])`` called with the roles granted from the command line."""
    app.bot_data.setdefault(GRANT_HOOKS, []).append(hook)


async def grants_seen_now(app: Application) -> None:
    """Pass on only roles granted from now on: whoever set every menu at start-up calls this first."""
    app.bot_data[GRANTS_SEEN] = await app.bot_data["services"].storage.last_role_grant()


async def pass_on_grants(app: Application) -> int:
    """Give the hooks the roles granted since the last look; returns how many."""
    hooks = app.bot_data.get(GRANT_HOOKS)
    if not hooks:
        return 0
    if GRANTS_SEEN not in app.bot_data:
        await grants_seen_now(app)
        return 0
    granted = await app.bot_data["services"].storage.roles_granted_since(app.bot_data[GRANTS_SEEN])
    if not granted:
        return 0
    app.bot_data[GRANTS_SEEN] = granted[-1][0]
    for hook in hooks:
        try:
            await hook(app, [(workshop_id, person_id) for _, workshop_id, person_id in granted])
        except Exception:  # a menu is a convenience: the watcher's own work goes on
            log.warning("a hook for granted roles failed", exc_info=True)
    return len(granted)


async def _tick(context: CallbackContext) -> None:
    await check(context.application)
    await pass_on_grants(context.application)


async def start(app: Application) -> None:
    await check(app)  # the signature the scheduler's own start-up plan was made from
    await pass_on_grants(app)
    app.job_queue.run_repeating(_tick, EVERY_SECONDS, first=EVERY_SECONDS, name=JOB_NAME)
