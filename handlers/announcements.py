"""Announcements: a moderator messages the whole table; the secretariat broadcasts to everyone, one table or one
role; phase notices use the same queue.

The announcement and one 'pending' delivery per person are written first; a background job then sends
them within Telegram's limits (``bot.jobs.pacing``), marks each person sent, blocked or failed, and finally
tells whoever wrote it how many received it. A restart finds the 'pending' rows and carries on, and never
sends again what the stopped process was handing to Telegram (``bot.jobs.bulk.resume``).

A broadcast is previewed before it goes: the secretariat sees the message exactly as its readers will get
it (rendered by the sender's own function, once in each language its readers read), and how many they are.
The preview carries a key that is stored with the message it queues: if the bot stops between queueing it and
ending the conversation, the "Send" that comes again (redelivered, or pressed again) queues nothing more.
"""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.permissions import Action
from bot.domain.records import Dialogue
from bot.i18n import called, offered, resolve_language
from bot.jobs import bulk, groups
from bot.storage.broadcasts import BROADCAST_ROLES, Recipient
from handlers import flow
from handlers.callbacks import ANNOUNCE
from handlers.guard import Args, allowed, guarded_button
from handlers.tables import on_pick, pick_table, table_arg, table_in_workshop, table_name

log = logging.getLogger(__name__)
TEXT_LIMIT = 3000

announce_flow = flow.flow("announce", Action.ANNOUNCE_TO_TABLE)
broadcast_flow = flow.flow("broadcast", Action.MANAGE_WORKSHOP)
BROADCAST = "broadcast"


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
    await groups.announcement(context.application, workshop.id, table_id, text)  # and in the table's group


@announce_flow.step("text", read=_read_text)
async def ask_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    table = await context.storage.working_table(int(dialogue.data["table"]))
    await context.reply(update, "ann.ask_text", table=table_name(context, table), limit=TEXT_LIMIT)


# -- the secretariat's broadcasts ----------------------------------------------------------------------------

async def broadcast_command(update: Update, context: BotContext) -> None:
    """/broadcast: a message from the secretariat to everyone, one table or one role; previewed, then sent."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    await flow.begin(update, context, BROADCAST, "audience", {})


async def ask_audience(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    buttons = [flow.button(context.label("bc.to_all"), BROADCAST, "audience", "all")]
    buttons += [flow.button(context.label("bc.to_table", table=table_name(context, t)), BROADCAST, "audience",
                            f"table-{t.id}") for t in await context.storage.working_tables(context.workshop.id)]
    buttons += [flow.button(context.label(f"bc.to_{role}"), BROADCAST, "audience", role) for role in BROADCAST_ROLES]
    await context.reply(update, "bc.ask_audience", flow.keyboard(buttons, 2))


async def _press_audience(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    """Stores whom the message is for (a table only if it is one of this workshop's), then asks for the text."""
    if value.startswith("table-") and value[6:].isdigit():
        table = await table_in_workshop(context, int(value[6:]))
        if table is None:
            await flow.ask_again(update, context, dialogue)
            return
        chosen = {"audience": "table", "table": table.id}
    elif value == "all" or value in BROADCAST_ROLES:
        chosen = {"audience": value}
    else:
        await flow.ask_again(update, context, dialogue)
        return
    await flow.go(update, context, BROADCAST, "text", chosen)


broadcast_flow.step("audience", press=_press_audience)(ask_audience)


async def _read_broadcast_text(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if not await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        return
    # The preview's key, stored with the message it queues: a second "Send" of this preview sends nothing.
    await flow.go(update, context, BROADCAST, "preview", {**dialogue.data, "text": text,
                                                          "key": secrets.token_urlsafe(12)})


@broadcast_flow.step("text", read=_read_broadcast_text)
async def ask_broadcast_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "bc.ask_text", audience=await _audience_label(context, dialogue.data, context.language),
                        limit=TEXT_LIMIT)


async def _audience_label(context: BotContext, data: dict, language: str) -> str:
    """Whom the message is for, in ``language``: what the readers see under the secretariat's name."""
    if data["audience"] == "table":
        table = await context.storage.working_table(int(data["table"]))
        spec = context.workshop.definition.table(table.code) if table else None
        name = spec.name.get(language) if spec else (table.code if table else "")
        return context.texts.plain(language, "bc.to_table", table=name)
    return context.texts.plain(language, f"bc.to_{data['audience']}")


async def _recipients(context: BotContext, data: dict) -> list[Recipient]:
    """Who the message reaches now, the secretariat member writing it left out (they saw the preview)."""
    table_id = int(data["table"]) if data["audience"] == "table" else None
    found = await context.storage.broadcast_recipients(context.workshop.id, data["audience"], table_id)
    return [r for r in found if r.person_id != context.person.id]


async def _params(context: BotContext, data: dict) -> dict:
    return {"audience": {lang: await _audience_label(context, data, lang)
                         for lang in offered(context.workshop.definition.languages)},
            "text": data["text"]}


async def _press_preview(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    """``send``: queued for everyone it reaches now, the sender told how many received it at the end;
    ``rewrite``: back to the text."""
    if value == "rewrite":
        await flow.go(update, context, BROADCAST, "text",
                      {k: v for k, v in dialogue.data.items() if k not in ("text", "key")})
        return
    if value != "send" or not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    data = dialogue.data
    key = data.get("key")
    queued = await context.storage.queued_for(key) if key else None
    if queued is not None:  # queued already, by a process that stopped before it could end the conversation
        await flow.finish(context)
        await context.reply(update, "bc.already_queued", count=queued[1],
                            audience=await _audience_label(context, data, context.language))
        return
    people = [r.person_id for r in await _recipients(context, data)]
    await context.storage.queue_announcement(
        context.workshop.id, data.get("table"), context.person.id, people, text=data["text"],
        template="bc.delivered", params=await _params(context, data), audit=True, audit_action="broadcast",
        audit_details={"audience": data["audience"]}, request_key=key)
    await flow.finish(context)
    await context.reply(update, "bc.queued", count=len(people),
                        audience=await _audience_label(context, data, context.language))
    bulk.kick(context.application)


@broadcast_flow.step("preview", press=_press_preview)
async def show_preview(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The message once in each language its readers read, exactly as the sender will render it for them."""
    recipients = await _recipients(context, dialogue.data)
    definition = context.workshop.definition
    languages = sorted({resolve_language(r.language, r.telegram_language, definition.default_language,
                                         definition.languages) for r in recipients}) or [context.language]
    params = await _params(context, dialogue.data)
    for language in languages:
        await context.say(update, bulk.render_in(context.services, language, "bc.delivered", params))
    buttons = [flow.button(context.label("bc.btn_send", count=len(recipients)), BROADCAST, "preview", "send")] \
        if recipients else []
    buttons.append(flow.button(context.label("bc.btn_rewrite"), BROADCAST, "preview", "rewrite"))
    await context.reply(update, "bc.preview", flow.keyboard(buttons), count=len(recipients),
                        audience=await _audience_label(context, dialogue.data, context.language),
                        languages=", ".join(_in_language(context, lang) for lang in languages))


def _in_language(context: BotContext, language: str) -> str:
    """"en español", "in English": the texts' own words where they have them, else Babel's name of the language
    (a third language the workshop's content folder brings)."""
    key = f"bc.language_{language}"
    if key in context.texts.all_keys:
        return context.label(key)
    return called(language, context.language)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("broadcast", broadcast_command))
    app.add_handler(CommandHandler("announce", announce_command))
    app.add_handler(ANNOUNCE.handler(new_announcement))
