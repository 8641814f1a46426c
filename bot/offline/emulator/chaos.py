"""Random faults, as a real network and a busy Telegram produce them, for resilience tests.

``fail_next`` scripts one fault where a test expects it; this is the other half: faults nobody placed, at
a rate, so a test can show the bot keeps its promises (nothing lost, nothing doubled, nobody left without an
answer) whatever fails and wherever. The kinds are the failures seen in production:

- ``429``: flood control, ``retry_after`` 1 s;
- ``5xx``: 500 or 502, Telegram's "Internal Server Error" and "Bad Gateway";
- ``slow``: the answer comes 0.5-2 s late (a congested line; below PTB's read timeout);
- ``drop_before``: the connection drops before the call is carried out: nothing happened;
- ``drop_after``: the call is carried out, then the connection drops before the answer: the person sees
  the message, the bot sees a network error and cannot know it was delivered. This is the fault that
  turns a retry into a duplicate, and the one that makes idempotency matter.

Every fault is counted by kind and by method, so a test can check it really was exercised.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable

KINDS = ("429", "5xx", "slow", "drop_before", "drop_after")
SLOW_SECONDS = (0.5, 2.0)


class RandomFaults:
    """Decides, call by call, whether and how a call fails; counts what it injected.

    getUpdates gets its own (by default smaller) rate: the long poll is one call every second or so, and a
    fault there delays everybody at once, which measures the poll's back-off more than the bot's promises.
    """

    def __init__(self, rate: float = 0.1, seed: int | None = None, kinds: Iterable[str] = KINDS,
                 updates_rate: float | None = None, methods: Iterable[str] | None = None) -> None:
        kinds = tuple(kinds)
        unknown = set(kinds) - set(KINDS)
        if unknown or not kinds:
            raise ValueError(f"fault kinds must be among {KINDS}, got {sorted(unknown) or 'none'}")
        if not 0 <= rate <= 1:
            raise ValueError("rate is a fraction of calls, between 0 and 1")
        self.rate = rate
        self.updates_rate = rate / 4 if updates_rate is None else updates_rate
        self.kinds = kinds
        self.methods = None if methods is None else {m.lower() for m in methods}
        self.random = random.Random(seed)
        self.active = True
        self.by_kind: Counter[str] = Counter()
        self.by_method: Counter[tuple[str, str]] = Counter()
        self.calls = 0

    def pick(self, method: str) -> str | None:
        """The fault for this call of ``method``, or None to carry it out normally."""
        if not self.active:
            return None
        name = method.lower()
        if self.methods is not None and name not in self.methods:
            return None
        self.calls += 1
        rate = self.updates_rate if name == "getupdates" else self.rate
        if self.random.random() >= rate:
            return None
        kind = self.random.choice(self.kinds)
        self.by_kind[kind] += 1
        self.by_method[(method, kind)] += 1
        return kind

    def error_code(self) -> int:
        return self.random.choice((500, 502))

    def delay(self) -> float:
        return self.random.uniform(*SLOW_SECONDS)

    def stop(self) -> None:
        """No more faults from now on (what was counted stays)."""
        self.active = False

    @property
    def injected(self) -> int:
        return sum(self.by_kind.values())

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {self.by_kind[kind]}" for kind in self.kinds)
        return f"{self.injected} faults in {self.calls} calls ({kinds})"
