"""Times as the bot stores, compares and shows them, so they are read and written the same way everywhere.

The store keeps UTC as ISO text: SQLite's own stamps end in 'Z', the bot's end in '+00:00', and a hand-edited
row may carry no zone at all (read as UTC). People read times in the workshop's own time zone, in one of the
two formats below; tests and people compare those texts, so they must not drift from one screen to another.
"""

from __future__ import annotations

import datetime as dt

# "08/09 15:00": the agenda, the audit trail, when the workshop closed.
DAY_AND_TIME = "%d/%m %H:%M"
# "2022-09-08 15:00": when sending opens next, which may be another day.
DATE_AND_TIME = "%Y-%m-%d %H:%M"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse(text: str | None) -> dt.datetime | None:
    """Stored ISO text as an aware UTC moment; None for no time at all (a phase never opened, say)."""
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """How the bot writes a moment: UTC to the second, so stored times compare as text too."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def now_iso() -> str:
    return iso(utc_now())


def _local(text: str | None, zone: dt.tzinfo, form: str) -> str:
    moment = parse(text)
    return "" if moment is None else moment.astimezone(zone).strftime(form)


def day_and_time(text: str | None, zone: dt.tzinfo) -> str:
    """A stored time as people in the room read it (``DAY_AND_TIME``); empty when there is none."""
    return _local(text, zone, DAY_AND_TIME)


def date_and_time(text: str | None, zone: dt.tzinfo) -> str:
    """A stored time with its date in full (``DATE_AND_TIME``); empty when there is none."""
    return _local(text, zone, DATE_AND_TIME)
