"""The people on the other side: what they do (each action is one Update) and what they saw.

Waiting is anchored to a person's latest action, so a test reads like a conversation:
send or press, then next_message() is the bot's answer to that, not an older message.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlparse

from .html import utf16_len
from .messages import BotMessage
from .send import media_wire
from .state import ChatState, wait_until

if TYPE_CHECKING:
    from .server import BotApiEmulator

_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
ChatRef = "SimulatedGroup | int | None"


@dataclass
class CallbackRecord:
    query_id: str
    user: "SimulatedUser"
    created: float
    answer: dict | None = None


def command_entities(text: str) -> list[dict]:
    """bot_command entities as Telegram adds them; PTB's CommandHandler needs the one at offset 0."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in _COMMAND.finditer(text)
    ]


class SimulatedGroup:
    """A group chat people can write in; the bot's messages there are listed here."""

    def __init__(self, emu: "BotApiEmulator", state: ChatState) -> None:
        self.emu = emu
        self.state = state
        self.chat_id: int = state.chat_id
        self.title: str = state.chat["title"]

    @property
    def messages(self) -> list[BotMessage]:
        return self.state.visible()

    @property
    def last_message(self) -> BotMessage | None:
        visible = self.state.visible()
        return visible[-1] if visible else None

    def add(self, *users: "SimulatedUser", admin: bool = False) -> None:
        for user in users:
            self.state.members.add(user.id)
            if admin:
                self.state.admins.add(user.id)

    def promote_bot(self, by: "SimulatedUser") -> dict:
        """An admin of the group makes the bot an admin (with the right to invite users): a my_chat_member
        update; from then on the bot can make invite links and sees ``chat_member`` updates."""
        self.add(by, admin=True)
        return self.emu.bot_membership(self, by, "administrator")

    @property
    def member_ids(self) -> set[int]:
        return set(self.state.members)


class SimulatedUser:
    """One Telegram user; the private chat with the bot has the user's id."""

    def __init__(
        self,
        emu: "BotApiEmulator",
        user_id: int,
        first_name: str,
        language_code: str | None,
        last_name: str | None,
        username: str | None,
    ) -> None:
        self.emu = emu
        self.id = user_id
        self.first_name = first_name
        self.language_code = language_code
        self.last_name = last_name
        self.username = username
        self.blocked = False
        self.callback_answers: list[dict] = []
        self._action_chat = user_id
        self._action_seq = 0  # emulator seq of the latest action
        self._cursor = 0  # seq of the last message next_message returned
        self._last_query: CallbackRecord | None = None

    @property
    def user_id(self) -> int:
        return self.id

    @property
    def chat_id(self) -> int:
        return self.id

    def __repr__(self) -> str:
        return f"SimulatedUser({self.id}, {self.first_name!r})"

    def as_dict(self) -> dict[str, Any]:
        user = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "username": self.username,
            "language_code": self.language_code,
        }
        return {key: value for key, value in user.items() if value is not None}

    # -- what the user saw -------------------------------------------------------------

    @property
    def messages(self) -> list[BotMessage]:
        return self.emu.chats[self.id].visible()

    @property
    def last_message(self) -> BotMessage | None:
        visible = self.messages
        return visible[-1] if visible else None

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """The reply keyboard currently shown in the private chat (None after ReplyKeyboardRemove)."""
        return self.emu.chats[self.id].reply_keyboard

    async def next_message(self, timeout: float = 5.0, chat: ChatRef = None) -> BotMessage:
        """The first bot message sent after the latest action; each call moves on to the next one."""
        state = self._state(chat) if chat is not None else self.emu.chats[self._action_chat]

        def arrived() -> BotMessage | None:
            return next((m for m in state.bot_messages.values() if m.seq > self._cursor), None)

        msg = await self._wait(arrived, state, timeout, "no new bot message")
        self._cursor = msg.seq
        return msg

    async def wait_for(
        self, predicate: Callable[[BotMessage], bool], timeout: float = 5.0, chat: ChatRef = None
    ) -> BotMessage:
        """The first message, new or edited since the latest action, that satisfies predicate."""
        state = self._state(chat) if chat is not None else self.emu.chats[self._action_chat]

        def found() -> BotMessage | None:
            fresh = sorted(
                (m for m in state.visible() if m.updated_seq > self._action_seq), key=lambda m: m.updated_seq
            )
            return next((m for m in fresh if predicate(m)), None)

        return await self._wait(found, state, timeout, "no message satisfying the predicate")

    async def ask(self, text: str, timeout: float = 5.0, chat: ChatRef = None) -> BotMessage:
        await self.send_text(text, chat=chat)
        return await self.next_message(timeout)

    async def wait_for_callback_answer(self, timeout: float = 5.0) -> dict:
        record = self._last_query
        if record is None:
            raise LookupError(f"{self!r} pressed no button yet")
        try:
            return await wait_until(lambda: record.answer, self.emu.changed, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"{self!r}: callback query {record.query_id} not answered within {timeout}s{self.emu.recent_errors()}"
            ) from None

    async def _wait(
        self, check: Callable[[], BotMessage | None], state: ChatState, timeout: float, what: str
    ) -> BotMessage:
        try:
            return await wait_until(check, self.emu.changed, timeout)
        except TimeoutError:
            recent = "\n  ".join(m.describe() for m in state.visible()[-5:]) or "(none)"
            raise TimeoutError(
                f"{self!r}: {what} in chat {state.chat_id} within {timeout}s after the latest action.\n"
                f"Last bot messages in that chat:\n  {recent}{self.emu.recent_errors()}"
            ) from None

    # -- what the user does --------------------------------------------------------------

    def _state(self, chat: ChatRef) -> ChatState:
        if chat is None:
            return self.emu.chats[self.id]
        chat_id = chat.chat_id if isinstance(chat, SimulatedGroup) else int(chat)
        if chat_id not in self.emu.chats:
            raise LookupError(f"chat {chat_id} is unknown to the emulator: create it with emu.group()")
        return self.emu.chats[chat_id]

    def _act(self, state: ChatState) -> None:
        self._action_chat = state.chat_id
        self.emu.person_wrote(state.chat_id)
        self._action_seq = self._cursor = self.emu.tick()

    async def _send(self, fields: dict[str, Any], chat: ChatRef, reply_to: BotMessage | int | None = None) -> dict:
        state = self._state(chat)
        group = state.chat["type"] != "private"
        if group:
            state.members.add(self.id)
        message = {
            "message_id": state.next_message_id(),
            "date": self.emu.now(),
            "chat": state.chat,
            "from": self.as_dict(),
            **{k: v for k, v in fields.items() if v is not None},
        }
        if reply_to is not None:
            reply_id = reply_to.message_id if isinstance(reply_to, BotMessage) else int(reply_to)
            bot_msg = state.bot_messages.get(reply_id)
            message["reply_to_message"] = bot_msg.to_dict() if bot_msg else state.user_messages[reply_id]
        state.user_messages[message["message_id"]] = message
        self._act(state)
        if group and not self.emu.delivers_in_group(message):
            return message  # privacy mode: Telegram keeps the group's own talk from the bot
        if group and state.bot_status in ("left", "kicked"):
            return message  # the bot is no longer in the group: nothing of it reaches the bot
        self.emu.queue.push("message", message)
        return message

    async def send_text(self, text: str, chat: ChatRef = None, reply_to: BotMessage | int | None = None) -> dict:
        entities = command_entities(text)
        return await self._send({"text": text, "entities": entities or None}, chat, reply_to)

    async def send_document(
        self,
        filename: str = "document.pdf",
        content: bytes = b"%PDF-1.4\n%%EOF\n",
        mime_type: str | None = "application/pdf",
        caption: str | None = None,
        chat: ChatRef = None,
    ) -> dict:
        stored = self.emu.files.add("document", content, filename, mime_type)
        return await self._send({"document": media_wire("document", stored), "caption": caption}, chat)

    async def send_photo(
        self, content: bytes = b"\x89PNG\r\n\x1a\nfake", caption: str | None = None, chat: ChatRef = None
    ) -> dict:
        stored = self.emu.files.add("photo", content, "photo.jpg", "image/jpeg")
        return await self._send({"photo": media_wire("photo", stored), "caption": caption}, chat)

    async def send_voice(self, content: bytes = b"OggS\x00fake", duration: int = 2, chat: ChatRef = None) -> dict:
        stored = self.emu.files.add("voice", content, None, "audio/ogg")
        return await self._send({"voice": media_wire("voice", stored, duration=duration)}, chat)

    async def send_sticker(self, emoji: str = "👍", chat: ChatRef = None) -> dict:
        stored = self.emu.files.add("sticker", b"RIFF\x00\x00\x00\x00WEBP", None, "image/webp")
        return await self._send({"sticker": media_wire("sticker", stored, emoji=emoji)}, chat)

    async def send_location(self, latitude: float = 40.4168, longitude: float = -3.7038, chat: ChatRef = None) -> dict:
        return await self._send({"location": {"latitude": latitude, "longitude": longitude}}, chat)

    async def send_contact(self, phone_number: str = "+34600000000", chat: ChatRef = None) -> dict:
        contact = {"phone_number": phone_number, "first_name": self.first_name, "user_id": self.id}
        return await self._send({"contact": contact}, chat)

    # -- groups: the bot added through a ``startgroup`` link, removed, links opened ----------------------

    async def add_bot(self, group: SimulatedGroup, payload: str | None = None) -> None:
        """Add the bot to a group, as Telegram does for a ``startgroup`` link: a my_chat_member update (left to
        member) from this person, then, with a payload, ``/start@bot <payload>`` sent in the group by them."""
        self.emu.bot_membership(group, self, "member")
        group.add(self)
        if payload is not None:
            await self.send_text(f"/start@{self.emu.bot_user['username']} {payload}", chat=group)

    async def remove_bot(self, group: SimulatedGroup, *, kicked: bool = True) -> None:
        """Remove the bot from a group (an admin kicks it, or it is made to leave): a my_chat_member update;
        from then on the bot's sends there are refused with 403, as Telegram's."""
        group.add(self, admin=True)
        self.emu.bot_membership(group, self, "kicked" if kicked else "left")

    async def join(self, group: SimulatedGroup, invite_link: dict | None = None) -> None:
        """Join a group (by its invite link, or added by someone): what the bot sees of it is a service message,
        and a chat_member update while it is an admin there."""
        self.emu.person_membership(group, self, True, invite_link)

    async def leave(self, group: SimulatedGroup) -> None:
        self.emu.person_membership(group, self, False)

    async def open_link(self, url: str, group: SimulatedGroup | None = None) -> None:
        """Open a t.me link: an invite link the bot made (``t.me/+X``) joins its group, refused (LookupError)
        once revoked or used up; a deep link of the bot, ``?start=X``, sends ``/start X`` in private;
        ``?startgroup=X`` adds the bot to ``group`` with that payload."""
        if urlparse(url).path.startswith("/+"):
            await self._join_by(url)
            return
        query = parse_qs(urlparse(url).query)
        if "startgroup" in query:
            if group is None:
                raise ValueError("a startgroup link needs the group it is opened for")
            await self.add_bot(group, query["startgroup"][0])
        elif "start" in query:
            await self.send_text(f"/start {query['start'][0]}")
        else:
            await self.send_text("/start")

    async def _join_by(self, url: str) -> None:
        for state in self.emu.chats.values():
            made = state.invite_links.get(url)
            if made is None:
                continue
            link, limit = made["link"], made["link"].get("member_limit")
            if link["is_revoked"] or (limit is not None and made["uses"] >= limit):
                raise LookupError(f"{self!r}: the invite link {url} has expired")
            if self.id not in state.members:
                made["uses"] += 1
                await self.join(self.emu.groups[state.chat_id], link)
            return
        raise LookupError(f"{self!r}: no group has the invite link {url}")

    async def edit_text(self, message_id: int, text: str, chat: ChatRef = None) -> dict:
        """The user edits one of their own messages: an edited_message update."""
        state = self._state(chat)
        if message_id not in state.user_messages:
            raise LookupError(f"{self!r} sent no message {message_id} in chat {state.chat_id}")
        message = state.user_messages[message_id]
        message.update(text=text, edit_date=self.emu.now())
        message.pop("entities", None)
        if entities := command_entities(text):
            message["entities"] = entities
        self._act(state)
        self.emu.queue.push("edited_message", dict(message))
        return message

    async def press(self, button: str, message: BotMessage | None = None, chat: ChatRef = None) -> dict:
        """Press an inline button by text or callback_data, on message or the newest one showing it.

        A reply-keyboard button (no inline match) sends its text, as Telegram does.
        """
        state = self.emu.chats[message.chat_id] if message is not None else self._state(chat)
        candidates = [message] if message is not None else list(reversed(state.visible()))
        for candidate in candidates:
            data = None if candidate.deleted else candidate.button_data(button)
            if data is not None:
                return await self._press(state, candidate.message_id, data)
        if message is None and state.reply_keyboard and any(button in row for row in state.reply_keyboard):
            return await self.send_text(button, chat=chat)
        shown = [m.describe() for m in candidates[:5] if m.buttons]
        raise LookupError(f"{self!r}: no button {button!r} in chat {state.chat_id}; buttons shown: {shown}")

    async def press_data(self, data: str, message_id: int, chat: ChatRef = None) -> dict:
        """A press with any data on any message id: stale or forged buttons."""
        return await self._press(self._state(chat), message_id, data)

    async def _press(self, state: ChatState, message_id: int, data: str) -> dict:
        msg = state.bot_messages.get(message_id)
        if msg is not None and not msg.deleted:
            message = msg.to_dict()
        else:  # Telegram's InaccessibleMessage
            message = {"chat": state.chat, "message_id": message_id, "date": 0}
        record = self.emu.new_query(self)
        query = {
            "id": record.query_id,
            "from": self.as_dict(),
            "message": message,
            "chat_instance": f"ci{state.chat_id}",
            "data": data,
        }
        self._last_query = record
        self._act(state)
        self.emu.queue.push("callback_query", query)
        return query
