"""/profile, /forget and /table: what the bot keeps about a person, and their table."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
