"""One way to read and write a stored time, and one way each to show it: every screen agrees with the others.

The store holds SQLite's own stamps (``...Z``, with fractions), the bot's (``+00:00``) and, from a hand-edited
row, times with another offset or none at all; each must mean the same moment to every rule.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.domain import agenda, clock
from bot.domain.records import PhaseRow

PUEBLA = ZoneInfo("America/Mexico_City")
MOMENT = dt.datetime(2022, 9, 8, 20, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", [
    "2022-09-08T20:30:00Z", "2022-09-08T20:30:00+00:00", "2022-09-08T15:30:00-05:00", "2022-09-08T20:30:00",
])
def test_every_spelling_of_a_moment_is_the_same_utc_moment(text):
    parsed = clock.parse(text)
    assert parsed == MOMENT
    assert parsed.utcoffset() == dt.timedelta(0)


def test_a_stored_time_round_trips_through_iso():
    assert clock.iso(MOMENT) == "2022-09-08T20:30:00+00:00"
    assert clock.iso(MOMENT.astimezone(PUEBLA)) == "2022-09-08T20:30:00+00:00"
    assert clock.parse(clock.iso(MOMENT)) == MOMENT
    stamped = clock.parse("2022-09-08T20:30:00.250Z")  # SQLite's strftime('%Y-%m-%dT%H:%M:%fZ')
    assert stamped == MOMENT + dt.timedelta(milliseconds=250)
    assert clock.iso(stamped) == "2022-09-08T20:30:00+00:00"
    assert clock.parse(clock.now_iso()) <= clock.utc_now()


def test_no_time_is_no_moment_and_shows_as_nothing():
    assert clock.parse(None) is None and clock.parse("") is None
    assert clock.day_and_time(None, PUEBLA) == "" and clock.date_and_time("", PUEBLA) == ""


def test_people_read_times_in_the_workshops_zone():
    assert clock.day_and_time("2022-09-08T20:30:00Z", PUEBLA) == "08/09 15:30"
    assert clock.date_and_time("2022-09-08T20:30:00+00:00", PUEBLA) == "2022-09-08 15:30"
    assert clock.day_and_time("2022-09-09T03:00:00Z", PUEBLA) == "08/09 22:00"  # still the evening before


def test_the_agenda_reads_a_sqlite_stamp_like_its_own():
    row = PhaseRow(id=1, workshop_id=1, code="tables", kind="tables", table_id=None, state="scheduled",
                   opens_at="2022-09-08T19:00:00Z", closes_at="2022-09-08T20:30:00.000Z", reminder_minutes=0,
                   opened_at=None, closed_at=None, reminded_at=None)
    events = agenda.plan([row], MOMENT - dt.timedelta(hours=2))
    assert [(e.kind, e.at) for e in events] == [("open", MOMENT - dt.timedelta(minutes=90)), ("close", MOMENT)]
    assert agenda.minutes_left(row.closes_at, MOMENT - dt.timedelta(minutes=10)) == 10
