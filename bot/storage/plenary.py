"""Plenary feedback and dot votes, and the joint reading's outcome for each recommendation."""

from __future__ import annotations

from bot.domain import lifecycle
from bot.domain.records import Tally

_STANCE = "SELECT kind FROM feedback WHERE contribution_id = ? AND person_id = ? AND kind IN ('support', 'object')"



class PlenaryStore:
    async def set_stance(self, item_id: int, person_id: int, stance: str | None) -> str | None:
        """Support, object, or neither (pressing the same stance again takes it back). Returns the new stance."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(_STANCE, (item_id, person_id))
            await tx.execute(_STANCE.replace("SELECT kind", "DELETE", 1), (item_id, person_id))
            if stance is None or (row is not None and row["kind"] == stance):
                return None
            await tx.execute(
                "INSERT INTO feedback (contribution_id, person_id, kind) VALUES (?, ?, ?)",
                (item_id, person_id, stance))
        return stance

    async def stance(self, item_id: int, person_id: int) -> str | None:
        return await self.fetch_value(_STANCE, (item_id, person_id))

    async def add_comment(self, item_id: int, person_id: int, text: str) -> bool:
        """A plenary comment. The same words from the same person on the same item count once, so a
        redelivered message adds nothing."""
        async with self.transaction() as tx:
            seen = await tx.fetch_one(
                "SELECT 1 FROM feedback WHERE contribution_id = ? AND person_id = ? AND kind = 'comment' "
                "AND text = ?", (item_id, person_id, text))
            if seen:
                return False
            await tx.execute(
                "INSERT INTO feedback (contribution_id, person_id, kind, text) VALUES (?, ?, 'comment', ?)",
                (item_id, person_id, text))
        return True

    async def change_vote(self, workshop_id: int, item_id: int, person_id: int, delta: int, limit: int) -> bool:
        """Add or take back one dot; refused (False) past ``limit`` dots in all or below zero on the item."""
        async with self.transaction() as tx:
            used = (await tx.fetch_one(
                "SELECT coalesce(sum(dots), 0) FROM votes WHERE workshop_id = ? AND person_id = ?",
                (workshop_id, person_id)))[0]
            mine = (await tx.fetch_one(
                "SELECT coalesce(sum(dots), 0) FROM votes WHERE contribution_id = ? AND person_id = ?",
                (item_id, person_id)))[0]
            if (delta > 0 and used + delta > limit) or mine + delta < 0:
                return False
            if mine + delta == 0:
                await tx.execute("DELETE FROM votes WHERE contribution_id = ? AND person_id = ?", (item_id, person_id))
            else:
                await tx.execute(
                    "INSERT INTO votes (workshop_id, contribution_id, person_id, dots) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (contribution_id, person_id) DO UPDATE SET dots = excluded.dots",
                    (workshop_id, item_id, person_id, mine + delta))
        return True

    async def votes_of(self, workshop_id: int, person_id: int) -> dict[int, int]:
        rows = await self.fetch_all(
            "SELECT contribution_id, dots FROM votes WHERE workshop_id = ? AND person_id = ?", (workshop_id, person_id))
        return {r[0]: r[1] for r in rows}

    async def tallies(self, workshop_id: int) -> dict[int, Tally]:
        rows = await self.fetch_all(
            "SELECT c.id, "
            "(SELECT count(*) FROM feedback f WHERE f.contribution_id = c.id AND f.kind = 'support'), "
            "(SELECT count(*) FROM feedback f WHERE f.contribution_id = c.id AND f.kind = 'object'), "
            "(SELECT count(*) FROM feedback f WHERE f.contribution_id = c.id AND f.kind = 'comment'), "
            "(SELECT coalesce(sum(v.dots), 0) FROM votes v WHERE v.contribution_id = c.id) "
            "FROM contributions c WHERE c.workshop_id = ? AND c.kind = 'recommendation'", (workshop_id,))
        return {r[0]: Tally(r[1], r[2], r[3], r[4]) for r in rows}

    async def plenary_totals(self, workshop_id: int) -> tuple[int, int, int]:
        """(dots given, supports and objections, comments) over the whole plenary: how much it took part."""
        scope = "(SELECT id FROM contributions WHERE workshop_id = ?)"
        row = await self.fetch_one(
            "SELECT (SELECT coalesce(sum(dots), 0) FROM votes WHERE workshop_id = ?), "
            f"(SELECT count(*) FROM feedback WHERE kind != 'comment' AND contribution_id IN {scope}), "
            f"(SELECT count(*) FROM feedback WHERE kind = 'comment' AND contribution_id IN {scope})",
            (workshop_id, workshop_id, workshop_id))
        return row[0], row[1], row[2]

    async def recommendations_by_status(self, workshop_id: int) -> list[tuple[str, int]]:
        """(status, how many recommendations have it), by status: what the joint reading made of them."""
        rows = await self.fetch_all(
            "SELECT status, count(*) FROM contributions WHERE workshop_id = ? AND kind = 'recommendation' "
            "GROUP BY status ORDER BY status", (workshop_id,))
        return [(r[0], r[1]) for r in rows]

    async def set_reading_outcome(self, item_id: int, outcome: str, actor_id: int | None,
                                  reason: str | None = None, amended_action: str | None = None) -> None:
        """The joint reading's word on a recommendation, with its reason; an amendment keeps the original."""
        if outcome not in lifecycle.READING_OUTCOMES:
            raise ValueError(outcome)
        item = await self.contribution(item_id)
        if amended_action is not None:
            await self.edit_contribution(item_id, actor_id, details={**item.details, "action": amended_action})
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE contributions SET status = ?, status_reason = ?, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?", (outcome, reason, item_id))
            await self.record_audit(tx, item.workshop_id, actor_id, f"reading_{outcome}", table_id=item.table_id,
                                    target_id=item_id, before={"status": item.status, "action": item.details.get(
                                        "action")}, after={"status": outcome, "reason": reason,
                                                           "action": amended_action or item.details.get("action")})
