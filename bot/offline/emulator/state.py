"""The emulator's memory: the update queue as getUpdates sees it, files, chats and their messages."""

import asyncio
import bisect
import contextlib
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .messages import BotMessage

# Telegram's default when allowed_updates is empty: everything but these three.
_OPT_IN_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}


def member_wire(status: str, user: dict) -> dict:
    """A ChatMember as Telegram sends it: an administrator carries its rights (PTB requires them), a kicked
    member its until_date. The bot's admin rights here are the ones a moderator grants by default."""
    wire: dict[str, Any] = {"status": status, "user": user}
    if status == "administrator":
        wire |= {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                 "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
                 "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
                 "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False,
                 "can_pin_messages": True}
    elif status == "kicked":
        wire["until_date"] = 0
    return wire


class Signal:
    """Wakes every waiter on each change; waiters re-check their own condition.

    Cheaper and harder to misuse than a Condition here: everything runs on one loop, so a
    waiter that checked and then awaits cannot miss a fire in between.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(timeout, 0))


async def wait_until(check: Callable[[], Any], signal: Signal, timeout: float) -> Any:
    """The first truthy check(), re-checked on each signal; TimeoutError when the time is up."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        await signal.wait(remaining)


@dataclass
class _Pending:
    update: dict
    fetched: bool = False
    redelivered: bool = False

    @property
    def kind(self) -> str:
        return next(key for key in self.update if key != "update_id")


class UpdateQueue:
    """Telegram's per-bot queue: updates stay until a later getUpdates offset confirms them."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self._pending: list[_Pending] = []
        self.allowed: set[str] | None = None
        self.confirmed_offset = 0  # highest update_id confirmed
        self.last_offset = 0  # highest offset parameter received
        self.last_update: dict | None = None
        self.arrived = Signal()

    def push(self, kind: str, payload: dict) -> dict:
        update = {"update_id": next(self._ids), kind: payload}
        self._pending.append(_Pending(update))
        self.last_update = update
        self.arrived.fire()
        return update

    def redeliver_last(self) -> dict:
        """The last update again, same update_id, delivered even if already confirmed."""
        if self.last_update is None:
            raise LookupError("no update was queued yet")
        entry = _Pending(self.last_update, redelivered=True)
        ids = [p.update["update_id"] for p in self._pending]
        self._pending.insert(bisect.bisect_right(ids, entry.update["update_id"]), entry)
        self.arrived.fire()
        return self.last_update

    def confirm(self, offset: int) -> None:
        if offset < 0:  # the last -offset updates stay, everything before is forgotten
            keep = self._pending[offset:]
            if len(keep) < len(self._pending):
                self.confirmed_offset = max(self.confirmed_offset, keep[0].update["update_id"] - 1 if keep else 0)
            self._pending = keep
            return
        if offset == 0:
            return
        self.last_offset = max(self.last_offset, offset)
        self.confirmed_offset = max(self.confirmed_offset, offset - 1)
        self._pending = [
            p for p in self._pending if p.update["update_id"] >= offset or (p.redelivered and not p.fetched)
        ]

    def take(self, limit: int) -> list[dict]:
        """Up to limit pending updates, in order; they stay queued until confirmed."""
        allowed = self.allowed
        if allowed:
            self._pending = [p for p in self._pending if p.kind in allowed]
        else:
            self._pending = [p for p in self._pending if p.kind not in _OPT_IN_UPDATES]
        batch = self._pending[:limit]
        for entry in batch:
            entry.fetched = True
        return [entry.update for entry in batch]

    def drop_all(self) -> None:
        self._pending.clear()

    @property
    def unfetched(self) -> int:
        return sum(not p.fetched for p in self._pending)

    def __len__(self) -> int:
        return len(self._pending)


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def wire(self) -> dict:
        """The getFile result; PTB prefixes file_path with base_file_url."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


class FileStore:
    """Files both sides uploaded, by file_id and by the path getFile hands out."""

    _FOLDERS: ClassVar[dict[str, str]] = {
        "photo": "photos",
        "voice": "voice",
        "audio": "music",
        "video": "videos",
        "sticker": "stickers",
    }

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}

    def add(self, kind: str, content: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        n = next(self._ids)
        suffix = f".{file_name.rsplit('.', 1)[1]}" if file_name and "." in file_name else ""
        folder = self._FOLDERS.get(kind, "documents")
        stored = StoredFile(
            f"EMU{kind.upper()}{n:06d}", f"U{n:06d}", f"{folder}/file_{n}{suffix}", content, file_name, mime_type
        )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored


@dataclass
class ChatState:
    """One chat: its Telegram Chat object and every message in it, the bot's and the people's."""

    chat: dict
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    user_messages: dict[int, dict] = field(default_factory=dict)
    reply_keyboard: list[list[str]] | None = None
    members: set[int] = field(default_factory=set)
    admins: set[int] = field(default_factory=set)
    bot_status: str = "member"  # in a group: the bot's own membership ("administrator", "left", "kicked")
    invite_links: dict[str, dict] = field(default_factory=dict)  # the bot's invite links by their URL, with uses
    _ids: Any = field(default_factory=lambda: itertools.count(1), repr=False)

    @property
    def chat_id(self) -> int:
        return self.chat["id"]

    def next_message_id(self) -> int:
        return next(self._ids)

    def visible(self) -> list[BotMessage]:
        return [m for m in self.bot_messages.values() if not m.deleted]
