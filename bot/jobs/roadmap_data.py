"""From the store to the reports' plain model: who is credited how, what is public, in which language.

This is where each author's attribution choice becomes the credit printed in the roadmap, and where personal
data is left out unless the person agreed; ``reports/`` only prints what it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from bot.domain import clock, constituency, editorial, lifecycle, phases, translating, workshop_texts
from bot.domain.amendments import DECLINED
from bot.domain.amendments import changes as amendment_changes
from bot.domain.plenary import absorbed, plenary_vote_closed
from bot.domain.records import NextStep, Synthesis, Text, WorkshopRows
from bot.domain.workshop_file import Workshop
from bot.i18n import load_toml
from bot.storage import Storage
from reports import model


def credit(workshop: Workshop, member: dict[str, Any] | None, attribution: str, language: str) -> str | None:
    """The public credit an author chose; anonymous (None) if they chose it or erased their data. A person
    named with an organisation is named with its short name, "Amira Haddad (ACNUR)": the full name in brackets
    ends in brackets of its own, and the acronyms list spells it out; the organisation alone keeps its name."""
    if member is None or attribution == "anonymous" or member.get("forgotten_at"):
        return None
    where = workshop.affiliation(language, member.get("country"), member.get("organisation"),
                                 member.get("other_affiliation"))
    if attribution == "named" and member.get("full_name"):
        organisation = None if workshop.country(member.get("country")) else workshop.organisation(
            member.get("organisation"))
        if organisation is not None:
            where = _short_name(organisation.name.get(language)) or where
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
    others = [localised.get(code) for code in localised.languages if code != language]
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
    organisation = workshop.organisation(member.get("organisation"))
    return constituency.participant_kind(member.get("country"), organisation.kind if organisation else None)


async def _constituencies(storage: Storage, workshop_id: int, workshop: Workshop, items: tuple[model.Item, ...],
                          now: dt.datetime) -> tuple[model.Item, ...]:
    """The recommendations with their support by constituency, once the plenary vote has closed (hidden
    before, like every tally); the other items as they are."""
    if not plenary_vote_closed(await storage.phases(workshop_id), now):
        return items
    ids = [i.id for i in items if i.kind == "recommendation"]
    found = await storage.support_by_constituency(workshop_id, workshop, ids)
    return tuple(replace(i, constituency=model.Constituency(
        tuple((kind, c.support, c.object, c.dots) for kind, c in s.by_kind), s.backing_countries,
        s.objecting_countries, s.broad, s.contested)) if (s := found.get(i.id)) else i for i in items)


def _person_credit(workshop: Workshop, members: dict[int, dict], choices: dict[int, str], person_id: int | None,
                   language: str) -> str | None:
    """A person credited for something that is not an item of theirs (a comment, a rapporteur's role): as they
    chose for their own items, the most restrictive choice winning; anonymous if they never chose."""
    if person_id is None:
        return None
    return credit(workshop, members.get(person_id), choices.get(person_id, "anonymous"), language)


def _role_credit(workshop: Workshop, members: dict[int, dict], choices: dict[int, str], person_id: int | None,
                 language: str) -> str | None:
    """Someone named for a role they held at a table (moderator, rapporteur): by name if they chose so for the
    role in /profile (``role_credit``), or, never having chosen there, if they chose to be named for their own
    items ("Ana Pérez (Guatemala)"); else by whom they speak for, their country or organisation, which the role
    made public in the room anyway; nothing once they erased their data."""
    member = members.get(person_id) if person_id is not None else None
    if member is None or member.get("forgotten_at"):
        return None
    where = _role_where(workshop, member, language)
    if (member.get("role_credit") or choices.get(person_id)) == "named" and member.get("full_name"):
        return f"{member['full_name']} ({where})" if where else member["full_name"]
    return where


def _role_where(workshop: Workshop, member: dict[str, Any], language: str) -> str:
    """Whom someone holding a role speaks for: their country, else their organisation's short name ("SE-CRM",
    as the agenda names a table's moderators, not the long name)."""
    where = workshop.affiliation(language, member.get("country"), member.get("organisation"),
                                 member.get("other_affiliation"))
    organisation = None if workshop.country(member.get("country")) else workshop.organisation(
        member.get("organisation"))
    if organisation is not None:
        where = _short_name(organisation.name.get(language)) or where
    return where


def _info(workshop: Workshop, language: str, rows: WorkshopRows, members: dict[int, dict],
          choices: dict[int, str], moderators: dict[str, list[int]] | None = None) -> model.WorkshopInfo:
    """`moderators`: each table's moderators (person ids, by table code); a table nobody was given the role of
    keeps the workshop file's moderators (an organisation's short name, as the agenda lists them)."""
    rapporteur_of = {rows.tables[t]: p for t, p in rows.rapporteurs.items() if t in rows.tables}

    def moderated_by(table) -> tuple[str, ...]:
        named = [c for p in (moderators or {}).get(table.id, ())
                 if (c := _role_credit(workshop, members, choices, p, language))]
        return tuple(dict.fromkeys(named)) or tuple(table.moderators)

    return model.WorkshopInfo(
        title=workshop.title.get(language), place=workshop.place.get(language),
        starts_on=workshop.start_date, ends_on=workshop.end_date,
        held=workshop_texts.when_held(workshop.start_date, workshop.end_date, language),
        organisers=tuple(workshop.organisers.get(language)),
        levels=tuple(model.Level(lv.id, lv.name.get(language)) for lv in workshop.levels),
        dimensions=tuple(model.Dimension(d.id, d.name.get(language)) for d in workshop.dimensions),
        tables=tuple(
            model.Table(t.id, t.name.get(language), t.level, moderated_by(t),
                        _role_credit(workshop, members, choices, rapporteur_of.get(t.id), language))
            for t in workshop.tables),
        countries=tuple(model.Country(c.id, *_names(c.name, language),
                                      in_sentence=c.in_sentence.root.get(language, "") if c.in_sentence else "")
                        for c in workshop.countries),
        organisations=tuple(_organisation(o, language) for o in workshop.organisations),
        timezone=workshop.timezone, languages=tuple(workshop.languages),
        **({"region": workshop.region.get(language), "region_aliases": _names(workshop.region, language)[1]}
           if workshop.region else {}),
        scopes=tuple(_choice(c, language) for c in workshop.scopes),
        timeframes=tuple(_choice(c, language) for c in workshop.timeframes),
    )


def _choice(choice, language: str) -> model.Choice:
    """A scope or timeframe as the file names it; a built-in id without a name keeps the reports' own words.
    Its meaning in time, where the file defines one, goes with it either way."""
    meaning = choice.meaning.get(language) if choice.meaning is not None else ""
    if choice.name is None:
        return model.Choice(choice.id, meaning=meaning)
    return model.Choice(choice.id, choice.name.get(language),
                        {code: choice.name.get(code) for code in choice.name.languages}, meaning=meaning)


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


Texts = dict[tuple[str, int, str], list[Text]]


def _wording(version: editorial.Version) -> model.Wording:
    return model.Wording(version.body, version.language, version.origin)


def _text_in(texts: Texts, language: str, subject: str, subject_id: int, part: str) -> model.Wording | None:
    """The edition's wording of an editorial text (its original is a ``Text`` row of its own); None if nobody
    wrote it or it says nothing."""
    versions = texts.get((subject, subject_id, part), [])
    original = editorial.original_of(versions)
    if original is None or not original.body.strip():
        return None
    return _wording(editorial.version_in(language, original.body, original.language, versions))


def _workshop_text(texts: Texts, language: str, subject: str) -> model.Wording | None:
    """The secretariat's introduction or conclusions: its part ``WORKSHOP_TEXT_PART``, or else the one part it
    was written in."""
    parts = sorted({part for (kind, subject_id, part) in texts if kind == subject and subject_id == 0},
                   key=lambda part: part != editorial.WORKSHOP_TEXT_PART)
    return next((w for part in parts if (w := _text_in(texts, language, subject, 0, part))), None)


def _syntheses(syntheses: list[Synthesis], texts: Texts, language: str, rows: WorkshopRows,
               workshop: Workshop) -> tuple[model.Synthesis, ...]:
    """Each table's synthesis that says something, in the workshop's order of tables, its parts in
    ``SYNTHESIS_PARTS`` order."""
    level_of = {t.id: t.level for t in workshop.tables}
    order = {t.id: n for n, t in enumerate(workshop.tables)}
    found = []
    for synthesis in syntheses:
        code = rows.tables.get(synthesis.table_id)
        if code is None:
            continue
        parts = tuple((part, wording) for part in editorial.SYNTHESIS_PARTS
                      if (wording := _text_in(texts, language, editorial.SYNTHESIS, synthesis.table_id, part)))
        if parts:
            found.append(model.Synthesis(code, level_of.get(code), parts,
                                         approved=synthesis.status == editorial.APPROVED))
    return tuple(sorted(found, key=lambda s: order.get(s.table_id, len(order))))


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _next_steps(steps: list[NextStep], texts: Texts, language: str) -> tuple[model.NextStep, ...]:
    found = []
    for step in steps:
        wording = _text_in(texts, language, editorial.NEXT_STEP, step.id, editorial.STEP)
        if wording is None:
            continue
        who = _text_in(texts, language, editorial.NEXT_STEP, step.id, editorial.WHO)
        found.append(model.NextStep(wording, who or model.Wording("", language), _day(step.by_when)))
    return tuple(found)


def _item_texts(row: dict[str, Any], texts: Texts, language: str) -> dict[str, editorial.Version]:
    """Each typed field of the item the edition prints (``editorial.ITEM_PARTS``, main text first) that says
    something, in the edition's language: a person's translation, an unconfirmed machine one, or the original
    as written."""
    found = {}
    for part in editorial.ITEM_PARTS.get(row["kind"], (editorial.main_part(row["kind"]),)):
        original = str(row["details"].get(part, "") or "")
        if original.strip() or part == editorial.main_part(row["kind"]):
            versions = texts.get((editorial.ITEM, row["id"], part), [])
            found[part] = editorial.version_in(language, original, row["language"], versions)
    return found


def _item(workshop: Workshop, language: str, row: dict[str, Any], rows: WorkshopRows,
          members: dict[int, dict], absorbed: dict[int, int], choices: dict[int, str],
          texts: Texts) -> model.Item:
    item_id, details = row["id"], row["details"]
    wordings = _item_texts(row, texts, language)
    wording = wordings[editorial.main_part(row["kind"])]
    details = {**details, **{part: version.body for part, version in wordings.items()}}
    field_origins = tuple((part, version.origin, version.language) for part, version in wordings.items()
                          if part != editorial.main_part(row["kind"]))
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
        id=item_id, kind=row["kind"], status=status, language=wording.language, text_origin=wording.origin,
        field_origins=field_origins,
        created_at=clock.parse(row["created_at"]),
        level_id=row["level"], dimension_ids=_in_order(rows.dimensions.get(item_id, ()), workshop),
        table_id=table_code, credit=item_credit,
        # Recommendations are written at their table; challenges and good practices go to the table of their level
        # from anyone at the workshop, so only an author seated at it makes one the table's own work.
        from_members=row["kind"] == "recommendation" or any(
            (members.get(person_id) or {}).get("table_id") == row["table_id"] for person_id, _ in authors),
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
        has_document=item_id in rows.attachments, document_name=rows.attachments.get(item_id, ""),
        action=details.get("action", ""), scope=details.get("scope"), actor_ids=tuple(details.get("actors", ())),
        timeframe=details.get("timeframe"),
        challenge_ids=tuple(dict.fromkeys(t for t, rel in links if rel == "answers")),
        good_practice_ids=tuple(dict.fromkeys(t for t, rel in links if rel == "builds_on")),
        crosscutting_ids=tuple(details.get("crosscutting", ())),
        votes=rows.votes.get(item_id, 0),
        feedback=model.Feedback(stances.get("support", 0), stances.get("object", 0), comments),
        reading_reason=(row["status_reason"] or "") if reading else "",
        versions=tuple(_version(row["kind"], v, workshop) for v in rows.versions.get(item_id, ())),
        original_wording=_original_wording(row, rows, texts, language),
    )


def _original_wording(row: dict[str, Any], rows: WorkshopRows, texts: Texts,
                      language: str) -> model.Wording | None:
    """The item's first wording (if it was edited since) in the edition's language: the translation given for
    it at the desk (its own part, ``editorial.EARLIER``), or one of the main text made before it was replaced,
    so both editions print the text before the reading's amendment in their language (issue 12)."""
    versions = rows.versions.get(row["id"], ())
    if not versions:
        return None
    first = str((versions[0].get("details") or {}).get(editorial.main_part(row["kind"]), "") or "").strip()
    translations = editorial.earlier_versions(texts, row["id"], row["kind"])
    return _wording(editorial.version_in(language, first, row["language"], translations))


def _version(kind: str, snapshot: dict[str, Any], workshop: Workshop) -> model.Version:
    details = snapshot.get("details") or {}
    return model.Version(
        text=str(details.get(editorial.main_part(kind), "")),
        replaced_at=clock.parse(snapshot["replaced_at"]),
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
    texts = editorial.by_key(await storage.texts(workshop_id))
    items = tuple(_item(workshop, language, row, rows, members, absorbed, choices, texts)
                  for row in rows.contributions if row["status"] in lifecycle.IN_REPORTS)
    items = await _constituencies(storage, workshop_id, workshop, items, now or clock.utc_now())
    items = await _with_plenary(storage, workshop_id, workshop, language, items, rows, members, choices)
    items = _plenary_in(language, items, rows, texts, await storage.plenary_texts(workshop_id), workshop.languages)
    staff = await storage.workshop_staff(workshop_id)
    roles: dict[int, dict[tuple[str, str | None], None]] = defaultdict(dict)
    for person_id, role, table_id in await storage.staff_roles(workshop_id):
        roles[person_id][role, rows.tables.get(table_id) if table_id is not None else None] = None
    participants = tuple(
        model.Participant(
            id=m["person_id"], kind=_participant_kind(workshop, m), country_id=m["country"],
            organisation_id=m["organisation"], table_id=rows.tables.get(m["table_id"]),
            language=m["person_language"] or "", public=bool(m["consent_at"]),
            name=m["full_name"] if m["consent_at"] else None,
            institution=m["institution"] if m["consent_at"] else None,
            position=m["position"] if m["consent_at"] else None,
            staff=(is_staff := m["person_id"] in staff or _participant_kind(workshop, m) == "secretariat"),
            credit=_role_credit(workshop, members, {}, m["person_id"], language)
            if is_staff and m.get("role_credit") == "named" else None,
            roles=tuple(roles.get(m["person_id"], ())) if is_staff else ())
        for m in registered)
    participation = _participation(registered, participants)
    try:
        briefing = load_toml(language, f"briefings/{workshop.briefing}.toml")
    except FileNotFoundError:
        briefing = {}
    moderators = {code: await storage.table_moderators(workshop_id, table_id)
                  for table_id, code in rows.tables.items()}
    info = await _with_table_documents(storage, workshop_id,
                                       _info(workshop, language, rows, members, choices, moderators), rows.tables)
    history = await _reading_history(storage, workshop_id, workshop, language, members, choices)
    return model.RoadmapData(
        workshop=info, language=language,
        final=stored.reading_ended_at is not None, generated_at=now or clock.utc_now(),
        participation=participation, items=items, participants=participants, briefing=briefing,
        adopted_at=clock.parse(stored.reading_ended_at),
        introduction=_workshop_text(texts, language, editorial.INTRODUCTION),
        conclusions=_workshop_text(texts, language, editorial.CONCLUSIONS),
        syntheses=_syntheses(await storage.syntheses(workshop_id), texts, language, rows, workshop),
        next_steps=_next_steps(await storage.next_steps(workshop_id), texts, language),
        sessions=await _sessions(storage, workshop_id, workshop, language, rows.tables, (
            next((event.at for event in history if event.kind == "opened"), None),
            clock.parse(stored.reading_ended_at))),
        codebook=_codebook(workshop),
        broad_support_countries=workshop.broad_support_countries,
        contested_countries=constituency.CONTESTED_COUNTRIES,
        reading_history=history,
    )


_READING_STEPS = {"reading_opened": "opened", "reading_ended": "ended", "reading_reopened": "reopened",
                  "workshop_closed": "closed"}


async def _reading_history(storage: Storage, workshop_id: int, workshop: Workshop, language: str,
                           members: dict[int, dict], choices: dict[int, str]) -> tuple[model.ReadingEvent, ...]:
    """The joint reading's trail as the roadmap tells it (issue 13: a reopening is shown, not only recorded):
    who reopened it credited as for a role they held (by name only if they chose it), and the decisions taken
    after a reopening with what they replaced; those of the first reading are the roadmap itself."""
    events: list[model.ReadingEvent] = []
    reopened = False
    for entry in await storage.reading_history(workshop_id):
        at = clock.parse(entry.created_at)
        kind = _READING_STEPS.get(entry.action)
        if kind == "reopened":
            reopened = True
            events.append(model.ReadingEvent(
                kind, at, _role_credit(workshop, members, choices, entry.actor_id, language),
                str((entry.after or {}).get("reason") or "")))
        elif kind is not None:
            events.append(model.ReadingEvent(kind, at))
        elif reopened:  # a decision taken after a reopening: what it changed
            before, after = entry.before or {}, entry.after or {}
            events.append(model.ReadingEvent(
                "decided", at, reason=str(after.get("reason") or ""), item_id=entry.target_id,
                before=str(before.get("status") or ""), after=str(after.get("status") or "")))
    return tuple(events)


async def _with_table_documents(storage: Storage, workshop_id: int, info: model.WorkshopInfo,
                                codes: dict[int, str]) -> model.WorkshopInfo:
    """Each table with the names of the documents its rapporteur uploaded, for its minutes to list."""
    names: dict[str, list[str]] = {}
    for kept in await storage.workshop_files(workshop_id):
        if kept.attachment.contribution_id is None and kept.attachment.table_id in codes:
            names.setdefault(codes[kept.attachment.table_id], []).append(kept.attachment.file_name)
    if not names:
        return info
    return replace(info, tables=tuple(replace(t, documents=tuple(names.get(t.id, ()))) for t in info.tables))


async def _with_plenary(storage: Storage, workshop_id: int, workshop: Workshop, language: str,
                        items: tuple[model.Item, ...], rows: WorkshopRows, members: dict[int, dict],
                        choices: dict[int, str]) -> tuple[model.Item, ...]:
    """Each recommendation with what the plenary did to it: the amendments its table accepted (before and
    after, each proposer credited as they chose for the amendment) and the objections with their reasons and
    answers (objectors credited as for their comments: as they chose for their items, else anonymous)."""
    proposed: dict[int, list] = {}
    for amendment in await storage.workshop_amendments(workshop_id):
        proposed.setdefault(amendment.item_id, []).append(amendment)
    objections: dict[int, list[model.Objection]] = {}
    for row in await storage.workshop_objections(workshop_id):
        objections.setdefault(row["contribution_id"], []).append(model.Objection(
            row["text"] or "", _person_credit(workshop, members, choices, row["person_id"], language),
            row["answer"] or "", language=(members.get(row["person_id"]) or {}).get("person_language") or "",
            answer_language=row["answer_language"] or ""))
    written_in = {row["id"]: row["language"] for row in rows.contributions}

    def amended(item_id: int) -> tuple[model.Amendment, ...]:
        return tuple(
            model.Amendment(change.before, change.after, tuple(dict.fromkeys(
                credit(workshop, members.get(a.person_id), a.attribution, language) for a in change.proposals)),
                change.merged, written_in.get(item_id, ""))
            for change in amendment_changes(proposed.get(item_id, ())))

    def declined(item_id: int) -> tuple[model.DeclinedAmendment, ...]:
        """The proposals its table declined, with the table's reason, for the minutes."""
        return tuple(
            model.DeclinedAmendment(a.wording, a.reason, a.decision_reason or "",
                                    credit(workshop, members.get(a.person_id), a.attribution, language),
                                    (members.get(a.person_id) or {}).get("person_language") or "",
                                    (members.get(a.decided_by) or {}).get("person_language") or "", id=a.id)
            for a in proposed.get(item_id, ()) if a.status == DECLINED)

    def original(item: model.Item) -> model.Wording | None:
        """No "original text" where the floor's first change prints that wording as its "before" (compared as
        written: the edition's two may be in different languages)."""
        changes = amendment_changes(proposed.get(item.id, ()))
        if changes and item.original_text.strip() == changes[0].before.strip():
            return model.Wording("", item.language)
        return item.original_wording

    return tuple(
        replace(item, amendments=amended(item.id), declined_amendments=declined(item.id),
                objections=tuple(objections.get(item.id, ())), original_wording=original(item))
        if item.kind == "recommendation" and (item.id in proposed or item.id in objections) else item
        for item in items)


def _plenary_in(language: str, items: tuple[model.Item, ...], rows: WorkshopRows, texts: Texts,
                plenary: list[translating.PlenaryText], languages: list[str]) -> tuple[model.Item, ...]:
    """The plenary's words on each item in the edition's language (issues 11/12): the reading's reason, the
    comments, the objections' reasons and the tables' answers, the amendments' wordings and reasons (the declined
    ones' with the table's reason), each a person's translation, a marked machine draft, or as written with its
    language named, as the items' own texts are (``editorial.version_in``). An amendment's wording that is the
    item's text now reads as the item does."""
    written = {(t.subject, t.subject_id, t.part): t for t in plenary}
    candidates = translating.plenary_candidates(plenary, languages)  # the workshop's: each is keyed once per language
    objection_ids: dict[int, list[int]] = {}
    proposals: dict[tuple[int, str, str], list[int]] = {}  # (item, before, after) -> the amendments that made it
    for t in sorted(plenary, key=lambda t: t.subject_id):
        if t.subject == editorial.OBJECTION and t.part == "reason":
            objection_ids.setdefault(t.item_id, []).append(t.subject_id)
        elif t.subject == editorial.AMENDMENT and t.part == "before":
            after = written[(editorial.AMENDMENT, t.subject_id, "after")].body
            proposals.setdefault((t.item_id, t.body, after), []).append(t.subject_id)

    def said(key: tuple[str, int, str], body: str, fallback: str) -> editorial.Version:
        typed = written.get(key)
        return editorial.version_in(language, body, typed.language if typed else fallback, texts.get(key, []))

    def wording(item: model.Item, amendment_id: int, part: str, body: str) -> editorial.Version:
        if body.strip() == written[(editorial.AMENDMENT, amendment_id, part)].item_text.strip():
            return editorial.Version(item.text, item.language, item.text_origin)  # the item's text now
        key = translating.amendment_key(candidates, item.id, body) or (editorial.AMENDMENT, amendment_id, part)
        return said(key, body, item.language)

    def amendment_in(item: model.Item, amendment: model.Amendment) -> model.Amendment:
        ids = proposals.get((item.id, amendment.before, amendment.after))
        if not ids:
            return amendment
        before = wording(item, ids[0], "before", amendment.before)
        after = wording(item, ids[0], "after", amendment.after)
        reasons = tuple(_wording(said(key, written[key].body, item.language)) for key in (
            (editorial.AMENDMENT, i, "reason") for i in ids) if written[key].body.strip())
        return replace(amendment, before=before.body, language=before.language, before_origin=before.origin,
                       after=after.body, after_language=after.language, after_origin=after.origin, reasons=reasons)

    def declined_in(item: model.Item, amendment: model.DeclinedAmendment) -> model.DeclinedAmendment:
        """A declined amendment's wording, its proposer's reason and the table's, each in the edition's language
        where someone gave it (they are at /translate like the accepted ones' words)."""
        key = (editorial.AMENDMENT, amendment.id)
        wording = said((*key, "wording"), amendment.wording, amendment.language or item.language)
        reason = said((*key, "reason"), amendment.reason, amendment.language or item.language)
        decision = said((*key, "decision"), amendment.decision, amendment.decision_language or item.language)
        return replace(amendment, wording=wording.body, language=wording.language, wording_origin=wording.origin,
                       reason=reason.body if amendment.reason.strip() else "", reason_language=reason.language,
                       reason_origin=reason.origin, decision=decision.body if amendment.decision.strip() else "",
                       decision_language=decision.language, decision_origin=decision.origin)

    def objection_in(objection: model.Objection, feedback_id: int, item: model.Item) -> model.Objection:
        reason = said((editorial.OBJECTION, feedback_id, "reason"), objection.reason,
                      objection.language or item.language)
        answer = said((editorial.OBJECTION, feedback_id, "answer"), objection.answer,
                      objection.answer_language or item.language)
        return replace(objection, reason=reason.body, language=reason.language, origin=reason.origin,
                       answer=answer.body if objection.answer else "", answer_language=answer.language,
                       answer_origin=answer.origin)

    def translated(item: model.Item) -> model.Item:
        changes: dict[str, Any] = {}
        if item.reading_reason:
            version = said((editorial.READING, item.id, "reason"), item.reading_reason, item.language)
            changes.update(reading_reason=version.body, reading_reason_origin=version.origin,
                           reading_reason_language=version.language)
        feedback_ids = [c.get("id") for c in rows.comments.get(item.id, [])]
        if item.feedback.comments and len(feedback_ids) == len(item.feedback.comments):
            comments = tuple(
                replace(comment, text=version.body, language=version.language, origin=version.origin)
                for comment, feedback_id in zip(item.feedback.comments, feedback_ids, strict=True)
                for version in (said((editorial.COMMENT, feedback_id, "text"), comment.text, comment.language),))
            changes["feedback"] = replace(item.feedback, comments=comments)
        ids = objection_ids.get(item.id, [])
        if item.objections and len(ids) == len(item.objections):
            changes["objections"] = tuple(objection_in(o, i, item) for o, i in zip(item.objections, ids, strict=True))
        if item.amendments:
            changes["amendments"] = tuple(amendment_in(item, a) for a in item.amendments)
        if item.declined_amendments:
            changes["declined_amendments"] = tuple(declined_in(item, a) for a in item.declined_amendments)
        return replace(item, **changes) if changes else item

    return tuple(translated(item) for item in items)


async def _sessions(storage: Storage, workshop_id: int, workshop: Workshop, language: str,
                    tables: dict[int, str], reading: tuple[dt.datetime | None, dt.datetime | None]
                    ) -> tuple[model.Session, ...]:
    """Each table's session times for its minutes: every phase as it ran for that table (its own row where a
    moderator opened or closed it for the table alone, else the workshop's), with the programme's times and the
    actual ones, in agenda order. The programme is the workshop file's agenda entry of the phase where it has
    one (``programme``), else the phase's own window."""
    rows = await storage.phases(workshop_id)
    names = {phase.id: phase.name.get(language) for phase in workshop.phases}
    planned = programme(workshop)

    def window(row) -> tuple[dt.datetime | None, dt.datetime | None]:
        return planned.get(row.code) or (clock.parse(row.opens_at), clock.parse(row.closes_at))

    def ran(row) -> tuple[dt.datetime | None, dt.datetime | None]:
        """When the session opened and ended. The joint reading opens when the secretariat opens it (/reading,
        whatever its phase's state) and ends when it is ended or the workshop closes, which may be after its
        phase's window closed: the minutes then give the times the roadmap's history of the reading gives."""
        opened, ended = clock.parse(row.opened_at), clock.parse(row.closed_at)
        if row.kind != "joint_reading":
            return opened, ended
        reading_opened, reading_ended = reading
        return reading_opened or opened, reading_ended if reading_ended is not None else ended

    return tuple(
        model.Session(code, row.code, row.kind, names.get(row.code, row.code), *window(row), *ran(row))
        for table_id, code in tables.items() for row in phases.effective(rows, table_id))


def programme(workshop: Workshop) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """Each phase's session as the programme people were given has it (UTC): the agenda entry that names the
    phase, else the one at the phase's own day and times. The phase's window is when the bot takes what is
    sent, which a rehearsal moves to the hour it is played at; the agenda's entry is when the session met."""
    zone = workshop.zone

    def at(day: dt.date, hhmm: str) -> dt.datetime:
        hour, minute = map(int, hhmm.split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute), zone).astimezone(dt.UTC)

    def local(moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(zone).replace(tzinfo=None) if moment.tzinfo else moment

    found: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    for phase in workshop.phases:
        entry = next((e for e in workshop.agenda if e.phase == phase.id), None) or next(
            (e for e in workshop.agenda if e.phase is None
             and (dt.datetime.combine(e.day, dt.time.fromisoformat(e.start)),
                  dt.datetime.combine(e.day, dt.time.fromisoformat(e.end))) == (local(phase.opens),
                                                                               local(phase.closes))), None)
        if entry is not None and entry.end > entry.start:
            found[phase.id] = (at(entry.day, entry.start), at(entry.day, entry.end))
    return found


def _codebook(workshop: Workshop) -> dict[str, dict[str, dict[str, str]]]:
    """The workshop's codes named in each language (the workshop file's names, the briefings' actors,
    cross-cutting issues and groups), so that an export in one language documents its codes in both."""
    book: dict[str, dict[str, dict[str, str]]] = {}
    for category, entries in (("level", workshop.levels), ("dimension", workshop.dimensions),
                              ("table", workshop.tables), ("country", workshop.countries),
                              ("organisation", workshop.organisations)):
        book[category] = {e.id: {code: e.name.get(code) for code in workshop.languages} for e in entries}
    for code in workshop.languages:
        try:
            briefing = load_toml(code, f"briefings/{workshop.briefing}.toml")
        except FileNotFoundError:
            continue
        for category, section in (("actor", "stakeholders"), ("crosscutting", "crosscutting"), ("group", "groups")):
            for key, value in (briefing.get(section) or {}).items():
                name = value.get("name", key) if isinstance(value, dict) else value
                book.setdefault(category, {}).setdefault(key, {})[code] = str(name)
    return book


def _participation(registered: list[dict[str, Any]],
                   participants: tuple[model.Participant, ...]) -> model.Participation:
    """Delegations and organisations apart from the people in them: a delegation of a member state is a country
    (however many people it sent), an observer or civil-society organisation is one organisation; the people who
    ran the workshop (moderators, the secretariat) are counted on their own, in no delegation."""
    by_kind: dict[str, int] = {}
    groups: dict[str, set] = {}
    institutions: dict[str, set] = {}
    for member, person in zip(registered, participants, strict=True):
        if person.staff:
            continue
        by_kind[person.kind] = by_kind.get(person.kind, 0) + 1
        group = member["country"] if person.kind == "government" and member["country"] else (
            member["organisation"] or (member["other_affiliation"] or "").strip().casefold() or None)
        bucket = groups.setdefault(person.kind, set())
        if group:
            bucket.add(group)
        # An institution within its delegation or organisation: two countries' "Dirección General de
        # Migración" are two institutions, two people of one ministry one.
        typed = " ".join((member["institution"] or "").split()).casefold()
        if typed:
            institutions.setdefault(person.kind, set()).add((group, typed))
    order = {kind: n for n, kind in enumerate((*constituency.KINDS, "other"))}  # as the support table's columns
    kinds = sorted(by_kind, key=lambda k: (order.get(k, 9), k))
    return model.Participation(
        participants=len(registered),
        countries=len({m["country"] for m in registered if m["country"]}),
        organisations=len({m["organisation"] for m in registered if m["organisation"]}
                          | {m["other_affiliation"] for m in registered if m["other_affiliation"]}),
        institutions=sum(len(found) for found in institutions.values()),
        by_kind=tuple((kind, by_kind[kind]) for kind in kinds),
        delegations=tuple((kind, len(groups.get(kind, ())), by_kind[kind]) for kind in kinds),
        staff=sum(1 for p in participants if p.staff),
        institutions_by_kind=tuple((kind, len(institutions.get(kind, ()))) for kind in kinds),
    )
