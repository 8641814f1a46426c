"""Conversations in progress and updates already handled: what makes a restart invisible to people."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.records import Dialogue

# Telegram sends an update again only until it is confirmed, and keeps none longer than 24 hours: what was handled
# two days ago can never come back, so its row is dropped (looked at once every PRUNE_EVERY updates).
KEPT_FOR = "-2 days"
PRUNE_EVERY = 1000


class DialogueStore:
    async def dialogue(self, person_id: int) -> Dialogue | None:
        row = await self.fetch_one("SELECT flow, step, data FROM dialogues WHERE person_id = ?", (person_id,))
        return None if row is None else Dialogue(row["flow"], row["step"], json.loads(row["data"]))

    async def save_dialogue(self, person_id: int, flow: str, step: str, data: dict[str, Any]) -> None:
        await self.write(
            "INSERT INTO dialogues (person_id, flow, step, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (person_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, "
            "data = excluded.data, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (person_id, flow, step, json.dumps(data, ensure_ascii=False)),
        )

    async def end_dialogue(self, person_id: int) -> bool:
        return bool(await self.write("DELETE FROM dialogues WHERE person_id = ?", (person_id,)))

    async def update_seen(self, update_id: int) -> bool:
        return await self.fetch_one("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)) is not None

    async def mark_update_done(self, update_id: int) -> None:
        await self.write("INSERT OR IGNORE INTO processed_updates (update_id) VALUES (?)", (update_id,))
        # (its copy in the inbox goes with this INSERT: the trigger inbox_handled, migration 017)
        if update_id % PRUNE_EVERY == 0:
            await self.write("DELETE FROM processed_updates "
                             "WHERE processed_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)", (KEPT_FOR,))
            # The inbox keeps an update only until it is handled (and one never handled, as long as the rest).
            await self.write("DELETE FROM inbox WHERE received_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?) OR "
                             "EXISTS (SELECT 1 FROM processed_updates p WHERE p.update_id = inbox.update_id)",
                             (KEPT_FOR,))
