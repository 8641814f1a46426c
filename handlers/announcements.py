"""Announcements: a moderator messages the whole table; phase notices use the same queue.

The announcement and one 'pending' delivery per person are written first; a background job then sends
them within Telegram's limits (``bot.jobs.pacing``), marks each person sent, blocked or failed, and finally
tells the moderator how many received it. A restart finds the 'pending' rows and carries on.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.permissions import Action
from bot.domain.records import Dialogue
from bot.jobs import bulk
from handlers import flow
from handlers.callbacks import ANNOUNCE
from handlers.guard import Args, allowed, guarded_button
from handlers.tables import on_pick, pick_table, table_arg, table_name

log = logging.getLogger(__name__)
TEXT_LIMIT = 3000

announce_flow = flow.flow("announce", Action.ANNOUNCE_TO_TABLE)


# -- the moderator's side -----------------------------------------------------------------------------------

async def announce_command(update: Update, context: BotContext) -> None:
    """/announce: write a message to everyone at the table."""
    await pick_table(update, context, Action.ANNOUNCE_TO_TABLE, ANNOUNCE)


@on_pick(ANNOUNCE)
async def begin(update: Update, context: BotContext, table_id: int, args: Args = ()) -> None:
    await flow.begin(update, context, "announce", "text", {"table": table_id})


new_announcement = guarded_button(Action.ANNOUNCE_TO_TABLE, table_arg)(begin)


async def _read_text(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    table_id = int(dialogue.data["table"])
    if not await allowed(update, context, Action.ANNOUNCE_TO_TABLE, table_id):
        await flow.finish(context)
        return
    if not await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        return
    storage, workshop = context.storage, context.workshop
    table = await storage.working_table(table_id)
    people = [p for p in await storage.table_recipients(workshop.id, table_id) if p != context.person.id]
    spec = workshop.definition.table(table.code)
    await storage.queue_announcement(
        workshop.id, table_id, context.person.id, people, text=text, template="ann.delivered",
        params={"table": spec.name.model_dump() if spec else table.code, "text": text}, audit=True)
    await flow.finish(context)
    await context.reply(update, "ann.queued", count=len(people), table=table_name(context, table))
    bulk.kick(context.application)


@announce_flow.step("text", read=_read_text)
async def ask_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    table = await context.storage.working_table(int(dialogue.data["table"]))
    await context.reply(update, "ann.ask_text", table=table_name(context, table), limit=TEXT_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("announce", announce_command))
    app.add_handler(ANNOUNCE.handler(new_announcement))
