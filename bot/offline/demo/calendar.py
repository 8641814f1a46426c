"""The demo's workshop is held as a rehearsal, today: its dates move so that it ends now.

The store stamps what people do with the real time (items sent, the reading's end, hence the roadmap's adoption
date), so a demo of the 2022 workshop played in 2026 would print "held 7-8 September 2022, adopted 1 December
2026" and items dated long after the event. Moving the workshop instead keeps every date in the documents
consistent. Its agenda's windows move by the same amount and all end just before now, so the scheduler finds
nothing to open or close on its own: the demo opens and closes each phase by hand, as the secretariat and the
moderators would in the room.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.domain.workshop_file import Workshop


def held_today(workshop: Workshop, now: dt.datetime | None = None) -> Workshop:
    """The same workshop, its phases moved to end a minute before ``now`` and its days to match. The workshop
    file's times are local to its time zone (naive), so the move is made in local time."""
    if not workshop.phases:
        return workshop
    zone = ZoneInfo(workshop.timezone)
    local_now = (now or dt.datetime.now(dt.UTC)).astimezone(zone).replace(tzinfo=None)
    shift = local_now - dt.timedelta(minutes=1) - max(_local(phase.closes, zone) for phase in workshop.phases)
    shift -= dt.timedelta(seconds=shift.seconds % 60, microseconds=shift.microseconds)  # whole minutes
    phases = [phase.model_copy(update={"opens": _local(phase.opens, zone) + shift,
                                       "closes": _local(phase.closes, zone) + shift}) for phase in workshop.phases]
    last = local_now.date()  # the joint reading ends, and the roadmap is adopted, now
    days = last - workshop.end_date
    start = workshop.start_date + days
    agenda = [entry.model_copy(update={"day": entry.day + days}) for entry in workshop.agenda]
    return workshop.model_copy(update={"phases": phases, "agenda": agenda, "start_date": start, "end_date": last})


def _local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A workshop file's time as a naive local one (a file may also give it with its offset)."""
    return moment if moment.tzinfo is None else moment.astimezone(zone).replace(tzinfo=None)
