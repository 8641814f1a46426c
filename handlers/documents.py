"""Documents back out: the file attached to an item (or a table's own document), sent again in the chat.

The button sits on the item's view where it shows the item has a document (``handlers.moderation``). A press
names the attachment; the attachment's item (or table) names the table, looked up again on every press, so
a moderator gets their own table's documents only, the secretariat any, a participant none. Telegram keeps
the file: it is sent by the stored file id, with no upload; should Telegram no longer know that id (a bot
moved to a new token), the bytes the bot kept when it was sent go instead.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application

from bot.context import BotContext
from bot.domain.items import reference
from bot.domain.permissions import Action
from handlers.callbacks import DOCUMENT_GET, decode
from handlers.guard import allowed, to_invitation
from handlers.tables import table_in_workshop, table_name

log = logging.getLogger(__name__)


async def _caption(context: BotContext, contribution_id: int | None, table_id: int | None, name: str) -> str:
    if contribution_id is not None:
        item = await context.storage.contribution(contribution_id)
        return context.t("doc.caption_item", ref=reference(item.kind, item.id, context.language), name=name)
    table = await table_in_workshop(context, table_id) if table_id is not None else None
    return context.t("doc.caption_table", table=table_name(context, table) if table else "", name=name)


async def send_document(update: Update, context: BotContext) -> None:
    """The attachment named by the press, if this person may read that table's documents."""
    query = update.callback_query
    if context.workshop is None or context.membership is None:
        await to_invitation(update, context)
        return
    pressed = decode(query.data)
    found = await context.storage.attachment_of(context.workshop.id, pressed[1][0]) if pressed else None
    if found is None:
        await query.answer(context.label("common.stale_button"))
        return
    attachment, table_id = found
    if not await allowed(update, context, Action.READ_DOCUMENTS, table_id, reads=True):
        return
    await query.answer()
    caption = await _caption(context, attachment.contribution_id, attachment.table_id, attachment.file_name)
    chat = update.effective_chat.id
    try:
        await context.bot.send_document(chat, attachment.telegram_file_id, caption=caption)
    except BadRequest as exc:
        if "file" not in str(exc).lower():
            raise
        log.warning("attachment %s: Telegram no longer knows its file id; sending the kept copy", attachment.id)
        content = await context.storage.attachment_content(attachment.id)
        await context.bot.send_document(chat, content, filename=attachment.file_name, caption=caption)


def register(app: Application) -> None:
    app.add_handler(DOCUMENT_GET.handler(send_document))
