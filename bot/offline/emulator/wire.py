"""Reading a Bot API call the way PTB sends it.

PTB posts form fields where strings travel raw and everything else (ints, lists, reply_markup)
is JSON-encoded inside the field; uploads are multipart with file parts. Telegram also accepts
GET query strings and JSON bodies, so those work too.
"""

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .errors import bad_request

# Fields whose value is text even when it looks like JSON ("123", "true").
_TEXT_FIELDS = {
    "text",
    "caption",
    "parse_mode",
    "callback_query_id",
    "file_id",
    "url",
    "secret_token",
    "language_code",
    "action",
    "title",
    "description",
    "short_description",
    "name",
    "emoji",
    "inline_message_id",
    "business_connection_id",
    "message_effect_id",
    "query",
    "question",
    "ip_address",
    "document",
    "photo",
    "audio",
    "video",
    "voice",
    "animation",
    "sticker",
    "thumbnail",
    "video_note",
    "filename",
}


@dataclass
class Upload:
    filename: str | None
    content: bytes
    mime_type: str | None

    def summary(self) -> dict:
        return {"filename": self.filename, "mime_type": self.mime_type, "size": len(self.content)}


def _decode(key: str, value: str) -> Any:
    if key in _TEXT_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_call(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """The call's parameters (decoded) and its file parts by part name."""
    params: dict[str, Any] = {key: _decode(key, value) for key, value in request.query.items()}
    files: dict[str, Upload] = {}
    if request.method != "POST" or not request.can_read_body:
        return params, files
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise bad_request("parameters must be a JSON object")
        params.update(body)
        return params, files
    for key, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            files[key] = Upload(value.filename, value.file.read(), value.content_type)
        elif isinstance(value, bytes | bytearray):
            params[key] = _decode(key, bytes(value).decode("utf-8", "replace"))
        else:
            params[key] = _decode(key, value)
    return params, files


class Call:
    """Typed access to one call's parameters, with Telegram's errors for missing or bad ones."""

    def __init__(self, method: str, params: dict[str, Any], files: dict[str, Upload]) -> None:
        self.method = method
        self.params = params
        self.files = files

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    def require(self, key: str) -> Any:
        if self.params.get(key) in (None, ""):
            raise bad_request(f"{key} is empty" if key in self.params else f"Bad Request: {key} is required")
        return self.params[key]

    def int(self, key: str, default: int | None = None) -> int | None:
        value = self.params.get(key, default)
        if value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {key} specified") from None

    def float(self, key: str, default: float = 0.0) -> float:
        try:
            return float(self.params.get(key, default) or 0)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {key} specified") from None

    def json(self, key: str) -> Any:
        """A JSON-typed field, decoded even when it arrived as a string."""
        value = self.params.get(key)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {key} JSON object") from None
        return value

    def upload(self, key: str) -> Upload | str | None:
        """A file parameter: the uploaded part (direct or via attach://name), or the string given."""
        if key in self.files:
            return self.files[key]
        value = self.params.get(key)
        if isinstance(value, str) and value.startswith("attach://"):
            part = self.files.get(value.removeprefix("attach://"))
            if part is None:
                raise bad_request(f"file for {value} not found")
            return part
        return value

    def logged(self) -> dict[str, Any]:
        """Parameters for emu.requests: file parts appear as a summary, not their bytes."""
        return {**self.params, **{key: upload.summary() for key, upload in self.files.items()}}
