"""The demo's workshop is a simulated event on a simulated clock: held on days ending today, each step at its
time in the programme.

The store stamps what people do (items sent, the reading's end, hence the roadmap's adoption date), and the
documents print those stamps beside the programme's times. Played at the real time, a minute's run dated the
whole workshop to that minute (the joint reading "opened at 11:59", during the working tables, and every
challenge sent "1 December" although they come in before the workshop). So the workshop keeps its programme's
hours and moves by whole days to end today, and the demo walks a ``SimulatedClock`` through it: registration and
Annex I in the days before, the mapping on day 1, the tables, plenary and joint reading on day 2 at their times.
The bot asks that clock (``bot_data["clock"]``) and the store stamps with it (``Database.stamp_with``); the real
bot keeps the real clock.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

from bot.domain.workshop_file import Workshop


def held_today(workshop: Workshop, now: dt.datetime | None = None) -> Workshop:
    """The same workshop moved by whole days so that its last day is today (in its time zone): its phases and
    agenda keep their programme's hours. The workshop file's times are local to its time zone (naive)."""
    zone = ZoneInfo(workshop.timezone)
    today = (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()
    days = today - workshop.end_date
    phases = [phase.model_copy(update={"opens": _local(phase.opens, zone) + days,
                                       "closes": _local(phase.closes, zone) + days}) for phase in workshop.phases]
    agenda = [entry.model_copy(update={"day": entry.day + days}) for entry in workshop.agenda]
    return workshop.model_copy(update={"phases": phases, "agenda": agenda,
                                       "start_date": workshop.start_date + days, "end_date": today})


def _local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A workshop file's time as a naive local one (a file may also give it with its offset)."""
    return moment if moment.tzinfo is None else moment.astimezone(zone).replace(tzinfo=None)


class SimulatedClock:
    """Now, for the simulated event: set to a moment of the programme (``at``), it runs on from there faster
    than real time (``speed`` simulated seconds per real one) and stops just short of ``until``, so each step
    stays in its session however long the run takes, and the event's stamps stay in order (it never goes back).
    Local times are naive, in the workshop's time zone."""

    def __init__(self, zone: ZoneInfo, start: dt.datetime) -> None:
        self.zone = zone
        self._start = self._until = self._aware(start)
        self._since = time.monotonic()
        self._speed = 0.0

    def _aware(self, local: dt.datetime) -> dt.datetime:
        return (local if local.tzinfo else local.replace(tzinfo=self.zone)).astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        ran = dt.timedelta(seconds=(time.monotonic() - self._since) * self._speed)
        return min(self._start + ran, self._until)

    def at(self, start: dt.datetime, until: dt.datetime | None = None, speed: float = 60.0) -> None:
        """From ``start`` (local) on, at ``speed``, until a minute before ``until`` (default: stay at start)."""
        begin = max(self._aware(start), self())
        self._start, self._since, self._speed = begin, time.monotonic(), speed
        self._until = max(begin, self._aware(until) - dt.timedelta(minutes=1)) if until else begin

    def local(self) -> dt.datetime:
        return self().astimezone(self.zone)
