"""How the bot talks to Telegram under load: nobody waits for anybody else, and no request is lost to a
passing fault.

- **Replies are never throttled.** Telegram's flood limits are for bulk notifications (about 30 messages a
  second across chats, one a second in a chat, 20 a minute in a group); answering someone who just wrote is
  not limited that way. python-telegram-bot's ``AIORateLimiter`` throttles every request that names a chat
  through one queue, so under load every reply waited behind every other (p95 9.6 s at 60 updates/s).
  Bulk sends are paced by ``bot.jobs.bulk`` instead, and only they.
- **Faults are retried here, once for every caller.** A 429 waits ``retry_after`` and tries again; a 5xx,
  a timeout or a dropped connection is tried again after a short, growing pause, a bounded number of times.
  A request Telegram refused for what it is (400, 403) is never retried.
- **HTTP through aiohttp.** python-telegram-bot's default client (httpx) spent about half the bot's CPU under
  load choosing and reading connections; ``AiohttpRequest`` speaks the same Bot API through aiohttp's
  client, which the project already uses, at a fraction of the cost per request.
- **People are handled concurrently, each person in order.** ``OnePersonAtATime`` runs the updates of
  different people side by side and one person's updates one after the other, so a conversation's steps and
  the duplicate checks see them in the order they were sent.
- **No pause stops everyone at once.** Python's cyclic collector stops the whole process while it walks every
  object it tracks; a full walk of the start-up's objects (modules, templates, python-telegram-bot's classes)
  took up to 326 ms with 1,000 people writing, and was the slowest reply of the run. ``settle_memory`` moves what
  start-up made out of its sight, so each walk covers only the objects of the replies in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Any

import aiohttp
from telegram import Update
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter, BaseUpdateProcessor, ExtBot
from telegram.request import BaseRequest, RequestData

from bot.inbox import ReplayedUpdate, handing_again

log = logging.getLogger(__name__)

ATTEMPTS = 5                # tries of one request before its caller hears of the failure
FIRST_PAUSE = 0.2           # seconds before the first retry after a transient fault; doubles each time
LONGEST_FLOOD_WAIT = 120.0  # a 429 asking for longer than this is passed on rather than waited out
# How much runs at once. httpx's pool scans every connection for each request it places, so a pool of
# hundreds under a burst spends its time choosing connections (measured: a 300-message burst drained in
# 5.8 s with PTB's default 256 connections); a few dozen keep the bot busy and the pool cheap.
CONCURRENT_UPDATES = 32
CONNECTIONS = 32
# Young objects collected every this many allocations (Python's default, 700, ran a collection every few replies).
YOUNG_COLLECTION_EVERY = 20_000
POOL_WAIT = 30.0            # seconds a request may wait for a free connection (PTB's default, 1 s, is a fault)


def _seconds(retry_after: float | dt.timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else float(retry_after)


class RetryingSender(BaseRateLimiter[int]):
    """Every Bot API request goes through here: sent at once, retried on 429 and on transient faults."""

    def __init__(self, attempts: int = ATTEMPTS, first_pause: float = FIRST_PAUSE) -> None:
        self.attempts = attempts
        self.first_pause = first_pause

    async def initialize(self) -> None:
        """Nothing to set up: there is no queue."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> Any:
        pause = self.first_pause
        attempts = rate_limit_args or self.attempts
        # an earlier try failed in transit, or the process that died answered it: Telegram may have carried it out
        in_doubt = handing_again.get()
        for attempt in range(1, attempts + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = _seconds(exc.retry_after)
                if attempt == attempts or wait > LONGEST_FLOOD_WAIT:
                    raise
                log.info("%s: flood control, waiting %.1f s (try %d)", endpoint, wait, attempt)
                await asyncio.sleep(wait + 0.05)
            except BadRequest as exc:
                if in_doubt and _answered_already(endpoint, exc):
                    return True  # the try lost in transit was the one that answered the press
                raise  # Telegram understood the request and refused it: trying again changes nothing
            except (Forbidden, InvalidToken):
                raise
            except NetworkError as exc:  # 5xx, timeouts, dropped connections
                in_doubt = True
                if attempt == attempts:
                    raise
                log.info("%s: %s; trying again in %.1f s (try %d)", endpoint, exc, pause, attempt)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 5.0)
        raise AssertionError("unreachable")  # pragma: no cover


def _answered_already(endpoint: str, error: BadRequest) -> bool:
    """A press can be answered once: a retried answerCallbackQuery refused as "query is too old" after a try
    lost in transit (or by the process that died, for a press handed again from the inbox) was answered by that
    try. Raising here would abort the handler before it obeyed the press (and the error handler ignores expired
    queries), so the press would be lost without a word."""
    return endpoint == "answerCallbackQuery" and "query is too old" in str(error).lower()


def person_of(update: object) -> int | None:
    """Whose update this is: the person who wrote or pressed, else the chat; None for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class Turns:
    """One lock per key, first come first served, forgotten once nobody holds or waits for it: one person's
    work in order, with no state kept between their messages."""

    def __init__(self) -> None:
        self._locks: dict[Any, tuple[asyncio.Lock, int]] = {}

    def count(self, key: Any) -> int:
        """How many hold or wait for ``key``'s turn."""
        return self._locks.get(key, (None, 0))[1]

    @property
    def keys(self) -> int:
        return len(self._locks)

    def join(self, key: Any) -> asyncio.Lock:
        """Count one more for ``key`` now (before waiting); the lock to wait on."""
        lock, users = self._locks.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        return lock

    def leave(self, key: Any) -> None:
        lock, users = self._locks[key]
        if users <= 1:
            del self._locks[key]
        else:
            self._locks[key] = (lock, users - 1)

    @contextlib.asynccontextmanager
    async def of(self, key: Any) -> AsyncIterator[None]:
        lock = self.join(key)
        try:
            async with lock:
                yield
        finally:
            self.leave(key)


class OnePersonAtATime(BaseUpdateProcessor):
    """Different people concurrently, one person's updates in the order they arrived.

    python-telegram-bot starts one task per update in arrival order; each takes its person's lock, and
    ``asyncio.Lock`` wakes waiters first come, first served. The lock is dropped when nobody holds or
    waits for it, so a room of a thousand people keeps no state between their messages.
    """

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._turns = Turns()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = person_of(update)
        again = handing_again.set(isinstance(update, ReplayedUpdate))  # this update's task only
        try:
            if key is None:
                await coroutine
                return
            async with self._turns.of(key):
                await coroutine
        finally:
            handing_again.reset(again)

    @property
    def people_waiting(self) -> int:
        return self._turns.keys

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class AiohttpRequest(BaseRequest):
    """python-telegram-bot's requests over one aiohttp session: the same calls, errors and timeouts as its
    httpx client (a timeout is ``TimedOut``, any other transport failure ``NetworkError``)."""

    def __init__(self, connections: int = CONNECTIONS, *, read_timeout: float = 5.0, connect_timeout: float = 5.0,
                 pool_timeout: float = POOL_WAIT, media_read_timeout: float = 60.0) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_read_timeout = media_read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections, ttl_dns_cache=300),
                headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = BaseRequest.DEFAULT_NONE, write_timeout: Any = BaseRequest.DEFAULT_NONE,
                         connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                         pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        data: Any = fields
        if files:
            data = aiohttp.FormData(quote_fields=False)
            for name, value in (fields or {}).items():
                data.add_field(name, value)
            for name, (file_name, content, mime_type) in files.items():
                data.add_field(name, content, filename=file_name, content_type=mime_type)

        def given(value: Any, default: float | None) -> float | None:
            return default if isinstance(value, DefaultValue) else value

        read = given(read_timeout, self._media_read_timeout if files else self._read_timeout)
        connect = given(connect_timeout, self._connect_timeout)
        pool = given(pool_timeout, self._pool_timeout)
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read,
                                        connect=None if pool is None or connect is None else pool + connect)
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


class TolerantBot(ExtBot):
    """The bot, except that one update python-telegram-bot cannot read does not stop it for good.

    PTB parses a whole batch of updates at once; a single one it cannot read (a field a newer Bot API added,
    or one it requires and Telegram left out) fails the batch, which is then never confirmed and fetched again
    forever. Here such an update is kept as its bare ``update_id``: it is confirmed, logged, and ignored.
    The latest batch is also kept as Telegram sent it, for the inbox (``as_received``).
    """

    _last_batch: list | None = None
    _before_poll: Callable[[], Awaitable[None]] | None = None   # the inbox's flush (``bot.inbox``)
    _received: dict[int, dict] | None = None

    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, *args, **kwargs)
        if endpoint == "getUpdates":
            self._last_batch = result  # kept only until the batch is read
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        if self._before_poll is not None:
            await self._before_poll()  # this poll confirms the last batch: the inbox stores it first
        self._last_batch = None
        try:
            updates = await super().get_updates(*args, **kwargs)
        except Exception:
            batch, self._last_batch = self._last_batch, None
            if not isinstance(batch, list):
                raise  # not a batch that could not be read: a network error, for the updater to retry
        else:
            self._received = {raw["update_id"]: raw for raw in self._last_batch or ()}
            return updates
        readable = []
        for raw in batch:
            try:
                readable.append(Update.de_json(raw, self))
            except Exception:
                log.warning("update %s cannot be read; skipped", raw.get("update_id"), exc_info=True)
                readable.append(Update(update_id=raw["update_id"]))
        self._received = {raw["update_id"]: raw for raw in batch}
        return tuple(readable)

    def before_each_poll(self, call: Callable[[], Awaitable[None]]) -> None:
        """Have ``call`` awaited before every ``getUpdates``, the call that confirms the batch before it."""
        self._before_poll = call

    def as_received(self, update_id: int) -> dict | None:
        """An update of the latest polled batch as Telegram sent it (None for one that came otherwise): the
        inbox stores it as it is, rather than spend as long writing python-telegram-bot's object out again
        as reading it took (about 0.2 ms an update)."""
        return (self._received or {}).get(update_id)


def settle_memory() -> None:
    """Once start-up is done: freeze what it made (it lives as long as the process) and collect less often.

    Reference counting frees almost everything a reply makes the moment it is done; the cyclic collector is
    only for cycles, and its full walks, not its frequency, made the tail. Frozen objects are never walked
    again (``gc.freeze``), so a full collection costs what the objects made since cost.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
