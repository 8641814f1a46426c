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

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import phases as phase_rules
from bot.domain.clock import day_and_time
from bot.domain.permissions import Action
from bot.domain.records import PhaseRow
from bot.jobs import scheduler
from handlers.callbacks import PHASE_CLOSE, PHASE_MENU, PHASE_OPEN
from handlers.guard import Args, guarded_button
from handlers.tables import on_pick, pick_table, table_arg, table_name

log = logging.getLogger(__name__)


# -- by hand -----------------------------------------------------------------------------------------------

async def phases_command(update: Update, context: BotContext) -> None:
    """/phases: open or close the table's phases."""
    await pick_table(update, context, Action.MODERATE_TABLE, PHASE_MENU)


def _table_phases(context: BotContext, rows: list[PhaseRow], table_id: int) -> list[PhaseRow]:
    return [p for p in phase_rules.effective(rows, table_id) if p.kind == "tables"]


def _phase_name(workshop, code: str, language: str) -> str:
    spec = next((p for p in workshop.definition.phases if p.id == code), None)
    return spec.name.get(language) if spec else code


@on_pick(PHASE_MENU)
async def phases_menu(update: Update, context: BotContext, table_id: int, args: Args = ()) -> None:
    rows = await context.storage.phases(context.workshop.id)
    table = await context.storage.working_table(table_id)
    current, zone = context.now(), context.workshop.definition.zone
    lines, buttons = [context.t("ph.menu_head", table=table_name(context, table))], []
    for phase in _table_phases(context, rows, table_id):
        name = _phase_name(context.workshop, phase.code, context.language)
        is_open = phase_rules.is_open(phase, current)
        lines.append(context.t("ph.menu_line", phase=name, open=is_open,
                               opens=day_and_time(phase.opens_at, zone),
                               closes=day_and_time(phase.closes_at, zone), zone=zone.key))
        route, label = (PHASE_CLOSE, "ph.btn_close") if is_open else (PHASE_OPEN, "ph.btn_open")
        buttons.append([route.button(context.label(label, phase=name), table_id, phase.code)])
    if not buttons:
        lines.append(context.t("ph.menu_none"))
    await context.say(update, "\n\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None)


@guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)
async def menu_button(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await phases_menu(update, context, table_id)


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def open_phase(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await _set_state(update, context, table_id, args[1], "open")


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def close_phase(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await _set_state(update, context, table_id, args[1], "closed")


async def _set_state(update: Update, context: BotContext, table_id: int, code: str, state: str) -> None:
    """Open or close one phase for this table only; the table is told, the agenda re-planned."""
    rows = await context.storage.phases(context.workshop.id)
    if code not in {p.code for p in _table_phases(context, rows, table_id)}:
        await context.reply(update, "ph.unknown")
        return
    await scheduler.set_phase_state(context.application, context.workshop.id, code, state, table_id,
                                    context.person.id)
    name = _phase_name(context.workshop, code, context.language)
    await context.reply(update, "ph.opened" if state == "open" else "ph.closed", phase=name)
    await phases_menu(update, context, table_id)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("phases", phases_command))
    app.add_handler(PHASE_MENU.handler(menu_button))
    app.add_handler(PHASE_OPEN.handler(open_phase))
    app.add_handler(PHASE_CLOSE.handler(close_phase))
