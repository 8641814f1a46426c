"""Invitation links people open on their phones: unguessable tokens inside Telegram deep links."""

from __future__ import annotations

import secrets

from telegram.helpers import create_deep_linked_url

TOKEN_BYTES = 18  # 24 url-safe characters: 144 bits, far beyond guessing, within Telegram's 64-char payload


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(payload: str) -> bool:
    return 16 <= len(payload) <= 64 and all(c.isalnum() or c in "-_" for c in payload) and payload.isascii()


def invitation_link(bot_username: str, token: str) -> str:
    return create_deep_linked_url(bot_username, token)
