"""/workshop: one bot, several workshops. Whoever is in more than one chooses which one their messages go to.

What someone sends, what ``/mine``, ``/roadmap`` or ``/mod`` show, and which roles count are always those of the
person's current workshop (``people.current_workshop_id``, read by ``handlers.middleware.load_person``); opening an
invitation of another workshop moves them there, and this command moves them back. A closed workshop is archived:
it is listed as such, and choosing it still lets one read and download (every change is refused by the guard, as
in any closed workshop). The current workshop's programme (the agenda of its file) is shown with the list.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.records import StoredWorkshop
from handlers import flow, menus
from handlers.callbacks import WORKSHOP_CHOOSE
from handlers.guard import answer_once

TITLE_WIDTH = 56   # characters of a workshop's title on its button


def _line(context: BotContext, workshop: StoredWorkshop, current: bool) -> str:
    definition, lang = workshop.definition, context.language
    return context.t("workshops.line_current" if current else "workshops.line",
                     title=definition.title.get(lang), place=definition.place.get(lang),
                     start=definition.start_date.isoformat(), end=definition.end_date.isoformat(),
                     archived=workshop.archived)


def _programme(context: BotContext, workshop: StoredWorkshop) -> list[str]:
    """The agenda's entries of the workshop file, day by day; none when the file lists none."""
    agenda = workshop.definition.agenda
    if not agenda:
        return []
    lines = [context.t("workshops.programme")]
    for entry in sorted(agenda, key=lambda e: (e.day, e.start)):
        lines.append(context.t("workshops.programme_line", day=entry.day.isoformat(), start=entry.start,
                               end=entry.end, title=entry.title.get(context.language)))
    return lines


async def show(update: Update, context: BotContext) -> None:
    """/workshop: the person's workshops (archived ones marked), the current one's programme, and a button to
    move to each of the others."""
    mine = await context.storage.person_workshops(context.person.id)
    if not mine:
        await context.reply(update, "start.no_workshop", name=context.person.first_name or "")
        return
    current = context.workshop.id if context.workshop is not None and context.membership is not None else None
    lines = [context.t("workshops.title")]
    lines += [_line(context, workshop, workshop.id == current) for workshop in mine]
    if current is not None:
        lines += ["", *_programme(context, context.workshop)]
    others = [workshop for workshop in mine if workshop.id != current]
    if others:
        lines += ["", context.t("workshops.choose")]
    buttons = [[WORKSHOP_CHOOSE.button(context.label("workshops.btn_archived" if w.archived else "workshops.btn",
                                                     title=w.definition.title.get(context.language)[:TITLE_WIDTH]),
                                       w.id)] for w in others]
    await context.say(update, "\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None)


async def choose(update: Update, context: BotContext) -> None:
    """A workshop's button: it becomes the person's current one (only one they are a member of); an open guided
    conversation belongs to the workshop left, so it ends; then their menu follows their roles there."""
    (workshop_id,) = WORKSHOP_CHOOSE.parse(update.callback_query.data)
    storage, person = context.storage, context.person
    if context.workshop is not None and workshop_id == context.workshop.id and context.membership is not None:
        await answer_once(update)
        await context.reply(update, "workshops.already", title=context.workshop.definition.title.get(context.language))
        return
    if workshop_id not in {w.id for w in await storage.person_workshops(person.id)}:
        await answer_once(update, context.label("workshops.not_member"), show_alert=True)
        return
    ended = await flow.cancel(context)
    await storage.choose_workshop(person.id, workshop_id)
    await answer_once(update)
    context.person = await storage.person(person.id)
    context.workshop, context.membership, context.roles = await storage.member_view(workshop_id, person.id)
    context.language = context.person.language or context.language
    await menus.set_personal_menu(context.bot, context.texts, person.telegram_id,
                                  await menus.with_focal_point(storage, workshop_id, person.id,
                                                               {role.role for role in context.roles}),
                                  context.language)
    title = context.workshop.definition.title.get(context.language)
    await context.reply(update, "workshops.chosen_archived" if context.workshop.archived else "workshops.chosen",
                        title=title, ended=ended)
    if context.membership is not None and not context.membership.registered and not context.workshop.closed:
        await flow.hand_over(update, context, "register")


def register(app: Application) -> None:
    app.add_handler(CommandHandler("workshop", show))
    app.add_handler(WORKSHOP_CHOOSE.handler(choose))
