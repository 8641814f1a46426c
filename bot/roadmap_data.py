"""From the store to the reports' plain model: who is credited how, what is public, in which language.

This is where each author's attribution choice becomes the credit printed in the roadmap, and where personal
data is left out unless the person agreed; ``reports/`` only prints what it is given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.i18n import load_toml
from bot.storage import Storage, WorkshopRows
from bot.workshop_file import Workshop
from reports import model

STATUS_IN_REPORTS = {"submitted", "approved", "merged", "rejected", "adopted", "adopted_amended", "set_aside"}


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _affiliation(workshop: Workshop, member: dict[str, Any], language: str) -> str | None:
    country = workshop.country(member.get("country"))
    if country:
        return country.name.get(language)
    organisation = workshop.organisation(member.get("organisation"))
    if organisation:
        return organisation.name.get(language)
    return member.get("other_affiliation")


def credit(workshop: Workshop, member: dict[str, Any] | None, attribution: str, language: str) -> str | None:
    """The public credit an author chose; anonymous (None) if they chose it or erased their data."""
    if member is None or attribution == "anonymous" or member.get("forgotten_at"):
        return None
    where = _affiliation(workshop, member, language)
    if attribution == "named" and member.get("full_name"):
        return f"{member['full_name']} ({where})" if where else member["full_name"]
    return where


def _participant_kind(workshop: Workshop, member: dict[str, Any]) -> str:
    if member.get("country"):
        return "government"
    organisation = workshop.organisation(member.get("organisation"))
    if organisation is None:
        return "other"
    return {"civil_society": "civil_society", "international": "observer", "academia": "observer",
            "secretariat": "secretariat", "government": "government"}.get(organisation.kind, "other")


def _info(workshop: Workshop, language: str, rows: WorkshopRows, members: dict[int, dict]) -> model.WorkshopInfo:
    rapporteur_of = {rows.tables[t]: members.get(p) for t, p in rows.rapporteurs.items() if t in rows.tables}
    return model.WorkshopInfo(
        title=workshop.title.get(language), place=workshop.place.get(language),
        starts_on=workshop.start_date, ends_on=workshop.end_date,
        organisers=tuple(workshop.organisers.get(language)),
        levels=tuple(model.Level(lv.id, lv.name.get(language)) for lv in workshop.levels),
        dimensions=tuple(model.Dimension(d.id, d.name.get(language)) for d in workshop.dimensions),
        tables=tuple(
            model.Table(t.id, t.name.get(language), t.level, tuple(t.moderators),
                        credit(workshop, rapporteur_of.get(t.id), "named", language))
            for t in workshop.tables),
        countries=tuple(model.Country(c.id, c.name.get(language)) for c in workshop.countries),
        organisations=tuple(model.Organisation(o.id, o.name.get(language), o.kind) for o in workshop.organisations),
    )


def _item(workshop: Workshop, language: str, row: dict[str, Any], rows: WorkshopRows,
          members: dict[int, dict]) -> model.Item:
    item_id, details = row["id"], row["details"]
    authors = rows.authors.get(item_id) or ([(row["author_id"], row["attribution"])] if row["author_id"] else [])
    first = authors[0] if authors else (None, "anonymous")
    author = members.get(first[0])
    links = rows.links.get(item_id, [])
    stances = rows.stances.get(item_id, {})
    comments = tuple(
        model.Comment(c["text"] or "", credit(workshop, members.get(c["person_id"]), "country", language),
                      row["language"], _when(c["created_at"]))
        for c in rows.comments.get(item_id, []))
    anonymous = author is None or first[1] == "anonymous" or author.get("forgotten_at")
    country = None if anonymous else workshop.country(author.get("country"))
    organisation = None if anonymous else workshop.organisation(author.get("organisation"))
    status = row["status"] if row["status"] in STATUS_IN_REPORTS else "submitted"
    reading = status in ("adopted", "adopted_amended", "set_aside")
    return model.Item(
        id=item_id, kind=row["kind"], status=status, language=row["language"], created_at=_when(row["created_at"]),
        level_id=row["level"], dimension_ids=tuple(rows.dimensions.get(item_id, ())),
        table_id=rows.tables.get(row["table_id"]), credit=credit(workshop, author, first[1], language),
        merged_credits=tuple(credit(workshop, members.get(p), a, language) for p, a in authors[1:]),
        merged_into=row["merged_into"], moderation_reason="" if reading else (row["status_reason"] or ""),
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
        challenge_ids=tuple(t for t, rel in links if rel == "answers"),
        good_practice_ids=tuple(t for t, rel in links if rel == "builds_on"),
        crosscutting_ids=tuple(details.get("crosscutting", ())),
        votes=rows.votes.get(item_id, 0),
        feedback=model.Feedback(stances.get("support", 0), stances.get("object", 0), comments),
        reading_reason=(row["status_reason"] or "") if reading else "",
    )


async def roadmap_data(storage: Storage, workshop_id: int, language: str,
                       now: dt.datetime | None = None) -> model.RoadmapData:
    stored = await storage.workshop(workshop_id)
    workshop = stored.definition
    rows = await storage.workshop_rows(workshop_id)
    registered = [m for m in rows.members if m["registered_at"] and not m["forgotten_at"]]
    members = {m["person_id"]: m for m in rows.members}
    items = tuple(_item(workshop, language, row, rows, members) for row in rows.contributions
                  if row["status"] not in ("draft", "withdrawn"))
    by_kind: dict[str, int] = {}
    for member in registered:
        kind = _participant_kind(workshop, member)
        by_kind[kind] = by_kind.get(kind, 0) + 1
    participation = model.Participation(
        participants=len(registered),
        countries=len({m["country"] for m in registered if m["country"]}),
        organisations=len({m["organisation"] for m in registered if m["organisation"]}
                          | {m["other_affiliation"] for m in registered if m["other_affiliation"]}),
        institutions=len({(m["institution"] or "").strip().casefold() for m in registered if m["institution"]}),
        by_kind=tuple(sorted(by_kind.items())),
    )
    participants = tuple(
        model.Participant(
            id=m["person_id"], kind=_participant_kind(workshop, m), country_id=m["country"],
            organisation_id=m["organisation"], table_id=rows.tables.get(m["table_id"]),
            language=m["person_language"] or "", public=bool(m["consent_at"]),
            name=m["full_name"] if m["consent_at"] else None,
            institution=m["institution"] if m["consent_at"] else None,
            position=m["position"] if m["consent_at"] else None)
        for m in registered)
    try:
        briefing = load_toml(language, f"briefings/{workshop.briefing}.toml")
    except FileNotFoundError:
        briefing = {}
    return model.RoadmapData(
        workshop=_info(workshop, language, rows, members), language=language,
        final=stored.reading_ended_at is not None, generated_at=now or dt.datetime.now(dt.UTC),
        participation=participation, items=items, participants=participants, briefing=briefing,
    )
