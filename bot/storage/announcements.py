"""The announcement queue: what the bot tells many people at once (a table's announcement, a phase notice).

Each announcement is queued with one delivery per person before anything is sent, so a restart part-way
through a send-out resumes where it stopped instead of starting again or leaving people out.
"""

from __future__ import annotations

import json
from typing import Any

from bot.domain.records import AnnouncementTally, Delivery


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


# The person has a conversation open and the message is younger than the hold (a '-N seconds' modifier).
_IN_CONVERSATION = ("(EXISTS (SELECT 1 FROM dialogues g WHERE g.person_id = d.person_id) "
                    "AND a.created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?))")


class AnnouncementStore:
    async def queue_announcement(self, workshop_id: int, table_id: int | None, sender_id: int | None,
                                 person_ids: list[int], *, text: str = "", template: str | None = None,
                                 params: dict[str, Any] | None = None, audit: bool = False,
                                 audit_action: str = "announce", audit_details: dict[str, Any] | None = None,
                                 request_key: str | None = None) -> int:
        """The announcement and one 'pending' delivery per person, together: a restart resumes the rest.

        With ``request_key`` (a broadcast's preview), a second call with the same key queues nothing and returns
        the first one's id (``queued_for`` tells the two apart): the same preview is sent once however often
        its "Send" arrives."""
        async with self.transaction() as tx:
            if request_key is not None:
                row = await tx.fetch_one("SELECT id FROM announcements WHERE request_key = ?", (request_key,))
                if row is not None:
                    return row[0]
            announcement_id = await tx.execute(
                "INSERT INTO announcements (workshop_id, table_id, sender_id, text, template, params, request_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (workshop_id, table_id, sender_id, text, template, _json(params or {}), request_key),
            )
            await tx.execute_many(
                "INSERT OR IGNORE INTO announcement_deliveries (announcement_id, person_id) VALUES (?, ?)",
                [(announcement_id, p) for p in dict.fromkeys(person_ids)],
            )
            if not person_ids:
                await tx.execute("UPDATE announcements SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                                 "WHERE id = ?", (announcement_id,))
            if audit:
                await self.record_audit(tx, workshop_id, sender_id, audit_action, table_id=table_id,
                                        target_id=announcement_id, after={"text": text, "recipients": len(person_ids),
                                                                          **(audit_details or {})})
        return announcement_id

    async def queued_for(self, request_key: str) -> tuple[int, int] | None:
        """(announcement id, how many deliveries) of what this key queued, or None if it queued nothing."""
        row = await self.fetch_one(
            "SELECT a.id, (SELECT count(*) FROM announcement_deliveries d WHERE d.announcement_id = a.id) "
            "FROM announcements a WHERE a.request_key = ?", (request_key,))
        return None if row is None else (row[0], row[1])

    async def pending_deliveries(self, limit: int = 100, hold_seconds: float = 0) -> list[Delivery]:
        """Deliveries to send now. With ``hold_seconds``, a person in the middle of a conversation is left for
        later (their question is not buried under a notice) until the message is that old."""
        rows = await self.fetch_all(
            "SELECT d.announcement_id, d.person_id, p.telegram_id, p.language, p.telegram_language, p.blocked_at, "
            "w.default_language, json_extract(w.definition, '$.languages') AS languages, a.text, a.template, "
            "a.params FROM announcement_deliveries d "
            "JOIN announcements a ON a.id = d.announcement_id JOIN people p ON p.id = d.person_id "
            f"JOIN workshops w ON w.id = a.workshop_id WHERE d.status = 'pending' AND NOT {_IN_CONVERSATION} "
            "ORDER BY d.announcement_id, d.person_id LIMIT ?", (f"-{float(hold_seconds)} seconds", limit),
        )
        return [Delivery(r["announcement_id"], r["person_id"], r["telegram_id"], r["language"],
                         r["telegram_language"], r["default_language"], r["blocked_at"] is not None, r["text"],
                         r["template"], json.loads(r["params"]) if r["params"] else {},
                         tuple(json.loads(r["languages"] or "[]"))) for r in rows]

    async def held_deliveries(self, hold_seconds: float) -> int:
        """How many pending deliveries wait for their person to finish a conversation."""
        return await self.fetch_value(
            f"SELECT count(*) FROM announcement_deliveries d JOIN announcements a ON a.id = d.announcement_id "
            f"WHERE d.status = 'pending' AND {_IN_CONVERSATION}", (f"-{float(hold_seconds)} seconds",))

    async def record_delivery(self, announcement_id: int, person_id: int, status: str) -> None:
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE announcement_deliveries SET status = ?, sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE announcement_id = ? AND person_id = ? AND status = 'pending'",
                (status, announcement_id, person_id),
            )

    async def mark_attempted(self, announcement_id: int, person_id: int, attempted: bool = True) -> None:
        """Written just before the message goes to Telegram (and cleared when Telegram said no): a delivery
        still marked after a crash may have arrived, so it is never sent again (``settle_interrupted``)."""
        await self.write(
            "UPDATE announcement_deliveries SET attempted_at = "
            + ("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" if attempted else "NULL")
            + " WHERE announcement_id = ? AND person_id = ? AND status = 'pending'", (announcement_id, person_id))

    async def settle_interrupted(self) -> int:
        """At start-up: deliveries the last process was handing to Telegram when it died are settled as
        'failed' (they may or may not have arrived; sending again could give someone the message twice)."""
        async with self.transaction() as tx:
            return await tx.execute(
                "UPDATE announcement_deliveries SET status = 'failed', sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', "
                "'now') WHERE status = 'pending' AND attempted_at IS NOT NULL")

    async def finish_announcements(self) -> list[AnnouncementTally]:
        """Announcements nobody is pending for any more, closed once: each tally is returned exactly once."""
        async with self.transaction() as tx:
            rows = await tx.fetch_all(
                "SELECT a.id, a.workshop_id, a.table_id, a.sender_id, "
                "sum(d.status = 'sent') AS sent, sum(d.status = 'blocked') AS blocked, "
                "sum(d.status = 'failed') AS failed FROM announcements a "
                "JOIN announcement_deliveries d ON d.announcement_id = a.id WHERE a.finished_at IS NULL "
                "GROUP BY a.id HAVING sum(d.status = 'pending') = 0",
            )
            for r in rows:
                await tx.execute("UPDATE announcements SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                                 "WHERE id = ?", (r["id"],))
        return [AnnouncementTally(r["id"], r["workshop_id"], r["table_id"], r["sender_id"], r["sent"], r["blocked"],
                                  r["failed"]) for r in rows]

