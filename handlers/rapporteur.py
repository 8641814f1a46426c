"""The rapporteur: naming one per table, drafting the table's consolidated recommendations."""

from __future__ import annotations

from telegram.ext import Application


def register(app: Application) -> None:
    """Not built yet."""
