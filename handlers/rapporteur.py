"""The rapporteur: named by the moderator (one per table), drafts the table's consolidated recommendations
(new, or from members' items, linked to them with 'consolidates'), edits them while the table's phase is
open, and uploads the table's document.

A recommendation drafted from members' recommendations takes over their scope, timeframe, actors and
cross-cutting issues (``bot.domain.items.consolidated_details``); one drafted new is asked its scope and timeframe
with the same buttons participants use. It is stored as 'anonymous': the report credits the table.

Drafting is a dialogue kept in the database like every other; the item is stored with a key naming that
dialogue, so pressing "save" twice or a redelivered update creates it once.
"""

from __future__ import annotations

import uuid

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, MessageHandler
from telegram.ext import filters as tg_filters

from bot.context import BotContext
from bot.domain import items as item_rules
from bot.domain import lifecycle, table_view
from bot.domain import phases as phase_rules
from bot.domain.items import reference
from bot.domain.permissions import Action
from bot.domain.records import Dialogue
from bot.jobs import groups
from bot.jobs.notices import tell
from handlers import flow, menus
from handlers.callbacks import (
    AMENDMENTS,
    PLENARY_OBJECTIONS,
    RAP_DESK,
    RAP_DOCUMENT,
    RAP_EDIT,
    RAP_FROM_ITEMS,
    RAP_NAME,
    RAP_NEW,
    RAP_PICK,
    SYN_DESK,
)
from handlers.flow import button, go, keyboard
from handlers.guard import Args, allowed, guarded_button
from handlers.item_views import CHOICE_QUESTIONS, choice_ids, option_label
from handlers.tables import item_arg, on_pick, pick_table, table_arg, table_name
from handlers.views import ask_for_new_text, say_in_parts

TEXT_LIMIT = 2000
SOURCE_LIMIT = 30
DOCUMENT_GROUP = -1   # before group 0, where the participant journey may take documents for its own steps

draft_flow = flow.flow("rapdraft", Action.DRAFT_CONSOLIDATED)
edit_flow = flow.flow("rapedit", Action.DRAFT_CONSOLIDATED)
document_flow = flow.flow("rapdoc", Action.DRAFT_CONSOLIDATED)


async def table_work_open(context: BotContext, table_id: int) -> bool:
    """Is a working-table phase open for this table now? Consolidated items change only then."""
    rows = await context.storage.phases(context.workshop.id)
    current = context.now()
    return any(p.kind == "tables" and phase_rules.is_open(p, current) for p in phase_rules.effective(rows, table_id))


# -- naming the rapporteur (the moderator) ------------------------------------------------------------------

@guarded_button(Action.NAME_RAPPORTEUR, table_arg)
async def pick_rapporteur(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    members = await context.storage.table_members(context.workshop.id, table_id)
    current = await context.storage.rapporteur(context.workshop.id, table_id)
    table = await context.storage.working_table(table_id)
    if not members:
        await context.reply(update, "rap.no_members", table=table_name(context, table))
        return
    rows = [[InlineKeyboardButton(("★ " if m.person_id == current else "") + (m.full_name or "?")[:50],
                                  callback_data=RAP_NAME.data(table_id, m.person_id))] for m in members]
    await context.reply(update, "rap.pick", InlineKeyboardMarkup(rows), table=table_name(context, table))


@guarded_button(Action.NAME_RAPPORTEUR, table_arg)
async def name_rapporteur(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    storage, workshop = context.storage, context.workshop
    person_id = args[1]
    if not await storage.is_table_member(table_id, person_id):
        await context.reply(update, "rap.not_member")
        return
    previous = await storage.set_rapporteur(workshop.id, table_id, person_id, context.person.id)
    if previous is not None and previous != person_id:
        await _reset_menu(context, previous)
    membership = await storage.membership(workshop.id, person_id)
    table = await storage.working_table(table_id)
    person = await storage.person(person_id)
    language = workshop.definition.language_for(person.language, person.telegram_language)
    spec = workshop.definition.table(table.code)
    told = await tell(context.bot, storage, person, context.texts.html(
        language, "rap.you_are", table=spec.name.get(language) if spec else table.code))
    if told:
        await menus.set_personal_menu(context.bot, context.texts, person.telegram_id,
                                      await _menu_roles(context, person_id), language)
    await context.reply(update, "rap.named", name=membership.full_name or "?", table=table_name(context, table),
                        told=told)


async def _reset_menu(context: BotContext, person_id: int) -> None:
    """The replaced rapporteur's menu, as their remaining roles make it (the default one if none is staff)."""
    storage, workshop = context.storage, context.workshop
    person = await storage.person(person_id)
    if person is None:
        return
    language = workshop.definition.language_for(person.language, person.telegram_language)
    await menus.set_personal_menu(context.bot, context.texts, person.telegram_id,
                                  await _menu_roles(context, person_id), language)


async def _menu_roles(context: BotContext, person_id: int) -> set[str]:
    """Every part this person has now, the focal point's included: a menu set from the stored roles alone
    would take a reporter's commands away from a focal point named rapporteur."""
    storage, workshop_id = context.storage, context.workshop.id
    roles = {role.role for role in await storage.roles(workshop_id, person_id)}
    return await menus.with_focal_point(storage, workshop_id, person_id, roles)


# -- the rapporteur's desk -----------------------------------------------------------------------------------

async def rapporteur_command(update: Update, context: BotContext) -> None:
    """/rapporteur: the table's consolidated recommendations and what can be done with them."""
    await pick_table(update, context, Action.DRAFT_CONSOLIDATED, RAP_DESK)


@on_pick(RAP_DESK)
async def desk(update: Update, context: BotContext, table_id: int, args: Args = ()) -> None:
    storage = context.storage
    table = await storage.working_table(table_id)
    consolidated = [i for i in await storage.contributions(context.workshop.id, table_id=table_id,
                                                           kind="recommendation")
                    if i.consolidated and i.status in lifecycle.ON_THE_DESK]
    lines = [context.t("rap.desk_head", table=table_name(context, table), count=len(consolidated))]
    lines += [context.t("rap.desk_line", ref=reference(i.kind, i.id, context.language),
                        text=table_view.short(table_view.main_text(i), 160),
                        sources=len([1 for _, rel in await storage.links(i.id) if rel == "consolidates"]))
              for i in consolidated]
    documents = await storage.attachments(table_id=table_id)
    if documents:
        lines.append(context.t("rap.desk_documents", names=", ".join(d.file_name for d in documents)))
    is_open = await table_work_open(context, table_id)
    lines.append(context.t("rap.desk_open" if is_open else "rap.desk_closed"))
    rows = []
    if is_open:
        rows.append([RAP_NEW.button(context.label("rap.btn_new"), table_id),
                     RAP_FROM_ITEMS.button(context.label("rap.btn_from"), table_id)])
        rows += [[RAP_EDIT.button(context.label("rap.btn_edit", ref=reference(i.kind, i.id, context.language)), i.id)]
                 for i in consolidated[-10:]]
    rows.append([RAP_DOCUMENT.button(context.label("rap.btn_document"), table_id)])
    rows.append([SYN_DESK.button(context.label("synth.btn_desk"), table_id)])  # handlers.synthesis
    rows.append([PLENARY_OBJECTIONS.button(context.label("plobj.btn_objections"), table_id)])  # issue 13
    rows.append([AMENDMENTS.button(context.label("plamend.btn_list"), table_id)])  # handlers.amendments
    await say_in_parts(update, context, lines, InlineKeyboardMarkup(rows), separator="\n\n")


# The secretariat's choice of a table, when /rapporteur has several to offer.
desk_button = guarded_button(Action.DRAFT_CONSOLIDATED, table_arg, reads=True)(desk)


async def _while_open(update: Update, context: BotContext, table_id: int) -> bool:
    if await table_work_open(context, table_id):
        return True
    await context.reply(update, "rap.closed")
    return False


@guarded_button(Action.DRAFT_CONSOLIDATED, table_arg)
async def draft_new(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    if await _while_open(update, context, table_id):
        await flow.begin(update, context, "rapdraft", "text",
                         {"table": table_id, "sources": [], "key": uuid.uuid4().hex, "dims": [], "details": {}})


@guarded_button(Action.DRAFT_CONSOLIDATED, table_arg)
async def draft_from_items(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    if await _while_open(update, context, table_id):
        await flow.begin(update, context, "rapdraft", "pick",
                         {"table": table_id, "sources": [], "key": uuid.uuid4().hex, "dims": [], "details": {}})


async def _sources(context: BotContext, table_id: int):
    found = await context.storage.contributions(context.workshop.id, table_id=table_id,
                                                statuses=lifecycle.IN_REVIEW)
    return [i for i in found if not i.consolidated][-SOURCE_LIMIT:]


async def _toggle_source(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    data = dialogue.data
    if value == "done":
        if not data["sources"]:  # say why nothing happens, then the same choices again
            await context.reply(update, "rapx.none_sources")
            await flow.ask_again(update, context, dialogue)
            return
        chosen = [await context.storage.contribution(i) for i in data["sources"]]
        dims = sorted({d for item in chosen if item for d in item.dimensions})
        await go(update, context, "rapdraft", "text",
                 {**data, "dims": dims, "preselected": dims, "details": item_rules.consolidated_details(chosen)})
        return
    valid = {i.id for i in await _sources(context, int(data["table"]))}
    if value.isdigit() and int(value) in valid:
        picked = set(data["sources"]) ^ {int(value)}
        await flow.stay(update, context, "rapdraft", "pick", {**data, "sources": sorted(picked)})
    else:
        await flow.ask_again(update, context, dialogue)


@draft_flow.step("pick", press=_toggle_source)
async def ask_sources(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    chosen = set(dialogue.data["sources"])
    buttons = [button(("✅ " if i.id in chosen else "") + f"{reference(i.kind, i.id, context.language)} · "
                      + table_view.short(table_view.main_text(i), 36), "rapdraft", "pick", str(i.id))
               for i in await _sources(context, int(dialogue.data["table"]))]
    buttons.append(button(context.label("rap.btn_done"), "rapdraft", "pick", "done"))
    await context.reply(update, "rap.ask_sources", keyboard(buttons))


async def _read_draft(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if not await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        return
    await ask_next(update, context, {**dialogue.data, "text": text}, "text")


DRAFT_STEPS = ("text", "scope", "timeframe", "dims")
CHOICES = CHOICE_QUESTIONS  # their answers are the workshop file's, labelled as the participants see them


async def ask_next(update: Update, context: BotContext, data: dict, answered: str) -> None:
    """The next question of the draft; scope and timeframe taken over from the sources are not asked."""
    later = DRAFT_STEPS[DRAFT_STEPS.index(answered) + 1:]
    step = next(s for s in later if s not in CHOICES or not data.get("details", {}).get(s))
    await go(update, context, "rapdraft", step, data)


def _choose(name: str):
    async def press(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
        if value not in choice_ids(context, name):
            await flow.ask_again(update, context, dialogue)
            return
        data = dialogue.data
        await ask_next(update, context, {**data, "details": {**data.get("details", {}), name: value}}, name)

    return press


def _ask_choice(name: str):
    async def ask(update: Update, context: BotContext, dialogue: Dialogue) -> None:
        buttons = [button(option_label(context, name, value)[:60], "rapdraft", name, value)
                   for value in choice_ids(context, name)]
        await context.reply(update, f"rap.ask_{name}", keyboard(buttons))

    return ask


for _name in CHOICES:
    draft_flow.step(_name, press=_choose(_name))(_ask_choice(_name))


@draft_flow.step("text", read=_read_draft)
async def ask_draft_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "rap.ask_text", limit=TEXT_LIMIT, sources=len(dialogue.data["sources"]))


async def _toggle_dimension(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    data = dialogue.data
    if value == "done":
        if data["dims"]:
            await _save_draft(update, context, dialogue)
        else:  # say why nothing was saved, then the same choices again
            await context.reply(update, "rapx.none_dimensions")
            await flow.ask_again(update, context, dialogue)
        return
    if context.workshop.definition.dimension(value) is None:
        await flow.ask_again(update, context, dialogue)
        return
    await flow.stay(update, context, "rapdraft", "dims", {**data, "dims": sorted(set(data["dims"]) ^ {value})})


@draft_flow.step("dims", press=_toggle_dimension)
async def ask_dimensions(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    chosen = set(dialogue.data["dims"])
    buttons = [button(("✅ " if d.id in chosen else "") + d.name.get(context.language), "rapdraft", "dims", d.id)
               for d in context.workshop.definition.dimensions]
    buttons.append(button(context.label("rap.btn_save"), "rapdraft", "dims", "done"))
    text = context.t("rap.ask_dimensions")
    preselected = [d.name.get(context.language) for d in context.workshop.definition.dimensions
                   if d.id in set(dialogue.data.get("preselected", ()))]
    if preselected:  # taken over from the chosen items: said, so nobody saves them unawares
        text += "\n\n" + context.t("rapx.dims_preselected", dims=", ".join(preselected))
    await context.say(update, text, keyboard(buttons, columns=1))


async def _save_draft(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """Store the table's recommendation, linked to the items it consolidates; checked once more first."""
    data, storage, workshop = dialogue.data, context.storage, context.workshop
    table_id = int(data["table"])
    if not await allowed(update, context, Action.DRAFT_CONSOLIDATED, table_id) \
            or not await _while_open(update, context, table_id):
        await flow.finish(context)
        return
    table = await storage.working_table(table_id)
    item, created = await storage.submit_contribution(
        workshop_id=workshop.id, author_id=context.person.id, kind="recommendation", level=table.level,
        dimensions=list(data["dims"]), details={"action": data["text"], **data.get("details", {})},
        attribution="anonymous",
        language=context.language, table_id=table_id, phase_kind="tables", client_key=f"rapporteur:{data['key']}",
        consolidated=True, links=[(source, "consolidates") for source in data["sources"]],
    )
    if created:
        await storage.record_table_action(workshop.id, table_id, context.person.id, "consolidate", item.id,
                                          after={"text": data["text"], "sources": data["sources"]})
    await flow.finish(context)
    await context.reply(update, "rap.saved", ref=reference(item.kind, item.id, context.language),
                        sources=len(data["sources"]))
    await groups.for_comment(context.application, table_id, item.id)  # in the table's group, for comment
    await desk(update, context, table_id)


@guarded_button(Action.DRAFT_CONSOLIDATED, item_arg)
async def edit_consolidated(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    item = await context.storage.contribution(args[0])
    if not item.consolidated:
        await context.reply(update, "rap.not_consolidated")
        return
    if await _while_open(update, context, table_id):
        await flow.begin(update, context, "rapedit", "text", {"item": item.id})


async def _read_edit(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    item = await context.storage.contribution(int(dialogue.data["item"]))
    if not await allowed(update, context, Action.DRAFT_CONSOLIDATED, item.table_id) \
            or not await _while_open(update, context, item.table_id):
        await flow.finish(context)
        return
    if not await flow.acceptable(update, context, dialogue, text, TEXT_LIMIT):
        return
    await context.storage.edit_contribution(item.id, context.person.id, details={**item.details, "action": text},
                                            audit_action="consolidated_edit")
    await flow.finish(context)
    await context.reply(update, "rap.edited", ref=reference(item.kind, item.id, context.language))


@edit_flow.step("text", read=_read_edit)
async def ask_edit_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await ask_for_new_text(update, context, dialogue, "rap.ask_edit", TEXT_LIMIT)


# -- the table's document -----------------------------------------------------------------------------------

@guarded_button(Action.DRAFT_CONSOLIDATED, table_arg)
async def ask_document(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await flow.begin(update, context, "rapdoc", "doc", {"table": table_id})


async def _text_instead_of_document(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    await context.reply(update, "rap.send_file")


@document_flow.step("doc", read=_text_instead_of_document)
async def ask_file(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "rap.ask_document", types=item_rules.accepted_extensions(),
                        limit=context.services.settings.max_document_mb)


async def receive_document(update: Update, context: BotContext) -> None:
    """A file while the rapporteur is at the upload step; any other document is left to group 0."""
    if context.person is None:
        return
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is None or dialogue.flow != "rapdoc":
        return
    table_id = int(dialogue.data["table"])
    if await allowed(update, context, Action.DRAFT_CONSOLIDATED, table_id):
        await _store_document(update, context, table_id)
    await context.storage.mark_update_done(update.update_id)  # group 100 will not run after the stop below
    raise ApplicationHandlerStop


async def _store_document(update: Update, context: BotContext, table_id: int) -> None:
    document = update.effective_message.document
    max_mb = context.services.settings.max_document_mb
    content, problem = await flow.fetch_document(context, document, max_mb)
    if problem is not None:
        await context.reply(update, f"rap.document_{problem}", types=item_rules.accepted_extensions(), limit=max_mb)
        return
    attachment_id = await context.storage.add_attachment(
        telegram_file_id=document.file_id, file_name=document.file_name, mime_type=document.mime_type,
        content=content, uploader_id=context.person.id, table_id=table_id)
    await context.storage.record_table_action(context.workshop.id, table_id, context.person.id, "table_document",
                                              attachment_id, after={"file": document.file_name})
    await flow.finish(context)
    await context.reply(update, "rap.document_saved", name=document.file_name)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("rapporteur", rapporteur_command))
    app.add_handler(RAP_PICK.handler(pick_rapporteur))
    app.add_handler(RAP_NAME.handler(name_rapporteur))
    app.add_handler(RAP_DESK.handler(desk_button))
    app.add_handler(RAP_NEW.handler(draft_new))
    app.add_handler(RAP_FROM_ITEMS.handler(draft_from_items))
    app.add_handler(RAP_EDIT.handler(edit_consolidated))
    app.add_handler(RAP_DOCUMENT.handler(ask_document))
    app.add_handler(MessageHandler(tg_filters.UpdateType.MESSAGE & tg_filters.Document.ALL, receive_document),
                    group=DOCUMENT_GROUP)
