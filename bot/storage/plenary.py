"""Plenary feedback and dot votes, and the joint reading's outcome for each recommendation."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.domain import constituency, lifecycle
from bot.domain.plenary import dot_refusal
from bot.domain.records import AuditEntry, Notice, Objection, Reading, Tally
from bot.domain.workshop_file import Workshop
from bot.storage.database import placeholders

# What the roadmap's history of the joint reading is told from (``reading_history``).
_HISTORY = ("reading_opened", "reading_ended", "reading_reopened", "reading_adopted", "reading_adopted_amended",
            "reading_set_aside", "workshop_closed")
_STANCE = "SELECT kind FROM feedback WHERE contribution_id = ? AND person_id = ? AND kind IN ('support', 'object')"
_OBJECTION = "SELECT id, contribution_id, person_id, text, answer, answered_by FROM feedback "
_OWN = ("SELECT 1 FROM contributions WHERE id = ? AND author_id = ? UNION ALL "
        "SELECT 1 FROM contribution_authors WHERE contribution_id = ? AND person_id = ?")


def _objection(row) -> Objection:
    return Objection(row[0], row[1], row[2], row[3] or "", row[4], row[5])


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

    async def object_with_reason(self, item_id: int, person_id: int, reason: str) -> bool:
        """An objection, always with its reason (it replaces a support). The same reason again (a redelivered
        message) changes nothing, so an answer already given to it stays; False then."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT kind, text FROM feedback WHERE contribution_id = ? AND person_id = ? "
                "AND kind IN ('support', 'object')", (item_id, person_id))
            if row is not None and row["kind"] == "object" and row["text"] == reason:
                return False
            await tx.execute(_STANCE.replace("SELECT kind", "DELETE", 1), (item_id, person_id))
            await tx.execute("INSERT INTO feedback (contribution_id, person_id, kind, text) VALUES (?, ?, 'object', ?)",
                             (item_id, person_id, reason))
        return True

    async def objections(self, table_id: int) -> list[Objection]:
        """The objections to a table's recommendations, by recommendation then in the order they came."""
        rows = await self.fetch_all(
            _OBJECTION.replace("FROM feedback", "FROM feedback f JOIN contributions c ON c.id = f.contribution_id")
            .replace("SELECT id, contribution_id", "SELECT f.id, f.contribution_id")
            + "WHERE c.table_id = ? AND f.kind = 'object' ORDER BY f.contribution_id, f.id", (table_id,))
        return [_objection(r) for r in rows]

    async def objection(self, objection_id: int) -> Objection | None:
        row = await self.fetch_one(_OBJECTION + "WHERE id = ? AND kind = 'object'", (objection_id,))
        return _objection(row) if row else None

    async def answer_objection(self, objection_id: int, person_id: int, answer: str, notice: Notice) -> bool:
        """The table's answer to an objection, and the notice that takes it to the objector, in one transaction
        (``notice``'s key names the answer, so a redelivered one is told once). False when the objection is gone
        (taken back meanwhile)."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT f.person_id, c.workshop_id, c.table_id, f.answer FROM feedback f "
                "JOIN contributions c ON c.id = f.contribution_id WHERE f.id = ? AND f.kind = 'object'",
                (objection_id,))
            if row is None:
                return False
            if row["answer"] == answer:  # the same answer again (a redelivered message): told once already
                return True
            await tx.execute("UPDATE feedback SET answer = ?, answered_by = ?, "
                             "answered_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                             (answer, person_id, objection_id))
            await self.queue_notice(tx, row["person_id"], notice)
            await self.record_audit(tx, row["workshop_id"], person_id, "answer_objection", table_id=row["table_id"],
                                    target_id=objection_id, before={"answer": row["answer"]},
                                    after={"answer": answer})
        return True

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
            await self._set_dots(tx, workshop_id, item_id, person_id, mine + delta)
        return True

    async def move_dot(self, workshop_id: int, item_id: int, person_id: int, delta: int, *, limit: int,
                       cap: int) -> str | None:
        """Give (``delta`` 1) or take back (-1) one dot under the fair-dots rules (``plenary.dot_refusal``),
        checked and written in one transaction. Returns why it was refused, or None when it was done."""
        async with self.transaction() as tx:
            used = (await tx.fetch_one(
                "SELECT coalesce(sum(dots), 0) FROM votes WHERE workshop_id = ? AND person_id = ?",
                (workshop_id, person_id)))[0]
            mine = (await tx.fetch_one(
                "SELECT coalesce(sum(dots), 0) FROM votes WHERE contribution_id = ? AND person_id = ?",
                (item_id, person_id)))[0]
            own = await tx.fetch_one(_OWN, (item_id, person_id, item_id, person_id)) is not None
            refusal = dot_refusal(delta=delta, used=used, mine=mine, limit=limit, cap=cap, own=own)
            if refusal is None:
                await self._set_dots(tx, workshop_id, item_id, person_id, mine + delta)
        return refusal

    @staticmethod
    async def _set_dots(tx, workshop_id: int, item_id: int, person_id: int, dots: int) -> None:
        if dots == 0:
            await tx.execute("DELETE FROM votes WHERE contribution_id = ? AND person_id = ?", (item_id, person_id))
        else:
            await tx.execute(
                "INSERT INTO votes (workshop_id, contribution_id, person_id, dots) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (contribution_id, person_id) DO UPDATE SET dots = excluded.dots",
                (workshop_id, item_id, person_id, dots))

    async def is_own(self, item_id: int, person_id: int) -> bool:
        """Did this person write the recommendation (or co-author it through a merge)?"""
        return await self.fetch_one(_OWN, (item_id, person_id, item_id, person_id)) is not None

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

    async def constituency_rows(self, workshop_id: int) -> list[tuple[int, str, str | None, str | None, int]]:
        """(recommendation id, "support" | "object" | "dots", country, organisation, how many), grouped by the
        backer's country and organisation: the support-by-constituency breakdown (``bot.domain.constituency``)
        is counted from these, so no person's name ever leaves this query."""
        rows = await self.fetch_all(
            "SELECT f.contribution_id, f.kind, m.country, m.organisation, count(*) FROM feedback f "
            "JOIN contributions c ON c.id = f.contribution_id "
            "LEFT JOIN memberships m ON m.workshop_id = c.workshop_id AND m.person_id = f.person_id "
            "WHERE c.workshop_id = ? AND c.kind = 'recommendation' AND f.kind IN ('support', 'object') "
            "GROUP BY f.contribution_id, f.kind, m.country, m.organisation "
            "UNION ALL "
            "SELECT v.contribution_id, 'dots', m.country, m.organisation, sum(v.dots) FROM votes v "
            "LEFT JOIN memberships m ON m.workshop_id = v.workshop_id AND m.person_id = v.person_id "
            "WHERE v.workshop_id = ? GROUP BY v.contribution_id, m.country, m.organisation",
            (workshop_id, workshop_id))
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def constituencies_present(self, workshop_id: int) -> list[tuple[str | None, str | None]]:
        """(country, organisation) of the workshop's registered participants, each pair once: which kinds of
        participant took part (the secretariat and moderators are staff, not a constituency)."""
        rows = await self.fetch_all(
            "SELECT DISTINCT m.country, m.organisation FROM memberships m WHERE m.workshop_id = ? "
            "AND m.registered_at IS NOT NULL AND m.forgotten_at IS NULL AND NOT EXISTS (SELECT 1 FROM roles r "
            "WHERE r.workshop_id = m.workshop_id AND r.person_id = m.person_id "
            "AND r.role IN ('secretariat', 'moderator'))", (workshop_id,))
        return [(r[0], r[1]) for r in rows]

    async def support_by_constituency(self, workshop_id: int, definition: Workshop, item_ids: Iterable[int],
                                      ) -> dict[int, constituency.Support]:
        """Each recommendation's support by country and kind of participant, with its flags (counts only)."""
        kinds = {o.id: o.kind for o in definition.organisations}
        present = constituency.kinds_present(await self.constituencies_present(workshop_id), kinds)
        return constituency.breakdown(await self.constituency_rows(workshop_id), item_ids, kinds, present,
                                      definition.broad_support_countries)

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
                                  reason: str | None = None, amended_action: str | None = None,
                                  reason_language: str | None = None) -> bool:
        """The joint reading's word on a recommendation, with its reason; an amendment keeps the original.
        False, and nothing written, when it is already that word with that reason and wording (a double press, a
        redelivered update), so whoever is told of a decision is told of it once."""
        if outcome not in lifecycle.READING_OUTCOMES:
            raise ValueError(outcome)
        item = await self.contribution(item_id)
        if item.status == outcome and item.status_reason == reason \
                and amended_action in (None, item.details.get("action")):
            return False
        if amended_action is not None:
            await self.edit_contribution(item_id, actor_id, details={**item.details, "action": amended_action})
        async with self.transaction() as tx:
            now = await tx.fetch_one("SELECT status, status_reason FROM contributions WHERE id = ?", (item_id,))
            if amended_action is None and (now["status"], now["status_reason"]) == (outcome, reason):
                return False  # two people's presses at once: the first one decided it
            # The reason's language (for its other version at the translation desk): as the handler read it from
            # the words, else its writer's.
            await tx.execute(
                "UPDATE contributions SET status = ?, status_reason = ?, status_reason_language = "
                "coalesce(?, (SELECT language FROM people WHERE id = ?)), "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                (outcome, reason, reason_language, actor_id, item_id))
            await self.record_audit(tx, item.workshop_id, actor_id, f"reading_{outcome}", table_id=item.table_id,
                                    target_id=item_id, before={"status": item.status, "action": item.details.get(
                                        "action")}, after={"status": outcome, "reason": reason,
                                                           "action": amended_action or item.details.get("action")})
        return True

    # -- the joint reading's list ---------------------------------------------------------------------------

    async def reading(self, workshop_id: int) -> Reading | None:
        """The reading's stored list; None before it opened."""
        head = await self.fetch_one("SELECT opened_at, ended_at FROM readings WHERE workshop_id = ?", (workshop_id,))
        if head is None:
            return None
        rows = await self.fetch_all(
            "SELECT contribution_id, support, object, comments, votes FROM reading_list WHERE workshop_id = ? "
            "ORDER BY position", (workshop_id,))
        return Reading(workshop_id, head["opened_at"], head["ended_at"],
                       tuple((r[0], Tally(r[1], r[2], r[3], r[4])) for r in rows))

    async def open_reading(self, workshop_id: int, actor_id: int | None,
                           entries: list[tuple[int, Tally]]) -> bool:
        """Fix the reading's list as it is ordered now; once only (False when it was open already: two
        presses at once keep the first list)."""
        async with self.transaction() as tx:
            if await tx.fetch_one("SELECT 1 FROM readings WHERE workshop_id = ?", (workshop_id,)):
                return False
            await tx.execute("INSERT INTO readings (workshop_id, opened_by) VALUES (?, ?)", (workshop_id, actor_id))
            await tx.execute_many(
                "INSERT INTO reading_list (workshop_id, position, contribution_id, votes, support, object, comments) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(workshop_id, n, item_id, t.votes, t.support, t.object, t.comments)
                 for n, (item_id, t) in enumerate(entries)])
            await self.record_audit(tx, workshop_id, actor_id, "reading_opened",
                                    after={"order": [item_id for item_id, _ in entries]})
        return True

    async def end_reading(self, workshop_id: int, actor_id: int | None, *, reopen: bool = False,
                          reason: str | None = None) -> bool:
        """End the reading (its list frozen), or with ``reopen`` open an ended one again, with the secretariat's
        ``reason`` (the roadmap's history prints it); either is recorded in the audit log. False when it was
        already so (pressed twice)."""
        async with self.transaction() as tx:
            changed = await tx.execute(
                "UPDATE readings SET ended_at = NULL, ended_by = NULL WHERE workshop_id = ? AND ended_at IS NOT NULL"
                if reopen else
                "UPDATE readings SET ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ended_by = ? "
                "WHERE workshop_id = ? AND ended_at IS NULL",
                (workshop_id,) if reopen else (actor_id, workshop_id))
            if changed and reopen:
                await self.record_audit(tx, workshop_id, actor_id, "reading_reopened",
                                        after={"reason": reason} if reason else None)
            elif changed:
                await self.record_audit(tx, workshop_id, actor_id, "reading_ended")
        return bool(changed)

    async def reading_history(self, workshop_id: int) -> list[AuditEntry]:
        """The joint reading's trail, oldest first: opened, each decision, ended, reopened (with its reason), and
        the workshop's close; what the roadmap's history of the reading is told from (``actor_name`` is left
        empty: the mapper credits each person as they chose)."""
        rows = await self.fetch_all(
            "SELECT id, actor_id, action, target_id, before, after, created_at FROM audit_log WHERE workshop_id = ? "
            f"AND action IN {placeholders(_HISTORY)} ORDER BY id", (workshop_id, *_HISTORY))
        return [AuditEntry(r["id"], r["actor_id"], None, r["action"], r["target_id"],
                           json.loads(r["before"]) if r["before"] else None,
                           json.loads(r["after"]) if r["after"] else None, r["created_at"]) for r in rows]
