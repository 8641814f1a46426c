"""The secretariat's invitation links: the list of every link (who it admits, uses, expiry, cancelled or not),
a new link for a role and table on demand, cancelling one from the list, and one printable PDF of QR codes.

/invite still hands out a fresh set in one go; /links is where they are looked after. Every press asks the
guard again, and a link is looked up by id within the person's own workshop, so a forged button cannot cancel
another workshop's link. The new link's answers are a dialogue like any other: a restart keeps them.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import clock
from bot.domain.invitations import invitation_link, invitation_state, new_token
from bot.domain.permissions import Action
from bot.domain.records import Dialogue, Invitation
from bot.jobs import documents
from handlers import flow
from handlers.callbacks import INVITE_LIST, INVITE_NEW, INVITE_REVOKE, INVITE_REVOKE_YES, INVITE_SHEET, decode
from handlers.guard import allowed
from handlers.tables import table_in_workshop, table_name
from handlers.views import page_buttons
from reports.invitations import InvitationCard, InvitationSheet, build_invitation_sheet

PER_PAGE = 8
LABEL_LIMIT = 60
EXPIRY_DAYS = (0, 1, 3, 7, 30)          # 0: never
MAX_USES = (0, 1, 2, 5, 10, 50, 200)    # 0: no limit
ROLES = ("participant", "translator")   # workshop-wide; moderators are invited per table
LINK = "invlink"

link_flow = flow.flow(LINK, Action.MANAGE_WORKSHOP)


async def _tables(context: BotContext) -> dict[int, str]:
    return {t.id: table_name(context, t) for t in await context.storage.working_tables(context.workshop.id)}


def _who(context: BotContext, role: str, table: str | None) -> str:
    """Whom a link admits, in the reader's words: "Moderators · Group A", "Participants"."""
    return context.label(f"inv.role_{role}") + (f" · {table}" if table else "")


def _label(context: BotContext, invitation: Invitation, tables: dict[int, str]) -> str:
    return invitation.label or _who(context, invitation.role, tables.get(invitation.table_id))


def _detail(context: BotContext, invitation: Invitation, tables: dict[int, str]) -> str:
    zone = context.workshop.definition.zone
    return context.label("inv.detail", who=_who(context, invitation.role, tables.get(invitation.table_id)),
                         uses=invitation.uses, max=invitation.max_uses or 0,
                         until=clock.day_and_time(invitation.expires_at, zone))


def _state(context: BotContext, invitation: Invitation) -> str:
    return invitation_state(invitation.revoked_at, invitation.expires_at, invitation.uses, invitation.max_uses,
                            clock.iso(context.now()))


async def links_view(context: BotContext, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The active links of one page, each with its link, uses and expiry, then a count of the others."""
    invitations = await context.storage.invitations(context.workshop.id)
    tables = await _tables(context)
    states = {i.id: _state(context, i) for i in invitations}
    active = [i for i in invitations if states[i.id] == "active"]
    pages = max(1, -(-len(active) // PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = active[page * PER_PAGE:(page + 1) * PER_PAGE]
    username = context.bot.username
    lines = [context.t("inv.list_head", count=len(active))]
    lines += [context.t("inv.list_line", label=_label(context, i, tables), detail=_detail(context, i, tables),
                        link=invitation_link(username, i.token)) for i in shown]
    others = {state: sum(1 for s in states.values() if s == state) for state in ("expired", "used_up", "revoked")}
    lines.append(context.t("inv.list_others", **others))
    rows = [[INVITE_REVOKE.button(context.label("inv.btn_revoke", label=_label(context, i, tables))[:60], i.id)]
            for i in shown]
    nav = page_buttons(context, INVITE_LIST.data, page, pages)
    rows += [nav] if nav else []
    rows.append([INVITE_NEW.button(context.label("inv.btn_new")), INVITE_SHEET.button(context.label("inv.btn_sheet"))])
    return "\n\n".join(lines), InlineKeyboardMarkup(rows)


async def links_command(update: Update, context: BotContext) -> None:
    """/links: every invitation link of the workshop and what can be done with them."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    await context.say(update, *await links_view(context, 0))


async def turn_page(update: Update, context: BotContext) -> None:
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    _, (page,) = decode(update.callback_query.data)
    await update.callback_query.answer()
    context.in_place = True
    await context.say(update, *await links_view(context, page))


# -- cancelling a link -------------------------------------------------------------------------------------

async def _pressed_invitation(update: Update, context: BotContext) -> Invitation | None:
    """The link a press names, if it is one of this workshop's and the person may manage links."""
    # Still possible once the workshop is closed: a link taken back changes nothing of the final roadmap.
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return None
    pressed = decode(update.callback_query.data)
    invitation = await context.storage.invitation_of(context.workshop.id, pressed[1][0]) if pressed else None
    if invitation is None:
        await update.callback_query.answer(context.label("common.stale_button"))
        return None
    await update.callback_query.answer()
    return invitation


async def ask_revoke(update: Update, context: BotContext) -> None:
    """A printed code may already be on the tables: cancelling asks once more."""
    invitation = await _pressed_invitation(update, context)
    if invitation is None:
        return
    label = _label(context, invitation, await _tables(context))
    await context.reply(update, "inv.revoke_confirm", InlineKeyboardMarkup(
        [[INVITE_REVOKE_YES.button(context.label("inv.btn_revoke_yes"), invitation.id)]]), label=label,
        uses=invitation.uses)


async def revoke(update: Update, context: BotContext) -> None:
    invitation = await _pressed_invitation(update, context)
    if invitation is None:
        return
    revoked = await context.storage.revoke_invitation(invitation.token)
    label = _label(context, invitation, await _tables(context))
    await context.reply(update, "inv.revoked" if revoked else "inv.already_revoked", label=label)
    await context.say(update, *await links_view(context, 0))


# -- the sheet of QR codes ---------------------------------------------------------------------------------

async def send_sheet(update: Update, context: BotContext) -> None:
    """Every active link as a labelled QR code on A4, built off the event loop."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    await update.callback_query.answer()
    tables = await _tables(context)
    username = context.bot.username
    active = [i for i in await context.storage.invitations(context.workshop.id) if _state(context, i) == "active"]
    workshop = context.workshop
    sheet = InvitationSheet(
        title=context.label("inv.sheet_title"), subtitle=workshop.definition.title.get(context.language),
        cards=tuple(InvitationCard(_label(context, i, tables), _detail(context, i, tables),
                                   invitation_link(username, i.token)) for i in active),
        empty=context.label("inv.sheet_empty"))
    content = await asyncio.to_thread(build_invitation_sheet, sheet)
    name = f"{documents.file_word(context.language, 'invitations')}-{workshop.slug}.pdf"  # each language's word
    await context.bot.send_document(update.effective_chat.id, content, filename=name,
                                    caption=context.label("inv.sheet_caption", count=len(active)))


# -- a new link: whom it admits, until when, how many times, and its label ----------------------------------

async def new_link(update: Update, context: BotContext) -> None:
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    await update.callback_query.answer()
    await flow.begin(update, context, LINK, "role", {})


async def _press_role(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value.startswith("moderator-") and value[10:].isdigit():
        table = await table_in_workshop(context, int(value[10:]))
        if table is None:
            await flow.ask_again(update, context, dialogue)
            return
        chosen = {"role": "moderator", "table": table.id}
    elif value in ROLES:
        chosen = {"role": value}
    else:
        await flow.ask_again(update, context, dialogue)
        return
    await flow.go(update, context, LINK, "expiry", chosen)


@link_flow.step("role", press=_press_role)
async def ask_role(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    buttons = [flow.button(_who(context, role, None), LINK, "role", role) for role in ROLES]
    buttons += [flow.button(_who(context, "moderator", name), LINK, "role", f"moderator-{table_id}")
                for table_id, name in (await _tables(context)).items()]
    await context.reply(update, "inv.ask_role", flow.keyboard(buttons, 2))


async def _press_expiry(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if not value.isdigit() or int(value) not in EXPIRY_DAYS:
        await flow.ask_again(update, context, dialogue)
        return
    await flow.go(update, context, LINK, "uses", {**dialogue.data, "days": int(value)})


@link_flow.step("expiry", press=_press_expiry)
async def ask_expiry(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    buttons = [flow.button(context.label("inv.expiry_days", days=d), LINK, "expiry", str(d)) for d in EXPIRY_DAYS]
    await context.reply(update, "inv.ask_expiry", flow.keyboard(buttons, 3))


async def _set_uses(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    """A number of uses from a button or typed (1 to 10,000; 0 is no limit)."""
    value = value.strip()
    if not value.isascii() or not value.isdigit() or int(value) > 10_000:
        await context.reply(update, "inv.uses_number")
        await flow.ask_again(update, context, dialogue)
        return
    await flow.go(update, context, LINK, "label", {**dialogue.data, "uses": int(value)})


@link_flow.step("uses", press=_set_uses, read=_set_uses)
async def ask_uses(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    buttons = [flow.button(context.label("inv.uses_count", uses=u), LINK, "uses", str(u)) for u in MAX_USES]
    await context.reply(update, "inv.ask_uses", flow.keyboard(buttons, 4))


async def _default_label(context: BotContext, data: dict) -> str:
    return _who(context, data["role"], (await _tables(context)).get(data.get("table")))


async def _create(update: Update, context: BotContext, dialogue: Dialogue, label: str) -> None:
    """The link is written with everything chosen, the conversation ends, and the list shows it."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        await flow.finish(context)
        return
    data = dialogue.data
    expires = context.now() + dt.timedelta(days=data["days"]) if data["days"] else None
    created = await context.storage.create_invitation(
        context.workshop.id, new_token(), data["role"], data.get("table"), max_uses=data["uses"] or None,
        expires_at=expires, label=label)
    await flow.finish(context)
    tables = await _tables(context)
    await context.reply(update, "inv.created", label=label, detail=_detail(context, created, tables),
                        link=invitation_link(context.bot.username, created.token))
    await context.say(update, *await links_view(context, 0))


async def _read_label(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = " ".join(text.split())
    if await flow.acceptable(update, context, dialogue, text, LABEL_LIMIT):
        await _create(update, context, dialogue, text)


async def _press_label(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    await _create(update, context, dialogue, await _default_label(context, dialogue.data))


@link_flow.step("label", read=_read_label, press=_press_label)
async def ask_label(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    default = await _default_label(context, dialogue.data)
    await context.reply(update, "inv.ask_label", flow.keyboard(
        [flow.button(context.label("inv.btn_default_label", label=default)[:60], LINK, "label", "default")]),
        limit=LABEL_LIMIT)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("links", links_command))
    app.add_handler(INVITE_LIST.handler(turn_page))
    app.add_handler(INVITE_NEW.handler(new_link))
    app.add_handler(INVITE_SHEET.handler(send_sheet))
    app.add_handler(INVITE_REVOKE.handler(ask_revoke))
    app.add_handler(INVITE_REVOKE_YES.handler(revoke))
