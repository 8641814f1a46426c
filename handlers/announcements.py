"""Announcements from a moderator to the table, sent in the background within Telegram's limits."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
