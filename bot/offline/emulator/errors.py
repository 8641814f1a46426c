"""Bot API failures as Telegram words them, raised anywhere and turned into one JSON reply.

The HTTP status is the error code because PTB picks its exception class from the status.
"""

from typing import Any

CHAT_NOT_FOUND = "Bad Request: chat not found"
BLOCKED = "Forbidden: bot was blocked by the user"
KICKED = "Forbidden: bot was kicked from the group chat"
NOT_IN_GROUP = "Forbidden: bot is not a member of the group chat"
TEXT_EMPTY = "Bad Request: message text is empty"
TEXT_TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND = "Bad Request: message to edit not found"
DELETE_NOT_FOUND = "Bad Request: message to delete not found"
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
FILE_TOO_BIG = "Bad Request: file is too big"
WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"
METHOD_NOT_FOUND = "Bad Request: method not found"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: BLOCKED,
    404: "Not Found",
    409: POLL_CONFLICT,
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class ApiError(Exception):
    """A refusal of the Bot API: error_code, description and optional response parameters."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    @classmethod
    def injected(cls, error_code: int, description: str | None, retry_after: int | None) -> "ApiError":
        """A fault for fail_next: retry_after only travels with 429, as PTB raises RetryAfter on any status."""
        if error_code == 429:
            retry_after = retry_after or 1
            return cls(429, description or f"Too Many Requests: retry after {retry_after}", retry_after)
        return cls(error_code, description or _DEFAULT_DESCRIPTIONS.get(error_code, "Error"))

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, reason if reason.startswith("Bad Request: ") else f"Bad Request: {reason}")
