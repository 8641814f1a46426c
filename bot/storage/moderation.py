"""What running a working table needs from the store: members, review, merges, audit and the rapporteur.

The announcement queue is in ``announcements``, the agenda's phase transitions in ``phases``.

Each moderation action and its audit line are written in one transaction, so the audit trail can never
miss an action that happened, nor list one that did not.
"""

from __future__ import annotations

import json
from typing import Any

from bot.domain import lifecycle
from bot.domain.records import AuditEntry, Contribution, Credit, TableMember
from bot.storage.contributions import _SELECT, _contribution
from bot.storage.database import placeholders

_MEMBER_COLUMNS = "p.id AS person_id, p.telegram_id, p.blocked_at, m.full_name, m.country, m.organisation, " \
                  "m.other_affiliation"


class ModerationStore:
    # -- the table's people -------------------------------------------------------------------------

    async def table_members(self, workshop_id: int, table_id: int) -> list[TableMember]:
        """Members seated at the table, with how many items of each kind each sent to it."""
        rows = await self.fetch_all(
            f"SELECT {_MEMBER_COLUMNS} FROM memberships m JOIN people p ON p.id = m.person_id "
            "WHERE m.workshop_id = ? AND m.table_id = ? AND m.forgotten_at IS NULL "
            "ORDER BY m.full_name COLLATE NOCASE, p.id", (workshop_id, table_id),
        )
        counts = await self.fetch_all(
            "SELECT a.person_id, c.kind, count(*) AS n FROM contribution_authors a "
            "JOIN contributions c ON c.id = a.contribution_id WHERE c.table_id = ? "
            f"AND c.status IN {placeholders(lifecycle.SENT)} GROUP BY a.person_id, c.kind",
            (table_id, *lifecycle.SENT),
        )
        sent: dict[int, dict[str, int]] = {}
        for r in counts:
            sent.setdefault(r["person_id"], {})[r["kind"]] = r["n"]
        return [TableMember(r["person_id"], r["telegram_id"], r["full_name"], r["country"], r["organisation"],
                            r["other_affiliation"], r["blocked_at"] is not None, sent.get(r["person_id"], {}))
                for r in rows]

    async def unseated_participants(self, workshop_id: int) -> list[TableMember]:
        """Registered participants who have no table yet: whom a moderator may seat at theirs."""
        rows = await self.fetch_all(
            f"SELECT {_MEMBER_COLUMNS} FROM memberships m JOIN people p ON p.id = m.person_id "
            "WHERE m.workshop_id = ? AND m.table_id IS NULL AND m.registered_at IS NOT NULL "
            "AND m.forgotten_at IS NULL AND EXISTS (SELECT 1 FROM roles r WHERE r.workshop_id = m.workshop_id "
            "AND r.person_id = m.person_id AND r.role = 'participant') "
            "ORDER BY m.full_name COLLATE NOCASE, p.id", (workshop_id,),
        )
        return [TableMember(r["person_id"], r["telegram_id"], r["full_name"], r["country"], r["organisation"],
                            r["other_affiliation"], r["blocked_at"] is not None, {}) for r in rows]

    async def seat_participant(self, workshop_id: int, table_id: int, person_id: int, actor_id: int | None) -> str:
        """Seat a participant who has no table yet, within the table's capacity, and audit it, at once.

        Returns ``seated``, ``already_here`` (pressed twice), ``elsewhere`` (another table's member: not
        moved), ``full``, or ``unknown`` (not a registered participant of this workshop).
        """
        async with self.transaction() as tx:
            member = await tx.fetch_one(
                "SELECT m.table_id, m.full_name FROM memberships m WHERE m.workshop_id = ? AND m.person_id = ? "
                "AND m.registered_at IS NOT NULL AND m.forgotten_at IS NULL AND EXISTS (SELECT 1 FROM roles r "
                "WHERE r.workshop_id = m.workshop_id AND r.person_id = m.person_id AND r.role = 'participant')",
                (workshop_id, person_id),
            )
            if member is None:
                return "unknown"
            if member["table_id"] is not None:
                return "already_here" if member["table_id"] == table_id else "elsewhere"
            room = await tx.fetch_one(
                "SELECT t.capacity > (SELECT count(*) FROM memberships m WHERE m.table_id = t.id "
                "AND m.forgotten_at IS NULL) AS free FROM working_tables t WHERE t.id = ? AND t.workshop_id = ?",
                (table_id, workshop_id),
            )
            if room is None or not room["free"]:
                return "full"
            await tx.execute("UPDATE memberships SET table_id = ? WHERE workshop_id = ? AND person_id = ?",
                             (table_id, workshop_id, person_id))
            await self.record_audit(tx, workshop_id, actor_id, "seat", table_id=table_id, target_id=person_id,
                                    after={"seated": member["full_name"]})
        return "seated"

    async def reseat_participant(self, workshop_id: int, person_id: int, from_table_id: int, to_table_id: int,
                                 actor_id: int | None) -> str:
        """Move a participant seated at ``from_table_id`` to ``to_table_id``, within its capacity, audited at both
        tables (``reseat_out``, ``reseat_in``), at once: two presses, or two people moving them, move them once.

        Returns ``moved``, ``same`` (the table they are at), ``not_there`` (no longer seated at the table the
        button was for: moved meanwhile), ``full``, or ``unknown`` (not a registered participant, or a table of
        another workshop)."""
        async with self.transaction() as tx:
            member = await tx.fetch_one(
                "SELECT m.table_id, m.full_name FROM memberships m WHERE m.workshop_id = ? AND m.person_id = ? "
                "AND m.registered_at IS NOT NULL AND m.forgotten_at IS NULL AND EXISTS (SELECT 1 FROM roles r "
                "WHERE r.workshop_id = m.workshop_id AND r.person_id = m.person_id AND r.role = 'participant')",
                (workshop_id, person_id))
            tables = {r["id"]: r for r in await tx.fetch_all(
                "SELECT t.id, t.code, t.capacity > (SELECT count(*) FROM memberships m WHERE m.table_id = t.id "
                "AND m.forgotten_at IS NULL) AS free FROM working_tables t WHERE t.workshop_id = ? AND t.id IN (?, ?)",
                (workshop_id, from_table_id, to_table_id))}
            if member is None or from_table_id not in tables or to_table_id not in tables:
                return "unknown"
            if member["table_id"] == to_table_id:
                return "same"
            if member["table_id"] != from_table_id:
                return "not_there"
            if not tables[to_table_id]["free"]:
                return "full"
            await tx.execute("UPDATE memberships SET table_id = ? WHERE workshop_id = ? AND person_id = ?",
                             (to_table_id, workshop_id, person_id))
            moved = {"seated": member["full_name"], "from": tables[from_table_id]["code"],
                     "to": tables[to_table_id]["code"]}
            await self.record_audit(tx, workshop_id, actor_id, "reseat_out", table_id=from_table_id,
                                    target_id=person_id, after=moved)
            await self.record_audit(tx, workshop_id, actor_id, "reseat_in", table_id=to_table_id,
                                    target_id=person_id, after=moved)
        return "moved"

    async def is_table_member(self, table_id: int, person_id: int) -> bool:
        return await self.fetch_value(
            "SELECT 1 FROM memberships WHERE table_id = ? AND person_id = ? AND forgotten_at IS NULL",
            (table_id, person_id),
        ) is not None

    async def table_recipients(self, workshop_id: int, table_id: int) -> list[int]:
        """Everyone a table message reaches: the members seated there and the table's moderators and rapporteur."""
        rows = await self.fetch_all(
            "SELECT person_id FROM memberships WHERE workshop_id = ? AND table_id = ? AND forgotten_at IS NULL "
            "UNION SELECT person_id FROM roles WHERE workshop_id = ? AND table_id = ? "
            "AND role IN ('moderator', 'rapporteur') ORDER BY person_id",
            (workshop_id, table_id, workshop_id, table_id),
        )
        return [r["person_id"] for r in rows]

    async def workshop_recipients(self, workshop_id: int) -> list[int]:
        rows = await self.fetch_all(
            "SELECT person_id FROM memberships WHERE workshop_id = ? AND forgotten_at IS NULL "
            "AND (registered_at IS NOT NULL OR person_id IN (SELECT person_id FROM roles WHERE workshop_id = ? "
            "AND role != 'participant')) ORDER BY person_id", (workshop_id, workshop_id),
        )
        return [r["person_id"] for r in rows]

    async def credits(self, item_id: int) -> list[Credit]:
        rows = await self.fetch_all(
            "SELECT a.person_id, m.full_name, m.country, m.organisation, m.other_affiliation "
            "FROM contribution_authors a JOIN contributions c ON c.id = a.contribution_id "
            "LEFT JOIN memberships m ON m.person_id = a.person_id AND m.workshop_id = c.workshop_id "
            "WHERE a.contribution_id = ? ORDER BY a.rowid", (item_id,),
        )
        return [Credit(r["person_id"], r["full_name"], r["country"], r["organisation"], r["other_affiliation"])
                for r in rows]

    # -- review ---------------------------------------------------------------------------------------

    async def moderate_contribution(self, item_id: int, actor_id: int | None, status: str,
                                    reason: str | None = None) -> Contribution:
        """Approve or reject an item; the action and its before/after land in the audit log with it."""
        async with self.transaction() as tx:
            before = _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,)))
            await tx.execute(
                "UPDATE contributions SET status = ?, status_reason = ?, merged_into = NULL, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?", (status, reason, item_id),
            )
            await self.record_audit(
                tx, before.workshop_id, actor_id,
                {lifecycle.APPROVED: "approve", lifecycle.REJECTED: "reject"}.get(status, status),
                table_id=before.table_id, target_id=item_id,
                before={"status": before.status, "reason": before.status_reason},
                after={"status": status, "reason": reason},
            )
            return _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,)))

    async def merge_contributions(self, item_id: int, survivor_id: int, actor_id: int | None) -> Contribution:
        """Fold ``item_id`` into ``survivor_id``: the survivor keeps both items' authors (and so their
        countries), dimensions and links; the merged item points to it and everything that pointed to the
        merged item now points to the survivor."""
        if item_id == survivor_id:
            raise ValueError("an item cannot be merged into itself")
        async with self.transaction() as tx:
            before = _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,)))
            survivor = _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (survivor_id,)))
            await tx.execute(
                "INSERT OR IGNORE INTO contribution_authors (contribution_id, person_id, attribution) "
                "SELECT ?, person_id, attribution FROM contribution_authors WHERE contribution_id = ?",
                (survivor_id, item_id),
            )
            await tx.execute(
                "INSERT OR IGNORE INTO contribution_dimensions (contribution_id, dimension) "
                "SELECT ?, dimension FROM contribution_dimensions WHERE contribution_id = ?", (survivor_id, item_id),
            )
            await tx.execute(
                "INSERT OR IGNORE INTO contribution_links (from_id, to_id, relation) SELECT ?, to_id, relation "
                "FROM contribution_links WHERE from_id = ? AND to_id != ?", (survivor_id, item_id, survivor_id),
            )
            await tx.execute(
                "INSERT OR IGNORE INTO contribution_links (from_id, to_id, relation) SELECT from_id, ?, relation "
                "FROM contribution_links WHERE to_id = ? AND from_id != ?", (survivor_id, item_id, survivor_id),
            )
            await tx.execute("DELETE FROM contribution_links WHERE to_id = ?", (item_id,))
            await tx.execute(
                "UPDATE contributions SET merged_into = ? WHERE merged_into = ?", (survivor_id, item_id),
            )
            await tx.execute(
                "UPDATE contributions SET status = ?, merged_into = ?, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                (lifecycle.MERGED, survivor_id, item_id),
            )
            after = _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (survivor_id,)))
            await self.record_audit(
                tx, before.workshop_id, actor_id, "merge", table_id=before.table_id, target_id=item_id,
                before={"status": before.status, "survivor_dimensions": list(survivor.dimensions)},
                after={"status": lifecycle.MERGED, "merged_into": survivor_id,
                       "survivor_dimensions": list(after.dimensions)},
            )
            return after

    async def audit_entries(self, workshop_id: int, table_id: int, limit: int = 30) -> list[AuditEntry]:
        """The table's trail, newest first."""
        rows = await self.fetch_all(
            "SELECT a.*, m.full_name AS actor_name FROM audit_log a LEFT JOIN memberships m "
            "ON m.person_id = a.actor_id AND m.workshop_id = a.workshop_id "
            "WHERE a.workshop_id = ? AND a.table_id = ? ORDER BY a.id DESC LIMIT ?", (workshop_id, table_id, limit),
        )
        return [AuditEntry(r["id"], r["actor_id"], r["actor_name"], r["action"], r["target_id"],
                           json.loads(r["before"]) if r["before"] else None,
                           json.loads(r["after"]) if r["after"] else None, r["created_at"]) for r in rows]

    async def table_moderators(self, workshop_id: int, table_id: int) -> list[int]:
        """The people who moderate this table: who is told that its synthesis waits for a decision."""
        rows = await self.fetch_all(
            "SELECT person_id FROM roles WHERE workshop_id = ? AND table_id = ? AND role = 'moderator' "
            "ORDER BY person_id", (workshop_id, table_id))
        return [r["person_id"] for r in rows]

    # -- the rapporteur -------------------------------------------------------------------------------

    async def rapporteur(self, workshop_id: int, table_id: int) -> int | None:
        return await self.fetch_value(
            "SELECT person_id FROM roles WHERE workshop_id = ? AND table_id = ? AND role = 'rapporteur'",
            (workshop_id, table_id),
        )

    async def set_rapporteur(self, workshop_id: int, table_id: int, person_id: int,
                             actor_id: int | None) -> int | None:
        """Name the table's one rapporteur (replacing any other). Returns whoever held it before."""
        async with self.transaction() as tx:
            previous = await tx.fetch_one(
                "SELECT person_id FROM roles WHERE workshop_id = ? AND table_id = ? AND role = 'rapporteur'",
                (workshop_id, table_id),
            )
            await tx.execute("DELETE FROM roles WHERE workshop_id = ? AND table_id = ? AND role = 'rapporteur'",
                             (workshop_id, table_id))
            await tx.execute(
                "INSERT INTO roles (workshop_id, person_id, role, table_id) VALUES (?, ?, 'rapporteur', ?)",
                (workshop_id, person_id, table_id),
            )
            before = previous["person_id"] if previous else None
            await self.record_audit(tx, workshop_id, actor_id, "name_rapporteur", table_id=table_id,
                                    target_id=person_id, before={"rapporteur": before},
                                    after={"rapporteur": person_id})
        return before

    async def record_table_action(self, workshop_id: int, table_id: int | None, actor_id: int | None, action: str,
                                  target_id: int | None = None, before: Any = None, after: Any = None) -> None:
        """An audit line for an action whose write happened elsewhere (an upload, an announcement)."""
        async with self.transaction() as tx:
            await self.record_audit(tx, workshop_id, actor_id, action, table_id=table_id, target_id=target_id,
                                    before=before, after=after)
