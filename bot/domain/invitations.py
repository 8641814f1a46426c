"""Invitation links people open on their phones: unguessable tokens inside Telegram deep links."""

from __future__ import annotations

import secrets

TOKEN_BYTES = 18  # 24 url-safe characters: 144 bits, far beyond guessing, within Telegram's 64-char payload


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(payload: str) -> bool:
    return 16 <= len(payload) <= 64 and all(c.isalnum() or c in "-_" for c in payload) and payload.isascii()


def invitation_link(bot_username: str, token: str) -> str:
    """The deep link that opens the bot with ``/start <token>`` (Telegram's ``t.me/<bot>?start=<payload>``)."""
    username = bot_username.lstrip("@")
    if len(username) < 4 or not looks_like_token(token):
        raise ValueError("an invitation link needs the bot's username and a token of 16-64 URL-safe characters")
    return f"https://t.me/{username}?start={token}"


def invitation_state(revoked_at: str | None, expires_at: str | None, uses: int, max_uses: int | None,
                     now_iso: str) -> str:
    """What opening the link would meet now: ``revoked``, ``expired``, ``used_up`` or ``active`` (checked in this
    order, as ``InvitationStore.redeem_invitation`` does for a new person)."""
    if revoked_at:
        return "revoked"
    if expires_at and expires_at <= now_iso:
        return "expired"
    if max_uses is not None and uses >= max_uses:
        return "used_up"
    return "active"


# -- guessing is slowed down -------------------------------------------------------------------------------------
# A token cannot be guessed (144 bits), but a person trying link after link still costs a look-up each, and says
# something the secretariat should know. Past a few wrong links a minute, each further link one person opens is
# checked only after a pause that doubles, up to half a minute: a typo or two costs nothing, a guesser is slowed
# to about two tries a minute.
FREE_GUESSES = 5           # wrong links a minute that are checked at once
GUESS_WINDOW = 60.0        # seconds those are counted over
FIRST_GUESS_WAIT = 2.0     # seconds before the first link past those is checked; doubles with each one after it
LONGEST_GUESS_WAIT = 30.0
REPORT_WINDOW = 3600.0     # the secretariat is shown the wrong links of the last hour
GUESSERS_KEPT = 10_000     # people remembered at once: the longest-quiet are forgotten first


def guess_wait(wrong_in_window: int) -> float:
    """Seconds to wait before checking the next link of someone who opened ``wrong_in_window`` wrong ones within
    ``GUESS_WINDOW``: nothing for the first ``FREE_GUESSES``, then 2, 4, 8, 16 s, and never more than 30 s."""
    past = wrong_in_window - FREE_GUESSES
    if past < 0:
        return 0.0
    return min(LONGEST_GUESS_WAIT, FIRST_GUESS_WAIT * 2 ** min(past, 16))


class GuessLog:
    """Who opened wrong invitation links, and when: the recent ones per person and a count per minute for the
    last hour. Bounded whatever the traffic: per person at most a few dozen times and 60 minute counts, and at
    most ``kept`` people (the longest-quiet forgotten first). Times are seconds on any one clock."""

    def __init__(self, kept: int = GUESSERS_KEPT) -> None:
        self.kept = kept
        self._recent: dict[int, list[float]] = {}         # person -> their latest wrong links, oldest first
        self._minutes: dict[int, dict[int, int]] = {}     # person -> {minute: wrong links in it}

    def wrong(self, person: int, now: float) -> None:
        """``person`` opened a link that matches no invitation at ``now``."""
        recent = [t for t in self._recent.pop(person, []) if t > now - GUESS_WINDOW]
        self._recent[person] = [*recent, now][-(FREE_GUESSES + 16):]  # enough to reach the longest wait
        minutes = {m: n for m, n in self._minutes.pop(person, {}).items() if m > (now - REPORT_WINDOW) // 60}
        minute = int(now // 60)
        minutes[minute] = minutes.get(minute, 0) + 1
        self._minutes[person] = minutes  # re-inserted: the dicts keep the most recently active people last
        while len(self._recent) > self.kept:
            oldest = next(iter(self._recent))
            del self._recent[oldest]
            self._minutes.pop(oldest, None)

    def in_window(self, person: int, now: float) -> int:
        """Wrong links ``person`` opened within the last ``GUESS_WINDOW`` seconds."""
        return sum(t > now - GUESS_WINDOW for t in self._recent.get(person, ()))

    def wait(self, person: int, now: float) -> float:
        """Seconds before ``person``'s next link may be checked (``guess_wait``)."""
        return guess_wait(self.in_window(person, now))

    def last_hour(self, now: float) -> tuple[int, int]:
        """(wrong links, people who opened them) within the last ``REPORT_WINDOW`` seconds, by whole minutes."""
        first = (now - REPORT_WINDOW) // 60
        counts = [sum(n for m, n in minutes.items() if m > first) for minutes in self._minutes.values()]
        return sum(counts), sum(1 for n in counts if n)

    def __len__(self) -> int:
        return len(self._recent)
