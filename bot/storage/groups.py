"""Which Telegram group is whose (a table's, or the workshop's plenary group), and the posts queued for them.

Only the link and the bot's own posts are stored: nothing people say in a group ever reaches the store.
Linking checks and writes in one transaction, so two people linking at once cannot give a table two groups
or a group two tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from bot.domain import groups as rules
from bot.domain.groups import GroupChat, RollEntry, Target
from bot.domain.records import Role
from bot.storage.database import placeholders

_COLUMNS = "chat_id, workshop_id, table_id, title, language, linked_by"


def _group(row: sqlite3.Row) -> GroupChat:
    return GroupChat(row["chat_id"], row["workshop_id"], row["table_id"], row["title"], row["language"],
                     row["linked_by"])


class GroupStore:
    async def group_chat(self, chat_id: int) -> GroupChat | None:
        row = await self.fetch_one(f"SELECT {_COLUMNS} FROM group_chats WHERE chat_id = ?", (chat_id,))
        return None if row is None else _group(row)

    async def group_chats(self, workshop_id: int) -> list[GroupChat]:
        rows = await self.fetch_all(f"SELECT {_COLUMNS} FROM group_chats WHERE workshop_id = ? "
                                    "ORDER BY table_id IS NOT NULL, table_id", (workshop_id,))
        return [_group(r) for r in rows]

    async def group_of(self, workshop_id: int, table_id: int | None) -> GroupChat | None:
        """The group linked to this table (or, with None, the workshop's plenary group)."""
        row = await self.fetch_one(f"SELECT {_COLUMNS} FROM group_chats WHERE workshop_id = ? "
                                   "AND ifnull(table_id, 0) = ifnull(?, 0)", (workshop_id, table_id))
        return None if row is None else _group(row)

    async def secretariat_ids(self, workshop_id: int) -> list[int]:
        """Who answers for the plenary group: told, for one, when the bot is removed from it."""
        rows = await self.fetch_all("SELECT DISTINCT person_id FROM roles WHERE workshop_id = ? "
                                    "AND role = 'secretariat' ORDER BY person_id", (workshop_id,))
        return [r["person_id"] for r in rows]

    async def link_group(self, chat_id: int, title: str, target: Target, workshop_id: int, language: str,
                         person_id: int, person_workshop_id: int | None, roles: list[Role]) -> str | None:
        """Link the group to the target, unless the rules refuse it: the refusal (``bot.domain.groups``), or
        None when linked. The check and the write are one transaction."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(f"SELECT {_COLUMNS} FROM group_chats WHERE chat_id = ?", (chat_id,))
            linked = None if row is None else _group(row)
            taken = await tx.fetch_one("SELECT chat_id FROM group_chats WHERE workshop_id = ? "
                                       "AND ifnull(table_id, 0) = ifnull(?, 0)", (workshop_id, target.table_id))
            refusal = rules.link_refusal(roles, person_workshop_id, target, workshop_id, linked,
                                         taken["chat_id"] if taken else None, chat_id)
            if refusal is None:
                await tx.execute("INSERT INTO group_chats (chat_id, workshop_id, table_id, title, language, "
                                 "linked_by) VALUES (?, ?, ?, ?, ?, ?)",
                                 (chat_id, workshop_id, target.table_id, title[:255], language, person_id))
                await self.record_audit(tx, workshop_id, person_id, "group_link", table_id=target.table_id,
                                        after={"group": title[:255]})
            return refusal

    async def unlink_group(self, chat_id: int, actor_id: int | None = None, *,
                           audit_action: str = "group_unlink") -> GroupChat | None:
        """Forget the group (its pending posts and who was seen in it with it); what it was linked to, or None
        if it was not. The trail records who unlinked it (``group_unlink``), or that Telegram told the bot it
        was removed (``group_removed``, no actor)."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(f"SELECT {_COLUMNS} FROM group_chats WHERE chat_id = ?", (chat_id,))
            if row is not None:
                await tx.execute("DELETE FROM group_chats WHERE chat_id = ?", (chat_id,))
                await self.record_audit(tx, row["workshop_id"], actor_id, audit_action, table_id=row["table_id"],
                                        before={"group": row["title"]})
            return None if row is None else _group(row)

    # -- who is in the group: learnt from what Telegram shows the bot (``bot/storage/migrations/013``) --------

    async def saw_in_group(self, chat_id: int, telegram_ids: Iterable[int], present: bool) -> int:
        """These Telegram users were seen joining (or in) the group, or leaving it. Only people the bot knows
        are recorded, and only in a linked group: a stranger's id is never kept. The number recorded."""
        ids = sorted(set(telegram_ids))
        if not ids:
            return 0
        return await self.write(
            "INSERT INTO group_members (chat_id, person_id, present) SELECT g.chat_id, p.id, ? FROM group_chats g "
            f"JOIN people p ON p.telegram_id IN {placeholders(ids)} WHERE g.chat_id = ? "
            "ON CONFLICT (chat_id, person_id) DO UPDATE SET present = excluded.present, "
            "seen_at = excluded.seen_at", (int(present), *ids, chat_id))

    async def group_roll(self, group: GroupChat) -> list[RollEntry]:
        """Everyone the group is for (a table's members, moderators and rapporteur; for the plenary group every
        member of the workshop), each with what the bot knows of them there."""
        if group.plenary:
            people = await self.workshop_recipients(group.workshop_id)
        else:
            people = await self.table_recipients(group.workshop_id, group.table_id)
        if not people:
            return []
        rows = await self.fetch_all(
            "SELECT p.id, p.telegram_id, coalesce(m.full_name, p.first_name, '') AS name, p.blocked_at, "
            "gm.present FROM people p LEFT JOIN memberships m ON m.person_id = p.id AND m.workshop_id = ? "
            "LEFT JOIN group_members gm ON gm.person_id = p.id AND gm.chat_id = ? "
            f"WHERE p.id IN {placeholders(people)} ORDER BY name, p.id", (group.workshop_id, group.chat_id, *people))
        return [RollEntry(r["id"], r["telegram_id"], r["name"], None if r["present"] is None else bool(r["present"]),
                          r["blocked_at"] is not None) for r in rows]

    async def move_group(self, chat_id: int, new_chat_id: int) -> None:
        """A group Telegram upgraded to a supergroup has a new id; its link and posts follow it."""
        await self.write("UPDATE group_chats SET chat_id = ? WHERE chat_id = ?", (new_chat_id, chat_id))

    async def queue_group_post(self, chat_id: int, kind: str, body: str, dedupe: str | None = None) -> bool:
        """Queue one post; False when that event was already posted (``dedupe``) or the group is gone."""
        try:
            return bool(await self.write(
                "INSERT OR IGNORE INTO group_posts (chat_id, kind, dedupe, body) "
                "SELECT chat_id, ?, ?, ? FROM group_chats WHERE chat_id = ?", (kind, dedupe, body, chat_id)))
        except sqlite3.IntegrityError:
            return False

    async def pending_group_posts(self) -> list[tuple[int, int, str, str]]:
        """Every post waiting to be sent, oldest first: (id, chat id, kind, body)."""
        rows = await self.fetch_all("SELECT id, chat_id, kind, body FROM group_posts WHERE status = 'pending' "
                                    "ORDER BY id")
        return [(r["id"], r["chat_id"], r["kind"], r["body"]) for r in rows]

    async def mark_group_posts(self, post_ids: list[int], status: str) -> None:
        if not post_ids:
            return
        async with self.transaction() as tx:
            await tx.execute_many("UPDATE group_posts SET status = ?, sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', "
                                  "'now') WHERE id = ?", [(status, post_id) for post_id in post_ids])
