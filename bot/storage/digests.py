"""The moderators' digest of items waiting for review: what waits, and when each moderator was last told."""

from __future__ import annotations

import datetime as dt

from bot.domain import lifecycle
from bot.domain.clock import iso
from bot.domain.digests import digest_due
from bot.storage.database import placeholders


class DigestStore:
    async def waiting_for_review(self, workshop_id: int) -> dict[int, list[tuple[int, str]]]:
        """Table id -> (item id, kind) of the members' items waiting for a moderator's first decision, oldest
        first (a rapporteur's consolidated recommendation is the table's own, not reviewed)."""
        rows = await self.fetch_all(
            "SELECT table_id, id, kind FROM contributions WHERE workshop_id = ? AND table_id IS NOT NULL "
            f"AND consolidated = 0 AND status IN {placeholders(lifecycle.AWAITING_REVIEW)} ORDER BY table_id, id",
            (workshop_id, *lifecycle.AWAITING_REVIEW))
        found: dict[int, list[tuple[int, str]]] = {}
        for r in rows:
            found.setdefault(r["table_id"], []).append((r["id"], r["kind"]))
        return found

    async def claim_digest(self, table_id: int, person_id: int, newest_waiting: int, now: dt.datetime,
                           minutes: int) -> bool:
        """Record that this moderator is sent the digest now, if one is due (``bot.domain.digests``), checked
        and written in one transaction: two ticks at once, or a tick after a restart, send it once. True when
        the caller should send it."""
        async with self.transaction() as tx:
            row = await tx.fetch_one("SELECT sent_at, last_item_id FROM moderator_digests "
                                     "WHERE table_id = ? AND person_id = ?", (table_id, person_id))
            if not digest_due(row["sent_at"] if row else None, row["last_item_id"] if row else None,
                              newest_waiting, now, minutes):
                return False
            await tx.execute(
                "INSERT INTO moderator_digests (table_id, person_id, sent_at, last_item_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (table_id, person_id) DO UPDATE SET sent_at = excluded.sent_at, "
                "last_item_id = excluded.last_item_id", (table_id, person_id, iso(now), newest_waiting))
        return True
