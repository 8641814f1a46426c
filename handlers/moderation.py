"""A moderator's table: dashboard, review, edit, merge, reject, duplicates, audit."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
