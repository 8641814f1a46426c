"""/briefing: the briefing of the person's table, in short pages, and what was already sent."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
