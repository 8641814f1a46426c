"""The follow-up's SQL: commitments, check-in rounds and answers (``bot.domain.followup`` has the rules).

Functions over the one ``Database``, like ``bot.storage.retention``, so the follow-up adds no mixin to the shared
``Storage``. Every change that also tells people (a round opening, a reminder) writes its announcement and its
own state in one transaction: a crash or a second sweep can neither ask twice nor record a question never asked;
the paced sender (``bot.jobs.bulk``) then delivers what is pending, after a restart too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.domain.followup import CheckIn, Commitment, StoredRound
from bot.domain.records import Notice
from bot.storage.database import Database, placeholders
from bot.storage.outbox import OutboxStore

_COMMITMENT = ("SELECT id, workshop_id, contribution_id, country, organisation, reporter_id, invitation_id, "
               "at_reading, made_at, stopped_at FROM commitments ")


def _commitment(r) -> Commitment:
    return Commitment(r["id"], r["workshop_id"], r["contribution_id"], r["country"], r["organisation"],
                      r["reporter_id"], r["invitation_id"], bool(r["at_reading"]), r["made_at"], r["stopped_at"])


def _round(r) -> StoredRound:
    return StoredRound(r["id"], r["workshop_id"], r["number"], r["due_at"], r["opened_at"], r["reminded_at"])


async def _audit(tx, workshop_id: int, actor_id: int | None, action: str, target_id: int | None,
                 after: dict[str, Any], at: str) -> None:
    await tx.execute("INSERT INTO audit_log (workshop_id, actor_id, action, target_id, after, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (workshop_id, actor_id, action, target_id,
                                                   json.dumps(after, ensure_ascii=False), at))


async def _announce(tx, workshop_id: int, person_ids: list[int], template: str, params: dict[str, Any]) -> int:
    """A bulk message to ``person_ids``, queued for the paced sender (no sender: nobody gets a tally)."""
    announcement = await tx.execute(
        "INSERT INTO announcements (workshop_id, template, params, text) VALUES (?, ?, ?, '')",
        (workshop_id, template, json.dumps(params, ensure_ascii=False)))
    await tx.execute_many("INSERT OR IGNORE INTO announcement_deliveries (announcement_id, person_id) VALUES (?, ?)",
                          [(announcement, p) for p in dict.fromkeys(person_ids)])
    if not person_ids:
        await tx.execute("UPDATE announcements SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                         (announcement,))
    return announcement


async def followed_workshops(db: Database) -> list[int]:
    """Workshops whose reading ended (so their follow-up may be running), oldest first."""
    rows = await db.fetch_all("SELECT id FROM workshops WHERE reading_ended_at IS NOT NULL ORDER BY id")
    return [r[0] for r in rows]


# -- commitments -------------------------------------------------------------------------------------------

async def add_commitment(db: Database, workshop_id: int, item_id: int, country: str | None,
                         organisation: str | None, reporter_id: int | None, invitation_id: int | None, *,
                         made_by: int | None, at_reading: bool, at: str) -> int | None:
    """Record a commitment (and who made the record); None when this delegation had committed to it already."""
    async with db.transaction() as tx:
        if await tx.fetch_one("SELECT 1 FROM commitments WHERE contribution_id = ? AND coalesce(country, '') = ? "
                              "AND coalesce(organisation, '') = ?", (item_id, country or "", organisation or "")):
            return None
        made = await tx.execute(
            "INSERT INTO commitments (workshop_id, contribution_id, country, organisation, reporter_id, "
            "invitation_id, at_reading, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (workshop_id, item_id, country, organisation, reporter_id, invitation_id, int(at_reading), made_by, at))
        await _audit(tx, workshop_id, made_by, "commitment_made", made,
                     {"item": item_id, "country": country, "organisation": organisation, "reporter": reporter_id,
                      "invitation": invitation_id, "at_reading": at_reading}, at)
    return made


async def take_over(db: Database, workshop_id: int, item_id: int, country: str | None, organisation: str | None,
                    reporter_id: int | None, invitation_id: int | None, *, made_by: int | None, at: str
                    ) -> int | None:
    """A delegation's commitment that nobody reports on any more (its reporter stopped, or was invited and
    never came, or was erased) gets ``reporter_id`` (or whoever opens ``invitation_id``): the commitment
    stays, with its check-ins, rather than being refused as made already. None while someone still reports
    on it, or will as soon as they are claimed (they opened its invitation)."""
    async with db.transaction() as tx:
        row = await tx.fetch_one(
            "SELECT id, reporter_id, invitation_id FROM commitments c WHERE workshop_id = ? AND contribution_id = ? "
            "AND coalesce(country, '') = ? AND coalesce(organisation, '') = ? AND reporter_id IS NULL AND NOT "
            "EXISTS (SELECT 1 FROM invitation_uses u WHERE u.invitation_id = c.invitation_id)",
            (workshop_id, item_id, country or "", organisation or ""))
        if row is None:
            return None
        await tx.execute("UPDATE commitments SET reporter_id = ?, invitation_id = ?, stopped_at = NULL WHERE id = ?",
                         (reporter_id, invitation_id, row["id"]))
        await _audit(tx, workshop_id, made_by, "commitment_taken_over", row["id"],
                     {"item": item_id, "reporter": reporter_id, "invitation": invitation_id,
                      "before": {"invitation": row["invitation_id"]}}, at)
    return row["id"]


async def commitments(db: Database, workshop_id: int) -> list[Commitment]:
    rows = await db.fetch_all(_COMMITMENT + "WHERE workshop_id = ? ORDER BY contribution_id, id", (workshop_id,))
    return [_commitment(r) for r in rows]


async def commitments_of(db: Database, workshop_id: int, reporter_id: int) -> list[Commitment]:
    rows = await db.fetch_all(_COMMITMENT + "WHERE workshop_id = ? AND reporter_id = ? ORDER BY contribution_id, id",
                              (workshop_id, reporter_id))
    return [_commitment(r) for r in rows]


async def claim_invited(db: Database, workshop_id: int) -> int:
    """Commitments whose reporter was invited get that person as soon as they opened the invitation."""
    async with db.transaction() as tx:
        return await tx.execute(
            "UPDATE commitments SET reporter_id = (SELECT u.person_id FROM invitation_uses u "
            "WHERE u.invitation_id = commitments.invitation_id ORDER BY u.used_at LIMIT 1), invitation_id = NULL "
            "WHERE workshop_id = ? AND reporter_id IS NULL AND invitation_id IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM invitation_uses u WHERE u.invitation_id = commitments.invitation_id)", (workshop_id,))


async def hand_over(db: Database, workshop_id: int, from_id: int, to_id: int | None, invitation_id: int | None,
                    at: str, template: str | None = None, params: dict[str, Any] | None = None,
                    notices: Sequence[tuple[int, Notice]] = ()) -> int:
    """Every commitment ``from_id`` reports on goes to ``to_id`` (or to whoever opens ``invitation_id``); with
    neither, reporting stops. Returns how many. The new reporter is told (``template``) and the secretariat
    (``notices``, through the outbox) in the same transaction: nobody hears of a change that did not happen, and
    a change that happened is never left untold."""
    async with db.transaction() as tx:
        ids = [r[0] for r in await tx.fetch_all(
            "SELECT id FROM commitments WHERE workshop_id = ? AND reporter_id = ?", (workshop_id, from_id))]
        if not ids:
            return 0
        stopped = at if to_id is None and invitation_id is None else None
        await tx.execute(f"UPDATE commitments SET reporter_id = ?, invitation_id = ?, stopped_at = ? "
                         f"WHERE id IN {placeholders(ids)}", (to_id, invitation_id, stopped, *ids))
        await _audit(tx, workshop_id, from_id, "followup_stopped" if stopped else "followup_handed_over", None,
                     {"commitments": ids, "to": to_id, "invitation": invitation_id}, at)
        if to_id is not None and template:
            await _announce(tx, workshop_id, [to_id], template, params or {})
        for person_id, notice in notices:
            await OutboxStore.queue_notice(tx, person_id, notice)
    return len(ids)


async def reports(db: Database, workshop_id: int, person_id: int) -> bool:
    """Does this person report on a commitment of the workshop now, or will as soon as the commitment claims
    them (they opened its invitation)? Their menu and /help show the follow-up then."""
    return await db.fetch_one(
        "SELECT 1 FROM commitments c WHERE c.workshop_id = ? AND (c.reporter_id = ? OR (c.reporter_id IS NULL AND "
        "c.invitation_id IN (SELECT u.invitation_id FROM invitation_uses u WHERE u.person_id = ?))) LIMIT 1",
        (workshop_id, person_id, person_id)) is not None


async def invited_to_report(db: Database, workshop_id: int, person_id: int) -> bool:
    """Did this person come for the follow-up: they report on a commitment, or joined through an invitation
    that /commit or /handover made (the audit keeps which, after the commitment has claimed its reporter)?"""
    return await db.fetch_one(
        "SELECT 1 WHERE EXISTS (SELECT 1 FROM commitments WHERE workshop_id = ? AND reporter_id = ?) "
        "OR EXISTS (SELECT 1 FROM invitation_uses u JOIN audit_log a ON a.workshop_id = ? AND a.action IN "
        "('commitment_made', 'followup_handed_over') AND json_extract(a.after, '$.invitation') = u.invitation_id "
        "WHERE u.person_id = ?)", (workshop_id, person_id, workshop_id, person_id)) is not None


async def reporters_menus(db: Database) -> list[tuple[int, int, str | None, str | None, set[str]]]:
    """(telegram id, current workshop id, chosen language, Telegram's language, roles) of everyone reporting on
    a commitment of their current workshop, like ``PeopleStore.staff_menus``: their menu is set again at start-up."""
    rows = await db.fetch_all(
        "SELECT p.telegram_id, p.current_workshop_id, p.language, p.telegram_language, "
        "(SELECT group_concat(r.role) FROM roles r WHERE r.person_id = p.id AND r.workshop_id = p.current_workshop_id) "
        "FROM people p WHERE p.blocked_at IS NULL AND EXISTS (SELECT 1 FROM commitments c WHERE c.reporter_id = p.id "
        "AND c.workshop_id = p.current_workshop_id) ORDER BY p.id")
    return [(r[0], r[1], r[2], r[3], set((r[4] or "").split(",")) - {""}) for r in rows]


# -- rounds ------------------------------------------------------------------------------------------------

async def rounds(db: Database, workshop_id: int) -> list[StoredRound]:
    rows = await db.fetch_all("SELECT * FROM checkin_rounds WHERE workshop_id = ? ORDER BY number", (workshop_id,))
    return [_round(r) for r in rows]


async def open_round(db: Database, workshop_id: int, number: int, due_at: str, at: str, template: str,
                     params: dict[str, Any]) -> int | None:
    """Open round ``number`` and ask every current reporter, together: how many people are asked, None when
    it was open already."""
    async with db.transaction() as tx:
        if await tx.fetch_one("SELECT 1 FROM checkin_rounds WHERE workshop_id = ? AND number = ?",
                              (workshop_id, number)):
            return None
        await tx.execute("INSERT INTO checkin_rounds (workshop_id, number, due_at, opened_at) VALUES (?, ?, ?, ?)",
                         (workshop_id, number, due_at, at))
        people = [r[0] for r in await tx.fetch_all(
            "SELECT DISTINCT reporter_id FROM commitments WHERE workshop_id = ? AND reporter_id IS NOT NULL "
            "ORDER BY reporter_id", (workshop_id,))]
        await _announce(tx, workshop_id, people, template, {**params, "round": number})
        await _audit(tx, workshop_id, None, "checkin_round_opened", number, {"asked": len(people)}, at)
    return len(people)


async def remind(db: Database, round_id: int, at: str, template: str, params: dict[str, Any]) -> int:
    """Remind, once, every reporter with a commitment still unanswered in the round; how many were reminded."""
    async with db.transaction() as tx:
        row = await tx.fetch_one("SELECT * FROM checkin_rounds WHERE id = ? AND reminded_at IS NULL", (round_id,))
        if row is None:
            return 0
        people = [r[0] for r in await tx.fetch_all(
            "SELECT DISTINCT c.reporter_id FROM commitments c WHERE c.workshop_id = ? AND c.reporter_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM checkins k WHERE k.round_id = ? AND k.commitment_id = c.id) "
            "ORDER BY c.reporter_id", (row["workshop_id"], round_id))]
        await tx.execute("UPDATE checkin_rounds SET reminded_at = ? WHERE id = ?", (at, round_id))
        await _announce(tx, row["workshop_id"], people, template, {**params, "round": row["number"]})
        await _audit(tx, row["workshop_id"], None, "checkin_reminded", row["number"], {"reminded": len(people)}, at)
    return len(people)


# -- answers -----------------------------------------------------------------------------------------------

async def record_checkin(db: Database, round_id: int, commitment_id: int, reporter_id: int, status: str, note: str,
                         link: str, at: str, document: tuple[str, str, bytes] | None = None) -> bool:
    """The reporter's answer for one commitment in one round (a second answer replaces the first); False when
    the commitment is no longer theirs (handed over meanwhile)."""
    async with db.transaction() as tx:
        if not await tx.fetch_one("SELECT 1 FROM commitments WHERE id = ? AND reporter_id = ?",
                                  (commitment_id, reporter_id)):
            return False
        name, file_id, content = document or (None, None, None)
        await tx.execute(
            "INSERT OR REPLACE INTO checkins (round_id, commitment_id, reporter_id, status, note, link, "
            "document_name, document_file_id, document_content, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (round_id, commitment_id, reporter_id, status, note, link, name, file_id, content, at))
    return True


async def checkins(db: Database, workshop_id: int) -> list[CheckIn]:
    """Every answer of every round, oldest round first."""
    rows = await db.fetch_all(
        "SELECT k.round_id, r.number, k.commitment_id, k.reporter_id, k.status, k.note, k.link, k.document_name, "
        "k.answered_at, p.language, p.telegram_language FROM checkins k "
        "JOIN checkin_rounds r ON r.id = k.round_id LEFT JOIN people p ON p.id = k.reporter_id "
        "WHERE r.workshop_id = ? "
        "ORDER BY r.number, k.commitment_id", (workshop_id,))
    return [CheckIn(*tuple(r)) for r in rows]


async def checkin_document(db: Database, round_id: int, commitment_id: int) -> tuple[str, bytes] | None:
    row = await db.fetch_one("SELECT document_name, document_content FROM checkins WHERE round_id = ? "
                             "AND commitment_id = ? AND document_content IS NOT NULL", (round_id, commitment_id))
    return None if row is None else (row[0], bytes(row[1]))


# -- who is who ----------------------------------------------------------------------------------------------

async def adopted_recommendations(db: Database, workshop_id: int) -> list[tuple[int, str, str]]:
    """(id, text, level) of every recommendation the reading adopted, as adopted (amended text included)."""
    rows = await db.fetch_all(
        "SELECT id, json_extract(details, '$.action'), level FROM contributions WHERE workshop_id = ? "
        "AND kind = 'recommendation' AND status IN ('adopted', 'adopted_amended') ORDER BY id", (workshop_id,))
    return [(r[0], r[1] or "", r[2]) for r in rows]


async def delegation_members(db: Database, workshop_id: int, country: str | None,
                             organisation: str | None) -> list[tuple[int, str]]:
    """(person id, name) of the registered members speaking for this country or organisation."""
    rows = await db.fetch_all(
        "SELECT person_id, full_name FROM memberships WHERE workshop_id = ? AND registered_at IS NOT NULL "
        "AND forgotten_at IS NULL AND ((? IS NOT NULL AND country = ?) OR (? IS NOT NULL AND organisation = ?)) "
        "ORDER BY full_name, person_id", (workshop_id, country, country, organisation, organisation))
    return [(r[0], r[1] or "") for r in rows]


async def names(db: Database, workshop_id: int, person_ids: list[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    rows = await db.fetch_all(f"SELECT person_id, full_name FROM memberships WHERE workshop_id = ? AND person_id IN "
                              f"{placeholders(person_ids)}", (workshop_id, *person_ids))
    return {r[0]: r[1] or "" for r in rows}
