"""Who follows the joint reading in private, and which of its decisions have gone out to them.

A decision is an entry of the audit log (``reading_adopted`` and the like, written in the same transaction as
the outcome itself), so it cannot be taken without a trace; sending it is queuing one announcement keyed
``follow:<audit id>`` with a delivery per follower, which the bulk sender then paces out. The key is unique,
so however often the catch-up runs (after each decision, at every start) a decision is queued once.

A follow lasts as long as the workshop, not one sitting of the reading: its end is told, and so is a reopening
(with the secretariat's reason), after which the decisions keep coming without a second press. The workshop's
close is the follow's real end: told only to those it found with the reading still open (the others heard
the reading end already), and their rows go with it.
"""

from __future__ import annotations

import json

from bot.domain.records import AuditEntry
from bot.storage.database import placeholders

# The audit entries a follower is told of: each decision, the reading's end and reopening, and the workshop's
# close (their last message).
DECISIONS = ("reading_adopted", "reading_adopted_amended", "reading_set_aside")
ENDED = "reading_ended"
REOPENED = "reading_reopened"
CLOSED = "workshop_closed"
_TOLD = (*DECISIONS, ENDED, REOPENED, CLOSED)
_OPENED_OR_ENDED = ("reading_opened", ENDED, REOPENED)


def follow_key(audit_id: int) -> str:
    return f"follow:{audit_id}"


class ReadingFollowStore:
    async def follow_reading(self, workshop_id: int, person_id: int) -> bool:
        """Follow from now on: decisions already in the audit log are not sent. False when already following
        (a double press keeps the first starting point)."""
        async with self.transaction() as tx:
            if await tx.fetch_one("SELECT 1 FROM reading_followers WHERE workshop_id = ? AND person_id = ?",
                                  (workshop_id, person_id)):
                return False
            await tx.execute(
                "INSERT INTO reading_followers (workshop_id, person_id, after_audit_id) VALUES "
                "(?, ?, (SELECT coalesce(max(id), 0) FROM audit_log WHERE workshop_id = ?))",
                (workshop_id, person_id, workshop_id))
        return True

    async def unfollow_reading(self, workshop_id: int, person_id: int) -> bool:
        async with self.transaction() as tx:
            return bool(await tx.execute(
                "DELETE FROM reading_followers WHERE workshop_id = ? AND person_id = ?", (workshop_id, person_id)))

    async def follows_reading(self, workshop_id: int, person_id: int) -> bool:
        return await self.fetch_value("SELECT 1 FROM reading_followers WHERE workshop_id = ? AND person_id = ?",
                                      (workshop_id, person_id)) is not None

    async def followed_readings(self) -> list[int]:
        """The workshops someone follows the reading of: where a restart may have decisions left to send."""
        rows = await self.fetch_all("SELECT DISTINCT workshop_id FROM reading_followers ORDER BY workshop_id")
        return [r[0] for r in rows]

    async def decisions_to_tell(self, workshop_id: int) -> list[AuditEntry]:
        """Decisions (and the end) taken since the earliest follower began, not queued for followers yet,
        oldest first: the order they were taken in is the order they go out."""
        rows = await self.fetch_all(
            "SELECT l.id, l.actor_id, l.action, l.target_id, l.before, l.after, l.created_at FROM audit_log l "
            f"WHERE l.workshop_id = ? AND l.action IN {placeholders(_TOLD)} "
            "AND l.id > (SELECT min(after_audit_id) FROM reading_followers WHERE workshop_id = ?) "
            "AND NOT EXISTS (SELECT 1 FROM announcements a WHERE a.request_key = 'follow:' || l.id) ORDER BY l.id",
            (workshop_id, *_TOLD, workshop_id))
        return [AuditEntry(r["id"], r["actor_id"], None, r["action"], r["target_id"],
                           json.loads(r["before"]) if r["before"] else None,
                           json.loads(r["after"]) if r["after"] else None, r["created_at"]) for r in rows]

    async def reading_open_before(self, workshop_id: int, audit_id: int) -> bool:
        """Was the reading open just before this entry of the audit log (opened or reopened, and not ended
        since)? What the workshop's close finds: a follower is told of it only if it cut the reading short."""
        action = await self.fetch_value(
            f"SELECT action FROM audit_log WHERE workshop_id = ? AND id < ? AND action IN "
            f"{placeholders(_OPENED_OR_ENDED)} ORDER BY id DESC LIMIT 1", (workshop_id, audit_id, *_OPENED_OR_ENDED))
        return action is not None and action != ENDED

    async def queue_for_followers(self, workshop_id: int, audit_id: int, template: str, params: dict,
                                  *, last: bool = False, tell: bool = True) -> int | None:
        """One announcement of this decision, a delivery to each who followed before it was taken (none
        without ``tell``: kept as told all the same); with ``last`` (the workshop closed) every follow of the
        workshop ends in the same transaction. None when it was queued already (two catch-ups at once): the
        first one's deliveries are the only ones."""
        key = follow_key(audit_id)
        async with self.transaction() as tx:
            if await tx.fetch_one("SELECT 1 FROM announcements WHERE request_key = ?", (key,)):
                return None
            # Only those still members as they registered: someone who left with /forget is told nothing more.
            rows = await tx.fetch_all(
                "SELECT f.person_id FROM reading_followers f JOIN memberships m ON m.workshop_id = f.workshop_id "
                "AND m.person_id = f.person_id WHERE f.workshop_id = ? AND f.after_audit_id < ? "
                "AND m.registered_at IS NOT NULL AND m.forgotten_at IS NULL ORDER BY f.person_id",
                (workshop_id, audit_id))
            followers = [r[0] for r in rows] if tell else []
            announcement_id = await tx.execute(
                "INSERT INTO announcements (workshop_id, table_id, sender_id, text, template, params, request_key, "
                "finished_at) VALUES (?, NULL, NULL, '', ?, ?, ?, "
                "CASE WHEN ? THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END)",
                (workshop_id, template, json.dumps(params, ensure_ascii=False), key, bool(followers)))
            await tx.execute_many(
                "INSERT OR IGNORE INTO announcement_deliveries (announcement_id, person_id) VALUES (?, ?)",
                [(announcement_id, p) for p in followers])
            if last:
                await tx.execute("DELETE FROM reading_followers WHERE workshop_id = ?", (workshop_id,))
        return announcement_id
