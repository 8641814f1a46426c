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
- **People are handled concurrently, each person in order.** ``OnePersonAtATime`` runs the updates of
  different people side by side and one person's updates one after the other, so a conversation's steps and
  the duplicate checks see them in the order they were sent.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

ATTEMPTS = 5                # tries of one request before its caller hears of the failure
FIRST_PAUSE = 0.2           # seconds before the first retry after a transient fault; doubles each time
LONGEST_FLOOD_WAIT = 120.0  # a 429 asking for longer than this is passed on rather than waited out
# How much runs at once. httpx's pool scans every connection for each request it places, so a pool of
# hundreds under a burst spends its time choosing connections (measured: a 300-message burst drained in
# 5.8 s with PTB's default 256 connections); a few dozen keep the bot busy and the pool cheap.
CONCURRENT_UPDATES = 32
CONNECTIONS = 32
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
        for attempt in range(1, attempts + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = _seconds(exc.retry_after)
                if attempt == attempts or wait > LONGEST_FLOOD_WAIT:
                    raise
                log.info("%s: flood control, waiting %.1f s (try %d)", endpoint, wait, attempt)
                await asyncio.sleep(wait + 0.05)
            except (BadRequest, Forbidden, InvalidToken):
                raise  # Telegram understood the request and refused it: trying again changes nothing
            except NetworkError as exc:  # 5xx, timeouts, dropped connections
                if attempt == attempts:
                    raise
                log.info("%s: %s; trying again in %.1f s (try %d)", endpoint, exc, pause, attempt)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 5.0)
        raise AssertionError("unreachable")  # pragma: no cover


def person_of(update: object) -> int | None:
    """Whose update this is: the person who wrote or pressed, else the chat; None for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class OnePersonAtATime(BaseUpdateProcessor):
    """Different people concurrently, one person's updates in the order they arrived.

    python-telegram-bot starts one task per update in arrival order; each takes its person's lock, and
    ``asyncio.Lock`` wakes waiters first come, first served. The lock is dropped when nobody holds or
    waits for it, so a room of a thousand people keeps no state between their messages.
    """

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = person_of(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    @property
    def people_waiting(self) -> int:
        return len(self._locks)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
