"""When the agenda itself opens, reminds and closes phases: plain planning over phase rows, no Telegram.

python-telegram-bot keeps jobs in memory only, so the plan is recomputed from the database at start-up and
whenever the agenda changes; each event is applied by a guarded write (see
``PhaseStore.phase_transition``), which makes re-planning and re-firing harmless.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.clock import parse
from bot.domain.records import PhaseRow

# A scheduled row whose close is older than this is history (last year's workshop, a long outage): it is
# left alone, since phase rules already treat it as closed, and nobody is told about it.
STALE_AFTER = dt.timedelta(hours=6)
# Events applied later than this (the bot was down) still change the state, without telling people.
NOTIFY_WITHIN = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Event:
    phase_id: int
    kind: str                 # open / remind / close
    at: dt.datetime           # when it should happen (may be in the past: then it is due now)
    anchor: str | None        # the row's opens_at or closes_at the event was planned from


def plan(rows: Iterable[PhaseRow], now: dt.datetime) -> list[Event]:
    """Every event still to happen (or overdue) for these phase rows."""
    events: list[Event] = []
    for row in rows:
        opens, closes, opened = parse(row.opens_at), parse(row.closes_at), parse(row.opened_at)
        if closes is None or row.state == "closed":
            continue
        if row.state == "scheduled" and closes < now - STALE_AFTER:
            continue
        if opened is not None and opened >= closes:
            continue  # reopened by hand after its scheduled close: the moderator closes it
        if row.state == "scheduled" and opens is not None and now < closes:
            events.append(Event(row.id, "open", opens, row.opens_at))
        if row.reminder_minutes > 0 and row.reminded_at is None and now < closes:
            events.append(Event(row.id, "remind", closes - dt.timedelta(minutes=row.reminder_minutes),
                                row.closes_at))
        events.append(Event(row.id, "close", closes, row.closes_at))
    return sorted(events, key=lambda e: (e.at, ("open", "remind", "close").index(e.kind)))


def worth_telling(event: Event, now: dt.datetime) -> bool:
    return now - event.at <= NOTIFY_WITHIN


def minutes_left(closes_at: str | None, now: dt.datetime) -> int:
    closes = parse(closes_at)
    return 0 if closes is None else max(1, math.ceil((closes - now).total_seconds() / 60))

