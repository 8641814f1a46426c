"""From the store to the reports' plain model: who is credited how, what is public, in which language.

This is where each author's attribution choice becomes the credit printed in the roadmap, and where personal
data is left out unless the person agreed; ``reports/`` only prints what it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.domain import clock, lifecycle
from bot.domain.plenary import absorbed
from bot.domain.records import WorkshopRows
from bot.domain.workshop_file import Workshop
from bot.i18n import SUPPORTED_LANGUAGES, load_toml
from bot.storage import Storage
from reports import model


def credit(workshop: Workshop, member: dict[str, Any] | None, attribution: str, language: str) -> str | None:
    """The public credit an author chose; anonymous (None) if they chose it or erased their data."""
    if member is None or attribution == "anonymous" or member.get("forgotten_at"):
        return None
    where = workshop.affiliation(language, member.get("country"), member.get("organisation"),
                                 member.get("other_affiliation"))
    if attribution == "named" and member.get("full_name"):
        return f"{member['full_name']} ({where})" if where else member["full_name"]
    return where


RESTRICTIVE = {"anonymous": 0, "country": 1, "named": 2}
# The short form an organisation's name ends with: "… para las Migraciones (OIM)" -> "OIM".
_SHORT_NAME = re.compile(r"\(([A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑ]*[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9-]*)\)\s*$")


def _short_name(name: str) -> str:
    found = _SHORT_NAME.search(name)
    return found.group(1) if found else ""


def _names(localised, language: str) -> tuple[str, tuple[str, ...]]:
    """A workshop file's name in `language`, and its names in the other languages (for finding it in texts
    written in them)."""
    name = localised.get(language)
    others = [getattr(localised, code, "") for code in SUPPORTED_LANGUAGES if code != language]
    return name, tuple(dict.fromkeys(o for o in others if o and o != name))


def _organisation(org, language: str) -> model.Organisation:
    name, others = _names(org.name, language)
    aliases = [*others, *(_short_name(o) for o in others)]
    short = _short_name(name)
    return model.Organisation(org.id, name, org.kind, acronym=short,
                              aliases=tuple(dict.fromkeys(a for a in aliases if a and a != short)))


def attribution_choices(rows: WorkshopRows) -> dict[int, str]:
    """Each person's most restrictive attribution choice across their own items (a table's consolidated
    recommendation is the table's, not a choice of its rapporteur). People without items have no entry: whoever
    uses it credits them anonymously, since they were never asked."""
    table_items = {row["id"] for row in rows.contributions if row["consolidated"]}
    choices: dict[int, str] = {}
    for item_id, authors in rows.authors.items():
        if item_id in table_items:
            continue
        for person_id, attribution in authors:
            known = choices.get(person_id)
            if attribution in RESTRICTIVE and (known is None or RESTRICTIVE[attribution] < RESTRICTIVE[known]):
                choices[person_id] = attribution
    return choices


def _participant_kind(workshop: Workshop, member: dict[str, Any]) -> str:
    if member.get("country"):
        return "government"
    organisation = workshop.organisation(member.get("organisation"))
    if organisation is None:
        return "other"
    return {"civil_society": "civil_society", "international": "observer", "academia": "observer",
            "secretariat": "secretariat", "government": "government"}.get(organisation.kind, "other")


def _person_credit(workshop: Workshop, members: dict[int, dict], choices: dict[int, str], person_id: int | None,
                   language: str) -> str | None:
    """A person credited for something that is not an item of theirs (a comment, a rapporteur's role): as they
    chose for their own items, the most restrictive choice winning; anonymous if they never chose."""
    if person_id is None:
        return None
    return credit(workshop, members.get(person_id), choices.get(person_id, "anonymous"), language)


def _info(workshop: Workshop, language: str, rows: WorkshopRows, members: dict[int, dict],
          choices: dict[int, str]) -> model.WorkshopInfo:
    rapporteur_of = {rows.tables[t]: p for t, p in rows.rapporteurs.items() if t in rows.tables}
    return model.WorkshopInfo(
        title=workshop.title.get(language), place=workshop.place.get(language),
        starts_on=workshop.start_date, ends_on=workshop.end_date,
        organisers=tuple(workshop.organisers.get(language)),
        levels=tuple(model.Level(lv.id, lv.name.get(language)) for lv in workshop.levels),
        dimensions=tuple(model.Dimension(d.id, d.name.get(language)) for d in workshop.dimensions),
        tables=tuple(
            model.Table(t.id, t.name.get(language), t.level, tuple(t.moderators),
                        _person_credit(workshop, members, choices, rapporteur_of.get(t.id), language))
            for t in workshop.tables),
        countries=tuple(model.Country(c.id, *_names(c.name, language)) for c in workshop.countries),
        organisations=tuple(_organisation(o, language) for o in workshop.organisations),
        timezone=workshop.timezone,
    )


def _in_order(dimensions, workshop: Workshop) -> tuple[str, ...]:
    """An item's dimensions in the order the workshop defines them (unknown ones last, as stored)."""
    order = {d.id: n for n, d in enumerate(workshop.dimensions)}
    return tuple(sorted(dimensions, key=lambda d: order.get(d, len(order))))


def consolidated_into(rows: WorkshopRows) -> dict[int, int]:
    """Members' recommendations a table's consolidated recommendation absorbed: source id -> consolidated id.

    The one rule the reports follow, as the plenary and the joint reading do (`bot.domain.plenary.plenary_agenda`):
    a live consolidated recommendation stands for the items it 'consolidates', so those are shown like merged
    ones (in the annex, pointing to it), never as live recommendations of their own.
    """
    by_id = {row["id"]: row for row in rows.contributions}
    return absorbed(
        ((row["id"], bool(row["consolidated"]) and row["kind"] == "recommendation", row["status"],
          rows.links.get(row["id"], ())) for row in rows.contributions),
        lambda to_id: to_id in by_id and not by_id[to_id]["consolidated"],
    )


def _item(workshop: Workshop, language: str, row: dict[str, Any], rows: WorkshopRows,
          members: dict[int, dict], absorbed: dict[int, int], choices: dict[int, str]) -> model.Item:
    item_id, details = row["id"], row["details"]
    authors = rows.authors.get(item_id) or ([(row["author_id"], row["attribution"])] if row["author_id"] else [])
    first = authors[0] if authors else (None, "anonymous")
    author = members.get(first[0])
    links = rows.links.get(item_id, [])
    stances = rows.stances.get(item_id, {})
    comments = tuple(
        model.Comment(c["text"] or "", _person_credit(workshop, members, choices, c["person_id"], language),
                      (members.get(c["person_id"]) or {}).get("person_language") or row["language"],
                      clock.parse(c["created_at"]))
        for c in rows.comments.get(item_id, []))
    anonymous = author is None or first[1] == "anonymous" or author.get("forgotten_at")
    country = None if anonymous else workshop.country(author.get("country"))
    organisation = None if anonymous else workshop.organisation(author.get("organisation"))
    status = row["status"] if row["status"] in lifecycle.IN_REPORTS else lifecycle.SUBMITTED
    table_code = rows.tables.get(row["table_id"])
    item_credit = credit(workshop, author, first[1], language)
    if row["consolidated"]:
        # A table's own recommendation: credited to the table, and answering what its sources answered.
        table = next((t for t in workshop.tables if t.id == table_code), None)
        item_credit = table.name.get(language) if table else item_credit
        sources = [to_id for to_id, rel in links if rel == "consolidates"]
        links = [*links, *(link for source in sources for link in rows.links.get(source, ()))]
    reading = status in lifecycle.READING_OUTCOMES
    return model.Item(
        id=item_id, kind=row["kind"], status=status, language=row["language"],
        created_at=clock.parse(row["created_at"]),
        level_id=row["level"], dimension_ids=_in_order(rows.dimensions.get(item_id, ()), workshop),
        table_id=table_code, credit=item_credit,
        merged_credits=tuple(credit(workshop, members.get(p), a, language) for p, a in authors[1:]),
        merged_into=row["merged_into"], consolidated=bool(row["consolidated"]),
        consolidated_into=absorbed.get(item_id), moderation_reason="" if reading else (row["status_reason"] or ""),
        country_id=country.id if country else None, country_name=country.name.get(language) if country else None,
        organisation_id=organisation.id if organisation else None,
        organisation_name=organisation.name.get(language) if organisation else None,
        description=details.get("description", ""), group_ids=tuple(details.get("groups", ())),
        groups_other=details.get("groups_other", ""),
        name=details.get("name", ""), where=details.get("where", ""), run_by=details.get("run_by", ""),
        achieved=details.get("achieved", ""), link=details.get("link", ""),
        has_document=item_id in rows.attachments,
        action=details.get("action", ""), scope=details.get("scope"), actor_ids=tuple(details.get("actors", ())),
        timeframe=details.get("timeframe"),
        challenge_ids=tuple(dict.fromkeys(t for t, rel in links if rel == "answers")),
        good_practice_ids=tuple(dict.fromkeys(t for t, rel in links if rel == "builds_on")),
        crosscutting_ids=tuple(details.get("crosscutting", ())),
        votes=rows.votes.get(item_id, 0),
        feedback=model.Feedback(stances.get("support", 0), stances.get("object", 0), comments),
        reading_reason=(row["status_reason"] or "") if reading else "",
        versions=tuple(_version(row["kind"], v, workshop) for v in rows.versions.get(item_id, ())),
    )


TEXT_FIELD = {"challenge": "description", "good_practice": "name", "recommendation": "action"}


def _version(kind: str, snapshot: dict[str, Any], workshop: Workshop) -> model.Version:
    details = snapshot.get("details") or {}
    return model.Version(
        text=str(details.get(TEXT_FIELD.get(kind, "action"), "")), replaced_at=clock.parse(snapshot["replaced_at"]),
        level_id=snapshot.get("level"), dimension_ids=_in_order(snapshot.get("dimensions") or (), workshop),
        status=snapshot.get("status") or "")


async def roadmap_data(storage: Storage, workshop_id: int, language: str,
                       now: dt.datetime | None = None) -> model.RoadmapData:
    stored = await storage.workshop(workshop_id)
    workshop = stored.definition
    rows = await storage.workshop_rows(workshop_id)
    registered = [m for m in rows.members if m["registered_at"] and not m["forgotten_at"]]
    members = {m["person_id"]: m for m in rows.members}
    absorbed = consolidated_into(rows)
    choices = attribution_choices(rows)
    items = tuple(_item(workshop, language, row, rows, members, absorbed, choices) for row in rows.contributions
                  if row["status"] in lifecycle.IN_REPORTS)
    staff = await storage.workshop_staff(workshop_id)
    participants = tuple(
        model.Participant(
            id=m["person_id"], kind=_participant_kind(workshop, m), country_id=m["country"],
            organisation_id=m["organisation"], table_id=rows.tables.get(m["table_id"]),
            language=m["person_language"] or "", public=bool(m["consent_at"]),
            name=m["full_name"] if m["consent_at"] else None,
            institution=m["institution"] if m["consent_at"] else None,
            position=m["position"] if m["consent_at"] else None,
            staff=m["person_id"] in staff or _participant_kind(workshop, m) == "secretariat")
        for m in registered)
    participation = _participation(registered, participants)
    try:
        briefing = load_toml(language, f"briefings/{workshop.briefing}.toml")
    except FileNotFoundError:
        briefing = {}
    return model.RoadmapData(
        workshop=_info(workshop, language, rows, members, choices), language=language,
        final=stored.reading_ended_at is not None, generated_at=now or clock.utc_now(),
        participation=participation, items=items, participants=participants, briefing=briefing,
        adopted_at=clock.parse(stored.reading_ended_at),
    )


def _participation(registered: list[dict[str, Any]],
                   participants: tuple[model.Participant, ...]) -> model.Participation:
    """Delegations and organisations apart from the people in them: a delegation of a member state is a country
    (however many people it sent), an observer or civil-society organisation is one organisation; the people who
    ran the workshop (moderators, the secretariat) are counted on their own, in no delegation."""
    by_kind: dict[str, int] = {}
    groups: dict[str, set] = {}
    for member, person in zip(registered, participants, strict=True):
        if person.staff:
            continue
        by_kind[person.kind] = by_kind.get(person.kind, 0) + 1
        group = member["country"] if person.kind == "government" and member["country"] else (
            member["organisation"] or (member["other_affiliation"] or "").strip().casefold() or None)
        bucket = groups.setdefault(person.kind, set())
        if group:
            bucket.add(group)
    order = {"government": 0, "observer": 1, "civil_society": 2, "other": 3}
    kinds = sorted(by_kind, key=lambda k: (order.get(k, 9), k))
    return model.Participation(
        participants=len(registered),
        countries=len({m["country"] for m in registered if m["country"]}),
        organisations=len({m["organisation"] for m in registered if m["organisation"]}
                          | {m["other_affiliation"] for m in registered if m["other_affiliation"]}),
        institutions=len({(m["institution"] or "").strip().casefold() for m in registered if m["institution"]}),
        by_kind=tuple((kind, by_kind[kind]) for kind in kinds),
        delegations=tuple((kind, len(groups.get(kind, ())), by_kind[kind]) for kind in kinds),
        staff=sum(1 for p in participants if p.staff),
    )
