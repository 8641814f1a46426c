"""Challenges, good practices and recommendations: written once, edited with history, linked."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.domain import lifecycle
from bot.domain.records import Attachment, Contribution, Notice
from bot.storage.database import placeholders

_SELECT = (
    "SELECT c.*, (SELECT group_concat(d.dimension, ',') FROM contribution_dimensions d "
    "WHERE d.contribution_id = c.id) AS dims FROM contributions c "
)


def _contribution(row) -> Contribution:
    return Contribution(
        id=row["id"], workshop_id=row["workshop_id"], kind=row["kind"], author_id=row["author_id"],
        table_id=row["table_id"], phase_kind=row["phase_kind"], level=row["level"], language=row["language"],
        details=json.loads(row["details"]), attribution=row["attribution"], status=row["status"],
        consolidated=bool(row["consolidated"]), merged_into=row["merged_into"], status_reason=row["status_reason"],
        created_at=row["created_at"], updated_at=row["updated_at"],
        dimensions=tuple(sorted(row["dims"].split(","))) if row["dims"] else (),
    )


class ContributionStore:
    async def submit_contribution(
        self, *, workshop_id: int, author_id: int | None, kind: str, level: str, dimensions: list[str],
        details: dict[str, Any], attribution: str, language: str, table_id: int | None = None,
        phase_kind: str | None = None, client_key: str | None = None, consolidated: bool = False,
        links: list[tuple[int, str]] = (), status: str = lifecycle.SUBMITTED,
        notice: Callable[[Contribution], Notice] | None = None,
    ) -> tuple[Contribution, bool]:
        """Store an item with its dimensions and links. Returns (item, created).

        ``client_key`` names the dialogue that produced it: pressing "send" twice, or a redelivered update,
        finds the item already there and creates nothing new. ``notice`` gives the confirmation for the stored
        item, written to the outbox in the same transaction (once, also for a redelivered press).
        """
        async with self.transaction() as tx:
            if client_key is not None:
                found = await tx.fetch_one(_SELECT + "WHERE c.client_key = ?", (client_key,))
                if found is not None:
                    item = _contribution(found)
                    if notice is not None and author_id is not None:
                        await self.queue_notice(tx, author_id, notice(item))
                    return item, False
            item_id = await tx.execute(
                "INSERT INTO contributions (workshop_id, kind, author_id, table_id, phase_kind, level, language, "
                "details, attribution, status, consolidated, client_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (workshop_id, kind, author_id, table_id, phase_kind, level, language,
                 json.dumps(details, ensure_ascii=False), attribution, status, int(consolidated), client_key),
            )
            await tx.execute_many(
                "INSERT INTO contribution_dimensions (contribution_id, dimension) VALUES (?, ?)",
                [(item_id, d) for d in dict.fromkeys(dimensions)],
            )
            if author_id is not None:
                await tx.execute(
                    "INSERT INTO contribution_authors (contribution_id, person_id, attribution) VALUES (?, ?, ?)",
                    (item_id, author_id, attribution),
                )
            await tx.execute_many(
                "INSERT OR IGNORE INTO contribution_links (from_id, to_id, relation) VALUES (?, ?, ?)",
                [(item_id, to_id, relation) for to_id, relation in links],
            )
            item = _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,)))
            if notice is not None and author_id is not None:
                await self.queue_notice(tx, author_id, notice(item))
        return item, True

    async def contribution(self, item_id: int) -> Contribution | None:
        row = await self.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,))
        return None if row is None else _contribution(row)

    async def contributions(
        self, workshop_id: int, *, kind: str | None = None, level: str | None = None, table_id: int | None = None,
        author_id: int | None = None, statuses: tuple[str, ...] | None = None,
    ) -> list[Contribution]:
        where, params = ["c.workshop_id = ?"], [workshop_id]
        for column, value in (("kind", kind), ("level", level), ("table_id", table_id)):
            if value is not None:
                where.append(f"c.{column} = ?")
                params.append(value)
        if author_id is not None:
            where.append("c.id IN (SELECT contribution_id FROM contribution_authors WHERE person_id = ?)")
            params.append(author_id)
        if statuses:
            where.append(f"c.status IN {placeholders(statuses)}")
            params.extend(statuses)
        rows = await self.fetch_all(_SELECT + "WHERE " + " AND ".join(where) + " ORDER BY c.id", params)
        return [_contribution(r) for r in rows]

    async def edit_contribution(self, item_id: int, editor_id: int | None, *, details: dict[str, Any] | None = None,
                                dimensions: list[str] | None = None, level: str | None = None,
                                attribution: str | None = None, audit_action: str | None = None,
                                notice: Notice | None = None) -> Contribution:
        """Change an item; the previous version is kept in its history first.

        ``audit_action`` (a moderator's or rapporteur's edit) writes the audit line in the same transaction,
        and ``notice`` the editor's confirmation.
        """
        async with self.transaction() as tx:
            before = _contribution(await tx.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,)))
            await tx.execute(
                "INSERT INTO contribution_versions (contribution_id, editor_id, snapshot) VALUES (?, ?, ?)",
                (item_id, editor_id, json.dumps(before.snapshot(), ensure_ascii=False)),
            )
            await tx.execute(
                "UPDATE contributions SET details = ?, level = ?, attribution = ?, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                (json.dumps(details if details is not None else before.details, ensure_ascii=False),
                 level or before.level, attribution or before.attribution, item_id),
            )
            if attribution and before.author_id is not None:
                await tx.execute(
                    "UPDATE contribution_authors SET attribution = ? WHERE contribution_id = ? AND person_id = ?",
                    (attribution, item_id, before.author_id),
                )
            if dimensions is not None:
                await tx.execute("DELETE FROM contribution_dimensions WHERE contribution_id = ?", (item_id,))
                await tx.execute_many(
                    "INSERT INTO contribution_dimensions (contribution_id, dimension) VALUES (?, ?)",
                    [(item_id, d) for d in dict.fromkeys(dimensions)],
                )
            if notice is not None and editor_id is not None:
                await self.queue_notice(tx, editor_id, notice)
            row = await tx.fetch_one(_SELECT + "WHERE c.id = ?", (item_id,))
            if audit_action is not None:
                await self.record_audit(tx, before.workshop_id, editor_id, audit_action, table_id=before.table_id,
                                        target_id=item_id, before=before.snapshot(),
                                        after=_contribution(row).snapshot())
        return _contribution(row)

    async def versions(self, item_id: int) -> list[dict[str, Any]]:
        rows = await self.fetch_all(
            "SELECT editor_id, snapshot, created_at FROM contribution_versions WHERE contribution_id = ? ORDER BY id",
            (item_id,),
        )
        return [{"editor_id": r["editor_id"], "created_at": r["created_at"], **json.loads(r["snapshot"])}
                for r in rows]

    async def set_contribution_status(self, item_id: int, status: str, *, reason: str | None = None,
                                      merged_into: int | None = None) -> None:
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE contributions SET status = ?, status_reason = ?, merged_into = ?, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                (status, reason, merged_into, item_id),
            )

    async def links(self, item_id: int) -> list[tuple[int, str]]:
        rows = await self.fetch_all(
            "SELECT to_id, relation FROM contribution_links WHERE from_id = ? ORDER BY to_id", (item_id,)
        )
        return [(r["to_id"], r["relation"]) for r in rows]

    async def authors(self, item_id: int) -> list[tuple[int, str]]:
        """(person id, attribution) of everyone credited, merges included."""
        rows = await self.fetch_all(
            "SELECT person_id, attribution FROM contribution_authors WHERE contribution_id = ? ORDER BY rowid",
            (item_id,),
        )
        return [(r["person_id"], r["attribution"]) for r in rows]

    async def add_attachment(self, *, telegram_file_id: str, file_name: str, mime_type: str | None, content: bytes,
                             uploader_id: int | None, contribution_id: int | None = None,
                             table_id: int | None = None) -> int:
        async with self.transaction() as tx:
            return await tx.execute(
                "INSERT INTO attachments (contribution_id, table_id, uploader_id, telegram_file_id, file_name, "
                "mime_type, size, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (contribution_id, table_id, uploader_id, telegram_file_id, file_name, mime_type, len(content),
                 content),
            )

    async def attachments(self, *, contribution_id: int | None = None, table_id: int | None = None) -> list[Attachment]:
        column, value = ("contribution_id", contribution_id) if contribution_id is not None else ("table_id", table_id)
        rows = await self.fetch_all(
            "SELECT id, contribution_id, table_id, telegram_file_id, file_name, mime_type, size FROM attachments "
            f"WHERE {column} = ? ORDER BY id", (value,),
        )
        return [Attachment(*tuple(r)) for r in rows]

    async def attachment_content(self, attachment_id: int) -> bytes | None:
        return await self.fetch_value("SELECT content FROM attachments WHERE id = ?", (attachment_id,))
