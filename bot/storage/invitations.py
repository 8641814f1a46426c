"""Invitation links: created, redeemed once per person, limited, expiring and revocable."""

from __future__ import annotations

import datetime as dt

from bot.domain import clock
from bot.domain.records import Invitation


def _invitation(row) -> Invitation:
    return Invitation(**{key: row[key] for key in Invitation.__dataclass_fields__})


class InvitationStore:
    async def create_invitation(self, workshop_id: int, token: str, role: str, table_id: int | None = None,
                                max_uses: int | None = None, expires_at: dt.datetime | None = None,
                                label: str | None = None) -> Invitation:
        expires = clock.iso(expires_at) if expires_at else None
        async with self.transaction() as tx:
            invitation_id = await tx.execute(
                "INSERT INTO invitations (workshop_id, token, role, table_id, max_uses, expires_at, label) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (workshop_id, token, role, table_id, max_uses, expires, label),
            )
            row = await tx.fetch_one("SELECT * FROM invitations WHERE id = ?", (invitation_id,))
        return _invitation(row)

    async def invitations(self, workshop_id: int) -> list[Invitation]:
        rows = await self.fetch_all("SELECT * FROM invitations WHERE workshop_id = ? ORDER BY id", (workshop_id,))
        return [_invitation(r) for r in rows]

    async def revoke_invitation(self, token: str) -> bool:
        async with self.transaction() as tx:
            return bool(await tx.execute(
                "UPDATE invitations SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL", (clock.now_iso(), token)
            ))

    async def redeem_invitation(self, token: str, person_id: int) -> tuple[str, Invitation | None]:
        """Join the invitation's workshop in its role. Returns (outcome, invitation).

        Outcomes: ``joined``, ``again`` (this person used it before: nothing changes), ``unknown``,
        ``revoked``, ``expired``, ``used_up``. Checked and counted in one transaction so two people racing
        for the last place cannot both get it.
        """
        async with self.transaction() as tx:
            row = await tx.fetch_one("SELECT * FROM invitations WHERE token = ?", (token,))
            if row is None:
                return "unknown", None
            invitation = _invitation(row)
            used_before = await tx.fetch_one(
                "SELECT 1 FROM invitation_uses WHERE invitation_id = ? AND person_id = ?", (invitation.id, person_id)
            )
            if invitation.revoked_at:
                return "revoked", invitation
            if used_before:
                await tx.execute("UPDATE people SET current_workshop_id = ? WHERE id = ?",
                                 (invitation.workshop_id, person_id))
                return "again", invitation
            if invitation.expires_at and invitation.expires_at <= clock.now_iso():
                return "expired", invitation
            if invitation.max_uses is not None and invitation.uses >= invitation.max_uses:
                return "used_up", invitation
            await tx.execute("UPDATE invitations SET uses = uses + 1 WHERE id = ?", (invitation.id,))
            await tx.execute("INSERT INTO invitation_uses (invitation_id, person_id) VALUES (?, ?)",
                             (invitation.id, person_id))
            await self._join(tx, invitation.workshop_id, person_id, invitation.role, invitation.table_id)
            if invitation.role == "moderator" and invitation.table_id is not None:
                await self.record_audit(tx, invitation.workshop_id, person_id, "moderator_joined",
                                        table_id=invitation.table_id)
        return "joined", invitation
