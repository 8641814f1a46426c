"""Storage -> report model for the follow-up: commitments with every round's answers, and the rounds.

Added to the roadmap's data (``bot.jobs.roadmap_data``), so the progress report, the final roadmap's annex and the
exports read one model and number recommendations the same way (the roadmap's references, e.g. Rec-12 / R-12).
Who reported is personal data and is left out; the delegation's name is in the edition's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.domain.clock import parse
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from bot.storage import followup as store
from reports import model


async def with_followup(storage: Storage, workshop_id: int, data: model.RoadmapData) -> model.RoadmapData:
    """``data`` with the workshop's commitments and check-in rounds."""
    workshop = (await storage.workshop(workshop_id)).definition
    found = await store.commitments(storage, workshop_id)
    if not found:
        return data
    answers: dict[int, list[model.CheckIn]] = {}
    per_round: dict[int, set[int]] = {}
    for k in await store.checkins(storage, workshop_id):
        # "es-419" from an app that was never told a language is Spanish: the workshop's rule, not the raw tag
        language = workshop.language_for(k.language, k.telegram_language) \
            if k.language or k.telegram_language else None
        answers.setdefault(k.commitment_id, []).append(model.CheckIn(
            k.round_number, k.status, k.note, k.link, k.document_name or "", parse(k.answered_at), language))
        per_round.setdefault(k.round_number, set()).add(k.commitment_id)
    commitments = tuple(
        model.Commitment(
            c.id, c.item_id, c.party, "country" if c.country else "organisation",
            workshop.affiliation(data.language, c.country, c.organisation, None) or c.party,
            at_reading=c.at_reading, reporting=c.reporter_id is not None, stopped=c.stopped_at is not None,
            checkins=tuple(answers.get(c.id, ())), made_at=parse(c.made_at))
        for c in found)
    reporting = {c.id for c in found if c.reporter_id is not None}
    rounds = tuple(
        model.CheckInRound(r.number, parse(r.due_at), parse(r.opened_at),
                           asked=len(reporting | per_round.get(r.number, set())),
                           answered=len(per_round.get(r.number, set())))
        for r in await store.rounds(storage, workshop_id))
    return replace(data, commitments=commitments, rounds=rounds)


async def progress_data(storage: Storage, workshop_id: int, language: str,
                        now: dt.datetime | None = None) -> model.RoadmapData:
    """Everything the progress report prints, in ``language``."""
    return await with_followup(storage, workshop_id, await roadmap_data(storage, workshop_id, language, now))
