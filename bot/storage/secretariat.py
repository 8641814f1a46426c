"""What the secretariat reads and decides for the whole workshop: progress, closing, who gets the roadmap."""

from __future__ import annotations

from bot.domain import lifecycle
from bot.storage.database import placeholders


class SecretariatStore:
    async def progress_counts(self, workshop_id: int) -> dict:
        counts: dict = {"challenge": 0, "good_practice": 0, "recommendation": 0, "cells": {}}
        live, statuses = f"status IN {placeholders(lifecycle.COUNTED_AS_PROGRESS)}", lifecycle.COUNTED_AS_PROGRESS
        for row in await self.fetch_all(
                f"SELECT kind, count(*) FROM contributions WHERE workshop_id = ? AND {live} GROUP BY kind",
                (workshop_id, *statuses)):
            counts[row[0]] = row[1]
        for row in await self.fetch_all(
                f"SELECT c.level, d.dimension, count(*) FROM contributions c JOIN contribution_dimensions d "
                f"ON d.contribution_id = c.id WHERE c.workshop_id = ? AND c.kind != 'recommendation' AND c.{live} "
                "GROUP BY c.level, d.dimension", (workshop_id, *statuses)):
            counts["cells"][(row[0], row[1])] = row[2]
        counts["people"] = await self.fetch_value(
            "SELECT count(*) FROM memberships WHERE workshop_id = ? AND registered_at IS NOT NULL "
            "AND forgotten_at IS NULL", (workshop_id,))
        return counts

    async def close_workshop(self, workshop_id: int, actor_id: int | None) -> bool:
        """End the joint reading: the roadmap becomes final, every phase closes, the workshop is archived (one
        bot serves the next from its own file; this one stays readable), and everyone registered is queued to
        receive the roadmap, in the same transaction. False if it was already closed (nothing changes)."""
        async with self.transaction() as tx:
            changed = await tx.execute(
                "UPDATE workshops SET status = 'archived', closed_by = ?, "
                "reading_ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND reading_ended_at IS NULL",
                (actor_id, workshop_id))
            if changed:
                # Every phase ends with the workshop, scheduled ones included, so none opens again by itself.
                await tx.execute(
                    "UPDATE phases SET state = 'closed', closed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') "
                    "WHERE workshop_id = ? AND state != 'closed'", (workshop_id,))
                await tx.execute(
                    "INSERT OR IGNORE INTO roadmap_deliveries (workshop_id, person_id) SELECT m.workshop_id, "
                    "m.person_id FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.workshop_id = ? "
                    "AND m.registered_at IS NOT NULL AND m.forgotten_at IS NULL AND p.blocked_at IS NULL",
                    (workshop_id,))
                await self.record_audit(tx, workshop_id, actor_id, "workshop_closed")
        return bool(changed)

    async def pending_roadmap_deliveries(self, workshop_id: int) -> list[tuple[int, int, str | None, str | None]]:
        """(person id, telegram id, chosen language, Telegram's language) still waiting for the final roadmap."""
        rows = await self.fetch_all(
            "SELECT p.id, p.telegram_id, p.language, p.telegram_language FROM roadmap_deliveries d "
            "JOIN people p ON p.id = d.person_id WHERE d.workshop_id = ? AND d.status = 'pending' ORDER BY p.id",
            (workshop_id,))
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def record_roadmap_delivery(self, workshop_id: int, person_id: int, status: str) -> None:
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE roadmap_deliveries SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE workshop_id = ? AND person_id = ?", (status, workshop_id, person_id))

    async def workshops_with_pending_roadmaps(self) -> list[int]:
        rows = await self.fetch_all(
            "SELECT DISTINCT workshop_id FROM roadmap_deliveries WHERE status = 'pending' ORDER BY workshop_id")
        return [r[0] for r in rows]

    async def claim_close_report(self, workshop_id: int) -> tuple[int | None, dict[str, int]] | None:
        """Once every delivery is done: who closed the workshop (to tell them) and the tallies; None while
        deliveries are pending or if the report was already made."""
        async with self.transaction() as tx:
            pending = await tx.fetch_one(
                "SELECT 1 FROM roadmap_deliveries WHERE workshop_id = ? AND status = 'pending'", (workshop_id,))
            if pending is not None:
                return None
            claimed = await tx.execute(
                "UPDATE workshops SET close_reported_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE id = ? AND close_reported_at IS NULL", (workshop_id,))
            if not claimed:
                return None
            tallies = {r[0]: r[1] for r in await tx.fetch_all(
                "SELECT status, count(*) FROM roadmap_deliveries WHERE workshop_id = ? GROUP BY status",
                (workshop_id,))}
            closer = await tx.fetch_one(
                "SELECT p.telegram_id FROM workshops w JOIN people p ON p.id = w.closed_by WHERE w.id = ?",
                (workshop_id,))
        return (closer[0] if closer else None), tallies

    async def language_of(self, telegram_id: int) -> tuple[str | None, str | None]:
        """A person's chosen language and what their Telegram app reported (either may be None)."""
        row = await self.fetch_one("SELECT language, telegram_language FROM people WHERE telegram_id = ?",
                                   (telegram_id,))
        return (row[0], row[1]) if row is not None else (None, None)
