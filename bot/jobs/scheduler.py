"""The agenda's scheduler: it opens, reminds and closes phases on time by itself, and tells the people they
concern.

python-telegram-bot does not persist jobs, so the schedule is the phase rows themselves: at start-up (and
whenever the agenda or a phase's state changes) every job is planned again from the database
(``bot.domain.agenda.plan``), and each job applies its event through a guarded write, so a restart with a
close pending still closes the table, once. Notices go through the bulk sender: paced, each person in
their own language, resumed after a restart.
"""

from __future__ import annotations

import logging

from telegram.ext import Application, CallbackContext

from bot.context import Services, clock
from bot.domain import agenda
from bot.domain import phases as phase_rules
from bot.domain.clock import day_and_time, iso, parse
from bot.domain.records import PhaseRow
from bot.jobs import bulk, groups

log = logging.getLogger(__name__)
JOB_PREFIX = "phase:"


async def set_phase_state(app: Application, workshop_id: int, code: str, state: str, table_id: int | None,
                          actor_id: int) -> None:
    """Open or close a phase by hand (for one table, or workshop-wide with ``table_id`` None).

    People are told only when the phase really opened or closed for them: a second press on an old
    button, or opening a phase the agenda had already opened, changes nothing they need to hear.
    """
    storage, current = app.bot_data["services"].storage, clock(app)
    rows = await storage.phases(workshop_id)
    before = next((p for p in phase_rules.effective(rows, table_id) if p.code == code), None)
    phase, changed = await storage.set_phase_state(workshop_id, code, state, table_id,
                                                   iso(current), actor_id=actor_id)
    if changed and (before is None or phase_rules.is_open(before, current) != phase_rules.is_open(phase, current)):
        await tell_table(app, phase, "open" if state == "open" else "close", exclude=actor_id)
    await reschedule(app)


async def tell_table(app: Application, phase: PhaseRow, event: str, exclude: int | None = None) -> None:
    """Queue the notice of a phase event for everyone it concerns."""
    storage = app.bot_data["services"].storage
    workshop = await storage.workshop(phase.workshop_id)
    tables: list[int] | None = None  # the tables whose groups hear it; None: every group of the workshop
    if phase.table_id is not None:
        tables = [phase.table_id]
        people = await storage.table_recipients(workshop.id, phase.table_id)
    elif phase.kind == "tables":
        # The workshop's row speaks for the tables that have no row of their own for this phase.
        own = {p.table_id for p in await storage.phases(workshop.id) if p.code == phase.code and p.table_id}
        tables = [t.id for t in await storage.working_tables(workshop.id) if t.id not in own]
        people = []
        for table_id in tables:
            people += await storage.table_recipients(workshop.id, table_id)
    else:
        people = await storage.workshop_recipients(workshop.id)
    people = [p for p in dict.fromkeys(people) if p != exclude]
    zone = workshop.definition.zone
    spec = next((p for p in workshop.definition.phases if p.id == phase.code), None)
    params = {"phase": spec.name.model_dump() if spec else phase.code,
              "until": day_and_time(phase.closes_at, zone), "zone": zone.key,
              "minutes": agenda.minutes_left(phase.closes_at, clock(app))}
    await groups.phase_notice(app, workshop.id, tables, f"ph.notice_{event}.{phase.kind}", params)
    if not people:
        return
    # Each kind of phase has its own words: what opens, and which command to use (none for the reading).
    await storage.queue_announcement(workshop.id, phase.table_id, None, people,
                                     template=f"ph.notice_{event}.{phase.kind}", params=params)
    bulk.kick(app)


async def _on_event(context: CallbackContext) -> None:
    """A job of the agenda fired: apply the event if it still applies, then tell the table."""
    app, data = context.application, context.job.data
    storage = app.bot_data["services"].storage
    current = clock(app)
    phase = await storage.phase_transition(data["phase_id"], data["event"], data["anchor"], current)
    if phase is None:
        return
    event = agenda.Event(phase.id, data["event"], parse(data["at"]), data["anchor"])
    if not agenda.worth_telling(event, current):
        log.info("phase %s: %s applied late; nobody told", phase.id, event.kind)
        return
    if event.kind == "remind" and not phase_rules.is_open(phase, current):
        return
    await tell_table(app, phase, event.kind)


async def reschedule(app: Application) -> int:
    """Plan every job of the agenda again from the database; returns how many were planned.

    Call it after changing the agenda (a phase moved, opened or closed): the old jobs are dropped, and the
    guarded writes make any event that already happened a no-op.
    """
    services: Services = app.bot_data["services"]
    queue = app.job_queue
    for job in queue.jobs():
        if job.name and job.name.startswith(JOB_PREFIX):
            job.schedule_removal()
    current = clock(app)
    planned = 0
    for workshop_id in await services.storage.active_workshops():
        for event in agenda.plan(await services.storage.phases(workshop_id), current):
            delay = max((event.at - current).total_seconds(), 0.0)
            queue.run_once(_on_event, delay, name=f"{JOB_PREFIX}{event.phase_id}:{event.kind}",
                           data={"phase_id": event.phase_id, "event": event.kind, "anchor": event.anchor,
                                 "at": iso(event.at)})
            planned += 1
    return planned


async def resume(app: Application) -> None:
    """At start-up: the agenda planned again from the database (jobs are never persisted)."""
    planned = await reschedule(app)
    log.info("agenda: %d phase events planned", planned)
