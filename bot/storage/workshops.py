"""Workshops, their working tables and their phases."""

from __future__ import annotations

import datetime as dt
import json

from bot.domain import clock
from bot.domain.records import Membership, Role, StoredWorkshop, WorkingTable
from bot.domain.workshop_file import Workshop


def _utc(moment: dt.datetime, workshop: Workshop) -> str:
    """A time from the workshop file: one without a zone is the workshop's own local time, not UTC."""
    return clock.iso(moment if moment.tzinfo is not None else moment.replace(tzinfo=workshop.zone))


def _table(r) -> WorkingTable:
    return WorkingTable(r["id"], r["workshop_id"], r["code"], r["level"], r["capacity"], r["members"])


class WorkshopStore:
    _workshop_cache: dict[int, tuple[str, StoredWorkshop]]

    async def save_workshop(self, workshop: Workshop) -> int:
        """Store a workshop file; loading the same slug again updates it in place."""
        definition = workshop.model_dump_json()
        async with self.transaction() as tx:
            row = await tx.fetch_one("SELECT id FROM workshops WHERE slug = ?", (workshop.id,))
            if row is None:
                workshop_id = await tx.execute(
                    "INSERT INTO workshops (slug, definition, default_language) VALUES (?, ?, ?)",
                    (workshop.id, definition, workshop.default_language),
                )
            else:
                workshop_id = row["id"]
                await tx.execute(
                    "UPDATE workshops SET definition = ?, default_language = ? WHERE id = ?",
                    (definition, workshop.default_language, workshop_id),
                )
            for table in workshop.tables:
                await tx.execute(
                    "INSERT INTO working_tables (workshop_id, code, level, capacity) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (workshop_id, code) DO UPDATE SET level = excluded.level, "
                    "capacity = excluded.capacity",
                    (workshop_id, table.id, table.level, table.capacity),
                )
            for phase in workshop.phases:
                existing = await tx.fetch_one(
                    "SELECT id FROM phases WHERE workshop_id = ? AND code = ? AND table_id IS NULL",
                    (workshop_id, phase.id),
                )
                values = (phase.kind, _utc(phase.opens, workshop), _utc(phase.closes, workshop),
                          phase.reminder_minutes)
                if existing is None:
                    await tx.execute(
                        "INSERT INTO phases (workshop_id, code, kind, opens_at, closes_at, reminder_minutes) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (workshop_id, phase.id, *values),
                    )
                else:
                    await tx.execute(
                        "UPDATE phases SET kind = ?, opens_at = ?, closes_at = ?, reminder_minutes = ? "
                        "WHERE id = ?", (*values, existing["id"]),
                    )
        return workshop_id

    async def workshop(self, workshop_id: int) -> StoredWorkshop | None:
        row = await self.fetch_one("SELECT * FROM workshops WHERE id = ?", (workshop_id,))
        if row is None:
            return None
        cache = self.__dict__.setdefault("_workshop_cache", {})
        cached = cache.get(workshop_id)
        if cached and cached[0] == row["definition"] and cached[1].status == row["status"] \
                and cached[1].reading_ended_at == row["reading_ended_at"]:
            return cached[1]
        stored = StoredWorkshop(
            id=row["id"], slug=row["slug"], definition=Workshop.model_validate_json(row["definition"]),
            status=row["status"], reading_ended_at=row["reading_ended_at"],
        )
        cache[workshop_id] = (row["definition"], stored)
        return stored

    async def member_view(self, workshop_id: int, person_id: int
                          ) -> tuple[StoredWorkshop | None, Membership | None, list[Role]]:
        """The workshop, the person's membership and roles in it, in one trip to the database. The workshop's
        definition only travels back when it differs from the one already parsed (the file was loaded again)."""
        cache = self.__dict__.setdefault("_workshop_cache", {})
        cached = cache.get(workshop_id)
        fields = ", ".join(f"m.{name} AS m_{name}" for name in Membership.__dataclass_fields__)
        row = await self.fetch_one(
            f"SELECT w.status, w.reading_ended_at, CASE WHEN w.definition = ? THEN NULL ELSE 1 END AS changed, "
            f"{fields}, (SELECT group_concat(r.role || ':' || coalesce(r.table_id, ''), ',') FROM roles r "
            "WHERE r.workshop_id = w.id AND r.person_id = ?) AS role_list FROM workshops w "
            "LEFT JOIN memberships m ON m.workshop_id = w.id AND m.person_id = ? WHERE w.id = ?",
            (cached[0] if cached else "", person_id, person_id, workshop_id),
        )
        if row is None:
            return None, None, []
        if row["changed"] or cached[1].status != row["status"] or cached[1].reading_ended_at != row["reading_ended_at"]:
            stored = await self.workshop(workshop_id)
        else:
            stored = cached[1]
        membership = None
        if row["m_id"] is not None:
            membership = Membership(**{name: row[f"m_{name}"] for name in Membership.__dataclass_fields__})
        roles = []
        for entry in (row["role_list"] or "").split(","):
            if entry:
                role, _, table = entry.partition(":")
                roles.append(Role(role, int(table) if table else None))
        roles.sort(key=lambda r: (r.role, r.table_id if r.table_id is not None else -1))
        return stored, membership, roles

    async def workshop_by_slug(self, slug: str) -> StoredWorkshop | None:
        workshop_id = await self.fetch_value("SELECT id FROM workshops WHERE slug = ?", (slug,))
        return None if workshop_id is None else await self.workshop(workshop_id)

    async def all_workshops(self) -> list[StoredWorkshop]:
        """Every workshop in the store, archived ones included, oldest first."""
        ids = [r[0] for r in await self.fetch_all("SELECT id FROM workshops ORDER BY id")]
        return [await self.workshop(workshop_id) for workshop_id in ids]

    async def person_workshops(self, person_id: int) -> list[StoredWorkshop]:
        """The workshops this person is a member of (not those they asked to be forgotten in), oldest first:
        what ``/workshop`` offers to switch between."""
        rows = await self.fetch_all(
            "SELECT w.id FROM workshops w JOIN memberships m ON m.workshop_id = w.id AND m.person_id = ? "
            "WHERE m.forgotten_at IS NULL ORDER BY w.id", (person_id,))
        return [await self.workshop(r[0]) for r in rows]

    async def choose_workshop(self, person_id: int, workshop_id: int) -> bool:
        """Make ``workshop_id`` the one this person's messages go to; False (nothing changes) unless they are a
        member of it, so a forged or stale button cannot put anyone into a workshop."""
        async with self.transaction() as tx:
            return bool(await tx.execute(
                "UPDATE people SET current_workshop_id = ? WHERE id = ? AND EXISTS (SELECT 1 FROM memberships "
                "WHERE workshop_id = ? AND person_id = ? AND forgotten_at IS NULL)",
                (workshop_id, person_id, workshop_id, person_id)))

    async def grant_role(self, workshop_id: int, telegram_id: int, role: str) -> tuple[int, bool]:
        """``workshop-bot admin grant``: give the person with this Telegram id a role in the workshop (someone
        who never wrote to the bot is created, as a first message would), and make it their current workshop.
        Returns (person id, whether the role is new)."""
        async with self.transaction() as tx:
            await tx.execute("INSERT INTO people (telegram_id) VALUES (?) ON CONFLICT (telegram_id) DO NOTHING",
                             (telegram_id,))
            person_id = (await tx.fetch_one("SELECT id FROM people WHERE telegram_id = ?", (telegram_id,)))[0]
            had = await tx.fetch_one("SELECT 1 FROM roles WHERE workshop_id = ? AND person_id = ? AND role = ? "
                                     "AND table_id IS NULL", (workshop_id, person_id, role))
            await self._join(tx, workshop_id, person_id, role, None)
            await self.record_audit(tx, workshop_id, None, "role_granted", target_id=person_id,
                                    after={"role": role})
        return person_id, had is None

    async def last_role_grant(self) -> int:
        """The audit row of the latest ``grant_role``: where ``roles_granted_since`` starts (0: none yet)."""
        return await self.fetch_value("SELECT coalesce(max(id), 0) FROM audit_log WHERE action = 'role_granted'")

    async def roles_granted_since(self, audit_id: int) -> list[tuple[int, int, int]]:
        """(audit id, workshop id, person id) of each role ``grant_role`` gave after ``audit_id``, oldest first:
        how a running bot learns of ``workshop-bot admin grant``, which another process writes."""
        rows = await self.fetch_all("SELECT id, workshop_id, target_id FROM audit_log WHERE id > ? "
                                    "AND action = 'role_granted' ORDER BY id", (audit_id,))
        return [(r[0], r[1], r[2]) for r in rows]

    async def has_secretariat(self, workshop_id: int) -> bool:
        return bool(await self.fetch_value(
            "SELECT count(*) FROM roles WHERE workshop_id = ? AND role = 'secretariat'", (workshop_id,)))

    async def new_claim_code(self, workshop_id: int, token: str, label: str) -> str:
        """A one-time code that makes whoever first sends ``/start <code>`` the workshop's secretariat: an
        invitation for one use. An earlier code nobody used is cancelled, so only the last one printed works."""
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE invitations SET revoked_at = ? WHERE workshop_id = ? AND label = ? AND uses = 0 "
                "AND revoked_at IS NULL", (clock.now_iso(), workshop_id, label))
            await tx.execute(
                "INSERT INTO invitations (workshop_id, token, role, max_uses, label) "
                "VALUES (?, ?, 'secretariat', 1, ?)", (workshop_id, token, label))
        return token

    async def agenda_signature(self) -> str:
        """A short text that changes whenever a workshop is added, changes status or is loaded again, or a phase
        moves: what ``bot.jobs.workshop_watch`` compares to know the agenda must be planned again."""
        return await self.fetch_value(
            "SELECT coalesce((SELECT group_concat(w, ',') FROM (SELECT id || ':' || status || ':' || "
            "length(definition) AS w FROM workshops ORDER BY id)), '') || '|' || coalesce((SELECT group_concat(p, ',') "
            "FROM (SELECT id || ':' || coalesce(opens_at, '') || ':' || coalesce(closes_at, '') || ':' || "
            "reminder_minutes || ':' || state AS p FROM phases ORDER BY id)), '')")

    async def latest_workshop(self) -> StoredWorkshop | None:
        workshop_id = await self.fetch_value(
            "SELECT id FROM workshops WHERE status != 'archived' ORDER BY id DESC LIMIT 1"
        )
        return None if workshop_id is None else await self.workshop(workshop_id)

    _TABLES_SQL = (
        "SELECT t.*, (SELECT count(*) FROM memberships m WHERE m.table_id = t.id "
        "AND m.forgotten_at IS NULL) AS members FROM working_tables t "
    )

    async def working_tables(self, workshop_id: int) -> list[WorkingTable]:
        rows = await self.fetch_all(self._TABLES_SQL + "WHERE t.workshop_id = ? ORDER BY t.code", (workshop_id,))
        return [_table(r) for r in rows]

    async def working_table(self, table_id: int) -> WorkingTable | None:
        row = await self.fetch_one(self._TABLES_SQL + "WHERE t.id = ?", (table_id,))
        return None if row is None else _table(row)

    async def registered_per_table(self, workshop_id: int) -> list[tuple[str, int]]:
        """(table code, people registered at it), tables nobody joined left out: how seating turned out."""
        rows = await self.fetch_all(
            "SELECT t.code, count(*) FROM memberships m JOIN working_tables t ON t.id = m.table_id "
            "WHERE m.workshop_id = ? AND m.registered_at IS NOT NULL GROUP BY t.code ORDER BY t.code",
            (workshop_id,))
        return [(r[0], r[1]) for r in rows]

    async def record_audit(self, tx, workshop_id: int, actor_id: int | None, action: str, *,
                           table_id: int | None = None, target_id: int | None = None,
                           before: object = None, after: object = None) -> None:
        await tx.execute(
            "INSERT INTO audit_log (workshop_id, table_id, actor_id, action, target_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (workshop_id, table_id, actor_id, action, target_id,
             None if before is None else json.dumps(before, ensure_ascii=False),
             None if after is None else json.dumps(after, ensure_ascii=False)),
        )
