"""/mine: a person's items, their status, editing and withdrawing while the phase is open.

Browsing is stateless (each button names the page or the item, ``handlers.callbacks``) so looking at one's
items never disturbs an item being written; every press checks again that the item is the person's own and
may still change, so an old or forged button is answered, not obeyed. Items the person is credited on after
a merge are listed too, read-only: only the item's own author edits or withdraws it. Editing re-opens the
conversation that wrote the item.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import items, lifecycle
from bot.domain.permissions import Action
from handlers import callbacks, flow
from handlers.callbacks import MINE_EDIT, MINE_PAGE, MINE_VIEW, MINE_WITHDRAW, MINE_WITHDRAW_YES
from handlers.guard import member_ready, still_open
from handlers.item_views import summary_text
from handlers.views import answer_query, turn_page

log = logging.getLogger(__name__)
PER_PAGE = 8


async def _mine(context: BotContext) -> list:
    return await context.storage.contributions(context.workshop.id, author_id=context.person.id)


def _status(context: BotContext, item) -> str:
    if item.status == lifecycle.MERGED and item.merged_into:
        return context.label("mine.status_merged_into",
                             ref=items.reference(item.kind, item.merged_into, context.language))
    return context.label(f"mine.status_{item.status}")


async def _list_view(context: BotContext, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    found = await _mine(context)
    if not found:
        return context.t("mine.none"), None
    pages = -(-len(found) // PER_PAGE)
    page = max(0, min(page, pages - 1))
    shown = found[page * PER_PAGE:(page + 1) * PER_PAGE]
    lines = [context.t("mine.title", count=len(found))]
    lines += [context.t("mine.line", ref=items.reference(i.kind, i.id, context.language), status=_status(context, i),
                        text=items.headline(i, 70)) for i in shown]
    if pages > 1:
        lines.append(context.t("brief.footer", page=page + 1, pages=pages))
    buttons = [MINE_VIEW.button(items.reference(i.kind, i.id, context.language), i.id) for i in shown]
    rows = [buttons[n:n + 4] for n in range(0, len(buttons), 4)]
    nav = []
    if page > 0:
        nav.append(MINE_PAGE.button(context.label("brief.previous"), page - 1))
    if page < pages - 1:
        nav.append(MINE_PAGE.button(context.label("brief.next"), page + 1))
    if nav:
        rows.append(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def show_mine(update: Update, context: BotContext) -> None:
    """/mine: the person's items with their status, a button to open each."""
    if not await member_ready(update, context):
        return
    text, markup = await _list_view(context, 0)
    await context.say(update, text, markup)


async def _item_view(context: BotContext, item) -> tuple[str, InlineKeyboardMarkup]:
    links = await context.storage.links(item.id)
    values = items.draft_from(item, links)
    attachments = await context.storage.attachments(contribution_id=item.id)
    if attachments:
        values["document"] = {"file_name": ", ".join(a.file_name for a in attachments)}
    text = summary_text(context, item.kind, values).split("\n", 1)[1]
    head = context.t("mine.item_title", ref=items.reference(item.kind, item.id, context.language),
                     kind=context.label(f"kinds.{item.kind}"), status=_status(context, item))
    if item.status_reason:
        head += "\n" + context.t("mine.reason", reason=item.status_reason)
    rows = []
    opening = await context.opening()
    if not items.own(item, context.person.id):
        head += "\n" + context.t("mine.co_authored")
    elif items.changeable(item, opening, context.membership.table_id, context.person.id):
        rows.append([MINE_EDIT.button(context.label("mine.edit"), item.id),
                     MINE_WITHDRAW.button(context.label("mine.withdraw"), item.id)])
    else:
        head += "\n" + context.t("mine.locked")
    rows.append([MINE_PAGE.button(context.label("mine.back"), 0)])
    return head + "\n\n" + text, InlineKeyboardMarkup(rows)


async def pressed(update: Update, context: BotContext) -> None:
    """List pages, an item, edit, withdraw and its confirmation; only on the person's own items."""
    action, (number,) = callbacks.decode(update.callback_query.data)
    if context.workshop is None or context.membership is None or not context.membership.registered:
        await answer_query(update, context, "common.stale_button")
        return
    if action is MINE_PAGE:
        await answer_query(update, context)
        await turn_page(update, *await _list_view(context, number))
        return
    item = next((i for i in await _mine(context) if i.id == number), None)
    if item is None:  # not theirs, or gone: a forged or stale button
        await answer_query(update, context, "common.stale_button")
        return
    if action is MINE_VIEW:
        await answer_query(update, context)
        await turn_page(update, *await _item_view(context, item))
        return
    if not items.own(item, context.person.id):  # credited after a merge: theirs to read, not to change
        await answer_query(update, context, "mine.not_author")
        return
    if not await still_open(update, context, Action.SEND_ITEM):
        return
    opening = await context.opening()
    if not items.changeable(item, opening, context.membership.table_id, context.person.id):
        await answer_query(update, context, "mine.not_changeable")
        return
    await answer_query(update, context)
    ref = items.reference(item.kind, item.id, context.language)
    if action is MINE_EDIT:
        await flow.hand_over(update, context, "edit_item", item, await context.storage.links(item.id))
    elif action is MINE_WITHDRAW:
        markup = InlineKeyboardMarkup([[
            MINE_WITHDRAW_YES.button(context.label("mine.withdraw_yes"), item.id),
            MINE_VIEW.button(context.label("mine.withdraw_no"), item.id),
        ]])
        await turn_page(update, context.t("mine.withdraw_confirm", ref=ref), markup)
    elif action is MINE_WITHDRAW_YES:
        await context.storage.set_contribution_status(item.id, lifecycle.WITHDRAWN)
        await turn_page(update, context.t("mine.withdrawn", ref=ref), None)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("mine", show_mine))
    for route in (MINE_PAGE, MINE_VIEW, MINE_EDIT, MINE_WITHDRAW, MINE_WITHDRAW_YES):
        app.add_handler(route.handler(pressed))
