"""A table's own Telegram group and the workshop's plenary group: linking them, and what the bot answers there.

The moderator (or, for the plenary group, the secretariat) gets a ``startgroup`` link from /group in private;
opening it adds the bot to a group of theirs and Telegram sends ``/start@bot <payload>`` there, which links the
group, unless the rules refuse it (``bot.domain.groups``). In a group the bot reads only commands to it and
never stores what people say (privacy mode; the middleware drops the rest before anything is written); every
command there answers with a button that opens the same conversation in private, since items are written one
to one. Someone of another table is told the group is not theirs. When the bot is removed from a group it
forgets the link and tells whoever linked it (the table's moderators, or the secretariat). A link it refuses
leaves it in a group that is nobody's: it says why, then leaves.

Membership in step: a bot in privacy mode is not told who is in a group, so it learns it from what Telegram
does show it: people joining or leaving (service messages, and ``chat_member`` updates while it is an admin
there), and whoever sends it a command there. /group shows the moderator who of the table it has not seen in
the group, and sends them, in private, a link of their own (Telegram makes those only for a bot that is an
admin of the group with the right to invite users; until then, the moderator is told so); the secretariat sees
the same for the plenary group, over everyone of the workshop.

These handlers run in a group of their own before the flows (``GROUPS``), so no flow ever sees a group chat.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, TypeHandler
from telegram.helpers import create_deep_linked_url

from bot.context import BotContext
from bot.domain import groups as rules
from bot.domain.groups import GroupChat
from bot.domain.permissions import Action, moderated_tables
from bot.jobs import groups as group_jobs
from bot.jobs.notices import tell
from handlers.callbacks import GROUP_INVITE, GROUP_INVITE_PLENARY, GROUP_UNLINK, GROUP_UNLINK_PLENARY
from handlers.guard import Args, allowed, guarded_button, permitted, refuse
from handlers.middleware import command_of, membership_news
from handlers.tables import table_arg, table_name

log = logging.getLogger(__name__)
NAMES_SHOWN = 30      # the missing members /group names; past that, how many more
GROUPS = -50          # after the middleware (-100), before every flow (0): everything from a group chat
PRIVATE_LINKS = -49   # then, in private, ``/start g-<command>`` from a group's button (one handler per group runs)


# -- in a group -------------------------------------------------------------------------------------------

async def in_group(update: Update, context: BotContext) -> None:
    """Everything from a group chat ends here: a change of the bot's membership, or a command to it."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.my_chat_member is not None:
        await membership_changed(update, context)
    elif (news := membership_news(update)) is not None:
        people, present = news
        await context.storage.saw_in_group(chat.id, [user.id for user in people if not user.is_bot], present)
    elif update.callback_query is not None:
        await update.callback_query.answer(context.label("common.private_only_short"))
    elif update.message is not None and (name := command_of(update.message, context.bot.username)):
        await group_command(update, context, name)
        # whoever writes to the bot in a group is in it: noted once the group is linked (or just linked)
        await context.storage.saw_in_group(chat.id, [update.effective_user.id], True)
    await context.storage.mark_update_done(update.update_id)
    raise ApplicationHandlerStop


def _lang(context: BotContext, group: GroupChat | None) -> str:
    """A linked group's own language; else the language of the person who wrote."""
    return group.language if group is not None else context.language


async def _say(update: Update, context: BotContext, language: str, key: str, markup=None, **params) -> None:
    await context.say(update, context.texts.html(language, key, **params), markup)


def _private_button(context: BotContext, language: str, command: str | None = None) -> InlineKeyboardMarkup:
    """A button that opens the private chat with the bot, at the conversation ``command`` starts."""
    payload = rules.open_payload(command) if command else None
    url = create_deep_linked_url(context.bot.username, payload) if payload else \
        f"https://t.me/{context.bot.username}"
    return InlineKeyboardMarkup([[InlineKeyboardButton(context.texts.plain(language, "groups.btn_private"),
                                                       url=url)]])


async def group_command(update: Update, context: BotContext, name: str) -> None:
    group = await context.storage.group_chat(update.effective_chat.id)
    language = _lang(context, group)
    parts = (update.message.text or "").split(maxsplit=1)
    payload = parts[1].strip() if name == "start" and len(parts) > 1 else None
    target = rules.read_link(payload)
    if target is not None:
        await link(update, context, target, group)
        return
    if group is None:
        await _say(update, context, language, "groups.unlinked", _private_button(context, language))
        return
    if not rules.belongs(group, context.workshop.id if context.workshop else None, context.roles,
                         context.membership.table_id if context.membership else None):
        await not_theirs(update, context, group)
        return
    if name in rules.PRIVATE_COMMANDS:
        await _say(update, context, language, f"groups.open_{name}", _private_button(context, language, name))
        return
    await _say(update, context, language, "groups.help_plenary" if group.plenary else "groups.help_table",
               _private_button(context, language), table=await _target_name(context, group, language))


async def not_theirs(update: Update, context: BotContext, group: GroupChat) -> None:
    """A member of another table (or of no workshop of this group) is told whose group this is, and theirs."""
    language = group.language
    name = await _target_name(context, group, language)
    if context.workshop is None or context.membership is None or context.workshop.id != group.workshop_id:
        await _say(update, context, language, "groups.not_member", table=name)
        return
    own = await context.storage.group_of(group.workshop_id, context.membership.table_id) \
        if context.membership.table_id else None
    await _say(update, context, language, "groups.not_yours", _private_button(context, language), table=name,
               own=own.title if own else "")


async def _target_name(context: BotContext, group: GroupChat, language: str) -> str:
    """The table's name (or the plenary's) as the group reads it."""
    return await _name_of(context, group.workshop_id, group.table_id, language)


async def _name_of(context: BotContext, workshop_id: int, table_id: int | None, language: str) -> str:
    if table_id is None:
        return context.texts.plain(language, "groups.plenary_name")
    table = await context.storage.working_table(table_id)
    workshop = await context.storage.workshop(workshop_id)
    spec = workshop.definition.table(table.code) if table and workshop else None
    return spec.name.get(language) if spec else (table.code if table else "")


async def link(update: Update, context: BotContext, target: rules.Target, linked: GroupChat | None) -> None:
    """The ``startgroup`` link was opened in this group: link it, or say clearly why not."""
    storage, chat = context.storage, update.effective_chat
    workshop_id = target.workshop_id
    if target.table_id is not None:
        table = await storage.working_table(target.table_id)
        workshop_id = table.workshop_id if table else None
    workshop = await storage.workshop(workshop_id) if workshop_id else None
    language = _lang(context, linked)
    if workshop is None:
        await _refuse_link(update, context, language, "not_yours", "", leave=linked is None)
        return
    language = linked.language if linked else workshop.definition.default_language
    refusal = await storage.link_group(chat.id, chat.title or "", target, workshop.id, language,
                                       context.person.id, context.workshop.id if context.workshop else None,
                                       context.roles)
    group = await storage.group_chat(chat.id)
    if refusal is not None:
        log.info("group %s: link to %s refused (%s)", chat.id, target, refusal)
        name = await _name_of(context, workshop.id, target.table_id, language)
        await _refuse_link(update, context, language, refusal, name,
                           leave=linked is None and rules.leaves_after_refusal(refusal))
        return
    log.info("group %s linked to table %s of workshop %s", chat.id, target.table_id, workshop.id)
    await _say(update, context, language, "groups.linked_plenary" if group.plenary else "groups.linked_table",
               table=await _target_name(context, group, language))


async def _refuse_link(update: Update, context: BotContext, language: str, refusal: str, name: str, *,
                       leave: bool) -> None:
    """Say why the link was refused; and, when that leaves the bot in a group that is nobody's, that it is
    leaving, then leave (``leaveChat``), so no stray group keeps a bot that posts nothing there."""
    text = context.texts.html(language, f"groups.refused_{refusal}", table=name)
    if leave:
        text += "\n\n" + context.texts.html(language, "groups.leaving")
    await context.say(update, text)
    if not leave:
        return
    try:
        await context.bot.leave_chat(update.effective_chat.id)
    except TelegramError:
        log.warning("group %s: could not leave after a refused link", update.effective_chat.id, exc_info=True)


async def membership_changed(update: Update, context: BotContext) -> None:
    """The bot was added (the ``/start`` of the link follows, nothing to say yet) or removed: when removed from
    a linked group, the link is forgotten and whoever answers for it is told."""
    change = update.my_chat_member
    if not rules.removed(change.new_chat_member.status):
        return
    remover = context.person.id if context.person else None  # whoever removed it, as Telegram says
    group = await context.storage.unlink_group(change.chat.id, remover, audit_action="group_removed")
    if group is None:
        return
    log.info("removed from group %s (table %s); link forgotten", group.chat_id, group.table_id)
    storage, texts = context.storage, context.texts
    workshop = await storage.workshop(group.workshop_id)
    people = await storage.secretariat_ids(group.workshop_id) if group.plenary else \
        await storage.table_moderators(group.workshop_id, group.table_id)
    for person_id in people:
        person = await storage.person(person_id)
        if person is None:
            continue
        language = workshop.definition.language_for(person.language, person.telegram_language)
        await tell(context.bot, storage, person, texts.html(
            language, "groups.removed", title=group.title, table=await _target_name(context, group, language)))


# -- in private: /group, and the links a group command gave ---------------------------------------------

async def open_in_private(update: Update, context: BotContext) -> None:
    """``/start g-<command>`` from a group's button: the same conversation the command opens, here in private.

    The command's own handler is found among those registered, so this module never imports another flow."""
    command = rules.read_open(context.args[0] if context.args else None)
    if command is None or update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
        return
    if context.workshop is None or context.membership is None:
        await context.reply(update, "start.no_workshop", name=context.person.first_name or "")
    else:
        handler = next(h for h in context.application.handlers.get(0, [])
                       if isinstance(h, CommandHandler) and command in h.commands)
        await handler.callback(update, context)
    await context.storage.mark_update_done(update.update_id)
    raise ApplicationHandlerStop


async def group_menu(update: Update, context: BotContext) -> None:
    """/group: for each table one moderates (every table, and the plenary, for the secretariat), its group or
    a link to add the bot to one, and a button to unlink it."""
    if context.workshop is None or context.membership is None:
        await refuse(update, context, Action.MODERATE_TABLE)
        return
    storage, workshop = context.storage, context.workshop
    secretariat = permitted(context, Action.MANAGE_WORKSHOP, None)
    tables = await storage.working_tables(workshop.id)
    mine = {t.id for t in tables} if secretariat else set(moderated_tables(context.roles))
    if not mine and not secretariat:
        await refuse(update, context, Action.MODERATE_TABLE)
        return
    linked = {g.table_id: g for g in await storage.group_chats(workshop.id)}
    lines, rows = [context.t("groups.menu_head")], []
    targets = ([None] if secretariat else []) + [t for t in tables if t.id in mine]
    for table in targets:
        table_id = table.id if table else None
        name = table_name(context, table) if table else context.label("groups.plenary_name")
        group = linked.get(table_id)
        if group is not None:
            lines.append(context.t("groups.menu_linked", table=name, title=group.title))
            absent = await _members_line(context, group, lines)  # the plenary group's too: the whole workshop
            if absent:
                label = context.label("groups.btn_invite", count=absent)
                rows.append([GROUP_INVITE.button(label, table_id) if table else GROUP_INVITE_PLENARY.button(label)])
            route = GROUP_UNLINK.button(context.label("groups.btn_unlink", table=name), table_id) if table \
                else GROUP_UNLINK_PLENARY.button(context.label("groups.btn_unlink", table=name))
            rows.append([route])
        else:
            lines.append(context.t("groups.menu_unlinked", table=name))
            url = create_deep_linked_url(context.bot.username, rules.link_payload(table_id, workshop.id), group=True)
            rows.append([InlineKeyboardButton(context.label("groups.btn_link", table=name), url=url)])
    lines.append(context.t("groups.menu_foot"))
    await context.say(update, "\n\n".join(lines), InlineKeyboardMarkup(rows))


async def _members_line(context: BotContext, group: GroupChat, lines: list[str]) -> int:
    """Who of the table the bot has seen in its group, and who not (by name): how many are missing."""
    roll = await context.storage.group_roll(group)
    absent = rules.missing(roll, exclude=[context.person.id])
    names = [entry.name or "?" for entry in absent]
    lines.append(context.t("groups.menu_members", present=len(roll) - len(rules.missing(roll)), total=len(roll),
                           missing=", ".join(names[:NAMES_SHOWN]), more=max(len(names) - NAMES_SHOWN, 0)))
    return len(absent)


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def invite_missing(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    """Send each member of the table the bot has not seen in its group a link of their own to it, in private."""
    await _invite(update, context, table_id)


async def invite_missing_plenary(update: Update, context: BotContext) -> None:
    """The same for the plenary group, the secretariat's: everyone of the workshop the bot has not seen in it."""
    if await _secretariat_pressed(update, context):
        await _invite(update, context, None)


async def _invite(update: Update, context: BotContext, table_id: int | None) -> None:
    group = await context.storage.group_of(context.workshop.id, table_id)
    if group is None:
        await context.reply(update, "groups.nothing_linked")
        return
    absent = rules.missing(await context.storage.group_roll(group), exclude=[context.person.id])
    if not absent:
        await context.reply(update, "groups.invite_nobody")
        return
    told = await group_jobs.send_invites(context.application, group, absent)
    if told is None:
        await context.reply(update, "groups.invite_no_rights", title=group.title)
        return
    await context.reply(update, "groups.invite_sent", count=len(told), names=", ".join(e.name for e in told),
                        missed=len(absent) - len(told))


async def _unlink(update: Update, context: BotContext, table_id: int | None) -> None:
    storage = context.storage
    group = await storage.group_of(context.workshop.id, table_id)
    if group is None:
        await context.reply(update, "groups.nothing_linked")
        return
    await storage.unlink_group(group.chat_id, context.person.id)
    name = await _target_name(context, group, group.language)
    try:  # a one-off goodbye in the group; the link is gone whether or not it arrives
        await context.bot.send_message(group.chat_id, context.texts.html(group.language, "groups.goodbye",
                                                                         table=name))
    except TelegramError:
        log.info("group %s: goodbye not delivered", group.chat_id)
    await context.reply(update, "groups.unlinked_done", title=group.title,
                        table=await _target_name(context, group, context.language))


@guarded_button(Action.MODERATE_TABLE, table_arg)
async def unlink_table(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    await _unlink(update, context, table_id)


async def unlink_plenary(update: Update, context: BotContext) -> None:
    if await _secretariat_pressed(update, context):
        await _unlink(update, context, None)


async def _secretariat_pressed(update: Update, context: BotContext) -> bool:
    """A plenary group's button: the secretariat's only (it names no table for ``guarded_button`` to check);
    anyone else is refused out loud, and the press is answered."""
    if context.workshop is None or context.membership is None:
        await refuse(update, context, Action.MANAGE_WORKSHOP)
        return False
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return False
    await update.callback_query.answer()
    return True


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, in_group), group=GROUPS)
    app.add_handler(CommandHandler("start", open_in_private, has_args=True), group=PRIVATE_LINKS)
    app.add_handler(CommandHandler("group", group_menu))
    app.add_handler(GROUP_UNLINK.handler(unlink_table))
    app.add_handler(GROUP_UNLINK_PLENARY.handler(unlink_plenary))
    app.add_handler(GROUP_INVITE.handler(invite_missing))
    app.add_handler(GROUP_INVITE_PLENARY.handler(invite_missing_plenary))
