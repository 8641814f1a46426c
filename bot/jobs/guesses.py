"""Invitation links opened in a hurry: past a few wrong ones a minute, a person's next links are checked only
after a pause that grows (``bot.domain.invitations.guess_wait``), and the secretariat sees how many were wrong.

The pause holds up nobody else, not even a slot of the bot's: the link is checked by a task of its own once the
pause is over, while the update that brought it is done with (so the person's other messages are answered
meanwhile). One person's waiting links are checked one after the other, each after its own pause, and only a
few wait at once: any more are answered at once without being checked. All of it is kept in memory and bounded
(``GuessLog``): nothing is written per link, and a restart forgets the counts.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram.ext import Application

from bot.domain.invitations import GuessLog
from bot.transport import Turns

NOW, LATER, REFUSED = "now", "later", "refused"
WAITING_AT_MOST = 3   # links of one person waiting for their check at once; more are refused unchecked
_KEY = "invitation_guesses"


@dataclass
class _Guesses:
    log: GuessLog = field(default_factory=GuessLog)
    waiting: Turns = field(default_factory=Turns)  # each person's links, checked one after the other


def _of(app: Application) -> _Guesses:
    return app.bot_data.setdefault(_KEY, _Guesses())


def admit(app: Application, person_id: int) -> str:
    """May the link ``person_id`` just opened be checked ``NOW``, only ``LATER`` (``later``), or is it
    ``REFUSED`` unchecked (too many of theirs are waiting already)?"""
    guesses = _of(app)
    waiting = guesses.waiting.count(person_id)
    if waiting >= WAITING_AT_MOST:
        return REFUSED
    if waiting or guesses.log.wait(person_id, time.monotonic()) > 0:
        return LATER
    return NOW


def wrong(app: Application, person_id: int) -> None:
    """The link ``person_id`` opened matches no invitation."""
    _of(app).log.wrong(person_id, time.monotonic())


def last_hour(app: Application) -> tuple[int, int]:
    """(wrong links, people who opened them) in the last hour, for the secretariat."""
    return _of(app).log.last_hour(time.monotonic())


def later(app: Application, update: object, person_id: int, check: Callable[[], Awaitable[None]]) -> None:
    """Run ``check()`` once ``person_id``'s pause is over, after their links already waiting. A failure goes to
    the error handler with ``update``, as if the update's own handler had failed."""
    guesses = _of(app)
    turn = guesses.waiting.join(person_id)  # counted as waiting from now, not from when the task starts

    async def run() -> None:
        try:
            async with turn:
                await _pause(app, guesses.log.wait(person_id, time.monotonic()))
                await check()
        finally:
            guesses.waiting.leave(person_id)

    app.create_task(run(), update=update, name=f"invitation-link-of-{person_id}")


async def _pause(app: Application, seconds: float) -> None:
    """Sleep, but not past the bot's stop (which waits for these tasks): a link still waiting then is checked
    and answered at once."""
    steps = math.ceil(seconds / 0.25)
    for _ in range(steps):
        if not app.running:
            return
        await asyncio.sleep(seconds / steps)
