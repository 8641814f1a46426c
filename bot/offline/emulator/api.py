"""The registry of Bot API methods and the checks every chat-addressed method shares."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import BLOCKED, CHAT_NOT_FOUND, KICKED, NOT_IN_GROUP, ApiError, bad_request
from .wire import Call

if TYPE_CHECKING:
    from .server import BotApiEmulator
    from .state import ChatState

Handler = Callable[["BotApiEmulator", Call], Any]
METHODS: dict[str, tuple[str, Handler]] = {}  # lower-case name -> (canonical name, handler)


def method(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler; Telegram matches method names case-insensitively."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = (name, handler)
        return handler

    return register


def canonical(name: str) -> str:
    return METHODS.get(name.lower(), (name, None))[0]


def target_chat(emu: "BotApiEmulator", call: Call, key: str = "chat_id") -> "ChatState":
    """The chat a call addresses: 400 for a chat never seen, 403 for a person who blocked the bot or a group the
    bot was removed from."""
    raw = call.get(key)
    if raw in (None, ""):
        raise bad_request("chat_id is empty")
    try:
        chat = emu.chats.get(int(raw))
    except (TypeError, ValueError):
        chat = None
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    user = emu.users.get(chat.chat_id)
    if chat.chat["type"] == "private" and user is not None and user.blocked:
        raise ApiError(403, BLOCKED)
    if chat.chat["type"] != "private" and chat.bot_status in ("kicked", "left"):
        raise ApiError(403, KICKED if chat.bot_status == "kicked" else NOT_IN_GROUP)
    return chat
