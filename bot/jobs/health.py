"""The health answer: ``GET /healthz`` on a local port, the same in polling and webhook mode.

It is a small aiohttp server of its own because python-telegram-bot's webhook server (tornado) serves one
path only, and polling has no server at all. It says whether the store answers a read, whether Telegram
answered the bot's latest Bot API call (in polling mode a long poll every few seconds; in webhook mode
``setWebhook`` at start and every reply since), and how much bulk sending is queued. The status is 200 when
both answer and 503 otherwise, so a supervisor or load balancer can act on the code alone. Telegram's side
is observed passively, from the bot's own requests: a probe never adds calls to the Bot API.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from telegram.error import NetworkError
from telegram.ext import Application

from bot.context import Services
from bot.jobs import web as web_server
from bot.storage import operations
from bot.transport import AiohttpRequest

log = logging.getLogger(__name__)
PATH = "/healthz"
RUNNER = "health_runner"
STORE_TIMEOUT = 2.0  # seconds: a store that takes longer to read one row is not healthy
_METHOD = re.compile(r"/bot[^/]*/([A-Za-z]+)$")  # the Bot API method at the end of a request URL


@dataclass(frozen=True)
class Answer:
    method: str
    status: int | None  # the HTTP status Telegram answered with; None when it did not answer at all
    at: float  # time.monotonic()

    @property
    def answered(self) -> bool:
        """Telegram answered as the Bot API: anything but no answer, a server fault, a bad token, a conflict."""
        return self.status is not None and self.status < 500 and self.status not in (401, 404, 409)

    def as_json(self) -> dict[str, Any]:
        return {"answered": self.answered, "status": self.status, "seconds_ago": round(time.monotonic() - self.at, 1)}


class TelegramWatch:
    """The outcome of the latest Bot API call, and of the latest of each kind that says most (getMe at
    start, getUpdates while polling, setWebhook in webhook mode). Never the URL: it carries the token."""

    KEPT = ("getMe", "getUpdates", "setWebhook", "deleteWebhook")

    def __init__(self) -> None:
        self.latest: Answer | None = None
        self.by_method: dict[str, Answer] = {}

    def record(self, url: str, status: int | None) -> None:
        match = _METHOD.search(url)
        if match is None:
            return  # a file download, not a Bot API method
        answer = Answer(match.group(1), status, time.monotonic())
        self.latest = answer
        if answer.method in self.KEPT:
            self.by_method[answer.method] = answer

    def as_json(self) -> dict[str, Any]:
        report: dict[str, Any] = {"ok": self.latest is not None and self.latest.answered,
                                  "last_call": None if self.latest is None else self.latest.method}
        if self.latest is not None:
            report["last"] = self.latest.as_json()
        for method, answer in self.by_method.items():
            report[method] = answer.as_json()
        report["webhook_set"] = "setWebhook" in self.by_method and self.by_method["setWebhook"].status == 200
        return report


class WatchedRequest(AiohttpRequest):
    """The bot's HTTP client, telling the watch how each call ended."""

    def __init__(self, watch: TelegramWatch, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watch = watch

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        try:
            status, body = await super().do_request(url, method, *args, **kwargs)
        except NetworkError:
            self.watch.record(url, None)
            raise
        self.watch.record(url, status)
        return status, body


def watch_of(app: Application) -> TelegramWatch:
    return app.bot_data.setdefault("telegram_watch", TelegramWatch())


async def report(app: Application) -> dict[str, Any]:
    """The health answer as data: what ``GET /healthz`` sends."""
    services: Services = app.bot_data["services"]
    try:
        store_ok = await asyncio.wait_for(operations.store_answers(services.storage), STORE_TIMEOUT)
        waiting: operations.Queued | None = await asyncio.wait_for(operations.queued(services.storage),
                                                                    STORE_TIMEOUT)
    except Exception as exc:  # a health answer reports a broken store, it does not break with it
        log.warning("health: the store did not answer (%s)", type(exc).__name__)
        store_ok, waiting = False, None
    telegram = watch_of(app).as_json()
    queued: dict[str, Any] = {} if waiting is None else {
        "bulk": waiting.bulk, "announcements": waiting.announcements, "roadmap": waiting.roadmap,
        "confirmations": waiting.confirmations}
    return {"ok": store_ok and telegram["ok"], "store": {"ok": store_ok}, "telegram": telegram, "queued": queued}


async def _healthz(request: web.Request) -> web.Response:
    body = await report(request.app[web_server.BOT])
    return web.json_response(body, status=200 if body["ok"] else 503)


async def start(app: Application) -> None:
    """Serve the health answer if ``HEALTH_PORT`` is set (a startup hook: the store is open by now)."""
    settings = app.bot_data["services"].settings
    if settings.health_port is None:
        return
    host, port = await web_server.serve(app, RUNNER, [(PATH, _healthz)], settings.health_listen,
                                        settings.health_port)
    log.info("health answers on http://%s:%s%s", host, port, PATH)


async def stop(app: Application) -> None:
    await web_server.stop(app, RUNNER)
