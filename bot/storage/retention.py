"""Retention: the closed workshops whose personal data is due, the secretariat's warning, and the erasure.

No column of its own: the audit trail records the warning ('retention_warned') and the erasure
('personal_data_erased'), which is where a secretariat would look for them anyway, and which makes both steps
happen once however often the sweep runs. The warning's announcement and its audit row are written in one
transaction, so a crash cannot warn twice or record a warning nobody was sent.

Erased: names, institutions, positions and other affiliations of every member; the Telegram id and first name
of each person who belongs to no other workshop still holding data (the id becomes ``-person id``: still
unique, never a real chat); who uploaded each document; conversations in progress and queued confirmations.
Kept: the items, their texts and their countries (attributions become anonymous), so the roadmap builds as before;
the members' names typed inside those texts (and their translations) are replaced by a neutral word in each
text's language (``bot.domain.retention.scrub_names``), in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.editorial import ITEM_PARTS
from bot.domain.retention import names_to_scrub, scrub_names
from bot.storage.database import Database

WARNED = "retention_warned"
ERASED = "personal_data_erased"


@dataclass(frozen=True)
class ClosedWorkshop:
    id: int
    closed_at: str
    warned_at: str | None


async def closed_with_personal_data(db: Database) -> list[ClosedWorkshop]:
    """Closed workshops not erased yet, with when each closed and when (if) the secretariat was warned."""
    rows = await db.fetch_all(
        "SELECT w.id, w.reading_ended_at, (SELECT min(a.created_at) FROM audit_log a WHERE a.workshop_id = w.id "
        "AND a.action = ?) AS warned_at FROM workshops w WHERE w.status IN ('closed', 'archived') "
        "AND w.reading_ended_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.workshop_id = w.id "
        "AND a.action = ?) ORDER BY w.id", (WARNED, ERASED))
    return [ClosedWorkshop(r["id"], r["reading_ended_at"], r["warned_at"]) for r in rows]


async def warn_secretariat(db: Database, workshop_id: int, template: str, params: dict, at: str) -> int:
    """Queue the warning to the workshop's secretariat and record it, together; returns how many it goes to."""
    async with db.transaction() as tx:
        if await tx.fetch_one("SELECT 1 FROM audit_log WHERE workshop_id = ? AND action = ?", (workshop_id, WARNED)):
            return 0
        people = [r[0] for r in await tx.fetch_all(
            "SELECT DISTINCT person_id FROM roles WHERE workshop_id = ? AND role = 'secretariat' ORDER BY person_id",
            (workshop_id,))]
        announcement = await tx.execute(
            "INSERT INTO announcements (workshop_id, template, params, text) VALUES (?, ?, ?, '')",
            (workshop_id, template, json.dumps(params, ensure_ascii=False)))
        await tx.execute_many("INSERT INTO announcement_deliveries (announcement_id, person_id) VALUES (?, ?)",
                              [(announcement, p) for p in people])
        if not people:
            await tx.execute("UPDATE announcements SET finished_at = ? WHERE id = ?", (at, announcement))
        await tx.execute("INSERT INTO audit_log (workshop_id, action, target_id, after, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", (workshop_id, WARNED, announcement,
                                                    json.dumps({"recipients": len(people)}), at))
    return len(people)


async def erase_personal_data(db: Database, workshop_id: int, at: str,
                              name_removed: Mapping[str, str] | None = None) -> int:
    """Erase the workshop's personal data in one transaction; returns how many members it concerned. With
    ``name_removed`` (the neutral word per language), the members' names typed inside the items' texts and
    translations go too."""
    async with db.transaction() as tx:
        if await tx.fetch_one("SELECT 1 FROM audit_log WHERE workshop_id = ? AND action = ?", (workshop_id, ERASED)):
            return 0
        members = [r[0] for r in await tx.fetch_all(
            "SELECT person_id FROM memberships WHERE workshop_id = ? UNION "
            "SELECT person_id FROM roles WHERE workshop_id = ?", (workshop_id, workshop_id))]
        if name_removed:
            await _scrub_texts(tx, workshop_id, name_removed)
        await tx.execute(
            "UPDATE memberships SET full_name = NULL, other_affiliation = NULL, institution = NULL, position = NULL, "
            "forgotten_at = coalesce(forgotten_at, ?) WHERE workshop_id = ?", (at, workshop_id))
        await tx.execute("UPDATE contributions SET attribution = 'anonymous' WHERE workshop_id = ?", (workshop_id,))
        await tx.execute("UPDATE contribution_authors SET attribution = 'anonymous' WHERE contribution_id IN "
                         "(SELECT id FROM contributions WHERE workshop_id = ?)", (workshop_id,))
        await tx.execute(
            "UPDATE attachments SET uploader_id = NULL WHERE contribution_id IN (SELECT id FROM contributions "
            "WHERE workshop_id = ?) OR table_id IN (SELECT id FROM working_tables WHERE workshop_id = ?)",
            (workshop_id, workshop_id))
        # A person is anonymised everywhere only when no other workshop still holds their data.
        await tx.execute(
            "CREATE TEMP TABLE IF NOT EXISTS erased_people (id INTEGER PRIMARY KEY)")
        await tx.execute("DELETE FROM erased_people")
        await tx.execute(
            "INSERT INTO erased_people (id) SELECT p.id FROM people p WHERE p.id IN (SELECT person_id FROM "
            "memberships WHERE workshop_id = :w UNION SELECT person_id FROM roles WHERE workshop_id = :w) "
            "AND NOT EXISTS (SELECT 1 FROM memberships m JOIN workshops o ON o.id = m.workshop_id WHERE "
            "m.person_id = p.id AND m.workshop_id != :w AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE "
            "a.workshop_id = o.id AND a.action = :erased))", {"w": workshop_id, "erased": ERASED})
        await tx.execute("UPDATE people SET telegram_id = -id, first_name = NULL, telegram_language = NULL, "
                         "current_workshop_id = NULL WHERE id IN (SELECT id FROM erased_people)")
        await tx.execute("DELETE FROM dialogues WHERE person_id IN (SELECT id FROM erased_people)")
        await tx.execute("DELETE FROM outbox WHERE person_id IN (SELECT id FROM erased_people)")
        await tx.execute("UPDATE announcement_deliveries SET status = 'failed' WHERE status = 'pending' "
                         "AND person_id IN (SELECT id FROM erased_people)")
        await tx.execute("UPDATE roadmap_deliveries SET status = 'failed' WHERE status = 'pending' "
                         "AND person_id IN (SELECT id FROM erased_people)")
        await tx.execute("DELETE FROM erased_people")
        await tx.execute("INSERT INTO audit_log (workshop_id, action, after, created_at) VALUES (?, ?, ?, ?)",
                         (workshop_id, ERASED, json.dumps({"members": len(members)}), at))
    return len(members)


async def _scrub_texts(tx, workshop_id: int, removed: Mapping[str, str]) -> int:
    """The members' names out of the items' typed fields and their translations; returns how many texts changed.
    A translation's ``translates`` (the original's wording it was made from) is scrubbed as the original is, in
    the original's language, so an up-to-date translation stays up to date."""
    names = names_to_scrub(r[0] for r in await tx.fetch_all(
        "SELECT full_name FROM memberships WHERE workshop_id = ? AND full_name IS NOT NULL", (workshop_id,)))
    if not names:
        return 0
    fallback = next(iter(removed.values()))
    changed = 0
    languages: dict[int, str] = {}
    for row in await tx.fetch_all("SELECT id, kind, language, details FROM contributions WHERE workshop_id = ?",
                                  (workshop_id,)):
        languages[row["id"]] = row["language"]
        details = json.loads(row["details"] or "{}")
        word = removed.get(row["language"], fallback)
        scrubbed = {key: scrub_names(value, names, word) if key in ITEM_PARTS.get(row["kind"], ()) and
                    isinstance(value, str) else value for key, value in details.items()}
        if scrubbed != details:
            await tx.execute("UPDATE contributions SET details = ? WHERE id = ?",
                             (json.dumps(scrubbed, ensure_ascii=False), row["id"]))
            changed += 1
    for row in await tx.fetch_all("SELECT id, subject_id, language, body, translates FROM texts "
                                  "WHERE workshop_id = ? AND subject = 'item'", (workshop_id,)):
        body = scrub_names(row["body"], names, removed.get(row["language"], fallback))
        original = languages.get(row["subject_id"], row["language"])
        translates = None if row["translates"] is None else scrub_names(row["translates"], names,
                                                                        removed.get(original, fallback))
        if (body, translates) != (row["body"], row["translates"]):
            await tx.execute("UPDATE texts SET body = ?, translates = ? WHERE id = ?", (body, translates, row["id"]))
            changed += 1
    return changed
