"""Telegram's flood limits, enforced when a test or a bench asks for them (``BotApiEmulator.flood_limits``).

Telegram does not document them exactly and they change; these are the figures its Bot FAQ and the
libraries' guides give, which is what the bot's pacing is built against:
- bulk: about 30 messages a second across chats that did not write to the bot in the last minute;
- one chat: about one message a second, beyond a short burst (a reply in a few parts is fine);
- a group: 20 messages a minute.
Past a limit the answer is a 429 with ``retry_after``, as Telegram's. Every refusal is counted, so a test can
assert that bulk sends never trip them and that a reply that did was waited out, never lost.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

SENDING = frozenset({"sendmessage", "senddocument", "sendphoto", "sendmediagroup", "copymessage",
                     "forwardmessage", "sendvideo", "sendaudio", "sendvoice", "sendsticker", "sendanimation",
                     "sendlocation", "sendcontact", "sendpoll", "senddice"})


@dataclass
class FloodLimits:
    bulk_per_second: int = 30
    chat_burst: int = 8              # messages one chat may take at once before the 1/s rate applies
    chat_per_second: float = 1.0
    group_per_minute: int = 20
    recent_contact: float = 60.0     # seconds after a person wrote during which sends to them are replies
    refusals: list[tuple[str, int, float]] = field(default_factory=list)   # (kind, chat id, retry_after)
    _bulk: deque[float] = field(default_factory=deque)
    _groups: dict[int, deque[float]] = field(default_factory=dict)
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)  # chat -> (tokens, at)
    _wrote: dict[int, float] = field(default_factory=dict)

    def person_wrote(self, chat_id: int, now: float | None = None) -> None:
        self._wrote[chat_id] = time.monotonic() if now is None else now

    def check(self, method: str, chat_id: int | None, group: bool, now: float | None = None) -> float | None:
        """None when the send may go out (and is counted); else the seconds to wait, as a 429 says."""
        if method.lower() not in SENDING or chat_id is None:
            return None
        now = time.monotonic() if now is None else now
        if group:
            window = self._groups.setdefault(chat_id, deque())
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                return self._refuse("group", chat_id, 60.0 - (now - window[0]))
            window.append(now)
            return None
        tokens, at = self._buckets.get(chat_id, (float(self.chat_burst), now))
        tokens = min(float(self.chat_burst), tokens + (now - at) * self.chat_per_second)
        if tokens < 1.0:
            return self._refuse("chat", chat_id, (1.0 - tokens) / self.chat_per_second)
        bulk = now - self._wrote.get(chat_id, -math.inf) > self.recent_contact
        if bulk:
            while self._bulk and now - self._bulk[0] >= 1.0:
                self._bulk.popleft()
            if len(self._bulk) >= self.bulk_per_second:
                return self._refuse("bulk", chat_id, 1.0 - (now - self._bulk[0]))
            self._bulk.append(now)
        self._buckets[chat_id] = (tokens - 1.0, now)
        return None

    def _refuse(self, kind: str, chat_id: int, wait: float) -> float:
        retry_after = max(1, math.ceil(wait))
        self.refusals.append((kind, chat_id, retry_after))
        return retry_after
