"""Sending challenges, good practices and recommendations: guided conversations."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
