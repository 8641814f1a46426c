"""The real bot, run against the local Bot API emulator: what the tests and the offline demo drive.

Nothing here is a stand-in for the bot: the same ``build_application`` as production, the same HTTP
client, polling and handlers; only the Bot API at the other end of the wire is local.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Settings, load_settings
from bot.context import clock as bot_clock
from bot.offline.emulator import BotApiEmulator
from bot.storage import Storage

TOKEN = "123456:OFFLINE-TOKEN"


def offline_settings(emulator: BotApiEmulator, database: Path, **overrides: object) -> Settings:
    return load_settings(
        telegram_bot_token=emulator.token, telegram_api_url=emulator.base_url,
        telegram_file_url=emulator.base_file_url, database_path=database, **overrides,
    )


class OfflineBot:
    """Start, stop and restart the bot on one database, polling the emulator.

    ``clock``: a simulated clock for a rehearsal (the demo); the bot's rules ask it (``bot_data["clock"]``) and
    the store stamps what is written with it, so its documents print the times of the event played."""

    def __init__(self, settings: Settings, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.app: Application | None = None
        self.starts = 0

    @property
    def storage(self) -> Storage:
        return self.app.bot_data["services"].storage

    async def start(self) -> OfflineBot:
        app = build_application(self.settings)
        if self.clock is not None:
            app.bot_data["clock"] = self.clock
            # whatever clock bot_data holds later (the demo moves it on for the follow-up) stamps the store too
            app.bot_data["services"].storage.stamp_with(lambda: bot_clock(app))
        await app.initialize()
        await app.post_init(app)  # run_polling would call it; we drive the parts ourselves
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1, drop_pending_updates=False,
                                        allowed_updates=ALLOWED_UPDATES)
        self.app = app
        self.starts += 1
        return self

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.post_shutdown(app)
        await app.shutdown()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def __aenter__(self) -> OfflineBot:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
