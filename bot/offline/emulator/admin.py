"""Methods about the bot itself and its delivery: getMe, getUpdates, commands, webhook, chats."""

import json
import re
import secrets
import time
from typing import TYPE_CHECKING, Any

from .api import method, target_chat
from .errors import POLL_CONFLICT, WEBHOOK_ACTIVE, ApiError, bad_request
from .state import member_wire
from .wire import Call

if TYPE_CHECKING:
    from .server import BotApiEmulator

_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


@method("getMe")
def get_me(emu: "BotApiEmulator", call: Call) -> dict:
    return {
        **emu.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("logOut", "close")
def log_out(emu: "BotApiEmulator", call: Call) -> bool:
    return True


@method("getUpdates")
async def get_updates(emu: "BotApiEmulator", call: Call) -> list[dict]:
    """A real long poll: blocks until an update arrives, the timeout ends or a newer poll takes over."""
    if emu.webhook:
        raise ApiError(409, WEBHOOK_ACTIVE)
    queue = emu.queue
    allowed = call.json("allowed_updates")
    if allowed is not None:
        queue.allowed = set(allowed) or None
    queue.confirm(call.int("offset", 0) or 0)
    limit = min(max(call.int("limit", 100) or 100, 1), 100)
    emu.poll_generation += 1
    generation = emu.poll_generation
    queue.arrived.fire()  # an older poll still waiting now answers 409, as on Telegram
    deadline = time.monotonic() + min(call.float("timeout"), 50.0)
    while True:
        if generation != emu.poll_generation:
            raise ApiError(409, POLL_CONFLICT)
        batch = queue.take(limit)
        remaining = deadline - time.monotonic()
        if batch or remaining <= 0 or emu.closing:
            emu.updates_fetched(len(batch))
            return batch
        await queue.arrived.wait(remaining)


def _commands_key(call: Call) -> tuple[dict, str]:
    scope = call.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return scope, str(call.get("language_code") or "")


@method("setMyCommands")
def set_my_commands(emu: "BotApiEmulator", call: Call) -> bool:
    commands = call.json("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    scope, language = _commands_key(call)
    listed = [(c["command"], c["description"]) for c in commands]
    emu.commands[(scope["type"], language)] = listed
    emu.commands_by_scope[(json.dumps(scope, sort_keys=True), language)] = listed
    return True


@method("getMyCommands")
def get_my_commands(emu: "BotApiEmulator", call: Call) -> list[dict]:
    scope, language = _commands_key(call)
    listed = emu.commands_by_scope.get((json.dumps(scope, sort_keys=True), language), [])
    return [{"command": command, "description": description} for command, description in listed]


@method("deleteMyCommands")
def delete_my_commands(emu: "BotApiEmulator", call: Call) -> bool:
    scope, language = _commands_key(call)
    emu.commands.pop((scope["type"], language), None)
    emu.commands_by_scope.pop((json.dumps(scope, sort_keys=True), language), None)
    return True


@method("setWebhook")
def set_webhook(emu: "BotApiEmulator", call: Call) -> bool:
    """Recorded, not delivered to: http URLs are accepted so local webhook set-ups can be tested."""
    url = str(call.get("url") or "")
    if url and not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if call.get("drop_pending_updates"):
        emu.queue.drop_all()
    emu.webhook = {key: value for key, value in call.params.items() if key != "certificate"} if url else None
    return True


@method("deleteWebhook")
def delete_webhook(emu: "BotApiEmulator", call: Call) -> bool:
    if call.get("drop_pending_updates"):
        emu.queue.drop_all()
    emu.webhook = None
    return True


@method("getWebhookInfo")
def get_webhook_info(emu: "BotApiEmulator", call: Call) -> dict:
    hook: dict[str, Any] = emu.webhook or {}
    info = {"url": hook.get("url", ""), "has_custom_certificate": False, "pending_update_count": len(emu.queue)}
    for key in ("max_connections", "allowed_updates", "ip_address"):
        if key in hook:
            info[key] = hook[key]
    return info


@method("setChatMenuButton")
def set_chat_menu_button(emu: "BotApiEmulator", call: Call) -> bool:
    chat_id = target_chat(emu, call).chat_id if call.get("chat_id") is not None else None
    emu.menu_buttons[chat_id] = call.json("menu_button") or {"type": "default"}
    return True


@method("getChatMenuButton")
def get_chat_menu_button(emu: "BotApiEmulator", call: Call) -> dict:
    chat_id = target_chat(emu, call).chat_id if call.get("chat_id") is not None else None
    return emu.menu_buttons.get(chat_id) or emu.menu_buttons.get(None) or {"type": "default"}


@method("setMyDescription", "setMyShortDescription", "setMyName")
def set_my_profile(emu: "BotApiEmulator", call: Call) -> bool:
    field = {"setMyDescription": "description", "setMyShortDescription": "short_description"}.get(call.method, "name")
    emu.profile[(field, str(call.get("language_code") or ""))] = call.get(field) or ""
    return True


@method("getChat")
def get_chat(emu: "BotApiEmulator", call: Call) -> dict:
    chat = target_chat(emu, call)
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"), False
    )
    return {**chat.chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


@method("getChatMember")
def get_chat_member(emu: "BotApiEmulator", call: Call) -> dict:
    chat = target_chat(emu, call)
    user_id = call.int("user_id")
    if user_id == emu.bot_user["id"]:
        return member_wire(chat.bot_status if chat.chat["type"] != "private" else "member", emu.bot_user)
    user = emu.users.get(user_id or 0)
    if user is None:
        raise bad_request("PARTICIPANT_ID_INVALID")
    if user_id in chat.admins:
        return {"status": "creator", "user": user.as_dict(), "is_anonymous": False}
    member = (chat.chat["type"] == "private" and user_id == chat.chat_id) or user_id in chat.members
    return {"status": "member" if member else "left", "user": user.as_dict()}


NO_INVITE_RIGHTS = "Bad Request: not enough rights to manage chat invite link"


def _group_chat(emu: "BotApiEmulator", call: Call):
    chat = target_chat(emu, call)
    if chat.chat["type"] == "private":
        raise bad_request("chat member status can't be changed in private chats")
    return chat


@method("createChatInviteLink")
def create_chat_invite_link(emu: "BotApiEmulator", call: Call) -> dict:
    """An additional invite link to a group, as Telegram makes them: only for a bot that is an admin there
    (with the right to invite users); ``member_limit`` 1-99999, ``name`` up to 32 characters, and no join
    requests together with a member limit. Opening it (``SimulatedUser.open_link``) joins the group."""
    chat = _group_chat(emu, call)
    if chat.bot_status != "administrator":
        raise bad_request(NO_INVITE_RIGHTS)
    name = str(call.get("name") or "")
    limit = call.int("member_limit")
    requests = bool(call.json("creates_join_request"))
    if len(name) > 32:
        raise bad_request("INVITE_LINK_NAME_INVALID")  # the wording Telegram uses is not documented
    if limit is not None and not 1 <= limit <= 99999:
        raise bad_request("USAGE_LIMIT_INVALID")
    if limit is not None and requests:
        raise bad_request("member_limit can't be specified for links requiring administrator approval")
    link = {"invite_link": f"https://t.me/+{secrets.token_urlsafe(12)}", "creator": emu.bot_user,
            "creates_join_request": requests, "is_primary": False, "is_revoked": False,
            **({"name": name} if name else {}), **({"member_limit": limit} if limit is not None else {}),
            **({"expire_date": call.int("expire_date")} if call.get("expire_date") else {})}
    chat.invite_links[link["invite_link"]] = {"link": link, "uses": 0}
    return link


@method("leaveChat")
def leave_chat(emu: "BotApiEmulator", call: Call) -> bool:
    """The bot leaves a group: its status there becomes ``left`` (a my_chat_member update from the bot itself
    follows, as on Telegram) and its sends there are refused with 403 from then on."""
    chat = _group_chat(emu, call)
    emu.bot_membership(emu.groups[chat.chat_id], None, "left")
    return True
