"""The secretariat's own texts: the facts an introduction starts from, and the dates next steps are due by.

Pure rules, no Telegram and no SQL. Who took part is counted the way the roadmap's Participation counts it
(``bot.jobs.roadmap_data``): a delegation of a member state is a country, however many people it sent; an
organisation is one organisation; the people who ran the workshop (moderators, the secretariat) are people who
took part but belong to no delegation. Dates are written the way each language writes them (Babel, with the
same locales as the reports), so the introduction the bot drafts reads like the roadmap it will open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from bot.domain.workshop_file import Workshop

# The locales the reports write dates in (content/<lang>/report.toml): British English, day before month.
LOCALES = {"es": "es", "en": "en_GB"}


@dataclass(frozen=True)
class Attendance:
    """Who took part: the member states whose delegations came (ids of the workshop file, in its order), how
    many organisations, and how many people in all."""

    countries: tuple[str, ...]
    organisations: int
    people: int


def attendance(workshop: Workshop, members: Iterable[Mapping[str, Any]], staff: set[int]) -> Attendance:
    """``members``: the registered members (person_id, country, organisation, other_affiliation); ``staff``:
    the people with a moderator's or the secretariat's role. A member of the secretariat's own organisation is
    staff too, as in the roadmap."""
    countries: set[str] = set()
    organisations: set[str] = set()
    people = 0
    for member in members:
        people += 1
        organisation = workshop.organisation(member.get("organisation"))
        if member["person_id"] in staff or (organisation is not None and organisation.kind == "secretariat"):
            continue
        if member.get("country"):
            countries.add(member["country"])
        elif member.get("organisation"):
            organisations.add(member["organisation"])
        elif (member.get("other_affiliation") or "").strip():
            organisations.add(member["other_affiliation"].strip().casefold())
    order = [c.id for c in workshop.countries]
    ordered = sorted(countries, key=lambda c: (order.index(c) if c in order else len(order), c))
    return Attendance(tuple(ordered), len(organisations), people)


def long_date(day: dt.date, language: str) -> str:
    """"31 de marzo de 2023", "31 March 2023"."""
    return format_date(day, "long", locale=LOCALES.get(language, language))


def when_held(start: dt.date, end: dt.date, language: str) -> str:
    """When the workshop was held, as a sentence says it: "del 7 al 8 de septiembre de 2022", "del 30 de
    noviembre al 1 de diciembre de 2026", "on 7–8 September 2022", "from 30 November to 1 December 2026"."""
    locale = LOCALES.get(language, language)
    if start == end:
        return ("el " if language == "es" else "on ") + long_date(end, language)
    if language != "es" and (start.year, start.month) == (end.year, end.month):
        return f"on {start.day}–{long_date(end, language)}"
    same_year = start.year == end.year
    if language == "es":
        first = format_date(start, "d" if (start.year, start.month) == (end.year, end.month)
                            else "d 'de' MMMM" if same_year else "long", locale=locale)
        return f"del {first} al {long_date(end, language)}"
    first = format_date(start, "d MMMM" if same_year else "long", locale=locale)
    return f"from {first} to {long_date(end, language)}"


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def read_day(text: str) -> dt.date | None:
    """A date as people type it, by the year first (2023-03-31) or the day first (31/03/2023, 31.03.2023);
    None when it is no real date. Month first is never read: 03/04/2023 is the 3rd of April in the region."""
    text = text.strip()
    if found := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in found.groups())
    elif found := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in found.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
