"""What the bot sent, as a person sees it, and the checks Telegram makes before accepting it."""

from dataclasses import dataclass, field
from typing import Any

from .errors import (
    BUTTON_DATA_INVALID,
    CAPTION_TOO_LONG,
    TEXT_EMPTY,
    TEXT_TOO_LONG,
    bad_request,
)
from .html import EntityParseError, parse_html, strip_text

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes of UTF-8, not characters
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "web_app",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

Buttons = list[list[tuple[str, str | None]]]


@dataclass
class BotMessage:
    """One message the bot sent, in its current state (edits applied).

    text is what the person reads (tags stripped, entities unescaped; the caption for media);
    html is the raw text as the bot sent it. buttons holds inline buttons as (text, callback_data
    or url) and reply-keyboard buttons as (text, None); keyboard says which kind
    ("inline", "reply", "remove", "force_reply" or None).
    """

    message_id: int
    chat_id: int
    text: str
    html: str
    parse_mode: str | None
    buttons: Buttons
    document: dict | None
    photo: bytes | None
    edits: int
    date: int
    entities: list[dict] = field(default_factory=list)
    keyboard: str | None = None
    reply_markup: dict | None = None
    media: dict | None = None  # {"kind": "document"|"photo"|..., "file_id", "content", ...}
    is_caption: bool = False
    deleted: bool = False
    chat: dict = field(default_factory=dict, repr=False)
    sender: dict = field(default_factory=dict, repr=False)
    seq: int = field(default=0, repr=False)  # when it appeared, in emulator events
    updated_seq: int = field(default=0, repr=False)  # when it last appeared or changed

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    def has_button(self, text: str) -> bool:
        return text in self.button_texts

    def button_data(self, text_or_data: str) -> str | None:
        """The callback_data of an inline button matched by its text or its data."""
        if self.keyboard != "inline":
            return None
        for row in self.reply_markup["inline_keyboard"]:
            for button in row:
                data = button.get("callback_data")
                if data is not None and text_or_data in (button.get("text"), data):
                    return data
        return None

    def to_dict(self) -> dict[str, Any]:
        """The Telegram Message object: Telegram returns only inline keyboards in it."""
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat,
            "from": self.sender,
        }
        if self.edits:
            message["edit_date"] = self.date + self.edits
        key = "caption" if self.is_caption else "text"
        if self.text or not self.is_caption:
            message[key] = self.text
            if self.entities:
                message["caption_entities" if self.is_caption else "entities"] = self.entities
        if self.media:
            message[self.media["kind"]] = self.media["wire"]
        if self.keyboard == "inline":
            message["reply_markup"] = self.reply_markup
        return message

    def describe(self) -> str:
        """One line for failure messages in tests."""
        extra = f" buttons={self.button_texts}" if self.buttons else ""
        kind = f" [{self.media['kind']}]" if self.media else ""
        return f"#{self.message_id}{kind} {self.text[:200]!r}{extra}"


def render_text(text: Any, parse_mode: str | None, entities: list | None, *, caption: bool) -> tuple[str, list]:
    """The visible text and entities of a text or caption, or the BadRequest Telegram answers."""
    text = "" if text is None else str(text)
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            visible, parsed = parse_html(text)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    elif mode in ("", "markdown", "markdownv2"):
        visible, parsed = text, list(entities or [])  # Markdown is passed through unchecked
    else:
        raise bad_request("unsupported parse_mode")
    visible, parsed = strip_text(visible, parsed)
    if caption:
        if len(visible) > MAX_CAPTION:
            raise bad_request(CAPTION_TOO_LONG)
    elif not visible:
        raise bad_request(TEXT_EMPTY)
    elif len(visible) > MAX_TEXT:
        raise bad_request(TEXT_TOO_LONG)
    return visible, parsed


def parse_markup(markup: Any) -> tuple[str | None, Buttons]:
    """Validate a reply_markup and list its buttons; (None, []) when there is none."""
    if markup is None:
        return None, []
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        return "inline", [[_inline_button(b) for b in row] for row in _rows(markup, "inline_keyboard")]
    if "keyboard" in markup:
        rows = _rows(markup, "keyboard")
        return "reply", [[(b if isinstance(b, str) else str(b.get("text", "")), None) for b in row] for row in rows]
    if markup.get("remove_keyboard"):
        return "remove", []
    if markup.get("force_reply"):
        return "force_reply", []
    raise bad_request('can\'t find field "inline_keyboard"')


def _rows(markup: dict, key: str) -> list[list]:
    rows = markup[key]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{key}" of the keyboard must be an Array of Arrays')
    return rows


def _inline_button(button: Any) -> tuple[str, str | None]:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not any(key in button for key in _BUTTON_ACTIONS):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None:
        size = len(str(data).encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA:
            raise bad_request(BUTTON_DATA_INVALID)
        return button["text"], str(data)
    url = button.get("url")
    if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
    return button["text"], url
