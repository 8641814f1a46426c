"""Wiring: one function builds the Application with every handler, in an order that matters.

Group -100 (middleware) loads the person and drops duplicates; group 0 holds commands, buttons and
flows; group 50 answers whatever nobody took; group 100 records the update as handled.
"""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

import content
from bot.config import Settings
from bot.context import BotContext, Services, on_startup
from bot.domain.workshop_file import load_workshop
from bot.i18n import Texts
from bot.inbox import Inbox
from bot.jobs import bulk, confirmations, health, retention, scheduler, sendout, workshop_watch
from bot.jobs import followup as followup_job
from bot.jobs import groups as group_posts
from bot.jobs import screen as room_screen
from bot.jobs.translation import from_settings as machine_translator
from bot.storage import Storage
from bot.transport import (
    CONCURRENT_UPDATES,
    CONNECTIONS,
    OnePersonAtATime,
    RetryingSender,
    TolerantBot,
)
from handlers import (
    amendments,
    announcements,
    briefing,
    contributions,
    documents,
    editorial,
    errors,
    fallback,
    followup,
    groups,
    invitation_links,
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
    screen,
    secretariat,
    start,
    support,
    synthesis,
    translation,
    workshops,
)

log = logging.getLogger(__name__)
# What the bot asks Telegram for: its default set plus ``chat_member`` (who joins or leaves a linked group, sent
# only while the bot is an admin there: ``handlers.groups``); reactions stay out, as by default.
ALLOWED_UPDATES = [kind for kind in Update.ALL_TYPES
                   if kind not in (Update.MESSAGE_REACTION, Update.MESSAGE_REACTION_COUNT)]

def build_application(settings: Settings, *, texts: Texts | None = None) -> Application:
    """The bot, ready for ``run_polling`` (or, in tests and the demo, for the emulator): the same in both.

    Replies go out at once and faults are retried (``RetryingSender``); people are handled concurrently,
    each in order (``OnePersonAtATime``); only bulk sends are paced (``bot.jobs.bulk``).
    """
    watch = health.TelegramWatch()  # what /healthz says of Telegram: how the bot's own calls ended
    bot = TolerantBot(
        settings.token(), base_url=settings.telegram_api_url, base_file_url=settings.file_url,
        request=health.WatchedRequest(watch, CONNECTIONS), get_updates_request=health.WatchedRequest(watch, 1),
        rate_limiter=RetryingSender(),
        defaults=Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)),
    )
    inbox = Inbox()  # polling and webhook alike: every update stored before Telegram hears it arrived
    builder = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=BotContext))
        .post_init(_open)
        .post_shutdown(_close)
        .concurrent_updates(OnePersonAtATime(CONCURRENT_UPDATES))
        .update_queue(inbox)
    )
    app = builder.build()
    app.bot_data["telegram_watch"] = watch
    content.use(settings.content_path)  # the languages are the content folders: CONTENT_PATH's, then the bot's
    app.bot_data["services"] = Services(settings=settings, storage=Storage(settings.database_path),
                                        texts=texts or Texts(default=settings.default_language),
                                        translator=machine_translator(settings))
    inbox.attach(app.bot_data["services"].storage,
                 keep=lambda update: middleware.read_by_the_bot(update, app.bot.username),
                 as_received=bot.as_received)
    bot.before_each_poll(inbox.flush)  # a polled batch is stored together, just before the poll that confirms it
    on_startup(app, inbox.replay)  # what a killed process never finished, queued before the first poll
    # Order matters within group 0: the first matching handler wins, so the catch-alls come last.
    middleware.register(app)
    groups.register(app)  # its group chats' handlers run before every flow; /group itself is in group 0
    for flow_module in (start, registration, profile, briefing, contributions, mine,
                        moderation, phases, rapporteur, announcements, plenary, reading, secretariat, translation,
                        editorial, synthesis, support, amendments, invitation_links, documents, followup,
                        screen, workshops, menus):
        flow_module.register(app)
    fallback.register(app)
    errors.register(app)
    # Background work survives a restart because its state is in the database: re-plan and resume it.
    for resume in (confirmations.resume, scheduler.resume, bulk.resume, sendout.resume, group_posts.resume):
        on_startup(app, resume)
    on_startup(app, health.start)
    on_startup(app, room_screen.start)  # the projector's page, when SCREEN_PORT is set
    on_startup(app, retention.resume)
    on_startup(app, workshop_watch.start)  # a workshop file loaded while the bot runs: its agenda planned
    on_startup(app, followup_job.resume)  # check-in rounds and reminders on the workshop file's schedule
    return app


async def _open(app: Application) -> None:
    """Open the store (migrating it), load the workshop file into an empty store, set the menus."""
    services: Services = app.bot_data["services"]
    await services.storage.open()
    if services.settings.workshop_file and not await services.storage.all_workshops():
        workshop = load_workshop(services.settings.workshop_file)
        await services.storage.save_workshop(workshop)
        log.info("loaded workshop %s from %s", workshop.id, services.settings.workshop_file)
    for hook in app.bot_data.get("startup_hooks", []):
        await hook(app)
    await menus.set_default_menus(app)


async def _close(app: Application) -> None:
    await health.stop(app)
    await room_screen.stop(app)
    await app.bot_data["services"].storage.close()
