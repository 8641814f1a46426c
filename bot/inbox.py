"""Nothing acknowledged is lost: every update is written to the store before Telegram hears it was received,
and one whose handling a dead process never finished is handled again at the next start-up.

python-telegram-bot tells Telegram a polled batch was received with its next ``getUpdates`` (the offset), right
after putting the batch in its update queue, not once it was handled; a webhook is answered 200 as soon as the
update is queued. An update in flight when the process is killed (SIGKILL, power loss) was therefore never
coming back, and its sender never got an answer. Both ways in, polling and webhook, await ``update_queue.put``
before they confirm, so the queue is the one place that sees every update first: ``Inbox`` is that queue,
writing each update (one INSERT) before queueing it. At start-up, before the first poll, every stored update
not in ``processed_updates`` is queued again in the order it arrived, ahead of anything new; what was handled
already is dropped as a redelivery would be (``handlers.middleware.load_person``), and every business write is
idempotent, so handling an update twice changes nothing.

The inbox is a net under a crash, not a gate in front of the bot: when the store refuses its write (the disk
full, the database locked past its busy timeout, the file gone), the update is handled all the same, as it
would be without an inbox, and the batch is confirmed. Holding the confirmation instead stopped the polling
loop from fetching anything while the store refused (for a full disk, for good): nobody got an answer, not even
to /help, which needs no write, and the loop logged a traceback at every retry. What is given up is only the
crash safety of the updates that arrived meanwhile, and it is said once, with a line when storing works again.
"""


from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from telegram import Update

from bot.storage.inbox import LONGEST_UPDATE

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.storage import Storage

log = logging.getLogger(__name__)

# True while an update handed again from the inbox is being handled: its button press may have been answered
# by the process that died, and a second answer is refused ("query is too old"), which must not stop the
# press from being obeyed (``bot.transport.RetryingSender``).
handing_again: ContextVar[bool] = ContextVar("handing_again", default=False)


class ReplayedUpdate(Update):
    """An update handed again from the inbox after a restart: the same update, marked so the transport knows."""

    __slots__ = ()


class Inbox(asyncio.Queue):
    """python-telegram-bot's update queue, except that an update the bot reads is stored before Telegram is told
    it arrived.

    A webhook's update is stored before it is queued (the webhook answers 200 once ``put`` returns). A polled
    batch is confirmed only by the next poll, so its updates are queued at once and stored together, in one
    transaction, just before that poll (``flush``, called by ``bot.transport.TolerantBot``): one write a batch
    rather than one an update, which at 200 updates a second had the polling loop wait behind every handler's
    queries for the store. ``keep`` says which updates are stored (``handlers.middleware.read_by_the_bot``): a
    group's own talk, never read, is never stored either, not even for a moment.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pending: list[tuple[int, str]] = []   # polled, queued, not yet stored: stored before the next poll
        self._storage: Storage | None = None
        self._keep: Callable[[Update], bool] = lambda update: True
        self._as_received: Callable[[int], dict | None] = lambda update_id: None
        self._not_kept = 0   # handled without being kept since the store began refusing; 0 while it accepts

    def attach(self, storage: Storage, keep: Callable[[Update], bool],
               as_received: Callable[[int], dict | None] | None = None) -> None:
        """``as_received`` gives a polled update as Telegram sent it (``bot.transport.TolerantBot``); any other
        (a webhook's) is written out from python-telegram-bot's object."""
        self._storage = storage
        self._keep = keep
        self._as_received = as_received or self._as_received

    async def put(self, item: Any) -> None:
        if isinstance(item, Update) and not isinstance(item, ReplayedUpdate) and self._storage is not None \
                and self._keep(item):
            polled = self._as_received(item.update_id)
            if polled is not None:
                self._hold(item.update_id, polled)
            else:
                await self._store(item)
        await super().put(item)

    def _hold(self, update_id: int, data: dict) -> None:
        raw = _as_text(update_id, data)
        if raw is not None:
            self._pending.append((update_id, raw))

    async def flush(self) -> None:
        """Store the polled updates queued since the last poll; before the next poll, which confirms them. If the
        store refuses, they are confirmed all the same (they are being handled already): never an error for
        the polling loop, which would stop fetching anything while the store refuses."""
        if not self._pending or self._storage is None:
            return
        pending, self._pending = self._pending, []
        await self._keep_or_say(self._storage.receive_updates(pending), len(pending))

    async def _store(self, update: Update) -> None:
        raw = _as_text(update.update_id, update.to_dict(recursive=True))
        if raw is not None:
            await self._keep_or_say(self._storage.receive_update(update.update_id, raw), 1)

    async def _keep_or_say(self, writing: Awaitable[None], count: int) -> None:
        """Await the store's write of ``count`` updates; a refusal is logged once for as long as it lasts (not
        once an update, which at a room's pace would bury every other line), its end once too."""
        try:
            await writing
        except Exception as exc:  # the store is full, locked or gone: handled, not kept
            if not self._not_kept:
                log.error("the store refuses the inbox's writes (%s): updates are handled but not kept, and a "
                          "crash meanwhile loses those in flight, until it accepts again", exc)
            self._not_kept += count
            return
        if self._not_kept:
            log.warning("the inbox keeps updates again; %d were handled without being kept", self._not_kept)
            self._not_kept = 0

    async def replay(self, app: Application) -> None:
        """At start-up (the store open, nothing polled yet): queue again every update never handled."""
        again, given_up = await self._storage.unhandled_updates()
        for update_id in given_up:
            log.error("update %s was handed again at every start-up and never finished: given up", update_id)
        for update_id, raw in again:
            try:
                update = ReplayedUpdate.de_json(json.loads(raw), app.bot)
            except Exception:
                log.warning("update %s in the inbox cannot be read; skipped", update_id, exc_info=True)
                continue
            await super().put(update)
        if again:
            log.warning("%d update(s) in flight when the bot last stopped: handled again", len(again))


def _as_text(update_id: int, data: dict) -> str | None:
    """An update as the inbox keeps it; None (handled, not kept) past ``LONGEST_UPDATE``."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(raw) > LONGEST_UPDATE:
        log.warning("update %s is %d characters long: handled, not kept in the inbox", update_id, len(raw))
        return None
    return raw
