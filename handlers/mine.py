"""/mine: a person's items, their status, editing and withdrawing while the phase is open."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
