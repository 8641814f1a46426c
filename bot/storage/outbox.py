"""The outbox: confirmations written with the change they confirm, then delivered (``bot.jobs.confirmations``).

A notice is claimed ('sending') before it is sent, so the delivery right after the change and the retry job
never both send it; a claim left by a crash is released at the next start.
"""

from __future__ import annotations

import json

from bot.domain.records import Notice, OutboxEntry

_ENTRY = ("SELECT o.id, o.person_id, p.telegram_id, p.language, p.telegram_language, o.template, o.params, "
          "o.attempts, coalesce(w.default_language, 'es') AS default_language, "
          "json_extract(w.definition, '$.languages') AS languages "
          "FROM outbox o JOIN people p ON p.id = o.person_id LEFT JOIN workshops w ON w.id = p.current_workshop_id ")


def _entry(row) -> OutboxEntry:
    return OutboxEntry(row["id"], row["person_id"], row["telegram_id"], row["language"], row["telegram_language"],
                       row["default_language"], row["template"], json.loads(row["params"]), row["attempts"],
                       tuple(json.loads(row["languages"])) if row["languages"] else None)


class OutboxStore:
    @staticmethod
    async def queue_notice(tx, person_id: int, notice: Notice) -> int:
        """Inside a change's transaction: the notice that confirms it (once per key). Returns its id."""
        await tx.execute("INSERT OR IGNORE INTO outbox (person_id, key, template, params) VALUES (?, ?, ?, ?)",
                         (person_id, notice.key, notice.template, json.dumps(notice.params, ensure_ascii=False)))
        row = await tx.fetch_one("SELECT id FROM outbox WHERE key = ?", (notice.key,))
        return row["id"]

    async def claim_notice(self, key: str) -> OutboxEntry | None:
        """Take a pending notice to send it; None when it was sent already or someone else is sending it."""
        async with self.transaction() as tx:
            claimed = await tx.execute(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE key = ? AND status = 'pending'",
                (key,))
            if not claimed:
                return None
            row = await tx.fetch_one(_ENTRY + "WHERE o.key = ?", (key,))
        return _entry(row)

    async def record_notice(self, notice_id: int, status: str) -> None:
        """'sent', 'blocked' or 'failed' for good; 'pending' to try again later."""
        await self.write("UPDATE outbox SET status = ?, sent_at = CASE WHEN ? = 'sent' THEN "
                         "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END WHERE id = ?", (status, status, notice_id))

    async def pending_notices(self, limit: int = 100) -> list[str]:
        rows = await self.fetch_all("SELECT key FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?", (limit,))
        return [r["key"] for r in rows]

    async def release_claims(self) -> int:
        """At start-up: notices a crash left 'sending' go back to 'pending' (the send may not have happened)."""
        return await self.write("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")

    async def notice_status(self, key: str) -> str | None:
        return await self.fetch_value("SELECT status FROM outbox WHERE key = ?", (key,))

    async def confirm_later(self, person_id: int, notice: Notice) -> None:
        """A notice for a change stored earlier (found again after a crash): written once per key."""
        async with self.transaction() as tx:
            await self.queue_notice(tx, person_id, notice)
