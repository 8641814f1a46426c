"""Phases: opened and closed by hand or by the agenda, with reminders, rebuilt after a restart."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
