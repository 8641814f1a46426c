"""First contact: /start (with or without an invitation link), language, /help and /cancel."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.invitations import looks_like_token
from bot.i18n import LANGUAGE_NAMES, offered
from bot.jobs import guesses
from bot.storage import followup as followup_store
from handlers import flow, menus
from handlers.callbacks import LANGUAGE
from handlers.tables import asked_for_table

REFUSED_INVITATION = {"unknown", "revoked", "expired", "used_up"}


def languages(context: BotContext) -> list[str]:
    """What this person may choose: their workshop's languages (its file's order), or every one the bot speaks."""
    return offered(context.workshop.definition.languages if context.workshop else None,
                   context.services.settings.default_language)


def language_keyboard(context: BotContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[LANGUAGE.button(LANGUAGE_NAMES[code], code) for code in languages(context)]]
    )


async def refresh(context: BotContext) -> None:
    """Reload what the middleware knew, after this update changed it (a workshop joined, a language chosen)."""
    storage = context.storage
    context.person = await storage.person(context.person.id)
    workshop_id = context.person.current_workshop_id
    context.workshop = await storage.workshop(workshop_id) if workshop_id else None
    if context.workshop:
        context.membership = await storage.membership(workshop_id, context.person.id)
        context.roles = await storage.roles(workshop_id, context.person.id)


async def start(update: Update, context: BotContext) -> None:
    """Greets; joins the workshop of an invitation link; asks the language the first time.

    Someone who opened several links that match no invitation has their next ones checked only after a pause
    (``bot.jobs.guesses``), which holds up nobody else."""
    payload = context.args[0] if context.args else None
    if payload is None:
        await greet(update, context)
        return
    app, person_id = context.application, context.person.id
    admitted = guesses.admit(app, person_id)
    if admitted == guesses.REFUSED:
        await context.reply(update, "invite.slow_down")
        return
    if admitted == guesses.LATER:
        async def check() -> None:
            await refresh(context)  # what the person did while the link waited
            await open_invitation(update, context, payload)

        guesses.later(app, update, person_id, check)
        return
    await open_invitation(update, context, payload)


async def open_invitation(update: Update, context: BotContext, payload: str) -> None:
    """Join the workshop of the invitation ``payload`` names, then greet; a link that matches none is counted."""
    if not looks_like_token(payload):
        outcome, invitation = "unknown", None
    else:
        outcome, invitation = await context.storage.redeem_invitation(payload, context.person.id)
    if outcome in REFUSED_INVITATION:
        if outcome == "unknown":
            guesses.wrong(context.application, context.person.id)
        await context.reply(update, f"invite.{outcome}")
        return
    await refresh(context)
    await update_menu(context)
    role = context.label(f"roles.{invitation.role}")
    await context.reply(update, "invite.joined", workshop=context.workshop.definition.title.get(context.language),
                        role=role)
    await greet(update, context)


async def greet(update: Update, context: BotContext) -> None:
    """The language the first time (in both languages; someone in no workshop is first told how to join),
    then whatever comes next."""
    if context.person.language is None:
        texts = context.texts
        stranger = context.workshop is None or context.membership is None
        intro = [texts.html(lang, "start.stranger") for lang in languages(context)] if stranger else []
        asked = [texts.html(lang, "start.choose_language") for lang in languages(context)]
        await context.say(update, "\n".join(intro + asked), language_keyboard(context))
        return
    await onboard(update, context)


async def onboard(update: Update, context: BotContext) -> None:
    """The next thing this person needs: an invitation, registration, a table, or the menu."""
    if context.workshop is None:
        await context.reply(update, "start.no_workshop", name=context.person.first_name or "")
        return
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is not None and await flow.ask_again(update, context, dialogue):
        return
    if context.membership is None or not context.membership.registered:
        await flow.hand_over(update, context, "register")
        return
    if await asked_for_table(context):
        await flow.hand_over(update, context, "choose_table")
        return
    await context.reply(update, "start.welcome_back", name=context.membership.full_name,
                        workshop=context.workshop.definition.title.get(context.language))
    await show_help(update, context)


async def choose_language(update: Update, context: BotContext) -> None:
    """Stores the language; whatever the person was in the middle of continues in it."""
    query = update.callback_query
    (code,) = LANGUAGE.parse(query.data)
    if code not in languages(context):
        await query.answer(context.label("common.stale_button"))
        return
    first_time = context.person.language is None
    await context.storage.set_language(context.person.id, code)
    context.language = code
    await refresh(context)
    await update_menu(context)
    await query.answer()
    await flow.show_choice(query)  # the question keeps its text, the chosen language in place of its buttons
    await context.reply(update, "start.language_set", language=LANGUAGE_NAMES[code])
    if first_time:
        await onboard(update, context)
        return
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is not None:
        await flow.ask_again(update, context, dialogue)


async def language(update: Update, context: BotContext) -> None:
    """/language: offers the languages of the workshop."""
    await context.reply(update, "start.choose_language", language_keyboard(context))


async def update_menu(context: BotContext) -> None:
    """A staff member's own command menu, in their language, and a focal point's (someone reporting on a
    commitment, or about to: they opened its invitation). Joining or changing language never takes a role away,
    so participants (the many) cost no extra call to Telegram here."""
    roles = role_names(context)
    if context.workshop is not None:
        roles = await menus.with_focal_point(context.storage, context.workshop.id, context.person.id, roles)
    if roles & set(menus.ROLE_MENUS):
        await menus.set_personal_menu(context.bot, context.texts, context.person.telegram_id, roles,
                                      context.language)


def role_names(context: BotContext) -> set[str]:
    return {role.role for role in context.roles}


async def show_help(update: Update, context: BotContext) -> None:
    """/help: what this person can do here, by role."""
    if context.workshop is None:
        await context.reply(update, "help.newcomer")
        return
    parts = [context.t("help.participant")]
    roles = role_names(context)
    for role in ("rapporteur", "moderator", "secretariat", "translator"):
        if role in roles:
            parts.append(context.t(f"help.{role}"))
    if await followup_store.reports(context.storage, context.workshop.id, context.person.id):
        parts.append(context.t("help.focal_point"))
    parts.append(context.t("help.always"))
    await context.say(update, "\n\n".join(parts))


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel: leaves the current guided conversation; nothing already sent is touched."""
    ended = await flow.cancel(context)
    await context.reply(update, "common.cancelled" if ended else "common.nothing_to_cancel")


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", show_help))
    app.add_handler(CommandHandler("language", language))
    app.add_handler(CommandHandler("cancel", cancel))
    app.add_handler(LANGUAGE.handler(choose_language))
