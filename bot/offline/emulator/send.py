"""Methods that put something in front of a person: send, edit, delete, answer a button press."""

from typing import TYPE_CHECKING, Any

from .api import method, target_chat
from .errors import (
    DELETE_NOT_FOUND,
    EDIT_NOT_FOUND,
    FILE_TOO_BIG,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    WRONG_FILE,
    bad_request,
)
from .messages import BotMessage, parse_markup, render_text
from .state import ChatState, StoredFile
from .wire import Call, Upload

if TYPE_CHECKING:
    from .server import BotApiEmulator

CALLBACK_QUERY_LIFETIME = 15 * 60
_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
MEDIA_METHODS = {
    "sendDocument": "document",
    "sendPhoto": "photo",
    "sendAudio": "audio",
    "sendVoice": "voice",
    "sendVideo": "video",
    "sendAnimation": "animation",
    "sendSticker": "sticker",
}


def _apply_markup(msg: BotMessage, markup: Any, *, edit: bool) -> None:
    kind, rows = parse_markup(markup)
    if edit and kind not in (None, "inline"):
        raise bad_request("inline keyboard expected")
    msg.keyboard, msg.buttons, msg.reply_markup = kind, rows, markup


def _check_reply_target(chat: ChatState, call: Call) -> None:
    reply = call.json("reply_parameters") or {}
    target = reply.get("message_id", call.get("reply_to_message_id"))
    allow = reply.get("allow_sending_without_reply", call.get("allow_sending_without_reply"))
    if target is not None and not allow and int(target) not in chat.user_messages | chat.bot_messages:
        raise bad_request("message to be replied not found")


def new_message(emu: "BotApiEmulator", chat: ChatState, call: Call, **fields: Any) -> BotMessage:
    """Record a message the bot sent, after Telegram's checks on markup and reply target."""
    _check_reply_target(chat, call)
    now = emu.now()
    msg = BotMessage(
        message_id=chat.next_message_id(),
        chat_id=chat.chat_id,
        buttons=[],
        document=None,
        photo=None,
        edits=0,
        date=now,
        chat=chat.chat,
        sender=emu.bot_user,
        parse_mode=call.get("parse_mode"),
        **fields,
    )
    _apply_markup(msg, call.json("reply_markup"), edit=False)
    if msg.keyboard == "reply":
        chat.reply_keyboard = [[text for text, _ in row] for row in msg.buttons]
    elif msg.keyboard == "remove":
        chat.reply_keyboard = None
    chat.bot_messages[msg.message_id] = msg
    msg.seq = msg.updated_seq = emu.tick()
    return msg


@method("sendMessage")
def send_message(emu: "BotApiEmulator", call: Call) -> dict:
    chat = target_chat(emu, call)
    html = call.get("text")
    text, entities = render_text(html, call.get("parse_mode"), call.json("entities"), caption=False)
    return new_message(emu, chat, call, text=text, html=str(html), entities=entities).to_dict()


def _stored_file(emu: "BotApiEmulator", call: Call, kind: str) -> StoredFile:
    value = call.upload(kind)
    if isinstance(value, Upload):
        if not value.content:
            raise bad_request("file must be non-empty")
        if len(value.content) > emu.max_upload_bytes:
            raise bad_request(FILE_TOO_BIG)
        return emu.files.add(kind, value.content, value.filename, value.mime_type)
    if isinstance(value, str) and value:
        if value in emu.files.by_id:
            return emu.files.by_id[value]
        raise bad_request(WRONG_FILE)  # URLs too: the emulator never fetches from the network
    raise bad_request(f"there is no {kind} in the request")


def media_wire(kind: str, stored: StoredFile, **extra: Any) -> Any:
    """The Telegram object for a file of this kind (Document, PhotoSize list, Voice...)."""
    base = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": len(stored.content)}
    named = {"file_name": stored.file_name, "mime_type": stored.mime_type}
    shapes: dict[str, dict] = {
        "document": named,
        "photo": {"width": 800, "height": 600},
        "audio": {"duration": 1, **named},
        "voice": {"duration": extra.get("duration", 1), "mime_type": stored.mime_type or "audio/ogg"},
        "video": {"width": 640, "height": 360, "duration": 1, **named},
        "animation": {"width": 320, "height": 240, "duration": 1, **named},
        "sticker": {
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": extra.get("emoji"),
        },
    }
    wire = {key: value for key, value in {**base, **shapes[kind]}.items() if value is not None}
    return [wire] if kind == "photo" else wire


def _send_media(emu: "BotApiEmulator", call: Call) -> dict:
    kind = MEDIA_METHODS[call.method]
    chat = target_chat(emu, call)
    stored = _stored_file(emu, call, kind)
    raw = call.get("caption")
    caption, entities = render_text(raw, call.get("parse_mode"), call.json("caption_entities"), caption=True)
    media = {
        "kind": kind,
        "wire": media_wire(kind, stored, emoji=call.get("emoji")),
        "file_id": stored.file_id,
        "content": stored.content,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
    }
    msg = new_message(
        emu,
        chat,
        call,
        text=caption,
        html="" if raw is None else str(raw),
        entities=entities,
        media=media,
        is_caption=True,
    )
    if kind == "document":
        msg.document = {
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "content": stored.content,
            "file_id": stored.file_id,
            "file_size": len(stored.content),
        }
        emu.sent_documents.append(msg)
    elif kind == "photo":
        msg.photo = stored.content
    return msg.to_dict()


for _name in MEDIA_METHODS:
    method(_name)(_send_media)


def _editable(emu: "BotApiEmulator", call: Call) -> BotMessage:
    if call.get("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")  # the emulator has no inline mode
    chat = target_chat(emu, call)
    message_id = call.int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    msg = chat.bot_messages.get(message_id)
    if msg is None or msg.deleted:
        if message_id in chat.user_messages:
            raise bad_request("message can't be edited")
        raise bad_request(EDIT_NOT_FOUND)
    return msg


def _edit(emu: "BotApiEmulator", call: Call, msg: BotMessage, text: str, html: str, entities: list) -> dict:
    markup = call.json("reply_markup")
    current = msg.reply_markup if msg.keyboard == "inline" else None
    if text == msg.text and entities == msg.entities and markup == current:
        raise bad_request(NOT_MODIFIED)
    _apply_markup(msg, markup, edit=True)  # an edit without reply_markup removes the inline keyboard
    msg.text, msg.html, msg.entities = text, html, entities
    msg.edits += 1
    msg.updated_seq = emu.tick()
    return msg.to_dict()


@method("editMessageText")
def edit_message_text(emu: "BotApiEmulator", call: Call) -> dict:
    msg = _editable(emu, call)
    if msg.media:
        raise bad_request("there is no text in the message to edit")
    html = call.get("text")
    text, entities = render_text(html, call.get("parse_mode"), call.json("entities"), caption=False)
    msg.parse_mode = call.get("parse_mode")
    return _edit(emu, call, msg, text, str(html), entities)


@method("editMessageCaption")
def edit_message_caption(emu: "BotApiEmulator", call: Call) -> dict:
    msg = _editable(emu, call)
    if not msg.media:
        raise bad_request("there is no caption in the message to edit")
    raw = call.get("caption")
    caption, entities = render_text(raw, call.get("parse_mode"), call.json("caption_entities"), caption=True)
    return _edit(emu, call, msg, caption, "" if raw is None else str(raw), entities)


@method("editMessageReplyMarkup")
def edit_message_reply_markup(emu: "BotApiEmulator", call: Call) -> dict:
    msg = _editable(emu, call)
    return _edit(emu, call, msg, msg.text, msg.html, msg.entities)


def _delete(emu: "BotApiEmulator", chat: ChatState, message_id: int) -> None:
    msg = chat.bot_messages.get(message_id)
    if msg is not None and not msg.deleted:
        msg.deleted = True
        emu.tick()
    elif chat.user_messages.pop(message_id, None) is None:
        raise bad_request(DELETE_NOT_FOUND)


@method("deleteMessage")
def delete_message(emu: "BotApiEmulator", call: Call) -> bool:
    _delete(emu, target_chat(emu, call), call.int("message_id", 0))
    return True


@method("deleteMessages")
def delete_messages(emu: "BotApiEmulator", call: Call) -> bool:
    chat = target_chat(emu, call)
    for message_id in call.json("message_ids") or []:
        _delete(emu, chat, int(message_id))
    return True


@method("answerCallbackQuery")
def answer_callback_query(emu: "BotApiEmulator", call: Call) -> bool:
    """A query can be answered once, within 15 minutes of the press."""
    record = emu.queries.get(str(call.get("callback_query_id")))
    if record is None or record.answer is not None or emu.clock() - record.created > CALLBACK_QUERY_LIFETIME:
        raise bad_request(QUERY_TOO_OLD)
    text = call.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answer = {
        "callback_query_id": record.query_id,
        "text": text,
        "show_alert": bool(call.get("show_alert", False)),
        "url": call.get("url"),
        "cache_time": call.int("cache_time", 0),
    }
    record.user.callback_answers.append(record.answer)
    emu.tick()
    return True


@method("getFile")
def get_file(emu: "BotApiEmulator", call: Call) -> dict:
    stored = emu.files.by_id.get(str(call.get("file_id")))
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.wire()


@method("sendChatAction")
def send_chat_action(emu: "BotApiEmulator", call: Call) -> bool:
    target_chat(emu, call)
    if call.get("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@method("pinChatMessage", "unpinChatMessage", "unpinAllChatMessages")
def pin_chat_message(emu: "BotApiEmulator", call: Call) -> bool:
    target_chat(emu, call)
    return True
