"""/profile, /forget and /table: what the bot keeps about a person, and their table.

Showing is stateless; only an edit opens a short guided conversation ("profile"), so looking at one's
profile never disturbs an item being written.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.membership import FIELD_LIMIT, NAME_LIMIT, ROLE_CREDITS
from bot.domain.permissions import may_choose_role_credit
from bot.domain.records import Dialogue
from bot.i18n import LANGUAGE_NAMES
from bot.jobs import groups as group_jobs
from handlers import flow
from handlers.callbacks import FORGET_NO, FORGET_YES, PROFILE_EDIT
from handlers.flow import button, go, keyboard
from handlers.guard import member_ready, seat
from handlers.tables import asked_for_table
from handlers.views import answer_query

EDITABLE = ("name", "affiliation", "institution", "position")
_LIMITS = {"name": NAME_LIMIT, "other": NAME_LIMIT,
           "institution": FIELD_LIMIT, "position": FIELD_LIMIT}
_COLUMNS = {"name": "full_name", "other": "other_affiliation", "institution": "institution", "position": "position"}

profile_flow = flow.flow("profile")


# -- /profile --------------------------------------------------------------------------------------------


async def show_profile(update: Update, context: BotContext) -> None:
    """/profile: the data kept about the person, with a button per field they can correct."""
    if not await member_ready(update, context):
        return
    m, definition, lang = context.membership, context.workshop.definition, context.language
    table = None
    if m.table_id is not None:
        stored = await context.storage.working_table(m.table_id)
        spec = definition.table(stored.code) if stored else None
        table = spec.name.get(lang) if spec else None
    text = context.t("profile.show", name=m.full_name or "", institution=m.institution or "",
                     position=m.position or "", language=LANGUAGE_NAMES.get(context.language, context.language),
                     affiliation=context.affiliation(m.country, m.organisation, m.other_affiliation) or "",
                     table=table or context.label("profile.no_table"))
    buttons = [PROFILE_EDIT.button(context.label(f"profile.edit_{name}"), name) for name in EDITABLE]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    if may_choose_role_credit(context.roles):
        text += "\n" + context.t("rolecredit.line", credit=_role_credit(context))
        rows.append([PROFILE_EDIT.button(context.label("rolecredit.edit"), "credit")])
    await context.say(update, text, InlineKeyboardMarkup(rows))


def _role_credit(context: BotContext) -> str:
    """How the roadmap credits this person's role today, in their words (the default: whom they speak for)."""
    m = context.membership
    affiliation = context.affiliation(m.country, m.organisation, m.other_affiliation) or ""
    if m.role_credit == "named" and m.full_name:
        return context.label("rolecredit.by_name", name=m.full_name)
    return context.label("rolecredit.by_affiliation", affiliation=affiliation)


async def edit_field(update: Update, context: BotContext) -> None:
    """A field button of /profile: opens the small conversation that asks for the new value."""
    (name,) = PROFILE_EDIT.parse(update.callback_query.data)
    allowed = name in EDITABLE or (name == "credit" and may_choose_role_credit(context.roles))
    if not allowed or context.membership is None or not context.membership.registered:
        await answer_query(update, context, "common.stale_button")
        return
    await answer_query(update, context)
    await flow.begin(update, context, "profile", name, replaces=("profile",))


def _typed(name: str):
    async def read(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
        text = text.strip()
        if not await flow.acceptable(update, context, dialogue, text, _LIMITS[name]):
            return
        changes = {_COLUMNS[name]: text}
        if name == "other":
            changes.update(country=None, organisation=None)
        await _save(update, context, **changes)

    return read


async def _save(update: Update, context: BotContext, **changes: str | None) -> None:
    """Write the change, close the conversation, show the profile as it is now."""
    storage, workshop_id, person_id = context.storage, context.workshop.id, context.person.id
    await storage.update_membership(workshop_id, person_id, **changes)
    await flow.finish(context)
    context.membership = await storage.membership(workshop_id, person_id)
    await context.reply(update, "profile.saved")
    await show_profile(update, context)


@profile_flow.step("name", read=_typed("name"))
async def ask_name(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "profile.ask_name", limit=_LIMITS["name"])


@profile_flow.step("institution", read=_typed("institution"))
async def ask_institution(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "profile.ask_institution", limit=_LIMITS["institution"])


@profile_flow.step("position", read=_typed("position"))
async def ask_position(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "profile.ask_position", limit=_LIMITS["position"])


@profile_flow.step("other", read=_typed("other"))
async def ask_other(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "profile.ask_other", limit=_LIMITS["other"])


async def _affiliation_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    definition = context.workshop.definition
    kind, _, ident = value.partition(":")
    if kind == "c" and definition.country(ident):
        await _save(update, context, country=ident, organisation=None, other_affiliation=None)
    elif kind == "o" and definition.organisation(ident):
        await _save(update, context, country=None, organisation=ident, other_affiliation=None)
    elif kind == "x":
        await go(update, context, "profile", "other", dialogue.data)
    else:
        await flow.ask_again(update, context, dialogue)


@profile_flow.step("affiliation", press=_affiliation_chosen)
async def ask_affiliation(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    definition, lang = context.workshop.definition, context.language
    buttons = [button(c.name.get(lang), "profile", "affiliation", f"c:{c.id}") for c in definition.countries]
    buttons += [button(o.name.get(lang)[:60], "profile", "affiliation", f"o:{o.id}")
                for o in definition.organisations]
    buttons.append(button(context.label("reg.other_button"), "profile", "affiliation", "x"))
    await context.reply(update, "profile.ask_affiliation", keyboard(buttons, columns=2))


async def _role_credit_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    """Store the choice; the role is checked again, since it may have been taken away since the question."""
    if value not in ROLE_CREDITS or not may_choose_role_credit(context.roles):
        await flow.finish(context)
        await context.reply(update, "common.stale_button")
        return
    await context.storage.set_role_credit(context.workshop.id, context.person.id, value)
    await flow.finish(context)
    context.membership = await context.storage.membership(context.workshop.id, context.person.id)
    await context.reply(update, "profile.saved")
    await show_profile(update, context)


@profile_flow.step("credit", press=_role_credit_chosen)
async def ask_role_credit(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """How a moderator, rapporteur or the secretariat's member is credited for the role: asked of staff only,
    since participants choose item by item; the default (never asked) is their country or organisation."""
    buttons = [button(context.label(f"rolecredit.choice_{choice}"), "profile", "credit", choice)
               for choice in ROLE_CREDITS]
    await context.reply(update, "rolecredit.ask", keyboard(buttons), credit=_role_credit(context))


# -- /forget ---------------------------------------------------------------------------------------------


async def forget(update: Update, context: BotContext) -> None:
    """/forget: says what will be erased and what stays, and asks for a confirmation."""
    if not await member_ready(update, context):
        return
    markup = InlineKeyboardMarkup([[
        FORGET_YES.button(context.label("profile.forget_yes")),
        FORGET_NO.button(context.label("profile.forget_no")),
    ]])
    await context.reply(update, "profile.forget_confirm", markup)


async def forget_answer(update: Update, context: BotContext) -> None:
    """Erase the personal data (items stay, now anonymous), or keep everything."""
    erase = FORGET_YES.matches(update.callback_query.data)
    if context.membership is None or not context.membership.registered:
        await answer_query(update, context, "common.stale_button")
        return
    await answer_query(update, context)
    if not erase:
        await context.reply(update, "profile.forget_kept")
        return
    # the groups they may still be in, asked before the erasure (issue 16: told they can leave them)
    left_behind = await group_jobs.groups_left_behind(context.application, context.workshop.id,
                                                      context.person.id, seat(context))
    await context.storage.forget_member(context.workshop.id, context.person.id)
    await context.reply(update, "profile.forgotten")
    if left_behind:
        await context.reply(update, "leave.groups", titles=[g.title for g in left_behind])


# -- /table ----------------------------------------------------------------------------------------------


async def show_table(update: Update, context: BotContext) -> None:
    """/table: the table, its level, its moderators and rapporteur; without a table, the choice of one."""
    if not await member_ready(update, context):
        return
    table_id = seat(context)
    if table_id is None:
        if await asked_for_table(context):
            if not await flow.busy(update, context, replaces=("table",)):
                await flow.hand_over(update, context, "choose_table")
            return
        await context.reply(update, "profile.no_table_here")
        return
    definition, lang = context.workshop.definition, context.language
    stored = await context.storage.working_table(table_id)
    spec = definition.table(stored.code)
    level = definition.level(stored.level)
    people = await context.storage.table_people(context.workshop.id, table_id)
    moderators = [name for role, name in people if role == "moderator" and name]
    moderators += [name for name in (spec.moderators if spec else []) if name not in moderators]
    rapporteur = next((name for role, name in people if role == "rapporteur" and name), None)
    await context.reply(
        update, "profile.table",
        table=spec.name.get(lang) if spec else stored.code, level=level.name.get(lang) if level else stored.level,
        members=stored.members, capacity=stored.capacity,
        moderators=", ".join(moderators) or context.label("profile.nobody_yet"),
        rapporteur=rapporteur or context.label("profile.nobody_yet"),
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler("profile", show_profile))
    app.add_handler(CommandHandler("forget", forget))
    app.add_handler(CommandHandler("table", show_table))
    app.add_handler(PROFILE_EDIT.handler(edit_field))
    app.add_handler(FORGET_YES.handler(forget_answer))
    app.add_handler(FORGET_NO.handler(forget_answer))
