"""Invitation links people open on their phones: unguessable tokens inside Telegram deep links."""

from __future__ import annotations

import secrets

TOKEN_BYTES = 18  # 24 url-safe characters: 144 bits, far beyond guessing, within Telegram's 64-char payload


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(payload: str) -> bool:
    return 16 <= len(payload) <= 64 and all(c.isalnum() or c in "-_" for c in payload) and payload.isascii()


def invitation_link(bot_username: str, token: str) -> str:
    """The deep link that opens the bot with ``/start <token>`` (Telegram's ``t.me/<bot>?start=<payload>``)."""
    username = bot_username.lstrip("@")
    if len(username) < 4 or not looks_like_token(token):
        raise ValueError("an invitation link needs the bot's username and a token of 16-64 URL-safe characters")
    return f"https://t.me/{username}?start={token}"
