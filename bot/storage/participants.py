"""What the participant's journey needs beyond the shared stores: a table's people, authors' profiles,
attachments sent before their item exists, and the links of an edited recommendation."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.records import Membership
from bot.storage.people import _membership


class ParticipantStore:
    async def table_people(self, workshop_id: int, table_id: int) -> list[tuple[str, str | None]]:
        """(role, name) of the moderators and rapporteur of a table; the name is None once forgotten."""
        rows = await self.fetch_all(
            "SELECT r.role, CASE WHEN m.forgotten_at IS NULL THEN coalesce(m.full_name, p.first_name) END AS name "
            "FROM roles r JOIN people p ON p.id = r.person_id "
            "LEFT JOIN memberships m ON m.workshop_id = r.workshop_id AND m.person_id = r.person_id "
            "WHERE r.workshop_id = ? AND r.table_id = ? AND r.role IN ('moderator', 'rapporteur') "
            "ORDER BY r.role, r.granted_at", (workshop_id, table_id),
        )
        return [(r["role"], r["name"]) for r in rows]

    async def memberships_of(self, workshop_id: int, person_ids: Iterable[int]) -> dict[int, Membership]:
        """Profiles of several authors at once, to credit a list of items without one query per item."""
        ids = sorted({p for p in person_ids if p is not None})
        if not ids:
            return {}
        rows = await self.fetch_all(
            f"SELECT * FROM memberships WHERE workshop_id = ? AND person_id IN ({', '.join('?' * len(ids))})",
            (workshop_id, *ids),
        )
        return {r["person_id"]: _membership(r) for r in rows}

    async def attach_to_item(self, attachment_id: int, item_id: int, uploader_id: int) -> None:
        """A document received during a draft joins the item once it is sent (again: no change)."""
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE attachments SET contribution_id = ? WHERE id = ? AND uploader_id = ?",
                (item_id, attachment_id, uploader_id),
            )

    async def discard_draft_attachment(self, attachment_id: int, uploader_id: int) -> None:
        """A document of a draft that was replaced or cancelled: never attached, so nothing refers to it."""
        async with self.transaction() as tx:
            await tx.execute(
                "DELETE FROM attachments WHERE id = ? AND uploader_id = ? AND contribution_id IS NULL",
                (attachment_id, uploader_id),
            )

    async def replace_links(self, item_id: int, links: Iterable[tuple[int, str]],
                            relations: tuple[str, ...] = ("answers", "builds_on")) -> None:
        """An edited recommendation answers the challenges and builds on the practices chosen now."""
        async with self.transaction() as tx:
            await tx.execute(
                f"DELETE FROM contribution_links WHERE from_id = ? AND relation IN ({', '.join('?' * len(relations))})",
                (item_id, *relations),
            )
            await tx.execute_many(
                "INSERT OR IGNORE INTO contribution_links (from_id, to_id, relation) VALUES (?, ?, ?)",
                [(item_id, to_id, relation) for to_id, relation in links],
            )

    async def telegram_id(self, person_id: int) -> int | None:
        return await self.fetch_value("SELECT telegram_id FROM people WHERE id = ?", (person_id,))
