"""Amendments from the floor: proposed in the plenary, decided by the recommendation's table.

Taking a proposal into the text is an edit of the recommendation: the wording it replaces goes to the item's
history (``contribution_versions``) first, as every edit does, and the decision, its audit line and the notice
to each proposer are written in the same transaction, so nobody is told of a change that did not happen.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.domain.amendments import ACCEPTED, DECLINED, MERGED, PROPOSED, Amendment, decision_refusal
from bot.domain.records import Notice
from bot.storage.contributions import _SELECT, _contribution
from bot.storage.database import placeholders

_AMENDMENT = ("SELECT id, contribution_id, person_id, wording, reason, attribution, status, before, after, "
              "version_id, decided_by, decision_reason, created_at, decided_at FROM amendments ")


def _amendment(row) -> Amendment:
    return Amendment(*tuple(row))


class AmendmentStore:
    async def propose_amendment(self, item_id: int, person_id: int, wording: str, reason: str,
                                attribution: str) -> Amendment:
        """Keep a proposal as typed. The same wording from the same person on the same recommendation (a
        redelivered message, or a press twice) is kept once: the one already stored is returned."""
        async with self.transaction() as tx:
            await tx.execute(
                "INSERT OR IGNORE INTO amendments (contribution_id, person_id, wording, reason, attribution) "
                "VALUES (?, ?, ?, ?, ?)", (item_id, person_id, wording, reason, attribution))
            row = await tx.fetch_one(_AMENDMENT + "WHERE contribution_id = ? AND person_id = ? AND wording = ?",
                                     (item_id, person_id, wording))
        return _amendment(row)

    async def amendment(self, amendment_id: int) -> Amendment | None:
        row = await self.fetch_one(_AMENDMENT + "WHERE id = ?", (amendment_id,))
        return _amendment(row) if row else None

    async def table_amendments(self, table_id: int) -> list[Amendment]:
        """The proposals on a table's recommendations, by recommendation then in the order they came."""
        rows = await self.fetch_all(
            _AMENDMENT + "WHERE contribution_id IN (SELECT id FROM contributions WHERE table_id = ?) "
            "ORDER BY contribution_id, id", (table_id,))
        return [_amendment(r) for r in rows]

    async def item_amendments(self, item_id: int) -> list[Amendment]:
        rows = await self.fetch_all(_AMENDMENT + "WHERE contribution_id = ? ORDER BY id", (item_id,))
        return [_amendment(r) for r in rows]

    async def workshop_amendments(self, workshop_id: int) -> list[Amendment]:
        rows = await self.fetch_all(
            _AMENDMENT + "WHERE contribution_id IN (SELECT id FROM contributions WHERE workshop_id = ?) "
            "ORDER BY contribution_id, id", (workshop_id,))
        return [_amendment(r) for r in rows]

    async def proposer(self, workshop_id: int, person_id: int | None) -> dict[str, Any] | None:
        """The membership fields a credit is made of (``bot.jobs.roadmap_data.credit``)."""
        if person_id is None:
            return None
        row = await self.fetch_one(
            "SELECT full_name, country, organisation, other_affiliation, forgotten_at FROM memberships "
            "WHERE workshop_id = ? AND person_id = ?", (workshop_id, person_id))
        return dict(row) if row else None

    async def workshop_objections(self, workshop_id: int) -> list[dict[str, Any]]:
        """Every plenary objection with its reason and the table's answer, for the roadmap."""
        rows = await self.fetch_all(
            "SELECT f.contribution_id, f.person_id, f.text, f.answer, "
            "(SELECT p.language FROM people p WHERE p.id = f.answered_by) AS answer_language FROM feedback f "
            "JOIN contributions c ON c.id = f.contribution_id WHERE c.workshop_id = ? AND f.kind = 'object' "
            "ORDER BY f.contribution_id, f.id", (workshop_id,))
        return [dict(r) for r in rows]

    async def take_in_amendments(self, amendment_ids: list[int], actor_id: int, wording: str | None,
                                 notice: Callable[[Amendment], Notice]) -> tuple[str | None, list[Amendment]]:
        """Accept one proposal as worded (``wording`` None), or merge several into ``wording``: the
        recommendation's text changes, its previous version kept in its history. Checked and written in one
        transaction (``bot.domain.amendments.decision_refusal``), so two presses at once change it once.
        Returns (why it was refused, or None; the proposals as decided)."""
        status = ACCEPTED if wording is None else MERGED
        async with self.transaction() as tx:
            found = [_amendment(r) for r in await tx.fetch_all(
                _AMENDMENT + f"WHERE id IN {placeholders(amendment_ids)} ORDER BY id", amendment_ids)]
            if len(found) != len(set(amendment_ids)):
                return "gone", []
            row = await tx.fetch_one(_SELECT + "WHERE c.id = ?", (found[0].item_id,))
            item = _contribution(row) if row else None
            reading = item is not None and await tx.fetch_one(
                "SELECT 1 FROM readings WHERE workshop_id = ?", (item.workshop_id,)) is not None
            refusal = decision_refusal(found, item_status=item.status if item else None, reading_opened=reading)
            if refusal is not None:
                return refusal, found
            before = str(item.details.get("action", ""))
            after = found[0].wording if wording is None else wording
            version_id = await tx.execute(
                "INSERT INTO contribution_versions (contribution_id, editor_id, snapshot) VALUES (?, ?, ?)",
                (item.id, actor_id, json.dumps(item.snapshot(), ensure_ascii=False)))
            await tx.execute(
                "UPDATE contributions SET details = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE id = ?", (json.dumps({**item.details, "action": after}, ensure_ascii=False), item.id))
            await tx.execute(
                "UPDATE amendments SET status = ?, before = ?, after = ?, version_id = ?, decided_by = ?, "
                f"decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id IN {placeholders(amendment_ids)}",
                (status, before, after, version_id, actor_id, *amendment_ids))
            decided = [_amendment(r) for r in await tx.fetch_all(
                _AMENDMENT + f"WHERE id IN {placeholders(amendment_ids)} ORDER BY id", amendment_ids)]
            for amendment in decided:
                if amendment.person_id is not None:
                    await self.queue_notice(tx, amendment.person_id, notice(amendment))
            await self.record_audit(tx, item.workshop_id, actor_id, f"amendment_{status}", table_id=item.table_id,
                                    target_id=item.id, before={"action": before},
                                    after={"action": after, "amendments": [a.id for a in decided]})
        return None, decided

    async def decline_amendment(self, amendment_id: int, actor_id: int, reason: str,
                                notice: Callable[[Amendment], Notice]) -> tuple[str | None, Amendment | None]:
        """Decline a proposal with the table's reason, and tell its proposer, in one transaction."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(_AMENDMENT + "WHERE id = ?", (amendment_id,))
            found = _amendment(row) if row else None
            item_row = found and await tx.fetch_one(_SELECT + "WHERE c.id = ?", (found.item_id,))
            item = _contribution(item_row) if item_row else None
            reading = item is not None and await tx.fetch_one(
                "SELECT 1 FROM readings WHERE workshop_id = ?", (item.workshop_id,)) is not None
            refusal = decision_refusal([found] if found else [], item_status=item.status if item else None,
                                       reading_opened=reading)
            if refusal is not None:
                return refusal, found
            await tx.execute(
                "UPDATE amendments SET status = ?, decision_reason = ?, decided_by = ?, "
                "decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND status = ?",
                (DECLINED, reason, actor_id, amendment_id, PROPOSED))
            declined = _amendment(await tx.fetch_one(_AMENDMENT + "WHERE id = ?", (amendment_id,)))
            if declined.person_id is not None:
                await self.queue_notice(tx, declined.person_id, notice(declined))
            await self.record_audit(tx, item.workshop_id, actor_id, "amendment_declined", table_id=item.table_id,
                                    target_id=item.id, after={"amendment": amendment_id, "reason": reason})
        return None, declined
