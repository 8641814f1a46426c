"""The bot's own small web servers (the health answer, the room's screen), started and stopped one way.

Each runs in the bot's event loop beside polling or the webhook, so a page reads the same store and clock as the
bot's replies. No access log: the screen's paths carry its secret token, and a log of them would hand it out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from telegram.ext import Application

BOT = web.AppKey("bot", Application)  # how a page's handler finds the bot: ``request.app[BOT]``
Page = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def serve(app: Application, key: str, pages: Sequence[tuple[str, Page]], listen: str, port: int
                ) -> tuple[str, int]:
    """Serve ``pages`` (path, handler; GET only) on ``listen:port``; returns the address it listens on (a port of
    0 picks a free one). ``key`` is where the running server is kept, for ``stop``."""
    server = web.Application()
    server[BOT] = app
    for path, handler in pages:
        server.router.add_get(path, handler)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, listen, port).start()
    app.bot_data[key] = runner
    host, bound = runner.addresses[0][:2]
    return host, bound


async def stop(app: Application, key: str) -> None:
    """Stop the server kept at ``key``, if one runs."""
    runner = app.bot_data.pop(key, None)
    if runner is not None:
        await runner.cleanup()
