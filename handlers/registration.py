"""Registration: name, country or organisation, institution, position, the data notice; then a table.

Each answer is written to the dialogue before the next question is asked, and the profile lands in one
transaction once the notice is accepted, so a registration is either complete or not there at all.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from bot.context import BotContext
from bot.domain.membership import FIELD_LIMIT, NAME_LIMIT, asks_affiliation
from bot.domain.records import Dialogue
from bot.jobs import groups as group_jobs
from bot.storage import followup as followup_store
from handlers import flow
from handlers.flow import button, go, keyboard
from handlers.tables import asked_for_table

reg = flow.flow("reg")
table_flow = flow.flow("table")


@flow.entry("register")
async def begin(update: Update, context: BotContext) -> None:
    await context.reply(update, "reg.intro", workshop=context.workshop.definition.title.get(context.language))
    await go(update, context, "reg", "name")


def _texted(field: str, limit: int, next_step: str):
    """A step that stores typed text under ``field`` (bounded) and moves on; a translator goes from the name
    straight to the data notice (``membership.asks_affiliation``)."""

    async def read(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
        text = text.strip()
        if not await flow.acceptable(update, context, dialogue, text, limit):
            return
        step = next_step if next_step != "affiliation" or asks_affiliation(context.roles) else "consent"
        await go(update, context, "reg", step, {**dialogue.data, field: text})

    return read


async def _affiliation_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    definition = context.workshop.definition
    kind, _, ident = value.partition(":")
    data = {**dialogue.data, "country": None, "organisation": None, "other_affiliation": None}
    if kind == "c" and definition.country(ident):
        await go(update, context, "reg", "institution", {**data, "country": ident})
    elif kind == "o" and definition.organisation(ident):
        await go(update, context, "reg", "institution", {**data, "organisation": ident})
    elif kind == "x":
        await go(update, context, "reg", "other", data)
    else:
        await flow.ask_again(update, context, dialogue)


async def _consent_given(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    storage = context.storage
    workshop_id, person_id = context.workshop.id, context.person.id
    if value != "yes":
        await flow.finish(context)
        await context.reply(update, "reg.declined")
        return
    await storage.complete_registration(workshop_id, person_id, dialogue.data)
    await flow.finish(context)
    context.membership = await storage.membership(workshop_id, person_id)
    await context.reply(update, "reg.done", name=dialogue.data.get("full_name", ""))
    if await followup_store.invited_to_report(storage, workshop_id, person_id):
        await flow.hand_over(update, context, "followup_welcome")  # a focal point: no table, their commitments
    elif await asked_for_table(context):
        await ask_table(update, context)
    else:
        await context.reply(update, "reg.next_help")


@reg.step("name", read=_texted("full_name", NAME_LIMIT, "affiliation"))
async def ask_name(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reg.ask_name", limit=NAME_LIMIT)


@reg.step("affiliation", press=_affiliation_chosen)
async def ask_affiliation(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    definition, lang = context.workshop.definition, context.language
    buttons = [button(c.name.get(lang), "reg", "affiliation", f"c:{c.id}") for c in definition.countries]
    buttons += [button(o.name.get(lang)[:60], "reg", "affiliation", f"o:{o.id}") for o in definition.organisations]
    buttons.append(button(context.label("reg.other_button"), "reg", "affiliation", "x"))
    await context.reply(update, "reg.ask_affiliation", keyboard(buttons, columns=2))


@reg.step("other", read=_texted("other_affiliation", NAME_LIMIT, "institution"))
async def ask_other(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reg.ask_other", limit=NAME_LIMIT)


@reg.step("institution", read=_texted("institution", FIELD_LIMIT, "position"))
async def ask_institution(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reg.ask_institution", limit=FIELD_LIMIT)


@reg.step("position", read=_texted("position", FIELD_LIMIT, "consent"))
async def ask_position(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "reg.ask_position", limit=FIELD_LIMIT)


@reg.step("consent", press=_consent_given)
async def ask_consent(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    markup = keyboard([button(context.label("reg.accept"), "reg", "consent", "yes"),
                       button(context.label("reg.decline"), "reg", "consent", "no")], columns=2)
    await context.reply(update, "reg.notice", markup)


@flow.entry("choose_table")
async def ask_table(update: Update, context: BotContext) -> None:
    await go(update, context, "table", "choose")


async def _table_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    storage, workshop = context.storage, context.workshop
    table_id = int(value) if value.isdigit() else -1
    tables = {t.id: t for t in await storage.working_tables(workshop.id)}
    if table_id not in tables:
        await flow.ask_again(update, context, dialogue)
        return
    seated_at = context.membership.table_id if context.membership else None  # a moderator may have seated them
    if not await storage.set_table(workshop.id, context.person.id, table_id):
        await context.reply(update, "table.full")
        await flow.ask_again(update, context, dialogue)
        return
    await flow.finish(context)
    table = tables[table_id]
    definition = workshop.definition
    await context.reply(update, "table.joined", table=definition.table(table.code).name.get(context.language),
                        level=definition.level(table.level).name.get(context.language))
    if seated_at is not None and seated_at != table_id:  # re-seated: the old table's group is no longer theirs
        await group_jobs.reseated(context.application, workshop.id, context.person.id, seated_at, table_id)


@table_flow.step("choose", press=_table_chosen)
async def show_tables(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    definition, lang = context.workshop.definition, context.language
    buttons = []
    for table in await context.storage.working_tables(context.workshop.id):
        spec = definition.table(table.code)
        level = definition.level(table.level)
        label = context.label("table.button", table=spec.name.get(lang) if spec else table.code,
                              level=level.name.get(lang) if level else table.level, free=table.free_places)
        buttons.append(button(label, "table", "choose", str(table.id)))
    await context.reply(update, "table.choose", keyboard(buttons))


def register(app: Application) -> None:
    """Registration has no commands of its own: /start leads into it, the flow router drives it."""
