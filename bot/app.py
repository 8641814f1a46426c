"""Wiring: one function builds the Application with every handler, in an order that matters.

Group -100 (middleware) loads the person and drops duplicates; group 0 holds commands, buttons and
flows; group 50 answers whatever nobody took; group 100 records the update as handled.
"""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot.config import Settings
from bot.context import BotContext, Services, on_startup
from bot.domain.workshop_file import load_workshop
from bot.i18n import Texts
from bot.jobs import bulk, confirmations, scheduler, sendout
from bot.storage import Storage
from bot.transport import (
    CONCURRENT_UPDATES,
    CONNECTIONS,
    AiohttpRequest,
    OnePersonAtATime,
    RetryingSender,
    TolerantBot,
)
from handlers import (
    announcements,
    briefing,
    contributions,
    errors,
    fallback,
    menus,
    middleware,
    mine,
    moderation,
    phases,
    plenary,
    profile,
    rapporteur,
    reading,
    registration,
    secretariat,
    start,
)

log = logging.getLogger(__name__)

def build_application(settings: Settings, *, texts: Texts | None = None) -> Application:
    """The bot, ready for ``run_polling`` (or, in tests and the demo, for the emulator): the same in both.

    Replies go out at once and faults are retried (``RetryingSender``); people are handled concurrently,
    each in order (``OnePersonAtATime``); only bulk sends are paced (``bot.jobs.bulk``).
    """
    bot = TolerantBot(
        settings.token(), base_url=settings.telegram_api_url, base_file_url=settings.file_url,
        request=AiohttpRequest(CONNECTIONS), get_updates_request=AiohttpRequest(1), rate_limiter=RetryingSender(),
        defaults=Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)),
    )
    builder = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=BotContext))
        .post_init(_open)
        .post_shutdown(_close)
        .concurrent_updates(OnePersonAtATime(CONCURRENT_UPDATES))
    )
    app = builder.build()
    app.bot_data["services"] = Services(settings=settings, storage=Storage(settings.database_path),
                                        texts=texts or Texts())
    # Order matters within group 0: the first matching handler wins, so the catch-alls come last.
    middleware.register(app)
    for flow_module in (start, registration, profile, briefing, contributions, mine,
                        moderation, phases, rapporteur, announcements, plenary, reading, secretariat, menus):
        flow_module.register(app)
    fallback.register(app)
    errors.register(app)
    # Background work survives a restart because its state is in the database: re-plan and resume it.
    for resume in (confirmations.resume, scheduler.resume, bulk.resume, sendout.resume):
        on_startup(app, resume)
    return app


async def _open(app: Application) -> None:
    """Open the store (migrating it), load the workshop file into an empty store, set the menus."""
    services: Services = app.bot_data["services"]
    await services.storage.open()
    if services.settings.workshop_file and await services.storage.latest_workshop() is None:
        workshop = load_workshop(services.settings.workshop_file)
        await services.storage.save_workshop(workshop)
        log.info("loaded workshop %s from %s", workshop.id, services.settings.workshop_file)
    for hook in app.bot_data.get("startup_hooks", []):
        await hook(app)
    await menus.set_default_menus(app)


async def _close(app: Application) -> None:
    await app.bot_data["services"].storage.close()
