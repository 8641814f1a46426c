"""The secretariat: invitations, progress, the roadmap PDF, per-table minutes, data exports, and closing.

Every command and every button asks ``handlers.guard`` again (buttons can be forged), documents are built off
the event loop, and the final roadmap goes to every participant in the background, paced within Telegram's limits.
"""

from __future__ import annotations

import io
import logging

import segno
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import phases as phase_rules
from bot.domain.invitations import invitation_link, new_token
from bot.domain.permissions import Action
from bot.i18n import LANGUAGE_NAMES, offered
from bot.jobs import documents, guesses, reading_follow, scheduler, sendout
from handlers import callbacks
from handlers.callbacks import REPORT_EXPORT, REPORT_MINUTES, REPORT_ROADMAP
from handlers.guard import allowed

log = logging.getLogger(__name__)


def _buttons(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data) for text, data in row]
                                 for row in rows])


def _languages(context: BotContext) -> list[str]:
    """The editions a document comes in: the workshop's languages, as its file lists them."""
    return offered(context.workshop.definition.languages if context.workshop else None)


async def ask_roadmap(update: Update, context: BotContext) -> None:
    """/roadmap: which language."""
    if not await allowed(update, context, Action.DOWNLOAD_REPORTS, None):
        return
    await context.reply(update, "sec.roadmap_language", _buttons(
        [[(LANGUAGE_NAMES[lang], REPORT_ROADMAP.data(lang)) for lang in _languages(context)]]))


async def ask_minutes(update: Update, context: BotContext) -> None:
    """/minutes: which table, in which language."""
    if not await allowed(update, context, Action.DOWNLOAD_REPORTS, None):
        return
    definition = context.workshop.definition
    rows = [[(f"{t.name.get(lang)} · {lang.upper()}", REPORT_MINUTES.data(t.id, lang))
             for lang in _languages(context)] for t in definition.tables]
    await context.reply(update, "sec.minutes_table", _buttons(rows))


async def ask_export(update: Update, context: BotContext) -> None:
    """/export: which format."""
    if not await allowed(update, context, Action.DOWNLOAD_REPORTS, None):
        return
    await context.reply(update, "sec.export_format", _buttons(
        [[(f"{form.upper()} · {lang.upper()}", REPORT_EXPORT.data(form, lang)) for lang in _languages(context)]
         for form in documents.EXPORTS]))


async def deliver(update: Update, context: BotContext) -> None:
    """Build the document asked for and send it; the role is checked again, buttons can be forged."""
    query = update.callback_query
    if not await allowed(update, context, Action.DOWNLOAD_REPORTS, None):
        return
    pressed, args = callbacks.decode(query.data)
    storage, workshop = context.storage, context.workshop
    table = value = None
    if pressed is REPORT_MINUTES:
        table, language = args
        valid = workshop.definition.table(table) is not None and language in _languages(context)
    elif pressed is REPORT_EXPORT:
        value, language = args
        valid = value in documents.EXPORTS and language in _languages(context)
    else:
        (language,) = args
        valid = language in _languages(context)
    if not valid:
        await query.answer(context.label("common.stale_button"))
        return
    await query.answer()
    await context.reply(update, "sec.preparing")
    await context.bot.send_chat_action(update.effective_chat.id, ChatAction.UPLOAD_DOCUMENT)
    if pressed is REPORT_ROADMAP:
        document = await documents.roadmap(storage, workshop.id, language)
    elif pressed is REPORT_MINUTES:
        document = await documents.minutes(storage, workshop.id, table, language)
    else:
        document = await documents.export(storage, workshop.id, value, language)
    await context.bot.send_document(update.effective_chat.id, document.content, filename=document.file_name,
                                    caption=context.label("sec.document_caption", name=document.file_name))


async def invite(update: Update, context: BotContext) -> None:
    """/invite: fresh links for participants, for each table's moderators and for translators, and a QR code
    to print."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    storage, workshop = context.storage, context.workshop
    username = context.bot.username
    participant = await storage.create_invitation(workshop.id, new_token(), "participant")
    lines = [context.t("sec.invite_participants", link=invitation_link(username, participant.token))]
    for table in await storage.working_tables(workshop.id):
        created = await storage.create_invitation(workshop.id, new_token(), "moderator", table.id, max_uses=2)
        name = workshop.definition.table(table.code).name.get(context.language)
        lines.append(context.t("sec.invite_moderators", table=name, link=invitation_link(username, created.token)))
    translator = await storage.create_invitation(workshop.id, new_token(), "translator")
    lines.append(context.t("tr.invite_translators", link=invitation_link(username, translator.token)))
    lines.append(context.t("sec.invite_revoke"))
    await context.say(update, "\n\n".join(lines))
    qr = io.BytesIO()
    segno.make(invitation_link(username, participant.token), error="m").save(qr, kind="png", scale=8, border=2)
    await context.bot.send_photo(update.effective_chat.id, qr.getvalue(), caption=context.label("sec.qr_caption"))


async def revoke(update: Update, context: BotContext) -> None:
    """/revoke TOKEN: the link stops working at once; people who joined with it stay."""
    # Still possible once the workshop is closed: a link taken back changes nothing of the final roadmap.
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    token = (context.args or [""])[0].rsplit("start=", 1)[-1]
    ours = {i.token for i in await context.storage.invitations(context.workshop.id)}
    revoked = token in ours and await context.storage.revoke_invitation(token)
    await context.reply(update, "sec.revoked" if revoked else "sec.revoke_unknown")


async def progress(update: Update, context: BotContext) -> None:
    """/progress: how many people and items, the level x dimension map of what has come in, and the invitation
    links that matched no invitation in the last hour."""
    if not await allowed(update, context, Action.DOWNLOAD_REPORTS, None):
        return
    definition, lang = context.workshop.definition, context.language
    counts = await context.storage.progress_counts(context.workshop.id)
    lines = [context.t("sec.progress_head", people=counts["people"], challenges=counts["challenge"],
                       practices=counts["good_practice"], recommendations=counts["recommendation"])]
    for level in definition.levels:
        cells = [f"{d.name.get(lang)} {counts['cells'].get((level.id, d.id), 0)}" for d in definition.dimensions]
        lines.append(context.t("sec.progress_row", level=level.name.get(lang), cells=" · ".join(cells)))
    links, people = guesses.last_hour(context.application)  # someone guessing links shows here
    lines.append("\n" + context.t("sec.progress_guesses", links=links, people=people))
    await context.say(update, "\n".join(lines))


async def ask_close(update: Update, context: BotContext) -> None:
    """/close: ends the joint reading; the roadmap becomes final and goes to every participant."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    await context.reply(update, "sec.close_confirm", _buttons([[(context.label("sec.close_yes"),
                                                                 callbacks.CLOSE_WORKSHOP.data())]]))


async def close(update: Update, context: BotContext) -> None:
    """Not refused as closed: closing twice is answered by the store ("already closed"), once."""
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    await query.answer()
    if not await context.storage.close_workshop(context.workshop.id, context.person.id):
        await context.reply(update, "sec.already_closed")
        return
    await context.reply(update, "sec.closing")
    await scheduler.reschedule(context.application)  # the closed workshop's agenda jobs are dropped
    sendout.start(context.application, context.workshop.id)
    reading_follow.decided(context.application, context.workshop.id)  # followers of a reading cut short are told


async def show_agenda(update: Update, context: BotContext) -> None:
    """/agenda: the workshop-wide phases (Annex I, mapping, plenary, joint reading), opened and closed by hand.

    Table work is opened per table by its moderators (/phases); these phases concern everyone.
    """
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    definition, lang = context.workshop.definition, context.language
    rows = [p for p in await context.storage.phases(context.workshop.id) if p.table_id is None]
    current = context.now()
    lines, buttons = [context.t("sec.agenda_head")], []
    for phase in rows:
        spec = next((p for p in definition.phases if p.id == phase.code), None)
        name = spec.name.get(lang) if spec else phase.code
        open_now = phase_rules.is_open(phase, current)
        lines.append(context.t("sec.agenda_line", phase=name, open=open_now))
        if phase.kind != "tables":
            route, key = (callbacks.AGENDA_CLOSE, "sec.agenda_close") if open_now \
                else (callbacks.AGENDA_OPEN, "sec.agenda_open")
            buttons.append([route.button(context.label(key, phase=name)[:60], phase.code)])
    await context.say(update, "\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None)


async def agenda_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    pressed, (code,) = callbacks.decode(query.data)
    rows = {p.code: p for p in await context.storage.phases(context.workshop.id) if p.table_id is None}
    if code not in rows or rows[code].kind == "tables":
        await query.answer(context.label("common.stale_button"))
        return
    await query.answer()
    await scheduler.set_phase_state(context.application, context.workshop.id, code,
                                    "open" if pressed is callbacks.AGENDA_OPEN else "closed", None, context.person.id)
    await show_agenda(update, context)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("roadmap", ask_roadmap))
    app.add_handler(CommandHandler("minutes", ask_minutes))
    app.add_handler(CommandHandler("export", ask_export))
    app.add_handler(CommandHandler("invite", invite))
    app.add_handler(CommandHandler("revoke", revoke))
    app.add_handler(CommandHandler("progress", progress))
    app.add_handler(CommandHandler("close", ask_close))
    app.add_handler(CommandHandler("agenda", show_agenda))
    for route in (callbacks.AGENDA_OPEN, callbacks.AGENDA_CLOSE):
        app.add_handler(route.handler(agenda_button))
    for route in (REPORT_ROADMAP, REPORT_MINUTES, REPORT_EXPORT):
        app.add_handler(route.handler(deliver))
    app.add_handler(callbacks.CLOSE_WORKSHOP.handler(close))
