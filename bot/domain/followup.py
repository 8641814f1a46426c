"""After the event: commitments to the adopted recommendations, and the check-in rounds that follow them.

A roadmap nobody follows up is a PDF in a drawer. Delegations (countries) and organisations commit to adopted
recommendations at or after the joint reading, each naming who reports; on the schedule of the workshop file
(``Workshop.followup``) that person is asked, in their language, how each commitment is going. These are the
rules of it, with no Telegram and no SQL: when rounds fall due, when a reminder is due, what an answer may hold.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.workshop_file import FollowUp, Workshop

STATUSES = ("not_started", "under_way", "done", "stalled")
ADOPTED = ("adopted", "adopted_amended")   # only what the reading adopted can be committed to
NOTE_LIMIT = 1000   # a short note, not a report: the document or link carries the rest
LINK_LIMIT = 300
_LINK = re.compile(r"https?://[^\s<>\"]{3,}", re.IGNORECASE)


@dataclass(frozen=True)
class Round:
    """One check-in round as the schedule has it: its number (1, 2, ...) and when it opens."""

    number: int
    due_at: dt.datetime


@dataclass(frozen=True)
class Commitment:
    """A country (``country``) or an organisation (``organisation``) committed to recommendation ``item_id``;
    ``reporter_id`` reports on it (None: nobody yet, e.g. an invitation not opened, or the reporter stopped)."""

    id: int
    workshop_id: int
    item_id: int
    country: str | None
    organisation: str | None
    reporter_id: int | None
    invitation_id: int | None
    at_reading: bool
    made_at: str
    stopped_at: str | None = None

    @property
    def party(self) -> str:
        """The delegation's id in the workshop file, whichever kind it is."""
        return self.country or self.organisation or ""


@dataclass(frozen=True)
class StoredRound:
    id: int
    workshop_id: int
    number: int
    due_at: str
    opened_at: str
    reminded_at: str | None = None


@dataclass(frozen=True)
class CheckIn:
    """One answer: a commitment's status in one round, with a note and optionally a link or a document."""

    round_id: int
    round_number: int
    commitment_id: int
    reporter_id: int | None
    status: str
    note: str
    link: str
    document_name: str | None
    answered_at: str
    # the reporter's chosen language and their Telegram app's (an IETF tag): the note's language is the one
    # the workshop speaks to them in (`Workshop.language_for`), unknown where neither is known
    language: str | None = None
    telegram_language: str | None = None


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day ``months`` later (the last day of a shorter month: 30 November after 31 August)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def schedule(ended_at: dt.datetime, spec: FollowUp) -> list[Round]:
    """Every round of the follow-up: every ``every_months`` from the day the reading ended, for ``for_months``."""
    count = spec.for_months // spec.every_months
    return [Round(n, add_months(ended_at, n * spec.every_months)) for n in range(1, count + 1)]


def due_rounds(workshop: Workshop, ended_at: dt.datetime | None, now: dt.datetime) -> list[Round]:
    """The rounds that should have opened by ``now``; none before the reading ended or without a schedule."""
    if workshop.followup is None or ended_at is None:
        return []
    return [r for r in schedule(ended_at, workshop.followup) if r.due_at <= now]


def next_round(workshop: Workshop, ended_at: dt.datetime | None, now: dt.datetime) -> Round | None:
    """The next round still to come, to tell a focal point when they will be asked."""
    if workshop.followup is None or ended_at is None:
        return None
    return next((r for r in schedule(ended_at, workshop.followup) if r.due_at > now), None)


def reminder_due(workshop: Workshop, opened_at: dt.datetime, reminded_at: dt.datetime | None,
                 now: dt.datetime) -> bool:
    """One reminder per round, ``remind_after_days`` after it opened, to whoever has not answered yet."""
    spec = workshop.followup
    return spec is not None and reminded_at is None and now >= opened_at + dt.timedelta(days=spec.remind_after_days)


def committable(status: str) -> bool:
    return status in ADOPTED


def party_of(workshop: Workshop, value: str) -> tuple[str | None, str | None] | None:
    """``c:GT`` / ``o:IOM`` as (country, organisation) when the workshop file knows it, else None."""
    kind, _, ident = value.partition(":")
    if kind == "c" and workshop.country(ident):
        return ident, None
    if kind == "o" and workshop.organisation(ident):
        return None, ident
    return None


def party_name(workshop: Workshop, language: str, country: str | None, organisation: str | None) -> str:
    return workshop.affiliation(language, country, organisation, None) or (country or organisation or "")


def same_delegation(country: str | None, organisation: str | None, member_country: str | None,
                    member_organisation: str | None) -> bool:
    """A colleague one may hand reporting over to speaks for the same country or organisation."""
    return (country is not None and country == member_country) or \
        (organisation is not None and organisation == member_organisation)


def link_in(text: str) -> str | None:
    """The web address a typed answer gives (bounded), or None when it gives none."""
    found = _LINK.search(text or "")
    return found.group(0)[:LINK_LIMIT] if found else None


def unanswered(commitments: list[Commitment], answered: set[int]) -> list[Commitment]:
    """Commitments with a reporter that have no answer in the round: whom a reminder goes to."""
    return [c for c in commitments if c.reporter_id is not None and c.id not in answered]
