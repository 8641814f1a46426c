"""When a closed workshop's personal data goes: the retention rule, with no clock of its own.

A workshop keeps names, institutions, positions and Telegram ids only as long as the secretariat needs them
after closing (certificates, follow-up). The rule: ``days`` after closing the data is erased, and never
without the secretariat having been told ``warning_days`` before, so a bot that was off during the warning
window warns first and erases that many days later rather than erasing unannounced.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum


class Step(Enum):
    KEEP = "keep"
    WARN = "warn"
    ERASE = "erase"


def erase_on(closed_at: dt.datetime, days: int) -> dt.datetime:
    return closed_at + dt.timedelta(days=days)


def next_step(closed_at: dt.datetime, warned_at: dt.datetime | None, now: dt.datetime, *, days: int,
              warning_days: int) -> Step:
    """What to do now for one closed workshop whose data is still there."""
    due = erase_on(closed_at, days)
    if warned_at is None:
        return Step.WARN if now >= due - dt.timedelta(days=warning_days) else Step.KEEP
    if now >= due and now >= warned_at + dt.timedelta(days=warning_days):
        return Step.ERASE
    return Step.KEEP


def erase_date(closed_at: dt.datetime, warned_at: dt.datetime, *, days: int, warning_days: int) -> dt.datetime:
    """The day the warning announces: the later of the due date and a full warning period."""
    return max(erase_on(closed_at, days), warned_at + dt.timedelta(days=warning_days))
