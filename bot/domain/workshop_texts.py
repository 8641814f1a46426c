"""The secretariat's own texts: the facts an introduction starts from, and the dates next steps are due by.

Pure rules, no Telegram and no SQL. Who took part is counted the way the roadmap's Participation counts it
(``bot.jobs.roadmap_data``): a delegation of a member state is a country, however many people it sent; an
organisation is one organisation; the people who ran the workshop (moderators, the secretariat) belong to no
delegation and are counted apart from those who took part. Dates are written the way each language writes them
(Babel, with the same locales as the reports), so the introduction the bot drafts reads like the roadmap it
will open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list

import content
from bot.domain.workshop_file import Workshop

# The locales the reports write dates in (content/<lang>/report.toml): British English, day before month.
LOCALES = {"es": "es", "en": "en_GB"}


# What those who ran the workshop did, in the order the introduction names them (as the roadmap's does).
STAFF_ROLES = ("moderator", "secretariat", "translator")


@dataclass(frozen=True)
class Attendance:
    """Who took part: the member states whose delegations came (ids of the workshop file, in its order), how
    many organisations, how many people of those delegations and organisations took part (``people``), and
    how many ran the workshop (``staff``: moderators, the secretariat, translators), counted apart as the roadmap
    counts them, so the introduction's "35 people" is not 30 delegates and 5 of the secretariat; ``roles``: how
    many of those held each role (`STAFF_ROLES` order, roles nobody held left out), so the draft says what they
    did ("3 moderated the tables, 1 served as secretariat") rather than one clause that names every role."""

    countries: tuple[str, ...]
    organisations: int
    people: int
    staff: int = 0
    roles: tuple[tuple[str, int], ...] = ()


def attendance(workshop: Workshop, members: Iterable[Mapping[str, Any]],
               staff: Mapping[int, Collection[str]]) -> Attendance:
    """``members``: the registered members (person_id, country, organisation, other_affiliation); ``staff``:
    the roles of each person with a moderator's, the secretariat's or a translator's role. A member of the
    secretariat's own organisation is staff too, as in the roadmap (with no role to count)."""
    countries: set[str] = set()
    organisations: set[str] = set()
    people = ran = 0
    held = dict.fromkeys(STAFF_ROLES, 0)
    for member in members:
        organisation = workshop.organisation(member.get("organisation"))
        if member["person_id"] in staff or (organisation is not None and organisation.kind == "secretariat"):
            ran += 1
            for role in set(staff.get(member["person_id"], ())) & set(held):
                held[role] += 1
            continue
        people += 1
        if member.get("country"):
            countries.add(member["country"])
        elif member.get("organisation"):
            organisations.add(member["organisation"])
        elif (member.get("other_affiliation") or "").strip():
            organisations.add(member["other_affiliation"].strip().casefold())
    order = [c.id for c in workshop.countries]
    ordered = sorted(countries, key=lambda c: (order.index(c) if c in order else len(order), c))
    return Attendance(tuple(ordered), len(organisations), people, ran,
                      tuple((role, n) for role, n in held.items() if n))


def introduction_facts(workshop: Workshop, came: Attendance, language: str,
                       label: Callable[..., str]) -> dict[str, Any]:
    """What the introduction's draft (``wtext.intro_draft``) is made of, in ``language``: one set of facts for
    the secretariat's /introduction and for the demo's translator, who starts from the same draft. ``label``
    (key, **params) words a clause in ``language``: what each role's holders did (``wtext.intro_staff_<role>``),
    listed as the language lists ("3 moderaron las mesas, 1 formó la secretaría y 1 tradujo")."""
    countries = country_names(workshop, came.countries, language)
    roles = [label(f"wtext.intro_staff_{role}", n=n) for role, n in came.roles]
    return {"title": workshop.title.get(language), "place": workshop.place.get(language),
            "dates": when_held(workshop.start_date, workshop.end_date, language),
            "organisers": workshop.organisers.get(language), "countries": countries, "delegations": len(countries),
            "organisations": came.organisations, "people": came.people, "staff": came.staff,
            "staff_roles": format_list(roles, locale=_locale(language)) if roles else ""}


def country_names(workshop: Workshop, country_ids: Iterable[str], language: str) -> list[str]:
    """The countries' names in ``language``, in that language's alphabetical order (``content.name_order``):
    the workshop file lists them in one order, and the English introduction read "El Salvador, United States,
    Guatemala", the Spanish order of "Estados Unidos" (issue 12, second reading, point 11)."""
    found = (workshop.country(code) for code in country_ids)
    return sorted((name for country in found if country and (name := country.name.get(language))),
                  key=content.name_order)


def _locale(language: str) -> str:
    """The locale a language's dates are written in: the reports' for Spanish and English, Babel's own for any
    other language it knows (a third one of the workshop's content folder), else Spanish's (the bot's default)."""
    if language in LOCALES:
        return LOCALES[language]
    try:
        Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return LOCALES["es"]
    return language


def long_date(day: dt.date, language: str) -> str:
    """"31 de marzo de 2023", "31 March 2023"."""
    return format_date(day, "long", locale=_locale(language))


def _interval(start: dt.date, end: dt.date, locale: str) -> str:
    """Two days as ``locale`` writes a span ("7 – 8 de setembro de 2022"): Babel's interval pattern of day, month
    and year, with the month's name written out as the long date writes it; two long dates where it has none."""
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    parts = Locale.parse(locale).interval_formats.get("yMMMd", {}).get(greatest)
    if not parts or len(parts) != 2:
        return f"{format_date(start, 'long', locale=locale)} – {format_date(end, 'long', locale=locale)}"
    return "".join(format_date(day, re.sub(r"(?<!M)MMM(?!M)", "MMMM", part), locale=locale)
                   for part, day in zip(parts, (start, end), strict=True))


def when_held(start: dt.date, end: dt.date, language: str) -> str:
    """When the workshop was held, as a sentence says it: "los días 7 y 8 de septiembre de 2022" (two days of
    one month: "del 7 al 8" read oddly to a Spanish reader, session 12), "del 7 al 9 de septiembre", "del 30
    de noviembre al 1 de diciembre de 2026", "on 7–8 September 2022", "from 30 November to 1 December 2026"; in any
    other language the day or the span as its locale writes it ("7 – 8 de setembro de 2022"), with no
    preposition (its texts' sentence brings its own), and Spanish's words for a language Babel does not know."""
    if language not in ("es", "en"):  # any other language: as its own locale writes a day or a span
        locale = _locale(language)
        if locale == LOCALES["es"]:
            language = "es"
        else:
            return long_date(end, language) if start == end else _interval(start, end, locale)
    locale = LOCALES.get(language, language)
    if start == end:
        return ("el " if language == "es" else "on ") + long_date(end, language)
    if language != "es" and (start.year, start.month) == (end.year, end.month):
        return f"on {start.day}–{long_date(end, language)}"
    same_year = start.year == end.year
    if language == "es" and (end - start).days == 1 and start.month == end.month:
        return f"los días {start.day} y {long_date(end, language)}"
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
