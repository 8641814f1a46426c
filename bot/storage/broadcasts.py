"""Who a secretariat broadcast reaches, the invitation links as the secretariat manages them, and the documents
people attached, as moderators, the secretariat and the exports get them back out."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.records import Attachment, Invitation

# The roles a broadcast can be addressed to (the secretariat writes to its own members in person).
BROADCAST_ROLES = ("participant", "moderator", "rapporteur", "translator")


@dataclass(frozen=True)
class Recipient:
    person_id: int
    language: str | None
    telegram_language: str | None


@dataclass(frozen=True)
class StoredFile:
    """An attachment with its bytes and what it belongs to: an item or a table's own document."""

    attachment: Attachment
    content: bytes
    uploaded_at: str


_ACTIVE_MEMBER = ("m.forgotten_at IS NULL AND (m.registered_at IS NOT NULL OR EXISTS (SELECT 1 FROM roles s "
                  "WHERE s.workshop_id = m.workshop_id AND s.person_id = m.person_id AND s.role != 'participant'))")


class BroadcastStore:
    async def broadcast_recipients(self, workshop_id: int, audience: str, table_id: int | None = None
                                   ) -> list[Recipient]:
        """Everyone a broadcast to ``audience`` reaches now: ``all`` (every registered member and all staff),
        ``table`` (its members, moderators and rapporteur) or one of ``BROADCAST_ROLES``."""
        select = ("SELECT DISTINCT p.id, p.language, p.telegram_language FROM memberships m "
                  "JOIN people p ON p.id = m.person_id WHERE m.workshop_id = ? AND " + _ACTIVE_MEMBER)
        params: tuple = (workshop_id,)
        if audience == "table":
            select += (" AND (m.table_id = ? OR EXISTS (SELECT 1 FROM roles r WHERE r.workshop_id = m.workshop_id "
                       "AND r.person_id = m.person_id AND r.table_id = ? AND r.role IN ('moderator', 'rapporteur')))")
            params += (table_id, table_id)
        elif audience in BROADCAST_ROLES:
            select += (" AND EXISTS (SELECT 1 FROM roles r WHERE r.workshop_id = m.workshop_id "
                       "AND r.person_id = m.person_id AND r.role = ?)")
            params += (audience,)
        elif audience != "all":
            raise ValueError(f"no such audience: {audience!r}")
        rows = await self.fetch_all(select + " ORDER BY p.id", params)
        return [Recipient(r[0], r[1], r[2]) for r in rows]

    async def invitation_of(self, workshop_id: int, invitation_id: int) -> Invitation | None:
        """One invitation link of this workshop (None for another workshop's: a forged button)."""
        found = [i for i in await self.invitations(workshop_id) if i.id == invitation_id]
        return found[0] if found else None

    async def attachment_of(self, workshop_id: int, attachment_id: int) -> tuple[Attachment, int | None] | None:
        """An item's or a table's document, if it belongs to this workshop (never a draft's, nobody's yet),
        and the table it concerns: the item's table, or the table whose document it is (None: no table)."""
        row = await self.fetch_one(
            "SELECT a.id, a.contribution_id, a.table_id, a.telegram_file_id, a.file_name, a.mime_type, a.size, "
            "coalesce(c.table_id, a.table_id) AS concerns FROM attachments a "
            "LEFT JOIN contributions c ON c.id = a.contribution_id LEFT JOIN working_tables t ON t.id = a.table_id "
            "WHERE a.id = ? AND (c.workshop_id = ? OR (a.contribution_id IS NULL AND t.workshop_id = ?))",
            (attachment_id, workshop_id, workshop_id))
        return None if row is None else (Attachment(*tuple(row)[:7]), row["concerns"])

    async def workshop_files(self, workshop_id: int) -> list[StoredFile]:
        """Every document attached to this workshop's items or tables, with its bytes, oldest first."""
        rows = await self.fetch_all(
            "SELECT a.id, a.contribution_id, a.table_id, a.telegram_file_id, a.file_name, a.mime_type, a.size, "
            "a.content, a.created_at FROM attachments a LEFT JOIN contributions c ON c.id = a.contribution_id "
            "LEFT JOIN working_tables t ON t.id = a.table_id "
            "WHERE c.workshop_id = ? OR (a.contribution_id IS NULL AND t.workshop_id = ?) ORDER BY a.id",
            (workshop_id, workshop_id))
        return [StoredFile(Attachment(*tuple(r)[:7]), bytes(r["content"]), r["created_at"]) for r in rows]
