"""A moderator's table: the dashboard, stepping through submitted items (approve, edit, reject with a
reason, merge, with duplicate suggestions), and the table's audit trail.

Merging into an item the suggestions do not show goes through a picker: every item it may be merged into, in
pages, narrowed by what the moderator types (a reference such as ``C-3`` or ``c3``, or a few words of it); what
was typed is a dialogue step kept in the database like the others.

Buttons carry a table or item id (``handlers.callbacks``): the table is looked up from it on every press and
checked by ``handlers.guard``, so a forged or stale button never acts on another table's items. Typed
steps (an edit, a rejection reason) are dialogues kept in the database, so a restart does not lose them.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import duplicates, lifecycle, merging, table_view
from bot.domain import phases as phase_rules
from bot.domain.clock import day_and_time, parse
from bot.domain.items import reference
from bot.domain.permissions import Action
from bot.domain.records import Contribution, Dialogue
from bot.jobs import digests, groups
from bot.jobs.notices import notify_author, tell
from handlers import callbacks as cb
from handlers import flow
from handlers.guard import Args, allowed, guarded_button, permitted
from handlers.tables import (
    item_arg,
    level_name,
    on_pick,
    pick_table,
    table_arg,
    table_name,
)
from handlers.views import ask_for_new_text, page_buttons, say_in_parts, turn_page

log = logging.getLogger(__name__)
EDIT_LIMIT = 2000
REASON_LIMIT = 500
PICK_PER_PAGE = 8        # items per page of the merge picker
QUERY_LIMIT = 200        # the longest search typed into the picker
DASH_MEMBERS = 12        # members listed on the dashboard itself; a longer list gets pages of its own
MEMBERS_PER_PAGE = 20
SEAT_PER_PAGE = 10

edit_flow = flow.flow("modedit", Action.MODERATE_TABLE)
reject_flow = flow.flow("modreject", Action.MODERATE_TABLE)
merge_flow = flow.flow("modmerge", Action.MODERATE_TABLE)
PICKER = ("modmerge",)   # another decision simply replaces an open picker: it holds nothing typed worth keeping


# -- dashboard ---------------------------------------------------------------------------------------------

async def mod_command(update: Update, context: BotContext) -> None:
    """/mod: the dashboard of the moderator's table (the secretariat picks one)."""
    await pick_table(update, context, Action.MODERATE_TABLE, cb.MOD_DASHBOARD)


def _phase_lines(context: BotContext, rows, table_id: int) -> list[str]:
    zone, current = context.workshop.definition.zone, context.now()
    names = {p.id: p.name for p in context.workshop.definition.phases}
    lines = []
    for phase in phase_rules.effective(rows, table_id):
        if phase.kind != "tables":
            continue
        name = names[phase.code].get(context.language) if phase.code in names else phase.code
        if phase_rules.is_open(phase, current):
            lines.append(context.t("mod.phase_open", phase=name, until=day_and_time(phase.closes_at, zone),
                                   zone=zone.key))
        elif phase.state == "closed" or (parse(phase.closes_at) and parse(phase.closes_at) <= current):
            lines.append(context.t("mod.phase_closed", phase=name))
        else:
            lines.append(context.t("mod.phase_scheduled", phase=name,
                                   opens=day_and_time(phase.opens_at, zone), zone=zone.key))
    return lines or [context.t("mod.phase_none")]


def _sent_summary(context: BotContext, sent: dict[str, int]) -> str:
    parts = [f"{n} {context.label(f'mod.kind_short.{kind}')}" for kind, n in sorted(sent.items()) if n]
    return ", ".join(parts)


@on_pick(cb.MOD_DASHBOARD)
async def show_dashboard(update: Update, context: BotContext, table_id: int, args: Args = ()) -> None:
    storage, workshop, lang = context.storage, context.workshop, context.language
    definition = workshop.definition
    table = await storage.working_table(table_id)
    items = await storage.contributions(workshop.id, table_id=table_id)
    members = await storage.table_members(workshop.id, table_id)
    rapporteur = await storage.rapporteur(workshop.id, table_id)
    parts = [context.t("mod.dash_head", table=table_name(context, table), level=level_name(context, table.level))]
    parts += _phase_lines(context, await storage.phases(workshop.id), table_id)
    member_lines = [context.t("mod.dash_members", count=len(members))]
    if len(members) <= DASH_MEMBERS:
        member_lines += [_member_line(context, m, rapporteur) for m in members]
    else:
        member_lines.append(context.t("mod.dash_members_paged"))
    parts.append("\n".join(member_lines))
    statuses = table_view.status_counts(items)
    parts.append(context.t("mod.dash_statuses", summary=", ".join(
        f"{context.label(f'mod.status.{s}')}: {n}" for s, n in sorted(statuses.items())) or "0"))
    counts = table_view.cell_counts(items)
    levels = [(lv.id, lv.name.get(lang)) for lv in definition.levels]
    dimensions = [(d.id, d.name.get(lang)) for d in definition.dimensions]
    parts.append(context.t("mod.dash_grid", grid=table_view.render_grid(counts, levels, dimensions)))
    empty = table_view.empty_cells(counts, table.level, [d for d, _ in dimensions])
    names = dict(dimensions)
    parts.append(context.t("mod.dash_empty", level=level_name(context, table.level),
                           cells=", ".join(names[d] for d in empty)) if empty else context.t("mod.dash_full"))
    waiting = sum(1 for i in items if i.status in lifecycle.AWAITING_REVIEW and not i.consolidated)
    rows = [
        [cb.MOD_REVIEW.button(context.label("mod.btn_review", count=waiting), table_id),
         cb.PHASE_MENU.button(context.label("mod.btn_phases"), table_id)],
        [cb.ANNOUNCE.button(context.label("mod.btn_announce"), table_id),
         cb.RAP_PICK.button(context.label("mod.btn_rapporteur"), table_id)],
        [cb.MOD_AUDIT.button(context.label("mod.btn_audit"), table_id),
         cb.MOD_DASHBOARD.button(context.label("mod.btn_refresh"), table_id)],
        [cb.PLENARY_OBJECTIONS.button(context.label("plobj.btn_objections"), table_id),  # issue 13
         cb.AMENDMENTS.button(context.label("plamend.btn_list"), table_id)],  # handlers.amendments
    ]
    if len(members) > DASH_MEMBERS:
        rows.insert(0, [cb.MOD_MEMBERS.button(context.label("mod.btn_members", count=len(members)), table_id, 0)])
    if members and permitted(context, Action.MANAGE_WORKSHOP, table_id):  # re-seating is the secretariat's
        rows.append([cb.MOD_RESEAT.button(context.label("reseat.btn"), table_id, 0)])
    unseated = await storage.unseated_participants(workshop.id)
    if unseated:
        rows.insert(0, [cb.MOD_UNSEATED.button(context.label("mod.btn_seat", count=len(unseated)), table_id, 0)])
    await context.say(update, "\n\n".join(parts), InlineKeyboardMarkup(rows))


def _member_line(context: BotContext, m, rapporteur: int | None) -> str:
    """One member, names shortened so that a full table's list fits a message."""
    return context.t(
        "mod.dash_member", name=table_view.short(m.full_name or context.label("mod.no_name"), 40),
        affiliation=table_view.short(context.affiliation(m.country, m.organisation, m.other_affiliation) or "", 30),
        sent=_sent_summary(context, m.sent) or context.label("mod.nothing_sent"),
        rapporteur=m.person_id == rapporteur, blocked=m.blocked)


async def _members_view(context: BotContext, table_id: int, number: int) -> tuple[str, InlineKeyboardMarkup]:
    members = await context.storage.table_members(context.workshop.id, table_id)
    rapporteur = await context.storage.rapporteur(context.workshop.id, table_id)
    shown, number, pages = table_view.page(members, number, MEMBERS_PER_PAGE)
    table = await context.storage.working_table(table_id)
    lines = [context.t("mod.members_head", table=table_name(context, table), count=len(members),
                       page=number + 1, pages=pages)]
    lines += [_member_line(context, m, rapporteur) for m in shown]
    rows = [page_buttons(context, partial(cb.MOD_MEMBERS_PAGE.data, table_id), number, pages),
            [cb.MOD_DASHBOARD.button(context.label("mod.btn_dashboard"), table_id)]]
    return "\n".join(lines), InlineKeyboardMarkup([row for row in rows if row])


@guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)
async def show_members(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """The dashboard's "Members" button: the table's members in pages, a new message."""
    await context.say(update, *await _members_view(context, table_id, args[1]))


@guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)
async def turn_members_page(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await turn_page(update, *await _members_view(context, table_id, args[1]))


# -- seating participants who have no table -----------------------------------------------------------------

async def _unseated_view(context: BotContext, table_id: int, number: int) -> tuple[str, InlineKeyboardMarkup]:
    unseated = await context.storage.unseated_participants(context.workshop.id)
    table = await context.storage.working_table(table_id)
    shown, number, pages = table_view.page(unseated, number, SEAT_PER_PAGE)
    if not unseated:
        text = context.t("mod.seat_nobody")
    else:
        text = context.t("mod.seat_head", count=len(unseated), table=table_name(context, table),
                         free=table.free_places, page=number + 1, pages=pages)
    buttons = [InlineKeyboardButton(
        table_view.short(m.full_name or context.label("mod.no_name"), 40)
        + (f" ({table_view.short(where, 20)})" if (where := context.affiliation(m.country, m.organisation,
                                                                              m.other_affiliation)) else ""),
        callback_data=cb.MOD_SEAT.data(table_id, m.person_id)) for m in shown]
    return text, _people_picker(context, table_id, buttons, partial(cb.MOD_UNSEATED.data, table_id), number, pages)


def _people_picker(context: BotContext, table_id: int, buttons: list[InlineKeyboardButton], pager, number: int,
                   pages: int) -> InlineKeyboardMarkup:
    """One person a row, then the pages and the way back to the dashboard: the seat and re-seat lists' keyboard."""
    rows = [[button] for button in buttons]
    rows.append(page_buttons(context, pager, number, pages))
    rows.append([cb.MOD_DASHBOARD.button(context.label("mod.btn_dashboard"), table_id)])
    return InlineKeyboardMarkup([row for row in rows if row])


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def show_unseated(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """Participants without a table, a button each: pressing one seats them at this table."""
    await context.say(update, *await _unseated_view(context, table_id, args[1]))


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def seat_participant(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """Seat one participant here: only someone with no table yet (nobody is taken from another table)."""
    storage, workshop = context.storage, context.workshop
    person_id = args[1]
    outcome = await storage.seat_participant(workshop.id, table_id, person_id, context.person.id)
    table = await storage.working_table(table_id)
    membership = await storage.membership(workshop.id, person_id)
    name = (membership.full_name if membership else None) or "?"
    if outcome != "seated":
        await context.reply(update, f"mod.seat_{outcome}", name=name, table=table_name(context, table))
        return
    person = await storage.person(person_id)
    dialogue = await storage.dialogue(person_id)
    if dialogue is not None and dialogue.flow == "table":  # they were about to choose one themselves
        await storage.end_dialogue(person_id)
    language = workshop.definition.language_for(person.language, person.telegram_language)
    spec = workshop.definition.table(table.code)
    await tell(context.bot, storage, person, context.texts.html(
        language, "mod.seated_notice", table=spec.name.get(language) if spec else table.code))
    await context.reply(update, "mod.seat_seated", name=name, table=table_name(context, table))
    await context.say(update, *await _unseated_view(context, table_id, 0))


# -- re-seating: the secretariat moves a seated participant to another table ---------------------------------

async def _reseat_view(context: BotContext, table_id: int, number: int) -> tuple[str, InlineKeyboardMarkup]:
    """The table's participants, a button each: the one pressed is then offered the tables with room."""
    members = await context.storage.table_members(context.workshop.id, table_id)  # those seated here
    table = await context.storage.working_table(table_id)
    shown, number, pages = table_view.page(members, number, SEAT_PER_PAGE)
    text = context.t("reseat.head", table=table_name(context, table), count=len(members), page=number + 1,
                     pages=pages)
    buttons = [cb.MOD_RESEAT_WHO.button(table_view.short(m.full_name or context.label("mod.no_name"), 50),
                                        table_id, m.person_id) for m in shown]
    return text, _people_picker(context, table_id, buttons, partial(cb.MOD_RESEAT.data, table_id), number, pages)


@guarded_button(Action.MANAGE_WORKSHOP, table_arg)
async def show_reseat(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """The dashboard's "Move a member" button, the secretariat's only: whom to move from this table."""
    await context.say(update, *await _reseat_view(context, table_id, args[1]))


@guarded_button(Action.MANAGE_WORKSHOP, table_arg)
async def reseat_where(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """The other tables, each with its free places; only those with room can be pressed."""
    person_id = args[1]
    membership = await context.storage.membership(context.workshop.id, person_id)
    if membership is None or membership.table_id != table_id:
        await context.reply(update, "reseat.not_there", name=(membership.full_name if membership else None) or "?")
        return
    rows = [[cb.MOD_RESEAT_TO.button(context.label("reseat.btn_table", table=table_name(context, t),
                                                   free=t.free_places), table_id, person_id, t.id)]
            for t in await context.storage.working_tables(context.workshop.id) if t.id != table_id and t.free_places]
    rows.append([cb.MOD_RESEAT.button(context.label("reseat.btn_back"), table_id, 0)])
    await context.reply(update, "reseat.where" if len(rows) > 1 else "reseat.nowhere", InlineKeyboardMarkup(rows),
                        name=membership.full_name or "?")


@guarded_button(Action.MANAGE_WORKSHOP, table_arg)
async def reseat(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """Move them (checked and written in one transaction), tell them in their language, and tell them through
    ``bot.jobs.groups.reseated`` that the old table's group is no longer theirs (and give them the new one's)."""
    storage, workshop = context.storage, context.workshop
    person_id, to_table_id = args[1], args[2]
    outcome = await storage.reseat_participant(workshop.id, person_id, table_id, to_table_id, context.person.id)
    membership = await storage.membership(workshop.id, person_id)
    name = (membership.full_name if membership else None) or "?"
    old, new = await storage.working_table(table_id), await storage.working_table(to_table_id)
    if outcome != "moved":
        await context.reply(update, f"reseat.{outcome}", name=name,
                            table=table_name(context, new) if new and new.workshop_id == workshop.id else "?")
        return
    dialogue = await storage.dialogue(person_id)
    if dialogue is not None and dialogue.flow == "table":  # they were about to choose one themselves
        await storage.end_dialogue(person_id)
    person = await storage.person(person_id)
    language = workshop.definition.language_for(person.language, person.telegram_language)

    def named(table) -> str:
        spec = workshop.definition.table(table.code)
        return spec.name.get(language) if spec else table.code

    await tell(context.bot, storage, person, context.texts.html(language, "reseat.notice", old=named(old),
                                                                new=named(new)))
    await groups.reseated(context.application, workshop.id, person_id, table_id, to_table_id)
    await context.reply(update, "reseat.done", name=name, old=table_name(context, old), new=table_name(context, new))


# -- review ------------------------------------------------------------------------------------------------

async def _credit_line(context: BotContext, item: Contribution) -> str:
    names = []
    for c in await context.storage.credits(item.id):
        where = context.affiliation(c.country, c.organisation, c.other_affiliation)
        names.append(f"{c.full_name or context.label('mod.no_name')}" + (f" ({where})" if where else ""))
    return ", ".join(names) or context.label("mod.no_author")


async def show_item(update: Update, context: BotContext, item: Contribution) -> None:
    """One item to review, its most similar items of the table, and one tap for each decision."""
    storage, lang = context.storage, context.language
    dimension_names = [d.name.get(lang) for d in context.workshop.definition.dimensions if d.id in item.dimensions]
    extras = [f"{context.label(f'mod.field.{name}')}: {item.details[name]}" for name in table_view.EXTRA_FIELDS
              if item.details.get(name) and name != table_view.main_field(item.kind)]
    table_items = await storage.contributions(context.workshop.id, table_id=item.table_id,
                                              statuses=lifecycle.IN_REVIEW)
    others = merging.candidates(item, table_items)  # what it may be merged into: same table, same kind, open
    by_id = {i.id: i for i in others}
    # In a thread: by meaning, the first review of a table encodes its items (about half a second), and every
    # other person's reply must not wait for it.
    similar = await asyncio.to_thread(
        duplicates.suggest, table_view.comparable_text(item), [(i.id, table_view.comparable_text(i)) for i in others],
        glossary=duplicates.glossary_for(context.workshop.definition), language=item.language,
        languages={i.id: i.language for i in others}, meaning=duplicates.meaning_for(context.workshop.definition))
    lines = [context.t("mod.item_card", ref=reference(item.kind, item.id, context.language),
                       kind=context.label(f"mod.kind.{item.kind}"),
                       level=level_name(context, item.level), dimensions=", ".join(dimension_names),
                       status=context.label(f"mod.status.{item.status}"), text=table_view.main_text(item),
                       extras="\n".join(extras), authors=await _credit_line(context, item))]
    documents = await storage.attachments(contribution_id=item.id)  # got back out with a button below
    if documents:
        lines.append(context.t("doc.item_has", names=", ".join(d.file_name for d in documents)))
    if similar:
        lines.append(context.t("mod.similar_head"))
        lines += [context.t("mod.similar_line", ref=reference(by_id[i].kind, i, context.language),
                            score=round(score * 100),
                            text=table_view.short(table_view.main_text(by_id[i]), 80)) for i, score in similar]
    else:
        lines.append(context.t("mod.similar_none"))
    rows = [[cb.MOD_APPROVE.button(context.label("mod.btn_approve"), item.id),
             cb.MOD_EDIT.button(context.label("mod.btn_edit"), item.id),
             cb.MOD_REJECT.button(context.label("mod.btn_reject"), item.id)]]
    rows += [[cb.MOD_MERGE.button(context.label("mod.btn_merge_into",
                                                ref=reference(by_id[i].kind, i, context.language)), item.id, i)]
             for i, _ in similar]
    rows += [[cb.DOCUMENT_GET.button(context.label("doc.btn_get", name=d.file_name)[:60], d.id)] for d in documents]
    rows.append([cb.MOD_PICK_SURVIVOR.button(context.label("mod.btn_merge_other"), item.id)])
    rows.append([cb.MOD_SKIP.button(context.label("mod.btn_next"), item.id),
                 cb.MOD_DASHBOARD.button(context.label("mod.btn_dashboard"), item.table_id)])
    await context.say(update, "\n\n".join(lines), InlineKeyboardMarkup(rows))


async def show_next(update: Update, context: BotContext, table_id: int, after_id: int | None) -> None:
    items = await context.storage.contributions(context.workshop.id, table_id=table_id)
    item = table_view.next_to_review(items, after_id)
    if item is None:
        markup = InlineKeyboardMarkup([[cb.MOD_DASHBOARD.button(context.label("mod.btn_dashboard"), table_id)]])
        await context.reply(update, "mod.review_done", markup)
        return
    await show_item(update, context, item)


@guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)
async def start_review(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await show_next(update, context, table_id, None)


@guarded_button(Action.MODERATE_TABLE, item_arg, reads=True)
async def skip(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await flow.show_choice(update.callback_query)  # the card it left shows "Next": no dead buttons behind
    await show_next(update, context, table_id, args[0])


async def _reviewable(update: Update, context: BotContext, item_id: int,
                      statuses: tuple[str, ...] = lifecycle.AWAITING_REVIEW) -> Contribution | None:
    """The item, if it can still take this decision; otherwise say it was already dealt with."""
    item = await context.storage.contribution(item_id)
    if item.status not in statuses:
        await context.reply(update, "mod.already_done", ref=reference(item.kind, item.id, context.language),
                            status=context.label(f"mod.status.{item.status}"))
        return None
    return item


@guarded_button(Action.MODERATE_TABLE, item_arg)
async def approve(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    item = await _reviewable(update, context, args[0])
    if item is not None:
        await context.storage.moderate_contribution(item.id, context.person.id, lifecycle.APPROVED)
        await flow.show_choice(update.callback_query)  # the card shows the decision in place of its buttons
        await context.reply(update, "mod.approved", ref=reference(item.kind, item.id, context.language))
        await notify_author(context.bot, context.storage, context.texts, item.id, "approved")
        await groups.item_approved(context.application, table_id, item.id)  # in this table's group, once
    await show_next(update, context, table_id, args[0])


@guarded_button(Action.MODERATE_TABLE, item_arg)
async def ask_reject(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    item = await _reviewable(update, context, args[0], lifecycle.IN_REVIEW)
    if item is not None:
        await flow.show_choice(update.callback_query)
        await flow.begin(update, context, "modreject", "reason", {"item": item.id}, replaces=PICKER)


@guarded_button(Action.MODERATE_TABLE, item_arg)
async def ask_edit(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    item = await _reviewable(update, context, args[0], lifecycle.IN_REVIEW)
    if item is not None:
        await flow.show_choice(update.callback_query)
        await flow.begin(update, context, "modedit", "text", {"item": item.id}, replaces=PICKER)


async def _dialogue_item(update: Update, context: BotContext, dialogue: Dialogue) -> Contribution | None:
    """The item a moderator's open dialogue is about, if it is still theirs to moderate; otherwise the
    dialogue ends (refused out loud when the role is gone)."""
    item = await context.storage.contribution(int(dialogue.data.get("item", 0)))
    if item is None or item.workshop_id != context.workshop.id \
            or not await allowed(update, context, Action.MODERATE_TABLE, item.table_id):
        await flow.finish(context)
        return None
    return item


async def _typed_item(update: Update, context: BotContext, dialogue: Dialogue, text: str,
                      limit: int) -> Contribution | None:
    """The item a typed step is about, once it is re-checked (roles may have changed since the button was
    pressed) and the text is acceptable; the dialogue is then over. None when there is nothing to do."""
    item = await _dialogue_item(update, context, dialogue)
    if item is None or not await flow.acceptable(update, context, dialogue, text, limit):
        return None
    await flow.finish(context)
    return item


async def _read_reason(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    item = await _typed_item(update, context, dialogue, text, REASON_LIMIT)
    if item is None:
        return
    if item.status not in lifecycle.IN_REVIEW:
        await context.reply(update, "mod.already_done", ref=reference(item.kind, item.id, context.language),
                            status=context.label(f"mod.status.{item.status}"))
    else:
        await context.storage.moderate_contribution(item.id, context.person.id, lifecycle.REJECTED, text)
        told = await notify_author(context.bot, context.storage, context.texts, item.id, "rejected", reason=text)
        await context.reply(update, "mod.rejected", ref=reference(item.kind, item.id, context.language), told=told)
    await show_next(update, context, item.table_id, item.id)


@reject_flow.step("reason", read=_read_reason)
async def ask_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    item = await context.storage.contribution(int(dialogue.data["item"]))
    await context.reply(update, "mod.ask_reason", ref=reference(item.kind, item.id, context.language),
                        limit=REASON_LIMIT)


async def _read_edit(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    item = await _typed_item(update, context, dialogue, text, EDIT_LIMIT)
    if item is None:
        return
    field = table_view.main_field(item.kind)
    await context.storage.edit_contribution(item.id, context.person.id, details={**item.details, field: text},
                                            audit_action="edit")
    await context.reply(update, "mod.edited", ref=reference(item.kind, item.id, context.language))
    await notify_author(context.bot, context.storage, context.texts, item.id, "edited")
    await show_item(update, context, await context.storage.contribution(item.id))


@edit_flow.step("text", read=_read_edit)
async def ask_new_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await ask_for_new_text(update, context, dialogue, "mod.ask_edit", EDIT_LIMIT)


# -- merging into an item of the moderator's choice ------------------------------------------------------------

async def _table_items(context: BotContext, item: Contribution) -> list[Contribution]:
    return await context.storage.contributions(context.workshop.id, table_id=item.table_id)


@guarded_button(Action.MODERATE_TABLE, item_arg)
async def pick_survivor(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """"Merge into another item…": the picker, at its first page of every item this one may be merged into."""
    item = await _reviewable(update, context, args[0], lifecycle.IN_REVIEW)
    if item is None:
        return
    if not merging.candidates(item, await _table_items(context, item)):
        await context.reply(update, "mod.nothing_to_merge", kind=context.label(f"mod.kind.{item.kind}"))
        return
    await flow.begin(update, context, "modmerge", "search", {"item": item.id, "query": "", "page": 0},
                     replaces=PICKER)


def _result_button(context: BotContext, item: Contribution, other: Contribution) -> list[InlineKeyboardButton]:
    label = f"{reference(other.kind, other.id, context.language)} · {table_view.short(table_view.main_text(other), 40)}"
    return [cb.MOD_MERGE.button(label, item.id, other.id)]


async def _picker_view(context: BotContext, item: Contribution, query: str,
                       number: int) -> tuple[str, InlineKeyboardMarkup]:
    """The picker's text and buttons: the items found for what was typed (all of them when nothing was), one
    button each that merges, in pages. A typed reference that names an item it cannot be merged into says why."""
    items = await _table_items(context, item)
    candidates = merging.candidates(item, items)
    ref = reference(item.kind, item.id, context.language)
    kinds = context.label(f"mod.kind_plural.{item.kind}")
    parts = [context.t("mod.pick_survivor", ref=ref, kinds=kinds)]
    found: list[Contribution] = candidates
    typed = merging.parse_reference(query) if query else None
    if typed is not None:
        survivor = next((o for o in items if o.id == typed.item_id), None)
        if survivor is None:  # another table's, or another workshop's: only what the rule needs is said
            survivor = await context.storage.contribution(typed.item_id)
        why = merging.refusal(item, survivor, typed)
        found = [survivor] if why is None else []
        if why is not None:
            parts.append(await _refusal_text(context, item, survivor, why, query, items))
            last = merging.final_survivor(survivor, items) if why == merging.MERGED else None
            if last is not None and merging.refusal(item, last) is None:
                found = [last]
    elif query:
        found = merging.search(query, candidates, table_view.comparable_text,
                               duplicates.glossary_for(context.workshop.definition), language=context.language)
    shown, number, pages = table_view.page(found, number, PICK_PER_PAGE)
    if query and typed is None:
        parts.append(context.t("mod.pick_found", query=query, count=len(found), page=number + 1, pages=pages)
                     if found else context.t("mod.pick_none", query=query))
    elif not query:
        parts.append(context.t("mod.pick_all", count=len(found), page=number + 1, pages=pages))
    rows = [_result_button(context, item, other) for other in shown]
    rows.append(page_buttons(context, partial(cb.FLOW_PRESS.data, "modmerge", "search"), number, pages))
    if query:
        rows.append([flow.button(context.label("mod.btn_pick_all", count=len(candidates)), "modmerge", "search",
                                 "all")])
    return "\n\n".join(parts), InlineKeyboardMarkup([row for row in rows if row])


async def _refusal_text(context: BotContext, item: Contribution, survivor: Contribution | None, why: str,
                        query: str, items: list[Contribution]) -> str:
    ref = reference(item.kind, item.id, context.language)
    if why == merging.MISSING or survivor is None:
        return context.t("mod.merge_refused_missing", typed=query)
    other = reference(survivor.kind, survivor.id, context.language)
    params = {"ref": ref, "other": other}
    if why == merging.OTHER_KIND:
        params.update(kind=context.label(f"mod.kind.{survivor.kind}"), own=context.label(f"mod.kind.{item.kind}"))
    elif why == merging.MERGED:
        last = merging.final_survivor(survivor, items)
        params["into"] = reference(last.kind, last.id, context.language) if last is not None else "?"
    elif why == merging.CLOSED:
        params["status"] = context.label(f"mod.status.{survivor.status}")
    return context.t(f"mod.merge_refused_{why}", **params)


async def _picker_item(update: Update, context: BotContext, dialogue: Dialogue) -> Contribution | None:
    """The item the open picker is about, re-checked on every answer (roles and items change meanwhile);
    None, with the picker closed, when there is nothing to pick for any more."""
    item = await _dialogue_item(update, context, dialogue)
    if item is None:
        return None
    if item.status not in lifecycle.IN_REVIEW:
        await flow.finish(context)
        await context.reply(update, "mod.already_done", ref=reference(item.kind, item.id, context.language),
                            status=context.label(f"mod.status.{item.status}"))
        return None
    return item


async def _read_search(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """A reference or a few words typed into the picker: the picker again, showing what they find."""
    text = " ".join(text.split())
    if await _picker_item(update, context, dialogue) is None:
        return
    if not await flow.acceptable(update, context, dialogue, text, QUERY_LIMIT):
        return
    await flow.go(update, context, "modmerge", "search", {**dialogue.data, "query": text, "page": 0})


async def _press_picker(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    """◀ ▶ turn the picker's page in place; "all" leaves the search for the whole list."""
    if await _picker_item(update, context, dialogue) is None:
        return
    data = {**dialogue.data, "query": "", "page": 0} if value == "all" else \
        {**dialogue.data, "page": int(value) if value.isdigit() else 0}
    await flow.stay(update, context, "modmerge", "search", data)


@merge_flow.step("search", read=_read_search, press=_press_picker)
async def ask_survivor(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    item = await context.storage.contribution(int(dialogue.data["item"]))
    await context.say(update, *await _picker_view(context, item, str(dialogue.data.get("query") or ""),
                                                  int(dialogue.data.get("page") or 0)))


@guarded_button(Action.MODERATE_TABLE, item_arg)
async def merge(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """Fold the item into the one chosen: the same table's, of the same kind, both still in review."""
    item_id, survivor_id = args
    survivor = await context.storage.contribution(survivor_id)
    if survivor is not None and survivor.workshop_id == context.workshop.id and survivor.table_id != table_id:
        await context.reply(update, "guard.refused_moderate_table")  # the press was answered already: chat only
        return
    item = await _reviewable(update, context, item_id, lifecycle.IN_REVIEW)
    if item is None:
        return
    why = merging.refusal(item, survivor)
    if why is not None:
        items = await _table_items(context, item)
        await context.say(update, await _refusal_text(context, item, survivor, why, f"#{survivor_id}", items))
        return
    await context.storage.merge_contributions(item.id, survivor.id, context.person.id)
    await flow.show_choice(update.callback_query)  # the card (or the picker) shows what was chosen
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is not None and dialogue.flow == "modmerge" and dialogue.data.get("item") == item.id:
        await flow.finish(context)  # the picker it was chosen in has done its work
    await context.reply(update, "mod.merged", ref=reference(item.kind, item.id, context.language),
                        survivor=reference(survivor.kind, survivor.id, context.language))
    await notify_author(context.bot, context.storage, context.texts, item.id, "merged", survivor_id=survivor.id)
    await show_next(update, context, table_id, item.id)


# -- audit -------------------------------------------------------------------------------------------------

async def audit_command(update: Update, context: BotContext) -> None:
    """/audit: the table's moderation trail, newest first."""
    await pick_table(update, context, Action.MODERATE_TABLE, cb.MOD_AUDIT)


def _change(before, after) -> str:
    """Before and after, in a few words: statuses, a reason, or the text that changed."""
    before, after = before or {}, after or {}
    if "status" in after and "status" in before and before["status"] != after["status"]:
        change = f"{before['status']} → {after['status']}"
        return change + (f": {table_view.short(str(after['reason']), 80)}" if after.get("reason") else "")
    if "details" in after:
        old = " ".join(str(v) for v in (before.get("details") or {}).values())
        new = " ".join(str(v) for v in after["details"].values())
        return f"«{table_view.short(old, 50)}» → «{table_view.short(new, 50)}»"
    if "state" in after:
        return f"{after.get('code', '')} {before.get('state', '')} → {after['state']}".strip()
    if "seated" in after:
        return str(after["seated"] or "")
    if "rapporteur" in after:
        return f"{before.get('rapporteur')} → {after['rapporteur']}"
    if "text" in after:
        return f"«{table_view.short(str(after['text']), 60)}» ({after.get('recipients', 0)})"
    return ""


@on_pick(cb.MOD_AUDIT)
async def audit_view(update: Update, context: BotContext, table_id: int, args: Args = ()) -> None:
    entries = await context.storage.audit_entries(context.workshop.id, table_id)
    table = await context.storage.working_table(table_id)
    if not entries:
        await context.reply(update, "mod.audit_empty", table=table_name(context, table))
        return
    zone, keys = context.workshop.definition.zone, context.texts.keys(context.language)
    lines = [context.t("mod.audit_head", table=table_name(context, table), count=len(entries))]
    for e in entries:
        action_key = f"mod.audit_action.{e.action}"
        actor = e.actor_name or context.label("mod.audit_system" if e.actor_id is None else "mod.no_name")
        lines.append(context.t(
            "mod.audit_line", time=day_and_time(e.created_at, zone), actor=table_view.short(actor, 40),
            action=context.label(action_key) if action_key in keys else e.action,
            target=f"#{e.target_id}" if e.target_id else "", change=_change(e.before, e.after)))
    await say_in_parts(update, context, lines)


show_audit = guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)(audit_view)


@guarded_button(Action.MODERATE_TABLE, table_arg, reads=True)
async def dashboard_button(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await show_dashboard(update, context, table_id)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("mod", mod_command))
    app.add_handler(CommandHandler("audit", audit_command))
    app.add_handler(cb.MOD_DASHBOARD.handler(dashboard_button))
    app.add_handler(cb.MOD_UNSEATED.handler(show_unseated))
    app.add_handler(cb.MOD_SEAT.handler(seat_participant))
    app.add_handler(cb.MOD_RESEAT.handler(show_reseat))
    app.add_handler(cb.MOD_RESEAT_WHO.handler(reseat_where))
    app.add_handler(cb.MOD_RESEAT_TO.handler(reseat))
    app.add_handler(cb.MOD_MEMBERS.handler(show_members))
    app.add_handler(cb.MOD_MEMBERS_PAGE.handler(turn_members_page))
    app.add_handler(cb.MOD_REVIEW.handler(start_review))
    digests.install(app, cb.MOD_REVIEW.button)  # the moderators' digest opens the review with this button
    app.add_handler(cb.MOD_AUDIT.handler(show_audit))
    app.add_handler(cb.MOD_APPROVE.handler(approve))
    app.add_handler(cb.MOD_EDIT.handler(ask_edit))
    app.add_handler(cb.MOD_REJECT.handler(ask_reject))
    app.add_handler(cb.MOD_SKIP.handler(skip))
    app.add_handler(cb.MOD_PICK_SURVIVOR.handler(pick_survivor))
    app.add_handler(cb.MOD_MERGE.handler(merge))
