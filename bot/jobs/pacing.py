"""Telegram's flood limits as a plain pacer: about 30 messages a second overall, one a second per chat, 20 a
minute in a group (a group's id is negative, a person's positive).

The announcement sender asks how long to wait before writing to a chat and reports each send; keeping
the numbers here (not in the sender) lets the tests check the pacing without a network.
"""

from __future__ import annotations

import time
from collections.abc import Callable

OVERALL_PER_SECOND = 28        # bulk sends: just under Telegram's ~30/s across chats
PER_CHAT_INTERVAL = 1.0        # ~1 message per second to the same chat
PER_GROUP_INTERVAL = 3.1       # 20 messages a minute in one group, with a margin for the clocks between


class Pacer:
    def __init__(self, per_second: float = OVERALL_PER_SECOND, per_chat: float = PER_CHAT_INTERVAL,
                 clock: Callable[[], float] = time.monotonic, per_group: float = PER_GROUP_INTERVAL) -> None:
        self.gap = 1.0 / per_second
        self.per_chat = per_chat
        self.per_group = per_group
        self.clock = clock
        self._next_any = 0.0
        self._next_chat: dict[int, float] = {}

    def delay(self, chat_id: int) -> float:
        """Seconds to wait before the next message to ``chat_id``."""
        now = self.clock()
        return max(0.0, self._next_any - now, self._next_chat.get(chat_id, 0.0) - now)

    def sent(self, chat_id: int) -> None:
        now = self.clock()
        self._next_any = now + self.gap
        self._next_chat[chat_id] = now + (self.per_group if chat_id < 0 else self.per_chat)
        if len(self._next_chat) > 10_000:  # forget chats long past their interval
            self._next_chat = {c: t for c, t in self._next_chat.items() if t > now}
