"""/screen: the secretariat's link to the room's screen, a read-only page for the projector (``bot.jobs.screen``).

The link carries an unguessable token, so whoever has it can look, and nobody else can find it. ``/screen`` gives
the link in force (making one the first time), ``/screen new`` a fresh one that cancels the old, ``/screen off``
cancels it: the projector then shows that the link is no longer active. The secretariat's alone; it still works
once the workshop is closed, since the screen only reads.
"""

from __future__ import annotations

import secrets

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.permissions import Action
from bot.i18n import offered
from bot.jobs import screen
from bot.storage import screen as store
from handlers.guard import allowed


async def show_link(update: Update, context: BotContext) -> None:
    """/screen [new | off]: the link in force, a new one, or none."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    base = screen.base_url(context.application)
    if base is None:
        await context.reply(update, "screen.not_configured")
        return
    asked = (context.args or [""])[0].lower()
    workshop_id, actor = context.workshop.id, context.person.id
    if asked in ("off", "revoke"):
        revoked = await store.revoke_links(context.storage, workshop_id, actor)
        await context.reply(update, "screen.revoked" if revoked else "screen.nothing_to_revoke")
        return
    token = await store.open_link(context.storage, workshop_id, secrets.token_urlsafe(32), actor,
                                  replace=asked == "new")
    # one link per language of the workshop, each named in its own language ("En español", "In English")
    links = "\n".join(f"{context.texts.plain(lang, 'screen.in_language')}: {screen.link(base, token, lang)}"
                      for lang in offered(context.workshop.definition.languages))
    await context.reply(update, "screen.link", links=links)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("screen", show_link))
