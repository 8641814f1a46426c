"""Phases: a moderator opens and closes the table's phases by hand; the agenda opens, reminds and closes
them on time by itself.

python-telegram-bot does not persist jobs, so the schedule is the phase rows themselves: at start-up (and
whenever the agenda or a phase's state changes) every job is planned again from the database
(``bot.domain.agenda.plan``), and each job applies its event through a guarded write, so a restart with a close
pending still closes the table, once. Notices to the table go through the announcement queue: paced,
each person in their own language, resumed after a restart.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import BotContext, Services
from bot.domain import agenda
from bot.domain import phases as phase_rules
from bot.domain.permissions import Action
from bot.storage.phases import PhaseRow
from handlers import announcements
from handlers.guard import guarded_button
from handlers.moderation import now, on_pick, pick_table, table_arg, table_name

log = logging.getLogger(__name__)
JOB_PREFIX = "phase:"


# -- by hand -----------------------------------------------------------------------------------------------

async def phases_command(update: Update, context: BotContext) -> None:
    """/phases: open or close the table's phases."""
    await pick_table(update, context, Action.MODERATE_TABLE, "m", prefix="ph")


def _table_phases(context: BotContext, rows: list[PhaseRow], table_id: int) -> list[PhaseRow]:
    return [p for p in phase_rules.effective(rows, table_id) if p.kind == "tables"]


def _phase_name(workshop, code: str, language: str) -> str:
    spec = next((p for p in workshop.definition.phases if p.id == code), None)
    return spec.name.get(language) if spec else code


@on_pick("ph", "m")
async def phases_menu(update: Update, context: BotContext, table_id: int, args: list[str] | None = None) -> None:
    rows = await context.storage.phases(context.workshop.id)
    table = await context.storage.working_table(table_id)
    current, zone = now(context), context.workshop.definition.zone
    lines, buttons = [context.t("ph.menu_head", table=table_name(context, table))], []
    for phase in _table_phases(context, rows, table_id):
        name = _phase_name(context.workshop, phase.code, context.language)
        is_open = phase_rules.is_open(phase, current)
        lines.append(context.t("ph.menu_line", phase=name, open=is_open,
                               opens=agenda.local_time(phase.opens_at, zone),
                               closes=agenda.local_time(phase.closes_at, zone), zone=zone.key))
        verb, label = ("c", "ph.btn_close") if is_open else ("o", "ph.btn_open")
        buttons.append([InlineKeyboardButton(context.label(label, phase=name),
                                             callback_data=f"ph:{verb}:{table_id}:{phase.code}")])
    if not buttons:
        lines.append(context.t("ph.menu_none"))
    await context.say(update, "\n\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None)


@guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)
async def menu_button(update: Update, context: BotContext, table_id: int, args: list[str]) -> None:
    await phases_menu(update, context, table_id)


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def open_or_close(update: Update, context: BotContext, table_id: int, args: list[str]) -> None:
    """Open or close one phase for this table only; the table is told, the agenda re-planned."""
    verb, code = update.callback_query.data.split(":")[1], args[1]
    rows = await context.storage.phases(context.workshop.id)
    if code not in {p.code for p in _table_phases(context, rows, table_id)}:
        await context.reply(update, "ph.unknown")
        return
    state = "open" if verb == "o" else "closed"
    await set_state(context, code, state, table_id)
    name = _phase_name(context.workshop, code, context.language)
    await context.reply(update, "ph.opened" if state == "open" else "ph.closed", phase=name)
    await phases_menu(update, context, table_id)


async def set_state(context: BotContext, code: str, state: str, table_id: int | None) -> None:
    """Open or close a phase by hand (for one table, or workshop-wide with ``table_id`` None).

    People are told only when the phase really opened or closed for them: a second press on an old
    button, or opening a phase the agenda had already opened, changes nothing they need to hear.
    """
    storage, current = context.storage, now(context)
    rows = await storage.phases(context.workshop.id)
    before = next((p for p in phase_rules.effective(rows, table_id) if p.code == code), None)
    phase, changed = await storage.set_phase_state(context.workshop.id, code, state, table_id,
                                                   agenda.iso(current), actor_id=context.person.id)
    if changed and (before is None or phase_rules.is_open(before, current) != phase_rules.is_open(phase, current)):
        await tell_table(context.application, phase, "open" if state == "open" else "close",
                         exclude=context.person.id)
    await reschedule(context.application)


# -- by the agenda -----------------------------------------------------------------------------------------

async def tell_table(app: Application, phase: PhaseRow, event: str, exclude: int | None = None) -> None:
    """Queue the notice of a phase event for everyone it concerns."""
    storage = app.bot_data["services"].storage
    workshop = await storage.workshop(phase.workshop_id)
    if phase.table_id is not None:
        people = await storage.table_recipients(workshop.id, phase.table_id)
    elif phase.kind == "tables":
        # The workshop's row speaks for the tables that have no row of their own for this phase.
        own = {p.table_id for p in await storage.phases(workshop.id) if p.code == phase.code and p.table_id}
        people = []
        for table in await storage.working_tables(workshop.id):
            if table.id not in own:
                people += await storage.table_recipients(workshop.id, table.id)
    else:
        people = await storage.workshop_recipients(workshop.id)
    people = [p for p in dict.fromkeys(people) if p != exclude]
    if not people:
        return
    zone = workshop.definition.zone
    spec = next((p for p in workshop.definition.phases if p.id == phase.code), None)
    params = {"phase": spec.name.model_dump() if spec else phase.code,
              "until": agenda.local_time(phase.closes_at, zone), "zone": zone.key,
              "minutes": agenda.minutes_left(phase.closes_at, now(app))}
    # Each kind of phase has its own words: what opens, and which command to use (none for the reading).
    await storage.queue_announcement(workshop.id, phase.table_id, None, people,
                                     template=f"ph.notice_{event}.{phase.kind}", params=params)
    announcements.kick(app)


async def _on_event(context: BotContext) -> None:
    """A job of the agenda fired: apply the event if it still applies, then tell the table."""
    app, data = context.application, context.job.data
    storage = app.bot_data["services"].storage
    current = now(app)
    phase = await storage.phase_transition(data["phase_id"], data["event"], data["anchor"], current)
    if phase is None:
        return
    event = agenda.Event(phase.id, data["event"], agenda.at(data["at"]), data["anchor"])
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
    current = now(app)
    planned = 0
    for workshop_id in await services.storage.active_workshops():
        for event in agenda.plan(await services.storage.phases(workshop_id), current):
            delay = max((event.at - current).total_seconds(), 0.0)
            queue.run_once(_on_event, delay, name=f"{JOB_PREFIX}{event.phase_id}:{event.kind}",
                           data={"phase_id": event.phase_id, "event": event.kind, "anchor": event.anchor,
                                 "at": agenda.iso(event.at)})
            planned += 1
    return planned


async def _rebuild(app: Application) -> None:
    planned = await reschedule(app)
    log.info("agenda: %d phase events planned", planned)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("phases", phases_command))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=r"^ph:m:\d{1,12}$"))
    app.add_handler(CallbackQueryHandler(open_or_close, pattern=r"^ph:[oc]:\d{1,12}:[a-z0-9_-]{1,32}$"))
    from bot.app import on_startup  # here, not at the top: bot.app imports this module

    on_startup(app, _rebuild)
