"""What the secretariat reads and decides for the whole workshop: progress, closing, who gets the roadmap."""

from __future__ import annotations


class SecretariatStore:
    async def progress_counts(self, workshop_id: int) -> dict:
        counts: dict = {"challenge": 0, "good_practice": 0, "recommendation": 0, "cells": {}}
        live = "status NOT IN ('draft', 'withdrawn', 'merged', 'rejected')"
        for row in await self.fetch_all(
                f"SELECT kind, count(*) FROM contributions WHERE workshop_id = ? AND {live} GROUP BY kind",
                (workshop_id,)):
            counts[row[0]] = row[1]
        for row in await self.fetch_all(
                f"SELECT c.level, d.dimension, count(*) FROM contributions c JOIN contribution_dimensions d "
                f"ON d.contribution_id = c.id WHERE c.workshop_id = ? AND c.kind != 'recommendation' AND c.{live} "
                "GROUP BY c.level, d.dimension", (workshop_id,)):
            counts["cells"][(row[0], row[1])] = row[2]
        counts["people"] = await self.fetch_value(
            "SELECT count(*) FROM memberships WHERE workshop_id = ? AND registered_at IS NOT NULL "
            "AND forgotten_at IS NULL", (workshop_id,))
        return counts

    async def close_workshop(self, workshop_id: int, actor_id: int | None) -> bool:
        """End the joint reading: the roadmap becomes final. False if it already was (nothing changes)."""
        async with self.transaction() as tx:
            changed = await tx.execute(
                "UPDATE workshops SET status = 'closed', reading_ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE id = ? AND reading_ended_at IS NULL", (workshop_id,))
            if changed:
                await self.record_audit(tx, workshop_id, actor_id, "workshop_closed")
        return bool(changed)

    async def recipients(self, workshop_id: int) -> list[tuple[int, int, str | None]]:
        """(person id, telegram id, language) of every registered member who has not blocked the bot."""
        rows = await self.fetch_all(
            "SELECT p.id, p.telegram_id, coalesce(p.language, p.telegram_language) FROM memberships m "
            "JOIN people p ON p.id = m.person_id WHERE m.workshop_id = ? AND m.registered_at IS NOT NULL "
            "AND m.forgotten_at IS NULL AND p.blocked_at IS NULL ORDER BY p.id", (workshop_id,))
        return [(r[0], r[1], (r[2] or "")[:2]) for r in rows]
