"""The secretariat: invitations, progress, roadmap PDF, minutes and data exports."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
