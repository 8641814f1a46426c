"""The inbox: updates as they arrived, kept until they are handled, so a process killed mid-update handles
them again after its restart (``bot.inbox`` is the Telegram side)."""

from __future__ import annotations

import json

# An update longer than this (as JSON text) is not kept: Telegram's own limits (4,096 characters of text, a
# quoted message of the same) keep real ones far below it, so only a malformed one could reach it.
LONGEST_UPDATE = 64_000
# Start-ups at which one update is handled again before it is given up: one that kills the process every time
# must not keep the bot from ever starting.
REPLAYS = 3


class InboxStore:
    async def receive_update(self, update_id: int, raw: str) -> None:
        """One statement per update, before it is confirmed to Telegram; a second arrival changes nothing."""
        await self.write("INSERT OR IGNORE INTO inbox (update_id, raw) VALUES (?, ?)", (update_id, raw))

    async def receive_updates(self, updates: list[tuple[int, str]]) -> None:
        """A polled batch, in one statement (so in one transaction, and one trip to SQLite's thread rather than
        the three of BEGIN, the rows and COMMIT: the next poll waits for it); an update handled meanwhile (the
        batch is handled as it is being stored) is not written at all, so nothing handled stays behind."""
        await self.write(
            "INSERT OR IGNORE INTO inbox (update_id, raw) "
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) AS batch "
            "WHERE NOT EXISTS (SELECT 1 FROM processed_updates p "
            "WHERE p.update_id = json_extract(batch.value, '$[0]'))",
            (json.dumps(updates, ensure_ascii=False),))

    async def unhandled_updates(self) -> tuple[list[tuple[int, str]], list[int]]:
        """At start-up: the updates that arrived and were never handled, oldest first, counted as tried once
        more; and those given up now, tried at REPLAYS start-ups already. The handled ones are deleted.

        Order is by arrival (Telegram numbers updates in order, except after a week without any, when it
        starts again from a random number: the time then tells)."""
        async with self.transaction() as tx:
            # what was handled is of no more use: what people typed is not kept longer than needed
            await tx.execute("DELETE FROM inbox WHERE EXISTS "
                             "(SELECT 1 FROM processed_updates p WHERE p.update_id = inbox.update_id)")
            rows = await tx.fetch_all(
                "UPDATE inbox SET replays = replays + 1 WHERE replays <= ? AND NOT EXISTS "
                "(SELECT 1 FROM processed_updates p WHERE p.update_id = inbox.update_id) "
                "RETURNING update_id, raw, replays, received_at", (REPLAYS,))
        rows.sort(key=lambda row: (row["received_at"], row["update_id"]))
        again = [(row["update_id"], row["raw"]) for row in rows if row["replays"] <= REPLAYS]
        given_up = [row["update_id"] for row in rows if row["replays"] > REPLAYS]
        return again, given_up

    async def inbox_size(self) -> int:
        return await self.fetch_value("SELECT count(*) FROM inbox")
